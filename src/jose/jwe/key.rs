//! Keys that decrypt: shared secrets and passwords, RSA and EC private keys (PEM or JWK),
//! X25519 private JWKs, and X448 private keys (JWK or PKCS#8 PEM); a JWK Set keeps each key's `kid` for choosing by the token's `kid`.

use serde_json::{Map, Value};

use super::alg::{EncAlg, KeyAlg};
use crate::jose::base64url;
use crate::jose::error::{Error, Part};
use crate::jose::key::private::{self, EcPrivateKey, PrivateKey};
use crate::jose::key::rsa_key::{self, RsaPublic};
use crate::jose::key::{KeyText, SecretEncoding};
use zeroize::Zeroizing;

/// A key that can recover a content key.
pub enum DecryptionKey {
    /// A shared key, or a PBES2 password; wiped when dropped.
    Secret(Zeroizing<Vec<u8>>),
    Rsa(Box<rsa::PrivateKey>),
    Ec(Box<EcPrivateKey>),
    X25519(Box<x25519_dalek::StaticSecret>),
    /// An X448 private key (RFC 7748), wiped when dropped.
    X448(Box<x448::StaticSecret>),
}

/// One key of the key box, with what its JWK said about it.
pub struct KeyEntry {
    pub kid: Option<String>,
    /// JWK `alg`: the one algorithm the key is for.
    pub alg: Option<String>,
    /// JWK `use`.
    pub key_use: Option<String>,
    pub key: DecryptionKey,
}

impl KeyEntry {
    fn bare(key: DecryptionKey) -> KeyEntry {
        KeyEntry {
            kid: None,
            alg: None,
            key_use: None,
            key,
        }
    }

    /// Whether the JWK's `alg` and `use` allow decrypting with `alg` and `enc`. A direct key
    /// may name its content encryption (RFC 7520 §5.6 does).
    pub fn permits(&self, alg: KeyAlg, enc: EncAlg) -> Result<(), Error> {
        let refused = |detail: String| Error::KeyFormat {
            format: "JWK",
            detail,
        };
        if let Some(key_alg) = &self.alg {
            let direct = matches!(alg, KeyAlg::Dir | KeyAlg::EcdhEs(None));
            if key_alg != alg.name() && !(direct && key_alg == enc.name()) {
                return Err(refused(format!(
                    "its \"alg\" is {key_alg:?}, so it must not be used for {}",
                    alg.name()
                )));
            }
        }
        match self.key_use.as_deref() {
            Some(key_use) if key_use != "enc" => {
                Err(refused(format!("its \"use\" is {key_use:?}, not \"enc\"")))
            }
            _ => Ok(()),
        }
    }
}

impl DecryptionKey {
    /// "secret of 16 bytes", "RSA 2048-bit private key", "EC P-256 private key" …
    pub fn describe(&self) -> String {
        match self {
            DecryptionKey::Secret(secret) => format!("secret of {} bytes", secret.len()),
            DecryptionKey::Rsa(rsa) => format!(
                "RSA {}-bit private key",
                rsa_key::modulus_bits(&RsaPublic::of(&rsa.to_public_key()))
            ),
            DecryptionKey::Ec(ec) => format!("EC {} private key", ec.curve().jwk_name()),
            DecryptionKey::X25519(_) => "X25519 private key".to_owned(),
            DecryptionKey::X448(_) => "X448 private key".to_owned(),
        }
    }
}

/// Never prints key material.
impl std::fmt::Debug for DecryptionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DecryptionKey({})", self.describe())
    }
}

/// Reads the key box for decryption: a JWK Set, a JWK, a PEM private key, or a secret or
/// password in the chosen encoding.
pub fn parse(text: &str, encoding: SecretEncoding) -> Result<Vec<KeyEntry>, Error> {
    from_text(&KeyText::read(text)?, encoding)
}

/// The decryption keys of key text in any form: every usable key of a set, or the one key.
pub fn from_text(text: &KeyText<'_>, encoding: SecretEncoding) -> Result<Vec<KeyEntry>, Error> {
    let keys = match text {
        KeyText::JwkSet(keys) => keys,
        KeyText::Jwk(jwk) => return from_jwk(jwk).map(|entry| vec![entry]),
        KeyText::Pem(pem) => {
            let key = match x448_pem(pem) {
                Some(key) => key?,
                None => from_private(PrivateKey::from_text(text, encoding)?)?,
            };
            return Ok(vec![KeyEntry::bare(key)]);
        }
        KeyText::Secret(_) => {
            let key = from_private(PrivateKey::from_text(text, encoding)?)?;
            return Ok(vec![KeyEntry::bare(key)]);
        }
    };
    let mut entries = Vec::new();
    let mut first_error = None;
    for jwk in keys {
        match jwk
            .as_object()
            .ok_or_else(|| set_error("a member of keys is not an object"))
            .and_then(from_jwk)
        {
            Ok(entry) => entries.push(entry),
            Err(err) => {
                first_error.get_or_insert(err);
            }
        }
    }
    match (entries.is_empty(), first_error) {
        (true, Some(err)) => Err(err),
        (true, None) => Err(set_error("the set has no keys")),
        (false, _) => Ok(entries),
    }
}

fn from_jwk(jwk: &Map<String, Value>) -> Result<KeyEntry, Error> {
    let member = |name: &str| jwk.get(name).and_then(Value::as_str).map(str::to_owned);
    let key = if crate::jose::key::jwk::is_x25519(jwk) {
        x25519(jwk)?
    } else if crate::jose::key::jwk::is_x448(jwk) {
        x448_jwk(jwk)?
    } else {
        from_private(private::from_jwk(jwk)?)?
    };
    Ok(KeyEntry {
        kid: member("kid"),
        alg: member("alg"),
        key_use: member("use"),
        key,
    })
}

