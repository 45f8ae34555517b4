//! The key binding JWT (RFC 9901 §4.3, §7.3): a JWS by the holder, `typ` `kb+jwt`, with `iat`,
//! `aud`, `nonce` and `sd_hash` (the hash of the presentation up to its last `~`), signed with
//! the key in the issuer payload's `cnf.jwk`, never the key box's.

use std::ops::Range;
use std::rc::Rc;

use serde_json::Value;

use super::HashAlg;
use crate::jose::error::Error;
use crate::jose::inspection::PlatformCheck;
use crate::jose::key::{jwk, KeyFormat, KeySet};
use crate::jose::platform::decide_here;
use crate::jose::status::{Status, Verification};
use crate::jose::token::{decode, Decoded, Form};

/// The key binding verdict; `code()` is the page's contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KbStatus {
    /// The KB-JWT is well formed, its `sd_hash` matches and `cnf.jwk` verified its signature.
    Valid,
    /// The signature does not match the `cnf.jwk` key.
    Invalid,
    /// The issuer payload has `cnf` but the presentation has no KB-JWT.
    Missing,
    /// Neither `cnf` nor a KB-JWT: the SD-JWT is not key bound.
    NotRequired,
    /// A KB-JWT, but the issuer payload has no `cnf.jwk` to check it with.
    NoCnf,
    /// `cnf.jwk` is not a key this page can verify with.
    BadCnfKey(Error),
    /// The KB-JWT is not a decodable compact JWS.
    Malformed(Error),
    /// The header's `typ` is not `kb+jwt`.
    BadTyp,
    /// `iat`, `aud`, `nonce` or `sd_hash` is missing or of the wrong type.
    MissingClaims(Vec<&'static str>),
    /// `sd_hash` is not the hash of this presentation: the KB-JWT was made for another one.
    SdHashMismatch,
    /// `_sd_alg` is unsupported, so `sd_hash` cannot be computed.
    UnsupportedHash,
    /// The signature cannot be checked (`alg` none or unknown, a key the check refused …).
    Unverifiable(Option<Error>),
    /// The signature check runs on the platform (WebCrypto): see `KeyBindingJwt::platform_check`.
    Pending,
}

impl KbStatus {
    /// A short stable code.
    pub fn code(&self) -> &'static str {
        match self {
            KbStatus::Valid => "valid",
            KbStatus::Invalid => "invalid",
            KbStatus::Missing => "missing",
            KbStatus::NotRequired => "not-required",
            KbStatus::NoCnf => "no-cnf",
            KbStatus::BadCnfKey(_) => "bad-cnf-key",
            KbStatus::Malformed(_) => "malformed",
            KbStatus::BadTyp => "bad-typ",
            KbStatus::MissingClaims(_) => "missing-claims",
            KbStatus::SdHashMismatch => "sd-hash-mismatch",
            KbStatus::UnsupportedHash => "unsupported-hash",
            KbStatus::Unverifiable(_) => "unverifiable",
            KbStatus::Pending => "pending",
        }
    }
}

/// A problem of a KB-JWT; all are listed, while the status gives the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KbProblem {
    BadTyp { found: Option<String> },
    MissingClaim { name: &'static str },
    SdHashMismatch { expected: String, found: String },
}

/// The KB-JWT as received.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyBindingJwt {
    /// Its byte range in the presentation.
    pub range: Range<usize>,
    /// Decoded as any JWS, for the page's cards and the platform check.
    pub decoded: Rc<Decoded>,
    /// The holder key from `cnf.jwk` as a set of one; `None` without `cnf.jwk`.
    pub keys: Option<Rc<Result<KeySet, Error>>>,
    /// The `sd_hash` this presentation has (base64url of the hash of the text up to the last
    /// `~`); `None` when `_sd_alg` is unsupported.
    pub expected_sd_hash: Option<String>,
    /// The structural problems (typ, claims, sd_hash).
    pub problems: Vec<KbProblem>,
    /// The signature verdict, once known.
    pub signature: Option<Verification>,
}

