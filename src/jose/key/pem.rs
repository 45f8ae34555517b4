//! PEM keys: SPKI and PKCS#1 public keys, X.509 certificates, and PKCS#8 / PKCS#1 / SEC1
//! private keys (whose public half is used for verification). ASN.1 is the RustCrypto crates'.

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use pkcs8::PrivateKeyInfoRef;
use spki::SubjectPublicKeyInfoRef;

use super::ml_dsa::MlDsaPublic;
use super::{name, rsa_key, Certificate, EcKey, Key, KeyEntry, KeyFormat, KeyMeta, KeySet};
use crate::jose::alg::{Curve, MlDsaSet};
use crate::jose::chain;
use crate::jose::error::Error;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
pub(super) const EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
pub(super) const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const CURVES: [(ObjectIdentifier, Curve); 4] = [
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
        Curve::P256,
    ),
    (ObjectIdentifier::new_unwrap("1.3.132.0.34"), Curve::P384),
    (ObjectIdentifier::new_unwrap("1.3.132.0.35"), Curve::P521),
    (
        ObjectIdentifier::new_unwrap("1.3.132.0.10"),
        Curve::Secp256k1,
    ),
];

/// Reads every PEM block in the text (a certificate chain gives several keys).
pub fn parse(text: &str) -> Result<KeySet, Error> {
    let mut entries = Vec::new();
    let mut first_label = None;
    for block in blocks(text) {
        let (label, der) =
            der::pem::decode_vec(block.as_bytes()).map_err(|err| Error::KeyFormat {
                format: "PEM",
                detail: format!("the armour or its base64 is broken ({err})"),
            })?;
        // OpenSSL writes the curve as its own block before an EC private key; skip it.
        if label == "EC PARAMETERS" {
            continue;
        }
        first_label.get_or_insert_with(|| label.to_owned());
        entries.push(parse_block(label, &der)?);
    }
    let Some(label) = first_label else {
        return Err(Error::KeyFormat {
            format: "PEM",
            detail: "no complete -----BEGIN …----- / -----END …----- block".to_owned(),
        });
    };
    let entries_have_certificate = entries.iter().any(|entry| entry.meta.certificate.is_some());
    Ok(KeySet {
        format: KeyFormat::Pem(label),
        entries,
        skipped: Vec::new(),
        kids: Vec::new(),
        // Only a certificate can anchor a chain; other blocks cost nothing here.
        anchors: match entries_have_certificate {
            true => chain::anchors_in_pem(text),
            false => Vec::new(),
        },
    })
}

/// The first `-----BEGIN …-----` … `-----END …-----` block of the text.
pub fn first_block(text: &str) -> Option<&str> {
    blocks(text).into_iter().next()
}

/// Splits text into `-----BEGIN …-----` … `-----END …-----` blocks.
pub(super) fn blocks(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let from_begin = rest.get(start..).unwrap_or_default();
        let Some(end_marker) = from_begin.find("-----END ") else {
            break;
        };
        let after_end = from_begin
            .get(end_marker + "-----END ".len()..)
            .unwrap_or_default();
        let Some(close) = after_end.find("-----") else {
            break;
        };
        let len = end_marker + "-----END ".len() + close + "-----".len();
        found.push(from_begin.get(..len).unwrap_or_default());
        rest = from_begin.get(len..).unwrap_or_default();
    }
    found
}

fn parse_block(label: &str, der: &[u8]) -> Result<KeyEntry, Error> {
    let format = |what: &'static str| {
        move |detail: String| Error::KeyFormat {
            format: what,
            detail,
        }
    };
    match label {
        "PUBLIC KEY" => spki_key(der)
            .map(KeyEntry::bare)
            .map_err(format("SPKI public key")),
        "RSA PUBLIC KEY" => pkcs1_public(der)
            .map(KeyEntry::bare)
            .map_err(format("PKCS#1 RSA public key")),
        "CERTIFICATE" => certificate(der).map_err(format("X.509 certificate")),
        "PRIVATE KEY" => pkcs8_private(der)
            .map(KeyEntry::bare)
            .map_err(format("PKCS#8 private key")),
        "RSA PRIVATE KEY" => pkcs1_private(der)
            .map(KeyEntry::bare)
            .map_err(format("PKCS#1 RSA private key")),
        "EC PRIVATE KEY" => sec1_private(der, None)
            .map(|key| KeyEntry::bare(Key::Ec(key)))
            .map_err(format("SEC1 EC private key")),
        "ENCRYPTED PRIVATE KEY" => Err(Error::KeyFormat {
            format: "PEM",
            detail: "the private key is encrypted with a password; paste the public key instead"
                .to_owned(),
        }),
        other => Err(Error::KeyFormat {
            format: "PEM",
            detail: format!("\"{other}\" is not a key label this page reads"),
        }),
    }
}

