//! The JWS JSON serializations (RFC 7515 §7.2): the general one (`signatures`, one entry per
//! signer) and the flattened one (a single signature's members at the top). Each signature is
//! read into a `Decoded` of its own, its protected header with the shared payload and its
//! signature, so the checks made for compact tokens check it unchanged; the members of its
//! unprotected header join the protected ones (the two must not share a name, §7.2.1).

use std::rc::Rc;

use serde_json::{Map, Value};

use super::error::Error;
use super::input::Removed;
use super::key::KeySet;
use super::lint::{self, Finding};
use super::platform::decide_here;
use super::status::{Status, Verification};
use super::token::{decode_jws_parts, Decoded, Header};

/// A JWS in a JSON serialization, each signature decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct JwsJson {
    /// The flattened form (one signature, its members at the top level).
    pub flattened: bool,
    /// The payload member as received (base64url, or the payload itself with `b64: false`);
    /// for detached content, the segment made of the payload given beside it, or empty.
    pub payload: String,
    /// The serialization has no `payload` member: its content travels apart (RFC 7515 App. F).
    pub detached: bool,
    pub signatures: Vec<Signature>,
}

/// One signature of a JWS JSON serialization.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    /// The unprotected header's members, in their order (empty when it has none).
    pub unprotected: Map<String, Value>,
    /// `protected.payload.signature` decoded as a compact JWS, with the unprotected members in
    /// its header: what the signature's verdict is decided on (shared with its platform check).
    pub decoded: Rc<Decoded>,
}

impl JwsJson {
    /// Whether the payload is unencoded (`b64: false`): its signatures agree on it.
    pub fn unencoded(&self) -> bool {
        self.signatures.first().is_some_and(|signature| {
            signature
                .decoded
                .header
                .as_ref()
                .is_ok_and(Header::unencoded_payload)
        })
    }
}

impl Signature {
    /// The unprotected header as pretty-printed JSON; empty when it has none.
    pub fn unprotected_text(&self) -> String {
        match self.unprotected.is_empty() {
            true => String::new(),
            false => serde_json::to_string_pretty(&self.unprotected).unwrap_or_default(),
        }
    }
}

/// Whether a JSON object reads as a JWS serialization (one or more signatures, with a payload
/// or without one when the content is detached) rather than a JWE's.
pub fn looks_like_jws(object: &Map<String, Value>) -> bool {
    (object.contains_key("signatures") || object.contains_key("signature"))
        && !object.contains_key("ciphertext")
}

/// Reads a JWS JSON serialization; whitespace and member order are the JSON's own.
pub fn parse(text: &str) -> Result<JwsJson, Error> {
    let value: Value = serde_json::from_str(text).map_err(|err| structure(&err.to_string()))?;
    let object = value
        .as_object()
        .ok_or_else(|| structure("it is not a JSON object"))?;
    from_object(object)
}

/// Reads a JWS JSON serialization already parsed (the page parses pasted JSON once, to tell a
/// JWS serialization from a JWE one).
pub fn from_object(object: &Map<String, Value>) -> Result<JwsJson, Error> {
    from_object_with(object, None)
}

/// Reads a JWS JSON serialization whose content may be detached: without a `payload` member,
/// `detached_segment` is its payload segment (empty when none is given yet).
pub fn from_object_with(
    object: &Map<String, Value>,
    detached_segment: Option<&str>,
) -> Result<JwsJson, Error> {
    let (payload, detached) = match object.get("payload") {
        Some(Value::String(payload)) => (payload.as_str(), false),
        Some(_) => return Err(structure("\"payload\" is not a string")),
        None => (detached_segment.unwrap_or_default(), true),
    };
    let (flattened, entries): (bool, Vec<&Map<String, Value>>) = match object.get("signatures") {
        Some(Value::Array(_)) if object.contains_key("signature") => {
            return Err(structure(
                "it has both \"signatures\" and a flattened \"signature\"",
            ));
        }
        Some(Value::Array(entries)) if entries.is_empty() => {
            return Err(structure("\"signatures\" is empty"))
        }
        Some(Value::Array(entries)) => (
            false,
            entries
                .iter()
                .map(|entry| {
                    entry
                        .as_object()
                        .ok_or_else(|| structure("an entry of \"signatures\" is not an object"))
                })
                .collect::<Result<_, _>>()?,
        ),
        Some(_) => return Err(structure("\"signatures\" is not an array")),
        None => (true, vec![object]),
    };
    let signatures: Vec<Signature> = entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| signature(entry, payload, index + 1))
        .collect::<Result<_, _>>()?;
    // One payload is read one way: every signature must say the same of it (RFC 7797 §7).
    let unencoded = |signature: &Signature| {
        signature
            .decoded
            .header
            .as_ref()
            .is_ok_and(Header::unencoded_payload)
    };
    if let Some(first) = signatures.first() {
        if signatures
            .iter()
            .any(|other| unencoded(other) != unencoded(first))
        {
            return Err(structure(
                "its signatures disagree on \"b64\": one payload cannot be both encoded and not",
            ));
        }
    }
    Ok(JwsJson {
        flattened,
        payload: payload.to_owned(),
        detached,
        signatures,
    })
}

