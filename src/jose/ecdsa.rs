//! ECDSA with fixed-length r‖s signatures (RFC 7518 §3.4): ES256, ES384, ES512, ES256K.

use p256::ecdsa::signature::hazmat::PrehashVerifier;

use super::alg::Hash;
use super::key::EcKey;

/// Verifies a raw r‖s signature over `input`, hashed with the algorithm's hash from the table.
/// The signature must be exactly twice the curve's size; r and s must be in [1, n-1].
pub fn verify(hash: Hash, key: &EcKey, input: &[u8], signature: &[u8]) -> bool {
    let digest = hash.digest(input);
    match key {
        EcKey::P256(key) => p256::ecdsa::Signature::from_slice(signature)
            .is_ok_and(|sig| key.verify_prehash(&digest, &sig).is_ok()),
        EcKey::P384(key) => p384::ecdsa::Signature::from_slice(signature)
            .is_ok_and(|sig| key.verify_prehash(&digest, &sig).is_ok()),
        EcKey::P521(key) => p521::ecdsa::Signature::from_slice(signature)
            .is_ok_and(|sig| key.verify_prehash(&digest, &sig).is_ok()),
        EcKey::K256(key) => verify_k256(hash, key, input, signature),
    }
}

/// ES256K alone: the page runs it here (WebCrypto has no secp256k1) without linking the NIST
/// curves' verification, which WebCrypto or the worker run instead.
pub fn verify_k256(
    hash: Hash,
    key: &k256::ecdsa::VerifyingKey,
    input: &[u8],
    signature: &[u8],
) -> bool {
    let digest = hash.digest(input);
    // k256 refuses high-S signatures (a Bitcoin rule); JOSE's ES256K (RFC 8812) accepts both,
    // and (r, s) is valid exactly when (r, n - s) is, so normalise first.
    k256::ecdsa::Signature::from_slice(signature)
        .is_ok_and(|sig| key.verify_prehash(&digest, &sig.normalize_s()).is_ok())
}

/// True when r or s of a correctly sized signature is zero: the "psychic signature"
/// (CVE-2022-21449) that broken verifiers accept.
pub fn has_zero_component(signature: &[u8], coordinate_len: usize) -> bool {
    signature.len() == 2 * coordinate_len
        && signature
            .chunks(coordinate_len)
            .any(|half| half.iter().all(|byte| *byte == 0))
}

/// A DER ECDSA signature (X.509's, OpenSSL's, Java's) as fixed-length r‖s on the key's curve; `None` when it is not
/// a valid signature encoding there (r or s out of range, trailing bytes …).
pub fn der_to_fixed(key: &EcKey, signature: &[u8]) -> Option<Vec<u8>> {
    match key {
        EcKey::P256(_) => p256::ecdsa::Signature::from_der(signature)
            .ok()
            .map(|sig| sig.to_bytes().to_vec()),
        EcKey::P384(_) => p384::ecdsa::Signature::from_der(signature)
            .ok()
            .map(|sig| sig.to_bytes().to_vec()),
        EcKey::P521(_) => p521::ecdsa::Signature::from_der(signature)
            .ok()
            .map(|sig| sig.to_bytes().to_vec()),
        EcKey::K256(_) => k256::ecdsa::Signature::from_der(signature)
            .ok()
            .map(|sig| sig.to_bytes().to_vec()),
    }
}
