//! A certificate's link to the one above it: what it was checked against, and what fails,
//! with a stable code for each (the page's `data-link`).

use std::fmt;

use crate::jose::claims::time::iso_utc;

/// The check of one certificate against the one above it.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// What it was checked against.
    pub issuer: Issuer,
    /// What fails, the most serious first; empty when the link holds.
    pub problems: Vec<Problem>,
}

impl Link {
    /// The page's `data-link`: the first problem's code, else `ok` (checked against the next
    /// certificate or an anchor), `anchor`, `above-anchor` or `top`.
    pub fn code(&self) -> &'static str {
        match (self.problems.first(), self.issuer) {
            (Some(problem), _) => problem.code(),
            (None, Issuer::Next(_) | Issuer::Anchor(_)) => "ok",
            (None, Issuer::IsAnchor(_)) => "anchor",
            (None, Issuer::AboveAnchor) => "above-anchor",
            (None, Issuer::Unknown) => "top",
        }
    }

    /// Whether nothing fails.
    pub fn holds(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What a certificate's link goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issuer {
    /// The `x5c` entry at this index.
    Next(usize),
    /// The key box's anchor at this index (the chain did not carry it).
    Anchor(usize),
    /// The certificate is itself this anchor (same DER): the chain ends here.
    IsAnchor(usize),
    /// Above the anchor: not part of the path, so not checked.
    AboveAnchor,
    /// The last certificate, with no anchor above it: nothing to check it against.
    Unknown,
}

/// Why a link fails, the most serious first in `Link::problems`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// This entry is not a certificate (`details` says why).
    Unreadable,
    /// The entry above it is not a certificate.
    IssuerUnreadable,
    /// Its issuer Name is not the subject Name of the certificate above it (compared as DER).
    NameMismatch,
    /// It has a critical extension this page does not process (RFC 5280 §4.2: reject it).
    CriticalExtension { oid: String },
    /// The TBS's signature algorithm differs from the outer one (RFC 5280 §4.1.1.2).
    AlgorithmMismatch,
    /// Signed with SHA-1 or MD5, whose collisions can be made: never checked.
    WeakAlgorithm { algorithm: String },
    /// Signed with an algorithm this page does not run.
    UnsupportedAlgorithm { algorithm: String },
    /// The issuer's key cannot be used.
    UnusableIssuerKey { reason: String },
    /// The issuer's key is not of the kind the algorithm needs.
    WrongKeyType { algorithm: String, key: String },
    /// The issuer's key does not verify its signature.
    BadSignature,
    /// The signature check could not run (the platform could not import the key …).
    Unchecked,
    /// The certificate above it may not sign certificates.
    NotCa(NotCa),
    /// The issuer's pathLenConstraint allows fewer intermediate CAs below it.
    PathLength { limit: u8, intermediates: usize },
    /// The check time is after its notAfter.
    Expired { not_after: i64 },
    /// The check time is before its notBefore.
    NotYetValid { not_before: i64 },
}

impl Problem {
    /// A short stable code for the page's `data-link` and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unreadable => "malformed",
            Problem::IssuerUnreadable => "unreadable-issuer",
            Problem::NameMismatch => "name-mismatch",
            Problem::CriticalExtension { .. } => "critical-extension",
            Problem::AlgorithmMismatch => "algorithm-mismatch",
            Problem::WeakAlgorithm { .. } => "weak-algorithm",
            Problem::UnsupportedAlgorithm { .. } => "unsupported-algorithm",
            Problem::UnusableIssuerKey { .. } => "unsupported-key",
            Problem::WrongKeyType { .. } => "wrong-key-type",
            Problem::BadSignature => "bad-signature",
            Problem::Unchecked => "unchecked",
            Problem::NotCa(_) => "not-a-ca",
            Problem::PathLength { .. } => "path-length",
            Problem::Expired { .. } => "expired",
            Problem::NotYetValid { .. } => "not-yet-valid",
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = |seconds: i64| iso_utc(seconds as f64).unwrap_or_else(|| seconds.to_string());
        match self {
            Problem::Unreadable => write!(f, "the entry is not a certificate"),
            Problem::IssuerUnreadable => write!(f, "the certificate above it cannot be read"),
            Problem::NameMismatch => write!(
                f,
                "its issuer name is not the subject name of the certificate above it"
            ),
            Problem::CriticalExtension { oid } => write!(
                f,
                "it has a critical extension ({oid}) this page does not process, which RFC 5280 says to reject"
            ),
            Problem::AlgorithmMismatch => write!(
                f,
                "its signature algorithm inside the signed part differs from the one outside"
            ),
            Problem::WeakAlgorithm { algorithm } => write!(
                f,
                "it is signed with {algorithm}, whose hash collisions can be made, so the signature proves nothing and is not checked"
            ),
            Problem::UnsupportedAlgorithm { algorithm } => {
                write!(f, "it is signed with {algorithm}, which this page does not check")
            }
            Problem::UnusableIssuerKey { reason } => {
                write!(f, "the issuer's key cannot be used: {reason}")
            }
            Problem::WrongKeyType { algorithm, key } => write!(
                f,
                "it is signed with {algorithm}, but the issuer's key is {key}"
            ),
            Problem::BadSignature => write!(f, "its signature does not verify with the issuer's key"),
            Problem::Unchecked => write!(f, "its signature could not be checked"),
            Problem::NotCa(why) => write!(f, "the issuer is not a CA: {why}"),
            Problem::PathLength {
                limit,
                intermediates,
            } => write!(
                f,
                "the issuer allows {limit} intermediate CA certificate{} below it (pathLenConstraint) and the chain has {intermediates}",
                if *limit == 1 { "" } else { "s" }
            ),
            Problem::Expired { not_after } => write!(f, "it expired at {}", date(*not_after)),
            Problem::NotYetValid { not_before } => {
                write!(f, "it is not valid before {}", date(*not_before))
            }
        }
    }
}

/// Why a certificate may not sign others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotCa {
    /// No basicConstraints: an end-entity certificate (or a v1 one).
    NoBasicConstraints,
    /// basicConstraints cA is false.
    CaFalse,
    /// A CA whose keyUsage leaves out keyCertSign.
    NoKeyCertSign,
}

impl fmt::Display for NotCa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotCa::NoBasicConstraints => write!(f, "it has no basicConstraints extension"),
            NotCa::CaFalse => write!(f, "its basicConstraints say cA false"),
            NotCa::NoKeyCertSign => write!(f, "its key usage leaves out keyCertSign"),
        }
    }
}
