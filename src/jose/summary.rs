//! The token in one or two plain sentences: what kind of token it is (an OpenID Connect ID
//! token, an OAuth access token, an encrypted token …), who issued it for whom and about whom,
//! when it expires, how it is signed, and what the key box made of the signature. Built from
//! an `Inspection`; no number is printed as a float (the page leaves the float printer out).

use serde_json::{Map, Value};

use super::claims::time::{relative_words, TimeValue};
use super::error::Error;
use super::inspection::Inspection;
use super::jwe::alg::{EncAlg, KeyAlg};
use super::jws_json::{self, JwsJson};
use super::status::{Status, Verification};
use super::token::PayloadView;

/// Values longer than this are shortened to their first `KEEP` characters and "…".
const SHORT: usize = 24;
const KEEP: usize = 12;
/// Issuers (URLs, mostly) are shown whole up to this length.
const SHORT_ISSUER: usize = 40;

/// The event that makes a JWT an OpenID Connect back-channel logout token.
const LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// One or two sentences about the inspected token at `now` (Unix seconds); `None` while the
/// token box is empty.
pub fn summarize(inspection: &Inspection, now: f64) -> Option<String> {
    if inspection.cleaned.token.is_empty() {
        return None;
    }
    if inspection.is_jwe() {
        return Some(encrypted(inspection));
    }
    if let Some(jws) = inspection.json_jws.as_deref() {
        return Some(signed_json(jws, inspection));
    }
    // With detached content, the payload is the payload box's.
    let decoded = inspection
        .payload_decoded()
        .or_else(|| inspection.decoded.clone())?;
    let header = match &decoded.header {
        Ok(header) => &header.json,
        // The decoding error itself is shown beside the token: said once, there.
        Err(_) => return Some("This token's header cannot be read.".to_owned()),
    };
    let detached = inspection
        .payload_box
        .as_ref()
        .filter(|found| found.detached);
    let noun = match detached {
        Some(_) => "detached payload",
        None => "payload",
    };
    if let Some(Err(_)) = detached.map(|found| &found.source) {
        return Some(format!(
            "A signed token (JWS) whose payload travels apart from it (detached content); signed {}. Give the payload to check the signature.",
            signing(header)
        ));
    }
    let payload = match decoded.payload.as_ref() {
        Some(Ok(payload)) => payload,
        Some(Err(_)) => {
            return Some(format!(
                "A token signed {} whose payload cannot be read.",
                alg_name(header)
            ))
        }
        None => return Some("This token cannot be read: it has no payload.".to_owned()),
    };
    let unsigned = alg_name(header) == "none";
    let about = match (&payload.view, decoded.claims()) {
        (_, Some(claims)) => jwt(header, claims, now),
        (PayloadView::Json(_), None) => format!(
            "A signed token (JWS) whose {noun} is JSON but not a set of claims ({} bytes)",
            payload.bytes.len()
        ),
        (PayloadView::Text(_), None) => format!(
            "A signed token (JWS) whose {noun} is {} bytes of text, not JSON",
            payload.bytes.len()
        ),
        (PayloadView::Binary, None) => format!(
            "A signed token (JWS) whose {noun} is {} bytes of binary data",
            payload.bytes.len()
        ),
    };
    let signed = match unsigned {
        true => "; it is unsigned (alg none), so anyone could have written it.".to_owned(),
        false => format!("; signed {}.", signing(header)),
    };
    let verdict = match unsigned {
        true => String::new(),
        false => format!(" {}", verdict(inspection)),
    };
    Some(format!("{about}{signed}{verdict}"))
}

