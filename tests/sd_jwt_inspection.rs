#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! SD-JWT presentations through the page's inspection: the issuer JWT's verdict with the key
//! box, the processed payload as the claims the tables read, the key binding JWT checked with
//! the `cnf` key as the page checks it (on the platform), and the SD-JWT findings. The tokens
//! are the IETF reference implementation's (`tests/fixtures/sd_jwt/cases.json`).

mod common;

use std::rc::Rc;

use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::status::Status;
use serde_json::Value;

fn cases() -> Vec<Value> {
    serde_json::from_str(include_str!("fixtures/sd_jwt/cases.json")).unwrap()
}

/// The page's path: the verdict first, the issuer's and the key binding's platform checks
/// settled with the core's primitives, then the findings and tables.
fn inspect(presentation: &str, issuer_jwk: &Value) -> Inspection {
    let keys = Some(Rc::new(key::parse(
        &issuer_jwk.to_string(),
        SecretEncoding::Utf8,
    )));
    let settings = CheckSettings {
        check_at: Some(1_700_000_000.0),
        ..CheckSettings::default()
    };
    let mut inspection = Inspection::of_text(presentation, keys, &settings, 1_700_000_000.0);
    common::settle_here(&mut inspection);
    if let Some(check) = inspection.key_binding_check() {
        assert!(inspection.settle_key_binding(common::decide_check_here(&check)));
        assert!(inspection.key_binding_check().is_none(), "settled once");
    }
    inspection.retime(&settings, 1_700_000_000.0);
    inspection
}

fn codes(inspection: &Inspection) -> Vec<&'static str> {
    inspection
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

/// The presentation with one character of the issuer JWT's signature changed.
fn tampered_issuer(presentation: &str) -> String {
    let (issuer, rest) = presentation.split_once('~').unwrap();
    let (input, signature) = issuer.rsplit_once('.').unwrap();
    let mut chars: Vec<char> = signature.chars().collect();
    chars[4] = if chars[4] == 'A' { 'B' } else { 'A' };
    format!("{input}.{}~{rest}", chars.into_iter().collect::<String>())
}

#[test]
fn every_reference_presentation_verifies_and_reads_as_the_reference_verifier_does() {
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let presentation = case["presentation"].as_str().unwrap();
        let inspection = inspect(presentation, &case["issuer_jwk"]);
        assert_eq!(inspection.verification.status, Status::Valid, "{name}");
        let sd = inspection.sd_jwt.as_deref().expect("read as an SD-JWT");
        // The tables read the processed payload: the reference verifier's output.
        // (The reference verifier refuses a KB-JWT by another holder, so it gives none.)
        let payload = inspection.payload_decoded().unwrap();
        if !case["verified"].is_null() {
            assert_eq!(
                Value::Object(payload.claims().unwrap().clone()),
                case["verified"],
                "{name}"
            );
        }
        assert!(inspection.tables.has_claims, "{name}");
        let kb = sd.key_binding.status.code();
        let wrong_holder = name.ends_with("wrong-holder");
        match (case["key_binding"].as_bool().unwrap(), wrong_holder) {
            (true, false) => {
                assert_eq!(kb, "valid", "{name}");
                assert!(!codes(&inspection).contains(&"sd-kb-failed"), "{name}");
            }
            (true, true) => {
                assert_eq!(kb, "invalid", "{name}");
                assert!(codes(&inspection).contains(&"sd-kb-failed"), "{name}");
            }
            (false, _) => {
                assert!(matches!(kb, "missing" | "not-required"), "{name}: {kb}");
            }
        }
        // The negative twin: a changed issuer signature does not verify.
        let tampered = inspect(&tampered_issuer(presentation), &case["issuer_jwk"]);
        assert_eq!(tampered.verification.status, Status::Invalid, "{name}");
    }
}

#[test]
fn a_missing_key_binding_and_an_unreferenced_disclosure_are_findings() {
    let case = cases()
        .into_iter()
        .find(|c| c["name"] == "object-ES256-sha-256-kb")
        .unwrap();
    let presentation = case["presentation"].as_str().unwrap();
    // Without its KB-JWT (everything after the last '~'), the cnf key asks for one.
    let cut = &presentation[..=presentation.rfind('~').unwrap()];
    let without = inspect(cut, &case["issuer_jwk"]);
    assert_eq!(
        without.sd_jwt.as_deref().unwrap().key_binding.status.code(),
        "missing"
    );
    assert!(
        codes(&without).contains(&"sd-kb-missing"),
        "{:?}",
        codes(&without)
    );
    // A disclosure that no digest references: named, and the KB-JWT's sd_hash no longer
    // covers the presentation.
    let extra = "WyJzYWx0IiwgImV4dHJhIiwgdHJ1ZV0";
    let (head, kb) = presentation.rsplit_once('~').unwrap();
    let padded = format!("{head}~{extra}~{kb}");
    let inspection = inspect(&padded, &case["issuer_jwk"]);
    let sd = inspection.sd_jwt.as_deref().unwrap();
    assert!(sd
        .disclosures
        .iter()
        .any(|d| d.state.code() == "unreferenced"));
    assert!(
        codes(&inspection).contains(&"sd-disclosure"),
        "{:?}",
        codes(&inspection)
    );
    assert_eq!(sd.key_binding.status.code(), "sd-hash-mismatch");
    assert!(codes(&inspection).contains(&"sd-kb-failed"));
    // An ordinary JWT is not read as an SD-JWT.
    let plain = Inspection::of_text(common::JWT_IO_TOKEN, None, &CheckSettings::default(), 0.0);
    assert!(plain.sd_jwt.is_none());
}
