//! Share links: the token, a public key and the page's mode in the URL fragment
//! (`#token=…&key=…&mode=…`, never a query string, so nothing reaches a server), and whether the
//! key box holds public keys only and so may go into a link at all.

use serde_json::Value;

use super::alg::Kty;
use super::key::{self, jwk, KeyText, SecretEncoding};

/// What a share link's fragment holds, percent-decoded; `None` where a member is missing or empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shared {
    pub token: Option<String>,
    pub key: Option<String>,
    pub mode: Option<String>,
}

/// The fragment (with its `#`) for a token, an optional key and an optional mode; empty members
/// are left out, and an empty result is the empty string.
pub fn fragment(token: &str, key: Option<&str>, mode: Option<&str>) -> String {
    let pairs: Vec<String> = [("token", Some(token)), ("key", key), ("mode", mode)]
        .into_iter()
        .filter_map(|(name, value)| {
            value
                .filter(|value| !value.is_empty())
                .map(|value| format!("{name}={}", percent_encode(value)))
        })
        .collect();
    match pairs.is_empty() {
        true => String::new(),
        false => format!("#{}", pairs.join("&")),
    }
}

/// Reads a fragment such as `#token=eyJ…&key=…&mode=encoder` (the `#` optional). The first of
/// each name counts; a value whose escapes do not decode is kept as written.
pub fn read_fragment(fragment: &str) -> Shared {
    let value = |name: &str| raw_value(fragment, name).map(percent_decode);
    Shared {
        token: value("token"),
        key: value("key"),
        mode: value("mode"),
    }
}

/// The raw (still percent-encoded) value of the first non-empty `name=` in a fragment.
pub fn raw_value<'a>(fragment: &'a str, name: &str) -> Option<&'a str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| {
            pair.split_once('=')
                .filter(|(key, _)| *key == name)
                .map(|(_, value)| value)
        })
        .filter(|value| !value.is_empty())
}

/// Percent-encodes every byte outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`), as
/// `decodeURIComponent` reads it back.
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            _ => {
                out.push('%');
                for nibble in [byte >> 4, byte & 0x0f] {
                    if let Some(digit) = HEX.get(usize::from(nibble)) {
                        out.push(char::from(*digit));
                    }
                }
            }
        }
    }
    out
}

/// Decodes `%XX` escapes (UTF-8); text with a broken escape or invalid UTF-8 is returned as
/// written. A `+` stays a `+` (a fragment is not a form).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte != b'%' {
            out.push(byte);
            rest = tail;
            continue;
        }
        let decoded = match tail {
            [high, low, ..] => hex_value(*high).zip(hex_value(*low)),
            _ => None,
        };
        let Some((high, low)) = decoded else {
            return text.to_owned();
        };
        out.push(high << 4 | low);
        rest = tail.get(2..).unwrap_or_default();
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// PEM labels of public material only.
const PUBLIC_LABELS: [&str; 3] = ["PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"];

/// Whether the key box text holds public keys only, and so may go into a share link: PEM public
/// keys or certificates, a public JWK, or a JWK Set none of whose keys has private members.
/// Never a secret, a private key or a `kty: oct` key, and never text that does not read as keys.
pub fn is_shareable(text: &str, encoding: SecretEncoding) -> bool {
    let public = match KeyText::read(text) {
        Ok(KeyText::Pem(pem)) => pem_is_public(pem),
        Ok(KeyText::Jwk(members)) => jwk_is_public(&Value::Object(members)),
        Ok(KeyText::JwkSet(keys)) => !keys.is_empty() && keys.iter().all(jwk_is_public),
        Ok(KeyText::Secret(_)) | Err(_) => false,
    };
    public && key::parse(text, encoding).is_ok_and(|keys| !keys.entries.is_empty())
}

fn jwk_is_public(jwk: &Value) -> bool {
    let Some(members) = jwk.as_object() else {
        return false;
    };
    let kty = members
        .get("kty")
        .and_then(Value::as_str)
        .and_then(Kty::from_name);
    kty.is_some_and(|kty| kty != Kty::Oct) && !jwk::has_private_members(members)
}

/// Every line is inside a block labelled with a public label, or blank.
fn pem_is_public(pem: &str) -> bool {
    let mut open: Option<&str> = None;
    let mut blocks = 0;
    for line in pem.lines().map(str::trim) {
        let begin = line
            .strip_prefix("-----BEGIN ")
            .and_then(|rest| rest.strip_suffix("-----"));
        let end = line
            .strip_prefix("-----END ")
            .and_then(|rest| rest.strip_suffix("-----"));
        match (open, begin, end) {
            (None, Some(label), _) if PUBLIC_LABELS.contains(&label) => open = Some(label),
            (None, None, None) if line.is_empty() => {}
            (Some(label), None, Some(closing)) if closing == label => {
                open = None;
                blocks += 1;
            }
            (Some(_), None, None) => {}
            _ => return false,
        }
    }
    open.is_none() && blocks > 0
}
