//! Keys that sign: HMAC secrets, and RSA, EC, Ed25519, Ed448 and ML-DSA private keys from PEM
//! (PKCS#8, PKCS#1, SEC1) or a private JWK. The verify path never needs these; the encoder does.

use std::fmt;

use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::BoxedUint;
use serde_json::{Map, Value};

use super::pem::{self, MlDsaPkcs8, Pkcs8Parts};
use super::rsa_key::RsaPublic;
use super::{rsa_key, EcKey, Key, KeyText, Secret, SecretEncoding};
use crate::jose::alg::MlDsaSet;
use crate::jose::alg::{Curve, Kty};
use crate::jose::base64url;
use crate::jose::error::{Error, Part};
use crate::jose::mldsa::MlDsaPrivate;

/// A key that can sign.
#[derive(Clone)]
pub enum PrivateKey {
    Secret(Secret),
    Rsa(Box<rsa::PrivateKey>),
    Ec(Box<EcPrivateKey>),
    Ed25519(Box<ed25519_dalek::SigningKey>),
    MlDsa(Box<crate::jose::mldsa::MlDsaPrivate>),
    Ed448(Box<ed448_goldilocks::SigningKey>),
}

/// An ECDSA private key on one of the JOSE curves.
#[derive(Clone)]
pub enum EcPrivateKey {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    K256(k256::ecdsa::SigningKey),
}

impl EcPrivateKey {
    /// The key for a private scalar (big-endian, the curve's size).
    pub fn from_scalar(curve: Curve, scalar: &[u8]) -> Result<EcPrivateKey, String> {
        let invalid = |_| "the private scalar is not valid for the curve".to_owned();
        match curve {
            Curve::P256 => p256::ecdsa::SigningKey::from_slice(scalar)
                .map(EcPrivateKey::P256)
                .map_err(invalid),
            Curve::P384 => p384::ecdsa::SigningKey::from_slice(scalar)
                .map(EcPrivateKey::P384)
                .map_err(invalid),
            Curve::P521 => p521::ecdsa::SigningKey::from_slice(scalar)
                .map(EcPrivateKey::P521)
                .map_err(invalid),
            Curve::Secp256k1 => k256::ecdsa::SigningKey::from_slice(scalar)
                .map(EcPrivateKey::K256)
                .map_err(invalid),
            Curve::Ed25519 | Curve::X25519 | Curve::Ed448 | Curve::X448 => {
                Err(format!("{} is not an ECDSA curve", curve.jwk_name()))
            }
        }
    }

    pub fn curve(&self) -> Curve {
        match self {
            EcPrivateKey::P256(_) => Curve::P256,
            EcPrivateKey::P384(_) => Curve::P384,
            EcPrivateKey::P521(_) => Curve::P521,
            EcPrivateKey::K256(_) => Curve::Secp256k1,
        }
    }

    /// The public key.
    pub fn public(&self) -> EcKey {
        match self {
            EcPrivateKey::P256(key) => EcKey::P256(*key.verifying_key()),
            EcPrivateKey::P384(key) => EcKey::P384(*key.verifying_key()),
            EcPrivateKey::P521(key) => EcKey::P521(*key.verifying_key()),
            EcPrivateKey::K256(key) => EcKey::K256(*key.verifying_key()),
        }
    }
}

impl PrivateKey {
    /// The key that verifies what this one signs (the secret itself for HMAC).
    pub fn public(&self) -> Key {
        match self {
            PrivateKey::Secret(secret) => Key::Secret(secret.clone()),
            PrivateKey::Rsa(key) => Key::Rsa(Box::new(RsaPublic::of(&key.to_public_key()))),
            PrivateKey::Ec(key) => Key::Ec(key.public()),
            PrivateKey::Ed25519(key) => Key::Ed25519(key.verifying_key()),
            PrivateKey::MlDsa(key) => Key::MlDsa(key.public()),
            PrivateKey::Ed448(key) => Key::Ed448(ed448_public(key)),
        }
    }
}

/// Never prints key material.
impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({})", self.public().describe())
    }
}

/// Reads a signing key: a PEM private key, a private JWK, or a secret in the chosen encoding.
pub fn parse(text: &str, encoding: SecretEncoding) -> Result<PrivateKey, Error> {
    PrivateKey::from_text(&KeyText::read(text)?, encoding)
}

impl PrivateKey {
    /// The signing key of key text in any form; a JWK Set is refused (which key would sign?).
    pub fn from_text(text: &KeyText<'_>, encoding: SecretEncoding) -> Result<PrivateKey, Error> {
        match text {
            KeyText::Pem(pem) => from_pem(pem),
            KeyText::Jwk(jwk) => from_jwk(jwk),
            KeyText::JwkSet(_) => Err(jwk_error(
                "it is a JWK Set: give the one private JWK that signs",
            )),
            KeyText::Secret(secret) => Secret::decode(secret, encoding).map(PrivateKey::Secret),
        }
    }
}

