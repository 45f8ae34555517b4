//! The rules, one function each; every finding's severity and reference come from its
//! `FindingCode`.

use serde_json::{Map, Value};

use super::{duplicate_members, payload, Finding, FindingCode};

use crate::jose::alg::{Alg, Family};
use crate::jose::claims::Clock;
use crate::jose::ecdsa::has_zero_component;
use crate::jose::embedded::{embedded_keys, EmbeddedKey};
use crate::jose::error::quoted_list;
use crate::jose::key::{rsa_key, Key, KeySet};
use crate::jose::policy::{self, Weakness};
use crate::jose::strict::{crit_problems, StrictProblem};
use crate::jose::token::{Decoded, Form, Header, HeaderAlg};
use Finding as F;

/// A header this large is rare and may be rejected by proxies; RFC 8725 has no limit.
const LARGE_HEADER: usize = 8 * 1024;
/// nginx and Apache refuse request header lines over about 8 KB by default.
const LARGE_TOKEN: usize = 8000;

/// `typ` values of JWT profiles (compared case-insensitively, without `application/`).
const KNOWN_TYPES: [&str; 14] = [
    "jwt",
    "at+jwt",
    "jose",
    "jose+json",
    "secevent+jwt",
    "logout+jwt",
    "dpop+jwt",
    "kb+jwt",
    "vc+jwt",
    "vp+jwt",
    "vc+sd-jwt",
    "dc+sd-jwt",
    "token-introspection+jwt",
    "oauth-authz-req+jwt",
];

/// The payload's claims, when it is a JSON object.
fn claims(decoded: &Decoded) -> Option<&Map<String, Value>> {
    decoded.claims()
}

/// The findings that depend on the check time.
pub fn timed(decoded: &Decoded, clock: &Clock, max_lifetime: f64) -> Vec<Finding> {
    claims(decoded)
        .map(|claims| payload::time_rules(claims, clock, max_lifetime))
        .unwrap_or_default()
}

/// The findings that depend only on the token and the key box.
pub fn untimed(decoded: &Decoded, keys: Option<&KeySet>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let header = decoded.header.as_ref().ok();
    if let Some(header) = header {
        let alg = match header.alg() {
            HeaderAlg::Known(alg) => Some(alg),
            HeaderAlg::Unknown(_) | HeaderAlg::Missing => None,
        };
        findings.extend(alg_none(header));
        if let (Some(alg), Some(keys)) = (alg, keys) {
            findings.extend(key_findings(
                alg,
                &keys.entries.iter().map(|e| &e.key).collect::<Vec<_>>(),
            ));
        }
        findings.extend(header_rules(decoded, header));
        if let (Some(alg), Some(Ok(signature))) = (alg, &decoded.signature) {
            findings.extend(psychic_signature(alg, signature));
        }
    }
    let payload_text = decoded
        .payload
        .as_ref()
        .and_then(|p| p.as_ref().ok())
        .and_then(|p| p.text());
    for (part, text) in [
        ("header", header.map(|h| h.text.as_str())),
        ("payload", payload_text),
    ] {
        let names = text.map(duplicate_members).unwrap_or_default();
        if !names.is_empty() {
            findings.push(F::new(
                FindingCode::DuplicateMember,
                format!("The {part} names {} more than once", quoted_list(&names)),
                "JSON parsers disagree on which value wins (the first, the last, or an error), so two services can read this token differently.",
            ));
        }
    }
    if let Some(claims) = claims(decoded) {
        findings.extend(payload::sensitive_data(claims, decoded));
    }
    findings.extend(oversized(decoded));
    findings
}

fn alg_none(header: &Header) -> Option<Finding> {
    let alg = header.json.get("alg")?.as_str()?;
    alg.eq_ignore_ascii_case("none").then(|| {
        F::new(
            FindingCode::AlgNone,
            format!("alg is {alg:?}: the token is not signed"),
            "Anyone can write an unsecured token. Verifiers that accept alg none in any spelling let attackers strip the signature (CVE-2015-9235).",
        )
    })
}

fn key_findings(alg: Alg, keys: &[&Key]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let family = alg.family();
    if family == Family::Hmac && keys.iter().any(|key| !key.is_symmetric()) {
        findings.push(F::new(
            FindingCode::KeyConfusion,
            format!("An {} token checked against a public key", alg.name()),
            "A verifier that lets the token pick HMAC and uses the public key as the secret accepts tokens forged by anyone holding that public key (the RS-to-HS attack).",
        ));
    }
    for key in keys {
        let weakness = match key {
            Key::Secret(secret) if family == Family::Hmac => {
                policy::short_secret(alg, secret.len())
            }
            Key::Rsa(rsa) if matches!(family, Family::RsaPkcs1 | Family::RsaPss) => {
                policy::weak_rsa(rsa_key::modulus_bits(rsa))
            }
            _ => None,
        };
        findings.extend(weakness.map(|weakness| match weakness {
            Weakness::ShortSecret { bytes, needed } => F::new(
                FindingCode::ShortSecret,
                format!("The secret is {bytes} bytes; {} needs at least {needed}", alg.name()),
                "A short HMAC secret can be guessed offline from a single token.",
            ),
            Weakness::WeakRsa { bits } => F::new(
                FindingCode::WeakRsa,
                format!("The RSA key has {bits} bits"),
                "RSA keys under 2048 bits can be factored with enough computing power; whoever does can sign any token.",
            ),
        }));
    }
    findings
}

