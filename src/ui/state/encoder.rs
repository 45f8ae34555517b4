//! The encoder's part of the app state: what the user typed, whether it reads, and the token
//! the workshop worker signed for it.

use serde_json::{json, Map, Value};

use crate::jose::alg::Alg;
use crate::jose::claims::{describe_claim, Described};
use crate::jose::jwe::alg::{EncAlg, KeyAlg, OaepHash};
use crate::jose::key::SecretEncoding;

/// The encoder's inputs and its latest output.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoder {
    pub header: String,
    pub payload: String,
    pub alg: Alg,
    pub key: String,
    pub encoding: SecretEncoding,
    /// Whether and how the signed token is then encrypted (a nested JWT).
    pub encryption: Encryption,
    /// Counts changes, so an answer for older inputs is dropped.
    pub generation: u64,
    pub output: Output,
}

/// The encoder's encryption choices.
#[derive(Clone, Debug, PartialEq)]
pub struct Encryption {
    pub on: bool,
    pub alg: KeyAlg,
    pub enc: EncAlg,
    /// The recipient's key: a public or private key, a shared secret or a password.
    pub key: String,
    pub encoding: SecretEncoding,
}

impl Default for Encryption {
    fn default() -> Encryption {
        Encryption {
            on: false,
            alg: KeyAlg::RsaOaep(OaepHash::Sha256),
            enc: EncAlg::AesGcm(256),
            key: String::new(),
            encoding: SecretEncoding::default(),
        }
    }
}

/// What the encoder shows under its inputs.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Waiting for a key.
    NoKey,
    /// Waiting for the recipient's key to encrypt to.
    NoRecipient,
    /// The header or payload does not read; the message says where.
    Invalid(String),
    Signing,
    Signed {
        token: String,
        verify_key: String,
        /// For an encrypted token: the key that decrypts it, when the recipient key given can
        /// (a public key cannot), and the signed token inside.
        decrypt_key: Option<String>,
        inner: Option<String>,
    },
    /// The key cannot sign this, or the signing was refused, and why.
    Refused(String),
}

/// One change the user made in the encoder.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Header(String),
    Payload(String),
    Alg(Alg),
    Key(String),
    Encoding(SecretEncoding),
    /// Sets a time claim (`iat`, `nbf`, `exp`) in the payload to this NumericDate.
    Time {
        claim: &'static str,
        at: i64,
    },
    Encrypt(bool),
    JweAlg(KeyAlg),
    JweEnc(EncAlg),
    JweKey(String),
    JweEncoding(SecretEncoding),
}

impl Default for Encoder {
    fn default() -> Encoder {
        let mut encoder = Encoder {
            header: "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}".to_owned(),
            payload: "{\n  \"sub\": \"1234567890\",\n  \"name\": \"John Doe\"\n}".to_owned(),
            alg: Alg::HS256,
            key: String::new(),
            encoding: SecretEncoding::default(),
            encryption: Encryption::default(),
            generation: 0,
            output: Output::NoKey,
        };
        encoder.refresh();
        encoder
    }
}

impl Encoder {
    /// Applies an edit; choosing an algorithm rewrites the header's `alg`, and a header naming a
    /// known `alg` chooses it.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Header(header) => {
                if let Some(alg) = header_alg(&header) {
                    self.alg = alg;
                }
                self.header = header;
            }
            Edit::Payload(payload) => self.payload = payload,
            Edit::Alg(alg) => {
                self.alg = alg;
                if let Some(header) = with_member(&self.header, "alg", alg.name().into()) {
                    self.header = header;
                }
            }
            Edit::Encrypt(on) => self.encryption.on = on,
            Edit::JweAlg(alg) => self.encryption.alg = alg,
            Edit::JweEnc(enc) => self.encryption.enc = enc,
            Edit::JweKey(key) => self.encryption.key = key,
            Edit::JweEncoding(encoding) => self.encryption.encoding = encoding,
            Edit::Time { claim, at } => {
                if let Some(payload) = with_member(&self.payload, claim, at.into()) {
                    self.payload = payload;
                }
            }
            Edit::Key(key) => self.key = key,
            Edit::Encoding(encoding) => self.encoding = encoding,
        }
        self.refresh();
    }

    /// The request for the worker, when the inputs can be signed.
    pub fn request(&self) -> Option<String> {
        (self.output == Output::Signing).then(|| {
            let encrypt = self.encryption.on.then(|| {
                json!({
                    "alg": self.encryption.alg.name(),
                    "enc": self.encryption.enc.name(),
                    "key": self.encryption.key,
                    "encoding": self.encryption.encoding.as_str(),
                })
            });
            let request = json!({
                "op": "sign",
                "alg": self.alg.name(),
                "header": compact(&self.header),
                "payload": compact(&self.payload),
                "key": self.key,
                "encoding": self.encoding.as_str(),
                "encrypt": encrypt,
            });
            request.to_string()
        })
    }

    /// The payload's registered and common claims with their meaning, as hints.
    pub fn claim_hints(&self) -> Vec<(String, Described)> {
        let members: Map<String, Value> = serde_json::from_str(&self.payload).unwrap_or_default();
        members
            .keys()
            .filter_map(|name| describe_claim(name).map(|described| (name.clone(), described)))
            .collect()
    }

    /// Takes the worker's answer for `generation`; an older one is ignored.
    pub fn answered(&mut self, generation: u64, answer: &str) {
        if generation != self.generation {
            return;
        }
        let answer: Value = serde_json::from_str(answer).unwrap_or_default();
        let field = |name: &str| answer.get(name).and_then(Value::as_str).map(str::to_owned);
        self.output = match (field("token"), field("verify_key"), field("error")) {
            (Some(token), Some(verify_key), _) => Output::Signed {
                token,
                verify_key,
                decrypt_key: field("decrypt_key"),
                inner: field("signed"),
            },
            (_, _, Some(error)) => Output::Refused(error),
            _ => Output::Refused("the workshop gave no answer".to_owned()),
        };
    }

    fn refresh(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.output = match (
            json_error("header", &self.header),
            json_error("payload", &self.payload),
        ) {
            (Some(error), _) | (None, Some(error)) => Output::Invalid(error),
            (None, None) if self.key.is_empty() => Output::NoKey,
            (None, None) if self.encryption.on && self.encryption.key.is_empty() => {
                Output::NoRecipient
            }
            (None, None) => Output::Signing,
        };
    }
}

/// Why the text is not a JSON object, with its line and column.
fn json_error(part: &str, text: &str) -> Option<String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(_)) => None,
        Ok(_) => Some(format!("The {part} must be a JSON object.")),
        Err(err) => Some(format!(
            "The {part} is not valid JSON at line {}, column {}: {err}",
            err.line(),
            err.column()
        )),
    }
}

/// The JSON text without insignificant whitespace, keeping member order and number text.
fn compact(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .map(|value| value.to_string())
        .unwrap_or_else(|_| text.to_owned())
}

fn header_alg(header: &str) -> Option<Alg> {
    let value: Value = serde_json::from_str(header).ok()?;
    Alg::from_name(value.get("alg")?.as_str()?)
}

/// The JSON object with `name` set (in place, or last), pretty-printed; `None` while the text
/// does not read as an object.
fn with_member(text: &str, name: &str, value: Value) -> Option<String> {
    let mut members: Map<String, Value> = serde_json::from_str(text).ok()?;
    members.insert(name.to_owned(), value);
    serde_json::to_string_pretty(&Value::Object(members)).ok()
}
