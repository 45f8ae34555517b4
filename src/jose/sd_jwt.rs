//! SD-JWT (RFC 9901): an issuer-signed JWT, its disclosures and an optional key binding JWT,
//! `<issuer JWT>~<disclosure>~…~[<KB-JWT>]`. Reading and verifying here (issuing and
//! presenting in `issue`): each part is decoded on its own, the disclosures are hashed and put
//! in place (§7.1), and the key binding is checked against the holder key in the issuer
//! payload's `cnf.jwk`. The issuer signature is the issuer
//! JWT's ordinary JWS check (`issuer` is its `Decoded`).
//!
//! Decoy digests (§4.2.5) cannot be told apart from digests of withheld disclosures: the count
//! of undisclosed digests includes both, by design of the format.

pub mod disclosure;
pub mod issue;
pub mod json;
pub mod key_binding;
pub mod process;

use std::ops::Range;
use std::rc::Rc;

use serde_json::{Map, Value};
use sha2::Digest;

use super::base64url;
use super::error::Error;
use super::token::{decode, Decoded, Form};
pub use disclosure::{Disclosure, DisclosureContent, DisclosureState, Malformed};
pub use key_binding::{ClaimMatch, Expectation, KbProblem, KbStatus, KeyBinding, KeyBindingJwt};
pub use process::{ProcessProblem, Processed};

/// The separator between the parts of an SD-JWT.
pub const SEPARATOR: char = '~';

/// A hash function `_sd_alg` may name (IANA "Named Information Hash Algorithm" names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashAlg {
    Sha256,
    Sha384,
    Sha512,
    Sha3_256,
    Sha3_384,
    Sha3_512,
}

impl HashAlg {
    /// Every supported hash, for lookups and the table test.
    pub const ALL: [HashAlg; 6] = [
        HashAlg::Sha256,
        HashAlg::Sha384,
        HashAlg::Sha512,
        HashAlg::Sha3_256,
        HashAlg::Sha3_384,
        HashAlg::Sha3_512,
    ];

    /// The name `_sd_alg` uses.
    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Sha256 => "sha-256",
            HashAlg::Sha384 => "sha-384",
            HashAlg::Sha512 => "sha-512",
            HashAlg::Sha3_256 => "sha3-256",
            HashAlg::Sha3_384 => "sha3-384",
            HashAlg::Sha3_512 => "sha3-512",
        }
    }

    /// The hash `_sd_alg` names, if it is one this page supports.
    pub fn from_name(name: &str) -> Option<HashAlg> {
        HashAlg::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// The digest length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            HashAlg::Sha256 | HashAlg::Sha3_256 => 32,
            HashAlg::Sha384 | HashAlg::Sha3_384 => 48,
            HashAlg::Sha512 | HashAlg::Sha3_512 => 64,
        }
    }

    /// The hash of `bytes`.
    pub fn hash(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            HashAlg::Sha256 => sha2::Sha256::digest(bytes).to_vec(),
            HashAlg::Sha384 => sha2::Sha384::digest(bytes).to_vec(),
            HashAlg::Sha512 => sha2::Sha512::digest(bytes).to_vec(),
            HashAlg::Sha3_256 => sha3::Sha3_256::digest(bytes).to_vec(),
            HashAlg::Sha3_384 => sha3::Sha3_384::digest(bytes).to_vec(),
            HashAlg::Sha3_512 => sha3::Sha3_512::digest(bytes).to_vec(),
        }
    }

    /// base64url(hash(ascii(text))): a disclosure's digest and the KB-JWT's `sd_hash`.
    pub fn digest_text(self, text: &str) -> String {
        base64url::encode(&self.hash(text.as_bytes()))
    }
}

/// What the issuer payload's `_sd_alg` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SdAlg {
    /// No `_sd_alg`: SHA-256 (§4.1.1).
    Default,
    /// A supported hash, named.
    Named(HashAlg),
    /// A name this page does not support (or not a string); `weak` when it is a broken hash.
    Unsupported { name: String, weak: bool },
}

impl SdAlg {
    /// Reads `_sd_alg` from the issuer payload's claims.
    pub fn of(claims: Option<&Map<String, Value>>) -> SdAlg {
        match claims.and_then(|claims| claims.get("_sd_alg")) {
            None => SdAlg::Default,
            Some(Value::String(name)) => match HashAlg::from_name(name) {
                Some(alg) => SdAlg::Named(alg),
                None => SdAlg::Unsupported {
                    weak: is_weak_hash(name),
                    name: name.clone(),
                },
            },
            Some(other) => SdAlg::Unsupported {
                name: other.to_string(),
                weak: false,
            },
        }
    }

