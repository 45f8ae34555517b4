//! HMAC-SHA2 for HS256/384/512 (RFC 7518 §3.2), via RustCrypto.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::alg::Hash;

/// Computes the HMAC tag of `input` under `key`.
pub fn sign(hash: Hash, key: &[u8], input: &[u8]) -> Vec<u8> {
    match hash {
        Hash::Sha256 => tag::<Hmac<Sha256>>(key, input),
        Hash::Sha384 => tag::<Hmac<Sha384>>(key, input),
        Hash::Sha512 => tag::<Hmac<Sha512>>(key, input),
    }
}

/// Checks `tag` in constant time; a tag of the wrong length is simply a mismatch.
pub fn verify(hash: Hash, key: &[u8], input: &[u8], tag: &[u8]) -> bool {
    match hash {
        Hash::Sha256 => check::<Hmac<Sha256>>(key, input, tag),
        Hash::Sha384 => check::<Hmac<Sha384>>(key, input, tag),
        Hash::Sha512 => check::<Hmac<Sha512>>(key, input, tag),
    }
}

fn keyed<M: Mac + KeyInit>(key: &[u8], input: &[u8]) -> Option<M> {
    // HMAC accepts keys of any length, so this never fails in practice.
    let mut mac = <M as KeyInit>::new_from_slice(key).ok()?;
    mac.update(input);
    Some(mac)
}

fn tag<M: Mac + KeyInit>(key: &[u8], input: &[u8]) -> Vec<u8> {
    keyed::<M>(key, input)
        .map(|mac| mac.finalize().into_bytes().to_vec())
        .unwrap_or_default()
}

fn check<M: Mac + KeyInit>(key: &[u8], input: &[u8], tag: &[u8]) -> bool {
    keyed::<M>(key, input).is_some_and(|mac| mac.verify_slice(tag).is_ok())
}