pub(super) fn der_error(err: der::Error) -> String {
    format!("the DER structure is invalid ({err})")
}

/// A SubjectPublicKeyInfo: RSA, EC on a JOSE curve, Ed25519 or Ed448.
fn spki_key(der: &[u8]) -> Result<Key, String> {
    let info = SubjectPublicKeyInfoRef::from_der(der).map_err(der_error)?;
    let oid = info.algorithm.oid;
    let bits = info
        .subject_public_key
        .as_bytes()
        .ok_or("the key bit string has unused bits")?;
    if oid == RSA_ENCRYPTION || oid == RSASSA_PSS {
        return pkcs1_public(bits);
    }
    if oid == EC_PUBLIC_KEY {
        let curve_oid = info
            .algorithm
            .parameters
            .ok_or("the EC key names no curve")?
            .decode_as::<ObjectIdentifier>()
            .map_err(|_| "the EC key's curve is not a named curve".to_owned())?;
        let curve = curve_from_oid(curve_oid)?;
        return EcKey::from_sec1(curve, bits).map(Key::Ec);
    }
    if oid == ED25519 {
        let bytes: [u8; 32] = bits
            .try_into()
            .map_err(|_| format!("an Ed25519 key is 32 bytes, not {}", bits.len()))?;
        return ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map(Key::Ed25519)
            .map_err(|_| "not a valid Ed25519 point".to_owned());
    }
    if let Some(set) = MlDsaSet::from_oid(&oid) {
        if info.algorithm.parameters.is_some() {
            return Err(format!("an {} key has no algorithm parameters", set.name()));
        }
        return MlDsaPublic::from_bytes(set, bits).map(Key::MlDsa);
    }
    if oid == ED448 {
        return super::ed448::Ed448Public::from_bytes(bits).map(Key::Ed448);
    }
    Err(unsupported_algorithm(oid))
}

fn unsupported_algorithm(oid: ObjectIdentifier) -> String {
    match oid {
        oid if oid == X25519 => "X25519 keys are for key agreement, not signatures".to_owned(),
        oid if oid == X448 => "X448 keys are for key agreement, not signatures".to_owned(),
        oid => format!("key algorithm {oid} is not one JOSE signs with"),
    }
}

/// The named curve's OID (RFC 5480), for the curves ECDSA runs on.
pub(super) fn curve_oid(curve: Curve) -> Option<ObjectIdentifier> {
    CURVES
        .iter()
        .find(|(_, known)| *known == curve)
        .map(|(oid, _)| *oid)
}

fn curve_from_oid(oid: ObjectIdentifier) -> Result<Curve, String> {
    CURVES
        .iter()
        .find(|(known, _)| *known == oid)
        .map(|(_, curve)| *curve)
        .ok_or_else(|| format!("curve {oid} is not a JOSE curve"))
}

fn pkcs1_public(der: &[u8]) -> Result<Key, String> {
    let key = pkcs1::RsaPublicKeyRef::from_der(der).map_err(der_error)?;
    rsa_key::from_components(key.modulus.as_bytes(), key.public_exponent.as_bytes())
        .map(|key| Key::Rsa(Box::new(key)))
}

fn pkcs1_private(der: &[u8]) -> Result<Key, String> {
    let key = pkcs1::RsaPrivateKeyRef::from_der(der).map_err(der_error)?;
    rsa_key::from_components(key.modulus.as_bytes(), key.public_exponent.as_bytes())
        .map(|key| Key::Rsa(Box::new(key)))
}

