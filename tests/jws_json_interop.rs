#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! JWS JSON serializations signed by jwcrypto, an independent implementation
//! (`tests/fixtures/jws_json_jwcrypto.json`, made by `tests/fixtures/generate_jws_json.py`): the
//! flattened ES256 one and the general one with an RS256 and an ES256 signature verify with
//! their public JWK Sets, each signature naming the key that verified it; the wrong key set
//! (other keys under the same kids) and a flipped signature bit do not verify.
//!
//! Its detached-content cases (compact, RFC 7797 `b64: false`, and general JSON without
//! `payload`) verify over the payload given beside them, and not over a changed one.

mod common;

use jwt_debugger::jose::base64url;
use jwt_debugger::jose::error::Part;
use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
use jwt_debugger::jose::jws_json::{parse, JwsJson};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::status::{check_text, evaluate, Status, Verification};
use serde_json::Value;
use std::rc::Rc;

/// The fixture of this `form` ("flattened", "general" …).
fn fixture(form: &str) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/jws_json_jwcrypto.json"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(file["generator"], "jwcrypto 1.6.1");
    file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["form"] == form)
        .unwrap_or_else(|| panic!("no {form} case"))
        .clone()
}

fn text<'a>(case: &'a Value, member: &str) -> &'a str {
    case[member].as_str().unwrap()
}

/// Each signature's verdict with this key box text, checked here with pure-Rust crypto.
fn verdicts(jws: &JwsJson, key_text: &str) -> Vec<Verification> {
    let keys = key::parse(key_text, SecretEncoding::Utf8);
    assert!(keys.is_ok(), "{keys:?}");
    jws.signatures
        .iter()
        .map(|signature| evaluate(Some(&signature.decoded), &[], Some(&keys)))
        .collect()
}

fn statuses(verdicts: &[Verification]) -> Vec<Status> {
    verdicts.iter().map(|v| v.status).collect()
}

/// The kid of the key that verified each signature (`None` where none did).
fn verified_kids(verdicts: &[Verification]) -> Vec<Option<String>> {
    verdicts
        .iter()
        .map(|v| v.verified_by.as_ref().and_then(|key| key.kid.clone()))
        .collect()
}

