//! Tokens signed here, for an independent verifier: every algorithm with its fixture private
//! key, written to `target/interop/signed.json` with the public key (PEM, or the HMAC secret).
//! `tests/interop/verify_with_pyjwt.py` (run by `scripts/test`) checks them with PyJWT.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::fixtures;
use jwt_debugger::jose::alg::{Alg, Family};
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::key::private;
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::sign::{encode, sign};
use jwt_debugger::jose::status::{check_text, Status};
use serde_json::{json, Value};

#[test]
fn tokens_for_pyjwt_are_signed_and_verify_here() {
    let mut signed = Vec::new();
    for case in fixtures() {
        let alg = Alg::from_name(case["alg"].as_str().unwrap()).unwrap();
        let keys = &case["keys"];
        let (private_text, public_text) = match alg.family() {
            Family::Hmac => (
                keys["jwk"].as_str().unwrap(),
                keys["utf8"].as_str().unwrap(),
            ),
            _ => (
                keys["pkcs8-pem"].as_str().unwrap(),
                keys["spki-pem"].as_str().unwrap(),
            ),
        };
        let key = private::parse(private_text, SecretEncoding::Utf8).unwrap();
        let header = json!({"alg": alg.name(), "typ": "JWT", "kid": case["kid"]}).to_string();
        let payload = json!({"sub": "interop", "alg_under_test": case["name"]}).to_string();
        let token = encode(alg, &header, payload.as_bytes(), &key).unwrap();
        let verdict = check_text(&token, public_text, SecretEncoding::Utf8);
        assert_eq!(verdict.status, Status::Valid, "{}", case["name"]);
        signed.push(
            json!({"name": case["name"], "alg": alg.name(), "token": token, "key": public_text}),
        );
    }
    signed.extend(fully_specified_ecdsa());
    let dir = format!("{}/target/interop", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let text = serde_json::to_string_pretty(&Value::Array(signed)).unwrap();
    std::fs::write(format!("{dir}/signed.json"), text).unwrap();
}

/// RFC 9864's ESP256/384/512 for PyJWT, which (2.10.1) knows only ES256/384/512. The rewrite:
/// each token's header names the polymorphic alg (ES256 for ESP256 …), and its signature is made
/// by this crate's ESP signer over that header, so PyJWT checks the signature our ESP path
/// makes. Here the same signature also verifies as ESP (the same key, curve and hash).
fn fully_specified_ecdsa() -> Vec<Value> {
    let mut signed = Vec::new();
    for (specified, polymorphic) in [
        (Alg::ESP256, Alg::ES256),
        (Alg::ESP384, Alg::ES384),
        (Alg::ESP512, Alg::ES512),
    ] {
        let case = common::fixture(polymorphic.name());
        let key = private::parse(
            case["keys"]["pkcs8-pem"].as_str().unwrap(),
            SecretEncoding::Utf8,
        )
        .unwrap();
        let public_text = case["keys"]["spki-pem"].as_str().unwrap();
        let name = format!(
            "{} (header rewritten to {})",
            specified.name(),
            polymorphic.name()
        );
        let header = json!({"alg": polymorphic.name(), "typ": "JWT"}).to_string();
        let payload = json!({"sub": "interop", "alg_under_test": name}).to_string();
        let input = format!(
            "{}.{}",
            base64url::encode(header.as_bytes()),
            base64url::encode(payload.as_bytes())
        );
        let signature = sign(specified, &key, input.as_bytes()).unwrap();
        let token = format!("{input}.{}", base64url::encode(&signature));
        let verdict = check_text(&token, public_text, SecretEncoding::Utf8);
        assert_eq!(verdict.status, Status::Valid, "{name}");
        signed.push(
            json!({"name": name, "alg": polymorphic.name(), "token": token, "key": public_text}),
        );
    }
    signed
}
