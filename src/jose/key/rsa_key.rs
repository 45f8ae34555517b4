//! RSA public keys from their big-endian components, with limits wide enough to show weak keys.
//! The page keeps only the components (checked for size and parity); the RustCrypto key, whose
//! set-up needs a bignum library the page would otherwise carry, is made where it is used:
//! verifying in the worker or natively, encrypting, writing PEM.

use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PublicKey};

/// Smallest modulus accepted at all; anything under 2048 bits is still flagged as weak.
const MIN_BITS: usize = 512;
/// Largest modulus accepted, to bound verification time.
const MAX_BITS: usize = 16384;
/// The largest public exponent RustCrypto takes (2^33 - 1).
const MAX_EXPONENT: u64 = (1 << 33) - 1;

/// An RSA public key as its modulus and exponent, big-endian without leading zeros.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RsaPublic {
    n: Vec<u8>,
    e: Vec<u8>,
}

/// Builds a public key from the modulus and exponent (big-endian, leading zeros allowed),
/// refusing what RustCrypto would refuse, with the reason.
pub fn from_components(n: &[u8], e: &[u8]) -> Result<RsaPublic, String> {
    let key = RsaPublic {
        n: strip_leading_zeros(n).to_vec(),
        e: strip_leading_zeros(e).to_vec(),
    };
    let bits = modulus_bits(&key);
    if bits < MIN_BITS {
        return Err(format!("the modulus is under {MIN_BITS} bits"));
    }
    if bits > MAX_BITS {
        return Err(format!("the modulus is over {MAX_BITS} bits"));
    }
    if key.n.last().is_none_or(|low| low % 2 == 0) {
        return Err("the modulus is not a valid RSA modulus".to_owned());
    }
    let exponent = match key.e.len() {
        0..=8 => key
            .e
            .iter()
            .fold(0_u64, |acc, byte| acc << 8 | u64::from(*byte)),
        _ => return Err("the public exponent is too large".to_owned()),
    };
    if exponent % 2 == 0 {
        return Err("the public exponent is even".to_owned());
    }
    if exponent < 3 {
        return Err("the public exponent is below 3, so anyone can forge signatures".to_owned());
    }
    if exponent > MAX_EXPONENT {
        return Err("the public exponent is too large".to_owned());
    }
    Ok(key)
}

impl RsaPublic {
    /// The components of a RustCrypto key.
    pub fn of(key: &PublicKey) -> RsaPublic {
        RsaPublic {
            n: strip_leading_zeros(&key.n_bytes()).to_vec(),
            e: strip_leading_zeros(&key.e_bytes()).to_vec(),
        }
    }

    /// The RustCrypto key, for verifying, encrypting and writing PEM.
    pub fn to_public_key(&self) -> Result<PublicKey, String> {
        let n = BoxedUint::from_be_slice_vartime(&self.n);
        let e = BoxedUint::from_be_slice_vartime(&self.e);
        PublicKey::new_with_size_limits(n, e, MIN_BITS..=MAX_BITS)
            .map_err(|err| format!("the RSA key is not valid ({err})"))
    }
}

/// The modulus size in bits.
pub fn modulus_bits(key: &RsaPublic) -> usize {
    match key.n.first() {
        Some(top) => (key.n.len() - 1) * 8 + (8 - top.leading_zeros() as usize),
        None => 0,
    }
}

/// The modulus, big-endian without leading zeros (as a JWK's `n`).
pub fn modulus(key: &RsaPublic) -> Vec<u8> {
    key.n.clone()
}

/// The public exponent, big-endian without leading zeros (as a JWK's `e`).
pub fn exponent(key: &RsaPublic) -> Vec<u8> {
    key.e.clone()
}

/// Big-endian bytes without leading zeros, as JWK members carry integers (RFC 7518 §2).
pub fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(first..).unwrap_or_default()
}
