//! The page's verdict: one status for the token and key as they stand, with the reason.

use super::error::Error;
use super::key::{Key, SecretEncoding};
use super::token::Decoded;
use super::verify::{self, Verdict};

/// The verdict shown to the user; `as_str` is the page's `data-status` contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// No token yet.
    Empty,
    /// The token cannot be decoded far enough to check.
    Malformed,
    /// The token is checkable but no key was given.
    NoKey,
    /// The key cannot be used.
    KeyError,
    /// The algorithm is `none`, unknown, or not supported yet.
    Unsupported,
    /// The signature matches the key.
    Valid,
    /// The signature does not match the key.
    Invalid,
}

impl Status {
    /// Stable value of `data-status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Empty => "empty",
            Status::Malformed => "malformed",
            Status::NoKey => "no-key",
            Status::KeyError => "key-error",
            Status::Unsupported => "unsupported",
            Status::Valid => "valid",
            Status::Invalid => "invalid",
        }
    }

    /// The status an error leads to.
    pub fn for_error(err: &Error) -> Status {
        match err {
            Error::SegmentCount { .. }
            | Error::Base64 { .. }
            | Error::Utf8 { .. }
            | Error::Json { .. }
            | Error::NotObject { .. }
            | Error::MissingAlg => Status::Malformed,
            Error::UnsupportedAlg { .. } | Error::AlgNone | Error::EncryptedToken => {
                Status::Unsupported
            }
            Error::SecretEncoding { .. } | Error::EmptySecret => Status::KeyError,
        }
    }
}

/// A status and, where one applies, the error behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub status: Status,
    pub reason: Option<Error>,
}

impl Verification {
    fn of(status: Status) -> Verification {
        Verification {
            status,
            reason: None,
        }
    }

    fn failed(err: Error) -> Verification {
        Verification {
            status: Status::for_error(&err),
            reason: Some(err),
        }
    }
}

/// Decides the verdict for a decoded token (or none) and the key box's text.
pub fn evaluate(
    decoded: Option<&Decoded>,
    key_text: &str,
    encoding: SecretEncoding,
) -> Verification {
    let Some(decoded) = decoded else {
        return Verification::of(Status::Empty);
    };
    let signed = match verify::prepare(decoded) {
        Ok(signed) => signed,
        Err(err) => return Verification::failed(err),
    };
    if key_text.is_empty() {
        return Verification::of(Status::NoKey);
    }
    let outcome =
        Key::from_secret(key_text, encoding).and_then(|key| verify::verify(&signed, &key));
    match outcome {
        Ok(Verdict::Valid) => Verification::of(Status::Valid),
        Ok(Verdict::Invalid) => Verification::of(Status::Invalid),
        Err(err) => Verification::failed(err),
    }
}