/// What a PKCS#8 private key holds, before it becomes a key (shared with the signing path).
pub(super) enum Pkcs8Parts<'a> {
    /// A PKCS#1 RSAPrivateKey.
    Rsa(&'a [u8]),
    /// A SEC1 ECPrivateKey, with the curve the wrapper names.
    Ec { der: &'a [u8], curve: Option<Curve> },
    /// An Ed25519 seed (RFC 8410).
    Ed25519([u8; 32]),
    /// An ML-DSA private key: seed, expanded key or both (the LAMPS ML-DSA key-format draft).
    /// The PKCS#8 v2 public key, when it holds one, is checked against the private key.
    MlDsa {
        set: MlDsaSet,
        key: MlDsaPkcs8<'a>,
        public: Option<&'a [u8]>,
    },
    /// An Ed448 private key (RFC 8410), with the public key when the PKCS#8 v2 form has it.
    Ed448 {
        seed: [u8; 57],
        public: Option<&'a [u8]>,
    },
}

/// The three forms of an ML-DSA PKCS#8 private key (draft-ietf-lamps-dilithium-certificates,
/// `ML-DSA-PrivateKey ::= CHOICE { seed [0] OCTET STRING (32), expandedKey OCTET STRING,
/// both SEQUENCE { seed, expandedKey } }`).
pub(crate) enum MlDsaPkcs8<'a> {
    Seed([u8; 32]),
    Expanded(&'a [u8]),
    Both { seed: [u8; 32], expanded: &'a [u8] },
}

fn ml_dsa_pkcs8(private: &[u8]) -> Result<MlDsaPkcs8<'_>, String> {
    use der::asn1::{AnyRef, OctetStringRef};
    use der::{Reader, Tag, TagNumber};
    let seed_of = |bytes: &[u8]| -> Result<[u8; 32], String> {
        bytes
            .try_into()
            .map_err(|_| format!("an ML-DSA seed is 32 bytes, not {}", bytes.len()))
    };
    let any = AnyRef::from_der(private).map_err(der_error)?;
    match any.header().tag() {
        Tag::ContextSpecific {
            constructed: false,
            number: TagNumber(0),
        } => Ok(MlDsaPkcs8::Seed(seed_of(any.value())?)),
        Tag::OctetString => Ok(MlDsaPkcs8::Expanded(any.value())),
        Tag::Sequence => {
            let mut reader = der::SliceReader::new(any.value()).map_err(der_error)?;
            let seed = <&OctetStringRef>::decode(&mut reader).map_err(der_error)?;
            let expanded = <&OctetStringRef>::decode(&mut reader).map_err(der_error)?;
            reader.finish().map_err(der_error)?;
            Ok(MlDsaPkcs8::Both {
                seed: seed_of(seed.as_bytes())?,
                expanded: expanded.as_bytes(),
            })
        }
        other => Err(format!(
            "the ML-DSA private key is neither a seed, an expanded key nor both ({other})"
        )),
    }
}

pub(super) fn pkcs8_parts(der: &[u8]) -> Result<Pkcs8Parts<'_>, String> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(der_error)?;
    let oid = info.algorithm.oid;
    let private = info.private_key.as_bytes();
    if oid == RSA_ENCRYPTION || oid == RSASSA_PSS {
        return Ok(Pkcs8Parts::Rsa(private));
    }
    if oid == EC_PUBLIC_KEY {
        let curve = match info.algorithm.parameters {
            Some(params) => Some(curve_from_oid(
                params
                    .decode_as::<ObjectIdentifier>()
                    .map_err(|_| "the EC key's curve is not a named curve".to_owned())?,
            )?),
            None => None,
        };
        return Ok(Pkcs8Parts::Ec {
            der: private,
            curve,
        });
    }
    if oid == ED25519 {
        // The private key is an OCTET STRING holding the 32-byte seed (RFC 8410).
        let seed = <&der::asn1::OctetStringRef>::from_der(private).map_err(der_error)?;
        let seed: [u8; 32] = seed
            .as_bytes()
            .try_into()
            .map_err(|_| "an Ed25519 seed is 32 bytes".to_owned())?;
        return Ok(Pkcs8Parts::Ed25519(seed));
    }
    if let Some(set) = MlDsaSet::from_oid(&oid) {
        if info.algorithm.parameters.is_some() {
            return Err(format!("an {} key has no algorithm parameters", set.name()));
        }
        let key = ml_dsa_pkcs8(private)?;
        let public = pkcs8_public(&info)?;
        return Ok(Pkcs8Parts::MlDsa { set, key, public });
    }
    if oid == ED448 {
        let seed = <&der::asn1::OctetStringRef>::from_der(private).map_err(der_error)?;
        let seed: [u8; 57] = seed
            .as_bytes()
            .try_into()
            .map_err(|_| "an Ed448 private key is 57 bytes".to_owned())?;
        let public = pkcs8_public(&info)?;
        return Ok(Pkcs8Parts::Ed448 { seed, public });
    }
    Err(unsupported_algorithm(oid))
}