impl KeyBindingJwt {
    /// The KB-JWT's claims.
    pub fn claims(&self) -> Option<&serde_json::Map<String, Value>> {
        self.decoded.claims()
    }

    /// The check the page runs on the platform when the signature is not decided here.
    pub fn platform_check(&self) -> Option<PlatformCheck> {
        if self.signature.is_some() {
            return None;
        }
        Some(PlatformCheck {
            decoded: Rc::clone(&self.decoded),
            removed: Vec::new(),
            keys: Rc::clone(self.keys.as_ref()?),
        })
    }
}

/// The key binding: the KB-JWT if any, and its status.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyBinding {
    pub jwt: Option<KeyBindingJwt>,
    pub status: KbStatus,
}

impl KeyBinding {
    /// Reads the KB-JWT (its text and range), checking it against `hashed` (the presentation up
    /// to and including the last `~`) and the issuer payload's `cnf`; the signature is decided
    /// here when it can be, and is otherwise left `Pending` for the platform.
    pub fn read(
        kb: Option<(&str, Range<usize>)>,
        hashed: &str,
        hash: Option<HashAlg>,
        cnf: Option<&Value>,
    ) -> KeyBinding {
        let Some((text, range)) = kb else {
            let status = match cnf {
                Some(_) => KbStatus::Missing,
                None => KbStatus::NotRequired,
            };
            return KeyBinding { jwt: None, status };
        };
        let decoded = decode(text);
        let cnf_jwk = cnf.and_then(|cnf| cnf.get("jwk"));
        let keys = cnf_jwk.map(|key| {
            Rc::new(match key.as_object() {
                Some(object) => jwk::parse_jwk(object).map(one_key),
                None => Err(Error::KeyFormat {
                    format: "cnf.jwk",
                    detail: "it is not a JSON object".to_owned(),
                }),
            })
        });
        let expected_sd_hash = hash.map(|hash| hash.digest_text(hashed));
        let problems = structural_problems(&decoded, expected_sd_hash.as_deref());
        let mut jwt = KeyBindingJwt {
            range,
            decoded: Rc::new(decoded),
            keys,
            expected_sd_hash,
            problems,
            signature: None,
        };
        if let Some(keys) = &jwt.keys {
            if keys.is_ok() {
                jwt.signature = decide_here(Some(&jwt.decoded), &[], Some(keys));
            }
        }
        let mut binding = KeyBinding {
            status: KbStatus::Pending,
            jwt: Some(jwt),
        };
        binding.status = binding.judge();
        binding
    }

    /// Records the signature verdict reached on the platform, and re-judges.
    pub fn settle(&mut self, verification: Verification) {
        if let Some(jwt) = &mut self.jwt {
            jwt.signature = Some(verification);
        }
        self.status = self.judge();
    }

    fn judge(&self) -> KbStatus {
        let Some(jwt) = &self.jwt else {
            return self.status.clone();
        };
        match (&jwt.decoded.form, jwt.decoded.errors().first()) {
            (Ok(Form::Jwe), _) => return KbStatus::Malformed(Error::EncryptedToken),
            (_, Some(err)) => return KbStatus::Malformed((*err).clone()),
            _ => {}
        }
        match jwt.keys.as_deref() {
            None => return KbStatus::NoCnf,
            Some(Err(err)) => return KbStatus::BadCnfKey(err.clone()),
            Some(Ok(_)) => {}
        }
        let missing: Vec<&'static str> = jwt
            .problems
            .iter()
            .filter_map(|problem| match problem {
                KbProblem::MissingClaim { name } => Some(*name),
                _ => None,
            })
            .collect();
        if jwt
            .problems
            .iter()
            .any(|p| matches!(p, KbProblem::BadTyp { .. }))
        {
            return KbStatus::BadTyp;
        }
        if jwt.expected_sd_hash.is_none() {
            return KbStatus::UnsupportedHash;
        }
        if jwt
            .problems
            .iter()
            .any(|p| matches!(p, KbProblem::SdHashMismatch { .. }))
        {
            return KbStatus::SdHashMismatch;
        }
        if !missing.is_empty() {
            return KbStatus::MissingClaims(missing);
        }
        match &jwt.signature {
            None => KbStatus::Pending,
            Some(verification) => match verification.status {
                Status::Valid => KbStatus::Valid,
                Status::Invalid => KbStatus::Invalid,
                Status::Pending => KbStatus::Pending,
                _ => KbStatus::Unverifiable(verification.reason.clone()),
            },
        }
    }
}

