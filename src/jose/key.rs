//! Verification keys, parsed once when entered: HMAC secrets and RSA, EC, Ed25519, Ed448 and
//! ML-DSA
//! public keys, from text secrets, PEM (SPKI, PKCS#1, PKCS#8, SEC1, X.509), a JWK or a JWK Set.

pub mod ed448;
pub mod export;
pub mod jwk;
pub mod ml_dsa;
pub mod name;
pub mod pem;
pub mod private;
pub mod roca;
pub mod rsa_key;
pub mod secret;
pub mod text;
pub mod thumbprint;

use std::fmt;

use serde_json::{Map, Value};

pub use secret::{Secret, SecretEncoding};
pub use text::KeyText;

use super::alg::{Alg, Curve, Family};
use super::error::Error;

/// A key ready for verification, by type.
#[derive(Clone, PartialEq)]
pub enum Key {
    /// A shared secret for HMAC.
    Secret(Secret),
    /// An RSA public key (also the public half of a pasted private key).
    Rsa(Box<rsa_key::RsaPublic>),
    /// An elliptic-curve public key for ECDSA.
    Ec(EcKey),
    /// An Ed25519 public key for EdDSA.
    Ed25519(ed25519_dalek::VerifyingKey),
    /// An ML-DSA public key (FIPS 204), kept as its bytes.
    MlDsa(ml_dsa::MlDsaPublic),
    /// An Ed448 public key for EdDSA, as bytes: the worker checks it (`ed448`).
    Ed448(ed448::Ed448Public),
}

/// An ECDSA public key on one of the JOSE curves.
#[derive(Clone, PartialEq)]
pub enum EcKey {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
    K256(k256::ecdsa::VerifyingKey),
}

impl EcKey {
    /// The curve this key lives on.
    pub fn curve(&self) -> Curve {
        match self {
            EcKey::P256(_) => Curve::P256,
            EcKey::P384(_) => Curve::P384,
            EcKey::P521(_) => Curve::P521,
            EcKey::K256(_) => Curve::Secp256k1,
        }
    }

    /// Builds a key from a SEC1 point (`04‖x‖y`, or compressed on the NIST curves); checks it is
    /// on the curve.
    pub fn from_sec1(curve: Curve, point: &[u8]) -> Result<EcKey, String> {
        let invalid = |_| format!("the point is not on {}", curve.jwk_name());
        match curve {
            Curve::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map(EcKey::P256)
                .map_err(invalid),
            Curve::P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map(EcKey::P384)
                .map_err(invalid),
            Curve::P521 => p521::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map(EcKey::P521)
                .map_err(invalid),
            Curve::Secp256k1 => secp256k1_uncompressed(point).map(EcKey::K256),
            Curve::Ed25519 | Curve::X25519 | Curve::Ed448 | Curve::X448 => {
                Err(format!("{} is not an ECDSA curve", curve.jwk_name()))
            }
        }
    }

    /// The public key of a private scalar.
    pub fn from_scalar(curve: Curve, scalar: &[u8]) -> Result<EcKey, String> {
        private::EcPrivateKey::from_scalar(curve, scalar).map(|key| key.public())
    }

    /// The uncompressed affine coordinates (x, y), each padded to the curve's size.
    pub fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        // Uncompressed (`04‖x‖y`) explicitly: secp256k1 keys compress by default.
        let point: Vec<u8> = match self {
            EcKey::P256(key) => key.to_sec1_point(false).as_bytes().to_vec(),
            EcKey::P384(key) => key.to_sec1_point(false).as_bytes().to_vec(),
            EcKey::P521(key) => key.to_sec1_point(false).as_bytes().to_vec(),
            EcKey::K256(key) => key.to_sec1_point(false).as_bytes().to_vec(),
        };
        let len = self.curve().coordinate_len();
        let x = point.get(1..1 + len).unwrap_or_default().to_vec();
        let y = point.get(1 + len..1 + 2 * len).unwrap_or_default().to_vec();
        (x, y)
    }
}

