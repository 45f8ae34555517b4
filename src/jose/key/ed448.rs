//! Ed448 public keys as the page holds them: 57 validated bytes, no arithmetic. Decoding the
//! point (and every Ed448 check) happens in the worker with RustCrypto, so the page's first
//! load carries no Ed448 code.

use std::fmt;

/// An Ed448 public key (RFC 8032 §5.2.2): the 57-byte encoding, checked for its length and for
/// the unused bits of its last byte; whether it decodes to a point is the worker's to say.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ed448Public([u8; 57]);

impl Ed448Public {
    /// Reads the 57-byte encoding (JWK `x`, SPKI's bit string).
    pub fn from_bytes(bytes: &[u8]) -> Result<Ed448Public, String> {
        let bytes: [u8; 57] = bytes
            .try_into()
            .map_err(|_| format!("an Ed448 key is 57 bytes, not {}", bytes.len()))?;
        // The last byte holds only the sign of x (RFC 8032 §5.2.2).
        match bytes.last() {
            Some(last) if last & 0x7f == 0 => Ok(Ed448Public(bytes)),
            _ => Err("not a valid Ed448 point encoding".to_owned()),
        }
    }

    /// The encoding of a point RustCrypto computed (a private key's public half), valid by
    /// construction.
    pub fn computed(bytes: [u8; 57]) -> Ed448Public {
        Ed448Public(bytes)
    }

    /// The 57-byte encoding.
    pub fn as_bytes(&self) -> &[u8; 57] {
        &self.0
    }

    /// The key as RustCrypto's, or `None` when the bytes are not a point on the curve. Only
    /// the worker's paths call this.
    pub fn verifying_key(&self) -> Option<ed448_goldilocks::VerifyingKey> {
        ed448_goldilocks::VerifyingKey::from_bytes(&self.0).ok()
    }
}

impl fmt::Debug for Ed448Public {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ed448Public")
    }
}