fn header_rules(decoded: &Decoded, header: &Header) -> Vec<Finding> {
    let mut findings = Vec::new();
    for problem in crit_problems(&header.json) {
        let code = match problem {
            StrictProblem::B64NotCritical => FindingCode::B64False,
            _ => FindingCode::CritUnknown,
        };
        findings.push(F::new(
            code,
            problem.to_string(),
            "A verifier must reject a token whose crit it cannot honour; one that ignores it reads a different token than the issuer meant.",
        ));
    }
    if decoded.form == Ok(Form::Jws) && header.json.contains_key("zip") {
        findings.push(F::new(
            FindingCode::ZipInJws,
            "zip in a signed token".to_owned(),
            "zip is defined for JWE only; verifiers that inflate a JWS payload invite decompression bombs and disagree with those that do not.",
        ));
    }
    for key in embedded_keys(&header.json) {
        let what = match &key {
            EmbeddedKey::Jwk(_) => "a public key".to_owned(),
            EmbeddedKey::Jku(url) => format!("a key set URL, {url}"),
            EmbeddedKey::X5u(url) => format!("a certificate URL, {url}"),
            EmbeddedKey::X5c { .. } => "a certificate chain".to_owned(),
        };
        let (detail, reference) = match key {
            EmbeddedKey::Jwk(_) => ("A verifier that trusts a key sent with the token accepts any token an attacker signs with their own key.", "CVE-2018-0114"),
            EmbeddedKey::Jku(_) | EmbeddedKey::X5u(_) => ("A verifier that fetches it can be pointed at an attacker's keys, or made to request internal URLs (SSRF). This page never fetches it.", "RFC 8725 §3.10"),
            EmbeddedKey::X5c { .. } => ("The chain proves nothing unless it is validated up to a trusted root, which this page does not do.", "RFC 7515 §4.1.6"),
        };
        findings.push(Finding {
            reference,
            ..F::new(
                FindingCode::EmbeddedKey,
                format!("The header's {} carries {what}", key.parameter()),
                detail,
            )
        });
    }
    if let Some(kid) = header.json.get("kid").and_then(Value::as_str) {
        findings.extend(kid_injection(kid));
    }
    if let Some(typ) = header.json.get("typ").and_then(Value::as_str) {
        let lower = typ.to_ascii_lowercase();
        let bare = lower.strip_prefix("application/").unwrap_or(&lower);
        if !KNOWN_TYPES.contains(&bare) {
            findings.push(F::new(
                FindingCode::NotJwtTyp,
                format!("typ is {typ:?}"),
                "Not JWT or a known JWT profile: check that this is the kind of token the recipient expects, so one kind cannot stand in for another.",
            ));
        }
    }
    findings
}

fn kid_injection(kid: &str) -> Option<Finding> {
    let reason = if kid.contains("../") || kid.contains("..\\") || kid.starts_with('/') {
        "a file path"
    } else if kid.contains("://") {
        "a URL"
    } else if kid.contains('\'') || kid.contains("--") || kid.contains(';') || kid.contains("/*") {
        "SQL metacharacters"
    } else if kid
        .chars()
        .any(|c| matches!(c, '|' | '&' | '`' | '$' | '<' | '>' | '\0' | '\n'))
    {
        "shell metacharacters"
    } else {
        return None;
    };
    Some(F::new(
        FindingCode::KidInjection,
        format!("kid {kid:?} contains {reason}"),
        "A verifier that uses kid in a file path, a query or a command can be made to load a key the attacker chose (for example /dev/null as an empty HMAC secret).",
    ))
}

fn psychic_signature(alg: Alg, signature: &[u8]) -> Option<Finding> {
    let curve = alg.curve().filter(|_| alg.family() == Family::Ecdsa)?;
    has_zero_component(signature, curve.coordinate_len()).then(|| {
        F::new(
            FindingCode::PsychicSignature,
            "The ECDSA signature has r or s equal to zero".to_owned(),
            "No valid signature does; broken verifiers (Java 15–18) accept it for any token and any key.",
        )
    })
}

fn oversized(decoded: &Decoded) -> Option<Finding> {
    let header_len = decoded.segment(0).map_or(0, str::len);
    let total = decoded.compact.len();
    let title = if header_len > LARGE_HEADER {
        format!("The header is {header_len} bytes")
    } else if total > LARGE_TOKEN {
        format!("The token is {total} bytes")
    } else {
        return None;
    };
    Some(F::new(
        FindingCode::Oversized,
        title,
        "Proxies and servers commonly refuse request headers over 8 KB, so this token may not reach its recipient in an Authorization header.",
    ))
}
