//! Checks handed to a platform verifier (the browser's WebCrypto), which runs RSA and the NIST
//! curves several times faster than pure Rust in WebAssembly. The core stays the judge: it
//! plans the check, says what the platform must run, and turns the answers into the verdict.
//! A key the platform cannot run is checked here instead.

use std::future::Future;
use std::rc::Rc;

use super::alg::{Alg, PlatformAlg};
use super::error::Error;
use super::input::Removed;
use super::key::KeySet;
use super::status::{begin, conclude, Step, Verification};
use super::token::Decoded;
use super::verify::{self, Check, Outcome};

/// One signature check for the platform, owning its bytes so it outlives the keystroke that
/// started it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformRequest {
    /// The JOSE algorithm, for a runner other than WebCrypto.
    pub alg: Alg,
    pub algorithm: PlatformAlg,
    /// The public key as a JWK with the RFC 7638 members only: no `use`, `key_ops` or `alg`,
    /// which WebCrypto would enforce before the strict verdict can report them.
    pub jwk: String,
    /// The received `header.payload` bytes.
    pub signing_input: Rc<[u8]>,
    pub signature: Rc<[u8]>,
}

/// What the platform said of one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlatformAnswer {
    Matches,
    DoesNotMatch,
    /// The platform could not run it (no WebCrypto, key import refused, …).
    CannotRun,
}

impl PlatformAnswer {
    pub const ALL: [PlatformAnswer; 3] = [
        PlatformAnswer::Matches,
        PlatformAnswer::DoesNotMatch,
        PlatformAnswer::CannotRun,
    ];

    /// A stable name, for the worker protocol.
    pub fn as_str(self) -> &'static str {
        match self {
            PlatformAnswer::Matches => "matches",
            PlatformAnswer::DoesNotMatch => "does-not-match",
            PlatformAnswer::CannotRun => "cannot-run",
        }
    }

    pub fn from_name(name: &str) -> Option<PlatformAnswer> {
        PlatformAnswer::ALL
            .into_iter()
            .find(|answer| answer.as_str() == name)
    }
}

/// The verdict when it can be decided here at once; `None` when the check is one for the
/// platform, whose verdict `decide_on_platform` gives.
pub fn decide_here(
    decoded: Option<&Decoded>,
    removed: &[Removed],
    keys: Option<&Result<KeySet, Error>>,
) -> Option<Verification> {
    match begin(decoded, keys) {
        Step::Decided(verification) => Some(verification),
        Step::Check { check, keys, .. } if needs_platform(&check, keys) => None,
        Step::Check {
            decoded,
            keys,
            check,
        } => {
            // Only what runs here reaches this point (HMAC, Ed25519, ES256K).
            let outcome = verify::run_with(&check, keys, |alg, key, input, signature| {
                verify::check_here(alg, key, input, signature).unwrap_or(false)
            });
            Some(conclude(decoded, removed, keys, &check, outcome))
        }
    }
}

/// Whether a candidate key's check is the platform's (`verify::platform_for`).
fn needs_platform(check: &Check<'_>, keys: &KeySet) -> bool {
    check.candidates.iter().any(|&index| {
        keys.entries
            .get(index)
            .is_some_and(|entry| verify::platform_for(check.signed.alg, &entry.key).is_some())
    })
}

/// The verdict with the check run by `ask`, key by key in the core's order, stopping at the
/// first that verifies.
pub async fn decide_on_platform<F, Fut>(
    decoded: &Decoded,
    removed: &[Removed],
    keys: &Result<KeySet, Error>,
    ask: F,
) -> Verification
where
    F: Fn(PlatformRequest) -> Fut,
    Fut: Future<Output = PlatformAnswer>,
{
    match begin(Some(decoded), Some(keys)) {
        Step::Decided(verification) => verification,
        Step::Check {
            decoded,
            keys,
            check,
        } => {
            let outcome = run(&check, keys, ask).await;
            conclude(decoded, removed, keys, &check, outcome)
        }
    }
}

async fn run<F, Fut>(check: &Check<'_>, keys: &KeySet, ask: F) -> Outcome
where
    F: Fn(PlatformRequest) -> Fut,
    Fut: Future<Output = PlatformAnswer>,
{
    let signed = &check.signed;
    let mut unchecked = false;
    let signing_input: Rc<[u8]> = Rc::from(signed.signing_input);
    let signature: Rc<[u8]> = Rc::from(signed.signature);
    for &index in &check.candidates {
        let Some(entry) = keys.entries.get(index) else {
            continue;
        };
        // A key the page checks itself (an Ed25519 key beside an Ed448 one under `EdDSA`).
        let Some(algorithm) = verify::platform_for(signed.alg, &entry.key) else {
            let here = verify::check_here(
                signed.alg,
                &entry.key,
                signed.signing_input,
                signed.signature,
            );
            if here == Some(true) {
                return Outcome::Verified { index };
            }
            continue;
        };
        let request = PlatformRequest {
            alg: signed.alg,
            algorithm,
            jwk: entry.canonical_jwk.clone(),
            signing_input: Rc::clone(&signing_input),
            signature: Rc::clone(&signature),
        };
        let verified = match ask(request).await {
            PlatformAnswer::Matches => true,
            PlatformAnswer::DoesNotMatch => false,
            // `ask` found no runner (WebCrypto refused the key and no fallback answered): what
            // runs here is checked here; the rest stays unchecked, never "invalid".
            PlatformAnswer::CannotRun => {
                let here = verify::check_here(
                    signed.alg,
                    &entry.key,
                    signed.signing_input,
                    signed.signature,
                );
                unchecked |= here.is_none();
                here.unwrap_or(false)
            }
        };
        if verified {
            return Outcome::Verified { index };
        }
    }
    let tried = check.candidates.len();
    match unchecked {
        true => Outcome::Unchecked { tried },
        false => Outcome::Mismatch { tried },
    }
}

/// The platform algorithm of a check with `jwk` (a request's canonical JWK), or `None` when
/// the page runs that check itself: what the worker accepts to run.
pub fn algorithm_for(alg: Alg, jwk: &str) -> Option<PlatformAlg> {
    let keys = super::key::parse(jwk, super::key::SecretEncoding::Utf8).ok()?;
    verify::platform_for(alg, &keys.entries.first()?.key)
}

/// Runs a platform request with the pure-Rust primitives: the worker's answer when WebCrypto
/// cannot import a key, and the native tests' stand-in platform.
pub fn run_request_here(request: &PlatformRequest) -> PlatformAnswer {
    let Ok(keys) = super::key::parse(&request.jwk, super::key::SecretEncoding::Utf8) else {
        return PlatformAnswer::CannotRun;
    };
    let Some(entry) = keys.entries.first() else {
        return PlatformAnswer::CannotRun;
    };
    match verify::check(
        request.alg,
        &entry.key,
        &request.signing_input,
        &request.signature,
    ) {
        true => PlatformAnswer::Matches,
        false => PlatformAnswer::DoesNotMatch,
    }
}