impl Key {
    /// A short description such as "RSA 2048-bit public key".
    pub fn describe(&self) -> String {
        match self {
            Key::Secret(secret) => format!("secret of {} bytes", secret.len()),
            Key::Rsa(key) => format!("RSA {}-bit public key", rsa_key::modulus_bits(key)),
            Key::Ec(key) => format!("EC {} public key", key.curve().jwk_name()),
            Key::Ed25519(_) => "Ed25519 public key".to_owned(),
            Key::MlDsa(key) => format!("{} public key", key.set().name()),
            Key::Ed448(_) => "Ed448 public key".to_owned(),
        }
    }

    /// Whether this key is of the type `alg` needs (family and curve).
    pub fn fits(&self, alg: Alg) -> bool {
        match (alg.family(), self) {
            (Family::Hmac, Key::Secret(_)) => true,
            (Family::RsaPkcs1 | Family::RsaPss, Key::Rsa(_)) => true,
            (Family::Ecdsa, Key::Ec(key)) => alg.curve() == Some(key.curve()),
            (Family::EdDsa, Key::Ed25519(_)) => alg.accepts_curve(Curve::Ed25519),
            (Family::EdDsa, Key::Ed448(_)) => alg.accepts_curve(Curve::Ed448),
            (Family::MlDsa(set), Key::MlDsa(key)) => key.set() == set,
            _ => false,
        }
    }

    /// True for keys that must stay secret (HMAC); false for public keys.
    pub fn is_symmetric(&self) -> bool {
        matches!(self, Key::Secret(_))
    }
}

/// What `alg` needs, in words: "an RSA public key", "an EC P-256 public key"…
pub fn needed_for(alg: Alg) -> String {
    match (alg.family(), alg.curve()) {
        (Family::Hmac, _) => "an HMAC secret".to_owned(),
        (Family::RsaPkcs1 | Family::RsaPss, _) => "an RSA public key".to_owned(),
        (Family::Ecdsa, Some(curve)) => format!("an EC {} public key", curve.jwk_name()),
        (Family::EdDsa, Some(curve)) => format!("an {} public key", curve.jwk_name()),
        (Family::EdDsa, None) => "an Ed25519 or Ed448 public key".to_owned(),
        (Family::MlDsa(set), _) => format!("an {} public key", set.name()),
        (Family::Ecdsa, None) | (Family::Unsecured, _) => "no key".to_owned(),
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Secret(secret) => write!(f, "Key::Secret({secret:?})"),
            other => write!(f, "Key({})", other.describe()),
        }
    }
}

/// Subject, issuer and validity of an X.509 certificate the key came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    pub subject: String,
    pub issuer: String,
    /// Unix seconds.
    pub not_before: i64,
    /// Unix seconds.
    pub not_after: i64,
}

impl Certificate {
    /// The subject's common name (`CN`), what people call a certificate by; the full name when
    /// it has none.
    pub fn subject_name(&self) -> String {
        common_name(&self.subject).unwrap_or_else(|| self.subject.clone())
    }

    /// The issuer's common name, or its full name.
    pub fn issuer_name(&self) -> String {
        common_name(&self.issuer).unwrap_or_else(|| self.issuer.clone())
    }

    /// Whether `now` (Unix seconds) is outside the certificate's validity.
    pub fn is_expired_at(&self, now: i64) -> bool {
        now > self.not_after
    }

    /// Whether `now` (Unix seconds) is before the certificate's validity.
    pub fn is_not_yet_valid_at(&self, now: i64) -> bool {
        now < self.not_before
    }
}

/// What the key's container says about its use, and where it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyMeta {
    pub kid: Option<String>,
    /// JWK `use`.
    pub key_use: Option<String>,
    /// JWK `key_ops`.
    pub key_ops: Option<Vec<String>>,
    /// JWK `alg`.
    pub alg: Option<String>,
    pub certificate: Option<Certificate>,
    /// RFC 7638 SHA-256 thumbprint of the public key (or of the secret, for `oct`); set by
    /// `KeyEntry::new`.
    pub thumbprint: String,
}

