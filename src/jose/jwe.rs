//! Encrypted tokens (JWE, RFC 7516): the compact and JSON serializations read part by part,
//! and decryption with the recipient's key.

pub mod alg;
pub mod content;
pub mod decrypt;
pub mod ecdh;
pub mod encrypt;
pub mod header;
pub mod key;
pub mod key_management;
pub mod pbkdf2;

use serde_json::{Map, Value};

use super::base64url;
use super::error::{Error, Part};

/// How the token was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Serialization {
    /// Five base64url parts separated by dots.
    Compact,
    /// JSON with one recipient's `header` and `encrypted_key` at the top level.
    Flattened,
    /// JSON with a `recipients` array.
    General,
}

/// An encrypted token, read but not decrypted.
#[derive(Clone, Debug, PartialEq)]
pub struct Jwe {
    pub serialization: Serialization,
    /// The protected header's base64url text as received: it is authenticated as sent.
    pub protected_b64: String,
    pub protected: Map<String, Value>,
    /// The shared unprotected header (JSON serializations only).
    pub unprotected: Map<String, Value>,
    pub recipients: Vec<Recipient>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
    /// The `aad` member's base64url text (JSON serializations only).
    pub aad_b64: Option<String>,
}

/// One recipient: its own unprotected header and its encrypted content key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recipient {
    pub header: Map<String, Value>,
    pub encrypted_key: Vec<u8>,
}

impl Jwe {
    /// A string member of recipient `index`'s joint header, for display.
    pub fn header_text(&self, index: usize, name: &str) -> Option<String> {
        let header = self.joint_header(index).ok()?;
        header.get(name)?.as_str().map(str::to_owned)
    }

    /// The header that applies to recipient `index`: protected, shared and per-recipient members
    /// together. RFC 7516 §7.2.1 requires them to be disjoint.
    pub fn joint_header(&self, index: usize) -> Result<Map<String, Value>, Error> {
        let mut joint = self.protected.clone();
        let own = self.recipients.get(index).map(|r| &r.header);
        for part in [Some(&self.unprotected), own].into_iter().flatten() {
            for (name, value) in part {
                if joint.insert(name.clone(), value.clone()).is_some() {
                    return Err(Error::JweHeader {
                        detail: format!("\"{name}\" appears in more than one header"),
                    });
                }
            }
        }
        Ok(joint)
    }

    /// The additional authenticated data: the protected header's text, then `.aad` if any.
    pub fn aad(&self) -> Vec<u8> {
        match &self.aad_b64 {
            Some(aad) => format!("{}.{aad}", self.protected_b64).into_bytes(),
            None => self.protected_b64.clone().into_bytes(),
        }
    }
}

/// Whether the text looks like a JWE: five compact parts, or JSON with `ciphertext`.
pub fn looks_encrypted(text: &str) -> bool {
    let text = text.trim();
    if text.starts_with('{') {
        return serde_json::from_str::<Map<String, Value>>(text)
            .is_ok_and(|json| json.contains_key("ciphertext"));
    }
    text.split('.').count() == 5
}

/// Reads a JWE in any serialization.
pub fn parse(text: &str) -> Result<Jwe, Error> {
    let text = text.trim();
    if text.starts_with('{') {
        parse_json(text)
    } else {
        parse_compact(text)
    }
}

fn parse_compact(text: &str) -> Result<Jwe, Error> {
    let segments: Vec<&str> = text.split('.').collect();
    let [protected_b64, encrypted_key, iv, ciphertext, tag] = segments[..] else {
        return Err(Error::SegmentCount {
            found: segments.len(),
        });
    };
    let mut start = 0;
    let mut decode = |segment: &str, part: Part| {
        let bytes = base64url::decode_segment(segment, part, start);
        start += segment.len() + 1;
        bytes
    };
    let protected = header_object(&decode(protected_b64, Part::Header)?)?;
    let encrypted_key = decode(encrypted_key, Part::EncryptedKey)?;
    Ok(Jwe {
        serialization: Serialization::Compact,
        protected_b64: protected_b64.to_owned(),
        protected,
        unprotected: Map::new(),
        recipients: vec![Recipient {
            header: Map::new(),
            encrypted_key,
        }],
        iv: decode(iv, Part::Iv)?,
        ciphertext: decode(ciphertext, Part::Ciphertext)?,
        tag: decode(tag, Part::Tag)?,
        aad_b64: None,
    })
}

