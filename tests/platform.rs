//! The platform path (WebCrypto in the page) as the core drives it, with a stand-in platform that
//! re-reads the JWK it is handed and checks with the pure-Rust primitives: the key the platform
//! imports is the key the user pasted, its answers become the same verdicts as the Rust path,
//! and a key it cannot run is checked here instead.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::cell::RefCell;

use common::{fixture, fixture_encoding as encoding, fixtures, flip_signature_bit, ready};
use jwt_debugger::jose::alg::{Alg, PlatformAlg};
use jwt_debugger::jose::input::clean;
use jwt_debugger::jose::key::{self, KeySet, SecretEncoding};
use jwt_debugger::jose::platform::{
    decide_here, decide_on_platform, run_request_here, PlatformAnswer, PlatformRequest,
};
use jwt_debugger::jose::status::{check_text, Status, Verification};
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::verify::check;
use serde_json::Value;

/// The algorithm a WebCrypto request stands for, as the stand-in needs it to check in Rust.
fn alg_of(algorithm: PlatformAlg) -> Alg {
    Alg::ALL
        .into_iter()
        .find(|alg| alg.platform() == Some(algorithm))
        .unwrap()
}

/// A stand-in for WebCrypto: imports the JWK it is given, as WebCrypto would, and verifies.
fn stand_in(request: &PlatformRequest) -> PlatformAnswer {
    let keys = key::parse(&request.jwk, SecretEncoding::Utf8).expect("the JWK imports");
    let entry = &keys.entries[0];
    if check(
        alg_of(request.algorithm),
        &entry.key,
        &request.signing_input,
        &request.signature,
    ) {
        PlatformAnswer::Matches
    } else {
        PlatformAnswer::DoesNotMatch
    }
}

/// The verdict the page reaches: decided at once, or through `answer` for the platform's checks.
fn page_verdict(
    token: &str,
    key_text: &str,
    encoding: SecretEncoding,
    answer: impl Fn(&PlatformRequest) -> PlatformAnswer,
) -> (Verification, usize) {
    let cleaned = clean(token);
    let decoded = decode(&cleaned.token);
    let keys: Result<KeySet, _> = key::parse(key_text, encoding);
    let asked = RefCell::new(0);
    let verdict = match decide_here(Some(&decoded), &cleaned.removed, Some(&keys)) {
        Some(verdict) => verdict,
        None => ready(decide_on_platform(
            &decoded,
            &cleaned.removed,
            &keys,
            |request| {
                *asked.borrow_mut() += 1;
                let answer = answer(&request);
                async move { answer }
            },
        )),
    };
    (verdict, asked.into_inner())
}

#[test]
fn the_platform_reaches_the_same_verdicts_as_the_rust_path() {
    let mut on_platform = 0;
    for case in fixtures() {
        let name = case["name"].as_str().unwrap();
        let alg = Alg::from_name(case["alg"].as_str().unwrap()).unwrap();
        let token = case["token"].as_str().unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let other_payload = format!("{}.e30.{}", parts[0], parts[2]);
        let tokens = [token.to_owned(), flip_signature_bit(token), other_payload];
        for (format, key_text) in case["keys"].as_object().unwrap() {
            for token in &tokens {
                let key_text = key_text.as_str().unwrap();
                let (verdict, asked) = page_verdict(token, key_text, encoding(format), stand_in);
                let expected = check_text(token, key_text, encoding(format));
                assert_eq!(verdict, expected, "{name} {format}");
                assert_eq!(asked > 0, alg.platform().is_some(), "{name} {format}");
                on_platform += usize::from(asked > 0);
            }
        }
        let wrong = case["wrong_key"].as_str().unwrap();
        let (verdict, _) = page_verdict(token, wrong, SecretEncoding::Utf8, stand_in);
        assert_eq!(verdict.status, Status::Invalid, "{name} with the wrong key");
    }
    assert!(
        on_platform >= 60,
        "{on_platform} checks went to the platform"
    );
}

#[test]
fn a_set_is_tried_in_order_and_the_key_that_verified_is_named() {
    for case in fixtures() {
        let alg = Alg::from_name(case["alg"].as_str().unwrap()).unwrap();
        if alg.platform().is_none() {
            continue;
        }
        let token = case["token"].as_str().unwrap();
        let jwks = case["keys"]["jwks"].as_str().unwrap();
        let (verdict, asked) = page_verdict(token, jwks, SecretEncoding::Utf8, stand_in);
        assert_eq!(verdict.status, Status::Valid);
        assert_eq!(verdict.verified_by.unwrap().position, 2);
        assert_eq!(asked, 1, "the kid picks the key, so only it is asked");
    }
}

#[test]
fn a_key_the_platform_cannot_run_is_checked_by_the_fallback_or_left_unchecked() {
    let case = fixture("RS256");
    let token = case["token"].as_str().unwrap();
    let key_text = case["keys"]["spki-pem"].as_str().unwrap();
    // The page's fallback (the worker) runs the core's own check.
    let fallback = |request: &PlatformRequest| run_request_here(request);
    let (verdict, asked) = page_verdict(token, key_text, SecretEncoding::Utf8, fallback);
    assert_eq!((verdict.status, asked), (Status::Valid, 1));
    let flipped = flip_signature_bit(token);
    let (verdict, _) = page_verdict(&flipped, key_text, SecretEncoding::Utf8, fallback);
    assert_eq!(verdict.status, Status::Invalid);
    // With no runner at all an RSA check is unchecked, never called invalid.
    let cannot = |_: &PlatformRequest| PlatformAnswer::CannotRun;
    let (verdict, asked) = page_verdict(token, key_text, SecretEncoding::Utf8, cannot);
    assert_eq!((verdict.status, asked), (Status::Unsupported, 1));
    assert_eq!(verdict.reason.unwrap().code(), "unverifiable");
}

#[test]
fn the_platform_decides_the_match_and_the_core_the_rest() {
    let case = fixture("ES256");
    let token = case["token"].as_str().unwrap();
    let key_text = case["keys"]["jwk"].as_str().unwrap();
    let never = |_: &PlatformRequest| PlatformAnswer::DoesNotMatch;
    let (verdict, _) = page_verdict(token, key_text, SecretEncoding::Utf8, never);
    assert_eq!((verdict.status, verdict.tried), (Status::Invalid, 1));
    // A key of the wrong curve is a key error before any platform is asked.
    let p384 = fixture("ES384")["keys"]["jwk"].as_str().unwrap().to_owned();
    let (verdict, asked) = page_verdict(token, &p384, SecretEncoding::Utf8, never);
    assert_eq!((verdict.status, asked), (Status::KeyError, 0));
}

#[test]
fn the_platform_is_handed_the_received_bytes_and_no_key_restrictions() {
    let case = fixture("PS256");
    let token = case["token"].as_str().unwrap();
    let jwk = case["keys"]["jwk"].as_str().unwrap();
    let seen = RefCell::new(None);
    page_verdict(token, jwk, SecretEncoding::Utf8, |request| {
        *seen.borrow_mut() = Some(request.clone());
        PlatformAnswer::Matches
    });
    let request = seen.into_inner().unwrap();
    let (input, _) = token.rsplit_once('.').unwrap();
    assert_eq!(&*request.signing_input, input.as_bytes());
    assert_eq!(
        request.algorithm,
        PlatformAlg::RsaPss {
            hash: "SHA-256",
            salt_length: 32
        }
    );
    let members: Value = serde_json::from_str(&request.jwk).unwrap();
    let mut names: Vec<&str> = members
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["e", "kty", "n"]);
}
