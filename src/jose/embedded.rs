//! Keys a token carries in its own header (RFC 7515 §4.1.2–4.1.6). They are shown, never used:
//! whoever made the token chose them, so a signature they verify proves nothing.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{Map, Value};

use super::key::{jwk, pem, Certificate, KeyEntry};

/// A key, or a place to fetch one, named in the header.
#[derive(Clone, Debug, PartialEq)]
pub enum EmbeddedKey {
    /// `jwk`: a public key in the header (CVE-2018-0114 when a verifier uses it).
    Jwk(Result<CarriedKey, String>),
    /// `jku`: the URL of a JWK Set. Never fetched.
    Jku(String),
    /// `x5u`: the URL of an X.509 chain. Never fetched.
    X5u(String),
    /// `x5c`: a certificate chain; its first certificate holds the key.
    X5c {
        certificates: usize,
        leaf: Result<CarriedKey, String>,
    },
}

/// A key read from the header, named as the key box names keys.
#[derive(Clone, Debug, PartialEq)]
pub struct CarriedKey {
    pub description: String,
    /// RFC 7638 thumbprint, to compare with the key that verified.
    pub thumbprint: String,
    pub certificate: Option<Certificate>,
}

impl EmbeddedKey {
    /// The header parameter's name.
    pub fn parameter(&self) -> &'static str {
        match self {
            EmbeddedKey::Jwk(_) => "jwk",
            EmbeddedKey::Jku(_) => "jku",
            EmbeddedKey::X5u(_) => "x5u",
            EmbeddedKey::X5c { .. } => "x5c",
        }
    }

    /// The thumbprint of the carried key, where there is one.
    pub fn thumbprint(&self) -> Option<&str> {
        match self {
            EmbeddedKey::Jwk(Ok(key)) | EmbeddedKey::X5c { leaf: Ok(key), .. } => {
                Some(&key.thumbprint)
            }
            EmbeddedKey::Jwk(Err(_))
            | EmbeddedKey::X5c { leaf: Err(_), .. }
            | EmbeddedKey::Jku(_)
            | EmbeddedKey::X5u(_) => None,
        }
    }
}

/// Every key-carrying parameter of a header, in the order RFC 7515 lists them.
pub fn embedded_keys(header: &Map<String, Value>) -> Vec<EmbeddedKey> {
    let mut found = Vec::new();
    if let Some(value) = header.get("jku") {
        found.push(EmbeddedKey::Jku(url(value)));
    }
    if let Some(value) = header.get("jwk") {
        let key = match value.as_object() {
            Some(object) => jwk::parse_jwk(object)
                .map(carried)
                .map_err(|err| err.to_string()),
            None => Err("it is not a JSON object".to_owned()),
        };
        found.push(EmbeddedKey::Jwk(key));
    }
    if let Some(value) = header.get("x5u") {
        found.push(EmbeddedKey::X5u(url(value)));
    }
    if let Some(value) = header.get("x5c") {
        found.push(chain(value));
    }
    found
}

fn carried(entry: KeyEntry) -> CarriedKey {
    CarriedKey {
        description: entry.key.describe(),
        thumbprint: entry.meta.thumbprint,
        certificate: entry.meta.certificate,
    }
}

/// The URL as written; a value that is not a string is shown as its JSON.
fn url(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// `x5c` is an array of standard base64 (not base64url) DER certificates (RFC 7515 §4.1.6).
fn chain(value: &Value) -> EmbeddedKey {
    let certificates = value.as_array().map_or(0, Vec::len);
    let leaf = match value.as_array().and_then(|chain| chain.first()) {
        None => Err("it is not a non-empty array".to_owned()),
        Some(first) => first
            .as_str()
            .ok_or_else(|| "its first certificate is not a string".to_owned())
            .and_then(|text| {
                STANDARD
                    .decode(text)
                    .map_err(|err| format!("its first certificate is not base64: {err}"))
            })
            .and_then(|der| pem::certificate(&der))
            .map(carried),
    };
    EmbeddedKey::X5c { certificates, leaf }
}