/// The JWT's kind, issuer, audience, subject and expiry.
fn jwt(header: &Map<String, Value>, claims: &Map<String, Value>, now: f64) -> String {
    let kind = Kind::of(header, claims);
    let mut text = kind.name().to_owned();
    if let Some(iss) = claims.get("iss").and_then(Value::as_str) {
        text.push_str(&format!(" issued by {}", shorten_issuer(iss)));
    }
    if let Some(aud) = audience(claims.get("aud")) {
        let prefix = match kind {
            Kind::IdToken => "client ",
            _ => "",
        };
        text.push_str(&format!(" for {prefix}{aud}"));
    }
    if let Some(sub) = claims.get("sub").and_then(Value::as_str) {
        let prefix = match kind {
            Kind::IdToken | Kind::Logout => "user ",
            _ => "",
        };
        text.push_str(&format!(" about {prefix}{}", shorten(sub)));
    }
    match claims.get("exp").map(TimeValue::read) {
        Some(TimeValue::Seconds(exp)) if exp <= now => {
            text.push_str(&format!(", expired {}", relative_words(exp, now)));
        }
        Some(TimeValue::Seconds(exp)) => {
            text.push_str(&format!(", expires {}", relative_words(exp, now)));
        }
        Some(TimeValue::LooksLikeMilliseconds(_) | TimeValue::NotANumber) => {
            text.push_str(", with an expiry that is not a NumericDate");
        }
        None => text.push_str(", with no expiry"),
    }
    text
}

/// What a JWT is for, as its header and claims tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    IdToken,
    AccessToken,
    Logout,
    SdJwt,
    Jwt,
}

impl Kind {
    fn of(header: &Map<String, Value>, claims: &Map<String, Value>) -> Kind {
        let typ = header
            .get("typ")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let typ = typ.strip_prefix("application/").unwrap_or(&typ);
        let has = |names: &[&str]| names.iter().any(|name| claims.contains_key(*name));
        let logout = claims
            .get("events")
            .and_then(Value::as_object)
            .is_some_and(|events| events.contains_key(LOGOUT_EVENT));
        if logout || typ == "logout+jwt" {
            Kind::Logout
        } else if typ.ends_with("sd-jwt") || has(&["_sd", "_sd_alg"]) {
            Kind::SdJwt
        } else if typ == "at+jwt" || has(&["scope", "scp", "client_id", "gty"]) {
            Kind::AccessToken
        } else if has(&["nonce", "auth_time", "at_hash", "c_hash", "azp"]) {
            Kind::IdToken
        } else {
            Kind::Jwt
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::IdToken => "An OpenID Connect ID token",
            Kind::AccessToken => "An OAuth access token",
            Kind::Logout => "An OpenID Connect logout token",
            Kind::SdJwt => "A selective-disclosure JWT (SD-JWT)",
            Kind::Jwt => "A JWT",
        }
    }
}

/// "RS256 with key 4927…", or just the algorithm.
fn signing(header: &Map<String, Value>) -> String {
    match header.get("kid").and_then(Value::as_str) {
        Some(kid) => format!("{} with key {}", alg_name(header), shorten(kid)),
        None => alg_name(header).to_owned(),
    }
}

fn alg_name(header: &Map<String, Value>) -> &str {
    header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or("with no alg")
}

/// The audience: one value, or the first and how many more.
fn audience(aud: Option<&Value>) -> Option<String> {
    match aud? {
        Value::String(one) => Some(shorten(one)),
        Value::Array(many) => {
            let first = many.first()?.as_str()?;
            match many.len() {
                1 => Some(shorten(first)),
                n => Some(format!("{} and {} more", shorten(first), n - 1)),
            }
        }
        _ => None,
    }
}

/// What the key box made of the signature.
fn verdict(inspection: &Inspection) -> String {
    let verification: &Verification = &inspection.verification;
    let keys = |tried: usize| match tried {
        0 | 1 => "the key you gave".to_owned(),
        n => format!("any of the {n} keys you gave"),
    };
    // With a trust anchor in the key box, the key is the token's chain's leaf.
    let through_chain = inspection.chain.is_some()
        && verification
            .verified_by
            .as_ref()
            .is_some_and(|key| key.anchor.is_some());
    match verification.status {
        Status::NoKey => "No key given, so the signature is not checked.".to_owned(),
        Status::Valid if through_chain => {
            "The signature verifies with its x5c chain's leaf key, and the chain reaches the trust anchor you gave.".to_owned()
        }
        Status::Valid if verification.strict.is_empty() => {
            "The signature verifies with the key you gave.".to_owned()
        }
        // The reasons are the verdict's to give; the summary says each fact once.
        Status::Valid => {
            "The signature matches the key you gave, but a careful verifier must refuse the token."
                .to_owned()
        }
        Status::Invalid => format!("The signature does not match {}.", keys(verification.tried)),
        Status::Pending => "The signature is being checked.".to_owned(),
        Status::KeyError => "The key you gave cannot check it.".to_owned(),
        Status::Unsupported | Status::Malformed => "It cannot be checked.".to_owned(),
        // A decoded token is never empty.
        Status::Empty => "It has not been checked.".to_owned(),
    }
}

