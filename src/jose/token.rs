//! Decodes a compact token part by part, so one broken part never hides the others.

use std::ops::Range;

use serde_json::{Map, Value};

use super::alg::Alg;
use super::base64url;
use super::error::{Error, Part};

/// Whether the token is signed (three segments) or encrypted (five).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Jws,
    Jwe,
}

/// A decoded JOSE header.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// The header's members, in the token's order, numbers as written.
    pub json: Map<String, Value>,
    /// The decoded JSON text exactly as received.
    pub text: String,
}

/// What the header's `alg` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderAlg {
    Known(Alg),
    Unknown(String),
    Missing,
}

impl Header {
    /// The header's `alg`, looked up in the algorithm table.
    pub fn alg(&self) -> HeaderAlg {
        match self.json.get("alg").and_then(Value::as_str) {
            Some(name) => Alg::from_name(name)
                .map(HeaderAlg::Known)
                .unwrap_or_else(|| HeaderAlg::Unknown(name.to_owned())),
            None => HeaderAlg::Missing,
        }
    }

    /// True when `"b64": false` (RFC 7797): the payload segment is the payload itself.
    pub fn unencoded_payload(&self) -> bool {
        self.json.get("b64") == Some(&Value::Bool(false))
    }

    /// The header's `kid`, when it is a string.
    pub fn kid(&self) -> Option<&str> {
        self.json.get("kid").and_then(Value::as_str)
    }

    /// True when `typ` says the token is a JWT, so its payload must be a JSON object.
    fn declares_jwt(&self) -> bool {
        let says_jwt = |key: &str| {
            self.json.get(key).and_then(Value::as_str).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v == "jwt" || v.ends_with("+jwt") || v == "application/jwt"
            })
        };
        says_jwt("typ")
    }
}

/// How the payload reads: a JSON object (a JWT), other JSON, text, or bytes.
#[derive(Clone, Debug, PartialEq)]
pub enum PayloadView {
    /// JSON, kept in the token's member order and number text.
    Json(Value),
    /// UTF-8 text that is not meant as JSON (a JWS may sign anything, RFC 7515).
    Text(String),
    /// Bytes that are not UTF-8, shown as hex.
    Binary,
}

/// A decoded payload: its bytes, how it reads, and what is wrong with it if anything.
#[derive(Clone, Debug, PartialEq)]
pub struct Payload {
    pub bytes: Vec<u8>,
    pub view: PayloadView,
    /// A payload that should be a JWT but is not; reported, yet the signature is still checked.
    pub problem: Option<Error>,
}

impl Payload {
    /// The payload as text, when it is UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }
}

/// A token split and decoded; each part succeeds or fails on its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The token text that was decoded (after input cleaning).
    pub compact: String,
    /// Byte ranges of each dot-separated segment in `compact`.
    pub segments: Vec<Range<usize>>,
    /// Signed or encrypted, when the segment count says so.
    pub form: Result<Form, Error>,
    pub header: Result<Header, Error>,
    /// `None` where the token has no payload segment at all.
    pub payload: Option<Result<Payload, Error>>,
    /// The signature bytes of a JWS; `None` where the token has no signature segment.
    pub signature: Option<Result<Vec<u8>, Error>>,
    /// Parts that decoded only leniently (padding or non-zero trailing bits).
    pub non_canonical: Vec<Part>,
}

impl Decoded {
    /// The payload's claims, when it is a JSON object.
    pub fn claims(&self) -> Option<&Map<String, Value>> {
        match &self.payload.as_ref()?.as_ref().ok()?.view {
            PayloadView::Json(Value::Object(claims)) => Some(claims),
            _ => None,
        }
    }

    /// The text of segment `index`, if the token has one.
    pub fn segment(&self, index: usize) -> Option<&str> {
        self.segments
            .get(index)
            .and_then(|range| self.compact.get(range.clone()))
    }

    /// The JWS signing input: the received `header.payload` bytes, never a re-encoding.
    pub fn signing_input(&self) -> Option<&[u8]> {
        let payload = self.segments.get(1)?;
        self.compact.as_bytes().get(..payload.end)
    }

    /// Every problem found, token first, then header, payload and signature.
    pub fn errors(&self) -> Vec<&Error> {
        let mut errors = Vec::new();
        if let Err(err) = &self.form {
            errors.push(err);
        }
        if let Err(err) = &self.header {
            errors.push(err);
        }
        match &self.payload {
            Some(Err(err)) => errors.push(err),
            Some(Ok(Payload {
                problem: Some(err), ..
            })) => errors.push(err),
            _ => {}
        }
        if let Some(Err(err)) = &self.signature {
            errors.push(err);
        }
        errors
    }
}

/// Splits and decodes a compact token (already cleaned of surrounding noise).
pub fn decode(compact: &str) -> Decoded {
    decode_segments(compact, split(compact))
}