/// The kids the fixture says signed each signature.
fn signed_by(case: &Value) -> Vec<Option<String>> {
    case["signed_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|kid| Some(kid.as_str().unwrap().to_owned()))
        .collect()
}

/// The same serialization with one bit of signature `index`'s bytes flipped.
fn flipped(token: &str, index: usize) -> String {
    let mut value: Value = serde_json::from_str(token).unwrap();
    let signature = match value.get_mut("signatures") {
        Some(list) => &mut list[index]["signature"],
        None => &mut value["signature"],
    };
    let mut bytes =
        base64url::decode_segment(signature.as_str().unwrap(), Part::Signature, 0).unwrap();
    bytes[0] ^= 0x01;
    *signature = Value::String(base64url::encode(&bytes));
    value.to_string()
}

#[test]
fn jwcrypto_flattened_es256_verifies_with_its_key_and_names_it() {
    let case = fixture("flattened");
    let token = text(&case, "token");
    let jws = parse(token).unwrap();
    assert!(jws.flattened);
    assert_eq!(jws.signatures.len(), 1);
    let header = jws.signatures[0].decoded.header.as_ref().unwrap();
    assert_eq!(header.json["alg"], "ES256");
    assert_eq!(header.kid(), Some("ec-1"));

    let good = verdicts(&jws, text(&case, "keys"));
    assert_eq!(statuses(&good), [Status::Valid]);
    assert_eq!(verified_kids(&good), signed_by(&case));
    assert_eq!(good[0].verified_by.as_ref().unwrap().position, 1);
    assert!(good[0].strict.is_empty(), "{:?}", good[0].strict);

    let wrong = verdicts(&jws, text(&case, "wrong_keys"));
    assert_eq!(statuses(&wrong), [Status::Invalid]);
    assert_eq!(verified_kids(&wrong), [None]);

    let broken = parse(&flipped(token, 0)).unwrap();
    assert_eq!(
        statuses(&verdicts(&broken, text(&case, "keys"))),
        [Status::Invalid]
    );
}

#[test]
fn jwcrypto_flattened_es256_verifies_as_a_compact_token_too() {
    // Its header is all protected, so its three members are a compact JWS as well.
    let case = fixture("flattened");
    let value: Value = serde_json::from_str(text(&case, "token")).unwrap();
    let compact = format!(
        "{}.{}.{}",
        text(&value, "protected"),
        text(&value, "payload"),
        text(&value, "signature")
    );
    let good = check_text(&compact, text(&case, "keys"), SecretEncoding::Utf8);
    assert_eq!(good.status, Status::Valid);
    assert_eq!(good.verified_by.unwrap().kid.as_deref(), Some("ec-1"));
    let wrong = check_text(&compact, text(&case, "wrong_keys"), SecretEncoding::Utf8);
    assert_eq!(wrong.status, Status::Invalid);
    let flipped = common::flip_signature_bit(&compact);
    let broken = check_text(&flipped, text(&case, "keys"), SecretEncoding::Utf8);
    assert_eq!(broken.status, Status::Invalid);
}

#[test]
fn jwcrypto_general_rs256_and_es256_each_verify_with_their_own_key() {
    let case = fixture("general");
    let token = text(&case, "token");
    let jws = parse(token).unwrap();
    assert!(!jws.flattened);
    assert_eq!(jws.signatures.len(), 2);
    // The RS256 kid is protected; the ES256 kid travels in its unprotected header.
    assert!(jws.signatures[0].unprotected.is_empty());
    assert_eq!(jws.signatures[1].unprotected["kid"], "ec-1");
    let kids: Vec<Option<&str>> = jws
        .signatures
        .iter()
        .map(|s| s.decoded.header.as_ref().unwrap().kid())
        .collect();
    assert_eq!(kids, [Some("rsa-1"), Some("ec-1")]);

    let good = verdicts(&jws, text(&case, "keys"));
    assert_eq!(statuses(&good), [Status::Valid, Status::Valid]);
    assert_eq!(verified_kids(&good), signed_by(&case));
    let positions: Vec<usize> = good
        .iter()
        .map(|v| v.verified_by.as_ref().unwrap().position)
        .collect();
    assert_eq!(positions, [1, 2], "the set lists rsa-1, then ec-1");

    let wrong = verdicts(&jws, text(&case, "wrong_keys"));
    assert_eq!(statuses(&wrong), [Status::Invalid, Status::Invalid]);

    // Each signature's flipped twin fails alone; the other still verifies.
    for index in 0..2 {
        let broken = parse(&flipped(token, index)).unwrap();
        let each = statuses(&verdicts(&broken, text(&case, "keys")));
        assert_eq!(each[index], Status::Invalid, "signature {index} flipped");
        assert_eq!(each[1 - index], Status::Valid, "signature {index} flipped");
    }
}

#[test]
fn jwcrypto_general_each_key_alone_verifies_only_its_signature() {
    let case = fixture("general");
    let jws = parse(text(&case, "token")).unwrap();
    let set: Value = serde_json::from_str(text(&case, "keys")).unwrap();
    for (index, key) in set["keys"].as_array().unwrap().iter().enumerate() {
        let each = verdicts(&jws, &key.to_string());
        assert_eq!(each[index].status, Status::Valid, "key {index}");
        assert_ne!(each[1 - index].status, Status::Valid, "key {index}");
        assert_eq!(
            verified_kids(&each)[index],
            signed_by(&case)[index],
            "key {index}"
        );
    }
}

/// The page's path: one inspection of the pasted JSON, each signature a platform check (run
/// here with the core's primitives, as the worker does), and the verdict names a key.
#[test]
fn jwcrypto_general_through_an_inspection() {
    let case = fixture("general");
    let token = text(&case, "token");
    let run = |key_text: &str| -> Vec<Verification> {
        let keys = Some(Rc::new(key::parse(key_text, SecretEncoding::Utf8)));
        let mut inspection = Inspection::of_text(token, keys, &CheckSettings::default(), 0.0);
        assert!(!inspection.is_jwe());
        for (index, check) in inspection.signature_checks() {
            assert!(inspection.settle_signature(index, common::decide_check_here(&check)));
        }
        inspection.signatures.as_ref().clone()
    };
    let good = run(text(&case, "keys"));
    assert_eq!(statuses(&good), [Status::Valid, Status::Valid]);
    assert_eq!(verified_kids(&good), signed_by(&case));
    let wrong = run(text(&case, "wrong_keys"));
    assert_eq!(statuses(&wrong), [Status::Invalid, Status::Invalid]);
}

/// The inspection of a detached case with `keys` and the payload box holding `payload`.
fn inspect_detached(case: &Value, keys: &str, payload: &str) -> Inspection {
    use jwt_debugger::jose::detached::{GivenPayload, PayloadEncoding};
    let given = GivenPayload::new(payload, PayloadEncoding::Text);
    common::inspect_settled(text(case, "token"), keys, &given)
}

#[test]
fn jwcrypto_detached_cases_verify_over_the_given_payload_only() {
    for form in [
        "compact-detached",
        "compact-unencoded-detached",
        "general-detached",
    ] {
        let case = fixture(form);
        let payload = text(&case, "payload");
        let keys = text(&case, "keys");
        let valid = inspect_detached(&case, keys, payload);
        assert_eq!(valid.verification.status, Status::Valid, "{form}");
        assert!(valid.payload_box.as_ref().unwrap().detached, "{form}");
        if form == "general-detached" {
            assert_eq!(
                statuses(&valid.signatures),
                [Status::Valid, Status::Valid],
                "{form}"
            );
            assert_eq!(verified_kids(&valid.signatures), signed_by(&case));
        }
        // Negative twins: a payload one character longer, the wrong keys, no payload.
        let changed = format!("{payload} ");
        assert_eq!(
            inspect_detached(&case, keys, &changed).verification.status,
            Status::Invalid,
            "{form}"
        );
        assert_eq!(
            inspect_detached(&case, text(&case, "wrong_keys"), payload)
                .verification
                .status,
            Status::Invalid,
            "{form}"
        );
        assert_eq!(
            inspect_detached(&case, keys, "").verification.status,
            Status::Malformed,
            "{form}"
        );
    }
}
