//! Signing for the encoder: the RFC examples that are deterministic reproduce byte for byte,
//! every algorithm signs with its fixture private key in every private format and verifies with
//! the public key (and not with a wrong one), and weak or unsuitable keys are refused.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixtures, flip_signature_bit};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::error::Error;
use jwt_debugger::jose::key::private::{self, PrivateKey};
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::sign::{encode, sign};
use jwt_debugger::jose::status::{check_text, Status};
use serde_json::Value;

fn vector(path: &str) -> Value {
    let path = format!("{}/tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn key(text: &str) -> PrivateKey {
    private::parse(text, SecretEncoding::Utf8).unwrap_or_else(|err| panic!("{err}"))
}

/// Signs the example's signing input with its key and compares with the published signature.
fn reproduces(path: &str) {
    let example = vector(path);
    let alg = Alg::from_name(example["input"]["alg"].as_str().unwrap()).unwrap();
    let private = key(&example["input"]["key"].to_string());
    let input = example["signing"]["sig-input"].as_str().unwrap();
    let signature = sign(alg, &private, input.as_bytes()).unwrap();
    assert_eq!(
        base64url::encode(&signature),
        example["signing"]["sig"].as_str().unwrap(),
        "{path}"
    );
}

#[test]
fn deterministic_rfc_examples_reproduce_byte_for_byte() {
    reproduces("rfc7520/jws/4_1.rsa_v15_signature.json");
    reproduces("rfc7520/jws/4_4.hmac-sha2_integrity_protection.json");
    reproduces("rfc7520/curve25519/jws.json");
}

#[test]
fn randomized_examples_verify_with_their_public_key() {
    // RFC 7520 §4.2 (PS384) and §4.3 (ES512) are not reproducible: sign anew and verify.
    for path in [
        "rfc7520/jws/4_2.rsa-pss_signature.json",
        "rfc7520/jws/4_3.ecdsa_signature.json",
    ] {
        let example = vector(path);
        let alg = Alg::from_name(example["input"]["alg"].as_str().unwrap()).unwrap();
        let jwk = example["input"]["key"].to_string();
        let protected = example["signing"]["protected_b64u"].as_str().unwrap();
        let header = String::from_utf8(common::base64url_decode(protected)).unwrap();
        let payload = example["input"]["payload"].as_str().unwrap();
        let token = encode(alg, &header, payload.as_bytes(), &key(&jwk)).unwrap();
        let verdict = check_text(&token, &jwk, SecretEncoding::Utf8);
        assert_eq!(
            verdict.status,
            Status::Valid,
            "{path}: {:?}",
            verdict.reason
        );
    }
}

#[test]
fn every_algorithm_signs_with_every_private_format_and_verifies() {
    let mut signed = 0;
    for case in fixtures() {
        let name = case["name"].as_str().unwrap();
        let alg = Alg::from_name(case["alg"].as_str().unwrap()).unwrap();
        let keys = case["keys"].as_object().unwrap();
        let public = keys
            .get("spki-pem")
            .unwrap_or(&keys["jwk"])
            .as_str()
            .unwrap();
        let header = format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg.name());
        // The asymmetric fixtures' JWKs are public; an HMAC fixture's JWK is its secret.
        let formats: &[&str] = match alg.hash().filter(|_| alg.name().starts_with("HS")) {
            Some(_) => &["jwk"],
            None => &["pkcs8-pem", "pkcs1-private-pem", "sec1-pem"],
        };
        for format in formats {
            let Some(text) = keys.get(*format).and_then(Value::as_str) else {
                continue;
            };
            let private = key(text);
            let token = encode(alg, &header, br#"{"sub":"x"}"#, &private).unwrap();
            let encoding = SecretEncoding::Utf8;
            let verdict = check_text(&token, public, encoding);
            assert_eq!(
                verdict.status,
                Status::Valid,
                "{name} {format}: {:?}",
                verdict.reason
            );
            assert!(
                verdict.strict.is_empty(),
                "{name} {format}: {:?}",
                verdict.strict
            );
            let flipped = check_text(&flip_signature_bit(&token), public, encoding);
            assert_eq!(flipped.status, Status::Invalid, "{name} {format} flipped");
            let wrong = check_text(&token, case["wrong_key"].as_str().unwrap(), encoding);
            assert_eq!(wrong.status, Status::Invalid, "{name} {format} wrong key");
            signed += 1;
        }
    }
    // 3 HMAC JWKs, 7 RSA keys × 2 PEMs, 4 EC keys × 2 PEMs, 1 Ed25519 PEM.
    assert_eq!(signed, 3 + 14 + 8 + 1);
}

#[test]
fn weak_keys_and_alg_none_are_refused_with_the_reason() {
    let refused = |result: Result<Vec<u8>, Error>| match result {
        Err(Error::SigningRefused { reason }) => reason,
        other => panic!("{other:?}"),
    };
    let short = key(r#"{"kty":"oct","k":"c2hvcnQ"}"#);
    assert!(refused(sign(Alg::HS256, &short, b"x")).contains("at least 32"));
    let long = key(r#"{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}"#);
    assert!(
        sign(Alg::HS256, &long, b"x").is_ok(),
        "the twin: 32 bytes is enough"
    );
    assert!(refused(sign(Alg::None, &long, b"x")).contains("unsecured"));

    let weak = key(include_str!("fixtures/rsa-1024-private.pem"));
    assert!(refused(sign(Alg::RS256, &weak, b"x")).contains("1024 bits"));
    assert!(refused(sign(Alg::PS256, &weak, b"x")).contains("1024 bits"));
}

#[test]
fn a_public_key_or_a_key_of_another_family_cannot_sign() {
    let case = fixtures()
        .into_iter()
        .find(|c| c["name"] == "ES256")
        .unwrap();
    for format in ["spki-pem", "certificate-pem"] {
        let text = case["keys"][format].as_str().unwrap();
        let err = private::parse(text, SecretEncoding::Utf8).unwrap_err();
        assert!(err.to_string().contains("cannot sign"), "{format}: {err}");
    }
    let public_jwk = case["keys"]["jwk"].as_str().unwrap();
    let err = private::parse(public_jwk, SecretEncoding::Utf8).unwrap_err();
    assert!(err.to_string().contains("public key"), "{err}");

    let p256 = key(case["keys"]["pkcs8-pem"].as_str().unwrap());
    match sign(Alg::ES384, &p256, b"x") {
        Err(Error::KeyMismatch { expected, .. }) => assert!(expected.contains("P-384 private key")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        sign(Alg::RS256, &p256, b"x"),
        Err(Error::KeyMismatch { .. })
    ));
}

#[test]
fn a_private_jwk_whose_d_does_not_match_its_public_half_is_refused() {
    let p256: Value = serde_json::from_str(
        fixtures()
            .into_iter()
            .find(|c| c["name"] == "ES256")
            .unwrap()["keys"]["jwk"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let mut mismatched = p256.clone();
    // A valid scalar that is not this key's.
    mismatched["d"] = Value::String(base64url::encode(&[7u8; 32]));
    let err = private::parse(&mismatched.to_string(), SecretEncoding::Utf8).unwrap_err();
    assert!(err.to_string().contains("does not belong"), "{err}");
}

/// The decoder's view of a token sent with its key: the verdict (RSA run here, as the worker's
/// fallback does) and the findings' codes.
fn decoded_with(token: &str, key_text: &str) -> (Status, Vec<&'static str>, Vec<&'static str>) {
    use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
    use std::rc::Rc;
    let keys = Some(Rc::new(jwt_debugger::jose::key::parse(
        key_text,
        SecretEncoding::Utf8,
    )));
    let inspection = Inspection::of_text(token, keys, &CheckSettings::default(), 1.7e9);
    let verdict = check_text(token, key_text, SecretEncoding::Utf8);
    let findings = inspection
        .findings
        .iter()
        .map(|finding| finding.code.as_str())
        .collect();
    let strict = verdict
        .strict
        .iter()
        .map(|problem| problem.code())
        .collect();
    (verdict.status, strict, findings)
}

#[test]
fn weak_keys_sign_when_allowed_and_the_decoder_says_they_are_weak() {
    use jwt_debugger::jose::protocol::{Reply, Request, SignRequest};
    use jwt_debugger::jose::sign::{encode_allowing_weak, sign_allowing_weak};
    use jwt_debugger::jose::workshop::answer;
    let ten_bytes = "0123456789";
    let rsa_1024 = include_str!("fixtures/rsa-1024-private.pem");
    let cases = [
        (Alg::HS256, ten_bytes, "short-secret"),
        (Alg::RS256, rsa_1024, "weak-rsa"),
        (Alg::PS256, rsa_1024, "weak-rsa"),
    ];
    for (alg, key_text, code) in cases {
        let header = format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg.name());
        let request = |allow_weak| {
            answer(Request::Sign(SignRequest {
                alg,
                header: header.clone(),
                payload: r#"{"sub":"weak"}"#.to_owned(),
                key: key_text.into(),
                encoding: SecretEncoding::Utf8,
                allow_weak,
                encrypt: None,
                selective: None,
            }))
        };
        // Refused without it, with the reason.
        match request(false) {
            Reply::Failed { error } => assert!(error.starts_with("Not signed"), "{error}"),
            other => panic!("{alg:?} signed without allow_weak: {other:?}"),
        }
        let private = key(key_text);
        assert!(encode_allowing_weak(alg, &header, b"{}", &private, false).is_err());
        // Signed with it; the token verifies with the key the worker names, and the decoder
        // says the key is weak.
        let Reply::Signed(signed) = request(true) else {
            panic!("{alg:?} not signed with allow_weak");
        };
        let (status, strict, findings) = decoded_with(&signed.token, signed.verify_key.expose());
        assert_eq!(status, Status::Valid, "{alg:?}");
        assert_eq!(strict, [code], "{alg:?}");
        assert!(findings.contains(&code), "{alg:?}: {findings:?}");
        // The twin: a flipped bit does not verify.
        let (status, _, _) = decoded_with(
            &flip_signature_bit(&signed.token),
            signed.verify_key.expose(),
        );
        assert_eq!(status, Status::Invalid, "{alg:?}");
        assert!(sign_allowing_weak(alg, &private, b"x", true).is_ok());
    }
}

#[test]
fn allowing_weak_keys_still_refuses_what_cannot_work() {
    use jwt_debugger::jose::sign::sign_allowing_weak;
    let refused = |result: Result<Vec<u8>, Error>| match result {
        Err(Error::SigningRefused { reason }) => reason,
        other => panic!("{other:?}"),
    };
    let secret = key("0123456789");
    assert!(refused(sign_allowing_weak(Alg::None, &secret, b"x", true)).contains("unsecured"));
    let rsa_1024 = key(include_str!("fixtures/rsa-1024-private.pem"));
    assert!(matches!(
        sign_allowing_weak(Alg::ES256, &rsa_1024, b"x", true),
        Err(Error::KeyMismatch { .. })
    ));
    // PS512 needs 2 × 64 + 2 bytes of modulus: 1024 bits (128 bytes) cannot hold it, so it is
    // refused, not a panic; PS384 (98 bytes) fits.
    assert!(refused(sign_allowing_weak(Alg::PS512, &rsa_1024, b"x", true)).contains("too few"));
    assert!(sign_allowing_weak(Alg::PS384, &rsa_1024, b"x", true).is_ok());
    assert!(sign_allowing_weak(Alg::RS512, &rsa_1024, b"x", true).is_ok());
}
