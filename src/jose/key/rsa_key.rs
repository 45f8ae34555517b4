//! RSA public keys from their big-endian components, with limits wide enough to show weak keys.

use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PublicKey as RsaPublicKey};

/// Smallest modulus accepted at all; anything under 2048 bits is still flagged as weak.
const MIN_BITS: usize = 512;
/// Largest modulus accepted, to bound verification time.
const MAX_BITS: usize = 16384;

/// Builds a public key from the modulus and exponent (big-endian, leading zeros allowed).
pub fn from_components(n: &[u8], e: &[u8]) -> Result<RsaPublicKey, String> {
    let n = BoxedUint::from_be_slice_vartime(strip_leading_zeros(n));
    let e = BoxedUint::from_be_slice_vartime(strip_leading_zeros(e));
    RsaPublicKey::new_with_size_limits(n, e, MIN_BITS..=MAX_BITS).map_err(|err| match err {
        rsa::Error::ModulusTooSmall => format!("the modulus is under {MIN_BITS} bits"),
        rsa::Error::ModulusTooLarge => format!("the modulus is over {MAX_BITS} bits"),
        rsa::Error::PublicExponentTooSmall => {
            "the public exponent is below 3, so anyone can forge signatures".to_owned()
        }
        rsa::Error::PublicExponentTooLarge => "the public exponent is too large".to_owned(),
        rsa::Error::InvalidExponent => "the public exponent is even".to_owned(),
        rsa::Error::InvalidModulus => "the modulus is not a valid RSA modulus".to_owned(),
        other => format!("the key is not valid ({other})"),
    })
}

/// The modulus size in bits.
pub fn modulus_bits(key: &RsaPublicKey) -> usize {
    key.n().bit_width_vartime() as usize
}

/// The modulus, big-endian without leading zeros (as a JWK's `n`).
pub fn modulus(key: &RsaPublicKey) -> Vec<u8> {
    strip_leading_zeros(&key.n_bytes()).to_vec()
}

/// The public exponent, big-endian without leading zeros (as a JWK's `e`).
pub fn exponent(key: &RsaPublicKey) -> Vec<u8> {
    strip_leading_zeros(&key.e_bytes()).to_vec()
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(first..).unwrap_or_default()
}
