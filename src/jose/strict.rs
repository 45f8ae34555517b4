//! The strict verdict: reasons a careful verifier must refuse a token whose signature matches.

use std::fmt;

use serde_json::Value;

use super::alg::Alg;
use super::embedded::embedded_keys;
use super::error::Part;
use super::input::Removed;
use super::key::{rsa_key, Key, KeySet};
use super::policy::{self, Weakness};
use super::token::Decoded;

/// Header parameters RFC 7515 registers; `crit` must not list them (§4.1.11).
const REGISTERED_HEADER_NAMES: [&str; 11] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];
/// Extensions this page understands when listed in `crit`.
const UNDERSTOOD_EXTENSIONS: [&str; 1] = ["b64"];

/// One reason to refuse a token that verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StrictProblem {
    /// HMAC key shorter than the hash output (RFC 7518 §3.2).
    ShortHmacKey { bytes: usize, needed: usize },
    /// RSA modulus under 2048 bits (RFC 7518 §3.3).
    WeakRsaKey { bits: usize },
    /// RSA modulus with the ROCA fingerprint (CVE-2017-15361).
    RocaKey,
    /// A segment is not canonical base64url (padding or non-zero trailing bits).
    NonCanonicalBase64 { part: Part },
    /// Whitespace inside the token was removed before decoding.
    InnerWhitespace,
    /// The JWK's `use` is not `sig`.
    KeyUse { key_use: String },
    /// The JWK's `key_ops` does not allow `verify`.
    KeyOps { ops: Vec<String> },
    /// The JWK's `alg` is not the token's `alg`.
    KeyAlg {
        key_alg: String,
        token_alg: &'static str,
    },
    /// `crit` lists extensions this page does not understand.
    CritUnknown { names: Vec<String> },
    /// `crit` is not a non-empty array of present, non-registered names.
    CritMalformed { detail: String },
    /// `"b64": false` without `crit: ["b64"]` (RFC 7797 §6).
    B64NotCritical,
    /// The set holds several keys with the kid that verified.
    DuplicateKid { kid: String },
    /// The set mixes secrets and public keys, inviting algorithm confusion.
    MixedKeySet,
    /// The key that verified is the one the token carries in its header.
    KeyFromToken { parameter: &'static str },
    /// With trust anchors in the key box, the token's `x5c` chain does not reach one intact:
    /// the leaf's key verified, but nothing vouches for the leaf.
    ChainNotTrusted { reason: String },
}

impl StrictProblem {
    /// A short stable code for the UI and tests.
    pub fn code(&self) -> &'static str {
        match self {
            StrictProblem::ShortHmacKey { .. } => "short-secret",
            StrictProblem::WeakRsaKey { .. } => "weak-rsa",
            StrictProblem::RocaKey => "roca-key",
            StrictProblem::NonCanonicalBase64 { .. } => "non-canonical-base64url",
            StrictProblem::InnerWhitespace => "inner-whitespace",
            StrictProblem::KeyUse { .. } => "jwk-use",
            StrictProblem::KeyOps { .. } => "jwk-key-ops",
            StrictProblem::KeyAlg { .. } => "jwk-alg",
            StrictProblem::CritUnknown { .. } => "crit-unknown",
            StrictProblem::CritMalformed { .. } => "crit-malformed",
            StrictProblem::B64NotCritical => "b64-not-critical",
            StrictProblem::DuplicateKid { .. } => "duplicate-kid",
            StrictProblem::MixedKeySet => "mixed-key-set",
            StrictProblem::KeyFromToken { .. } => "key-from-token",
            StrictProblem::ChainNotTrusted { .. } => "chain-not-trusted",
        }
    }
}

impl fmt::Display for StrictProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StrictProblem::ShortHmacKey { bytes, needed } => write!(
                f,
                "The secret is {bytes} bytes; this algorithm needs at least {needed} (RFC 7518 §3.2), so it may be guessable."
            ),
            StrictProblem::WeakRsaKey { bits } => write!(
                f,
                "The RSA key has {bits} bits; at least 2048 are required (RFC 7518 §3.3)."
            ),
            StrictProblem::RocaKey => write!(
                f,
                "The RSA key has the ROCA fingerprint (CVE-2017-15361): its private key can be computed."
            ),
            StrictProblem::NonCanonicalBase64 { part } => write!(
                f,
                "The {} is not canonical base64url (padding or non-zero trailing bits); RFC 7515 §2 forbids both.",
                part.as_str()
            ),
            StrictProblem::InnerWhitespace => write!(
                f,
                "Whitespace inside the token was removed to decode it; the token as sent is not valid."
            ),
            StrictProblem::KeyUse { key_use } => write!(
                f,
                "The key's \"use\" is {key_use:?}, not \"sig\": it is not meant for signatures."
            ),
            StrictProblem::KeyOps { ops } => write!(
                f,
                "The key's \"key_ops\" {ops:?} does not include \"verify\"."
            ),
            StrictProblem::KeyAlg { key_alg, token_alg } => write!(
                f,
                "The key is for alg {key_alg:?}, but the token uses {token_alg}."
            ),
            StrictProblem::CritUnknown { names } => write!(
                f,
                "\"crit\" requires extensions this verifier does not understand: {names:?} (RFC 7515 §4.1.11)."
            ),
            StrictProblem::CritMalformed { detail } => {
                write!(f, "\"crit\" is malformed: {detail} (RFC 7515 §4.1.11).")
            }
            StrictProblem::B64NotCritical => write!(
                f,
                "\"b64\": false is not listed in \"crit\", so other verifiers read the payload differently (RFC 7797 §6)."
            ),
            StrictProblem::DuplicateKid { kid } => write!(
                f,
                "Several keys in the set have kid {kid:?}, so which key is meant is ambiguous."
            ),
            StrictProblem::MixedKeySet => write!(
                f,
                "The key set mixes secrets with public keys, which invites algorithm-confusion attacks."
            ),
            StrictProblem::ChainNotTrusted { reason } => write!(
                f,
                "The key that verified is the leaf of the token's own \"x5c\" chain, and the chain does not reach your trust anchor: {reason}."
            ),
            StrictProblem::KeyFromToken { parameter: "x5c" } => write!(
                f,
                "The key that verified is the first certificate of the token's own \"x5c\" chain. Unless the chain reaches a root you trust (paste that root CA certificate into the key box to check it), whoever made the token chose the key and the signature proves nothing."
            ),
            StrictProblem::KeyFromToken { parameter } => write!(
                f,
                "The key that verified is the one in the token's own \"{parameter}\" header: whoever made the token chose it, so the signature proves nothing (CVE-2018-0114)."
            ),
        }
    }
}

