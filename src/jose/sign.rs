//! Signing, for the encoder: every algorithm of the `Alg` table, refusing what a careful issuer
//! must not produce (an unsecured token, an HMAC key shorter than the hash, RSA under 2048 bits);
//! the weak keys sign only when the user asks to allow them (`sign_allowing_weak`), for testing
//! verifiers.
//! HS, RS, ES (RFC 6979), EdDSA and ML-DSA (FIPS 204's deterministic variant) signatures are
//! deterministic; PS draws its salt from the
//! system's randomness (the browser's crypto in the page).

use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use rsa::{pkcs1v15, pss};
use sha2::{Sha256, Sha384, Sha512};

use super::alg::{Alg, Curve, Family, Hash};
use super::base64url;
use super::error::Error;
use super::hmac;
use super::key::private::{EcPrivateKey, PrivateKey};
use super::key::{needed_for, rsa_key};
use super::policy::{self, Weakness, MIN_RSA_BITS};

/// Signs `input` (the `header.payload` text) with `key` for `alg`, refusing weak keys.
pub fn sign(alg: Alg, key: &PrivateKey, input: &[u8]) -> Result<Vec<u8>, Error> {
    sign_allowing_weak(alg, key, input, false)
}

/// Signs like `sign`; with `allow_weak`, a short HMAC secret or an RSA key under 2048 bits signs
/// anyway. What cannot work at all (alg `none`, a key of the wrong type, an RSA modulus too
/// small to hold the padded hash) is still refused.
pub fn sign_allowing_weak(
    alg: Alg,
    key: &PrivateKey,
    input: &[u8],
    allow_weak: bool,
) -> Result<Vec<u8>, Error> {
    let refuse = |reason: String| Err(Error::SigningRefused { reason });
    match (alg.family(), alg.hash(), key) {
        (Family::Unsecured, _, _) => refuse(
            "alg none makes an unsecured token that anyone can forge; choose a signing algorithm"
                .to_owned(),
        ),
        (Family::Hmac, Some(hash), PrivateKey::Secret(secret)) => {
            if let Some(Weakness::ShortSecret { bytes, needed }) =
                policy::short_secret(alg, secret.len()).filter(|_| !allow_weak)
            {
                return refuse(format!(
                    "the secret is {bytes} bytes; {} needs at least {needed} (RFC 7518 §3.2)",
                    alg.name(),
                ));
            }
            Ok(hmac::sign(hash, secret.bytes(), input))
        }
        (Family::RsaPkcs1 | Family::RsaPss, Some(hash), PrivateKey::Rsa(rsa)) => {
            let bits = rsa_key::modulus_bits(&rsa_key::RsaPublic::of(&rsa.to_public_key()));
            if policy::weak_rsa(bits).is_some() && !allow_weak {
                return refuse(format!(
                    "the RSA key has {bits} bits; at least {MIN_RSA_BITS} are required (RFC 7518 §3.3)"
                ));
            }
            let pss = alg.family() == Family::RsaPss;
            let needed = rsa_room_needed(hash, pss);
            // PSS encodes into one bit less than the modulus.
            let room = match pss {
                true => bits.saturating_sub(1).div_ceil(8),
                false => bits.div_ceil(8),
            };
            if room < needed {
                return refuse(format!(
                    "the RSA key has {bits} bits, too few to hold a {} signature (it needs at least {} bytes of modulus)",
                    alg.name(),
                    needed
                ));
            }
            let key = (**rsa).clone();
            match pss {
                true => pss_sign(hash, key, input),
                false => pkcs1_sign(hash, key, input),
            }
        }
        (Family::Ecdsa, Some(hash), PrivateKey::Ec(ec)) if alg.curve() == Some(ec.curve()) => {
            ecdsa_sign(ec, &hash.digest(input))
        }
        (Family::EdDsa, _, PrivateKey::Ed25519(ed)) if alg.accepts_curve(Curve::Ed25519) => {
            use ed25519_dalek::Signer as _;
            Ok(ed.sign(input).to_bytes().to_vec())
        }
        (Family::MlDsa(set), _, PrivateKey::MlDsa(key)) if key.set() == set => key
            .sign(input)
            .map_err(|reason| Error::SigningRefused { reason }),
        // Pure Ed448 (RFC 8032 §5.2.6: no context, no prehash).
        (Family::EdDsa, _, PrivateKey::Ed448(ed)) if alg.accepts_curve(Curve::Ed448) => {
            Ok(ed.sign_raw(input).to_bytes().to_vec())
        }
        (_, _, key) => Err(Error::KeyMismatch {
            alg: alg.name(),
            expected: needed_for(alg).replace("public key", "private key"),
            found: key.public().describe().replace("public key", "private key"),
        }),
    }
}

