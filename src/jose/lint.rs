//! Security findings: what is risky about a token, each with a stable code, a severity, why it
//! matters and a reference. Computed from the decoded token, the key box and the check clock;
//! the known-secret search runs apart (it takes a while) and adds its finding when it hits.

mod duplicates;
mod payload;
mod rules;

use std::fmt;

use super::claims::Clock;
use super::key::KeySet;
use super::token::Decoded;

pub use duplicates::duplicate_members;

/// How bad a finding is; `as_str` is the page's `data-severity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable code, the page's `data-code`.
    pub code: &'static str,
    pub severity: Severity,
    pub title: String,
    /// One or two sentences: why it matters.
    pub detail: String,
    /// RFC section, CVE or the OWASP cheat sheet.
    pub reference: &'static str,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} {}", self.code, self.title, self.detail)
    }
}

/// What findings depend on besides the token.
#[derive(Clone, Copy, Debug)]
pub struct LintInput<'a> {
    pub keys: Option<&'a KeySet>,
    pub clock: Clock,
    /// `exp - iat` above this many seconds is a long lifetime.
    pub max_lifetime: f64,
}

/// Every finding for a decoded token, most severe first, in rule order within a severity.
pub fn lint(decoded: &Decoded, input: &LintInput<'_>) -> Vec<Finding> {
    let untimed = untimed(decoded, input.keys);
    merge(&untimed, &timed(decoded, &input.clock, input.max_lifetime))
}

/// The findings that depend only on the token and the key box (the page keeps them while the
/// clock moves).
pub fn untimed(decoded: &Decoded, keys: Option<&KeySet>) -> Vec<Finding> {
    rules::untimed(decoded, keys)
}

/// The findings that depend on the check time, leeway and longest lifetime.
pub fn timed(decoded: &Decoded, clock: &Clock, max_lifetime: f64) -> Vec<Finding> {
    rules::timed(decoded, clock, max_lifetime)
}

/// Both kinds, most severe first.
pub fn merge(untimed: &[Finding], timed: &[Finding]) -> Vec<Finding> {
    let mut findings: Vec<Finding> = untimed.iter().chain(timed).cloned().collect();
    findings.sort_by_key(|finding| finding.severity);
    findings
}

/// The finding for a signature that verifies with a publicly known secret.
pub fn known_secret(secret: &str) -> Finding {
    Finding {
        code: "known-secret",
        severity: Severity::Error,
        title: format!("Signed with a publicly known secret: {secret:?}"),
        detail: "This secret appears in public lists of leaked and example JWT secrets, so anyone can forge tokens that verify with it.".to_owned(),
        reference: "RFC 8725 §3.5; wallarm/jwt-secrets",
    }
}

/// Every code a finding can have, with its severity: the page's vocabulary.
pub const CODES: [(&str, Severity); 21] = [
    ("alg-none", Severity::Error),
    ("key-confusion", Severity::Error),
    ("known-secret", Severity::Error),
    ("short-secret", Severity::Error),
    ("weak-rsa", Severity::Error),
    ("crit-unknown", Severity::Error),
    ("b64-false", Severity::Error),
    ("duplicate-member", Severity::Error),
    ("psychic-signature", Severity::Error),
    ("missing-exp", Severity::Warning),
    ("long-lifetime", Severity::Warning),
    ("expired", Severity::Warning),
    ("not-yet-valid", Severity::Warning),
    ("iat-in-future", Severity::Warning),
    ("embedded-key", Severity::Warning),
    ("kid-injection", Severity::Warning),
    ("zip-in-jws", Severity::Warning),
    ("sensitive-data", Severity::Warning),
    ("time-format", Severity::Warning),
    ("not-jwt-typ", Severity::Info),
    ("oversized", Severity::Info),
];