/// Every reason to refuse a token whose signature matched key `index` of `keys`.
pub fn check(
    decoded: &Decoded,
    removed: &[Removed],
    alg: Alg,
    keys: &KeySet,
    index: usize,
) -> Vec<StrictProblem> {
    let mut problems = Vec::new();
    if removed.contains(&Removed::InnerWhitespace) {
        problems.push(StrictProblem::InnerWhitespace);
    }
    for part in &decoded.non_canonical {
        problems.push(StrictProblem::NonCanonicalBase64 { part: *part });
    }
    let carried = match &decoded.header {
        Ok(header) => {
            problems.extend(crit_problems(&header.json));
            embedded_keys(&header.json)
        }
        Err(_) => Vec::new(),
    };
    if let Some(entry) = keys.entries.get(index) {
        if let Some(key) = carried
            .iter()
            .find(|key| key.thumbprint() == Some(entry.meta.thumbprint.as_str()))
        {
            problems.push(StrictProblem::KeyFromToken {
                parameter: key.parameter(),
            });
        }
        problems.extend(key_problems(&entry.key, alg));
        if entry.roca_fingerprint {
            problems.push(StrictProblem::RocaKey);
        }
        let meta = &entry.meta;
        if let Some(key_use) = meta.key_use.as_ref().filter(|u| *u != "sig") {
            problems.push(StrictProblem::KeyUse {
                key_use: key_use.clone(),
            });
        }
        if let Some(ops) = meta
            .key_ops
            .as_ref()
            .filter(|ops| !ops.iter().any(|op| op == "verify"))
        {
            problems.push(StrictProblem::KeyOps { ops: ops.clone() });
        }
        if let Some(key_alg) = meta.alg.as_ref().filter(|a| *a != alg.name()) {
            problems.push(StrictProblem::KeyAlg {
                key_alg: key_alg.clone(),
                token_alg: alg.name(),
            });
        }
        if let Some(kid) = &meta.kid {
            if keys.kids.iter().filter(|other| *other == kid).count() > 1 {
                problems.push(StrictProblem::DuplicateKid { kid: kid.clone() });
            }
        }
    }
    let symmetric = keys.entries.iter().filter(|e| e.key.is_symmetric()).count();
    if symmetric > 0 && symmetric < keys.entries.len() {
        problems.push(StrictProblem::MixedKeySet);
    }
    problems
}

impl From<Weakness> for StrictProblem {
    fn from(weakness: Weakness) -> StrictProblem {
        match weakness {
            Weakness::ShortSecret { bytes, needed } => {
                StrictProblem::ShortHmacKey { bytes, needed }
            }
            Weakness::WeakRsa { bits } => StrictProblem::WeakRsaKey { bits },
        }
    }
}

fn key_problems(key: &Key, alg: Alg) -> Vec<StrictProblem> {
    match key {
        Key::Secret(secret) => policy::short_secret(alg, secret.len())
            .map(StrictProblem::from)
            .into_iter()
            .collect(),
        Key::Rsa(key) => policy::weak_rsa(rsa_key::modulus_bits(key))
            .map(StrictProblem::from)
            .into_iter()
            .collect(),
        Key::Ec(_) | Key::Ed25519(_) | Key::Ed448(_) | Key::MlDsa(_) => Vec::new(),
    }
}

pub(crate) fn crit_problems(header: &serde_json::Map<String, Value>) -> Vec<StrictProblem> {
    let mut problems = Vec::new();
    let crit = header.get("crit");
    let unencoded = header.get("b64") == Some(&Value::Bool(false));
    let lists_b64 = crit
        .and_then(Value::as_array)
        .is_some_and(|names| names.iter().any(|name| name == "b64"));
    if unencoded && !lists_b64 {
        problems.push(StrictProblem::B64NotCritical);
    }
    let Some(crit) = crit else {
        return problems;
    };
    let malformed = |detail: &str| StrictProblem::CritMalformed {
        detail: detail.to_owned(),
    };
    let Some(names) = crit.as_array().filter(|names| !names.is_empty()) else {
        problems.push(malformed("it must be a non-empty array"));
        return problems;
    };
    let mut unknown = Vec::new();
    for name in names {
        let Some(name) = name.as_str() else {
            problems.push(malformed("it holds a value that is not a string"));
            continue;
        };
        if REGISTERED_HEADER_NAMES.contains(&name) {
            problems.push(malformed(&format!(
                "it lists {name:?}, a registered header parameter"
            )));
        } else if !header.contains_key(name) {
            problems.push(malformed(&format!(
                "it lists {name:?}, which the header does not have"
            )));
        } else if !UNDERSTOOD_EXTENSIONS.contains(&name) {
            unknown.push(name.to_owned());
        }
    }
    if !unknown.is_empty() {
        problems.push(StrictProblem::CritUnknown { names: unknown });
    }
    problems
}
