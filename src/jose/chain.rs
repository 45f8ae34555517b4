//! Certificate chains in a token's header (`x5c`, RFC 7515 §4.1.6) and its thumbprints (`x5t`,
//! `x5t#S256`). Every certificate is shown; each link is checked as a careful verifier checks it
//! (issuer name, signature, basic constraints, key usage, path length, validity); the chain is
//! anchored only at a CA certificate the user put in the key box, since a chain the token
//! carries proves nothing by itself. Nothing is fetched: no AIA, no CRL, no OCSP.
//!
//! `check_chain` does it all here. The page instead calls `plan`, hands the plan's signatures to
//! WebCrypto or the worker like any other check (so it need not carry RSA and the NIST curves),
//! and `ChainPlan::conclude`s with the answers.
//!
//! The path is `x5c` in its order (RFC 7515: each certificate certifies the one before it),
//! walked up from the leaf. It ends at an anchor when an entry is an anchor (same DER), or when
//! an entry's issuer name is an anchor's subject and the anchor's key verifies its signature;
//! entries above the anchor are shown as `above-anchor` and not checked. Any failing link
//! below the anchor (or, without one, anywhere) makes the chain `broken`.
//!
//! Codes, for the page's attributes:
//! - `data-chain` (`Chain::code`): `anchored`, `unanchored`, `broken`.
//! - `data-link` (`Link::code`): `ok` (checked against the next entry or a key-box anchor);
//!   `anchor` (the entry is the anchor); `above-anchor`; `top` (the last entry, nothing known
//!   above it); or the first problem: `malformed`, `unreadable-issuer`, `name-mismatch`,
//!   `algorithm-mismatch`, `weak-algorithm` (SHA-1, MD5), `unsupported-algorithm`,
//!   `unsupported-key`, `wrong-key-type`, `bad-signature`, `unchecked`, `not-a-ca`,
//!   `path-length`, `critical-extension`, `expired`, `not-yet-valid`.
//! - `data-result` (`ThumbprintResult::code`): `match`, `mismatch`, `not-a-string`, `no-leaf`.

mod certificate;
mod link;
mod path;
mod signature;
mod thumbprint;

use std::fmt;

use serde_json::{Map, Value};

use super::key::{KeyEntry, KeySet};
use super::platform::PlatformAnswer;
use certificate::Parsed;
pub use link::{Issuer, Link, NotCa, Problem};
pub use path::{plan, ChainPlan};
pub use signature::{LinkSignature, Scheme};
pub use thumbprint::{ThumbprintCheck, ThumbprintResult};

/// A certificate from the key box, offered as a trust anchor.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// What is shown of it.
    pub details: CertificateDetails,
    /// Why it cannot anchor a chain; `None` when it can.
    pub refused: Option<AnchorRefusal>,
    parsed: Parsed,
}

impl Anchor {
    /// Whether a chain may end at it.
    pub fn is_usable(&self) -> bool {
        self.refused.is_none()
    }

    /// The certificate's DER.
    pub fn der(&self) -> &[u8] {
        &self.parsed.der
    }
}

/// Why a certificate from the key box is listed but is not a trust anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorRefusal {
    /// Not a CA: it cannot have issued the next certificate up, so no chain ends at it. Pasted,
    /// it is still a key the key box verifies with directly, which pins the leaf itself.
    NotCa(NotCa),
    /// Its key cannot check signatures here (Ed448, an unknown algorithm …).
    UnusableKey(String),
}

impl AnchorRefusal {
    /// A short stable code for the UI and tests.
    pub fn code(&self) -> &'static str {
        match self {
            AnchorRefusal::NotCa(_) => "not-a-ca",
            AnchorRefusal::UnusableKey(_) => "unsupported-key",
        }
    }
}

