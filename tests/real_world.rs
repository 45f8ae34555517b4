//! Real issuers' tokens (Google, Microsoft, Apple, Auth0, GitHub, GitLab, Kubernetes, Yahoo,
//! Twitch, Slack, Kakao) with the key sets that verify them, as a user pastes them; and the
//! flipped-bit twin of each.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::flip_signature_bit;
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::strict::StrictProblem;
use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = format!(
        "{}/tests/vectors/real-world/cases.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_real_token_verifies_with_its_published_key_set_and_names_the_key() {
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let jwks = case["jwks"].to_string();
        let verification = check_text(token, &jwks, SecretEncoding::Utf8);
        assert_eq!(
            verification.status,
            Status::Valid,
            "{id}: {:?}",
            verification.reason
        );
        // App Store notifications carry their key as an x5c chain, and the key set here is its
        // leaf: valid, but the strict verdict says a chain this page does not validate proves
        // nothing by itself.
        let carries_x5c = case["key_lookup"]
            .as_str()
            .is_some_and(|lookup| lookup.starts_with("x5c in header"));
        let expected_strict = match carries_x5c {
            true => vec![StrictProblem::KeyFromToken { parameter: "x5c" }],
            false => Vec::new(),
        };
        assert_eq!(verification.strict, expected_strict, "{id}");
        let key = verification.verified_by.unwrap();
        // The key that verified is the one the token names, when it names one.
        if let Some(kid) = case["kid"].as_str() {
            if case["key_lookup"] == "kid" {
                assert_eq!(key.kid.as_deref(), Some(kid), "{id}");
            }
        }
        assert_eq!(
            key.thumbprint.len(),
            43,
            "{id}: a SHA-256 thumbprint in base64url"
        );

        let twin = check_text(&flip_signature_bit(token), &jwks, SecretEncoding::Utf8);
        assert_eq!(twin.status, Status::Invalid, "{id} with a flipped bit");
    }
}

#[test]
fn real_tokens_given_as_pem_or_certificate_verify_too() {
    let mut seen = 0;
    for case in cases() {
        let Some(pem) = case["pem"].as_str() else {
            continue;
        };
        seen += 1;
        let id = case["id"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let verification = check_text(token, pem, SecretEncoding::Utf8);
        assert_eq!(
            verification.status,
            Status::Valid,
            "{id}: {:?}",
            verification.reason
        );
        let twin = check_text(&flip_signature_bit(token), pem, SecretEncoding::Utf8);
        assert_eq!(twin.status, Status::Invalid, "{id} with a flipped bit");
    }
    assert!(seen >= 4, "the PEM and certificate cases were all skipped");
}

#[test]
fn a_kid_missing_from_the_set_is_named_with_the_kids_it_has() {
    let case = cases()
        .into_iter()
        .find(|c| c["id"] == "google-sa-id-token")
        .unwrap();
    let mut jwks = case["jwks"].clone();
    let keys = jwks["keys"].as_array_mut().unwrap();
    let kid = case["kid"].as_str().unwrap();
    keys.retain(|key| key["kid"] != kid);
    let verification = check_text(
        case["token"].as_str().unwrap(),
        &jwks.to_string(),
        SecretEncoding::Utf8,
    );
    assert_eq!(verification.status, Status::KeyError);
    let reason = verification.reason.unwrap().to_string();
    assert!(
        reason.contains(&format!("No key has kid \"{kid}\"")),
        "{reason}"
    );
    assert!(reason.contains("the set has kids"), "{reason}");
}
