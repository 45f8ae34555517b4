//! Why a signature failed: when a token does not verify, what would have made it match, found
//! by trying the mistakes people make (a secret read in the wrong encoding or with a stray
//! newline, another key of the set, another algorithm of the family, a DER-encoded ECDSA
//! signature, standard base64 for base64url) without changing the verdict. It runs in the
//! worker, with RustCrypto, and stops at the first match of each kind.

use super::alg::{Alg, Family, Hash};
use super::error::{Error, Part};
use super::input::clean;
use super::key::{self, rsa_key, Key, KeySet, Secret, SecretEncoding};
use super::sd_jwt::{looks_like_sd_jwt, SEPARATOR};
use super::status::{Status, Verification};
use super::token::{decode, HeaderAlg};
use super::{ecdsa, hmac, verify};

/// A kind of diagnosis; `as_str` is the page's `data-code` contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosisCode {
    SecretEncoding,
    SecretWhitespace,
    OtherKey,
    KidMismatch,
    OtherAlg,
    EcdsaDer,
    Base64NotUrl,
    SignatureLength,
    NothingFound,
}

impl DiagnosisCode {
    pub const ALL: [DiagnosisCode; 9] = [
        DiagnosisCode::SecretEncoding,
        DiagnosisCode::SecretWhitespace,
        DiagnosisCode::OtherKey,
        DiagnosisCode::KidMismatch,
        DiagnosisCode::OtherAlg,
        DiagnosisCode::EcdsaDer,
        DiagnosisCode::Base64NotUrl,
        DiagnosisCode::SignatureLength,
        DiagnosisCode::NothingFound,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosisCode::SecretEncoding => "secret-encoding",
            DiagnosisCode::SecretWhitespace => "secret-whitespace",
            DiagnosisCode::OtherKey => "other-key",
            DiagnosisCode::KidMismatch => "kid-mismatch",
            DiagnosisCode::OtherAlg => "other-alg",
            DiagnosisCode::EcdsaDer => "ecdsa-der",
            DiagnosisCode::Base64NotUrl => "base64-not-url",
            DiagnosisCode::SignatureLength => "signature-length",
            DiagnosisCode::NothingFound => "nothing-found",
        }
    }

    pub fn from_name(name: &str) -> Option<DiagnosisCode> {
        DiagnosisCode::ALL
            .into_iter()
            .find(|code| code.as_str() == name)
    }
}

/// One thing found, in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub code: DiagnosisCode,
    pub detail: String,
}

impl Diagnosis {
    fn new(code: DiagnosisCode, detail: String) -> Diagnosis {
        Diagnosis { code, detail }
    }
}

/// Whether a verdict is one a diagnosis can explain: a signature that does not match, a `kid`
/// no key of the set has, or a signature that is not base64url.
pub fn worth_diagnosing(verification: &Verification) -> bool {
    matches!(
        (verification.status, &verification.reason),
        (Status::Invalid, _)
            | (Status::KeyError, Some(Error::NoKeyWithKid { .. }))
            | (
                Status::Malformed,
                Some(Error::Base64 {
                    part: Part::Signature,
                    ..
                })
            )
    )
}

/// What failed and what was tried; `None` when there is nothing to diagnose (the token
/// verifies as it is, or it is not a signed token with a key to try).
pub fn diagnose(token: &str, key_text: &str, encoding: SecretEncoding) -> Option<Vec<Diagnosis>> {
    let cleaned = clean(token);
    // An SD-JWT's verdict is its issuer JWT's.
    let token = match looks_like_sd_jwt(&cleaned.token) {
        true => cleaned.token.split(SEPARATOR).next().unwrap_or_default(),
        false => &cleaned.token,
    };
    let decoded = decode(token);
    let header = decoded.header.as_ref().ok()?;
    let HeaderAlg::Known(alg) = header.alg() else {
        return None;
    };
    let input = decoded.signing_input()?;
    let segment = decoded.segment(2)?;
    let (signature, standard_base64) = match &decoded.signature {
        Some(Ok(bytes)) => (bytes.clone(), false),
        _ => (read_standard_base64(segment)?, true),
    };
    let keys = key::parse(key_text, encoding).ok();
    let token = Token {
        alg,
        input,
        signature: &signature,
        kid: header.kid(),
    };
    if !standard_base64
        && keys
            .as_ref()
            .is_some_and(|keys| token.verifies_with_set(keys))
    {
        return None;
    }
    let mut found = Vec::new();
    let mut tried = Vec::new();
    if standard_base64 {
        tried.push("the signature read as standard base64");
        if keys.as_ref().is_some_and(|keys| token.verifies_any(keys)) {
            found.push(Diagnosis::new(
                DiagnosisCode::Base64NotUrl,
                "The signature is written in standard base64 (with + / or = padding), not base64url; read as base64 it matches. JWS needs base64url without padding (RFC 7515 §2).".to_owned(),
            ));
        }
    }
    // The key is right and only the signature's alphabet is wrong: that is the whole story.
    if !found.is_empty() {
        return Some(found);
    }
    if alg.family() == Family::Hmac {
        tried.push(
            "the secret in every encoding, trimmed, with and without a final newline or quotes",
        );
        found.extend(secret_encoding(&token, key_text, encoding));
        found.extend(secret_whitespace(&token, key_text, encoding));
    }
    if let Some(keys) = &keys {
        tried.push("every key of the key box, whatever its kid");
        found.extend(other_key(&token, keys));
        tried.push("the other algorithms of the family with the same key");
        found.extend(other_alg(&token, keys));
        if alg.family() == Family::Ecdsa {
            tried.push("the signature read as DER");
            found.extend(ecdsa_der(&token, keys));
        }
        if found.is_empty() {
            found.extend(signature_length(&token, keys));
        }
    }
    if found.is_empty() {
        let what = match tried.is_empty() {
            true => "no key to try".to_owned(),
            false => tried.join("; "),
        };
        found.push(Diagnosis::new(
            DiagnosisCode::NothingFound,
            format!("Nothing else made it match, so the key is most likely not the one that signed it. Tried: {what}."),
        ));
    }
    Some(found)
}

