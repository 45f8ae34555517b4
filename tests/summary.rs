//! The token summary: one or two sentences naming the kind of token (ID token, access token,
//! logout token, SD-JWT, JWT, non-JSON JWS, JWE, unsigned), its issuer, audience, subject and
//! expiry relative to now, how it is signed, and the verdict; and the twins that tell the kinds
//! and verdicts apart.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::rc::Rc;

use common::{flip_signature_bit, hs_token, settle_here, JWT_IO_SECRET, JWT_IO_TOKEN};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::examples::Example;
use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::summary::summarize;
use serde_json::Value;

/// 2026-01-01T00:00:00Z.
const NOW: f64 = 1_767_225_600.0;
const SECRET: &str = "a-string-secret-at-least-256-bits-long";

/// The inspection as the page holds it, unsettled while a platform check waits.
fn pending(token: &str, key_text: &str) -> Inspection {
    let keys = (!key_text.is_empty()).then(|| Rc::new(key::parse(key_text, SecretEncoding::Utf8)));
    Inspection::of_text(token, keys, &CheckSettings::default(), NOW)
}

/// The inspection with any platform check run by the core's own primitives.
fn inspect(token: &str, key_text: &str) -> Inspection {
    let mut inspection = pending(token, key_text);
    settle_here(&mut inspection);
    inspection
}

fn summary(token: &str, key_text: &str) -> String {
    summarize(&inspect(token, key_text), NOW).unwrap()
}

