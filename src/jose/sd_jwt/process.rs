//! The processed payload (RFC 9901 §7.1 steps 3–5): every referenced disclosure put in place,
//! recursively, and the SD-JWT's own members (`_sd`, `_sd_alg`, undisclosed `{"...": digest}`
//! array elements) removed. Member order follows the reference implementation: the issuer
//! payload's own members first, in its order, then the disclosed ones in `_sd` order.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::disclosure::{Disclosure, DisclosureContent, DisclosureState, Malformed};

/// The payload after processing.
#[derive(Clone, Debug, PartialEq)]
pub struct Processed {
    /// The claims as a verifier sees them.
    pub claims: Map<String, Value>,
    /// Digests with no disclosure: withheld claims and decoys, which cannot be told apart.
    pub undisclosed: usize,
    /// What is wrong with the digests themselves.
    pub problems: Vec<ProcessProblem>,
}

/// A problem of the payload's digests, found while processing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProcessProblem {
    /// An `_sd` member that is not an array (at `path`).
    SdNotArray { path: String },
    /// An `_sd` entry that is not a string.
    DigestNotString { path: String },
    /// The same digest appears twice in the payload (§7.1 step 4 says reject).
    DuplicateDigest { digest: String, path: String },
}

impl ProcessProblem {
    /// A short stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ProcessProblem::SdNotArray { .. } => "sd-not-array",
            ProcessProblem::DigestNotString { .. } => "sd-digest-not-string",
            ProcessProblem::DuplicateDigest { .. } => "sd-duplicate-digest",
        }
    }
}

struct Walk<'a> {
    disclosures: &'a mut [Disclosure],
    by_digest: HashMap<String, usize>,
    seen: HashSet<String>,
    undisclosed: usize,
    problems: Vec<ProcessProblem>,
}

/// Processes the issuer payload's claims with the disclosures, settling each one's state.
pub fn process(claims: &Map<String, Value>, disclosures: &mut [Disclosure]) -> Processed {
    let mut by_digest = HashMap::new();
    for (index, disclosure) in disclosures.iter().enumerate() {
        let usable = disclosure.content.is_ok() && disclosure.state != DisclosureState::Duplicate;
        if let (true, Some(digest)) = (usable, &disclosure.digest) {
            by_digest.entry(digest.clone()).or_insert(index);
        }
    }
    let mut walk = Walk {
        disclosures,
        by_digest,
        seen: HashSet::new(),
        undisclosed: 0,
        problems: Vec::new(),
    };
    let mut claims = walk.object(claims, "$");
    claims.shift_remove("_sd_alg");
    Processed {
        claims,
        undisclosed: walk.undisclosed,
        problems: walk.problems,
    }
}

impl Walk<'_> {
    fn value(&mut self, value: &Value, path: &str) -> Value {
        match value {
            Value::Object(object) => Value::Object(self.object(object, path)),
            Value::Array(items) => Value::Array(self.array(items, path)),
            other => other.clone(),
        }
    }

    fn object(&mut self, object: &Map<String, Value>, path: &str) -> Map<String, Value> {
        let mut output = Map::new();
        for (name, value) in object {
            if name != "_sd" {
                let child = member_path(path, name);
                output.insert(name.clone(), self.value(value, &child));
            }
        }
        let Some(digests) = object.get("_sd") else {
            return output;
        };
        let sd_path = format!("{path}._sd");
        let Value::Array(digests) = digests else {
            self.problems
                .push(ProcessProblem::SdNotArray { path: sd_path });
            return output;
        };
        for digest in digests {
            let Value::String(digest) = digest else {
                self.problems.push(ProcessProblem::DigestNotString {
                    path: sd_path.clone(),
                });
                continue;
            };
            let Some(index) = self.reference(digest, &sd_path) else {
                continue;
            };
            let Some(disclosure) = self.disclosures.get_mut(index) else {
                continue;
            };
            disclosure.location = Some(sd_path.clone());
            let (name, value) = match &disclosure.content {
                Ok(DisclosureContent {
                    name: Some(name),
                    value,
                    ..
                }) => (name.clone(), value.clone()),
                _ => {
                    disclosure.state = DisclosureState::Malformed(Malformed::ArrayInObject);
                    continue;
                }
            };
            if output.contains_key(&name) {
                disclosure.state = DisclosureState::Malformed(Malformed::NameCollision { name });
                continue;
            }
            disclosure.state = DisclosureState::Referenced;
            let child = member_path(path, &name);
            let processed = self.value(&value, &child);
            output.insert(name, processed);
        }
        output
    }

    fn array(&mut self, items: &[Value], path: &str) -> Vec<Value> {
        let mut output = Vec::new();
        for (position, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{position}]");
            let Some(digest) = array_digest(item) else {
                let processed = self.value(item, &item_path);
                output.push(processed);
                continue;
            };
            let Some(index) = self.reference(digest, &item_path) else {
                continue;
            };
            let Some(disclosure) = self.disclosures.get_mut(index) else {
                continue;
            };
            disclosure.location = Some(item_path.clone());
            let value = match &disclosure.content {
                Ok(DisclosureContent {
                    name: None, value, ..
                }) => value.clone(),
                _ => {
                    disclosure.state = DisclosureState::Malformed(Malformed::ObjectInArray);
                    continue;
                }
            };
            disclosure.state = DisclosureState::Referenced;
            let processed = self.value(&value, &item_path);
            output.push(processed);
        }
        output
    }

    /// The disclosure a digest refers to; counts it undisclosed, or a duplicate, otherwise.
    fn reference(&mut self, digest: &str, path: &str) -> Option<usize> {
        if !self.seen.insert(digest.to_owned()) {
            self.problems.push(ProcessProblem::DuplicateDigest {
                digest: digest.to_owned(),
                path: path.to_owned(),
            });
            if let Some(disclosure) = self
                .by_digest
                .get(digest)
                .and_then(|&index| self.disclosures.get_mut(index))
            {
                disclosure.state = DisclosureState::Duplicate;
            }
            return None;
        }
        let found = self.by_digest.get(digest).copied();
        if found.is_none() {
            self.undisclosed += 1;
        }
        found
    }
}

/// The digest of an array element `{"...": digest}`, when it is one.
fn array_digest(item: &Value) -> Option<&str> {
    match item {
        Value::Object(object) if object.len() == 1 => object.get("...")?.as_str(),
        _ => None,
    }
}

/// `$.name`, or `$["odd name"]` for names that are not plain identifiers.
fn member_path(path: &str, name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match plain {
        true => format!("{path}.{name}"),
        false => format!("{path}[{}]", Value::String(name.to_owned())),
    }
}