/// The public key a PKCS#8 v2 (RFC 5958) private key carries beside it.
fn pkcs8_public<'a>(info: &PrivateKeyInfoRef<'a>) -> Result<Option<&'a [u8]>, String> {
    info.public_key
        .map(|bits| {
            bits.as_bytes()
                .ok_or_else(|| "the public key bit string has unused bits".to_owned())
        })
        .transpose()
}

fn pkcs8_private(der: &[u8]) -> Result<Key, String> {
    match pkcs8_parts(der)? {
        Pkcs8Parts::Rsa(pkcs1) => pkcs1_private(pkcs1),
        Pkcs8Parts::Ec { der, curve } => sec1_private(der, curve).map(Key::Ec),
        Pkcs8Parts::Ed25519(seed) => Ok(Key::Ed25519(
            ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key(),
        )),
        // Its public half takes ML-DSA key generation, code the page's first load does not
        // carry; the encoder and the Keys tab (in the worker) read the key whole.
        Pkcs8Parts::MlDsa { set, .. } => Err(format!(
            "an {} private key's public half is not computed here: paste its public key (SPKI PEM or AKP JWK), which the Keys tab makes from this one",
            set.name()
        )),
        // Computing the public key is Ed448 arithmetic, which the page does not carry: the
        // key box takes the public key the PKCS#8 v2 form holds, or asks for it.
        Pkcs8Parts::Ed448 {
            public: Some(public),
            ..
        } => super::ed448::Ed448Public::from_bytes(public).map(Key::Ed448),
        Pkcs8Parts::Ed448 { public: None, .. } => Err(
            "this Ed448 private key does not hold its public key: paste the public key (the Keys tab writes it)"
                .to_owned(),
        ),
    }
}

/// The curve and private scalar of a SEC1 ECPrivateKey; the curve comes from the key itself or
/// from the PKCS#8 wrapper.
pub(super) fn sec1_scalar(der: &[u8], curve: Option<Curve>) -> Result<(Curve, Vec<u8>), String> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(der_error)?;
    let named = key
        .parameters
        .and_then(|params| params.named_curve())
        .map(curve_from_oid)
        .transpose()?;
    let curve = named.or(curve).ok_or("the EC private key names no curve")?;
    Ok((curve, key.private_key.to_vec()))
}

/// A SEC1 ECPrivateKey's public half.
fn sec1_private(der: &[u8], curve: Option<Curve>) -> Result<EcKey, String> {
    let (curve, scalar) = sec1_scalar(der, curve)?;
    EcKey::from_scalar(curve, &scalar)
}

/// An X.509 certificate: its public key, plus subject, issuer and validity to show.
pub fn certificate(der: &[u8]) -> Result<KeyEntry, String> {
    let cert = x509_cert::Certificate::from_der(der).map_err(der_error)?;
    let tbs = cert.tbs_certificate();
    let spki = tbs.subject_public_key_info().to_der().map_err(der_error)?;
    let key = spki_key(&spki)?;
    let validity = tbs.validity();
    let seconds = |time: x509_cert::time::Time| {
        i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    let certificate = Certificate {
        subject: name::rfc4514(tbs.subject()),
        issuer: name::rfc4514(tbs.issuer()),
        not_before: seconds(validity.not_before),
        not_after: seconds(validity.not_after),
    };
    Ok(KeyEntry::new(
        key,
        KeyMeta {
            certificate: Some(certificate),
            ..KeyMeta::default()
        },
    ))
}
