#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Why a signature failed (`jose::diagnosis`): each mistake people make, made on purpose with
//! the fixture keys, is named with its code; its twin (the same token with a key that simply
//! does not match) finds nothing else and says what it tried; a token that verifies needs no
//! diagnosis. The worker's wire carries the answer.

mod common;

use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::diagnosis::{diagnose, DiagnosisCode};
use jwt_debugger::jose::key::private;
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::protocol::{Reply, Request};
use jwt_debugger::jose::sign;
use jwt_debugger::jose::workshop::handle;
use p256::ecdsa::signature::hazmat::PrehashSigner;

const PAYLOAD: &[u8] = br#"{"sub":"1234567890","name":"Ada","iat":1516239022}"#;

fn codes(token: &str, key: &str, encoding: SecretEncoding) -> Vec<&'static str> {
    diagnose(token, key, encoding)
        .expect("a failed signature to diagnose")
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn hs256(secret: &[u8]) -> String {
    common::hs_token(
        Alg::HS256,
        r#"{"alg":"HS256","typ":"JWT"}"#,
        PAYLOAD,
        secret,
    )
}

fn signed(alg: Alg, header: &str, private_pem: &str) -> String {
    let key = private::parse(private_pem, SecretEncoding::Utf8).unwrap();
    sign::encode(alg, header, PAYLOAD, &key).unwrap()
}

fn fixture_key(name: &str, format: &str) -> String {
    common::fixture(name)["keys"][format]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The token with its signature segment replaced.
fn with_signature(token: &str, signature: &str) -> String {
    let (input, _) = token.rsplit_once('.').unwrap();
    format!("{input}.{signature}")
}

#[test]
fn a_token_that_verifies_needs_no_diagnosis() {
    let token = hs256(b"a-secret-long-enough-for-hs256-0123");
    assert_eq!(
        diagnose(
            &token,
            "a-secret-long-enough-for-hs256-0123",
            SecretEncoding::Utf8
        ),
        None
    );
}

#[test]
fn a_secret_in_another_encoding_is_found_and_a_wrong_secret_is_nothing_found() {
    let bytes = b"\x8a\x01\xffsecret-bytes-of-a-random-key-00";
    let token = hs256(bytes);
    let base64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes);
    assert_eq!(
        codes(&token, &base64, SecretEncoding::Utf8),
        ["secret-encoding"]
    );
    let found = diagnose(&token, &base64, SecretEncoding::Utf8).unwrap();
    assert!(found[0].detail.contains("base64"), "{}", found[0].detail);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        codes(&token, &hex, SecretEncoding::Base64Url),
        ["secret-encoding"]
    );

    let nothing = diagnose(
        &token,
        "another-secret-entirely-000000",
        SecretEncoding::Utf8,
    )
    .unwrap();
    assert_eq!(nothing.len(), 1);
    assert_eq!(nothing[0].code, DiagnosisCode::NothingFound);
    assert!(nothing[0].detail.contains("every encoding"));
}

#[test]
fn a_stray_newline_or_quotes_around_the_secret_are_found() {
    let secret = "your-256-bit-secret-for-the-tests";
    let signed_with_newline = hs256(format!("{secret}\n").as_bytes());
    assert_eq!(
        codes(&signed_with_newline, secret, SecretEncoding::Utf8),
        ["secret-whitespace"]
    );
    let signed_plain = hs256(secret.as_bytes());
    assert_eq!(
        codes(
            &signed_plain,
            &format!("  {secret}\n"),
            SecretEncoding::Utf8
        ),
        ["secret-whitespace"]
    );
    assert_eq!(
        codes(
            &signed_plain,
            &format!("\"{secret}\""),
            SecretEncoding::Utf8
        ),
        ["secret-whitespace"]
    );
    // The twin: the same shape with a secret that differs in a letter.
    assert_eq!(
        codes(
            &signed_plain,
            "your-256-bit-secret-for-the-testz\n",
            SecretEncoding::Utf8
        ),
        ["nothing-found"]
    );
}

