//! Building the path. `plan` reads every `x5c` entry and prepares each link it could have (to
//! the next entry, and to every key-box anchor named as its issuer); `ChainPlan::conclude`
//! takes the signatures' answers, walks up from the leaf choosing the links, and lists what
//! fails in each.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{Map, Value};

use super::certificate::Parsed;
use super::signature::{prepare, LinkSignature};
use super::thumbprint::thumbprints;
use super::{
    Anchor, Broken, CertificateDetails, Chain, ChainCertificate, ChainStatus, EntryError, Issuer,
    Link, Problem, ThumbprintCheck, Validity,
};
use crate::jose::key::{KeyEntry, KeySet};
use crate::jose::platform::PlatformAnswer;

/// A chain read and its links prepared, waiting for the answers to its signature checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainPlan {
    at: i64,
    /// Set when `x5c` is not a non-empty array: nothing to check.
    unusable: Option<Broken>,
    entries: Vec<Entry>,
    /// Subject and validity of every anchor given, by index.
    anchors: Vec<(String, Validity)>,
    usable_anchors: usize,
    signatures: Vec<LinkSignature>,
    thumbprints: Vec<ThumbprintCheck>,
    leaf_key: Option<KeyEntry>,
}

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    details: Result<CertificateDetails, EntryError>,
    /// The certificate's own failings, whatever it links to: an unprocessed critical
    /// extension, then its validity at the check time.
    own: Vec<Problem>,
    /// The usable anchor whose DER this entry is.
    is_anchor: Option<usize>,
    /// The link to the next entry.
    next: Option<Candidate>,
    next_is_anchor: bool,
    /// Links to the usable anchors whose subject is this entry's issuer name.
    to_anchors: Vec<Candidate>,
}

/// One possible link, with what is known before the signature is checked.
#[derive(Clone, Debug, PartialEq)]
struct Candidate {
    issuer: Issuer,
    /// Problems more serious than the signature's (the issuer unreadable, the names).
    before: Vec<Problem>,
    signature: Option<Step>,
    /// The issuer's constraints.
    after: Vec<Problem>,
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// Index into the plan's signatures.
    Check(usize),
    Refused(Problem),
}

/// Reads the header's `x5c` and prepares every check; `None` when the header has no `x5c`.
pub fn plan(header: &Map<String, Value>, anchors: &[Anchor], at: i64) -> Option<ChainPlan> {
    let value = header.get("x5c")?;
    let entries: &[Value] = value.as_array().map_or(&[], Vec::as_slice);
    let raw: Vec<Result<Vec<u8>, EntryError>> = entries.iter().map(decode_entry).collect();
    let leaf = raw.first().and_then(|first| first.as_deref().ok());
    let thumbprints = thumbprints(header, leaf);
    let parsed: Vec<Result<Parsed, EntryError>> = raw
        .into_iter()
        .map(|der| der.and_then(|der| Parsed::from_der(&der)))
        .collect();
    let usable: Vec<(usize, &Parsed)> = anchors
        .iter()
        .enumerate()
        .filter(|(_, anchor)| anchor.is_usable())
        .map(|(index, anchor)| (index, &anchor.parsed))
        .collect();
    let anchor_at = |entry: &Result<Parsed, EntryError>| {
        let der = &entry.as_ref().ok()?.der;
        usable
            .iter()
            .find(|(_, anchor)| anchor.der == *der)
            .map(|(index, _)| *index)
    };

    let mut signatures = Vec::new();
    let mut planned = Vec::with_capacity(parsed.len());
    for (index, entry) in parsed.iter().enumerate() {
        let is_anchor = anchor_at(entry);
        let next_is_anchor = parsed
            .get(index + 1)
            .is_some_and(|next| anchor_at(next).is_some());
        let (own, next, to_anchors) = match entry {
            // The chain ends at an anchor it carries: nothing above it is checked.
            Ok(child) if is_anchor.is_some() => (own_problems(child, at, false), None, Vec::new()),
            Ok(child) => {
                // pathLenConstraint counts the non-self-issued intermediates below the issuer
                // (RFC 5280 §4.2.1.9): this entry and those between it and the leaf.
                let intermediates = parsed
                    .get(1..=index)
                    .unwrap_or_default()
                    .iter()
                    .filter(|cert| cert.as_ref().map_or(true, |cert| !cert.details.self_issued))
                    .count();
                let next = parsed.get(index + 1).map(|parent| match parent {
                    Ok(parent) => candidate(
                        child,
                        parent,
                        Issuer::Next(index + 1),
                        intermediates,
                        &mut signatures,
                    ),
                    Err(_) => Candidate {
                        issuer: Issuer::Next(index + 1),
                        before: vec![Problem::IssuerUnreadable],
                        signature: None,
                        after: Vec::new(),
                    },
                });
                let to_anchors = match next_is_anchor {
                    true => Vec::new(),
                    false => usable
                        .iter()
                        .filter(|(_, anchor)| anchor.subject_der == child.issuer_der)
                        .map(|(anchor_index, anchor)| {
                            candidate(
                                child,
                                anchor,
                                Issuer::Anchor(*anchor_index),
                                intermediates,
                                &mut signatures,
                            )
                        })
                        .collect(),
                };
                (own_problems(child, at, true), next, to_anchors)
            }
            Err(_) => (Vec::new(), None, Vec::new()),
        };
        planned.push(Entry {
            details: entry
                .as_ref()
                .map(|cert| cert.details.clone())
                .map_err(Clone::clone),
            own,
            is_anchor,
            next,
            next_is_anchor,
            to_anchors,
        });
    }

    let unusable = match value.as_array() {
        None => Some(Broken::NotAnArray),
        Some(array) if array.is_empty() => Some(Broken::Empty),
        Some(_) => None,
    };
    Some(ChainPlan {
        at,
        unusable,
        entries: planned,
        anchors: anchors
            .iter()
            .map(|anchor| {
                let details = &anchor.details;
                (details.subject.clone(), details.validity_at(at))
            })
            .collect(),
        usable_anchors: usable.len(),
        signatures,
        thumbprints,
        leaf_key: parsed
            .first()
            .and_then(|leaf| leaf.as_ref().ok())
            .and_then(|leaf| leaf.key.clone().ok()),
    })
}

