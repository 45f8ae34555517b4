//! RSASSA-PKCS1-v1_5 (RS*) and RSASSA-PSS (PS*, salt length = hash length), via the `rsa` crate.

use rsa::signature::Verifier;
use rsa::{pkcs1v15, pss, PublicKey};
use sha2::{Sha256, Sha384, Sha512};

use super::alg::Hash;

/// Verifies an RS256/384/512 signature.
pub fn verify_pkcs1(hash: Hash, key: &PublicKey, input: &[u8], signature: &[u8]) -> bool {
    let Ok(signature) = pkcs1v15::Signature::try_from(signature) else {
        return false;
    };
    let key = key.clone();
    match hash {
        Hash::Sha256 => pkcs1v15::VerifyingKey::<Sha256>::new(key).verify(input, &signature),
        Hash::Sha384 => pkcs1v15::VerifyingKey::<Sha384>::new(key).verify(input, &signature),
        Hash::Sha512 => pkcs1v15::VerifyingKey::<Sha512>::new(key).verify(input, &signature),
    }
    .is_ok()
}

/// Verifies a PS256/384/512 signature; JOSE fixes the salt length to the hash length
/// (RFC 7518 §3.5), which `pss::VerifyingKey::new` enforces.
pub fn verify_pss(hash: Hash, key: &PublicKey, input: &[u8], signature: &[u8]) -> bool {
    let Ok(signature) = pss::Signature::try_from(signature) else {
        return false;
    };
    let key = key.clone();
    match hash {
        Hash::Sha256 => pss::VerifyingKey::<Sha256>::new(key).verify(input, &signature),
        Hash::Sha384 => pss::VerifyingKey::<Sha384>::new(key).verify(input, &signature),
        Hash::Sha512 => pss::VerifyingKey::<Sha512>::new(key).verify(input, &signature),
    }
    .is_ok()
}

/// Verifies an RSASSA-PSS signature whose salt length is given, as X.509's RSASSA-PSS-params
/// give it (RFC 4055 §3.1); MGF1 uses the same hash, the only form the `rsa` crate runs.
pub fn verify_pss_salt(
    hash: Hash,
    key: &PublicKey,
    salt_len: usize,
    input: &[u8],
    signature: &[u8],
) -> bool {
    let Ok(signature) = pss::Signature::try_from(signature) else {
        return false;
    };
    let key = key.clone();
    match hash {
        Hash::Sha256 => {
            pss::VerifyingKey::<Sha256>::new_with_salt_len(key, salt_len).verify(input, &signature)
        }
        Hash::Sha384 => {
            pss::VerifyingKey::<Sha384>::new_with_salt_len(key, salt_len).verify(input, &signature)
        }
        Hash::Sha512 => {
            pss::VerifyingKey::<Sha512>::new_with_salt_len(key, salt_len).verify(input, &signature)
        }
    }
    .is_ok()
}