/// One usable key and what is known about it. `Debug` leaves out the canonical JWK, which for
/// a secret is the secret.
#[derive(Clone, PartialEq)]
pub struct KeyEntry {
    pub key: Key,
    pub meta: KeyMeta,
    /// The RFC 7638 canonical JWK of the key: hashed for the thumbprint, and what a platform
    /// verifier imports. Computed once, as EC points are costly to serialise.
    pub canonical_jwk: String,
    /// The RSA modulus has the ROCA fingerprint (CVE-2017-15361); computed once, as the test
    /// takes a while on a 4096-bit modulus.
    pub roca_fingerprint: bool,
}

impl fmt::Debug for KeyEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyEntry")
            .field("key", &self.key)
            .field("meta", &self.meta)
            .field("roca_fingerprint", &self.roca_fingerprint)
            .finish_non_exhaustive()
    }
}

impl KeyEntry {
    /// Wraps a key with what its container said; the thumbprint is computed here.
    pub fn new(key: Key, meta: KeyMeta) -> KeyEntry {
        let canonical_jwk = thumbprint::canonical_json(&key);
        let roca_fingerprint = match &key {
            Key::Rsa(rsa) => roca::is_vulnerable(&rsa_key::modulus(rsa)),
            Key::Secret(_) | Key::Ec(_) | Key::Ed25519(_) | Key::Ed448(_) | Key::MlDsa(_) => false,
        };
        KeyEntry {
            meta: KeyMeta {
                thumbprint: thumbprint::of_canonical(&canonical_jwk),
                ..meta
            },
            key,
            canonical_jwk,
            roca_fingerprint,
        }
    }

    /// Wraps a key with only its thumbprint known.
    pub fn bare(key: Key) -> KeyEntry {
        KeyEntry::new(key, KeyMeta::default())
    }

    /// "kid abc (RSA 2048-bit public key)" or just the description.
    pub fn label(&self) -> String {
        match &self.meta.kid {
            Some(kid) => format!("kid {kid:?} ({})", self.key.describe()),
            None => self.key.describe(),
        }
    }
}

/// How the key box's text was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyFormat {
    /// A text secret in this encoding.
    Secret(SecretEncoding),
    /// PEM blocks; the label of the first.
    Pem(String),
    /// One JSON Web Key.
    Jwk,
    /// A JSON Web Key Set.
    Jwks,
}

impl KeyFormat {
    /// For the "detected" note under the key box.
    pub fn describe(&self) -> String {
        match self {
            KeyFormat::Secret(encoding) => format!("{} secret", encoding.label()),
            KeyFormat::Pem(label) => format!("PEM {label}"),
            KeyFormat::Jwk => "JWK".to_owned(),
            KeyFormat::Jwks => "JWK Set".to_owned(),
        }
    }
}

/// Everything read from the key box: the usable keys and why any others were skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct KeySet {
    pub format: KeyFormat,
    pub entries: Vec<KeyEntry>,
    /// Keys in a set that could not be used, with the reason (the set is still usable).
    pub skipped: Vec<String>,
    /// Every `kid` in the input, including those of skipped keys (to spot duplicates).
    pub kids: Vec<String>,
    /// The certificates of a PEM key box, as trust anchors for a token's `x5c` chain.
    pub anchors: Vec<super::chain::Anchor>,
}

impl KeySet {
    /// The one key of a certificate (a chain's leaf), as a set to verify with.
    pub fn of_certificate(entry: KeyEntry) -> KeySet {
        KeySet {
            format: KeyFormat::Pem("CERTIFICATE".to_owned()),
            entries: vec![entry],
            skipped: Vec::new(),
            kids: Vec::new(),
            anchors: Vec::new(),
        }
    }

    /// True when the input is a set (several keys to choose from by `kid`).
    pub fn is_set(&self) -> bool {
        self.format == KeyFormat::Jwks || self.entries.len() > 1
    }
}

