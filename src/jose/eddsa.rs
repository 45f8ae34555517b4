//! EdDSA over Ed25519 and Ed448 (RFC 8037, RFC 8032), with strict verification (canonical S,
//! no small-order Ed25519 keys).

/// Verifies a 64-byte Ed25519 signature.
pub fn verify(key: &ed25519_dalek::VerifyingKey, input: &[u8], signature: &[u8]) -> bool {
    ed25519_dalek::Signature::from_slice(signature)
        .is_ok_and(|signature| key.verify_strict(input, &signature).is_ok())
}

/// Verifies a 114-byte Ed448 signature (pure Ed448: no context, no prehash) with
/// ed448-goldilocks, which refuses a non-canonical S; a non-canonical R is refused here, and a
/// key whose bytes are not a point verifies nothing. The worker runs this, never the page.
pub fn verify_ed448(
    key: &crate::jose::key::ed448::Ed448Public,
    input: &[u8],
    signature: &[u8],
) -> bool {
    let Some(key) = key.verifying_key() else {
        return false;
    };
    // R must be a canonical encoding: bits 448 to 454 set (Wycheproof ed448_test tcIds 63–65)
    // or y ≥ p are no point (RFC 8032 §5.2.3), and ed448-goldilocks 0.14.0-pre.15 takes both.
    if signature.len() != 114
        || !signature
            .get(..57)
            .is_some_and(crate::jose::key::ed448::is_canonical)
    {
        return false;
    }
    ed448_goldilocks::Signature::from_slice(signature)
        .is_ok_and(|signature| key.verify_raw(&signature, input).is_ok())
}
