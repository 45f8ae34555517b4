//! Signature verification over the received `header.payload` bytes, choosing the key by `kid`
//! and type.

use super::alg::{Alg, Curve, Family, PlatformAlg};
use super::error::Error;
use super::key::{needed_for, EcKey, Key, KeySet};
use super::token::{Decoded, Form, HeaderAlg};
use super::{ecdsa, eddsa, hmac, mldsa, rsa};

/// Everything a signature check needs from a token, taken from the received text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signed<'a> {
    pub alg: Alg,
    pub signing_input: &'a [u8],
    pub signature: &'a [u8],
    pub kid: Option<&'a str>,
}

/// The result of a check that could run: a mismatch is a verdict, not an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The key at this index of the key input verified the signature.
    Verified { index: usize },
    /// None of the `tried` candidate keys verified it.
    Mismatch { tried: usize },
    /// No key verified it, and some could not be checked at all (no runner for them).
    Unchecked { tried: usize },
}

/// Takes what a check needs from a decoded token, or says why the token cannot be checked.
pub fn prepare(decoded: &Decoded) -> Result<Signed<'_>, Error> {
    match &decoded.form {
        Ok(Form::Jws) => {}
        Ok(Form::Jwe) => return Err(Error::EncryptedToken),
        Err(err) => return Err(err.clone()),
    }
    let header = decoded.header.as_ref().map_err(Clone::clone)?;
    let alg = match header.alg() {
        HeaderAlg::Known(Alg::None) => return Err(Error::AlgNone),
        HeaderAlg::Known(alg) => alg,
        HeaderAlg::Unknown(alg) => return Err(Error::UnsupportedAlg { alg }),
        HeaderAlg::Missing => return Err(Error::MissingAlg),
    };
    // The payload must be decodable; whether it is JSON does not matter to the signature.
    if let Some(Err(err)) = &decoded.payload {
        return Err(err.clone());
    }
    let segment_count = || Error::SegmentCount {
        found: decoded.segments.len(),
    };
    let signature = match &decoded.signature {
        Some(Ok(bytes)) => bytes.as_slice(),
        Some(Err(err)) => return Err(err.clone()),
        None => return Err(segment_count()),
    };
    let signing_input = decoded.signing_input().ok_or_else(segment_count)?;
    Ok(Signed {
        alg,
        signing_input,
        signature,
        kid: header.kid(),
    })
}

/// Checks one signature with one key; `false` when the key does not fit the algorithm. What
/// `check_here` cannot run (RSA, the NIST curves, Ed448) runs here with RustCrypto.
pub fn check(alg: Alg, key: &Key, input: &[u8], signature: &[u8]) -> bool {
    if let Some(verdict) = check_here(alg, key, input, signature) {
        return verdict;
    }
    match (alg.family(), alg.hash(), key) {
        (Family::RsaPkcs1, Some(hash), Key::Rsa(key)) => key
            .to_public_key()
            .is_ok_and(|key| rsa::verify_pkcs1(hash, &key, input, signature)),
        (Family::RsaPss, Some(hash), Key::Rsa(key)) => key
            .to_public_key()
            .is_ok_and(|key| rsa::verify_pss(hash, &key, input, signature)),
        (Family::Ecdsa, Some(hash), Key::Ec(key)) => {
            alg.curve() == Some(key.curve()) && ecdsa::verify(hash, key, input, signature)
        }
        (Family::MlDsa(set), _, Key::MlDsa(key)) => {
            key.set() == set && mldsa::verify(key, input, signature)
        }
        (Family::EdDsa, _, Key::Ed448(key)) => {
            alg.accepts_curve(Curve::Ed448) && eddsa::verify_ed448(key, input, signature)
        }
        // `check_here` answered every other pairing.
        _ => false,
    }
}

/// Checks what runs in the page itself (HMAC, Ed25519, ES256K); `None` for RSA and the NIST
/// curves, which WebCrypto or the worker run, and for ML-DSA and Ed448, which the worker runs,
/// so the page does not carry their code.
pub fn check_here(alg: Alg, key: &Key, input: &[u8], signature: &[u8]) -> Option<bool> {
    match (alg.family(), alg.hash(), key) {
        (Family::Hmac, Some(hash), Key::Secret(secret)) => {
            Some(hmac::verify(hash, secret.bytes(), input, signature))
        }
        (Family::Ecdsa, Some(hash), Key::Ec(EcKey::K256(key))) => Some(
            alg.curve() == Some(Curve::Secp256k1)
                && ecdsa::verify_k256(hash, key, input, signature),
        ),
        (Family::EdDsa, _, Key::Ed25519(key)) => {
            Some(alg.accepts_curve(Curve::Ed25519) && eddsa::verify(key, input, signature))
        }
        (Family::EdDsa, _, Key::Ed448(_)) if alg.accepts_curve(Curve::Ed448) => None,
        (Family::RsaPkcs1 | Family::RsaPss, _, Key::Rsa(_))
        | (Family::Ecdsa, _, Key::Ec(_))
        | (Family::MlDsa(_), _, Key::MlDsa(_)) => None,
        (
            Family::Hmac
            | Family::RsaPkcs1
            | Family::RsaPss
            | Family::Ecdsa
            | Family::EdDsa
            | Family::MlDsa(_)
            | Family::Unsecured,
            _,
            _,
        ) => Some(false),
    }
}

