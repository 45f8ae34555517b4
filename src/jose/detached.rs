//! Payloads given beside the token: a JWS whose content is detached (RFC 7515 Appendix F: an
//! empty payload segment, or a JSON serialization without `payload`) is checked over the
//! payload the user gives, and one whose payload is unencoded (`b64: false`, RFC 7797) may be
//! checked over the user's instead of the token's.

use std::rc::Rc;

use super::base64url;
use super::error::{Base64Problem, Error, Part};
use super::token::{decode_jws_parts, Decoded, Form, Header};

/// How the payload box's text is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PayloadEncoding {
    /// The text's UTF-8 bytes are the payload.
    #[default]
    Text,
    /// The text is the payload's base64url encoding (for payloads that are not text).
    Base64url,
}

impl PayloadEncoding {
    pub const ALL: [PayloadEncoding; 2] = [PayloadEncoding::Text, PayloadEncoding::Base64url];

    /// Stable name, for the page's `<select>` and `data-source`.
    pub fn as_str(self) -> &'static str {
        match self {
            PayloadEncoding::Text => "text",
            PayloadEncoding::Base64url => "base64url",
        }
    }

    /// Reads a name `as_str` gives.
    pub fn from_name(name: &str) -> Option<PayloadEncoding> {
        PayloadEncoding::ALL
            .into_iter()
            .find(|encoding| encoding.as_str() == name)
    }
}

/// What the user typed in the payload box, and how to read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GivenPayload {
    /// Shared, as the state is cloned on every action and a payload may be large.
    pub text: Rc<str>,
    pub encoding: PayloadEncoding,
}

impl GivenPayload {
    /// The payload box's text read as `encoding`.
    pub fn new(text: &str, encoding: PayloadEncoding) -> GivenPayload {
        GivenPayload {
            text: text.into(),
            encoding,
        }
    }

    /// Whether the box is empty (whitespace only counts as empty only for base64url, where
    /// it cannot be content).
    pub fn is_empty(&self) -> bool {
        match self.encoding {
            PayloadEncoding::Text => self.text.is_empty(),
            PayloadEncoding::Base64url => self.text.trim().is_empty(),
        }
    }

    /// The payload's bytes.
    pub fn bytes(&self) -> Result<Vec<u8>, Error> {
        match self.encoding {
            PayloadEncoding::Text => Ok(self.text.as_bytes().to_vec()),
            PayloadEncoding::Base64url => {
                base64url::decode_segment(self.text.trim(), Part::Payload, 0).map_err(|err| {
                    let detail = match err {
                        Error::Base64 {
                            offset,
                            problem: Base64Problem::InvalidCharacter(c),
                            ..
                        } => format!("character {c:?} at byte {offset} is not base64url"),
                        Error::Base64 {
                            problem: Base64Problem::NonZeroTrailingBits(_),
                            ..
                        } => "its last character carries bits that must be zero (not canonical base64url)".to_owned(),
                        _ => "its length leaves one character over, which base64url cannot".to_owned(),
                    };
                    Error::GivenPayload { detail }
                })
            }
        }
    }

    /// The payload segment the signing input holds for this payload: its base64url encoding,
    /// or with `b64: false` the payload itself (RFC 7797 §3).
    pub fn segment(&self, unencoded: bool) -> Result<String, Error> {
        match (unencoded, self.encoding) {
            // Base64url as typed: the signing input must hold the sender's exact characters.
            (false, PayloadEncoding::Base64url) => {
                self.bytes()?;
                Ok(self.text.trim().to_owned())
            }
            (false, PayloadEncoding::Text) => Ok(base64url::encode(self.text.as_bytes())),
            (true, PayloadEncoding::Text) => Ok(self.text.to_string()),
            (true, PayloadEncoding::Base64url) => {
                String::from_utf8(self.bytes()?).map_err(|_| Error::GivenPayload {
                    detail: "with \"b64\": false its decoded bytes must be UTF-8 text here"
                        .to_owned(),
                })
            }
        }
    }
}

/// Where the payload a signature was checked over came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayloadSource {
    /// The token's own payload segment.
    Token,
    /// The payload box: read as `encoding`, `bytes` long.
    Given {
        encoding: PayloadEncoding,
        bytes: usize,
    },
}

/// A token's payload box: what was given and what the check used, or why it could not.
#[derive(Clone, Debug, PartialEq)]
pub struct Detached {
    /// The token has no payload of its own: without the box's, nothing can be checked.
    pub detached: bool,
    /// The token's header says `b64: false`.
    pub unencoded: bool,
    /// The payload the verdict is checked over, or why there is none.
    pub source: Result<PayloadSource, Error>,
}

/// The payload box a compact JWS gets, if any: for detached content (an empty payload segment)
/// or an unencoded payload; with the token rebuilt around the given payload when one is used.
pub fn compact(decoded: &Decoded, given: &GivenPayload) -> Option<(Detached, Option<Decoded>)> {
    if decoded.form != Ok(Form::Jws) {
        return None;
    }
    let unencoded = decoded.header.as_ref().is_ok_and(Header::unencoded_payload);
    let detached = decoded.segment(1) == Some("");
    if !detached && !unencoded {
        return None;
    }
    let attached = match given.is_empty() {
        true => None,
        false => Some(attach(decoded, given, unencoded)),
    };
    let (source, attached) = match attached {
        None if detached => (Err(Error::DetachedPayloadMissing), None),
        None => (Ok(PayloadSource::Token), None),
        Some(Err(err)) => (Err(err), None),
        Some(Ok((source, attached))) => (Ok(source), Some(attached)),
    };
    let found = Detached {
        detached,
        unencoded,
        source,
    };
    Some((found, attached))
}

/// The compact token with `given` in its payload segment, and the source that names it.
fn attach(
    decoded: &Decoded,
    given: &GivenPayload,
    unencoded: bool,
) -> Result<(PayloadSource, Decoded), Error> {
    let segment = given.segment(unencoded)?;
    let bytes = given.bytes()?.len();
    let attached = decode_jws_parts(
        decoded.segment(0).unwrap_or_default(),
        &segment,
        decoded.segment(2).unwrap_or_default(),
    );
    let source = PayloadSource::Given {
        encoding: given.encoding,
        bytes,
    };
    Ok((source, attached))
}

/// The payload segment a JWS JSON serialization without `payload` is checked with, and the
/// box's report: `unencoded` is what its signatures' headers say of `b64`.
pub fn json(given: &GivenPayload, unencoded: bool) -> (Detached, Option<String>) {
    let (source, segment) = match given.is_empty() {
        true => (Err(Error::DetachedPayloadMissing), None),
        false => match given.segment(unencoded).and_then(|segment| {
            let bytes = given.bytes()?.len();
            Ok((bytes, segment))
        }) {
            Ok((bytes, segment)) => (
                Ok(PayloadSource::Given {
                    encoding: given.encoding,
                    bytes,
                }),
                Some(segment),
            ),
            Err(err) => (Err(err), None),
        },
    };
    let found = Detached {
        detached: true,
        unencoded,
        source,
    };
    (found, segment)
}
