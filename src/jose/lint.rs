//! Security findings: what is risky about a token, each with a stable code, a severity, why it
//! matters and a reference. Computed from the decoded token, the key box and the check clock;
//! the known-secret search runs apart (it takes a while) and adds its finding when it hits.

mod duplicates;
mod payload;
mod rules;
pub mod sd_jwt;

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
    /// What kind of finding, with its stable code (the page's `data-code`).
    pub code: FindingCode,
    pub severity: Severity,
    pub title: String,
    /// One or two sentences: why it matters.
    pub detail: String,
    /// RFC section, CVE or the OWASP cheat sheet.
    pub reference: &'static str,
}

impl Finding {
    /// A finding of kind `code`, with the kind's severity and reference.
    pub fn new(code: FindingCode, title: String, detail: &str) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            reference: code.reference(),
            title,
            detail: detail.to_owned(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} {}", self.code.as_str(), self.title, self.detail)
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
    Finding::new(
        FindingCode::KnownSecret,
        format!("Signed with a publicly known secret: {secret:?}"),
        "This secret appears in public lists of leaked and example JWT secrets, so anyone can forge tokens that verify with it.",
    )
}

/// Every kind of finding, described once: its stable code (the page's `data-code`), its
/// severity and its usual reference. Matched exhaustively, so a new kind cannot go without.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingCode {
    AlgNone,
    KeyConfusion,
    KnownSecret,
    ShortSecret,
    WeakRsa,
    CritUnknown,
    B64False,
    DuplicateMember,
    PsychicSignature,
    MissingExp,
    LongLifetime,
    Expired,
    NotYetValid,
    IatInFuture,
    EmbeddedKey,
    KidInjection,
    ZipInJws,
    SensitiveData,
    TimeFormat,
    NotJwtTyp,
    Oversized,
    SdKeyBindingMissing,
    SdKeyBindingFailed,
    SdDisclosure,
    SdNotDisclosable,
    SdAlg,
    SdJsonForm,
}