fn signature(entry: &Map<String, Value>, payload: &str, number: usize) -> Result<Signature, Error> {
    let member = |name: &str| match entry.get(name) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.as_str())),
        Some(_) => Err(structure(&format!(
            "signature {number}: \"{name}\" is not a string"
        ))),
    };
    let signature = member("signature")?
        .ok_or_else(|| structure(&format!("signature {number} has no \"signature\"")))?;
    let protected = member("protected")?;
    let unprotected = match entry.get("header") {
        None => Map::new(),
        Some(Value::Object(header)) => header.clone(),
        Some(_) => {
            return Err(structure(&format!(
                "signature {number}: \"header\" is not an object"
            )))
        }
    };
    // Both change how the token is read, so both must be signed (RFC 7515 §4.1.11, RFC 7797 §3).
    if let Some(name) = ["crit", "b64"]
        .iter()
        .find(|name| unprotected.contains_key(**name))
    {
        return Err(structure(&format!(
            "signature {number}: \"{name}\" must be in the protected header, not the unprotected one"
        )));
    }
    if protected.is_none() && unprotected.is_empty() {
        return Err(structure(&format!(
            "signature {number} has neither a protected nor an unprotected header"
        )));
    }
    // The signing input is the protected header's segment, a dot and the payload's (RFC 7515
    // §5.2): with no protected header, an empty segment.
    let mut decoded = decode_jws_parts(protected.unwrap_or(""), payload, signature);
    match (protected, &mut decoded.header) {
        (None, header) => {
            *header = Ok(Header {
                json: unprotected.clone(),
                text: String::new(),
            })
        }
        (Some(_), Ok(header)) => {
            if let Some(name) = unprotected
                .keys()
                .find(|name| header.json.contains_key(*name))
            {
                return Err(structure(&format!(
                    "signature {number}: \"{name}\" is in both its protected and unprotected header"
                )));
            }
            header
                .json
                .extend(unprotected.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        // A protected header that does not decode stays the signature's error.
        (Some(_), Err(_)) => {}
    }
    Ok(Signature {
        unprotected,
        decoded: Rc::new(decoded),
    })
}

fn structure(detail: &str) -> Error {
    Error::JwsJsonStructure {
        detail: detail.to_owned(),
    }
}

/// Each signature's verdict decided here where it can be (HMAC, or a verdict that needs no
/// check: no key, a broken header …); `Pending` where the platform must check it.
pub fn verdicts_here(
    jws: &JwsJson,
    removed: &[Removed],
    keys: Option<&Result<KeySet, Error>>,
) -> Vec<Verification> {
    jws.signatures
        .iter()
        .map(|signature| {
            decide_here(Some(&signature.decoded), removed, keys)
                .unwrap_or_else(Verification::pending)
        })
        .collect()
}

/// The serialization's verdict: valid when any signature verifies (one that a careful verifier
/// also accepts first, naming its key); pending while one still might; otherwise the first
/// signature's.
pub fn overall(verdicts: &[Verification]) -> Verification {
    let first = |status: Status| verdicts.iter().find(|v| v.status == status).cloned();
    let clean = verdicts
        .iter()
        .find(|v| v.status == Status::Valid && v.strict.is_empty())
        .cloned();
    clean
        .or_else(|| first(Status::Valid))
        .or_else(|| first(Status::Pending))
        .or_else(|| verdicts.first().cloned())
        .unwrap_or_else(|| Verification::of(Status::Empty))
}

/// Whether any signature's check is still running.
pub fn any_pending(verdicts: &[Verification]) -> bool {
    verdicts.iter().any(|v| v.status == Status::Pending)
}

/// How many signatures verify, of how many.
pub fn verified_count(verdicts: &[Verification]) -> (usize, usize) {
    let valid = verdicts
        .iter()
        .filter(|v| v.status == Status::Valid)
        .count();
    (valid, verdicts.len())
}

/// The findings that do not move with the clock, for every signature: one all signatures share
/// (about the payload, say) is listed once; one of some signatures only is titled with their
/// numbers, so a general serialization says which signer it is about.
pub fn untimed_findings(jws: &JwsJson, keys: Option<&KeySet>) -> Vec<Finding> {
    let each: Vec<Vec<Finding>> = jws
        .signatures
        .iter()
        .map(|signature| lint::untimed(&signature.decoded, keys))
        .collect();
    let mut found: Vec<(Finding, Vec<usize>)> = Vec::new();
    for (index, findings) in each.iter().enumerate() {
        for finding in findings {
            match found.iter_mut().find(|(seen, _)| seen == finding) {
                Some((_, numbers)) => numbers.push(index + 1),
                None => found.push((finding.clone(), vec![index + 1])),
            }
        }
    }
    let all = jws.signatures.len();
    found
        .into_iter()
        .map(|(finding, numbers)| match numbers.len() == all {
            true => finding,
            false => {
                let which = numbers
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let noun = if numbers.len() == 1 {
                    "Signature"
                } else {
                    "Signatures"
                };
                Finding {
                    title: format!("{noun} {which}: {}", finding.title),
                    ..finding
                }
            }
        })
        .collect()
}