    /// The hash to use, when supported.
    pub fn hash(&self) -> Option<HashAlg> {
        match self {
            SdAlg::Default => Some(HashAlg::Sha256),
            SdAlg::Named(alg) => Some(*alg),
            SdAlg::Unsupported { .. } => None,
        }
    }
}

fn is_weak_hash(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["md5", "md2", "md4", "sha-1", "sha1", "sha-224", "sha224"].contains(&name.as_str())
        || name.contains("-32")
        || name.contains("-64")
        || name.contains("-96")
        || name.contains("-120")
}

/// What a part of the presentation is, for colour-coding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentKind {
    /// The issuer-signed JWT.
    IssuerJwt,
    /// The disclosure at this index of `SdJwt::disclosures`.
    Disclosure(usize),
    /// The key binding JWT.
    KeyBindingJwt,
    /// A `~` separator.
    Separator,
}

impl SegmentKind {
    /// Stable lower-case name, for the page's `data-part` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::IssuerJwt => "issuer-jwt",
            SegmentKind::Disclosure(_) => "disclosure",
            SegmentKind::KeyBindingJwt => "kb-jwt",
            SegmentKind::Separator => "separator",
        }
    }
}

/// One part of the presentation and its byte range in `SdJwt::text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    pub range: Range<usize>,
}

/// The SD-JWT VC claims (draft-ietf-oauth-sd-jwt-vc) the page names, from the processed payload.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VcClaims {
    /// The credential type.
    pub vct: Option<Value>,
    /// The integrity hash of the type metadata.
    pub vct_integrity: Option<Value>,
    /// The status (revocation) reference.
    pub status: Option<Value>,
    /// The holder key confirmation (RFC 7800).
    pub cnf: Option<Value>,
}

/// Claims that an SD-JWT VC must not make selectively disclosable.
pub const NOT_DISCLOSABLE: [&str; 6] = ["iss", "nbf", "exp", "cnf", "vct", "status"];

/// An SD-JWT presentation (or issuance) read part by part.
#[derive(Clone, Debug, PartialEq)]
pub struct SdJwt {
    /// The text parsed, exactly as received (after input cleaning).
    pub text: String,
    /// Every part and separator, in order, with byte ranges in `text`.
    pub segments: Vec<Segment>,
    /// The issuer JWT, decoded as any JWS: its signature is checked by the usual verdict.
    pub issuer: Rc<Decoded>,
    /// The disclosures, in the order received.
    pub disclosures: Vec<Disclosure>,
    /// The issuer payload's `_sd_alg`.
    pub sd_alg: SdAlg,
    /// The processed payload; `None` when the issuer payload is not a JSON object or `_sd_alg`
    /// is unsupported.
    pub processed: Option<Processed>,
    /// The key binding JWT and its verdict.
    pub key_binding: KeyBinding,
    /// How a JWS JSON serialization was read (RFC 9901 §8); `None` for the compact form.
    pub json: Option<json::JsonForm>,
}

impl SdJwt {
    /// The issuer JWT's `typ` header, when a string.
    pub fn typ(&self) -> Option<&str> {
        self.issuer
            .header
            .as_ref()
            .ok()
            .and_then(|header| header.json.get("typ"))
            .and_then(Value::as_str)
    }

    /// The SD-JWT VC claims of the processed payload (or of the issuer payload, unprocessed).
    pub fn vc(&self) -> VcClaims {
        let claims = match &self.processed {
            Some(processed) => Some(&processed.claims),
            None => self.issuer.claims(),
        };
        let get = |name: &str| claims.and_then(|claims| claims.get(name)).cloned();
        VcClaims {
            vct: get("vct"),
            vct_integrity: get("vct#integrity"),
            status: get("status"),
            cnf: get("cnf"),
        }
    }

    /// The digest count left undisclosed (withheld disclosures and decoys alike).
    pub fn undisclosed(&self) -> usize {
        self.processed
            .as_ref()
            .map_or(0, |processed| processed.undisclosed)
    }

    /// The text the KB-JWT's `sd_hash` covers: everything up to and including the last `~`.
    pub fn hashed_part(&self) -> &str {
        match self.text.rfind(SEPARATOR) {
            Some(index) => self.text.get(..=index).unwrap_or(&self.text),
            None => &self.text,
        }
    }

    /// Records the KB-JWT signature verdict the platform reached (see `KeyBinding::settle`).
    pub fn settle_key_binding(&mut self, verification: super::status::Verification) {
        self.key_binding.settle(verification);
    }
}

