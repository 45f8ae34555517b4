//! Ed448 public keys as the page holds them: 57 validated bytes, no arithmetic. Decoding the
//! point (and every Ed448 check) happens in the worker with RustCrypto, so the page's first
//! load carries no Ed448 code.

use std::fmt;

/// p = 2^448 − 2^224 − 1, little-endian.
const P: [u8; 56] = {
    let mut p = [0xff; 56];
    p[28] = 0xfe;
    p
};

/// Whether a 57-byte point encoding is canonical (RFC 8032 §5.2.3, step 1): its last byte holds
/// only the sign of x, and y is below p. ed448-goldilocks 0.14.0-pre.15 reduces y modulo p and
/// ignores the unused bits, so both are checked here, for keys and for a signature's R.
pub fn is_canonical(encoding: &[u8]) -> bool {
    let (Some(y), Some(last)) = (encoding.get(..56), encoding.get(56)) else {
        return false;
    };
    if encoding.len() != 57 || last & 0x7f != 0 {
        return false;
    }
    // y < p, comparing from the most significant byte.
    for (byte, limit) in y.iter().rev().zip(P.iter().rev()) {
        if byte != limit {
            return byte < limit;
        }
    }
    false
}

/// An Ed448 public key (RFC 8032 §5.2.2): the 57-byte encoding, checked for its length and for
/// a canonical encoding (`is_canonical`); whether it decodes to a point is the worker's to say.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ed448Public([u8; 57]);

impl Ed448Public {
    /// Reads the 57-byte encoding (JWK `x`, SPKI's bit string).
    pub fn from_bytes(bytes: &[u8]) -> Result<Ed448Public, String> {
        let bytes: [u8; 57] = bytes
            .try_into()
            .map_err(|_| format!("an Ed448 key is 57 bytes, not {}", bytes.len()))?;
        match is_canonical(&bytes) {
            true => Ok(Ed448Public(bytes)),
            false => Err("not a valid Ed448 point encoding".to_owned()),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// y = p − 1 is canonical; y = p, y = 2^448 − 1 and a set unused bit are not.
    #[test]
    fn only_canonical_encodings_are_read() {
        let mut below = [0u8; 57];
        below[..56].copy_from_slice(&P);
        below[0] = 0xfe;
        assert!(is_canonical(&below));
        let mut at_p = [0u8; 57];
        at_p[..56].copy_from_slice(&P);
        assert!(!is_canonical(&at_p));
        assert!(Ed448Public::from_bytes(&at_p).is_err());
        let mut all_ones = [0xffu8; 57];
        all_ones[56] = 0x80;
        assert!(!is_canonical(&all_ones));
        let mut unused = [0u8; 57];
        unused[56] = 0x01;
        assert!(!is_canonical(&unused));
        assert!(is_canonical(&[0u8; 57]));
        assert!(!is_canonical(&[0u8; 56]));
    }
}