impl fmt::Display for AnchorRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnchorRefusal::NotCa(why) => write!(
                f,
                "not a trust anchor: {why}, so no certificate can have been issued by it"
            ),
            AnchorRefusal::UnusableKey(reason) => {
                write!(f, "not a trust anchor: its key cannot be used ({reason})")
            }
        }
    }
}

/// Every `CERTIFICATE` block of the key box that parses, in order, as a trust anchor; a
/// certificate that may not issue others is listed with the reason it is refused.
pub fn anchors_in_pem(text: &str) -> Vec<Anchor> {
    certificate::certificate_blocks(text)
        .iter()
        .filter_map(|der| Parsed::from_der(der).ok())
        .map(|parsed| Anchor {
            details: parsed.details.clone(),
            refused: match (&parsed.key, parsed.not_a_ca()) {
                (_, Some(why)) => Some(AnchorRefusal::NotCa(why)),
                (Err(reason), None) => Some(AnchorRefusal::UnusableKey(reason.clone())),
                (Ok(_), None) => None,
            },
            parsed,
        })
        .collect()
}

/// Checks the header's `x5c` chain at `at` (Unix seconds) against the key box's anchors, and its
/// thumbprints against the leaf; `None` when the header has no `x5c`. Signatures run here.
pub fn check_chain(header: &Map<String, Value>, anchors: &[Anchor], at: i64) -> Option<Chain> {
    let plan = plan(header, anchors, at)?;
    let answers: Vec<PlatformAnswer> = plan
        .signatures()
        .iter()
        .map(|signature| match signature.verify_here() {
            true => PlatformAnswer::Matches,
            false => PlatformAnswer::DoesNotMatch,
        })
        .collect();
    Some(plan.conclude(&answers))
}

/// What was found of a token's certificate chain.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    /// One per `x5c` entry, in order: the leaf first.
    pub certificates: Vec<ChainCertificate>,
    /// Where the chain ends.
    pub status: ChainStatus,
    /// The leaf's key, to verify the token with; `None` when the leaf cannot be read or its
    /// key cannot be used.
    pub leaf_key: Option<KeyEntry>,
    /// `x5t` then `x5t#S256`, for those the header has.
    pub thumbprints: Vec<ThumbprintCheck>,
    /// The check time, Unix seconds.
    pub at: i64,
}

impl Chain {
    /// The page's `data-chain`: `anchored`, `unanchored` or `broken`.
    pub fn code(&self) -> &'static str {
        self.status.code()
    }

    /// The leaf's key as a key set, for `verify` to check the token with.
    pub fn leaf_key_set(&self) -> Option<KeySet> {
        self.leaf_key.clone().map(KeySet::of_certificate)
    }

    /// The leaf's subject, to name it in the verdict.
    pub fn leaf_subject(&self) -> Option<&str> {
        self.certificates
            .first()
            .and_then(|leaf| leaf.details.as_ref().ok())
            .map(|details| details.subject.as_str())
    }
}

/// Where the chain ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainStatus {
    /// Every link up to a trust anchor from the key box holds.
    Anchored {
        /// Index into the anchors given.
        anchor: usize,
        subject: String,
    },
    /// Every link holds, but the chain reaches none of the `anchors` usable anchors given.
    Unanchored { anchors: usize },
    /// Something fails below the anchor (or the top, without one).
    Broken(Broken),
}

impl ChainStatus {
    /// The page's `data-chain`.
    pub fn code(&self) -> &'static str {
        match self {
            ChainStatus::Anchored { .. } => "anchored",
            ChainStatus::Unanchored { .. } => "unanchored",
            ChainStatus::Broken(_) => "broken",
        }
    }
}

