//! The workshop worker's requests, answered natively: sign with every private format, refuse
//! with the reason, and generate keys in every form.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixture, flip_signature_bit};
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::workshop::handle;
use serde_json::{json, Value};

fn ask(request: Value) -> Value {
    serde_json::from_str(&handle(&request.to_string())).unwrap()
}

#[test]
fn a_signed_token_verifies_with_the_key_the_answer_gives_the_decoder() {
    for (name, format) in [
        ("RS256", "pkcs1-private-pem"),
        ("ES256K", "sec1-pem"),
        ("EdDSA", "pkcs8-pem"),
        ("HS384", "jwk"),
    ] {
        let case = fixture(name);
        let answer = ask(json!({
            "op": "sign",
            "alg": case["alg"],
            "header": format!(r#"{{"alg":{}}}"#, case["alg"]),
            "payload": r#"{"sub":"x"}"#,
            "key": case["keys"][format],
            "encoding": "utf8",
        }));
        let token = answer["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: {answer}"));
        let verify_key = answer["verify_key"].as_str().unwrap();
        assert_eq!(
            check_text(token, verify_key, SecretEncoding::Utf8).status,
            Status::Valid,
            "{name}"
        );
        let flipped = flip_signature_bit(token);
        assert_eq!(
            check_text(&flipped, verify_key, SecretEncoding::Utf8).status,
            Status::Invalid,
            "{name}"
        );
    }
}

#[test]
fn refusals_and_bad_requests_answer_with_the_reason() {
    let short = ask(
        json!({"op": "sign", "alg": "HS256", "header": "{}", "payload": "{}", "key": "short", "encoding": "utf8"}),
    );
    assert!(
        short["error"].as_str().unwrap().contains("at least 32"),
        "{short}"
    );
    let public = ask(
        json!({"op": "sign", "alg": "ES256", "header": "{}", "payload": "{}", "key": fixture("ES256")["keys"]["spki-pem"], "encoding": "utf8"}),
    );
    assert!(
        public["error"].as_str().unwrap().contains("cannot sign"),
        "{public}"
    );
    let none = ask(
        json!({"op": "sign", "alg": "none", "header": "{}", "payload": "{}", "key": "0123456789abcdef0123456789abcdef", "encoding": "utf8"}),
    );
    assert!(
        none["error"].as_str().unwrap().contains("unsecured"),
        "{none}"
    );
    assert!(ask(json!({"op": "dance"}))["error"].is_string());
    assert!(serde_json::from_str::<Value>(&handle("not json")).unwrap()["error"].is_string());
}

#[test]
fn generated_keys_come_in_every_form_and_verify_what_they_sign() {
    for kind in ["oct-256", "P-384", "secp256k1", "Ed25519"] {
        let key = ask(json!({"op": "generate", "kind": kind}));
        assert_eq!(key["kind"], kind);
        let private = key["private_jwk"].to_string();
        let answer = ask(
            json!({"op": "sign", "alg": key["alg"], "header": format!(r#"{{"alg":{}}}"#, key["alg"]), "payload": "{}", "key": private, "encoding": "utf8"}),
        );
        let token = answer["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{kind}: {answer}"));
        for verifier in [key["public_jwk"].to_string(), key["jwks"].to_string()] {
            assert_eq!(
                check_text(token, &verifier, SecretEncoding::Utf8).status,
                Status::Valid,
                "{kind}"
            );
        }
        assert_eq!(key["public_pem"].is_string(), kind != "oct-256");
    }
    assert!(ask(json!({"op": "generate", "kind": "RSA-1024"}))["error"].is_string());
}
