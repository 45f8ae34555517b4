#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! A token's `x5c` chain in the page's verdict: with a CA certificate in the key box, the
//! signature is checked with the chain's leaf key and stands only when the chain reaches that
//! anchor intact (the verdict names the leaf and the anchor); a broken or unanchored chain makes
//! a careful verifier refuse it; without an anchor the verdict is as for any token. The links
//! are settled as the page settles them: every signature answered by the platform.

mod common;

use std::rc::Rc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::platform::PlatformAnswer;
use jwt_debugger::jose::status::Status;
use jwt_debugger::jose::token::decode;
use serde_json::Value;

fn chains() -> Vec<Value> {
    let file: Value = serde_json::from_str(include_str!("fixtures/chain/chains.json")).unwrap();
    file["cases"].as_array().unwrap().clone()
}

fn case(id: &str) -> Value {
    chains().into_iter().find(|c| c["id"] == id).unwrap()
}

fn apple() -> Value {
    common::real_world_case("apple-app-store-notification-es256-x5c")
}

/// 2024-06-01, inside the App Store leaf's validity.
const APPLE_CHECK_TIME: f64 = 1_717_200_000.0;

/// The inspection of `token` with `key_text` at `at`, its chain and signature settled as the
/// page settles them (the chain's links and the signature each answered by the platform).
fn inspect(token: &str, key_text: &str, at: f64) -> Inspection {
    let keys = Some(Rc::new(key::parse(key_text, SecretEncoding::Utf8)));
    let settings = CheckSettings {
        check_at: Some(at),
        ..CheckSettings::default()
    };
    let mut inspection = Inspection::of_text(token, keys, &settings, at);
    if let Some(plan) = inspection.chain_plan() {
        let answers: Vec<PlatformAnswer> = plan
            .signatures()
            .iter()
            .map(|link| match link.verify_here() {
                true => PlatformAnswer::Matches,
                false => PlatformAnswer::DoesNotMatch,
            })
            .collect();
        assert!(inspection.settle_chain(&answers));
        assert!(!inspection.settle_chain(&answers), "settled once");
    }
    if let Some(check) = inspection.platform_check() {
        inspection.settle(common::decide_check_here(&check));
    }
    inspection
}

fn strict_codes(inspection: &Inspection) -> Vec<&'static str> {
    common::strict_codes(inspection)
}

#[test]
fn apples_app_store_token_verifies_with_its_leaf_when_apple_root_ca_g3_is_the_anchor() {
    let apple = apple();
    let token = apple["token"].as_str().unwrap();
    let header = decode(token).header.unwrap().json;
    let root =
        common::pem_certificate(&STANDARD.decode(header["x5c"][2].as_str().unwrap()).unwrap());
    let inspection = inspect(token, &root, APPLE_CHECK_TIME);
    assert_eq!(inspection.verification.status, Status::Valid);
    assert_eq!(strict_codes(&inspection), Vec::<&str>::new());
    let key = inspection.verification.verified_by.as_ref().unwrap();
    assert!(
        key.anchor
            .as_deref()
            .unwrap()
            .contains("Apple Root CA - G3"),
        "{key:?}"
    );
    assert!(key
        .certificate
        .as_ref()
        .unwrap()
        .subject
        .contains("Prod ECC Mac App Store"));
    let chain = inspection.chain.as_ref().unwrap().checked().unwrap();
    assert_eq!(chain.code(), "anchored");
    let summary = jwt_debugger::jose::summary::summarize(&inspection, APPLE_CHECK_TIME).unwrap();
    assert!(
        summary.contains("chain reaches the trust anchor you gave"),
        "{summary}"
    );

    // Negative twins: a flipped signature bit is invalid; after the leaf expired the chain is
    // broken and a careful verifier refuses; an unrelated root does not anchor it.
    let flipped = inspect(&common::flip_signature_bit(token), &root, APPLE_CHECK_TIME);
    assert_eq!(flipped.verification.status, Status::Invalid);
    let expired = inspect(token, &root, 1_900_000_000.0);
    assert_eq!(expired.verification.status, Status::Valid);
    assert_eq!(strict_codes(&expired), ["chain-not-trusted"]);
    let unrelated = inspect(
        token,
        case("rsa-pkcs1")["anchor_pem"].as_str().unwrap(),
        APPLE_CHECK_TIME,
    );
    assert_eq!(strict_codes(&unrelated), ["chain-not-trusted"]);
    let said = unrelated.verification.strict[0].to_string();
    assert!(
        said.contains("reaches none of the 1 trust anchor"),
        "{said}"
    );
}

