//! One disclosure (RFC 9901 §4.2): base64url of a JSON array `[salt, name, value]` for an object
//! property or `[salt, value]` for an array element, and its digest over the text as received.

use std::collections::HashSet;
use std::ops::Range;

use serde_json::Value;

use super::HashAlg;
use crate::jose::base64url;
use crate::jose::error::Part;

/// What a well-formed disclosure says.
#[derive(Clone, Debug, PartialEq)]
pub struct DisclosureContent {
    /// The salt (a string; its strength is not checked).
    pub salt: String,
    /// The claim name; `None` for an array element.
    pub name: Option<String>,
    /// The disclosed value, as written (it may hold disclosures of its own).
    pub value: Value,
    /// The decoded JSON text exactly as received.
    pub json: String,
}

/// Why a disclosure cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// Not base64url.
    Base64,
    /// The bytes are not UTF-8 JSON.
    Json,
    /// JSON, but not an array of 2 or 3 elements; `found` describes it.
    Shape { found: String },
    /// The salt is not a string.
    Salt,
    /// The claim name is not a string.
    Name,
    /// The claim name is `_sd` or `...`, which the format reserves.
    ReservedName { name: String },
    /// The claim name is already a claim of the object it is disclosed into.
    NameCollision { name: String },
    /// A property disclosure (three elements) referenced from an array element.
    ObjectInArray,
    /// An array element disclosure (two elements) referenced from an object's `_sd`.
    ArrayInObject,
}

impl Malformed {
    /// A short stable code for the detail.
    pub fn code(&self) -> &'static str {
        match self {
            Malformed::Base64 => "not-base64url",
            Malformed::Json => "not-json",
            Malformed::Shape { .. } => "not-disclosure-array",
            Malformed::Salt => "salt-not-string",
            Malformed::Name => "name-not-string",
            Malformed::ReservedName { .. } => "reserved-name",
            Malformed::NameCollision { .. } => "name-collision",
            Malformed::ObjectInArray => "property-in-array",
            Malformed::ArrayInObject => "element-in-object",
        }
    }

    /// One sentence for the page.
    pub fn describe(&self) -> String {
        match self {
            Malformed::Base64 => "The disclosure is not valid base64url.".to_owned(),
            Malformed::Json => "The disclosure does not decode to UTF-8 JSON.".to_owned(),
            Malformed::Shape { found } => {
                format!("The disclosure must be a JSON array of 2 or 3 elements; it is {found}.")
            }
            Malformed::Salt => "The disclosure's salt is not a string.".to_owned(),
            Malformed::Name => "The disclosure's claim name is not a string.".to_owned(),
            Malformed::ReservedName { name } => {
                format!("The claim name {name:?} is reserved by SD-JWT and cannot be disclosed.")
            }
            Malformed::NameCollision { name } => {
                format!("The claim {name:?} is already present where the disclosure would put it.")
            }
            Malformed::ObjectInArray => {
                "A claim disclosure (salt, name, value) is referenced from an array element."
                    .to_owned()
            }
            Malformed::ArrayInObject => {
                "An array element disclosure (salt, value) is referenced from an object's _sd."
                    .to_owned()
            }
        }
    }
}

/// Where a disclosure stands after processing; `code()` is the page's contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DisclosureState {
    /// Its digest is in the issuer payload (or a disclosed value) and it was put in place.
    Referenced,
    /// No digest in the payload refers to it: it was not issued with this JWT, or altered.
    Unreferenced,
    /// The same disclosure, or its digest, appears twice.
    Duplicate,
    /// It cannot be used.
    Malformed(Malformed),
    /// `_sd_alg` is unsupported or the issuer payload unreadable, so it was not looked up.
    Unchecked,
}

impl DisclosureState {
    /// A short stable code: `referenced`, `unreferenced`, `duplicate`, `malformed`, `unchecked`.
    pub fn code(&self) -> &'static str {
        match self {
            DisclosureState::Referenced => "referenced",
            DisclosureState::Unreferenced => "unreferenced",
            DisclosureState::Duplicate => "duplicate",
            DisclosureState::Malformed(_) => "malformed",
            DisclosureState::Unchecked => "unchecked",
        }
    }
}

/// One disclosure as received.
#[derive(Clone, Debug, PartialEq)]
pub struct Disclosure {
    /// The base64url text exactly as received.
    pub text: String,
    /// Its byte range in the presentation.
    pub range: Range<usize>,
    /// What it says, or why it cannot be read.
    pub content: Result<DisclosureContent, Malformed>,
    /// base64url(hash(text)) under `_sd_alg`; `None` when the hash is unsupported.
    pub digest: Option<String>,
    /// Where it was referenced: `$.address._sd`, `$.nationalities[1]`.
    pub location: Option<String>,
    /// Its state after processing.
    pub state: DisclosureState,
}

impl Disclosure {
    /// Decodes and hashes a disclosure; its state is settled by processing.
    pub fn read(text: &str, range: Range<usize>, hash: Option<HashAlg>) -> Disclosure {
        let content = decode(text, range.start);
        let state = match &content {
            Err(malformed) => DisclosureState::Malformed(malformed.clone()),
            Ok(_) if hash.is_some() => DisclosureState::Unreferenced,
            Ok(_) => DisclosureState::Unchecked,
        };
        Disclosure {
            text: text.to_owned(),
            range,
            content,
            digest: hash.map(|hash| hash.digest_text(text)),
            location: None,
            state,
        }
    }

    /// True for a property disclosure (`[salt, name, value]`).
    pub fn is_property(&self) -> bool {
        matches!(&self.content, Ok(DisclosureContent { name: Some(_), .. }))
    }
}

fn decode(text: &str, start: usize) -> Result<DisclosureContent, Malformed> {
    if text.is_empty() {
        return Err(Malformed::Base64);
    }
    let bytes =
        base64url::decode_segment(text, Part::Token, start).map_err(|_| Malformed::Base64)?;
    let json = String::from_utf8(bytes).map_err(|_| Malformed::Json)?;
    let value: Value = serde_json::from_str(&json).map_err(|_| Malformed::Json)?;
    let Value::Array(items) = value else {
        return Err(Malformed::Shape {
            found: crate::jose::token::json_kind(&value).to_owned(),
        });
    };
    let (salt, name, value) = match <[Value; 2]>::try_from(items) {
        Ok([salt, value]) => (salt, None, value),
        Err(items) => match <[Value; 3]>::try_from(items) {
            Ok([salt, name, value]) => (salt, Some(name), value),
            Err(items) => {
                return Err(Malformed::Shape {
                    found: format!("an array of {}", items.len()),
                })
            }
        },
    };
    let Value::String(salt) = salt else {
        return Err(Malformed::Salt);
    };
    let name = match name {
        None => None,
        Some(Value::String(name)) if name == "_sd" || name == "..." => {
            return Err(Malformed::ReservedName { name })
        }
        Some(Value::String(name)) => Some(name),
        Some(_) => return Err(Malformed::Name),
    };
    Ok(DisclosureContent {
        salt,
        name,
        value,
        json,
    })
}

/// Marks the second and later copies of a disclosure (same text or same digest) as duplicates.
pub(super) fn mark_duplicates(disclosures: &mut [Disclosure]) {
    let mut seen = HashSet::new();
    for disclosure in disclosures.iter_mut() {
        let key = disclosure
            .digest
            .clone()
            .unwrap_or_else(|| disclosure.text.clone());
        if !seen.insert(key) && disclosure.content.is_ok() {
            disclosure.state = DisclosureState::Duplicate;
        }
    }
}
