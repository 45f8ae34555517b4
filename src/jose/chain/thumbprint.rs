//! `x5t` and `x5t#S256` (RFC 7515 §4.1.7–4.1.8): base64url SHA-1 and SHA-256 thumbprints of
//! the leaf certificate's DER, compared with what the header says.

use serde_json::{Map, Value};
use sha2::Digest;

use crate::jose::base64url;

/// The check of `x5t` (SHA-1) or `x5t#S256` (SHA-256) against the leaf's DER (RFC 7515
/// §4.1.7–4.1.8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThumbprintCheck {
    /// `x5t` or `x5t#S256`.
    pub parameter: &'static str,
    /// The header's value; JSON text when it is not a string.
    pub given: String,
    /// base64url of the leaf DER's hash; `None` when the leaf is not base64.
    pub expected: Option<String>,
    /// How the two compare.
    pub result: ThumbprintResult,
}

/// How a thumbprint compares with the leaf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThumbprintResult {
    /// The header's value is the leaf's thumbprint.
    Match,
    /// It is not: the header names another certificate.
    Mismatch,
    /// The header's value is not a string.
    NotAString,
    /// The leaf entry is not base64, so it has no bytes to hash.
    NoLeaf,
}

impl ThumbprintResult {
    /// The page's `data-result`: `match`, `mismatch`, `not-a-string`, `no-leaf`.
    pub fn code(self) -> &'static str {
        match self {
            ThumbprintResult::Match => "match",
            ThumbprintResult::Mismatch => "mismatch",
            ThumbprintResult::NotAString => "not-a-string",
            ThumbprintResult::NoLeaf => "no-leaf",
        }
    }
}

/// `x5t` (SHA-1) and `x5t#S256` (SHA-256) of the leaf's DER, compared with the header's.
pub(super) fn thumbprints(
    header: &Map<String, Value>,
    leaf: Option<&[u8]>,
) -> Vec<ThumbprintCheck> {
    let digest = |parameter: &str, der: &[u8]| match parameter {
        "x5t" => sha1::Sha1::digest(der).to_vec(),
        _ => sha2::Sha256::digest(der).to_vec(),
    };
    ["x5t", "x5t#S256"]
        .into_iter()
        .filter_map(|parameter| {
            let value = header.get(parameter)?;
            let expected = leaf.map(|der| base64url::encode(&digest(parameter, der)));
            let result = match (value.as_str(), &expected) {
                (None, _) => ThumbprintResult::NotAString,
                (Some(_), None) => ThumbprintResult::NoLeaf,
                (Some(given), Some(expected)) if given == expected => ThumbprintResult::Match,
                (Some(_), Some(_)) => ThumbprintResult::Mismatch,
            };
            Some(ThumbprintCheck {
                parameter,
                given: value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned),
                expected,
                result,
            })
        })
        .collect()
}
