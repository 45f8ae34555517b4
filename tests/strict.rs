//! The strict verdict: a matching signature that a careful verifier must still refuse, each
//! with a twin that passes. (Weak RSA, ROCA, JWK use/key_ops/alg, duplicate kids and mixed sets
//! are covered case by case by Wycheproof's json_web_key_test.)
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::{base64url, hmac};

fn codes(token: &str, key: &str) -> Vec<&'static str> {
    let verification = check_text(token, key, SecretEncoding::Utf8);
    assert_eq!(
        verification.status,
        Status::Valid,
        "{:?}",
        verification.reason
    );
    verification.strict.iter().map(|p| p.code()).collect()
}

const LONG: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

#[test]
fn an_hmac_key_shorter_than_the_hash_fails_strict() {
    // The jwt.io example secret is 19 bytes: shorter than SHA-256's 32.
    assert_eq!(codes(JWT_IO_TOKEN, JWT_IO_SECRET), ["short-secret"]);
    assert!(codes(JWT_IO_V2_TOKEN, JWT_IO_V2_SECRET).is_empty());
    let hs512 = hs_token(
        Alg::HS512,
        r#"{"alg":"HS512"}"#,
        b"{}",
        &LONG.as_bytes()[..48],
    );
    assert_eq!(codes(&hs512, &LONG[..48]), ["short-secret"]);
}

#[test]
fn whitespace_removed_from_inside_fails_strict() {
    let wrapped = JWT_IO_V2_TOKEN.replacen('.', ".\n  ", 1);
    assert_eq!(codes(&wrapped, JWT_IO_V2_SECRET), ["inner-whitespace"]);
}

/// An HS256 token over exactly this header and payload text, signed with `LONG`.
fn sign_raw(header: &str, payload_segment: &str) -> String {
    let input = format!("{}.{payload_segment}", base64url::encode(header.as_bytes()));
    let tag = hmac::sign(
        Alg::HS256.hash().unwrap(),
        LONG.as_bytes(),
        input.as_bytes(),
    );
    format!("{input}.{}", base64url::encode(&tag))
}

#[test]
fn non_canonical_base64url_fails_strict() {
    // "e30" is "{}"; "e30=" is padded and "e31" has a non-zero trailing bit.
    let header = r#"{"alg":"HS256"}"#;
    assert_eq!(
        codes(&sign_raw(header, "e30="), LONG),
        ["non-canonical-base64url"]
    );
    assert_eq!(
        codes(&sign_raw(header, "e31"), LONG),
        ["non-canonical-base64url"]
    );
    assert!(codes(&sign_raw(header, "e30"), LONG).is_empty());
}

#[test]
fn crit_must_name_understood_extensions_present_in_the_header() {
    let sign = |header: &str| hs_token(Alg::HS256, header, b"{}", LONG.as_bytes());
    assert_eq!(
        codes(&sign(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#), LONG),
        ["crit-unknown"]
    );
    assert_eq!(
        codes(&sign(r#"{"alg":"HS256","crit":["alg"]}"#), LONG),
        ["crit-malformed"]
    );
    assert_eq!(
        codes(&sign(r#"{"alg":"HS256","crit":[]}"#), LONG),
        ["crit-malformed"]
    );
    assert_eq!(
        codes(&sign(r#"{"alg":"HS256","crit":["b64"]}"#), LONG),
        ["crit-malformed"]
    );
    // Twins: b64 understood and present; no crit at all.
    assert!(codes(&sign(r#"{"alg":"HS256","b64":true,"crit":["b64"]}"#), LONG).is_empty());
    assert!(codes(&sign(r#"{"alg":"HS256"}"#), LONG).is_empty());
}

#[test]
fn b64_false_must_be_critical_and_its_payload_is_taken_as_is() {
    let raw = |header: &str| sign_raw(header, "$02");
    assert_eq!(
        codes(&raw(r#"{"alg":"HS256","b64":false}"#), LONG),
        ["b64-not-critical"]
    );
    let good = raw(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    assert!(codes(&good, LONG).is_empty());
    let decoded = jwt_debugger::jose::token::decode(&good);
    assert_eq!(decoded.payload.unwrap().unwrap().bytes, b"$02");
}
