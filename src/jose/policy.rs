//! The minimum key sizes, written once: the findings, the strict verdict and the encoder all
//! ask here, so they can never disagree about what is too weak.

use super::alg::Alg;

/// Smallest RSA modulus accepted, in bits (RFC 7518 §3.3).
pub const MIN_RSA_BITS: usize = 2048;

/// A key below the minimum for an algorithm, and by how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weakness {
    /// An HMAC secret of `bytes` where the algorithm's hash needs `needed` (RFC 7518 §3.2).
    ShortSecret { bytes: usize, needed: usize },
    /// An RSA modulus of `bits` (RFC 7518 §3.3).
    WeakRsa { bits: usize },
}

/// Whether an HMAC secret of `bytes` is too short for `alg`: it must be at least as long as
/// the hash output.
pub fn short_secret(alg: Alg, bytes: usize) -> Option<Weakness> {
    let needed = alg.hash().map_or(0, |hash| hash.output_len());
    (bytes < needed).then_some(Weakness::ShortSecret { bytes, needed })
}

/// Whether an RSA modulus of `bits` is too small for any RSA algorithm.
pub fn weak_rsa(bits: usize) -> Option<Weakness> {
    (bits < MIN_RSA_BITS).then_some(Weakness::WeakRsa { bits })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimums_follow_rfc_7518() {
        assert_eq!(short_secret(Alg::HS256, 32), None);
        assert_eq!(
            short_secret(Alg::HS512, 63),
            Some(Weakness::ShortSecret {
                bytes: 63,
                needed: 64
            })
        );
        assert_eq!(weak_rsa(2048), None);
        assert_eq!(weak_rsa(2047), Some(Weakness::WeakRsa { bits: 2047 }));
    }
}