fn x25519(jwk: &Map<String, Value>) -> Result<DecryptionKey, Error> {
    let member = |name: &str| {
        jwk.get(name)
            .and_then(Value::as_str)
            .and_then(|text| base64url::decode_segment(text, Part::Key, 0).ok())
            .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
            .ok_or_else(|| jwk_error(format!("an X25519 \"{name}\" is 32 bytes of base64url")))
    };
    let secret = x25519_dalek::StaticSecret::from(member("d")?);
    if jwk.contains_key("x") && x25519_dalek::PublicKey::from(&secret).to_bytes() != member("x")? {
        return Err(jwk_error("\"d\" does not belong to the public key \"x\""));
    }
    Ok(DecryptionKey::X25519(Box::new(secret)))
}

/// An X448 private JWK (RFC 8037 §2): `d` is 56 bytes; `x`, when given, must be its public key.
fn x448_jwk(jwk: &Map<String, Value>) -> Result<DecryptionKey, Error> {
    let member = |name: &str| {
        jwk.get(name)
            .and_then(Value::as_str)
            .and_then(|text| base64url::decode_segment(text, Part::Key, 0).ok())
            .and_then(|bytes| <[u8; 56]>::try_from(bytes).ok())
            .ok_or_else(|| jwk_error(format!("an X448 \"{name}\" is 56 bytes of base64url")))
    };
    let secret = x448::StaticSecret::from(*Zeroizing::new(member("d")?));
    if jwk.contains_key("x") && x448::PublicKey::from(&secret).as_bytes() != &member("x")? {
        return Err(jwk_error("\"d\" does not belong to the public key \"x\""));
    }
    Ok(DecryptionKey::X448(Box::new(secret)))
}

/// An X448 PKCS#8 private key (RFC 8410 §7, OID 1.3.101.111) in the PEM text; `None` when the
/// text's first key is not one, for the other readers.
fn x448_pem(text: &str) -> Option<Result<DecryptionKey, Error>> {
    use der::Decode;
    let block = crate::jose::key::pem::first_block(text)?;
    let (label, der) = der::pem::decode_vec(block.as_bytes()).ok()?;
    let der = Zeroizing::new(der);
    let info = pkcs8::PrivateKeyInfoRef::from_der(&der).ok()?;
    if label != "PRIVATE KEY" || info.algorithm.oid != X448_OID {
        return None;
    }
    let pem_error = |detail: &str| Error::KeyFormat {
        format: "PKCS#8 X448 private key",
        detail: detail.to_owned(),
    };
    let seed = <&der::asn1::OctetStringRef>::from_der(info.private_key.as_bytes())
        .ok()
        .and_then(|inner| <[u8; 56]>::try_from(inner.as_bytes()).ok());
    Some(match seed {
        Some(seed) => Ok(DecryptionKey::X448(Box::new(x448::StaticSecret::from(
            *Zeroizing::new(seed),
        )))),
        None => Err(pem_error("an X448 private key is 56 bytes")),
    })
}

/// The X448 key algorithm (RFC 8410 §3).
pub const X448_OID: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.101.111");

fn from_private(key: PrivateKey) -> Result<DecryptionKey, Error> {
    match key {
        PrivateKey::Secret(secret) => Ok(DecryptionKey::Secret(Zeroizing::new(
            secret.bytes().to_vec(),
        ))),
        PrivateKey::Rsa(rsa) => Ok(DecryptionKey::Rsa(rsa)),
        PrivateKey::Ec(ec) => Ok(DecryptionKey::Ec(ec)),
        PrivateKey::Ed25519(_) => Err(ed25519_cannot_encrypt()),
        PrivateKey::MlDsa(_) => Err(ml_dsa_cannot_encrypt()),
        PrivateKey::Ed448(_) => Err(ed448_cannot_encrypt()),
    }
}

fn jwk_error(detail: impl Into<String>) -> Error {
    Error::KeyFormat {
        format: "private JWK",
        detail: detail.into(),
    }
}

fn set_error(detail: &str) -> Error {
    Error::KeyFormat {
        format: "JWK Set",
        detail: detail.to_owned(),
    }
}

/// An ML-DSA key given to encrypt or decrypt: it only signs.
pub fn ml_dsa_cannot_encrypt() -> Error {
    Error::KeyFormat {
        format: "ML-DSA key",
        detail:
            "ML-DSA keys sign; JWE needs an RSA, EC, X25519 or X448 key, a secret or a password"
                .to_owned(),
    }
}

/// Ed25519 keys only sign; JWE on Curve25519 uses X25519 keys (RFC 8037 §3.2).
pub fn ed25519_cannot_encrypt() -> Error {
    Error::KeyFormat {
        format: "Ed25519 key",
        detail: "Ed25519 keys sign; for ECDH-ES on Curve25519 give an X25519 key".to_owned(),
    }
}

/// Ed448 keys only sign; JWE on Curve448 uses X448 keys (RFC 8037 §3.2).
pub fn ed448_cannot_encrypt() -> Error {
    Error::KeyFormat {
        format: "Ed448 key",
        detail: "Ed448 keys sign; for ECDH-ES on Curve448 give an X448 key".to_owned(),
    }
}

/// The key is of the wrong kind for `alg`.
pub fn mismatch(alg: KeyAlg, key: &DecryptionKey) -> Error {
    Error::KeyMismatch {
        alg: alg.name(),
        expected: alg.needs().to_owned(),
        found: key.describe(),
    }
}