/// The parts of the token the candidate checks need.
struct Token<'a> {
    alg: Alg,
    input: &'a [u8],
    signature: &'a [u8],
    kid: Option<&'a str>,
}

impl Token<'_> {
    /// Whether the key box verifies it as the page checks it (by kid, then type).
    fn verifies_with_set(&self, keys: &KeySet) -> bool {
        let signed = verify::Signed {
            alg: self.alg,
            signing_input: self.input,
            signature: self.signature,
            kid: self.kid,
        };
        matches!(
            verify::verify(&signed, keys),
            Ok(verify::Outcome::Verified { .. })
        )
    }

    /// Whether any key of the box verifies it, whatever the kid.
    fn verifies_any(&self, keys: &KeySet) -> bool {
        self.verifies_with_set(keys) || self.first_verifying(keys).is_some()
    }

    fn first_verifying(&self, keys: &KeySet) -> Option<usize> {
        keys.entries.iter().position(|entry| {
            entry.key.fits(self.alg)
                && verify::check(self.alg, &entry.key, self.input, self.signature)
        })
    }

    fn hmac_matches(&self, secret: &[u8], hash: Hash) -> bool {
        !secret.is_empty() && hmac::verify(hash, secret, self.input, self.signature)
    }
}

fn read_standard_base64(segment: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let looks_standard = segment.contains(['+', '/', '=']);
    looks_standard
        .then(|| {
            base64::engine::general_purpose::STANDARD
                .decode(segment)
                .ok()
        })
        .flatten()
}

fn secret_encoding(token: &Token<'_>, text: &str, chosen: SecretEncoding) -> Option<Diagnosis> {
    let hash = token.alg.hash()?;
    SecretEncoding::ALL
        .into_iter()
        .filter(|encoding| *encoding != chosen)
        .find(|encoding| {
            Secret::decode(text, *encoding)
                .is_ok_and(|secret| token.hmac_matches(secret.bytes(), hash))
        })
        .map(|encoding| {
            Diagnosis::new(
                DiagnosisCode::SecretEncoding,
                format!(
                    "The secret matches when read as {} (the key box reads it as {}): choose {} in the secret's encoding.",
                    encoding.label(),
                    chosen.label(),
                    encoding.label()
                ),
            )
        })
}

fn secret_whitespace(token: &Token<'_>, text: &str, encoding: SecretEncoding) -> Option<Diagnosis> {
    let hash = token.alg.hash()?;
    let unquoted = ['"', '\'']
        .into_iter()
        .find_map(|quote| text.trim().strip_prefix(quote)?.strip_suffix(quote));
    let variants: [(Option<String>, &str); 6] = [
        (
            Some(text.trim().to_owned()),
            "without the whitespace around it",
        ),
        (
            text.strip_suffix('\n')
                .map(|t| t.trim_end_matches('\r').to_owned()),
            "without its final newline",
        ),
        (
            Some(format!("{text}\n")),
            "with a final newline (as `echo` writes it to a file)",
        ),
        (
            Some(format!("{}\r\n", text.trim_end())),
            "with a final CR LF",
        ),
        (unquoted.map(str::to_owned), "without the quotes around it"),
        (
            Some(format!("\"{}\"", text.trim())),
            "with quotes around it (a JSON string copied whole)",
        ),
    ];
    // base64 and hex ignore whitespace: a variant that reads as the same bytes is no news.
    let original = Secret::decode(text, encoding).ok();
    variants
        .into_iter()
        .filter_map(|(variant, words)| Some((variant?, words)))
        .filter(|(variant, _)| variant != text)
        .find(|(variant, _)| {
            [encoding, SecretEncoding::Utf8].into_iter().any(|encoding| {
                Secret::decode(variant, encoding).is_ok_and(|secret| {
                    original.as_ref() != Some(&secret) && token.hmac_matches(secret.bytes(), hash)
                })
            })
        })
        .map(|(_, words)| {
            Diagnosis::new(
                DiagnosisCode::SecretWhitespace,
                format!("The secret matches {words}: the signer's secret differs from the key box's by that."),
            )
        })
}

