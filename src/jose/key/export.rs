//! Keys written out, for the key workshop: public keys as SPKI PEM and JWK, private keys as
//! PKCS#8 PEM and private JWK. DER comes from the RustCrypto crates' encoders.

use der::pem::LineEnding;
use pkcs8::EncodePrivateKey;
use rsa::traits::PrivateKeyParts;
use serde_json::{Map, Value};
use spki::EncodePublicKey;

use der::Encode;
use zeroize::Zeroizing;

use super::ml_dsa::MlDsaPublic;
use super::pem;
use super::private::{EcPrivateKey, PrivateKey};
use super::rsa_key::strip_leading_zeros;
use super::{thumbprint, EcKey, Key};
use crate::jose::alg::Curve;
use crate::jose::base64url;
use crate::jose::error::Error;
use crate::jose::mldsa::MlDsaPrivate;

/// What a written JWK says besides the key: `kid`, `alg` and `use`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JwkLabels {
    /// `None`: the RFC 7638 thumbprint.
    pub kid: Option<String>,
    pub alg: Option<String>,
    pub key_use: Option<String>,
}

/// A public key as `-----BEGIN PUBLIC KEY-----` (SPKI); a secret has none.
pub fn public_pem(key: &Key) -> Result<String, Error> {
    let der = match key {
        Key::Secret(_) => return Err(export_error("a secret has no public key to write as PEM")),
        Key::Rsa(rsa) => rsa
            .to_public_key()
            .map_err(export_error)?
            .to_public_key_der(),
        Key::Ec(EcKey::P256(ec)) => p256::PublicKey::from(ec).to_public_key_der(),
        Key::Ec(EcKey::P384(ec)) => p384::PublicKey::from(ec).to_public_key_der(),
        Key::Ec(EcKey::P521(ec)) => p521::PublicKey::from(ec).to_public_key_der(),
        Key::Ec(EcKey::K256(ec)) => k256::PublicKey::from(ec).to_public_key_der(),
        Key::Ed25519(ed) => ed.to_public_key_der(),
        Key::MlDsa(key) => ml_dsa_spki(key),
        Key::Ed448(ed) => ed448_goldilocks::PublicKeyBytes(*ed.as_bytes()).to_public_key_der(),
    }
    .map_err(|err| export_error(format!("the public key could not be encoded ({err})")))?;
    pem("PUBLIC KEY", der.as_bytes())
}

/// A private key as `-----BEGIN PRIVATE KEY-----` (PKCS#8); a secret has no PEM form.
pub fn private_pem(key: &PrivateKey) -> Result<String, Error> {
    let der = match key {
        PrivateKey::Secret(_) => return Err(export_error("a secret has no PEM form; use the JWK")),
        PrivateKey::Rsa(rsa) => rsa.to_pkcs8_der(),
        PrivateKey::Ec(ec) => {
            let scalar = Zeroizing::new(ec_scalar(ec));
            let public = ec.public();
            let (x, y) = public.coordinates();
            // Uncompressed SEC1: 04 ‖ x ‖ y.
            let point = [&[4u8][..], &x, &y].concat();
            ec_pkcs8(public.curve(), &scalar, &point)
        }
        // PKCS#8 v1 (the seed alone): the v2 form ed25519-dalek writes does not parse everywhere.
        PrivateKey::Ed25519(ed) => ed25519_dalek::ed25519::pkcs8::KeypairBytes {
            secret_key: ed.to_bytes(),
            public_key: None,
        }
        .to_pkcs8_der(),
        PrivateKey::MlDsa(key) => ml_dsa_pkcs8(key),
        PrivateKey::Ed448(ed) => ed448_pkcs8(&ed.to_bytes().into()),
    }
    .map_err(|err| export_error(format!("the private key could not be encoded ({err})")))?;
    pem("PRIVATE KEY", der.as_bytes())
}

/// PKCS#8 v1 of an Ed448 key (RFC 8410 §7: the private key as an OCTET STRING inside the
/// OCTET STRING), as OpenSSL writes it; ed448-goldilocks's encoder writes v2 with the public key.
fn ed448_pkcs8(seed: &[u8; 57]) -> pkcs8::Result<der::SecretDocument> {
    let inner = Zeroizing::new(der::asn1::OctetStringRef::new(seed)?.to_der()?);
    let algorithm = pkcs8::AlgorithmIdentifierRef {
        oid: pem::ED448,
        parameters: None,
    };
    let info = pkcs8::PrivateKeyInfoRef::new(algorithm, der::asn1::OctetStringRef::new(&inner)?);
    Ok(der::SecretDocument::encode_msg(&info)?)
}

/// PKCS#8 of an EC key, as elliptic-curve's `SecretKey::to_pkcs8_der` writes it (SEC1 inside,
/// with the public point) but with the point the signing key already holds: that encoder
/// computes it again, a scalar multiplication (about 15 ms for P-521 in WebAssembly).
fn ec_pkcs8(curve: Curve, scalar: &[u8], point: &[u8]) -> pkcs8::Result<der::SecretDocument> {
    let curve_oid = pem::curve_oid(curve).ok_or(pkcs8::Error::ParametersMalformed)?;
    let sec1 = Zeroizing::new(
        sec1::EcPrivateKey {
            private_key: scalar,
            parameters: None,
            public_key: Some(point),
        }
        .to_der()?,
    );
    let algorithm = pkcs8::AlgorithmIdentifierRef {
        oid: pem::EC_PUBLIC_KEY,
        parameters: Some((&curve_oid).into()),
    };
    let info = pkcs8::PrivateKeyInfoRef::new(algorithm, der::asn1::OctetStringRef::new(&sec1)?);
    Ok(der::SecretDocument::encode_msg(&info)?)
}

