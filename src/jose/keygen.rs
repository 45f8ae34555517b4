//! Key generation for the key workshop, with the system's randomness (the browser's
//! crypto.getRandomValues in the page). Every kind is described once, in `KeyKind::ALL`.

use getrandom::rand_core::UnwrapErr;
use getrandom::SysRng;
use p256::elliptic_curve::Generate;
use rsa::traits::PublicKeyParts;

use super::alg::{Alg, Curve, Hash, MlDsaSet};
use super::error::Error;
use super::key::private::{EcPrivateKey, PrivateKey};
use super::key::Secret;
use super::mldsa::MlDsaPrivate;

/// A kind of key the workshop makes; `name` is the page's `keygen-type` option value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// An HMAC secret as long as the hash's output (RFC 7518 §3.2).
    Oct(Hash),
    Rsa(RsaSize),
    Ec(Curve),
    Ed25519,
    Ed448,
    /// An ML-DSA key from a random 32-byte seed (FIPS 204 Algorithm 1).
    MlDsa(MlDsaSet),
}

/// A `generateKey` call for WebCrypto: RSASSA-PKCS1-v1_5 with e = 65537 and SHA-256 (the
/// hash is WebCrypto's label on the key, not part of it), ECDSA on a named curve, or Ed25519.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowserKeygen {
    Rsa { modulus_bits: usize },
    Ecdsa { named_curve: &'static str },
    Ed25519,
}

/// The RSA modulus sizes the workshop makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsaSize {
    Rsa2048,
    Rsa3072,
    Rsa4096,
}

impl RsaSize {
    pub const ALL: [RsaSize; 3] = [RsaSize::Rsa2048, RsaSize::Rsa3072, RsaSize::Rsa4096];

    pub fn bits(self) -> usize {
        match self {
            RsaSize::Rsa2048 => 2048,
            RsaSize::Rsa3072 => 3072,
            RsaSize::Rsa4096 => 4096,
        }
    }
}

impl KeyKind {
    pub const ALL: [KeyKind; 15] = [
        KeyKind::Oct(Hash::Sha256),
        KeyKind::Oct(Hash::Sha384),
        KeyKind::Oct(Hash::Sha512),
        KeyKind::Rsa(RsaSize::Rsa2048),
        KeyKind::Rsa(RsaSize::Rsa3072),
        KeyKind::Rsa(RsaSize::Rsa4096),
        KeyKind::Ec(Curve::P256),
        KeyKind::Ec(Curve::P384),
        KeyKind::Ec(Curve::P521),
        KeyKind::Ec(Curve::Secp256k1),
        KeyKind::Ed25519,
        KeyKind::Ed448,
        KeyKind::MlDsa(MlDsaSet::MlDsa44),
        KeyKind::MlDsa(MlDsaSet::MlDsa65),
        KeyKind::MlDsa(MlDsaSet::MlDsa87),
    ];

    /// `oct-256`, `RSA-2048`, `P-256`, `secp256k1`, `Ed25519` …
    pub fn name(self) -> String {
        match self {
            KeyKind::Oct(hash) => format!("oct-{}", 8 * hash.output_len()),
            KeyKind::Rsa(size) => format!("RSA-{}", size.bits()),
            KeyKind::Ec(curve) => curve.jwk_name().to_owned(),
            KeyKind::Ed25519 => "Ed25519".to_owned(),
            KeyKind::Ed448 => "Ed448".to_owned(),
            KeyKind::MlDsa(set) => set.name().to_owned(),
        }
    }