#[test]
fn without_an_anchor_the_chain_is_shown_and_the_verdict_is_as_today() {
    let fixture = case("ec-mixed");
    let token = fixture["token"].as_str().unwrap();
    let at = fixture["check_time"].as_f64().unwrap();
    // The leaf's own certificate in the key box: it verifies, and the strict verdict objects
    // that the key is the token's own chain's leaf.
    let inspection = inspect(token, fixture["leaf_pem"].as_str().unwrap(), at);
    assert_eq!(inspection.verification.status, Status::Valid);
    assert_eq!(strict_codes(&inspection), ["key-from-token"]);
    let chain = inspection.chain.as_ref().unwrap().checked().unwrap();
    assert_eq!(chain.code(), "unanchored");
    // No key at all: the chain is still checked and shown.
    let keyless = Inspection::of_text(token, None, &CheckSettings::default(), at);
    assert_eq!(keyless.verification.status, Status::NoKey);
    assert!(keyless.chain.is_some());
}

#[test]
fn every_generated_chain_decides_the_verdict_with_its_anchor() {
    for fixture in chains() {
        let id = fixture["id"].as_str().unwrap();
        let token = fixture["token"].as_str().unwrap();
        let at = fixture["check_time"].as_f64().unwrap();
        let inspection = inspect(token, fixture["anchor_pem"].as_str().unwrap(), at);
        let chain = inspection.chain.as_ref().unwrap().checked().unwrap();
        let expected = fixture["expect"]["chain"].as_str().unwrap();
        assert_eq!(chain.code(), expected, "{id}");
        match expected {
            "anchored" => {
                assert!(
                    inspection.verification.strictly_valid(),
                    "{id}: {:?}",
                    inspection.verification
                );
                assert!(inspection
                    .verification
                    .verified_by
                    .as_ref()
                    .unwrap()
                    .anchor
                    .is_some());
            }
            _ => {
                assert_eq!(inspection.verification.status, Status::Valid, "{id}");
                assert_eq!(strict_codes(&inspection), ["chain-not-trusted"], "{id}");
            }
        }
        // The negative twin of each: a flipped signature bit never verifies.
        let flipped = inspect(
            &common::flip_signature_bit(token),
            fixture["anchor_pem"].as_str().unwrap(),
            at,
        );
        assert_eq!(flipped.verification.status, Status::Invalid, "{id}");
    }
}

#[test]
fn the_verdict_waits_for_the_chain_when_it_decides_it() {
    let fixture = case("ed25519");
    let token = fixture["token"].as_str().unwrap();
    let at = fixture["check_time"].as_f64().unwrap();
    let keys = Some(Rc::new(key::parse(
        fixture["anchor_pem"].as_str().unwrap(),
        SecretEncoding::Utf8,
    )));
    let mut inspection = Inspection::verdict_first(token, keys, &Default::default(), at as i64);
    // EdDSA is decided here at once, but the chain's links still wait on the platform.
    assert!(inspection.chain_plan().is_some());
    assert_eq!(inspection.verification.status, Status::Pending);
    assert!(
        inspection.platform_check().is_none(),
        "the signature is decided"
    );
    let answers =
        vec![PlatformAnswer::CannotRun; inspection.chain_plan().unwrap().signatures().len()];
    assert!(inspection.settle_chain(&answers));
    // Links the platform could not check leave the chain unproven: refuse, never "verified".
    assert_eq!(inspection.verification.status, Status::Valid);
    assert_eq!(strict_codes(&inspection), ["chain-not-trusted"]);
}