fn one_key(entry: crate::jose::key::KeyEntry) -> KeySet {
    KeySet {
        format: KeyFormat::Jwk,
        kids: entry.meta.kid.iter().cloned().collect(),
        entries: vec![entry],
        skipped: Vec::new(),
        anchors: Vec::new(),
    }
}

/// Whether a claim's value has the type the KB-JWT needs.
type ClaimCheck = fn(&Value) -> bool;

fn structural_problems(decoded: &Decoded, expected_sd_hash: Option<&str>) -> Vec<KbProblem> {
    let mut problems = Vec::new();
    let typ = decoded
        .header
        .as_ref()
        .ok()
        .and_then(|header| header.json.get("typ"))
        .and_then(Value::as_str);
    if typ != Some("kb+jwt") {
        problems.push(KbProblem::BadTyp {
            found: typ.map(str::to_owned),
        });
    }
    let claims = decoded.claims();
    let claim = |name: &str| claims.and_then(|claims| claims.get(name));
    let checks: [(&'static str, ClaimCheck); 4] = [
        ("iat", Value::is_number),
        ("aud", |v| v.is_string() || v.is_array()),
        ("nonce", Value::is_string),
        ("sd_hash", Value::is_string),
    ];
    for (name, fits) in checks {
        if !claim(name).is_some_and(fits) {
            problems.push(KbProblem::MissingClaim { name });
        }
    }
    if let (Some(expected), Some(found)) =
        (expected_sd_hash, claim("sd_hash").and_then(Value::as_str))
    {
        if expected != found {
            problems.push(KbProblem::SdHashMismatch {
                expected: expected.to_owned(),
                found: found.to_owned(),
            });
        }
    }
    problems
}

/// What a verifier expects the KB-JWT's `aud` and `nonce` to be (RFC 9901 §7.3, step 5d: the
/// binding is to this verifier and this transaction); an empty value is not checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectation {
    pub aud: String,
    pub nonce: String,
}

/// How a KB-JWT claim compares with what the verifier expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimMatch {
    /// Nothing expected: not checked.
    Unchecked,
    Matches,
    /// The claim differs (its value as JSON), or is absent.
    Differs {
        found: Option<String>,
    },
}

impl ClaimMatch {
    /// The page's `data-result`.
    pub fn code(&self) -> &'static str {
        match self {
            ClaimMatch::Unchecked => "unchecked",
            ClaimMatch::Matches => "match",
            ClaimMatch::Differs { .. } => "mismatch",
        }
    }
}

impl KeyBindingJwt {
    /// `aud` and `nonce` against what the verifier expects, in that order. An `aud` array
    /// matches when it holds the expected audience (RFC 7519 §4.1.3).
    pub fn against(&self, expected: &Expectation) -> [(&'static str, ClaimMatch); 2] {
        let claim = |name: &str| self.claims().and_then(|claims| claims.get(name));
        let judge = |name: &'static str, wanted: &str| {
            let found = claim(name);
            let matches = match found {
                Some(Value::String(text)) => text == wanted,
                Some(Value::Array(items)) if name == "aud" => {
                    items.iter().any(|item| item.as_str() == Some(wanted))
                }
                _ => false,
            };
            let result = match (wanted.is_empty(), matches) {
                (true, _) => ClaimMatch::Unchecked,
                (false, true) => ClaimMatch::Matches,
                (false, false) => ClaimMatch::Differs {
                    found: found.map(Value::to_string),
                },
            };
            (name, result)
        };
        [judge("aud", &expected.aud), judge("nonce", &expected.nonce)]
    }
}