#[test]
fn another_key_of_the_set_is_found_when_the_kid_names_another_or_none() {
    // The fixture set: a decoy (kid "decoy") and the signing key (kid "es256-fixture").
    let set = fixture_key("ES256", "jwks");
    let pem = fixture_key("ES256", "pkcs8-pem");
    let kid_unknown = signed(Alg::ES256, r#"{"alg":"ES256","kid":"rotated"}"#, &pem);
    let kid_other = signed(Alg::ES256, r#"{"alg":"ES256","kid":"decoy"}"#, &pem);
    assert_eq!(
        codes(&kid_unknown, &set, SecretEncoding::Utf8),
        ["kid-mismatch"]
    );
    let found = diagnose(&kid_other, &set, SecretEncoding::Utf8).unwrap();
    assert_eq!(found[0].code, DiagnosisCode::OtherKey);
    assert!(
        found[0].detail.contains("es256-fixture"),
        "{}",
        found[0].detail
    );
    // The twin: a set of the decoy alone finds nothing else.
    let mut decoy_only: serde_json::Value = serde_json::from_str(&set).unwrap();
    decoy_only["keys"].as_array_mut().unwrap().truncate(1);
    assert_eq!(
        codes(&kid_unknown, &decoy_only.to_string(), SecretEncoding::Utf8),
        ["nothing-found"]
    );
}

#[test]
fn another_algorithm_of_the_family_is_found() {
    let pem = fixture_key("RS256", "pkcs8-pem");
    let public = fixture_key("RS256", "spki-pem");
    // Signed PS256, labelled RS256.
    let key = private::parse(&pem, SecretEncoding::Utf8).unwrap();
    let header = r#"{"alg":"RS256"}"#;
    let input = format!(
        "{}.{}",
        base64url::encode(header.as_bytes()),
        base64url::encode(PAYLOAD)
    );
    let signature = sign::sign(Alg::PS256, &key, input.as_bytes()).unwrap();
    let token = format!("{input}.{}", base64url::encode(&signature));
    let found = diagnose(&token, &public, SecretEncoding::Utf8).unwrap();
    assert_eq!(found[0].code, DiagnosisCode::OtherAlg);
    assert!(found[0].detail.contains("PS256"), "{}", found[0].detail);

    // HS512's tag under an HS256 header.
    let secret = b"a-secret-long-enough-for-hs512-0123456789-0123456789-0123456789!";
    let hs512 = common::hs_token(Alg::HS512, r#"{"alg":"HS256"}"#, PAYLOAD, secret);
    assert_eq!(
        codes(
            &hs512,
            std::str::from_utf8(secret).unwrap(),
            SecretEncoding::Utf8
        ),
        ["other-alg"]
    );

    // ES256 labelled, but the P-256 signature is over a SHA-384 hash.
    let ec_pem = fixture_key("ES256", "pkcs8-pem");
    let header = r#"{"alg":"ES256"}"#;
    let input = format!(
        "{}.{}",
        base64url::encode(header.as_bytes()),
        base64url::encode(PAYLOAD)
    );
    let signing = {
        use p256::pkcs8::DecodePrivateKey;
        p256::ecdsa::SigningKey::from_pkcs8_pem(&ec_pem).unwrap()
    };
    let digest = jwt_debugger::jose::alg::Hash::Sha384.digest(input.as_bytes());
    let signature: p256::ecdsa::Signature = signing.sign_prehash(&digest).unwrap();
    let token = format!("{input}.{}", base64url::encode(&signature.to_bytes()));
    let found = diagnose(
        &token,
        &fixture_key("ES256", "spki-pem"),
        SecretEncoding::Utf8,
    )
    .unwrap();
    assert_eq!(found[0].code, DiagnosisCode::OtherAlg);
    assert!(found[0].detail.contains("SHA-384"), "{}", found[0].detail);
}

#[test]
fn a_der_ecdsa_signature_is_found_and_a_cut_one_is_the_wrong_length() {
    let token = signed(
        Alg::ES256,
        r#"{"alg":"ES256"}"#,
        &fixture_key("ES256", "pkcs8-pem"),
    );
    let public = fixture_key("ES256", "spki-pem");
    let (_, segment) = token.rsplit_once('.').unwrap();
    let fixed = common::base64url_decode(segment);
    let der = p256::ecdsa::Signature::from_slice(&fixed).unwrap().to_der();
    let der_token = with_signature(&token, &base64url::encode(der.as_bytes()));
    assert_eq!(
        codes(&der_token, &public, SecretEncoding::Utf8),
        ["ecdsa-der"]
    );

    let cut = with_signature(&token, &base64url::encode(&fixed[..63]));
    assert_eq!(
        codes(&cut, &public, SecretEncoding::Utf8),
        ["signature-length"]
    );
    // The twin: a full-length signature that is simply wrong.
    let flipped = common::flip_signature_bit(&token);
    assert_eq!(
        codes(&flipped, &public, SecretEncoding::Utf8),
        ["nothing-found"]
    );
}

#[test]
fn a_signature_in_standard_base64_is_found() {
    let secret = "a-secret-long-enough-for-hs256-0123";
    // Find a token whose tag has a + or / in standard base64, then write it that way.
    let token = (0..64)
        .map(|n| {
            common::hs_token(
                Alg::HS256,
                r#"{"alg":"HS256"}"#,
                format!(r#"{{"n":{n}}}"#).as_bytes(),
                secret.as_bytes(),
            )
        })
        .find(|token| token.rsplit('.').next().unwrap().contains(['-', '_']))
        .unwrap();
    let tag = common::base64url_decode(token.rsplit('.').next().unwrap());
    let standard = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &tag);
    let written = with_signature(&token, &standard);
    assert_eq!(
        codes(&written, secret, SecretEncoding::Utf8),
        ["base64-not-url"]
    );
    // The twin: standard base64 of a wrong tag is only nothing found.
    let wrong = with_signature(
        &written,
        &standard.replacen(|c: char| c.is_ascii_digit(), "A", 1),
    );
    assert!(!codes(&wrong, secret, SecretEncoding::Utf8).contains(&"base64-not-url"));
}

#[test]
fn the_worker_answers_a_diagnosis_request() {
    let token = hs256(b"your-256-bit-secret-for-the-tests\n");
    let request = Request::Diagnose {
        token,
        key: "your-256-bit-secret-for-the-tests".into(),
        encoding: SecretEncoding::Utf8,
    };
    assert_eq!(Request::decode(&request.encode()).unwrap(), request);
    let Reply::Diagnosed(found) = Reply::decode(&handle(&request.encode())).unwrap() else {
        panic!("a diagnosis");
    };
    assert_eq!(found[0].code, DiagnosisCode::SecretWhitespace);
    assert_eq!(
        Reply::decode(&Reply::Diagnosed(found.clone()).encode()).unwrap(),
        Reply::Diagnosed(found)
    );
}

#[test]
fn an_sd_jwt_is_diagnosed_by_its_issuer_jwt() {
    let bytes = b"\x8a\x01\xffsecret-bytes-of-a-random-key-00";
    let presentation = format!("{}~WyJzYWx0IiwgImEiLCAxXQ~", hs256(bytes));
    let base64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes);
    assert_eq!(
        codes(&presentation, &base64, SecretEncoding::Utf8),
        ["secret-encoding"]
    );
    assert_eq!(
        codes(
            &presentation,
            "a-different-secret-0000000000",
            SecretEncoding::Utf8
        ),
        ["nothing-found"]
    );
}
