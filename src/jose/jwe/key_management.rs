//! Recovering the content encryption key (CEK) for each key management algorithm
//! (RFC 7518 §4): direct, AES key wrap, AES-GCM key wrap, RSA, ECDH-ES and PBES2.

use aes_gcm::KeyInit;
use rsa::{Oaep, Pkcs1v15Encrypt};
use serde_json::{Map, Value};

use super::alg::{EncAlg, KeyAlg, OaepHash};
use super::content;
use super::ecdh;
use super::header::header_bytes;
use super::key::{mismatch, DecryptionKey};
use super::pbkdf2::{Derivation, Pbes2};
use crate::jose::error::Error;

/// The key did not unwrap the CEK: a wrong key or an altered token, not told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnwrapFailed;

/// The CEK, or why this key cannot be used for `alg` at all (an error), or that it did not
/// unwrap (`Ok(Err(UnwrapFailed))`). PBES2 takes its derived key from `pbes2` when it is there.
pub fn content_key(
    alg: KeyAlg,
    enc: EncAlg,
    header: &Map<String, Value>,
    encrypted_key: &[u8],
    key: &DecryptionKey,
    pbes2: &Pbes2,
) -> Result<Result<Vec<u8>, UnwrapFailed>, Error> {
    let cek = match alg {
        KeyAlg::Dir => {
            let secret = secret_of_len(alg, key, enc.key_len())?;
            if !encrypted_key.is_empty() {
                return Err(Error::JweStructure {
                    detail: "with alg dir the encrypted key must be empty".to_owned(),
                });
            }
            Ok(secret.to_vec())
        }
        KeyAlg::AesKw(size) => aes_unwrap(secret_of_len(alg, key, size.bytes())?, encrypted_key),
        KeyAlg::AesGcmKw(size) => {
            let kek = secret_of_len(alg, key, size.bytes())?;
            let iv = header_bytes(header, "iv")?;
            let tag = header_bytes(header, "tag")?;
            gcm_unwrap(kek, &iv, &tag, encrypted_key)
        }
        KeyAlg::RsaOaep(hash) => {
            let rsa = rsa_key(alg, key)?;
            let cek = match hash {
                OaepHash::Sha1 => rsa.decrypt(Oaep::<sha1::Sha1>::new(), encrypted_key),
                OaepHash::Sha256 => rsa.decrypt(Oaep::<sha2::Sha256>::new(), encrypted_key),
            };
            cek.map_err(|_| UnwrapFailed)
        }
        KeyAlg::Rsa1_5 => {
            let rsa = rsa_key(alg, key)?;
            // RFC 7516 §11.5: on a padding failure go on with a random CEK, so the failure
            // shows only at the tag check and the page is no padding oracle.
            match rsa.decrypt(Pkcs1v15Encrypt, encrypted_key) {
                Ok(cek) if cek.len() == enc.key_len() => Ok(cek),
                _ => Ok(random_key(enc.key_len())?),
            }
        }
        KeyAlg::EcdhEs(wrap) => {
            let (algorithm_id, bits) = match wrap {
                None => (enc.name(), enc.key_len() * 8),
                Some(size) => (alg.name(), size.bits()),
            };
            let agreed = ecdh::agree(alg, header, key, algorithm_id, bits)?;
            match wrap {
                None if encrypted_key.is_empty() => Ok(agreed),
                None => {
                    return Err(Error::JweStructure {
                        detail: "with alg ECDH-ES the encrypted key must be empty".to_owned(),
                    })
                }
                Some(_) => aes_unwrap(&agreed, encrypted_key),
            }
        }
        KeyAlg::Pbes2(size) => {
            let password = match key {
                DecryptionKey::Secret(password) => password,
                other => return Err(mismatch(alg, other)),
            };
            let kek = pbes2.key(&Derivation::of_header(alg, size, header)?, password);
            aes_unwrap(&kek, encrypted_key)
        }
    };
    Ok(cek.and_then(|cek| {
        if cek.len() == enc.key_len() {
            Ok(cek)
        } else {
            Err(UnwrapFailed)
        }
    }))
}

fn secret_of_len(alg: KeyAlg, key: &DecryptionKey, len: usize) -> Result<&[u8], Error> {
    match key {
        DecryptionKey::Secret(secret) if secret.len() == len => Ok(secret),
        DecryptionKey::Secret(secret) => Err(Error::KeyMismatch {
            alg: alg.name(),
            expected: format!("a {len}-byte secret"),
            found: format!("secret of {} bytes", secret.len()),
        }),
        other => Err(mismatch(alg, other)),
    }
}

fn rsa_key(alg: KeyAlg, key: &DecryptionKey) -> Result<&rsa::PrivateKey, Error> {
    match key {
        DecryptionKey::Rsa(rsa) => Ok(rsa),
        other => Err(mismatch(alg, other)),
    }
}

fn aes_unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Vec<u8>, UnwrapFailed> {
    let mut buffer = vec![0u8; wrapped.len()];
    let unwrapped = match kek.len() {
        16 => aes_kw::KwAes128::new_from_slice(kek)
            .map_err(|_| UnwrapFailed)?
            .unwrap_key(wrapped, &mut buffer)
            .map(<[u8]>::to_vec),
        24 => aes_kw::KwAes192::new_from_slice(kek)
            .map_err(|_| UnwrapFailed)?
            .unwrap_key(wrapped, &mut buffer)
            .map(<[u8]>::to_vec),
        _ => aes_kw::KwAes256::new_from_slice(kek)
            .map_err(|_| UnwrapFailed)?
            .unwrap_key(wrapped, &mut buffer)
            .map(<[u8]>::to_vec),
    };
    unwrapped.map_err(|_| UnwrapFailed)
}

/// Wraps the CEK with AES Key Wrap (RFC 3394).
pub fn aes_wrap(kek: &[u8], cek: &[u8]) -> Option<Vec<u8>> {
    let mut buffer = vec![0u8; cek.len() + 8];
    let wrapped = match kek.len() {
        16 => aes_kw::KwAes128::new_from_slice(kek)
            .ok()?
            .wrap_key(cek, &mut buffer)
            .ok()?
            .to_vec(),
        24 => aes_kw::KwAes192::new_from_slice(kek)
            .ok()?
            .wrap_key(cek, &mut buffer)
            .ok()?
            .to_vec(),
        _ => aes_kw::KwAes256::new_from_slice(kek)
            .ok()?
            .wrap_key(cek, &mut buffer)
            .ok()?
            .to_vec(),
    };
    Some(wrapped)
}

/// Encrypts the CEK with AES-GCM under the KEK: the encrypted key and its tag.
pub fn gcm_wrap(kek: &[u8], iv: &[u8], cek: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    content::gcm_seal(kek, iv, cek, &[])
}

fn gcm_unwrap(kek: &[u8], iv: &[u8], tag: &[u8], wrapped: &[u8]) -> Result<Vec<u8>, UnwrapFailed> {
    if tag.len() != 16 {
        return Err(UnwrapFailed);
    }
    content::gcm_open(kek, iv, wrapped, tag, &[]).map_err(|_| UnwrapFailed)
}

/// Random bytes from the system (the browser's crypto in the page).
pub fn random_key(len: usize) -> Result<Vec<u8>, Error> {
    let mut key = vec![0u8; len];
    getrandom::fill(&mut key).map_err(|err| Error::NoRandomness {
        purpose: "a content key",
        detail: err.to_string(),
    })?;
    Ok(key)
}
