#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Detached content (RFC 7515 Appendix F, RFC 7520 §4.5) and unencoded payloads (RFC 7797 §4):
//! the payload box's content is what the signature is checked over, read as text or as
//! base64url; the verdict names it; a changed payload, a wrong key or an empty box does not
//! verify.

mod common;

use common::base64url_decode;

use std::rc::Rc;

use jwt_debugger::jose::alg::Hash;
use jwt_debugger::jose::detached::{GivenPayload, PayloadEncoding, PayloadSource};
use jwt_debugger::jose::inspection::Inspection;
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::status::Status;
use jwt_debugger::jose::summary::summarize;
use jwt_debugger::jose::{base64url, hmac};
use serde_json::{json, Value};

fn vector(path: &str) -> Value {
    let path = format!("{}/tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The inspection of `token` with the key box `key` and the payload box `given`, settled as
/// the page settles it.
fn inspect(token: &str, key: &Value, given: &GivenPayload) -> Inspection {
    common::inspect_settled(token, &key.to_string(), given)
}

fn text(payload: &str) -> GivenPayload {
    GivenPayload::new(payload, PayloadEncoding::Text)
}

fn rfc7520_4_5() -> Value {
    vector("rfc7520/jws/4_5.signature_with_detached_content.json")
}

fn wrong_secret() -> Value {
    json!({"kty": "oct", "k": base64url::encode(b"not the key of the example, 32 by")})
}

#[test]
fn rfc7520_4_5_compact_verifies_over_the_payload_given_as_text_or_base64url() {
    let example = rfc7520_4_5();
    let token = example["output"]["compact"].as_str().unwrap();
    let key = &example["input"]["key"];
    let payload = example["input"]["payload"].as_str().unwrap();

    let as_text = inspect(token, key, &text(payload));
    assert_eq!(as_text.verification.status, Status::Valid);
    let found = as_text.payload_box.as_ref().expect("a payload box");
    assert!(found.detached && !found.unencoded);
    assert_eq!(
        found.source,
        Ok(PayloadSource::Given {
            encoding: PayloadEncoding::Text,
            bytes: payload.len()
        })
    );
    // The claims source is the payload given: text here, so no claims table.
    assert!(!as_text.tables.has_claims);

    let encoded = base64url::encode(payload.as_bytes());
    let as_base64url = inspect(
        token,
        key,
        &GivenPayload::new(&encoded, PayloadEncoding::Base64url),
    );
    assert_eq!(as_base64url.verification.status, Status::Valid);

    // Negative twins: one character of the payload changed, the wrong key, no payload, and the
    // payload read the wrong way.
    let changed = payload.replacen("Frodo", "Frodi", 1);
    assert_eq!(
        inspect(token, key, &text(&changed)).verification.status,
        Status::Invalid
    );
    assert_eq!(
        inspect(token, &wrong_secret(), &text(payload))
            .verification
            .status,
        Status::Invalid
    );
    let empty = inspect(token, key, &GivenPayload::default());
    assert_eq!(empty.verification.status, Status::Malformed);
    assert_eq!(
        empty.verification.reason.as_ref().unwrap().code(),
        "detached-payload-missing"
    );
    assert_eq!(empty.decode_error(), None, "the box says it, not the token");
    assert!(empty.payload_decoded().is_none(), "no payload to show yet");
    let summary = summarize(&empty, 0.0).unwrap();
    assert!(summary.contains("(detached content)"), "{summary}");
    let summary = summarize(&as_text, 0.0).unwrap();
    assert!(
        summary.contains("whose detached payload is 167 bytes of text"),
        "{summary}"
    );
    assert_eq!(
        inspect(
            token,
            key,
            &GivenPayload::new(&encoded, PayloadEncoding::Text)
        )
        .verification
        .status,
        Status::Invalid,
        "the base64url read as text is another payload"
    );
}

#[test]
fn rfc7520_4_5_general_and_flattened_json_verify_over_the_given_payload() {
    let example = rfc7520_4_5();
    let key = &example["input"]["key"];
    let payload = example["input"]["payload"].as_str().unwrap();
    for form in ["json", "json_flat"] {
        let token = serde_json::to_string_pretty(&example["output"][form]).unwrap();
        let valid = inspect(&token, key, &text(payload));
        assert_eq!(valid.verification.status, Status::Valid, "{form}");
        assert!(
            valid
                .json_jws
                .as_deref()
                .unwrap()
                .as_ref()
                .unwrap()
                .detached
        );
        assert!(valid.payload_box.as_ref().unwrap().detached);

        let changed = inspect(&token, key, &text(&payload.replacen('I', "i", 1)));
        assert_eq!(changed.verification.status, Status::Invalid, "{form}");
        let missing = inspect(&token, key, &GivenPayload::default());
        assert_eq!(missing.verification.status, Status::Malformed, "{form}");
        assert!(missing
            .signatures
            .iter()
            .all(|verdict| verdict.reason.as_ref().unwrap().code() == "detached-payload-missing"));
    }
}

#[test]
fn rfc7797_4_2_unencoded_detached_payload_verifies_as_is() {
    let examples = vector("rfc/rfc7797_examples.json");
    let example = examples
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "RFC 7797 4.2")
        .unwrap();
    let token = example["token"].as_str().unwrap();
    let key = &example["key"];
    let valid = inspect(token, key, &text("$.02"));
    assert_eq!(valid.verification.status, Status::Valid);
    let found = valid.payload_box.as_ref().unwrap();
    assert!(found.detached && found.unencoded);
    assert!(valid.verification.strict.is_empty(), "crit lists b64");
    // The same payload as base64url ("JC4wMg") decodes to the same bytes: still valid.
    let encoded = GivenPayload::new("JC4wMg", PayloadEncoding::Base64url);
    assert_eq!(
        inspect(token, key, &encoded).verification.status,
        Status::Valid
    );
    for wrong in ["$.03", "JC4wMg", "$.02 "] {
        assert_eq!(
            inspect(token, key, &text(wrong)).verification.status,
            Status::Invalid,
            "{wrong}"
        );
    }
}

#[test]
fn an_unencoded_payload_in_the_token_is_checked_unless_another_is_given() {
    let example = vector("rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json");
    let token = serde_json::to_string(&example["output"]["json_flat"]).unwrap();
    let key = &example["input"]["key"];
    // A JSON serialization with its payload: no payload box.
    assert!(inspect(&token, key, &GivenPayload::default())
        .payload_box
        .is_none());

    // A compact token may carry an unencoded payload without dots (RFC 7797 §5.2).
    let protected = base64url::encode(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    let secret = base64url_decode(key["k"].as_str().unwrap());
    let signing_input = format!("{protected}.hello");
    let signature = hmac::sign(Hash::Sha256, &secret, signing_input.as_bytes());
    let compact = format!("{signing_input}.{}", base64url::encode(&signature));

    let in_token = inspect(&compact, key, &GivenPayload::default());
    assert_eq!(in_token.verification.status, Status::Valid);
    let found = in_token.payload_box.as_ref().unwrap();
    assert!(!found.detached && found.unencoded);
    assert_eq!(found.source, Ok(PayloadSource::Token));

    assert_eq!(
        inspect(&compact, key, &text("hello")).verification.status,
        Status::Valid
    );
    assert_eq!(
        inspect(&compact, key, &text("hellO")).verification.status,
        Status::Invalid,
        "the given payload is checked, not the token's"
    );
}

#[test]
fn a_payload_box_that_cannot_be_read_says_why_and_ordinary_tokens_get_none() {
    let example = rfc7520_4_5();
    let token = example["output"]["compact"].as_str().unwrap();
    let key = &example["input"]["key"];
    let broken = inspect(
        token,
        key,
        &GivenPayload::new("SXQ+bad", PayloadEncoding::Base64url),
    );
    assert_eq!(broken.verification.status, Status::Malformed);
    let reason = broken.verification.reason.clone().unwrap();
    assert_eq!(reason.code(), "given-payload");
    assert!(reason.to_string().contains("'+' at byte 3"), "{reason}");

    let ordinary = common::rfc_example("RFC 7515 A.1");
    let inspection = inspect(
        ordinary["token"].as_str().unwrap(),
        &ordinary["key"],
        &text("ignored"),
    );
    assert!(inspection.payload_box.is_none());
    assert_eq!(inspection.verification.status, Status::Valid);
}

#[test]
fn a_new_payload_box_rechecks_the_token_it_belongs_to() {
    let example = rfc7520_4_5();
    let token = example["output"]["compact"].as_str().unwrap();
    let keys = Some(Rc::new(key::parse(
        &example["input"]["key"].to_string(),
        SecretEncoding::Utf8,
    )));
    let mut inspection = Inspection::verdict_first(token, keys, &GivenPayload::default(), 0);
    assert_eq!(inspection.verification.status, Status::Malformed);
    inspection.give_payload(text(example["input"]["payload"].as_str().unwrap()));
    assert_eq!(inspection.verification.status, Status::Valid);
    inspection.give_payload(GivenPayload::default());
    assert_eq!(inspection.verification.status, Status::Malformed);
}
