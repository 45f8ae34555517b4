//! An encrypted token's part of the app state: the decryption the workshop worker was asked
//! for, its verdict, and the inner token it revealed with that token's own key and verdict.

use std::rc::Rc;

use serde_json::{json, Value};

use crate::jose::error::Error;
use crate::jose::key::{self, KeySet, SecretEncoding};
use crate::jose::platform::decide_here;
use crate::jose::status::Verification;
use crate::jose::token::{decode, Decoded, Form};

/// What the page knows of the current JWE.
#[derive(Clone, Debug, PartialEq)]
pub struct Encrypted {
    /// Counts decryption requests; an answer for an older one is dropped.
    pub request: u64,
    pub verdict: Decryption,
}

/// The decryption verdict; `as_str` is the page's `data-status`.
#[derive(Clone, Debug, PartialEq)]
pub enum Decryption {
    NoKey,
    /// Asked the worker; waiting.
    Pending,
    Decrypted(Rc<Opened>),
    /// The key did not open the token; the step where it stopped (`key-unwrap`, `tag` …).
    Invalid {
        step: String,
    },
    /// The token or key could not be used: the status (`key-error`, `malformed`,
    /// `unsupported`) and the reason.
    Refused {
        status: String,
        reason: String,
    },
}

/// A decrypted token.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The plaintext as text, or as hex when it is not UTF-8.
    pub text: Option<String>,
    pub hex: Option<String>,
    pub alg: String,
    pub enc: String,
    pub key_position: u64,
    pub kid: Option<String>,
    pub inflated_from: Option<u64>,
    pub notes: Vec<String>,
    /// The signed token inside, when the plaintext is one (nested JWT, RFC 7519 §5.2).
    pub inner: Option<Rc<Decoded>>,
}

/// The inner token's verification key box; the key is kept across tokens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InnerKey {
    pub text: String,
    pub encoding: SecretEncoding,
    pub keys: Option<Rc<Result<KeySet, Error>>>,
}

impl InnerKey {
    pub fn set(&mut self, text: String, encoding: SecretEncoding) {
        self.keys = (!text.is_empty()).then(|| Rc::new(key::parse(&text, encoding)));
        self.text = text;
        self.encoding = encoding;
    }

    /// The inner token's verdict when it can be decided at once; `None` when the check is one
    /// for WebCrypto (then `pending` until it answers).
    pub fn decide(&self, inner: &Decoded) -> Option<Verification> {
        decide_here(Some(inner), &[], self.keys.as_deref())
    }
}

impl Decryption {
    pub fn as_str(&self) -> &str {
        match self {
            Decryption::NoKey => "no-key",
            Decryption::Pending => "pending",
            Decryption::Decrypted(_) => "decrypted",
            Decryption::Invalid { .. } => "invalid",
            Decryption::Refused { status, .. } => status,
        }
    }

    /// Reads the worker's answer (see `jose::workshop`).
    pub fn from_answer(answer: &str) -> Decryption {
        let answer: Value = serde_json::from_str(answer).unwrap_or_default();
        let text = |name: &str| answer.get(name).and_then(Value::as_str).map(str::to_owned);
        match text("status").as_deref() {
            Some("decrypted") => Decryption::Decrypted(Rc::new(Opened::from_answer(&answer))),
            Some("invalid") => Decryption::Invalid {
                step: text("step").unwrap_or_default(),
            },
            status => Decryption::Refused {
                status: status.unwrap_or("key-error").to_owned(),
                reason: text("error").unwrap_or_else(|| "the workshop gave no answer".to_owned()),
            },
        }
    }
}

impl Opened {
    fn from_answer(answer: &Value) -> Opened {
        let text = |name: &str| answer.get(name).and_then(Value::as_str).map(str::to_owned);
        let number = |name: &str| answer.get(name).and_then(Value::as_u64);
        let plaintext = text("plaintext");
        let inner = plaintext.as_deref().and_then(signed_token).map(Rc::new);
        Opened {
            hex: text("plaintext_hex"),
            alg: text("alg").unwrap_or_default(),
            enc: text("enc").unwrap_or_default(),
            key_position: number("key_position").unwrap_or(1),
            kid: text("kid"),
            inflated_from: number("inflated_from"),
            notes: answer
                .get("notes")
                .and_then(Value::as_array)
                .map(|notes| {
                    notes
                        .iter()
                        .filter_map(|n| n.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            text: plaintext,
            inner,
        }
    }
}

/// The plaintext decoded as a compact JWS, when it is one.
fn signed_token(plaintext: &str) -> Option<Decoded> {
    let decoded = decode(plaintext.trim());
    (decoded.form == Ok(Form::Jws) && decoded.header.is_ok()).then_some(decoded)
}

/// The worker request that decrypts `token` with the key box.
pub fn request(token: &str, key: &str, encoding: SecretEncoding) -> String {
    json!({ "op": "decrypt", "token": token, "key": key, "encoding": encoding.as_str() })
        .to_string()
}
