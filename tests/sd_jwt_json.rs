#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! SD-JWTs in the JWS JSON serialization (RFC 9901 §8) through the page's inspection: the
//! issuer signatures' verdict with the key box, the disclosures from the first signature's
//! unprotected header, the processed payload (the reference verifier's), and the key binding
//! JWT's `sd_hash` over the compact form §8.1 builds. The cases come from
//! `tests/fixtures/sd_jwt/generate_json.py` (the reference implementation's presentations
//! written as §8 says, and its own JSON serialization); each has a tampered twin.

mod common;

use jwt_debugger::jose::detached::GivenPayload;
use jwt_debugger::jose::inspection::Inspection;
use jwt_debugger::jose::sd_jwt::json::Placement;
use jwt_debugger::jose::sd_jwt::{ClaimMatch, Expectation, KbStatus};
use jwt_debugger::jose::status::Status;
use serde_json::{json, Value};

fn cases() -> Vec<Value> {
    serde_json::from_str(include_str!("fixtures/sd_jwt/json_cases.json")).unwrap()
}

fn case(name: &str) -> Value {
    cases()
        .into_iter()
        .find(|case| case["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// The page's path, with the key binding's platform check settled too.
fn inspect(json: &str, keys: &Value) -> Inspection {
    let mut inspection = common::inspect_settled(json, &keys.to_string(), &GivenPayload::default());
    if let Some(check) = inspection.key_binding_check() {
        assert!(inspection.settle_key_binding(common::decide_check_here(&check)));
    }
    inspection
}

fn codes(inspection: &Inspection) -> Vec<&'static str> {
    inspection
        .findings
        .iter()
        .map(|finding| finding.code.as_str())
        .collect()
}

fn kb_status(inspection: &Inspection) -> KbStatus {
    inspection
        .sd_jwt
        .as_deref()
        .expect("read as an SD-JWT")
        .key_binding
        .status
        .clone()
}

/// Every entry of the JSON that holds the disclosures (a signature's header, or the top).
fn disclosures_mut(object: &mut Value) -> &mut Vec<Value> {
    let holder = if object.get("disclosures").is_some() {
        object
    } else if object.get("signatures").is_some() {
        &mut object["signatures"][0]["header"]
    } else {
        &mut object["header"]
    };
    holder["disclosures"].as_array_mut().unwrap()
}

#[test]
fn every_rfc_json_form_verifies_and_reads_as_the_reference_verifier_does() {
    let rfc_cases: Vec<Value> = cases()
        .into_iter()
        .filter(|case| !case["name"].as_str().unwrap().starts_with("reference-json"))
        .collect();
    assert_eq!(rfc_cases.len(), 21);
    for case in rfc_cases {
        let name = case["name"].as_str().unwrap();
        let inspection = inspect(case["json"].as_str().unwrap(), &case["keys"]);
        assert_eq!(inspection.verification.status, Status::Valid, "{name}");
        let signatures = case["signatures"].as_u64().unwrap() as usize;
        assert_eq!(inspection.signatures.len(), signatures, "{name}");
        let sd = inspection.sd_jwt.as_deref().expect("read as an SD-JWT");
        let form = sd.json.as_ref().expect("read from JSON");
        assert_eq!(form.placement, Placement::Header, "{name}");
        assert_eq!(form.signatures, signatures, "{name}");
        assert_eq!(form.flattened, name.starts_with("flattened"), "{name}");
        assert_eq!(
            form.bound,
            case["bound"].as_u64().unwrap() as usize,
            "{name}"
        );
        assert!(form.repeated_in.is_empty(), "{name}");
        // The tables read the processed payload: the reference verifier's output.
        let payload = inspection.payload_decoded().unwrap();
        assert_eq!(
            Value::Object(payload.claims().unwrap().clone()),
            case["verified"],
            "{name}"
        );
        assert!(sd
            .disclosures
            .iter()
            .all(|d| d.state.code() == "referenced"));
        assert_eq!(
            sd.undisclosed(),
            3,
            "{name}: family_name, locality and FR withheld"
        );
        let expected = match case["key_binding"].as_bool().unwrap() {
            true => KbStatus::Valid,
            false => KbStatus::NotRequired,
        };
        assert_eq!(kb_status(&inspection), expected, "{name}");
        let bound_elsewhere = codes(&inspection).contains(&"sd-json-form");
        assert_eq!(
            bound_elsewhere,
            form.bound != 0,
            "{name}: {:?}",
            codes(&inspection)
        );
    }
}

#[test]
fn a_flipped_disclosure_in_the_json_is_unreferenced_and_breaks_the_key_binding() {
    let case = case("general-two-ES256-kb");
    let mut object: Value = serde_json::from_str(case["json"].as_str().unwrap()).unwrap();
    let disclosures = disclosures_mut(&mut object);
    let first = disclosures[0].as_str().unwrap().to_owned();
    let mut chars: Vec<char> = first.chars().collect();
    chars[3] = if chars[3] == 'A' { 'B' } else { 'A' };
    disclosures[0] = Value::String(chars.into_iter().collect());
    let inspection = inspect(&object.to_string(), &case["keys"]);
    // The issuer signatures do not cover the disclosures: they still verify.
    assert_eq!(inspection.verification.status, Status::Valid);
    let sd = inspection.sd_jwt.as_deref().unwrap();
    assert_ne!(sd.disclosures[0].state.code(), "referenced");
    assert_eq!(kb_status(&inspection), KbStatus::SdHashMismatch);
    assert!(codes(&inspection).contains(&"sd-kb-failed"));
}

#[test]
fn a_withheld_disclosure_or_a_key_binding_from_another_presentation_fails_the_sd_hash() {
    let case = case("flattened-EdDSA-kb");
    let mut object: Value = serde_json::from_str(case["json"].as_str().unwrap()).unwrap();
    disclosures_mut(&mut object).pop();
    let inspection = inspect(&object.to_string(), &case["keys"]);
    assert_eq!(kb_status(&inspection), KbStatus::SdHashMismatch);

    let other = case_json("general-ES256-kb");
    let mut object: Value = serde_json::from_str(case["json"].as_str().unwrap()).unwrap();
    object["header"]["kb_jwt"] = other["signatures"][0]["header"]["kb_jwt"].clone();
    let inspection = inspect(&object.to_string(), &case["keys"]);
    // Another issuance's holder key signed it, over another presentation.
    assert_eq!(kb_status(&inspection), KbStatus::SdHashMismatch);
}

fn case_json(name: &str) -> Value {
    serde_json::from_str(case(name)["json"].as_str().unwrap()).unwrap()
}

#[test]
fn a_tampered_or_unkeyed_second_signature_fails_the_issuer_verdict_not_the_disclosures() {
    let case = case("general-two-RS256-kb");
    let mut object: Value = serde_json::from_str(case["json"].as_str().unwrap()).unwrap();
    let signature = object["signatures"][1]["signature"]
        .as_str()
        .unwrap()
        .to_owned();
    let flipped = common::flip_signature_bit(&format!("a.b.{signature}"));
    object["signatures"][1]["signature"] =
        Value::String(flipped.rsplit('.').next().unwrap().to_owned());
    let inspection = inspect(&object.to_string(), &case["keys"]);
    assert_eq!(inspection.signatures[0].status, Status::Valid);
    assert_eq!(inspection.signatures[1].status, Status::Invalid);
    // The serialization is valid when any signature verifies (as for any JWS JSON).
    assert_eq!(
        jwt_debugger::jose::jws_json::verified_count(&inspection.signatures),
        (1, 2)
    );
    // The key binding is over the first signature's compact form, which is intact.
    assert_eq!(kb_status(&inspection), KbStatus::Valid);

    // With only the first issuer's key, the second signature has none to be checked with.
    let first_only = json!({"keys": [case["keys"]["keys"][0]]});
    let inspection = inspect(case["json"].as_str().unwrap(), &first_only);
    assert_eq!(inspection.signatures[0].status, Status::Valid);
    assert_ne!(inspection.signatures[1].status, Status::Valid);
}

#[test]
fn disclosures_repeated_in_a_later_signature_are_named() {
    let case = case("general-two-ES256");
    let mut object: Value = serde_json::from_str(case["json"].as_str().unwrap()).unwrap();
    let disclosures = object["signatures"][0]["header"]["disclosures"].clone();
    object["signatures"][1]["header"] = json!({ "disclosures": disclosures });
    let inspection = inspect(&object.to_string(), &case["keys"]);
    let form = inspection.sd_jwt.as_deref().unwrap().json.clone().unwrap();
    assert_eq!(form.repeated_in, vec![1]);
    assert!(codes(&inspection).contains(&"sd-json-form"));
    let twin = inspect(case["json"].as_str().unwrap(), &case["keys"]);
    assert!(!codes(&twin).contains(&"sd-json-form"));
}

#[test]
fn the_reference_implementations_own_json_is_read_and_named_as_not_the_rfcs() {
    for name in ["reference-json-ES256", "reference-json-ES256-kb"] {
        let case = case(name);
        let inspection = inspect(case["json"].as_str().unwrap(), &case["keys"]);
        assert_eq!(inspection.verification.status, Status::Valid, "{name}");
        let sd = inspection.sd_jwt.as_deref().unwrap();
        assert_eq!(sd.json.as_ref().unwrap().placement, Placement::TopLevel);
        let payload = inspection.payload_decoded().unwrap();
        assert_eq!(
            Value::Object(payload.claims().unwrap().clone()),
            case["verified"],
            "{name}"
        );
        assert!(codes(&inspection).contains(&"sd-json-form"), "{name}");
        // Its sd_hash is over the issuance's JSON text, not the compact form §8.1 hashes.
        let expected = match case["key_binding"].as_bool().unwrap() {
            true => KbStatus::SdHashMismatch,
            false => KbStatus::NotRequired,
        };
        assert_eq!(kb_status(&inspection), expected, "{name}");
    }
}

#[test]
fn a_jws_json_without_disclosures_is_a_plain_jws_and_bad_members_are_not_an_sd_jwt() {
    let case = case("flattened-ES256");
    let mut object: Value = serde_json::from_str(case["json"].as_str().unwrap()).unwrap();
    object.as_object_mut().unwrap().remove("header");
    let inspection = inspect(&object.to_string(), &case["keys"]);
    assert!(inspection.sd_jwt.is_none());
    assert_eq!(inspection.verification.status, Status::Valid);

    object["header"] = json!({"disclosures": "not an array"});
    let inspection = inspect(&object.to_string(), &case["keys"]);
    assert!(inspection.sd_jwt.is_none());
    let found = jwt_debugger::jose::sd_jwt::json::from_object(object.as_object().unwrap());
    let err = found.unwrap().unwrap_err();
    assert_eq!(err.code(), "sd-jwt-structure");
}

#[test]
fn the_key_bindings_aud_and_nonce_are_compared_with_what_the_verifier_expects() {
    let case = case("general-ES256-kb");
    let inspection = inspect(case["json"].as_str().unwrap(), &case["keys"]);
    let jwt = inspection
        .sd_jwt
        .as_deref()
        .unwrap()
        .key_binding
        .jwt
        .clone()
        .unwrap();
    let right = Expectation {
        aud: case["aud"].as_str().unwrap().to_owned(),
        nonce: case["nonce"].as_str().unwrap().to_owned(),
    };
    assert_eq!(
        jwt.against(&right),
        [("aud", ClaimMatch::Matches), ("nonce", ClaimMatch::Matches)]
    );
    assert_eq!(
        jwt.against(&Expectation::default()),
        [
            ("aud", ClaimMatch::Unchecked),
            ("nonce", ClaimMatch::Unchecked)
        ]
    );
    let wrong = Expectation {
        aud: "https://other.example".to_owned(),
        nonce: "replayed".to_owned(),
    };
    let [(_, aud), (_, nonce)] = jwt.against(&wrong);
    assert_eq!(
        aud,
        ClaimMatch::Differs {
            found: Some(json!(case["aud"]).to_string())
        }
    );
    assert!(matches!(nonce, ClaimMatch::Differs { found: Some(_) }));
}