/// How the platform runs a check with this key, when the page does not run it itself: the
/// table's answer for the algorithm (RSA, the NIST curves, `Ed448`), and for an Ed448 key
/// under polymorphic `EdDSA` the worker's (whose Ed25519 keys the page checks itself).
pub fn platform_for(alg: Alg, key: &Key) -> Option<PlatformAlg> {
    match (alg.family(), key) {
        (Family::EdDsa, Key::Ed448(_)) if alg.accepts_curve(Curve::Ed448) => {
            Some(PlatformAlg::WorkerOnly)
        }
        _ => alg.platform(),
    }
}

/// A check that can run: the token's signed parts and the keys worth trying, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check<'a> {
    pub signed: Signed<'a>,
    /// Indices into the key set.
    pub candidates: Vec<usize>,
}

/// Chooses the keys to try: by `kid` when the token and the set have kids, else every key of
/// the type the algorithm needs; an error says why no key fits.
pub fn plan<'a>(signed: Signed<'a>, keys: &KeySet) -> Result<Check<'a>, Error> {
    let candidates = candidates(&signed, keys)?;
    Ok(Check { signed, candidates })
}

/// Runs a planned check here, with the pure-Rust primitives.
pub fn run(check: &Check<'_>, keys: &KeySet) -> Outcome {
    run_with(check, keys, self::check)
}

/// Runs a planned check with `checker` for each candidate key.
pub fn run_with(
    check: &Check<'_>,
    keys: &KeySet,
    checker: impl Fn(Alg, &Key, &[u8], &[u8]) -> bool,
) -> Outcome {
    let signed = &check.signed;
    let verified = check.candidates.iter().copied().find(|&index| {
        keys.entries.get(index).is_some_and(|entry| {
            checker(
                signed.alg,
                &entry.key,
                signed.signing_input,
                signed.signature,
            )
        })
    });
    match verified {
        Some(index) => Outcome::Verified { index },
        None => Outcome::Mismatch {
            tried: check.candidates.len(),
        },
    }
}

/// Plans and runs a check here.
pub fn verify(signed: &Signed<'_>, keys: &KeySet) -> Result<Outcome, Error> {
    Ok(run(&plan(*signed, keys)?, keys))
}

/// Indices of the keys worth trying, or why there are none.
fn candidates(signed: &Signed<'_>, keys: &KeySet) -> Result<Vec<usize>, Error> {
    let all: Vec<usize> = (0..keys.entries.len()).collect();
    let kids: Vec<String> = keys
        .entries
        .iter()
        .filter_map(|entry| entry.meta.kid.clone())
        .collect();
    // A lone key is used whatever its kid; a set is searched by kid when it has kids at all.
    let by_kid = match signed.kid {
        Some(kid) if keys.is_set() && !kids.is_empty() => {
            let matching: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&i| {
                    keys.entries
                        .get(i)
                        .is_some_and(|e| e.meta.kid.as_deref() == Some(kid))
                })
                .collect();
            if matching.is_empty() {
                return Err(Error::NoKeyWithKid {
                    kid: kid.to_owned(),
                    available: kids,
                });
            }
            matching
        }
        _ => all,
    };
    let fitting: Vec<usize> = by_kid
        .iter()
        .copied()
        .filter(|&i| keys.entries.get(i).is_some_and(|e| e.key.fits(signed.alg)))
        .collect();
    if !fitting.is_empty() {
        return Ok(fitting);
    }
    let found: Vec<String> = by_kid
        .iter()
        .filter_map(|&i| keys.entries.get(i).map(|e| e.label()))
        .collect();
    match found.as_slice() {
        [one] => Err(Error::KeyMismatch {
            alg: signed.alg.name(),
            expected: needed_for(signed.alg),
            found: one.clone(),
        }),
        _ => Err(Error::NoFittingKey {
            alg: signed.alg.name(),
            expected: needed_for(signed.alg),
            available: found,
        }),
    }
}