/// "A JWS in the general JSON serialization with 3 signatures; 2 of 3 verify with the key
/// box."
fn signed_json(jws: &Result<JwsJson, Error>, inspection: &Inspection) -> String {
    let Ok(jws) = jws else {
        return "Signed JSON (a JWS JSON serialization) that cannot be read.".to_owned();
    };
    let form = match jws.flattened {
        true => "flattened",
        false => "general",
    };
    let count = jws.signatures.len();
    let plural = if count == 1 { "" } else { "s" };
    let (valid, of) = jws_json::verified_count(&inspection.signatures);
    let checked = match inspection.verification.status {
        _ if jws.detached
            && inspection
                .payload_box
                .as_ref()
                .is_some_and(|b| b.source.is_err()) =>
        {
            "its payload travels apart (detached content): give it to check the signatures."
                .to_owned()
        }
        Status::NoKey => "no key given, so no signature is checked.".to_owned(),
        _ if jws_json::any_pending(&inspection.signatures) => {
            format!("{valid} of {of} verified so far, the rest being checked.")
        }
        _ => format!("{valid} of {of} verify with the key box."),
    };
    format!("A JWS in the {form} JSON serialization with {count} signature{plural}; {checked}")
}

/// "An encrypted token (JWE) for key management RSA-OAEP-256 and content A256GCM; decrypt it
/// with an RSA private key."
fn encrypted(inspection: &Inspection) -> String {
    let header = match (&inspection.json_jwe, inspection.decoded.as_deref()) {
        (Some(jwe), _) => match jwe.as_ref() {
            Ok(jwe) => jwe.joint_header(0),
            Err(err) => {
                return format!(
                    "An encrypted token (JWE) that cannot be read: {}",
                    lowercase_first(&err.to_string())
                )
            }
        },
        (None, Some(decoded)) => decoded
            .header
            .as_ref()
            .map(|h| h.json.clone())
            .map_err(Clone::clone),
        (None, None) => return "An encrypted token (JWE).".to_owned(),
    };
    let header = match header {
        Ok(header) => header,
        Err(err) => {
            return format!(
                "An encrypted token (JWE) whose header cannot be read: {}",
                lowercase_first(&err.to_string())
            )
        }
    };
    let name = |member: &str| {
        header
            .get(member)
            .and_then(Value::as_str)
            .unwrap_or("(none)")
    };
    let alg = name("alg");
    let enc = name("enc");
    let mut text = format!("An encrypted token (JWE) for key management {alg} and content {enc}");
    let nested = header
        .get("cty")
        .and_then(Value::as_str)
        .is_some_and(|cty| cty.eq_ignore_ascii_case("jwt"));
    if nested {
        text.push_str(", carrying a signed JWT");
    }
    let known = KeyAlg::from_name(alg).filter(|_| EncAlg::from_name(enc).is_some());
    match known {
        Some(alg) => text.push_str(&format!("; decrypt it with {}.", alg.needs())),
        None => text.push_str("; this page does not know these algorithms."),
    }
    if inspection.keys.is_none() {
        text.push_str(" No key given.");
    }
    text
}

/// Long values shortened to their first characters and "…".
fn shorten(text: &str) -> String {
    match text.chars().count() > SHORT {
        true => format!("{}…", text.chars().take(KEEP).collect::<String>()),
        false => text.to_owned(),
    }
}

/// An issuer whole when short; a long URL as its origin and "/…".
fn shorten_issuer(iss: &str) -> String {
    if iss.chars().count() <= SHORT_ISSUER {
        return iss.to_owned();
    }
    let origin = iss.find("://").and_then(|scheme| {
        let after = scheme + 3;
        let path = iss.get(after..)?.find('/')?;
        iss.get(..after + path)
    });
    match origin {
        Some(origin) => format!("{origin}/…"),
        None => shorten(iss),
    }
}

/// A message as the middle of a sentence: "The secret is …" becomes "the secret is …".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