fn from_pem(text: &str) -> Result<PrivateKey, Error> {
    let block = pem::blocks(text)
        .into_iter()
        .map(|block| der::pem::decode_vec(block.as_bytes()))
        .find(|decoded| !matches!(decoded, Ok((label, _)) if *label == "EC PARAMETERS"))
        .ok_or_else(|| {
            pem_error(
                "PEM",
                "no complete -----BEGIN …----- / -----END …----- block".to_owned(),
            )
        })?;
    let (label, der) = block
        .map_err(|err| pem_error("PEM", format!("the armour or its base64 is broken ({err})")))?;
    match label {
        "PRIVATE KEY" => pkcs8(&der).map_err(|detail| pem_error("PKCS#8 private key", detail)),
        "RSA PRIVATE KEY" => {
            rsa_pkcs1(&der).map_err(|detail| pem_error("PKCS#1 RSA private key", detail))
        }
        "EC PRIVATE KEY" => {
            ec_sec1(&der, None).map_err(|detail| pem_error("SEC1 EC private key", detail))
        }
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => Err(pem_error(
            "PEM",
            format!("a {label} cannot sign: paste the private key"),
        )),
        other => Err(pem_error(
            "PEM",
            format!("\"{other}\" is not a private key label this page reads"),
        )),
    }
}

/// A PKCS#8 private key in DER (as WebCrypto's `exportKey("pkcs8")` gives it).
pub fn from_pkcs8_der(der: &[u8]) -> Result<PrivateKey, Error> {
    pkcs8(der).map_err(|detail| pem_error("PKCS#8 private key", detail))
}

fn pkcs8(der: &[u8]) -> Result<PrivateKey, String> {
    match pem::pkcs8_parts(der)? {
        Pkcs8Parts::Rsa(pkcs1) => rsa_pkcs1(pkcs1),
        Pkcs8Parts::Ec { der, curve } => ec_sec1(der, curve),
        Pkcs8Parts::Ed25519(seed) => Ok(PrivateKey::Ed25519(Box::new(
            ed25519_dalek::SigningKey::from_bytes(&seed),
        ))),
        Pkcs8Parts::MlDsa { set, key, public } => ml_dsa_pkcs8(set, key, public),
        Pkcs8Parts::Ed448 { seed, public } => {
            let key = ed448_signing_key(&seed);
            if public.is_some_and(|public| public != ed448_public(&key).as_bytes()) {
                return Err("the public key does not belong to the private key".to_owned());
            }
            Ok(PrivateKey::Ed448(Box::new(key)))
        }
    }
}

/// An ML-DSA PKCS#8 key in any of its three forms; in `both`, the expanded key must be the one
/// the seed makes, and a public key beside it (PKCS#8 v2) the one the private key makes.
fn ml_dsa_pkcs8(
    set: MlDsaSet,
    key: MlDsaPkcs8<'_>,
    public: Option<&[u8]>,
) -> Result<PrivateKey, String> {
    let private = match key {
        MlDsaPkcs8::Seed(seed) => MlDsaPrivate::from_seed(set, &seed),
        MlDsaPkcs8::Expanded(expanded) => MlDsaPrivate::from_expanded(set, expanded)?,
        MlDsaPkcs8::Both { seed, expanded } => {
            let private = MlDsaPrivate::from_seed(set, &seed);
            if private.expanded().as_slice() != expanded {
                return Err(format!(
                    "the {} key's expanded key is not the one its seed makes",
                    set.name()
                ));
            }
            private
        }
    };
    if public.is_some_and(|public| public != private.public().bytes()) {
        return Err("the public key does not belong to the private key".to_owned());
    }
    Ok(PrivateKey::MlDsa(Box::new(private)))
}

/// An Ed448 signing key from its 57-byte private key (RFC 8032 §5.2.5).
pub fn ed448_signing_key(seed: &[u8; 57]) -> ed448_goldilocks::SigningKey {
    ed448_goldilocks::SigningKey::from(ed448_goldilocks::SecretKey::from(*seed))
}

/// The public key of an Ed448 signing key, as the verify path holds it.
pub fn ed448_public(key: &ed448_goldilocks::SigningKey) -> super::ed448::Ed448Public {
    super::ed448::Ed448Public::computed(key.verifying_key().to_bytes())
}

fn rsa_pkcs1(der: &[u8]) -> Result<PrivateKey, String> {
    rsa::PrivateKey::from_pkcs1_der(der)
        .map(|key| PrivateKey::Rsa(Box::new(key)))
        .map_err(|err| format!("the RSA private key is not valid ({err})"))
}

fn ec_sec1(der: &[u8], curve: Option<Curve>) -> Result<PrivateKey, String> {
    let (curve, scalar) = pem::sec1_scalar(der, curve)?;
    EcPrivateKey::from_scalar(curve, &scalar).map(|key| PrivateKey::Ec(Box::new(key)))
}

