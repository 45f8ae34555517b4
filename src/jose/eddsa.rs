//! EdDSA over Ed25519 (RFC 8037), with strict verification (canonical S, no small-order keys).

/// Verifies a 64-byte Ed25519 signature.
pub fn verify(key: &ed25519_dalek::VerifyingKey, input: &[u8], signature: &[u8]) -> bool {
    ed25519_dalek::Signature::from_slice(signature)
        .is_ok_and(|signature| key.verify_strict(input, &signature).is_ok())
}
