//! RFC worked examples: RFC 7515 A.1–A.5, RFC 7520 §4.1–4.4, RFC 8037 A.4, RFC 7797 4.1 and the
//! RFC 7638 / RFC 8037 thumbprints. Each positive case has a flipped-bit and a wrong-key twin.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::status::{check_text, Status};
use serde_json::Value;

fn vector(path: &str) -> Value {
    let path = format!("{}/tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Valid with a passing strict verdict, and invalid once one signature bit flips.
fn assert_verifies(name: &str, token: &str, key: &Value) {
    let key_text = key.to_string();
    let verification = check_text(token, &key_text, SecretEncoding::Utf8);
    assert_eq!(
        verification.status,
        Status::Valid,
        "{name}: {:?}",
        verification.reason
    );
    assert!(
        verification.strict.is_empty(),
        "{name}: {:?}",
        verification.strict
    );
    let flipped = check_text(&flip_signature_bit(token), &key_text, SecretEncoding::Utf8);
    assert_eq!(flipped.status, Status::Invalid, "{name} with a flipped bit");
}

#[test]
fn rfc7515_appendix_a_examples_verify_with_their_jwks() {
    for source in [
        "RFC 7515 A.1",
        "RFC 7515 A.2",
        "RFC 7515 A.3",
        "RFC 7515 A.4",
        "RFC 8037 A.4",
    ] {
        let example = rfc_example(source);
        assert_verifies(source, example["token"].as_str().unwrap(), &example["key"]);
    }
}

#[test]
fn rfc7515_a5_unsecured_is_never_valid() {
    let example = rfc_example("RFC 7515 A.5");
    let key = rfc_example("RFC 7515 A.1")["key"].to_string();
    let verification = check_text(
        example["token"].as_str().unwrap(),
        &key,
        SecretEncoding::Utf8,
    );
    assert_eq!(verification.status, Status::Unsupported);
}

#[test]
fn rfc7520_section_4_compact_examples_verify() {
    for file in [
        "4_1.rsa_v15_signature.json",
        "4_2.rsa-pss_signature.json",
        "4_3.ecdsa_signature.json",
        "4_4.hmac-sha2_integrity_protection.json",
    ] {
        let example = vector(&format!("rfc7520/jws/{file}"));
        let token = example["output"]["compact"].as_str().unwrap();
        assert_verifies(file, token, &example["input"]["key"]);
    }
}

#[test]
fn rfc8037_cookbook_ed25519_example_verifies() {
    let example = vector("rfc7520/curve25519/jws.json");
    assert_verifies(
        "curve25519/jws.json",
        example["output"]["compact"].as_str().unwrap(),
        &example["input"]["key"],
    );
}

#[test]
fn rfc7797_4_1_verifies() {
    let examples = vector("rfc/rfc7797_examples.json");
    let example = examples
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "RFC 7797 4.1")
        .unwrap();
    assert_verifies(
        "RFC 7797 4.1",
        example["token"].as_str().unwrap(),
        &example["key"],
    );
}

#[test]
fn keys_of_the_wrong_family_or_curve_are_key_errors_that_say_what_is_needed() {
    let rs256 = rfc_example("RFC 7515 A.2");
    let es256 = rfc_example("RFC 7515 A.3");
    let es512 = rfc_example("RFC 7515 A.4");
    let hs256 = rfc_example("RFC 7515 A.1");
    let cases = [
        (&rs256, &es256["key"], "needs an RSA public key"),
        (&es256, &es512["key"], "needs an EC P-256 public key"),
        (&es512, &rs256["key"], "needs an EC P-521 public key"),
        (&hs256, &rs256["key"], "needs an HMAC secret"),
        (&rs256, &hs256["key"], "needs an RSA public key"),
    ];
    for (example, key, words) in cases {
        let verification = check_text(
            example["token"].as_str().unwrap(),
            &key.to_string(),
            SecretEncoding::Utf8,
        );
        assert_eq!(verification.status, Status::KeyError, "{words}");
        let reason = verification.reason.unwrap().to_string();
        assert!(reason.contains(words), "{reason}");
    }
}

#[test]
fn rfc7638_and_rfc8037_thumbprints_match() {
    for case in vector("rfc/jwk_thumbprints.json").as_array().unwrap() {
        let keys = key::parse(&case["key"].to_string(), SecretEncoding::Utf8).unwrap();
        let entry = &keys.entries[0];
        assert_eq!(
            entry.meta.thumbprint,
            case["thumbprint"].as_str().unwrap(),
            "{}",
            case["source"]
        );
        assert_eq!(
            key::thumbprint::canonical_json(&entry.key),
            case["canonical_json"].as_str().unwrap()
        );
    }
}