/// A private JWK (`oct` keys are secrets, so they sign too).
pub fn from_jwk(jwk: &Map<String, Value>) -> Result<PrivateKey, Error> {
    let kty_name = string(jwk, "kty")?;
    let kty = Kty::from_name(kty_name)
        .ok_or_else(|| jwk_error(format!("kty {kty_name:?} is not a signing key type")))?;
    if kty == Kty::Akp {
        return akp_private(jwk);
    }
    if kty != Kty::Oct && !jwk.contains_key("d") {
        return Err(jwk_error(
            "it is a public key (no \"d\"): a public key cannot sign",
        ));
    }
    match kty {
        Kty::Oct => {
            Secret::decode(string(jwk, "k")?, SecretEncoding::Base64Url).map(PrivateKey::Secret)
        }
        Kty::Rsa => rsa_jwk(jwk),
        Kty::Ec => {
            let crv = string(jwk, "crv")?;
            let curve = Curve::from_jwk_name(crv)
                .filter(|curve| curve.is_ecdsa())
                .ok_or_else(|| jwk_error(format!("crv {crv:?} is not an ECDSA curve")))?;
            let key = EcPrivateKey::from_scalar(curve, &bytes(jwk, "d")?).map_err(jwk_error)?;
            matches_public(jwk, Key::Ec(key.public()))?;
            Ok(PrivateKey::Ec(Box::new(key)))
        }
        Kty::Okp if Curve::from_jwk_name(string(jwk, "crv")?) == Some(Curve::Ed25519) => {
            let seed: [u8; 32] = bytes(jwk, "d")?
                .try_into()
                .map_err(|_| jwk_error("an Ed25519 \"d\" is 32 bytes"))?;
            let key = ed25519_dalek::SigningKey::from_bytes(&seed);
            matches_public(jwk, Key::Ed25519(key.verifying_key()))?;
            Ok(PrivateKey::Ed25519(Box::new(key)))
        }
        Kty::Okp if Curve::from_jwk_name(string(jwk, "crv")?) == Some(Curve::Ed448) => {
            let seed: [u8; 57] = bytes(jwk, "d")?
                .try_into()
                .map_err(|_| jwk_error("an Ed448 \"d\" is 57 bytes"))?;
            let key = ed448_signing_key(&seed);
            matches_public(jwk, Key::Ed448(ed448_public(&key)))?;
            Ok(PrivateKey::Ed448(Box::new(key)))
        }
        Kty::Okp => Err(jwk_error("only Ed25519 and Ed448 OKP keys sign")),
        Kty::Akp => akp_private(jwk),
    }
}

/// A private AKP JWK: `priv` is the 32-byte ML-DSA seed, `pub` must be the key it makes.
fn akp_private(jwk: &Map<String, Value>) -> Result<PrivateKey, Error> {
    if !jwk.contains_key("priv") {
        return Err(jwk_error(
            "it is a public key (no \"priv\"): a public key cannot sign",
        ));
    }
    let set = super::jwk::akp_set(jwk)?;
    let seed: [u8; 32] = bytes(jwk, "priv")?
        .try_into()
        .map_err(|_| jwk_error("an AKP \"priv\" (the ML-DSA seed) is 32 bytes"))?;
    let key = MlDsaPrivate::from_seed(set, &seed);
    matches_public(jwk, Key::MlDsa(key.public()))?;
    Ok(PrivateKey::MlDsa(Box::new(key)))
}

fn rsa_jwk(jwk: &Map<String, Value>) -> Result<PrivateKey, Error> {
    let number = |name: &str| bytes(jwk, name).map(|b| BoxedUint::from_be_slice_vartime(&b));
    let primes = vec![number("p")?, number("q")?];
    let key = rsa::PrivateKey::from_components(number("n")?, number("e")?, number("d")?, primes)
        .map_err(|err| jwk_error(format!("the RSA private key is not valid ({err})")))?;
    // The public half must parse as the verify path would read it.
    rsa_key::from_components(&bytes(jwk, "n")?, &bytes(jwk, "e")?).map_err(jwk_error)?;
    Ok(PrivateKey::Rsa(Box::new(key)))
}

/// A private JWK's public members must describe the key that `d` makes.
fn matches_public(jwk: &Map<String, Value>, public: Key) -> Result<(), Error> {
    let listed = super::jwk::parse_jwk(jwk)?;
    if listed.key == public {
        Ok(())
    } else {
        Err(jwk_error(
            "\"d\" does not belong to the public key in the JWK",
        ))
    }
}

fn string<'a>(jwk: &'a Map<String, Value>, name: &str) -> Result<&'a str, Error> {
    jwk.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| jwk_error(format!("\"{name}\" is missing or not a string")))
}

fn bytes(jwk: &Map<String, Value>, name: &str) -> Result<Vec<u8>, Error> {
    base64url::decode_segment(string(jwk, name)?, Part::Key, 0)
        .map_err(|_| jwk_error(format!("\"{name}\" is not base64url")))
}

fn jwk_error(detail: impl Into<String>) -> Error {
    Error::KeyFormat {
        format: "private JWK",
        detail: detail.into(),
    }
}

fn pem_error(format: &'static str, detail: String) -> Error {
    Error::KeyFormat { format, detail }
}