fn parse_json(text: &str) -> Result<Jwe, Error> {
    let json: Map<String, Value> = serde_json::from_str(text).map_err(|err| Error::Json {
        part: Part::Token,
        line: err.line(),
        column: err.column(),
        message: err.to_string(),
    })?;
    from_object(&json)
}

/// Reads a JWE JSON serialization already parsed (the page parses pasted JSON once, to tell a
/// JWS serialization from a JWE one).
pub fn from_object(json: &Map<String, Value>) -> Result<Jwe, Error> {
    let text_member = |name: &str| -> Result<Option<&str>, Error> {
        match json.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(structure(format!("\"{name}\" is not a string"))),
        }
    };
    let bytes_member = |name: &str, part: Part| -> Result<Vec<u8>, Error> {
        text_member(name)?
            .map(|text| base64url::decode_segment(text, part, 0))
            .transpose()
            .map(Option::unwrap_or_default)
    };
    let protected_b64 = text_member("protected")?.unwrap_or_default().to_owned();
    let protected = match protected_b64.as_str() {
        "" => Map::new(),
        text => header_object(&base64url::decode_segment(text, Part::Header, 0)?)?,
    };
    let unprotected = object_member(json, "unprotected")?;
    let (serialization, recipients) = match json.get("recipients") {
        Some(Value::Array(list)) if !list.is_empty() => {
            let recipients = list
                .iter()
                .map(|recipient| {
                    let recipient = recipient
                        .as_object()
                        .ok_or_else(|| structure("a recipient is not an object"))?;
                    let encrypted_key = match recipient.get("encrypted_key") {
                        None => Vec::new(),
                        Some(Value::String(text)) => {
                            base64url::decode_segment(text, Part::EncryptedKey, 0)?
                        }
                        Some(_) => return Err(structure("\"encrypted_key\" is not a string")),
                    };
                    Ok(Recipient {
                        header: object_member(recipient, "header")?,
                        encrypted_key,
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            (Serialization::General, recipients)
        }
        Some(_) => return Err(structure("\"recipients\" is not a non-empty array")),
        None => (
            Serialization::Flattened,
            vec![Recipient {
                header: object_member(json, "header")?,
                encrypted_key: bytes_member("encrypted_key", Part::EncryptedKey)?,
            }],
        ),
    };
    if !json.contains_key("ciphertext") {
        return Err(structure("the JSON has no \"ciphertext\""));
    }
    Ok(Jwe {
        serialization,
        protected_b64,
        protected,
        unprotected,
        recipients,
        iv: bytes_member("iv", Part::Iv)?,
        ciphertext: bytes_member("ciphertext", Part::Ciphertext)?,
        tag: bytes_member("tag", Part::Tag)?,
        aad_b64: text_member("aad")?.map(str::to_owned),
    })
}

fn header_object(bytes: &[u8]) -> Result<Map<String, Value>, Error> {
    let text = std::str::from_utf8(bytes).map_err(|err| Error::Utf8 {
        part: Part::Header,
        offset: err.valid_up_to(),
    })?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(header)) => Ok(header),
        Ok(other) => Err(Error::NotObject {
            part: Part::Header,
            found: super::token::json_kind(&other),
        }),
        Err(err) => Err(Error::Json {
            part: Part::Header,
            line: err.line(),
            column: err.column(),
            message: err.to_string(),
        }),
    }
}

fn object_member(json: &Map<String, Value>, name: &str) -> Result<Map<String, Value>, Error> {
    match json.get(name) {
        None => Ok(Map::new()),
        Some(Value::Object(object)) => Ok(object.clone()),
        Some(_) => Err(structure(format!("\"{name}\" is not an object"))),
    }
}

fn structure(detail: impl Into<String>) -> Error {
    Error::JweStructure {
        detail: detail.into(),
    }
}