/// What the issuer JWT's `typ` says of the token, for `typ` values of the SD-JWT family.
pub fn typ_description(typ: &str) -> Option<&'static str> {
    match typ.to_ascii_lowercase().trim_start_matches("application/") {
        "dc+sd-jwt" => Some("an SD-JWT Verifiable Digital Credential (SD-JWT VC)"),
        "vc+sd-jwt" => Some("an SD-JWT Verifiable Credential (SD-JWT VC, the type's earlier name)"),
        "sd+jwt" => Some("an SD-JWT (RFC 9901's media type)"),
        "example+sd-jwt" => Some("an SD-JWT of the specification's examples"),
        "kb+jwt" => Some("a key binding JWT (RFC 9901 §4.3)"),
        _ => None,
    }
}

/// True when the text is a compact JWS followed by `~`: the shape of an SD-JWT.
pub fn looks_like_sd_jwt(text: &str) -> bool {
    let Some((jwt, _)) = text.split_once(SEPARATOR) else {
        return false;
    };
    let segments: Vec<&str> = jwt.split('.').collect();
    segments.len() == 3
        && segments.iter().take(2).all(|segment| !segment.is_empty())
        && jwt
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// Splits and reads an SD-JWT (already cleaned of surrounding noise); an error only when the
/// text is not an SD-JWT at all (no `~`, or an issuer part that is not a compact JWS).
pub fn parse(text: &str) -> Result<SdJwt, Error> {
    let pieces = split(text);
    let Some((issuer_range, rest)) = pieces.split_first() else {
        return Err(structure("there is no \"~\" after the issuer-signed JWT"));
    };
    let Some((last_range, disclosure_ranges)) = rest.split_last() else {
        return Err(structure(
            "there is no \"~\" after the issuer-signed JWT, so this is a plain JWT",
        ));
    };
    let issuer_text = text.get(issuer_range.clone()).unwrap_or_default();
    let issuer = decode(issuer_text);
    match issuer.form {
        Ok(Form::Jws) => {}
        Ok(Form::Jwe) => {
            return Err(structure(
                "the issuer part has 5 segments (an encrypted JWT); it must be a signed JWT",
            ))
        }
        Err(_) => {
            return Err(structure(&format!(
                "the issuer part has {} dot-separated segments; a signed JWT has 3",
                issuer.segments.len()
            )))
        }
    }
    let sd_alg = SdAlg::of(issuer.claims());
    let mut segments = vec![Segment {
        kind: SegmentKind::IssuerJwt,
        range: issuer_range.clone(),
    }];
    let mut disclosures = Vec::new();
    for (index, range) in disclosure_ranges.iter().enumerate() {
        segments.push(separator(range.start));
        segments.push(Segment {
            kind: SegmentKind::Disclosure(index),
            range: range.clone(),
        });
        let disclosure_text = text.get(range.clone()).unwrap_or_default();
        disclosures.push(Disclosure::read(
            disclosure_text,
            range.clone(),
            sd_alg.hash(),
        ));
    }
    segments.push(separator(last_range.start));
    let kb_text = text.get(last_range.clone()).unwrap_or_default();
    if !kb_text.is_empty() {
        segments.push(Segment {
            kind: SegmentKind::KeyBindingJwt,
            range: last_range.clone(),
        });
    }
    disclosure::mark_duplicates(&mut disclosures);
    let processed = match (issuer.claims(), sd_alg.hash()) {
        (Some(claims), Some(_)) => Some(process::process(claims, &mut disclosures)),
        _ => None,
    };
    let hashed = text.get(..last_range.start).unwrap_or_default();
    let cnf = issuer
        .claims()
        .and_then(|claims| claims.get("cnf"))
        .cloned();
    let key_binding = KeyBinding::read(
        (!kb_text.is_empty()).then_some((kb_text, last_range.clone())),
        hashed,
        sd_alg.hash(),
        cnf.as_ref(),
    );
    Ok(SdJwt {
        text: text.to_owned(),
        segments,
        issuer: Rc::new(issuer),
        disclosures,
        sd_alg,
        processed,
        key_binding,
        json: None,
    })
}

fn structure(detail: &str) -> Error {
    Error::SdJwtStructure {
        detail: detail.to_owned(),
    }
}

/// The separator just before byte `next` (the start of the following part).
fn separator(next: usize) -> Segment {
    Segment {
        kind: SegmentKind::Separator,
        range: next.saturating_sub(1)..next,
    }
}

/// Byte ranges of the `~`-separated pieces; one piece means there was no `~`.
fn split(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (index, _) in text.match_indices(SEPARATOR) {
        ranges.push(start..index);
        start = index + 1;
    }
    ranges.push(start..text.len());
    ranges
}

/// A problem worth a finding, with a stable code; the lead turns these into lint findings.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The issuer payload has `cnf` but the presentation carries no KB-JWT.
    KeyBindingMissing,
    /// The KB-JWT failed: its status says how (invalid, sd-hash-mismatch, bad-typ …).
    KeyBindingFailed { status: KbStatus },
    /// A disclosure is malformed, unreferenced or a duplicate.
    Disclosure {
        index: usize,
        state: DisclosureState,
    },
    /// A registered claim that must not be selectively disclosable was disclosed.
    NotDisclosable { index: usize, name: String },
    /// A problem of the issuer payload's digests (`_sd` not an array, a digest twice …).
    Digests(ProcessProblem),
    /// `_sd_alg` names a hash this page does not support.
    SdAlgUnsupported { name: String },
    /// `_sd_alg` names a broken hash.
    SdAlgWeak { name: String },
    /// The issuer JWT has no `exp`: the credential never expires.
    NoExp,
    /// A JWS JSON serialization carries its disclosures and KB-JWT elsewhere than RFC 9901 §8
    /// says (the first signature's unprotected header).
    JsonPlacement { placement: json::Placement },
    /// Later signatures of a general JWS JSON serialization carry disclosures or a KB-JWT too
    /// (§8.3 forbids it); 1-based signature numbers.
    JsonRepeated { signatures: Vec<usize> },
    /// The KB-JWT's `sd_hash` binds a signature other than the first (§8.1 does not say which
    /// one it must be; a verifier that takes the first refuses it); 1-based.
    JsonBoundElsewhere { signature: usize },
}

