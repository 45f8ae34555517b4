//! An encrypted token's part of the app state: the decryption the worker was asked for, its
//! verdict, and the inner token it revealed with that token's own key and verdict.

use std::ops::Deref;
use std::rc::Rc;

use crate::jose::jwe::decrypt::FailedStep;
use crate::jose::key::SecretEncoding;
use crate::jose::protocol::{self, Reply, Request};
use crate::jose::redacted::SecretText;
use crate::jose::status::Status;
use crate::jose::token::{decode, Decoded, Form};

use super::generation::Generation;

/// What the page knows of the current JWE.
#[derive(Clone, Debug, PartialEq)]
pub struct Encrypted {
    /// The decryption request's generation; an answer for an older one is dropped.
    pub request: Generation,
    pub verdict: Decryption,
}

/// The decryption verdict; `as_str` is the page's `data-status`.
#[derive(Clone, Debug, PartialEq)]
pub enum Decryption {
    NoKey,
    /// Asked the worker; waiting.
    Pending,
    Decrypted(Rc<Opened>),
    /// The key did not open the token; the step where it stopped.
    Invalid {
        step: FailedStep,
    },
    /// The token or key could not be used (or the worker could not answer), and why.
    Refused {
        status: Status,
        reason: String,
    },
}

/// A decrypted token, and the signed token inside it when the plaintext is one (nested JWT,
/// RFC 7519 §5.2).
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub opened: protocol::Opened,
    pub inner: Option<Rc<Decoded>>,
}

impl Deref for Opened {
    type Target = protocol::Opened;

    fn deref(&self) -> &protocol::Opened {
        &self.opened
    }
}

impl Decryption {
    pub fn as_str(&self) -> &'static str {
        match self {
            Decryption::NoKey => "no-key",
            Decryption::Pending => "pending",
            Decryption::Decrypted(_) => "decrypted",
            Decryption::Invalid { .. } => "invalid",
            Decryption::Refused { status, .. } => status.as_str(),
        }
    }

    /// Reads the worker's answer; a worker that could not answer is a key error with its reason.
    pub fn from_answer(answer: Reply) -> Decryption {
        let verdict = match answer {
            Reply::Decryption(verdict) => verdict,
            other => protocol::Decryption::Refused {
                status: Status::KeyError,
                code: String::new(),
                reason: other.into_failure(),
            },
        };
        match verdict {
            protocol::Decryption::Decrypted(opened) => {
                let inner = opened.text.as_deref().and_then(signed_token).map(Rc::new);
                Decryption::Decrypted(Rc::new(Opened { opened, inner }))
            }
            protocol::Decryption::Invalid { step } => Decryption::Invalid { step },
            protocol::Decryption::Refused { status, reason, .. } => {
                Decryption::Refused { status, reason }
            }
        }
    }
}

/// The plaintext decoded as a compact JWS, when it is one.
fn signed_token(plaintext: &str) -> Option<Decoded> {
    let decoded = decode(plaintext.trim());
    (decoded.form == Ok(Form::Jws) && decoded.header.is_ok()).then_some(decoded)
}

/// The worker request that decrypts `token` with the key box.
pub fn request(token: &str, key: &SecretText, encoding: SecretEncoding) -> Request {
    Request::Decrypt {
        token: token.to_owned(),
        key: key.clone(),
        encoding,
    }
}
