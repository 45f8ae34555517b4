//! Rules on the payload's claims: times by the check clock, and what should not be in a token
//! anyone can read.

use serde_json::{Map, Value};

use super::{Finding, FindingCode};
use crate::jose::claims::time::duration_words;
use crate::jose::claims::{Clock, TimeState, TimeValue};
use crate::jose::token::{Decoded, Form};

/// Member names that suggest secrets or personal identifiers (compared without `_`, `-`, case).
const SENSITIVE_NAMES: [&str; 16] = [
    "password",
    "passwd",
    "pwd",
    "secret",
    "clientsecret",
    "apikey",
    "privatekey",
    "accesskey",
    "cardnumber",
    "ccnumber",
    "creditcard",
    "pan",
    "cvv",
    "ssn",
    "nationalid",
    "socialsecurity",
];

pub(super) fn time_rules(
    claims: &Map<String, Value>,
    clock: &Clock,
    max_lifetime: f64,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !claims.contains_key("exp") {
        findings.push(Finding::new(
            FindingCode::MissingExp,
            "No exp: the token never expires".to_owned(),
            "A stolen token stays usable for ever unless the recipient enforces its own limit.",
        ));
    }
    let read = |name: &str| claims.get(name).map(TimeValue::read);
    for name in ["exp", "nbf", "iat"] {
        let Some(value) = read(name) else { continue };
        let (code, title, detail) = match (clock.state(name, &value), value) {
            (TimeState::Expired, _) => (FindingCode::Expired, "The token has expired", "Recipients must reject it (allowing only for clock skew)."),
            (TimeState::NotYetValid, _) => (FindingCode::NotYetValid, "The token is not valid yet", "Recipients must reject it until nbf (allowing only for clock skew)."),
            (TimeState::IssuedInFuture, _) => (FindingCode::IatInFuture, "The token says it was issued in the future", "A clock is wrong, or the token was made with a forged time."),
            (_, TimeValue::LooksLikeMilliseconds(_)) => (FindingCode::TimeFormat, "looks like milliseconds", "NumericDate is in seconds; a verifier reads this as a date thousands of years away."),
            (_, TimeValue::NotANumber) => (FindingCode::TimeFormat, "is not a number", "NumericDate must be a JSON number of seconds; verifiers reject or misread it."),
            _ => continue,
        };
        let title = match code {
            FindingCode::TimeFormat => format!("{name} {title}"),
            _ => format!("{title} ({name})"),
        };
        findings.push(Finding::new(code, title, detail));
    }
    if let (Some(TimeValue::Seconds(exp)), Some(TimeValue::Seconds(iat))) =
        (read("exp"), read("iat"))
    {
        if exp - iat > max_lifetime {
            findings.push(Finding::new(
                FindingCode::LongLifetime,
                format!("The token lives {}", duration_words(exp - iat)),
                "A long-lived bearer token gives a thief a long window; access tokens usually live minutes to hours.",
            ));
        }
    }
    findings
}

pub(super) fn sensitive_data(claims: &Map<String, Value>, decoded: &Decoded) -> Option<Finding> {
    if decoded.form != Ok(Form::Jws) {
        return None;
    }
    let mut hits = Vec::new();
    collect_sensitive(claims, "", &mut hits);
    (!hits.is_empty()).then(|| {
        Finding::new(
            FindingCode::SensitiveData,
            format!("The payload holds what looks sensitive: {}", hits.join(", ")),
            "A signed token is only encoded, not encrypted: anyone who sees it can read its payload.",
        )
    })
}

fn collect_sensitive(object: &Map<String, Value>, prefix: &str, hits: &mut Vec<String>) {
    for (name, value) in object {
        // Formatted only for a hit or a nested object: a payload may have thousands of members.
        let path = || format!("{prefix}{name}");
        let normalised: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if SENSITIVE_NAMES
            .iter()
            .any(|s| normalised == *s || (s.len() > 3 && normalised.contains(s)))
        {
            hits.push(path());
        } else if value.as_str().is_some_and(looks_like_card_number) {
            hits.push(format!("{} (a card number)", path()));
        } else if let Value::Object(inner) = value {
            collect_sensitive(inner, &format!("{}.", path()), hits);
        }
    }
}

/// 13 to 19 digits (spaces and dashes allowed) passing the Luhn check.
fn looks_like_card_number(text: &str) -> bool {
    let digits: Vec<u32> = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()
        .unwrap_or_default();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                (d * 2) % 9 + u32::from(*d == 9) * 9
            } else {
                *d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}