/// Why a chain is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Broken {
    /// `x5c` is not an array.
    NotAnArray,
    /// `x5c` is an empty array.
    Empty,
    /// The link of the certificate at this index fails (its `link` says how).
    Link { index: usize },
    /// The anchor the chain reached from the key box is outside its validity.
    AnchorValidity { anchor: usize, validity: Validity },
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Broken::NotAnArray => write!(f, "x5c is not an array of certificates"),
            Broken::Empty => write!(f, "x5c is an empty array"),
            Broken::Link { index } => write!(f, "the link of certificate {index} fails"),
            Broken::AnchorValidity { validity, .. } => {
                write!(
                    f,
                    "the trust anchor is {} at the check time",
                    validity.words()
                )
            }
        }
    }
}

/// One `x5c` entry and the check of its link to the certificate above it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainCertificate {
    /// Position in `x5c`.
    pub index: usize,
    /// What the certificate says, or why the entry is not one.
    pub details: Result<CertificateDetails, EntryError>,
    /// The check against the certificate above it.
    pub link: Link,
}

/// What is shown of a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateDetails {
    /// RFC 4514 form.
    pub subject: String,
    /// RFC 4514 form.
    pub issuer: String,
    /// Upper-case hex with colons.
    pub serial: String,
    /// Unix seconds.
    pub not_before: i64,
    /// Unix seconds.
    pub not_after: i64,
    /// "RSA 2048-bit", "EC P-256", "Ed25519"; or why the key cannot be used.
    pub key: Result<String, String>,
    /// "sha256WithRSAEncryption", "ecdsa-with-SHA384", … or the dotted OID.
    pub signature_algorithm: String,
    /// SHA-256 of the DER, upper-case hex with colons, as browsers show it.
    pub sha256: String,
    /// basicConstraints cA.
    pub is_ca: bool,
    /// basicConstraints pathLenConstraint.
    pub path_len: Option<u8>,
    /// Issuer and subject are the same name (a root, or a CA's re-keying).
    pub self_issued: bool,
}

impl CertificateDetails {
    /// Whether `at` (Unix seconds) is within notBefore..=notAfter (RFC 5280 §4.1.2.5).
    pub fn validity_at(&self, at: i64) -> Validity {
        match at {
            at if at < self.not_before => Validity::NotYetValid,
            at if at > self.not_after => Validity::Expired,
            _ => Validity::InForce,
        }
    }
}

/// A certificate's validity at the check time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    /// notBefore ≤ the check time ≤ notAfter.
    InForce,
    /// After notAfter.
    Expired,
    /// Before notBefore.
    NotYetValid,
}

impl Validity {
    /// A short stable code: `valid`, `expired`, `not-yet-valid`.
    pub fn code(self) -> &'static str {
        match self {
            Validity::InForce => "valid",
            Validity::Expired => "expired",
            Validity::NotYetValid => "not-yet-valid",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Validity::InForce => "valid",
            Validity::Expired => "expired",
            Validity::NotYetValid => "not yet valid",
        }
    }
}

/// Why an `x5c` entry is not a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryError {
    /// The entry is not a JSON string.
    NotAString,
    /// Not standard base64 (x5c is not base64url, RFC 7515 §4.1.6).
    NotBase64 { detail: String },
    /// Base64 of something that is not a DER X.509 certificate.
    NotDer { detail: String },
    /// An extension the checks need cannot be read (or appears twice).
    Extension { name: &'static str, detail: String },
}

impl EntryError {
    /// A short stable code for the UI and tests.
    pub fn code(&self) -> &'static str {
        match self {
            EntryError::NotAString => "not-a-string",
            EntryError::NotBase64 { .. } => "not-base64",
            EntryError::NotDer { .. } => "not-der",
            EntryError::Extension { .. } => "bad-extension",
        }
    }
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryError::NotAString => write!(f, "the entry is not a string"),
            EntryError::NotBase64 { detail } => {
                write!(f, "the entry is not standard base64 ({detail})")
            }
            EntryError::NotDer { detail } => {
                write!(f, "the entry is not a DER X.509 certificate ({detail})")
            }
            EntryError::Extension { name, detail } => {
                write!(f, "its {name} extension cannot be read ({detail})")
            }
        }
    }
}