impl FindingCode {
    pub const ALL: [FindingCode; 27] = [
        FindingCode::AlgNone,
        FindingCode::KeyConfusion,
        FindingCode::KnownSecret,
        FindingCode::ShortSecret,
        FindingCode::WeakRsa,
        FindingCode::CritUnknown,
        FindingCode::B64False,
        FindingCode::DuplicateMember,
        FindingCode::PsychicSignature,
        FindingCode::MissingExp,
        FindingCode::LongLifetime,
        FindingCode::Expired,
        FindingCode::NotYetValid,
        FindingCode::IatInFuture,
        FindingCode::EmbeddedKey,
        FindingCode::KidInjection,
        FindingCode::ZipInJws,
        FindingCode::SensitiveData,
        FindingCode::TimeFormat,
        FindingCode::NotJwtTyp,
        FindingCode::Oversized,
        FindingCode::SdKeyBindingMissing,
        FindingCode::SdKeyBindingFailed,
        FindingCode::SdDisclosure,
        FindingCode::SdNotDisclosable,
        FindingCode::SdAlg,
        FindingCode::SdJsonForm,
    ];

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::AlgNone => "alg-none",
            FindingCode::KeyConfusion => "key-confusion",
            FindingCode::KnownSecret => "known-secret",
            FindingCode::ShortSecret => "short-secret",
            FindingCode::WeakRsa => "weak-rsa",
            FindingCode::CritUnknown => "crit-unknown",
            FindingCode::B64False => "b64-false",
            FindingCode::DuplicateMember => "duplicate-member",
            FindingCode::PsychicSignature => "psychic-signature",
            FindingCode::MissingExp => "missing-exp",
            FindingCode::LongLifetime => "long-lifetime",
            FindingCode::Expired => "expired",
            FindingCode::NotYetValid => "not-yet-valid",
            FindingCode::IatInFuture => "iat-in-future",
            FindingCode::EmbeddedKey => "embedded-key",
            FindingCode::KidInjection => "kid-injection",
            FindingCode::ZipInJws => "zip-in-jws",
            FindingCode::SensitiveData => "sensitive-data",
            FindingCode::TimeFormat => "time-format",
            FindingCode::NotJwtTyp => "not-jwt-typ",
            FindingCode::Oversized => "oversized",
            FindingCode::SdKeyBindingMissing => "sd-kb-missing",
            FindingCode::SdKeyBindingFailed => "sd-kb-failed",
            FindingCode::SdDisclosure => "sd-disclosure",
            FindingCode::SdNotDisclosable => "sd-not-disclosable",
            FindingCode::SdAlg => "sd-alg",
            FindingCode::SdJsonForm => "sd-json-form",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            FindingCode::AlgNone
            | FindingCode::KeyConfusion
            | FindingCode::KnownSecret
            | FindingCode::ShortSecret
            | FindingCode::WeakRsa
            | FindingCode::CritUnknown
            | FindingCode::B64False
            | FindingCode::DuplicateMember
            | FindingCode::PsychicSignature
            | FindingCode::SdKeyBindingFailed
            | FindingCode::SdNotDisclosable => Severity::Error,
            FindingCode::MissingExp
            | FindingCode::LongLifetime
            | FindingCode::Expired
            | FindingCode::NotYetValid
            | FindingCode::IatInFuture
            | FindingCode::EmbeddedKey
            | FindingCode::KidInjection
            | FindingCode::ZipInJws
            | FindingCode::SensitiveData
            | FindingCode::TimeFormat
            | FindingCode::SdKeyBindingMissing
            | FindingCode::SdDisclosure
            | FindingCode::SdAlg
            | FindingCode::SdJsonForm => Severity::Warning,
            FindingCode::NotJwtTyp | FindingCode::Oversized => Severity::Info,
        }
    }

    /// The RFC section, CVE or cheat sheet behind it.
    pub fn reference(self) -> &'static str {
        match self {
            FindingCode::AlgNone => "RFC 8725 §3.1; CVE-2015-9235",
            FindingCode::KeyConfusion => "RFC 8725 §2.1; CVE-2016-10555",
            FindingCode::KnownSecret => "RFC 8725 §3.5; wallarm/jwt-secrets",
            FindingCode::ShortSecret => "RFC 7518 §3.2",
            FindingCode::WeakRsa => "RFC 7518 §3.3",
            FindingCode::CritUnknown => "RFC 7515 §4.1.11",
            FindingCode::B64False => "RFC 7797 §6",
            FindingCode::DuplicateMember => "RFC 7515 §5.2; RFC 8725 §3.11",
            FindingCode::PsychicSignature => "CVE-2022-21449",
            FindingCode::MissingExp => "RFC 7519 §4.1.4; RFC 8725 §3.10",
            FindingCode::LongLifetime => "RFC 8725 §3.10; OWASP JWT Cheat Sheet",
            FindingCode::Expired => "RFC 7519 §4.1.4–4.1.6",
            FindingCode::NotYetValid => "RFC 7519 §4.1.4–4.1.6",
            FindingCode::IatInFuture => "RFC 7519 §4.1.4–4.1.6",
            FindingCode::EmbeddedKey => "RFC 8725 §3.10",
            FindingCode::KidInjection => "OWASP JWT Cheat Sheet; CVE-2018-1000531",
            FindingCode::ZipInJws => "RFC 7516 §4.1.3; RFC 8725 §3.6",
            FindingCode::SensitiveData => "RFC 8725 §3.9; OWASP JWT Cheat Sheet",
            FindingCode::TimeFormat => "RFC 7519 §4.1.4–4.1.6",
            FindingCode::NotJwtTyp => "RFC 8725 §3.11",
            FindingCode::Oversized => "RFC 9110 §5.4",
            FindingCode::SdKeyBindingMissing | FindingCode::SdKeyBindingFailed => {
                "RFC 9901 §4.3, §7.3"
            }
            FindingCode::SdDisclosure => "RFC 9901 §4.2, §7.1",
            FindingCode::SdNotDisclosable => "SD-JWT VC §3.2.2",
            FindingCode::SdAlg => "RFC 9901 §4.1.1",
            FindingCode::SdJsonForm => "RFC 9901 §8",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FindingCode;

    /// `ALL` holds every kind once, in declaration order: a kind missing from it would be
    /// missing from the page's documented vocabulary.
    #[test]
    fn the_all_list_is_in_step_with_the_enum() {
        for (index, code) in FindingCode::ALL.into_iter().enumerate() {
            // The discriminant is the declaration order.
            assert_eq!(code as usize, index, "{code:?}");
        }
        let last = FindingCode::SdJsonForm as usize;
        assert_eq!(FindingCode::ALL.len(), last + 1);
    }
}