fn other_key(token: &Token<'_>, keys: &KeySet) -> Option<Diagnosis> {
    if !keys.is_set() {
        return None;
    }
    let index = token.first_verifying(keys)?;
    let entry = keys.entries.get(index)?;
    let named = |kid: &Option<String>| match kid {
        Some(kid) => format!("key {} (kid {kid:?})", index + 1),
        None => format!("key {} (no kid)", index + 1),
    };
    let kid_known = token.kid.is_some_and(|kid| {
        keys.entries
            .iter()
            .any(|entry| entry.meta.kid.as_deref() == Some(kid))
    });
    let diagnosis = match token.kid {
        Some(kid) if !kid_known => Diagnosis::new(
            DiagnosisCode::KidMismatch,
            format!(
                "The token's kid {kid:?} is in no key of the set, but {} verifies it: the issuer rotated its key, or the kid is written differently.",
                named(&entry.meta.kid)
            ),
        ),
        Some(kid) => Diagnosis::new(
            DiagnosisCode::OtherKey,
            format!(
                "The token's kid {kid:?} names another key, but {} verifies it: the signer used one key and named another.",
                named(&entry.meta.kid)
            ),
        ),
        None => return None,
    };
    Some(diagnosis)
}

/// The algorithms a key could have been used with instead of the header's.
fn family_alternatives(alg: Alg) -> Vec<Alg> {
    let related = |other: Alg| {
        matches!(
            (alg.family(), other.family()),
            (Family::Hmac, Family::Hmac)
                | (
                    Family::RsaPkcs1 | Family::RsaPss,
                    Family::RsaPkcs1 | Family::RsaPss
                )
        )
    };
    Alg::ALL
        .into_iter()
        .filter(|other| *other != alg && related(*other))
        .collect()
}

fn other_alg(token: &Token<'_>, keys: &KeySet) -> Option<Diagnosis> {
    for entry in &keys.entries {
        for other in family_alternatives(token.alg) {
            if entry.key.fits(other)
                && verify::check(other, &entry.key, token.input, token.signature)
            {
                return Some(Diagnosis::new(
                    DiagnosisCode::OtherAlg,
                    format!(
                        "It was signed with {} though the header says {}: with the same key it matches as {}.",
                        other.name(),
                        token.alg.name(),
                        other.name()
                    ),
                ));
            }
        }
        // ECDSA: the right curve, another hash (a signer configured with the wrong one).
        if let (Family::Ecdsa, Key::Ec(key)) = (token.alg.family(), &entry.key) {
            if !entry.key.fits(token.alg) {
                continue;
            }
            let own = token.alg.hash();
            if let Some(hash) = Hash::ALL
                .into_iter()
                .filter(|hash| Some(*hash) != own)
                .find(|hash| ecdsa::verify(*hash, key, token.input, token.signature))
            {
                return Some(Diagnosis::new(
                    DiagnosisCode::OtherAlg,
                    format!(
                        "The signature was made over a {} hash though {} uses {}: the signer's hash setting is wrong.",
                        hash.webcrypto_name(),
                        token.alg.name(),
                        own.map_or("another", Hash::webcrypto_name)
                    ),
                ));
            }
        }
    }
    None
}

fn ecdsa_der(token: &Token<'_>, keys: &KeySet) -> Option<Diagnosis> {
    let fixed = keys.entries.iter().find_map(|entry| match &entry.key {
        Key::Ec(key) if entry.key.fits(token.alg) => {
            let fixed = ecdsa::der_to_fixed(key, token.signature)?;
            verify::check(token.alg, &entry.key, token.input, &fixed).then_some(fixed)
        }
        _ => None,
    })?;
    Some(Diagnosis::new(
        DiagnosisCode::EcdsaDer,
        format!(
            "The signature is DER-encoded ({} bytes), as OpenSSL and Java write ECDSA signatures; JWS needs the fixed-length r‖s form (RFC 7518 §3.4, {} bytes here). Converted, it matches.",
            token.signature.len(),
            fixed.len()
        ),
    ))
}

fn signature_length(token: &Token<'_>, keys: &KeySet) -> Option<Diagnosis> {
    let entry = keys
        .entries
        .iter()
        .find(|entry| entry.key.fits(token.alg))?;
    let expected = match &entry.key {
        Key::Secret(_) => token.alg.hash()?.output_len(),
        Key::Rsa(key) => rsa_key::modulus_bits(key).div_ceil(8),
        Key::Ec(key) => 2 * key.curve().coordinate_len(),
        Key::Ed25519(_) => 64,
        Key::MlDsa(key) => key.set().signature_len(),
        Key::Ed448(_) => 114,
    };
    let found = token.signature.len();
    (found != expected).then(|| {
        Diagnosis::new(
            DiagnosisCode::SignatureLength,
            format!(
                "The signature is {found} bytes, but {} with this key makes {expected}: it was made with another key size or algorithm, or cut or padded on the way.",
                token.alg.name()
            ),
        )
    })
}