/// The compact JWS for a header and payload given as text (encoded exactly as given), signed
/// for the header's `alg`; weak keys are refused.
pub fn encode(alg: Alg, header: &str, payload: &[u8], key: &PrivateKey) -> Result<String, Error> {
    encode_allowing_weak(alg, header, payload, key, false)
}

/// The compact JWS like `encode`; with `allow_weak`, weak keys sign anyway (see
/// `sign_allowing_weak`).
pub fn encode_allowing_weak(
    alg: Alg,
    header: &str,
    payload: &[u8],
    key: &PrivateKey,
    allow_weak: bool,
) -> Result<String, Error> {
    let input = format!(
        "{}.{}",
        base64url::encode(header.as_bytes()),
        base64url::encode(payload)
    );
    let signature = sign_allowing_weak(alg, key, input.as_bytes(), allow_weak)?;
    Ok(format!("{input}.{}", base64url::encode(&signature)))
}

/// The modulus bytes a signature needs: PKCS#1 v1.5 holds the DigestInfo (19 bytes and the
/// hash) and 11 bytes of padding (RFC 8017 §9.2); PSS the hash, a salt as long and 2 bytes
/// (§9.1.1).
fn rsa_room_needed(hash: Hash, pss: bool) -> usize {
    let len = hash.output_len();
    match pss {
        true => 2 * len + 2,
        false => 19 + len + 11,
    }
}

fn pkcs1_sign(hash: Hash, key: rsa::PrivateKey, input: &[u8]) -> Result<Vec<u8>, Error> {
    let signed = match hash {
        Hash::Sha256 => pkcs1v15::SigningKey::<Sha256>::new(key).try_sign(input),
        Hash::Sha384 => pkcs1v15::SigningKey::<Sha384>::new(key).try_sign(input),
        Hash::Sha512 => pkcs1v15::SigningKey::<Sha512>::new(key).try_sign(input),
    };
    signed
        .map(|signature| signature.to_vec())
        .map_err(|err| Error::SigningRefused {
            reason: format!("the RSA signature could not be computed: {err}"),
        })
}

/// RSA-PSS with a salt as long as the hash (RFC 7518 §3.5), drawn from the system's randomness.
fn pss_sign(hash: Hash, key: rsa::PrivateKey, input: &[u8]) -> Result<Vec<u8>, Error> {
    let mut rng = getrandom::SysRng;
    let signed = match hash {
        Hash::Sha256 => pss::SigningKey::<Sha256>::new(key).try_sign_with_rng(&mut rng, input),
        Hash::Sha384 => pss::SigningKey::<Sha384>::new(key).try_sign_with_rng(&mut rng, input),
        Hash::Sha512 => pss::SigningKey::<Sha512>::new(key).try_sign_with_rng(&mut rng, input),
    };
    signed
        .map(|signature| signature.to_vec())
        .map_err(|err| Error::NoRandomness {
            purpose: "the PSS salt",
            detail: err.to_string(),
        })
}

/// ECDSA over the table's hash, deterministic (RFC 6979), as the fixed-size r‖s JOSE uses.
fn ecdsa_sign(key: &EcPrivateKey, digest: &[u8]) -> Result<Vec<u8>, Error> {
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    let failed = |_| Error::SigningRefused {
        reason: "the ECDSA signature could not be computed".to_owned(),
    };
    match key {
        EcPrivateKey::P256(key) => {
            PrehashSigner::<p256::ecdsa::Signature>::sign_prehash(key, digest)
                .map(|sig| sig.to_bytes().to_vec())
                .map_err(failed)
        }
        EcPrivateKey::P384(key) => {
            PrehashSigner::<p384::ecdsa::Signature>::sign_prehash(key, digest)
                .map(|sig| sig.to_bytes().to_vec())
                .map_err(failed)
        }
        EcPrivateKey::P521(key) => {
            PrehashSigner::<p521::ecdsa::Signature>::sign_prehash(key, digest)
                .map(|sig| sig.to_bytes().to_vec())
                .map_err(failed)
        }
        EcPrivateKey::K256(key) => {
            PrehashSigner::<k256::ecdsa::Signature>::sign_prehash(key, digest)
                .map(|sig| sig.to_bytes().to_vec())
                .map_err(failed)
        }
    }
}