/// An ML-DSA SubjectPublicKeyInfo: the NIST OID without parameters, the encoded key as the bit
/// string (draft-ietf-lamps-dilithium-certificates).
fn ml_dsa_spki(key: &MlDsaPublic) -> spki::Result<der::Document> {
    let oid = key.set().oid();
    let info = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        subject_public_key: der::asn1::BitStringRef::new(0, key.bytes())?,
    };
    Ok(der::Document::encode_msg(&info)?)
}

/// An ML-DSA PKCS#8 key: the seed form (`[0] OCTET STRING`), the one the LAMPS key-format draft
/// recommends; a key known only by its expanded form is written as that.
fn ml_dsa_pkcs8(key: &MlDsaPrivate) -> pkcs8::Result<der::SecretDocument> {
    use der::asn1::{ContextSpecific, OctetStringRef};
    let oid = key.set().oid();
    let expanded;
    let inner = Zeroizing::new(match key.seed() {
        Some(seed) => ContextSpecific {
            tag_number: der::TagNumber(0),
            tag_mode: der::TagMode::Implicit,
            value: OctetStringRef::new(seed)?,
        }
        .to_der()?,
        None => {
            expanded = key.expanded();
            OctetStringRef::new(&expanded)?.to_der()?
        }
    });
    let algorithm = pkcs8::AlgorithmIdentifierRef {
        oid,
        parameters: None,
    };
    let info = pkcs8::PrivateKeyInfoRef::new(algorithm, OctetStringRef::new(&inner)?);
    Ok(der::SecretDocument::encode_msg(&info)?)
}

/// The public JWK: the RFC 7638 members, then `kid` (the thumbprint unless given), `alg`, `use`.
pub fn public_jwk(key: &Key, labels: &JwkLabels) -> Value {
    let canonical = thumbprint::canonical_json(key);
    let mut members: Map<String, Value> = serde_json::from_str(&canonical).unwrap_or_default();
    let kid = labels
        .kid
        .clone()
        .unwrap_or_else(|| thumbprint::of_canonical(&canonical));
    members.insert("kid".to_owned(), Value::String(kid));
    for (name, value) in [("alg", &labels.alg), ("use", &labels.key_use)] {
        if let Some(value) = value {
            members.insert(name.to_owned(), Value::String(value.clone()));
        }
    }
    Value::Object(members)
}

/// The private JWK: the public one plus the private members (RFC 7518 §6.2.2, §6.3.2; RFC 8037).
pub fn private_jwk(key: &PrivateKey, labels: &JwkLabels) -> Value {
    let public = key.public();
    let mut jwk = public_jwk(&public, labels);
    let private: Vec<(&str, Vec<u8>)> = match key {
        // The public JWK of a secret already holds `k`.
        PrivateKey::Secret(_) => Vec::new(),
        PrivateKey::Rsa(rsa) => {
            let number = |n: &rsa::BoxedUint| strip_leading_zeros(&n.to_be_bytes()).to_vec();
            let primes = rsa.primes();
            let mut members = vec![("d", number(rsa.d()))];
            if let [p, q] = primes {
                members.push(("p", number(p)));
                members.push(("q", number(q)));
            }
            for (name, value) in [("dp", rsa.dp()), ("dq", rsa.dq())] {
                if let Some(value) = value {
                    members.push((name, number(value)));
                }
            }
            if let Some(qi) = rsa.qinv() {
                members.push((
                    "qi",
                    strip_leading_zeros(&qi.retrieve().to_be_bytes()).to_vec(),
                ));
            }
            members
        }
        PrivateKey::Ec(ec) => vec![("d", ec_scalar(ec))],
        PrivateKey::Ed25519(ed) => vec![("d", ed.to_bytes().to_vec())],
        // An AKP JWK's `priv` is the seed; a key known only expanded has no JWK form of it.
        PrivateKey::MlDsa(key) => key
            .seed()
            .map(|seed| vec![("priv", seed.to_vec())])
            .unwrap_or_default(),
        PrivateKey::Ed448(ed) => vec![("d", ed.to_bytes().to_vec())],
    };
    if let Value::Object(members) = &mut jwk {
        for (name, bytes) in private {
            members.insert(name.to_owned(), Value::String(base64url::encode(&bytes)));
        }
    }
    jwk
}

/// Whether the key has a private JWK: all do but an ML-DSA key known only by its expanded form
/// (an AKP JWK's `priv` is the seed).
pub fn has_private_jwk(key: &PrivateKey) -> bool {
    match key {
        PrivateKey::MlDsa(key) => key.seed().is_some(),
        PrivateKey::Secret(_)
        | PrivateKey::Rsa(_)
        | PrivateKey::Ec(_)
        | PrivateKey::Ed25519(_)
        | PrivateKey::Ed448(_) => true,
    }
}

/// A JWK Set of one key.
pub fn jwks(jwk: Value) -> Value {
    serde_json::json!({ "keys": [jwk] })
}

fn ec_scalar(key: &EcPrivateKey) -> Vec<u8> {
    match key {
        EcPrivateKey::P256(sk) => sk.to_bytes().to_vec(),
        EcPrivateKey::P384(sk) => sk.to_bytes().to_vec(),
        EcPrivateKey::P521(sk) => sk.to_bytes().to_vec(),
        EcPrivateKey::K256(sk) => sk.to_bytes().to_vec(),
    }
}

fn pem(label: &'static str, der: &[u8]) -> Result<String, Error> {
    der::pem::encode_string(label, LineEnding::LF, der)
        .map_err(|err| export_error(format!("the PEM could not be written ({err})")))
}

fn export_error(detail: impl Into<String>) -> Error {
    Error::KeyFormat {
        format: "key export",
        detail: detail.into(),
    }
}