impl Problem {
    /// A short stable code for the UI and tests to match on.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::KeyBindingMissing => "sd-kb-missing",
            Problem::KeyBindingFailed { status } => match status {
                KbStatus::SdHashMismatch => "sd-hash-mismatch",
                _ => "sd-kb-failed",
            },
            Problem::Disclosure { state, .. } => match state {
                DisclosureState::Unreferenced => "sd-disclosure-unreferenced",
                DisclosureState::Duplicate => "sd-disclosure-duplicate",
                _ => "sd-disclosure-malformed",
            },
            Problem::NotDisclosable { .. } => "sd-not-disclosable",
            Problem::Digests(problem) => problem.code(),
            Problem::SdAlgUnsupported { .. } => "sd-alg-unsupported",
            Problem::SdAlgWeak { .. } => "sd-alg-weak",
            Problem::NoExp => "sd-no-exp",
            Problem::JsonPlacement { .. } => "sd-json-placement",
            Problem::JsonRepeated { .. } => "sd-json-repeated",
            Problem::JsonBoundElsewhere { .. } => "sd-json-bound-elsewhere",
        }
    }
}

/// Everything about the SD-JWT that a careful verifier objects to, in a stable order.
pub fn problems(sd: &SdJwt) -> Vec<Problem> {
    let mut problems = Vec::new();
    match &sd.sd_alg {
        SdAlg::Unsupported { name, weak: true } => {
            problems.push(Problem::SdAlgWeak { name: name.clone() })
        }
        SdAlg::Unsupported { name, weak: false } => {
            problems.push(Problem::SdAlgUnsupported { name: name.clone() })
        }
        SdAlg::Default | SdAlg::Named(_) => {}
    }
    if let Some(form) = &sd.json {
        if form.placement != json::Placement::Header {
            problems.push(Problem::JsonPlacement {
                placement: form.placement,
            });
        }
        if !form.repeated_in.is_empty() {
            problems.push(Problem::JsonRepeated {
                signatures: form.repeated_in.iter().map(|index| index + 1).collect(),
            });
        }
        if form.bound != 0 {
            problems.push(Problem::JsonBoundElsewhere {
                signature: form.bound + 1,
            });
        }
    }
    if let Some(claims) = sd.issuer.claims() {
        if !claims.contains_key("exp") {
            problems.push(Problem::NoExp);
        }
    }
    for (index, disclosure) in sd.disclosures.iter().enumerate() {
        match &disclosure.state {
            DisclosureState::Referenced | DisclosureState::Unchecked => {}
            state => problems.push(Problem::Disclosure {
                index,
                state: state.clone(),
            }),
        }
        let top_level = disclosure
            .location
            .as_deref()
            .is_none_or(|at| at == "$._sd");
        if let Ok(DisclosureContent {
            name: Some(name), ..
        }) = &disclosure.content
        {
            if top_level && NOT_DISCLOSABLE.contains(&name.as_str()) {
                problems.push(Problem::NotDisclosable {
                    index,
                    name: name.clone(),
                });
            }
        }
    }
    if let Some(processed) = &sd.processed {
        problems.extend(processed.problems.iter().cloned().map(Problem::Digests));
    }
    match &sd.key_binding.status {
        KbStatus::Missing => problems.push(Problem::KeyBindingMissing),
        KbStatus::Valid | KbStatus::NotRequired | KbStatus::Pending => {}
        status => problems.push(Problem::KeyBindingFailed {
            status: status.clone(),
        }),
    }
    problems
}
