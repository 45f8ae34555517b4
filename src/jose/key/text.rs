//! The one place key text is told apart: PEM armour, JSON (a JWK or a JWK Set, parsed once), or
//! a secret in the chosen encoding. Verification, signing, decryption and the key workshop each
//! read their keys from a `KeyText`.

use serde_json::{Map, Value};

use crate::jose::alg::Kty;
use crate::jose::error::Error;

/// Key text as it was written.
#[derive(Clone, PartialEq)]
pub enum KeyText<'a> {
    /// One or more `-----BEGIN …-----` blocks (a key, a certificate), trimmed.
    Pem(&'a str),
    /// A JWK's members.
    Jwk(Map<String, Value>),
    /// A JWK Set's `keys`, each as given.
    JwkSet(Vec<Value>),
    /// Anything else is a secret (or a password), exactly as typed.
    Secret(&'a str),
}

/// Never prints the key material.
impl std::fmt::Debug for KeyText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let form = match self {
            KeyText::Pem(_) => "Pem",
            KeyText::Jwk(_) => "Jwk",
            KeyText::JwkSet(keys) => return write!(f, "KeyText::JwkSet({} keys)", keys.len()),
            KeyText::Secret(_) => "Secret",
        };
        write!(f, "KeyText::{form}(redacted)")
    }
}

impl<'a> KeyText<'a> {
    /// Tells what the text is; JSON that does not read as an object is an error that says where.
    pub fn read(text: &'a str) -> Result<KeyText<'a>, Error> {
        let trimmed = text.trim();
        if trimmed.starts_with("-----BEGIN") {
            return Ok(KeyText::Pem(trimmed));
        }
        if !trimmed.starts_with('{') {
            return Ok(KeyText::Secret(text));
        }
        let value: Value = serde_json::from_str(trimmed).map_err(|err| Error::KeyFormat {
            format: "JWK",
            detail: format!("the JSON is not valid: {err}"),
        })?;
        let Value::Object(mut members) = value else {
            return Err(Error::KeyFormat {
                format: "JWK",
                detail: "the JSON is not an object".to_owned(),
            });
        };
        // Taken in place: removing a member would shift the others (members keep their order).
        match members.get_mut("keys") {
            Some(Value::Array(keys)) => Ok(KeyText::JwkSet(std::mem::take(keys))),
            Some(_) => Err(Error::KeyFormat {
                format: "JWK Set",
                detail: "\"keys\" is not an array".to_owned(),
            }),
            None => Ok(KeyText::Jwk(members)),
        }
    }

    /// Whether the text holds a private key: a PEM labelled private, a JWK with a private key
    /// type's member (`d`, `priv`, …; an `oct` JWK's `k` is a secret, not a private key).
    pub fn looks_private(&self) -> bool {
        match self {
            KeyText::Pem(text) => text
                .lines()
                .next()
                .is_some_and(|line| line.contains("PRIVATE")),
            KeyText::Jwk(jwk) => Kty::ALL
                .into_iter()
                .filter(|kty| *kty != Kty::Oct)
                .flat_map(Kty::private_members)
                .any(|member| jwk.contains_key(*member)),
            KeyText::JwkSet(_) | KeyText::Secret(_) => false,
        }
    }

    /// A string member of a JWK (`kid`, `alg`, `use`).
    pub fn jwk_label(&self, name: &str) -> Option<String> {
        match self {
            KeyText::Jwk(jwk) => jwk.get(name)?.as_str().map(str::to_owned),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_is_told_apart_once() {
        let pem = "  -----BEGIN PUBLIC KEY-----\nAA\n-----END PUBLIC KEY-----\n";
        assert!(matches!(KeyText::read(pem), Ok(KeyText::Pem(text)) if text.ends_with("-----")));
        assert!(matches!(
            KeyText::read(" secret "),
            Ok(KeyText::Secret(" secret "))
        ));
        let jwk =
            KeyText::read(r#"{"kty":"oct","k":"AA","kid":"a"}"#).unwrap_or(KeyText::Secret(""));
        assert_eq!(jwk.jwk_label("kid").as_deref(), Some("a"));
        assert!(!jwk.looks_private());
        for private in [r#"{"kty":"EC","d":"AA"}"#, r#"{"kty":"AKP","priv":"AA"}"#] {
            assert!(KeyText::read(private).is_ok_and(|text| text.looks_private()));
        }
        assert!(
            matches!(KeyText::read(r#"{"keys":[{}, {}]}"#), Ok(KeyText::JwkSet(keys)) if keys.len() == 2)
        );
        assert!(KeyText::read(r#"{"keys":{}}"#).is_err());
        assert!(KeyText::read("{ not json").is_err());
        let private = KeyText::read("-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----");
        assert!(private.is_ok_and(|text| text.looks_private()));
        // Never prints what it holds.
        assert_eq!(
            format!("{:?}", KeyText::Secret("hunter2")),
            "KeyText::Secret(redacted)"
        );
    }
}
