//! The JWS JSON serialization of an SD-JWT (RFC 9901 §8): the issuer JWT's parts as JWS JSON
//! members, the disclosures (`disclosures`, an array) and the KB-JWT (`kb_jwt`) in the
//! unprotected `header` of the first signature (§8.3). The KB-JWT's `sd_hash` covers the compact
//! form `protected.payload.signature~disclosure~…~` (§8.1), so the presentation is read as that
//! compact form: the card shows it, and the disclosures' byte ranges are in it.
//!
//! Two placements met in the wild are read too and named as not the RFC's: the members at the
//! top level of the JSON (the IETF reference implementation `sd-jwt` 0.10, after earlier
//! drafts), and in a `headers` member (rather than `header`).

use serde_json::{Map, Value};

use super::{parse, KbStatus, SdJwt, SEPARATOR};
use crate::jose::error::Error;

/// Where the JSON serialization carries the disclosures and the KB-JWT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The first signature's unprotected `header`, as RFC 9901 §8 says.
    Header,
    /// The top level of the JSON (earlier drafts; the reference implementation 0.10).
    TopLevel,
    /// A `headers` member of the signature (not a JWS member: RFC 7515 names it `header`).
    Headers,
}

impl Placement {
    /// Where it is, in words a reader can find in the JSON.
    pub fn describe(self) -> &'static str {
        match self {
            Placement::Header => "in the first signature's unprotected header",
            Placement::TopLevel => "at the top level of the JSON",
            Placement::Headers => "in a \"headers\" member",
        }
    }
}

/// How a JSON-serialized SD-JWT was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonForm {
    pub placement: Placement,
    /// The flattened serialization (one signature, its members at the top level).
    pub flattened: bool,
    /// How many signatures the serialization has.
    pub signatures: usize,
    /// The signature (0-based) whose compact form the presentation is read as: the first, or
    /// the one the KB-JWT's `sd_hash` binds when that is another (§8.1 does not say which).
    pub bound: usize,
    /// Later signatures (0-based) whose unprotected headers carry `disclosures` or `kb_jwt`
    /// too, which §8.3 forbids.
    pub repeated_in: Vec<usize>,
}

const DISCLOSURES: &str = "disclosures";
const KB_JWT: &str = "kb_jwt";

/// Reads a JWS JSON serialization as an SD-JWT; `None` when it carries neither disclosures nor
/// a KB-JWT (a plain JWS JSON), an error when it does but cannot be read.
pub fn from_object(object: &Map<String, Value>) -> Option<Result<SdJwt, Error>> {
    let flattened = !object.contains_key("signatures");
    let entries: Vec<&Map<String, Value>> = match object.get("signatures") {
        Some(Value::Array(entries)) => entries.iter().filter_map(Value::as_object).collect(),
        Some(_) => return None,
        None => vec![object],
    };
    let first = entries.first()?;
    let (placement, members) = [
        (Placement::Header, first.get("header")),
        (Placement::Headers, first.get("headers")),
        (Placement::TopLevel, Some(&Value::Object(object.clone()))),
    ]
    .into_iter()
    .find_map(|(placement, members)| {
        let members = members?.as_object()?;
        carries_parts(members).then(|| (placement, members.clone()))
    })?;
    let repeated_in = entries
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, entry)| {
            ["header", "headers"].iter().any(|name| {
                entry
                    .get(*name)
                    .and_then(Value::as_object)
                    .is_some_and(carries_parts)
            })
        })
        .map(|(index, _)| index)
        .collect();
    Some(read(object, &entries, &members).map(|(mut sd, bound)| {
        sd.json = Some(JsonForm {
            placement,
            flattened,
            signatures: entries.len(),
            bound,
            repeated_in,
        });
        sd
    }))
}

fn carries_parts(members: &Map<String, Value>) -> bool {
    members.contains_key(DISCLOSURES) || members.contains_key(KB_JWT)
}

/// The presentation read over the first signature's compact form, or over the first other
/// signature whose compact form the KB-JWT's `sd_hash` matches.
fn read(
    object: &Map<String, Value>,
    entries: &[&Map<String, Value>],
    members: &Map<String, Value>,
) -> Result<(SdJwt, usize), Error> {
    let payload = match object.get("payload") {
        Some(Value::String(payload)) => payload.as_str(),
        Some(_) => return Err(structure("\"payload\" is not a string")),
        None => {
            return Err(structure(
                "it has no \"payload\": an SD-JWT's payload is never detached",
            ))
        }
    };
    let disclosures = match members.get(DISCLOSURES) {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .ok_or_else(|| structure("an entry of \"disclosures\" is not a string"))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(structure("\"disclosures\" is not an array")),
    };
    let kb_jwt = match members.get(KB_JWT) {
        None => "",
        Some(Value::String(kb)) => kb.as_str(),
        Some(_) => return Err(structure("\"kb_jwt\" is not a string")),
    };
    let compact_at = |entry: &Map<String, Value>| -> Result<SdJwt, Error> {
        let protected = match entry.get("protected") {
            Some(Value::String(protected)) => protected.as_str(),
            _ => return Err(structure("a signature has no \"protected\" header: the issuer JWT's alg and typ must be signed")),
        };
        let signature = entry
            .get("signature")
            .and_then(Value::as_str)
            .unwrap_or_default();
        parse(&compact(
            protected,
            payload,
            signature,
            &disclosures,
            kb_jwt,
        ))
    };
    let first = compact_at(entries.first().copied().unwrap_or(object))?;
    if first.key_binding.status != KbStatus::SdHashMismatch {
        return Ok((first, 0));
    }
    let bound_elsewhere = entries
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(index, entry)| {
            let sd = compact_at(entry).ok()?;
            (sd.key_binding.status != KbStatus::SdHashMismatch).then_some((sd, index))
        });
    Ok(bound_elsewhere.unwrap_or((first, 0)))
}

/// `protected.payload.signature~disclosure~…~kb_jwt`: the compact form §8.1 hashes.
fn compact(
    protected: &str,
    payload: &str,
    signature: &str,
    disclosures: &[&str],
    kb_jwt: &str,
) -> String {
    let mut text = format!("{protected}.{payload}.{signature}{SEPARATOR}");
    for disclosure in disclosures {
        text.push_str(disclosure);
        text.push(SEPARATOR);
    }
    text.push_str(kb_jwt);
    text
}

fn structure(detail: &str) -> Error {
    Error::SdJwtStructure {
        detail: format!("JWS JSON serialization: {detail}"),
    }
}