/// Decodes a JWS given as its three parts, as a JSON serialization carries them: the parts are
/// joined with dots for the signing input, but never split again, so an unencoded payload
/// (`b64: false`, RFC 7797) may hold dots of its own.
pub fn decode_jws_parts(protected: &str, payload: &str, signature: &str) -> Decoded {
    let compact = format!("{protected}.{payload}.{signature}");
    let payload_start = protected.len() + 1;
    let signature_start = payload_start + payload.len() + 1;
    let segments = vec![
        0..protected.len(),
        payload_start..payload_start + payload.len(),
        signature_start..compact.len(),
    ];
    decode_segments(&compact, segments)
}

fn decode_segments(compact: &str, segments: Vec<Range<usize>>) -> Decoded {
    let form = match segments.len() {
        3 => Ok(Form::Jws),
        5 => Ok(Form::Jwe),
        found => Err(Error::SegmentCount { found }),
    };
    let text = |index: usize| {
        segments
            .get(index)
            .and_then(|range| compact.get(range.clone()).map(|s| (s, range.start)))
    };
    let mut non_canonical = Vec::new();
    let mut lenient = |segment: &str, part: Part, start: usize| {
        let (bytes, canonical) = base64url::decode_segment_lenient(segment, part, start)?;
        if !canonical {
            non_canonical.push(part);
        }
        Ok(bytes)
    };
    let header = match text(0) {
        Some((segment, start)) => lenient(segment, Part::Header, start).and_then(parse_header),
        None => Err(Error::SegmentCount { found: 0 }),
    };
    // A JWE's second segment is an encrypted key, not a payload.
    let is_jwe = form == Ok(Form::Jwe);
    let payload = match (is_jwe, text(1)) {
        (false, Some((segment, start))) => {
            let header = header.as_ref().ok();
            // RFC 7797: with "b64": false the payload travels as is, not base64url-encoded.
            let bytes = match header.is_some_and(Header::unencoded_payload) {
                true => Ok(segment.as_bytes().to_vec()),
                false => lenient(segment, Part::Payload, start),
            };
            Some(bytes.map(|bytes| payload_view(bytes, header)))
        }
        _ => None,
    };
    let signature = match (form.as_ref(), text(2)) {
        (Ok(Form::Jws), Some((segment, start))) => Some(lenient(segment, Part::Signature, start)),
        _ => None,
    };
    Decoded {
        compact: compact.to_owned(),
        segments,
        form,
        header,
        payload,
        signature,
        non_canonical,
    }
}

fn split(compact: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (index, _) in compact.match_indices('.') {
        ranges.push(start..index);
        start = index + 1;
    }
    ranges.push(start..compact.len());
    ranges
}

fn parse_header(bytes: Vec<u8>) -> Result<Header, Error> {
    let text = utf8(&bytes, Part::Header)?;
    match parse_json(text, Part::Header)? {
        Value::Object(json) => Ok(Header {
            json,
            text: text.to_owned(),
        }),
        other => Err(Error::NotObject {
            part: Part::Header,
            found: json_kind(&other),
        }),
    }
}

fn payload_view(bytes: Vec<u8>, header: Option<&Header>) -> Payload {
    let must_be_jwt = header.is_some_and(Header::declares_jwt);
    let (view, problem) = match std::str::from_utf8(&bytes) {
        Err(err) if must_be_jwt => (
            PayloadView::Binary,
            Some(Error::Utf8 {
                part: Part::Payload,
                offset: err.valid_up_to(),
            }),
        ),
        Err(_) => (PayloadView::Binary, None),
        Ok(text) => view_text(text, must_be_jwt),
    };
    Payload {
        bytes,
        view,
        problem,
    }
}

/// A payload that declares or looks like JSON is parsed as JSON; other text stays text.
fn view_text(text: &str, must_be_jwt: bool) -> (PayloadView, Option<Error>) {
    let looks_like_json = text.trim_start().starts_with(['{', '[']);
    if !must_be_jwt && !looks_like_json {
        return (PayloadView::Text(text.to_owned()), None);
    }
    match parse_json(text, Part::Payload) {
        Ok(value @ Value::Object(_)) => (PayloadView::Json(value), None),
        Ok(value) if must_be_jwt => {
            let found = json_kind(&value);
            (
                PayloadView::Json(value),
                Some(Error::NotObject {
                    part: Part::Payload,
                    found,
                }),
            )
        }
        Ok(value) => (PayloadView::Json(value), None),
        Err(err) => (PayloadView::Text(text.to_owned()), Some(err)),
    }
}

fn utf8(bytes: &[u8], part: Part) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|err| Error::Utf8 {
        part,
        offset: err.valid_up_to(),
    })
}

fn parse_json(text: &str, part: Part) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|err| Error::Json {
        part,
        line: err.line(),
        column: err.column(),
        message: json_message(&err),
    })
}

/// serde_json's message without its own " at line L column C" suffix (we say where ourselves).
fn json_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    match full.rfind(" at line ") {
        Some(index) => full.get(..index).unwrap_or(&full).to_owned(),
        None => full,
    }
}

/// "an array", "a string", …: for messages about JSON of the wrong kind.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
