//! ECDH-ES key agreement (RFC 7518 §4.6): the shared secret with the sender's ephemeral key
//! (`epk`), through the Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::alg::KeyAlg;
use super::header::{header_bytes, header_error};
use super::key::{mismatch, DecryptionKey};
use crate::jose::alg::{Curve, Kty};
use crate::jose::base64url;
use crate::jose::error::{Error, Part};
use crate::jose::key::private::EcPrivateKey;

/// The key of `bits` agreed with the header's `epk`, for `algorithm_id` (the `enc` for direct
/// agreement, the `alg` when it wraps the CEK).
pub fn agree(
    alg: KeyAlg,
    header: &Map<String, Value>,
    key: &DecryptionKey,
    algorithm_id: &str,
    bits: usize,
) -> Result<Vec<u8>, Error> {
    let epk = header
        .get("epk")
        .and_then(Value::as_object)
        .ok_or_else(|| header_error("\"epk\" (the sender's ephemeral public key) is missing"))?;
    agree_with(alg, epk, key, header, algorithm_id, bits)
}

/// The key agreed between `public` (a public JWK's members) and the private `key`: the
/// recipient's side with the `epk`, or the sender's with its ephemeral key and the recipient's
/// public key. `header` gives `apu` and `apv`.
pub fn agree_with(
    alg: KeyAlg,
    public: &Map<String, Value>,
    key: &DecryptionKey,
    header: &Map<String, Value>,
    algorithm_id: &str,
    bits: usize,
) -> Result<Vec<u8>, Error> {
    let shared = shared_secret(alg, public, key)?;
    let party = |name: &str| match header.get(name) {
        None => Ok(Vec::new()),
        Some(_) => header_bytes(header, name),
    };
    let other_info = [
        length_prefixed(algorithm_id.as_bytes()),
        length_prefixed(&party("apu")?),
        length_prefixed(&party("apv")?),
        u32_be(bits).to_vec(),
    ]
    .concat();
    Ok(concat_kdf(&shared, &other_info, bits / 8))
}

fn shared_secret(
    alg: KeyAlg,
    epk: &Map<String, Value>,
    key: &DecryptionKey,
) -> Result<Vec<u8>, Error> {
    let member = |name: &str| {
        epk.get(name)
            .and_then(Value::as_str)
            .and_then(|text| base64url::decode_segment(text, Part::Header, 0).ok())
            .ok_or_else(|| header_error(format!("epk \"{name}\" is missing or not base64url")))
    };
    let crv = epk.get("crv").and_then(Value::as_str).unwrap_or_default();
    // An X25519 or X448 epk is an OKP key (RFC 8037 §3.2), whatever its `crv` says.
    let okp = || match epk
        .get("kty")
        .and_then(Value::as_str)
        .and_then(Kty::from_name)
    {
        Some(Kty::Okp) => Ok(()),
        _ => Err(header_error("the epk's \"kty\" is not \"OKP\"")),
    };
    match key {
        DecryptionKey::X25519(secret) => {
            if Curve::from_jwk_name(crv) != Some(Curve::X25519) {
                return Err(curve_mismatch(crv, Curve::X25519.jwk_name()));
            }
            okp()?;
            let public: [u8; 32] = member("x")?
                .try_into()
                .map_err(|_| header_error("an X25519 epk \"x\" is 32 bytes"))?;
            let shared = secret.diffie_hellman(&x25519_dalek::PublicKey::from(public));
            // A low-order epk forces an all-zero secret that the sender need not know.
            if !shared.was_contributory() {
                return Err(header_error("the X25519 epk is a low-order point"));
            }
            Ok(shared.as_bytes().to_vec())
        }
        DecryptionKey::X448(secret) => {
            if Curve::from_jwk_name(crv) != Some(Curve::X448) {
                return Err(curve_mismatch(crv, Curve::X448.jwk_name()));
            }
            okp()?;
            let low_order = || header_error("the X448 epk is a low-order point");
            // `from_bytes` refuses the low-order points (RFC 7748 §7).
            let public =
                x448::PublicKey::from_bytes(&member("x")?).ok_or_else(|| {
                    match member("x").map(|x| x.len()) {
                        Ok(56) => low_order(),
                        _ => header_error("an X448 epk \"x\" is 56 bytes"),
                    }
                })?;
            let shared = secret.diffie_hellman(&public);
            // An all-zero secret (a non-canonical low-order u) is refused (RFC 7748 §6.2).
            if shared.as_bytes().iter().all(|byte| *byte == 0) {
                return Err(low_order());
            }
            Ok(shared.as_bytes().to_vec())
        }
        DecryptionKey::Ec(ec) => {
            if Curve::from_jwk_name(crv) != Some(ec.curve()) {
                return Err(curve_mismatch(crv, ec.curve().jwk_name()));
            }
            let point = [vec![0x04], member("x")?, member("y")?].concat();
            let not_on_curve = || header_error(format!("the epk is not a point on {crv}"));
            // Reading the point checks it is on the curve (no invalid-curve attack).
            match &**ec {
                EcPrivateKey::P256(sk) => p256::PublicKey::from_sec1_bytes(&point)
                    .map(|epk| {
                        let secret = p256::SecretKey::from(sk);
                        let shared =
                            p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), epk.as_affine());
                        shared.raw_secret_bytes().to_vec()
                    })
                    .map_err(|_| not_on_curve()),
                EcPrivateKey::P384(sk) => p384::PublicKey::from_sec1_bytes(&point)
                    .map(|epk| {
                        let secret = p384::SecretKey::from(sk);
                        let shared =
                            p384::ecdh::diffie_hellman(secret.to_nonzero_scalar(), epk.as_affine());
                        shared.raw_secret_bytes().to_vec()
                    })
                    .map_err(|_| not_on_curve()),
                EcPrivateKey::P521(sk) => p521::PublicKey::from_sec1_bytes(&point)
                    .map(|epk| {
                        let secret = p521::SecretKey::from(sk);
                        let shared =
                            p521::ecdh::diffie_hellman(secret.to_nonzero_scalar(), epk.as_affine());
                        shared.raw_secret_bytes().to_vec()
                    })
                    .map_err(|_| not_on_curve()),
                EcPrivateKey::K256(_) => {
                    Err(header_error("ECDH-ES is not registered for secp256k1"))
                }
            }
        }
        other => Err(mismatch(alg, other)),
    }
}

fn curve_mismatch(epk: &str, key: &str) -> Error {
    header_error(format!("the epk is on {epk:?}, the key on {key}"))
}

/// Concat KDF: SHA-256(counter ‖ Z ‖ OtherInfo) for counter = 1, 2 …, truncated to `len`.
fn concat_kdf(shared: &[u8], other_info: &[u8], len: usize) -> Vec<u8> {
    let mut derived = Vec::with_capacity(len + 32);
    let mut counter: u32 = 1;
    while derived.len() < len {
        let mut hash = Sha256::new();
        hash.update(counter.to_be_bytes());
        hash.update(shared);
        hash.update(other_info);
        derived.extend_from_slice(&hash.finalize());
        counter = counter.wrapping_add(1);
    }
    derived.truncate(len);
    derived
}

fn length_prefixed(bytes: &[u8]) -> Vec<u8> {
    [&u32_be(bytes.len())[..], bytes].concat()
}

fn u32_be(value: usize) -> [u8; 4] {
    u32::try_from(value).unwrap_or(u32::MAX).to_be_bytes()
}
