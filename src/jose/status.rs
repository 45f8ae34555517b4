//! The page's verdict: one status for the token and key as they stand, with the reason, the key
//! that verified and any reason a careful verifier must still refuse.

use super::error::Error;
use super::input::{clean, Removed};
use super::key::{self, Certificate, KeySet, SecretEncoding};
use super::strict::{self, StrictProblem};
use super::token::{decode, Decoded};
use super::verify::{self, Check, Outcome};

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
    /// The algorithm is `none` or unknown, or the token is encrypted.
    Unsupported,
    /// The signature matches the key.
    Valid,
    /// The signature does not match the key.
    Invalid,
    /// A check is running asynchronously (in the browser's WebCrypto).
    Pending,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Empty,
        Status::Malformed,
        Status::NoKey,
        Status::KeyError,
        Status::Unsupported,
        Status::Valid,
        Status::Invalid,
        Status::Pending,
    ];

    /// Reads a `data-status` value.
    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
    }

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
            Status::Pending => "pending",
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
            | Error::MissingAlg
            | Error::JweStructure { .. }
            | Error::JweHeader { .. }
            | Error::JwsJsonStructure { .. }
            | Error::DetachedPayloadMissing
            | Error::GivenPayload { .. }
            | Error::SdJwtStructure { .. }
            | Error::SdJwtIssuance { .. } => Status::Malformed,
            Error::UnsupportedAlg { .. }
            | Error::AlgNone
            | Error::EncryptedToken
            | Error::Unverifiable { .. } => Status::Unsupported,
            Error::SecretEncoding { .. }
            | Error::EmptySecret
            | Error::KeyFormat { .. }
            | Error::KeyMismatch { .. }
            | Error::NoKeyWithKid { .. }
            | Error::NoFittingKey { .. }
            | Error::SigningRefused { .. }
            | Error::EncryptionRefused { .. }
            | Error::KeyGeneration { .. }
            | Error::NoRandomness { .. } => Status::KeyError,
        }
    }
}

/// The key that verified, as the page names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedKey {
    /// 1-based position in the key input.
    pub position: usize,
    pub kid: Option<String>,
    pub description: String,
    /// RFC 7638 thumbprint.
    pub thumbprint: String,
    pub certificate: Option<Certificate>,
    /// The key is a chain's leaf, chained to this trust anchor of the key box (its subject).
    pub anchor: Option<String>,
}

/// A status with what explains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub status: Status,
    pub reason: Option<Error>,
    /// Set when `status` is `Valid`.
    pub verified_by: Option<VerifiedKey>,
    /// How many keys were tried, for an `Invalid` verdict.
    pub tried: usize,
    /// Reasons to refuse a `Valid` token anyway; empty means the strict verdict passes.
    pub strict: Vec<StrictProblem>,
}

impl Verification {
    /// The verdict of a check that is still running.
    pub fn pending() -> Verification {
        Verification::of(Status::Pending)
    }

    /// A verdict that is its status alone.
    pub fn of(status: Status) -> Verification {
        Verification {
            status,
            reason: None,
            verified_by: None,
            tried: 0,
            strict: Vec::new(),
        }
    }

    /// The verdict an error leads to, with the error as its reason.
    pub fn failed(err: Error) -> Verification {
        Verification {
            reason: Some(err.clone()),
            ..Verification::of(Status::for_error(&err))
        }
    }

    /// Valid, and nothing a careful verifier would object to.
    pub fn strictly_valid(&self) -> bool {
        self.status == Status::Valid && self.strict.is_empty()
    }
}

/// The first step of a verdict: decided already, or a check to run.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<'a> {
    Decided(Verification),
    /// A check of this token with these keys.
    Check {
        decoded: &'a Decoded,
        keys: &'a KeySet,
        check: Check<'a>,
    },
}

/// Decides what can be decided without running a signature check (no token, a malformed one,
/// no key, a key that cannot be used) and otherwise plans the check.
pub fn begin<'a>(
    decoded: Option<&'a Decoded>,
    keys: Option<&'a Result<KeySet, Error>>,
) -> Step<'a> {
    let Some(decoded) = decoded else {
        return Step::Decided(Verification::of(Status::Empty));
    };
    let signed = match verify::prepare(decoded) {
        Ok(signed) => signed,
        Err(err) => return Step::Decided(Verification::failed(err)),
    };
    let keys = match keys {
        None => return Step::Decided(Verification::of(Status::NoKey)),
        Some(Err(err)) => return Step::Decided(Verification::failed(err.clone())),
        Some(Ok(keys)) => keys,
    };
    match verify::plan(signed, keys) {
        Ok(check) => Step::Check {
            decoded,
            keys,
            check,
        },
        Err(err) => Step::Decided(Verification::failed(err)),
    }
}

/// The verdict for a check's outcome, wherever it ran, with the key named and the strict
/// objections listed.
pub fn conclude(
    decoded: &Decoded,
    removed: &[Removed],
    keys: &KeySet,
    check: &Check<'_>,
    outcome: Outcome,
) -> Verification {
    match outcome {
        Outcome::Mismatch { tried } => Verification {
            tried,
            ..Verification::of(Status::Invalid)
        },
        Outcome::Unchecked { tried } => Verification {
            tried,
            ..Verification::failed(Error::Unverifiable {
                alg: check.signed.alg.name(),
            })
        },
        Outcome::Verified { index } => {
            let entry = keys.entries.get(index);
            Verification {
                verified_by: entry.map(|entry| VerifiedKey {
                    position: index + 1,
                    kid: entry.meta.kid.clone(),
                    description: entry.key.describe(),
                    thumbprint: entry.meta.thumbprint.clone(),
                    certificate: entry.meta.certificate.clone(),
                    anchor: None,
                }),
                tried: 1,
                strict: strict::check(decoded, removed, check.signed.alg, keys, index),
                ..Verification::of(Status::Valid)
            }
        }
    }
}

/// Decides the verdict for a decoded token (or none), what input cleaning removed, and the
/// parsed key box (`None` when it is empty), running any check here with pure-Rust crypto.
pub fn evaluate(
    decoded: Option<&Decoded>,
    removed: &[Removed],
    keys: Option<&Result<KeySet, Error>>,
) -> Verification {
    match begin(decoded, keys) {
        Step::Decided(verification) => verification,
        Step::Check {
            decoded,
            keys,
            check,
        } => conclude(decoded, removed, keys, &check, verify::run(&check, keys)),
    }
}

/// The whole pipeline from the two boxes' text (clean, decode, read the key, verify), for
/// one-shot checks and tests; the page keeps each step's result between keystrokes instead.
pub fn check_text(token: &str, key_text: &str, encoding: SecretEncoding) -> Verification {
    let cleaned = clean(token);
    let decoded = (!cleaned.token.is_empty()).then(|| decode(&cleaned.token));
    let keys = (!key_text.is_empty()).then(|| key::parse(key_text, encoding));
    evaluate(decoded.as_ref(), &cleaned.removed, keys.as_ref())
}