impl ChainPlan {
    /// The leaf's key as a key set, to verify the token with before the links are checked.
    pub fn leaf_key_set(&self) -> Option<KeySet> {
        self.leaf_key.clone().map(KeySet::of_certificate)
    }

    /// The signature checks to run, in the order `conclude` wants their answers.
    pub fn signatures(&self) -> &[LinkSignature] {
        &self.signatures
    }

    /// The chain, given one answer per signature; a missing answer counts as `CannotRun`.
    pub fn conclude(self, answers: &[PlatformAnswer]) -> Chain {
        let verified = |candidate: &Candidate| {
            matches!(candidate.signature, Some(Step::Check(index))
                if answers.get(index) == Some(&PlatformAnswer::Matches))
        };
        // The anchor reached, and whether the chain carried it.
        let mut reached: Option<(usize, bool)> = None;
        let mut certificates = Vec::with_capacity(self.entries.len());
        let last = self.entries.len().saturating_sub(1);
        for (index, entry) in self.entries.into_iter().enumerate() {
            let Entry {
                details,
                own,
                is_anchor,
                next,
                next_is_anchor,
                to_anchors,
            } = entry;
            let link = if reached.is_some() {
                Link {
                    issuer: Issuer::AboveAnchor,
                    problems: Vec::new(),
                }
            } else if details.is_err() {
                Link {
                    issuer: match index < last {
                        true => Issuer::Next(index + 1),
                        false => Issuer::Unknown,
                    },
                    problems: vec![Problem::Unreadable],
                }
            } else if let Some(anchor) = is_anchor {
                reached = Some((anchor, true));
                Link {
                    issuer: Issuer::IsAnchor(anchor),
                    problems: own,
                }
            } else {
                // A carried anchor comes first (the next entry); then a key-box anchor the
                // signature proves is the issuer; then the next entry; failing all, the
                // key-box anchor of that name whose signature did not verify.
                let verified_anchor = match next_is_anchor {
                    true => None,
                    false => to_anchors.iter().position(verified),
                };
                let chosen = match verified_anchor {
                    Some(position) => to_anchors.into_iter().nth(position),
                    None => next.or_else(|| to_anchors.into_iter().next()),
                };
                if let Some(Candidate {
                    issuer: Issuer::Anchor(anchor),
                    ..
                }) = chosen.as_ref().filter(|candidate| verified(candidate))
                {
                    reached = Some((*anchor, false));
                }
                match chosen {
                    Some(candidate) => Link {
                        issuer: candidate.issuer,
                        problems: assemble(candidate, own, answers),
                    },
                    None => Link {
                        issuer: Issuer::Unknown,
                        problems: own,
                    },
                }
            };
            certificates.push(ChainCertificate {
                index,
                details,
                link,
            });
        }
        let status = match (self.unusable, reached) {
            (Some(broken), _) => ChainStatus::Broken(broken),
            (None, _) if certificates.iter().any(|cert| !cert.link.holds()) => {
                let index = certificates
                    .iter()
                    .position(|cert| !cert.link.holds())
                    .unwrap_or_default();
                ChainStatus::Broken(Broken::Link { index })
            }
            (None, Some((anchor, carried))) => {
                let (subject, validity) = self
                    .anchors
                    .get(anchor)
                    .cloned()
                    .unwrap_or((String::new(), Validity::InForce));
                match (carried, validity) {
                    (false, Validity::Expired | Validity::NotYetValid) => {
                        ChainStatus::Broken(Broken::AnchorValidity { anchor, validity })
                    }
                    _ => ChainStatus::Anchored { anchor, subject },
                }
            }
            (None, None) => ChainStatus::Unanchored {
                anchors: self.usable_anchors,
            },
        };
        Chain {
            certificates,
            status,
            leaf_key: self.leaf_key,
            thumbprints: self.thumbprints,
            at: self.at,
        }
    }
}

