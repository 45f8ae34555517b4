#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Why it failed, for tokens made by independent libraries (PyJWT and cryptography, from
//! `tests/fixtures/diagnosis/generate.py`) the way an issuer that gets it wrong makes them: a
//! random secret pasted as base64 or hex, a secret with the newline of the file it was read from,
//! PS256 labelled RS256, a DER ECDSA signature, a kid the set lacks or that names another key, a
//! signature in standard base64. Each is named; the twins with a key that does not match find
//! nothing else.

use jwt_debugger::jose::diagnosis::diagnose;
use jwt_debugger::jose::key::SecretEncoding;
use serde_json::Value;

#[test]
fn every_peer_made_mistake_is_named_and_every_twin_finds_nothing() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/diagnosis/cases.json")).unwrap();
    assert!(cases.len() >= 9);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let encoding = SecretEncoding::from_name(case["encoding"].as_str().unwrap()).unwrap();
        let found = diagnose(
            case["token"].as_str().unwrap(),
            case["key"].as_str().unwrap(),
            encoding,
        )
        .unwrap_or_else(|| panic!("{name}: nothing to diagnose"));
        let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, [case["expected"].as_str().unwrap()], "{name}");
    }
}
