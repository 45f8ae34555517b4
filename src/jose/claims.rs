//! What a token's claims and header parameters mean: a catalogue of registered and common
//! names, NumericDate times judged against a check time and leeway, and expected issuer and
//! audience.

mod catalogue;
pub mod time;

use serde_json::{Map, Value};

use super::issuer::{self, provider_of};

pub use catalogue::{describe_claim, describe_header_parameter, Described};
pub use time::{Clock, TimeState, TimeValue};

/// What the user expects of the token; empty strings mean "anything".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectations {
    pub issuer: String,
    pub audience: String,
}

/// One member of the payload (or header), explained.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimRow {
    pub name: String,
    /// The value as compact JSON, numbers as written.
    pub value: String,
    pub described: Option<Described>,
    /// For NumericDate claims: how the value reads and where the check time falls.
    pub time: Option<(TimeValue, TimeState)>,
    /// Why the value does not match what the user expects.
    pub mismatch: Option<String>,
}

/// Every payload claim in the token's order, with descriptions (the issuer's provider's
/// meaning first, where it has one), time states and mismatches.
pub fn claim_rows(
    claims: &Map<String, Value>,
    clock: &Clock,
    expect: &Expectations,
) -> Vec<ClaimRow> {
    let provider = provider_of(claims);
    claims
        .iter()
        .map(|(name, value)| {
            let time = time::is_numeric_date(name).then(|| {
                let read = TimeValue::read(value);
                (read, clock.state(name, &read))
            });
            ClaimRow {
                name: name.clone(),
                value: value.to_string(),
                described: provider
                    .and_then(|provider| issuer::catalogue::describe(provider, name))
                    .or_else(|| describe_claim(name)),
                time,
                mismatch: mismatch(name, value, expect),
            }
        })
        .collect()
}

/// Every header parameter in the token's order, with descriptions.
pub fn header_rows(header: &Map<String, Value>) -> Vec<ClaimRow> {
    header
        .iter()
        .map(|(name, value)| ClaimRow {
            name: name.clone(),
            value: value.to_string(),
            described: describe_header_parameter(name),
            time: None,
            mismatch: None,
        })
        .collect()
}

fn mismatch(name: &str, value: &Value, expect: &Expectations) -> Option<String> {
    match name {
        "iss" if !expect.issuer.is_empty() => (value.as_str() != Some(expect.issuer.as_str()))
            .then(|| format!("expected issuer {:?}", expect.issuer)),
        "aud" if !expect.audience.is_empty() => (!audience_includes(value, &expect.audience))
            .then(|| format!("the audience does not include {:?}", expect.audience)),
        _ => None,
    }
}

/// Whether `aud` (a string or an array of strings, RFC 7519 §4.1.3) names `audience`.
pub fn audience_includes(aud: &Value, audience: &str) -> bool {
    match aud {
        Value::String(one) => one == audience,
        Value::Array(many) => many.iter().any(|item| item.as_str() == Some(audience)),
        _ => false,
    }
}

/// When the token was issued, may first be used and expires, for the lifetime picture; each
/// only where the claim is a plausible NumericDate.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Lifetime {
    pub iat: Option<f64>,
    pub nbf: Option<f64>,
    pub exp: Option<f64>,
}

impl Lifetime {
    pub fn of(claims: &Map<String, Value>) -> Lifetime {
        let seconds = |name: &str| match claims.get(name).map(TimeValue::read) {
            Some(TimeValue::Seconds(seconds)) => Some(seconds),
            _ => None,
        };
        Lifetime {
            iat: seconds("iat"),
            nbf: seconds("nbf"),
            exp: seconds("exp"),
        }
    }

    /// The earliest and latest of the token's times and `now`, or `None` without any time.
    pub fn span(&self, now: f64) -> Option<(f64, f64)> {
        let times: Vec<f64> = [self.iat, self.nbf, self.exp]
            .into_iter()
            .flatten()
            .collect();
        if times.is_empty() {
            return None;
        }
        let start = times.iter().copied().fold(now, f64::min);
        let end = times.iter().copied().fold(now, f64::max);
        Some((start, end))
    }
}