/// A link's problems, most serious first: the names, the algorithm or signature, the issuer's
/// constraints, then the certificate's own.
fn assemble(candidate: Candidate, own: Vec<Problem>, answers: &[PlatformAnswer]) -> Vec<Problem> {
    let signature = candidate.signature.and_then(|step| match step {
        Step::Refused(problem) => Some(problem),
        Step::Check(index) => match answers.get(index) {
            Some(PlatformAnswer::Matches) => None,
            Some(PlatformAnswer::DoesNotMatch) => Some(Problem::BadSignature),
            Some(PlatformAnswer::CannotRun) | None => Some(Problem::Unchecked),
        },
    });
    candidate
        .before
        .into_iter()
        .chain(signature)
        .chain(candidate.after)
        .chain(own)
        .collect()
}

/// Prepares the link from `child` to `parent` (an `x5c` entry or an anchor).
fn candidate(
    child: &Parsed,
    parent: &Parsed,
    issuer: Issuer,
    intermediates: usize,
    signatures: &mut Vec<LinkSignature>,
) -> Candidate {
    let mut before = Vec::new();
    if child.issuer_der != parent.subject_der {
        before.push(Problem::NameMismatch);
    }
    if !child.algorithms_agree {
        before.push(Problem::AlgorithmMismatch);
    }
    let signature = match prepare(
        &child.algorithm,
        &parent.key,
        &child.tbs,
        child.signature.as_deref(),
    ) {
        Ok(check) => {
            signatures.push(check);
            Step::Check(signatures.len() - 1)
        }
        Err(problem) => Step::Refused(problem),
    };
    let mut after = Vec::new();
    match parent.not_a_ca() {
        Some(why) => after.push(Problem::NotCa(why)),
        None => {
            if let Some(limit) = parent.details.path_len {
                if intermediates > usize::from(limit) {
                    after.push(Problem::PathLength {
                        limit,
                        intermediates,
                    });
                }
            }
        }
    }
    Candidate {
        issuer,
        before,
        signature: Some(signature),
        after,
    }
}

/// A certificate's failings of its own; an anchor is only held to its validity.
fn own_problems(cert: &Parsed, at: i64, extensions: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let (true, Some(oid)) = (extensions, &cert.unhandled_critical) {
        problems.push(Problem::CriticalExtension { oid: oid.clone() });
    }
    match cert.details.validity_at(at) {
        Validity::InForce => {}
        Validity::Expired => problems.push(Problem::Expired {
            not_after: cert.details.not_after,
        }),
        Validity::NotYetValid => problems.push(Problem::NotYetValid {
            not_before: cert.details.not_before,
        }),
    }
    problems
}

/// An `x5c` entry's DER: a string of standard base64 with padding (RFC 7515 §4.1.6).
fn decode_entry(value: &Value) -> Result<Vec<u8>, EntryError> {
    let text = value.as_str().ok_or(EntryError::NotAString)?;
    STANDARD.decode(text).map_err(|err| {
        let hint = match text.contains(['-', '_']) {
            true => "; it looks like base64url, but x5c takes standard base64 with + / and =",
            false => "",
        };
        EntryError::NotBase64 {
            detail: format!("{err}{hint}"),
        }
    })
}