/// Reads the key box for verification: PEM (keys and certificates), a JWK, a JWK Set, or a
/// secret in the chosen encoding.
pub fn parse(text: &str, encoding: SecretEncoding) -> Result<KeySet, Error> {
    KeySet::from_text(&KeyText::read(text)?, encoding)
}

impl KeySet {
    /// The verification keys of key text in any form.
    pub fn from_text(text: &KeyText<'_>, encoding: SecretEncoding) -> Result<KeySet, Error> {
        match text {
            KeyText::Pem(pem) => KeySet::from_pem(pem),
            KeyText::Jwk(jwk) => KeySet::from_jwk(jwk),
            KeyText::JwkSet(keys) => jwk::parse_set(keys),
            KeyText::Secret(secret) => KeySet::from_secret(secret, encoding),
        }
    }

    /// PEM blocks: SPKI, PKCS#1, certificates, and the public half of private keys.
    pub fn from_pem(text: &str) -> Result<KeySet, Error> {
        pem::parse(text)
    }

    /// One JWK; its private members are ignored.
    pub fn from_jwk(members: &Map<String, Value>) -> Result<KeySet, Error> {
        jwk::parse_one(members)
    }

    /// A secret typed in `encoding`.
    pub fn from_secret(text: &str, encoding: SecretEncoding) -> Result<KeySet, Error> {
        let secret = Secret::decode(text, encoding)?;
        Ok(KeySet {
            format: KeyFormat::Secret(encoding),
            entries: vec![KeyEntry::bare(Key::Secret(secret))],
            skipped: Vec::new(),
            kids: Vec::new(),
            anchors: Vec::new(),
        })
    }
}

/// A secp256k1 key from an uncompressed point. Compressed points are refused: k256's point
/// decompression alone would add about 10 KB to the page, for a form JOSE never uses (a JWK
/// carries x and y).
fn secp256k1_uncompressed(point: &[u8]) -> Result<k256::ecdsa::VerifyingKey, String> {
    use k256::elliptic_curve::point::AffineCoordinates;
    let coordinates = match point {
        [0x04, coordinates @ ..] if coordinates.len() == 64 => coordinates,
        [0x02 | 0x03, ..] => {
            return Err(
                "compressed secp256k1 points are not read here: give the key as a JWK (x and y) or an uncompressed point".to_owned(),
            )
        }
        _ => return Err("the point is not on secp256k1".to_owned()),
    };
    let (x, y) = coordinates.split_at(32);
    let not_on_curve = || "the point is not on secp256k1".to_owned();
    let x = k256::FieldBytes::try_from(x).map_err(|_| not_on_curve())?;
    let y = k256::FieldBytes::try_from(y).map_err(|_| not_on_curve())?;
    Option::<k256::AffinePoint>::from(k256::AffinePoint::from_coordinates(&x, &y))
        .and_then(|point| k256::ecdsa::VerifyingKey::from_affine(point).ok())
        .ok_or_else(not_on_curve)
}

/// The last `CN` of a name in RFC 4514 form (`C=US,O=Apple Inc.,CN=Apple Root CA - G3`),
/// unescaped; `None` without one.
pub fn common_name(name: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = name.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(escaped) = chars.next() {
                    current.push(escaped);
                }
            }
            ',' | '+' => parts.push(std::mem::take(&mut current)),
            other => current.push(other),
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .rev()
        .find_map(|part| part.strip_prefix("CN=").map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::common_name;

    #[test]
    fn the_common_name_is_read_from_an_rfc_4514_name() {
        assert_eq!(
            common_name("C=US,O=Apple Inc.,OU=G6,CN=Apple Worldwide Developer Relations")
                .as_deref(),
            Some("Apple Worldwide Developer Relations")
        );
        assert_eq!(
            common_name("CN=Acme\\, Inc.,O=Acme").as_deref(),
            Some("Acme, Inc.")
        );
        assert_eq!(common_name("O=No Common Name,C=DE"), None);
    }
}