    pub fn from_name(name: &str) -> Option<KeyKind> {
        KeyKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// What WebCrypto's `generateKey` is asked for to make a key of this kind in the browser:
    /// RSA (its prime search is several times faster there), the NIST curves and Ed25519. HMAC
    /// secrets are only random bytes, and WebCrypto has no secp256k1 (nor Ed448 in Chromium).
    pub fn browser_keygen(self) -> Option<BrowserKeygen> {
        match self {
            KeyKind::Rsa(size) => Some(BrowserKeygen::Rsa {
                modulus_bits: size.bits(),
            }),
            KeyKind::Ec(curve @ (Curve::P256 | Curve::P384 | Curve::P521)) => {
                Some(BrowserKeygen::Ecdsa {
                    named_curve: curve.jwk_name(),
                })
            }
            KeyKind::Ed25519 => Some(BrowserKeygen::Ed25519),
            KeyKind::Oct(_)
            | KeyKind::Ed448
            | KeyKind::MlDsa(_)
            | KeyKind::Ec(
                Curve::Secp256k1 | Curve::Ed25519 | Curve::X25519 | Curve::Ed448 | Curve::X448,
            ) => None,
        }
    }

    /// The algorithm a key of this kind is made for, written into its JWK's `alg`.
    pub fn alg(self) -> Alg {
        match self {
            KeyKind::Oct(Hash::Sha256) => Alg::HS256,
            KeyKind::Oct(Hash::Sha384) => Alg::HS384,
            KeyKind::Oct(Hash::Sha512) => Alg::HS512,
            KeyKind::Rsa(_) => Alg::RS256,
            KeyKind::Ec(Curve::P384) => Alg::ES384,
            KeyKind::Ec(Curve::P521) => Alg::ES512,
            KeyKind::Ec(Curve::Secp256k1) => Alg::ES256K,
            KeyKind::Ec(Curve::P256) => Alg::ES256,
            KeyKind::Ec(Curve::Ed25519 | Curve::X25519 | Curve::Ed448 | Curve::X448) => Alg::EdDSA,
            KeyKind::Ed25519 | KeyKind::Ed448 => Alg::EdDSA,
            KeyKind::MlDsa(set) => set.alg(),
        }
    }
}

/// Whether `key` is of `kind`: a key made elsewhere (the browser's WebCrypto) is checked before
/// it is shown as the one asked for.
pub fn is_of_kind(key: &PrivateKey, kind: KeyKind) -> bool {
    match (kind, key) {
        (KeyKind::Oct(hash), PrivateKey::Secret(secret)) => secret.len() == hash.output_len(),
        (KeyKind::Rsa(size), PrivateKey::Rsa(rsa)) => rsa.size() * 8 == size.bits(),
        (KeyKind::Ec(curve), PrivateKey::Ec(ec)) => ec.curve() == curve,
        (KeyKind::Ed25519, PrivateKey::Ed25519(_)) => true,
        (KeyKind::Ed448, PrivateKey::Ed448(_)) => true,
        (KeyKind::MlDsa(set), PrivateKey::MlDsa(key)) => key.set() == set,
        (
            KeyKind::Oct(_)
            | KeyKind::Rsa(_)
            | KeyKind::Ec(_)
            | KeyKind::Ed25519
            | KeyKind::Ed448
            | KeyKind::MlDsa(_),
            _,
        ) => false,
    }
}

/// A new key of `kind`.
pub fn generate(kind: KeyKind) -> Result<PrivateKey, Error> {
    let mut rng = UnwrapErr(SysRng);
    match kind {
        KeyKind::Oct(hash) => {
            let mut bytes = vec![0u8; hash.output_len()];
            fill(&mut bytes)?;
            Secret::from_bytes(bytes).map(PrivateKey::Secret)
        }
        KeyKind::Rsa(size) => rsa::PrivateKey::new(&mut rng, size.bits())
            .map(|key| PrivateKey::Rsa(Box::new(key)))
            .map_err(|err| Error::KeyGeneration {
                reason: format!("the RSA prime search failed ({err})"),
            }),
        KeyKind::Ec(curve) => {
            let key = match curve {
                Curve::P256 => EcPrivateKey::P256(random()?),
                Curve::P384 => EcPrivateKey::P384(random()?),
                Curve::P521 => EcPrivateKey::P521(random()?),
                Curve::Secp256k1 => EcPrivateKey::K256(random()?),
                Curve::Ed25519 => return generate(KeyKind::Ed25519),
                Curve::Ed448 => return generate(KeyKind::Ed448),
                Curve::X25519 | Curve::X448 => {
                    return Err(Error::KeyGeneration {
                        reason: format!(
                            "{} keys agree on keys; they do not sign",
                            curve.jwk_name()
                        ),
                    })
                }
            };
            Ok(PrivateKey::Ec(Box::new(key)))
        }
        KeyKind::Ed25519 => {
            let mut seed = [0u8; 32];
            fill(&mut seed)?;
            Ok(PrivateKey::Ed25519(Box::new(
                ed25519_dalek::SigningKey::from_bytes(&seed),
            )))
        }
        KeyKind::MlDsa(set) => {
            let mut seed = zeroize::Zeroizing::new([0u8; 32]);
            fill(seed.as_mut())?;
            Ok(PrivateKey::MlDsa(Box::new(MlDsaPrivate::from_seed(
                set, &seed,
            ))))
        }
        KeyKind::Ed448 => {
            let mut seed = zeroize::Zeroizing::new([0u8; 57]);
            fill(&mut *seed)?;
            Ok(PrivateKey::Ed448(Box::new(
                super::key::private::ed448_signing_key(&seed),
            )))
        }
    }
}

/// A random ECDSA signing key.
fn random<K: Generate>() -> Result<K, Error> {
    K::try_generate_from_rng(&mut SysRng).map_err(|err| no_randomness(err.to_string()))
}

fn fill(bytes: &mut [u8]) -> Result<(), Error> {
    getrandom::fill(bytes).map_err(|err| no_randomness(err.to_string()))
}

fn no_randomness(detail: String) -> Error {
    Error::NoRandomness {
        purpose: "a new key",
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `KeyKind::ALL` holds every kind once: a secret per hash, a key per RSA size and per
    /// ECDSA curve, and Ed25519; every name reads back.
    #[test]
    fn the_all_list_is_in_step_with_the_enum() {
        let mut expected: Vec<KeyKind> = Hash::ALL.into_iter().map(KeyKind::Oct).collect();
        expected.extend(RsaSize::ALL.into_iter().map(KeyKind::Rsa));
        let ecdsa = [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1];
        expected.extend(ecdsa.into_iter().map(KeyKind::Ec));
        expected.push(KeyKind::Ed25519);
        expected.push(KeyKind::Ed448);
        expected.extend(MlDsaSet::ALL.into_iter().map(KeyKind::MlDsa));
        assert_eq!(KeyKind::ALL.to_vec(), expected);
        for kind in KeyKind::ALL {
            assert_eq!(KeyKind::from_name(&kind.name()), Some(kind));
            assert!(kind.alg().family() != crate::jose::alg::Family::Unsecured);
        }
    }
}
