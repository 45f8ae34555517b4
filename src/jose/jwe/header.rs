//! Reading what a JWE header carries for its algorithms (`iv`, `tag`, `p2s`, `epk` …), with
//! errors that say which member is wrong. Shared by key management and key agreement.

use serde_json::{Map, Value};

use crate::jose::base64url;
use crate::jose::error::{Error, Part};

/// A header member holding base64url bytes.
pub fn header_bytes(header: &Map<String, Value>, name: &str) -> Result<Vec<u8>, Error> {
    let text = header
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| header_error(format!("\"{name}\" is missing or not a string")))?;
    base64url::decode_segment(text, Part::Header, 0)
        .map_err(|_| header_error(format!("\"{name}\" is not base64url")))
}

/// A header member that is missing or wrong, and how.
pub fn header_error(detail: impl Into<String>) -> Error {
    Error::JweHeader {
        detail: detail.into(),
    }
}