fn real_world(id: &str) -> (String, String) {
    let path = format!(
        "{}/tests/vectors/real-world/cases.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = cases.into_iter().find(|case| case["id"] == id).unwrap();
    (
        case["token"].as_str().unwrap().to_owned(),
        case["jwks"].to_string(),
    )
}

/// An HS256 token with this header and payload JSON.
fn hs(header: &str, payload: &str) -> String {
    hs_token(Alg::HS256, header, payload.as_bytes(), SECRET.as_bytes())
}

#[test]
fn an_empty_token_box_has_no_summary() {
    assert_eq!(summarize(&inspect("", ""), NOW), None);
    assert_eq!(summarize(&inspect("  \n", JWT_IO_SECRET), NOW), None);
    assert!(summarize(&inspect("x", ""), NOW).is_some());
}

#[test]
fn jwt_io_token_is_a_jwt_whose_short_secret_a_careful_verifier_refuses() {
    assert_eq!(
        summary(JWT_IO_TOKEN, JWT_IO_SECRET),
        "A JWT about 1234567890, with no expiry; signed HS256. The signature matches the key \
         you gave, but a careful verifier must refuse the token."
    );
    assert_eq!(
        summary(JWT_IO_TOKEN, ""),
        "A JWT about 1234567890, with no expiry; signed HS256. No key given, so the signature is \
         not checked."
    );
    assert!(summary(&flip_signature_bit(JWT_IO_TOKEN), JWT_IO_SECRET)
        .ends_with("The signature does not match the key you gave."));
}

#[test]
fn a_google_id_token_names_issuer_client_user_expiry_and_key() {
    let (token, jwks) = real_world("google-sa-id-token");
    let text = summary(&token, &jwks);
    assert!(
        text.starts_with(
            "An OpenID Connect ID token issued by https://accounts.google.com for client \
             http://example.com about user 104341473131825957603,"
        ),
        "{text}"
    );
    // Expired in June 2020, five years before NOW; the 40-character kid is shortened.
    assert!(
        text.contains(", expired 5 years ago; signed RS256 with key 492710a7fcdb…. "),
        "{text}"
    );
    assert!(
        text.ends_with("The signature verifies with the key you gave."),
        "{text}"
    );
    let twin = summary(&flip_signature_bit(&token), &jwks);
    assert!(
        twin.ends_with("The signature does not match the key you gave."),
        "{twin}"
    );
    // Still checking on the platform: said so, never a verdict.
    let waiting = summarize(&pending(&token, &jwks), NOW).unwrap();
    assert!(
        waiting.ends_with("The signature is being checked."),
        "{waiting}"
    );
}

#[test]
fn id_tokens_access_tokens_logout_tokens_and_sd_jwts_are_told_apart() {
    let header = r#"{"alg":"HS256","typ":"JWT"}"#;
    let cases = [
        (
            header,
            r#"{"iss":"https://op.example","nonce":"n"}"#,
            "An OpenID Connect ID token",
        ),
        (header, r#"{"auth_time":1}"#, "An OpenID Connect ID token"),
        (
            r#"{"alg":"HS256","typ":"at+jwt"}"#,
            r#"{"sub":"a"}"#,
            "An OAuth access token",
        ),
        (
            header,
            r#"{"scope":"read","azp":"c"}"#,
            "An OAuth access token",
        ),
        (header, r#"{"client_id":"c"}"#, "An OAuth access token"),
        (
            r#"{"alg":"HS256","typ":"logout+jwt"}"#,
            r#"{"events":{"http://schemas.openid.net/event/backchannel-logout":{}}}"#,
            "An OpenID Connect logout token",
        ),
        (
            header,
            r#"{"events":{"http://schemas.openid.net/event/backchannel-logout":{}},"sid":"s"}"#,
            "An OpenID Connect logout token",
        ),
        (
            header,
            r#"{"_sd":["abc"],"_sd_alg":"sha-256"}"#,
            "A selective-disclosure JWT (SD-JWT)",
        ),
        // The twins: without those claims or a typ it is a JWT, nothing more.
        (header, r#"{"iss":"https://op.example","sub":"a"}"#, "A JWT"),
        (header, r#"{"events":{"other":{}}}"#, "A JWT"),
        (r#"{"alg":"HS256","typ":"JWT"}"#, "{}", "A JWT"),
    ];
    for (header, payload, kind) in cases {
        let text = summary(&hs(header, payload), SECRET);
        assert!(
            text.starts_with(&format!("{kind} ")) || text.starts_with(&format!("{kind},")),
            "{payload}: {text}"
        );
        assert!(
            text.ends_with("The signature verifies with the key you gave."),
            "{text}"
        );
    }
}

#[test]
fn an_access_token_reads_its_audience_list_and_its_expiry_ahead() {
    let token = hs(
        r#"{"alg":"HS256","typ":"at+jwt","kid":"k1"}"#,
        &format!(
            r#"{{"iss":"https://auth.example.com","sub":"user-42","aud":["https://api.example.com","b","c"],"client_id":"app","exp":{}}}"#,
            NOW as i64 + 3 * 3600 + 59
        ),
    );
    assert_eq!(
        summary(&token, SECRET),
        "An OAuth access token issued by https://auth.example.com for https://api.example.com \
         and 2 more about user-42, expires in 3 hours; signed HS256 with key k1. The signature \
         verifies with the key you gave."
    );
    let (auth0, jwks) = real_world("auth0-access-token");
    let text = summary(&auth0, &jwks);
    assert!(
        text.starts_with("An OAuth access token issued by https://dev-87evx9ru.auth0.com/ for https://expenses-api about aW4Cca79xReL…, expired 6 years ago"),
        "{text}"
    );
}

#[test]
fn long_values_are_shortened_and_times_never_print_as_floats() {
    let token = hs(
        r#"{"alg":"HS256"}"#,
        r#"{"iss":"https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0","sub":"AAAAAAAAAAAAAAAAAAAAAAN7Gox7FEet1_RHo6NERps","exp":1767225599.75}"#,
    );
    let text = summary(&token, SECRET);
    assert!(
        text.starts_with("A JWT issued by https://login.microsoftonline.com/… about AAAAAAAAAAAA…, expired 0 s ago;"),
        "{text}"
    );
    // A short value is shown whole.
    let short = summary(
        &hs(
            r#"{"alg":"HS256"}"#,
            r#"{"sub":"exactly-24-characters-ok"}"#,
        ),
        SECRET,
    );
    assert!(short.contains("about exactly-24-characters-ok,"), "{short}");
    let odd = summary(&hs(r#"{"alg":"HS256"}"#, r#"{"exp":"tomorrow"}"#), SECRET);
    assert!(
        odd.contains("with an expiry that is not a NumericDate"),
        "{odd}"
    );
}

#[test]
fn a_jwe_says_its_algorithms_and_what_opens_it() {
    let example = Example::Jwe;
    assert_eq!(
        summary(example.token(), example.key()),
        "An encrypted token (JWE) for key management dir and content A256GCM, carrying a \
         signed JWT; decrypt it with the shared content key (a secret of the enc's key size)."
    );
    assert!(summary(example.token(), "").ends_with(" No key given."));
    let rsa = jwcrypto("RSA-OAEP-256 A256GCM");
    assert_eq!(
        summary(&rsa, ""),
        "An encrypted token (JWE) for key management RSA-OAEP-256 and content A256GCM; decrypt \
         it with an RSA private key. No key given."
    );
    // A JSON serialization reads too; one that is not a JWE says why.
    let flattened = jwcrypto("flattened JSON");
    assert!(summary(&flattened, "").starts_with(
        "An encrypted token (JWE) for key management A128KW and content A128CBC-HS256; decrypt \
         it with a shared AES key-wrapping secret."
    ));
    let not_jwe = summary(r#"{"protected":"e30"}"#, "");
    assert!(
        not_jwe.starts_with("An encrypted token (JWE) that cannot be read: "),
        "{not_jwe}"
    );
}

/// One of jwcrypto's encrypted tokens (tests/fixtures/jwe_jwcrypto.json), by name.
fn jwcrypto(name: &str) -> String {
    let all: Value = serde_json::from_str(include_str!("fixtures/jwe_jwcrypto.json")).unwrap();
    let case = all["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["name"] == name)
        .unwrap();
    case["token"].as_str().unwrap().to_owned()
}

#[test]
fn malformed_unsigned_and_non_json_tokens_say_so() {
    let broken = Example::Broken;
    let text = summary(broken.token(), broken.key());
    assert!(
        text.starts_with("A token signed HS256 whose payload cannot be read."),
        "{text}"
    );
    let header_broken = summary("e!J.e30.AA", "");
    assert!(
        header_broken.starts_with("This token's header cannot be read."),
        "{header_broken}"
    );

    let unsigned = format!(
        "{}.{}.",
        base64url::encode(br#"{"alg":"none"}"#),
        base64url::encode(br#"{"sub":"admin"}"#)
    );
    assert_eq!(
        summary(&unsigned, ""),
        "A JWT about admin, with no expiry; it is unsigned (alg none), so anyone could have \
         written it."
    );

    let text_payload = format!(
        "{}.{}",
        base64url::encode(br#"{"alg":"HS256"}"#),
        base64url::encode(b"hello world")
    );
    let token = format!(
        "{text_payload}.{}",
        base64url::encode(&jwt_debugger::jose::hmac::sign(
            jwt_debugger::jose::alg::Hash::Sha256,
            SECRET.as_bytes(),
            text_payload.as_bytes()
        ))
    );
    assert_eq!(
        summary(&token, SECRET),
        "A signed token (JWS) whose payload is 11 bytes of text, not JSON; signed HS256. The \
         signature verifies with the key you gave."
    );
}

#[test]
fn a_key_that_cannot_check_the_token_is_named() {
    let es = Example::Es256Pem;
    let rsa = Example::Rs256Jwks;
    let text = summary(es.token(), rsa.key());
    assert!(text.contains("The key you gave cannot check it."), "{text}");
    // The twin: its own key verifies it.
    assert!(
        summary(es.token(), es.key()).ends_with("The signature verifies with the key you gave.")
    );
}
