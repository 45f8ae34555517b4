#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The JWS JSON serializations (RFC 7515 §7.2): the general and flattened examples of RFC 7520
//! §4.6–4.8 and RFC 7515 A.6/A.7 verify signature by signature with their keys, a flipped bit
//! does not, and broken structures are named.

mod common;

use common::rfc_example;
use jwt_debugger::jose::error::Error;
use jwt_debugger::jose::jws_json::{looks_like_jws, parse, JwsJson};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::status::{evaluate, Status};
use serde_json::{json, Value};

fn vector(path: &str) -> Value {
    let path = format!("{}/tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Each signature's status with this key box text.
fn statuses(jws: &JwsJson, key_text: &str) -> Vec<Status> {
    let keys = key::parse(key_text, SecretEncoding::Utf8);
    jws.signatures
        .iter()
        .map(|signature| evaluate(Some(&signature.decoded), &[], Some(&keys)).status)
        .collect()
}

/// The same serialization with the first character of signature `index` changed.
fn flipped(text: &str, index: usize) -> String {
    let mut value: Value = serde_json::from_str(text).unwrap();
    let signature = match value.get_mut("signatures") {
        Some(list) => &mut list[index]["signature"],
        None => &mut value["signature"],
    };
    let old = signature.as_str().unwrap().to_owned();
    let first = if old.starts_with('A') { 'B' } else { 'A' };
    *signature = Value::String(format!("{first}{}", &old[1..]));
    value.to_string()
}

#[test]
fn rfc7520_4_6_and_4_7_verify_in_both_forms_and_not_with_a_flipped_bit() {
    for file in [
        "4_6.protecting_specific_header_fields.json",
        "4_7.protecting_content_only.json",
    ] {
        let example = vector(&format!("rfc7520/jws/{file}"));
        let key = example["input"]["key"].to_string();
        for (form, flattened) in [("json", false), ("json_flat", true)] {
            let text = example["output"][form].to_string();
            let jws = parse(&text).unwrap();
            assert_eq!(jws.flattened, flattened, "{file} {form}");
            assert_eq!(statuses(&jws, &key), [Status::Valid], "{file} {form}");
            let broken = parse(&flipped(&text, 0)).unwrap();
            assert_eq!(
                statuses(&broken, &key),
                [Status::Invalid],
                "{file} {form}, flipped"
            );
        }
    }
}

#[test]
fn rfc7520_4_7_has_no_protected_header_and_signs_an_empty_segment_before_the_payload() {
    let example = vector("rfc7520/jws/4_7.protecting_content_only.json");
    let jws = parse(&example["output"]["json_flat"].to_string()).unwrap();
    let decoded = &jws.signatures[0].decoded;
    assert_eq!(decoded.header.as_ref().unwrap().json["alg"], "HS256");
    let input = decoded.signing_input().unwrap();
    assert_eq!(
        input[0], b'.',
        "RFC 7515 §5.2: an empty protected header segment"
    );
}

#[test]
fn rfc7520_4_8_three_signers_each_verify_with_their_own_key_only() {
    let example = vector("rfc7520/jws/4_8.multiple_signatures.json");
    let text = example["output"]["json"].to_string();
    let jws = parse(&text).unwrap();
    assert_eq!(jws.signatures.len(), 3);
    let keys = example["input"]["key"].as_array().unwrap();
    let set = json!({ "keys": keys }).to_string();
    // One key set serves every signature: RS256 and ES512 by kid, HS256 by its kid too.
    assert_eq!(
        statuses(&jws, &set),
        [Status::Valid, Status::Valid, Status::Valid]
    );
    // The ES512 signature's alg is only in its unprotected header.
    assert!(jws.signatures[1]
        .decoded
        .header
        .as_ref()
        .unwrap()
        .text
        .is_empty());
    // Each key alone verifies its own signature and no other.
    for (index, key) in keys.iter().enumerate() {
        let each = statuses(&jws, &key.to_string());
        assert_eq!(each[index], Status::Valid, "key {index}");
        assert!(
            each.iter()
                .enumerate()
                .all(|(other, status)| other == index || *status != Status::Valid),
            "key {index}: {each:?}"
        );
    }
    for index in 0..3 {
        let broken = parse(&flipped(&text, index)).unwrap();
        let each = statuses(&broken, &set);
        assert_eq!(each[index], Status::Invalid, "signature {index} flipped");
        assert_eq!(each.iter().filter(|s| **s == Status::Valid).count(), 2);
    }
}

/// RFC 7515 A.6 and A.7: the JSON forms of A.2 (RS256) and A.3 (ES256), whose signatures they
/// reuse, with kids in the unprotected headers.
#[test]
fn rfc7515_a6_general_and_a7_flattened_verify() {
    let (rs, es) = (rfc_example("RFC 7515 A.2"), rfc_example("RFC 7515 A.3"));
    let parts = |example: &Value| -> Vec<String> {
        example["token"]
            .as_str()
            .unwrap()
            .split('.')
            .map(str::to_owned)
            .collect()
    };
    let (rs_parts, es_parts) = (parts(&rs), parts(&es));
    assert_eq!(rs_parts[1], es_parts[1], "one payload");
    let general = json!({
        "payload": rs_parts[1],
        "signatures": [
            {"protected": rs_parts[0], "header": {"kid": "2010-12-29"}, "signature": rs_parts[2]},
            {"protected": es_parts[0], "header": {"kid": "e9bc097a-ce51-4036-9562-d2ade882db0d"}, "signature": es_parts[2]},
        ],
    })
    .to_string();
    let with_kid = |example: &Value, kid: &str| {
        let mut key = example["key"].clone();
        key["kid"] = json!(kid);
        key
    };
    let set = json!({"keys": [with_kid(&rs, "2010-12-29"), with_kid(&es, "e9bc097a-ce51-4036-9562-d2ade882db0d")]}).to_string();
    let jws = parse(&general).unwrap();
    assert_eq!(statuses(&jws, &set), [Status::Valid, Status::Valid]);
    assert_eq!(
        statuses(&parse(&flipped(&general, 1)).unwrap(), &set),
        [Status::Valid, Status::Invalid]
    );

    let flattened = json!({
        "payload": es_parts[1],
        "protected": es_parts[0],
        "header": {"kid": "e9bc097a-ce51-4036-9562-d2ade882db0d"},
        "signature": es_parts[2],
    })
    .to_string();
    let jws = parse(&flattened).unwrap();
    assert!(jws.flattened);
    assert_eq!(statuses(&jws, &set), [Status::Valid]);
    assert_eq!(
        statuses(&parse(&flipped(&flattened, 0)).unwrap(), &set),
        [Status::Invalid]
    );
}

#[test]
fn broken_structures_are_named() {
    let protected = "eyJhbGciOiJIUzI1NiJ9";
    for (text, says) in [
        ("[1]".to_owned(), "not a JSON object"),
        (json!({"signatures": []}).to_string(), "\"signatures\" is empty"),
        (json!({"payload": 1, "signature": "x", "protected": protected}).to_string(), "\"payload\" is not a string"),
        (json!({"payload": "e30", "signatures": []}).to_string(), "empty"),
        (json!({"payload": "e30", "signatures": {}}).to_string(), "not an array"),
        (json!({"payload": "e30", "signatures": [1]}).to_string(), "not an object"),
        (json!({"payload": "e30", "signatures": [{"protected": protected}]}).to_string(), "has no \"signature\""),
        (json!({"payload": "e30", "signatures": [{"signature": "AA"}]}).to_string(), "neither a protected nor an unprotected header"),
        (json!({"payload": "e30", "signatures": [{"protected": protected, "header": {"alg": "HS256"}, "signature": "AA"}]}).to_string(), "\"alg\" is in both"),
        (json!({"payload": "e30", "signatures": [{"protected": protected, "header": {"crit": ["b64"]}, "signature": "AA"}]}).to_string(), "\"crit\" must be in the protected header"),
        (json!({"payload": "e30", "signatures": [{"protected": protected, "signature": "AA"}], "signature": "AA"}).to_string(), "both"),
        ("{\"payload\":".to_owned(), "EOF"),
    ] {
        let err = parse(&text).unwrap_err();
        assert!(matches!(err, Error::JwsJsonStructure { .. }), "{text}: {err:?}");
        assert!(err.to_string().contains(says), "{text}: {err}");
        assert_eq!(err.code(), "jws-json-structure");
    }
}

#[test]
fn a_jws_serialization_is_told_apart_from_a_jwe_one() {
    let object = |value: Value| value.as_object().unwrap().clone();
    assert!(looks_like_jws(&object(
        json!({"payload": "e30", "signatures": []})
    )));
    assert!(looks_like_jws(&object(
        json!({"payload": "e30", "signature": "AA"})
    )));
    assert!(!looks_like_jws(&object(
        json!({"ciphertext": "x", "iv": "y", "payload": "e30", "signature": "AA"})
    )));
    assert!(!looks_like_jws(&object(json!({"payload": "e30"}))));
}

/// The page's path: one inspection of the pasted JSON, HMAC decided at once, the RSA and EC
/// signatures each a platform check (run here with the core's primitives, as the worker does).
#[test]
fn an_inspection_decides_each_signature_and_says_how_many_verify() {
    use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
    use jwt_debugger::jose::summary::summarize;
    use std::rc::Rc;

    let example = vector("rfc7520/jws/4_8.multiple_signatures.json");
    let text = serde_json::to_string_pretty(&example["output"]["json"]).unwrap();
    let set = json!({ "keys": example["input"]["key"] }).to_string();
    let keys = Some(Rc::new(key::parse(&set, SecretEncoding::Utf8)));
    let mut inspection = Inspection::of_text(&text, keys, &CheckSettings::default(), 0.0);
    assert!(!inspection.is_jwe());
    let at_once: Vec<Status> = inspection.signatures.iter().map(|v| v.status).collect();
    assert_eq!(at_once, [Status::Pending, Status::Pending, Status::Valid]);
    assert_eq!(
        inspection.verification.status,
        Status::Valid,
        "one signature is enough"
    );
    let checks = inspection.signature_checks();
    assert_eq!(
        checks.iter().map(|(index, _)| *index).collect::<Vec<_>>(),
        [0, 1]
    );
    for (index, check) in checks {
        assert!(inspection.settle_signature(index, common::decide_check_here(&check)));
        assert!(
            !inspection
                .settle_signature(index, jwt_debugger::jose::status::Verification::pending()),
            "settled once"
        );
    }
    let settled: Vec<Status> = inspection.signatures.iter().map(|v| v.status).collect();
    assert_eq!(settled, [Status::Valid; 3]);
    let summary = summarize(&inspection, 0.0).unwrap();
    assert!(
        summary.contains("general JSON serialization with 3 signatures; 3 of 3 verify"),
        "{summary}"
    );
    // The payload's text is the claims source (not JSON here: no claims table), and nothing
    // of it is read as a JWE.
    assert!(!inspection.tables.has_claims);

    // Broken JSON that says it is a JWS: malformed, with the reason.
    let broken = json!({"payload": "e30", "signatures": [{"signature": "AA"}]}).to_string();
    let inspection = Inspection::of_text(&broken, None, &CheckSettings::default(), 0.0);
    assert_eq!(inspection.verification.status, Status::Malformed);
    assert_eq!(
        inspection.verification.reason.as_ref().unwrap().code(),
        "jws-json-structure"
    );
}

/// RFC 7797 §4.2: an unencoded payload (`b64: false`) with a dot of its own, which only the
/// JSON serialization can carry; each form verifies, a changed payload does not.
#[test]
fn rfc7797_4_2_an_unencoded_payload_with_a_dot_verifies() {
    let example = vector("rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json");
    let key = example["input"]["key"].to_string();
    for form in ["json", "json_flat"] {
        let text = example["output"][form].to_string();
        let jws = parse(&text).unwrap();
        let decoded = &jws.signatures[0].decoded;
        assert_eq!(
            decoded.signing_input().unwrap(),
            example["signing"]["sig-input"].as_str().unwrap().as_bytes()
        );
        assert_eq!(statuses(&jws, &key), [Status::Valid], "{form}");
        let changed = text.replace("$.02", "$.03");
        assert_eq!(
            statuses(&parse(&changed).unwrap(), &key),
            [Status::Invalid],
            "{form} changed"
        );
    }
}

#[test]
fn signatures_that_disagree_on_b64_are_refused() {
    let example = vector("rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json");
    let mut value = example["output"]["json"].clone();
    let unencoded = value["signatures"][0].clone();
    value["signatures"] =
        json!([unencoded, {"protected": "eyJhbGciOiJIUzI1NiJ9", "signature": "AA"}]);
    let err = parse(&value.to_string()).unwrap_err();
    assert!(err.to_string().contains("disagree on \"b64\""), "{err}");
}

/// The verdict names a signature a careful verifier accepts, when one does, before one that
/// only matches: here the first signature's key is a 5-byte secret (a strict objection), the
/// second's a 32-byte one.
#[test]
fn the_overall_verdict_prefers_a_signature_without_objections() {
    use jwt_debugger::jose::alg::Alg;
    use jwt_debugger::jose::jws_json::overall;
    use jwt_debugger::jose::status::Verification;
    let payload = br#"{"sub":"both"}"#;
    let long = b"a 32-byte secret for the test ok";
    let sign = |kid: &str, secret: &[u8]| -> Vec<String> {
        common::hs_token(
            Alg::HS256,
            &format!(r#"{{"alg":"HS256","kid":"{kid}"}}"#),
            payload,
            secret,
        )
        .split('.')
        .map(str::to_owned)
        .collect()
    };
    let (short, strong) = (sign("short", b"short"), sign("long", long));
    let text = json!({
        "payload": short[1],
        "signatures": [
            {"protected": short[0], "signature": short[2]},
            {"protected": strong[0], "signature": strong[2]},
        ],
    })
    .to_string();
    let b64 = |bytes: &[u8]| jwt_debugger::jose::base64url::encode(bytes);
    let set = json!({"keys": [
        {"kty": "oct", "kid": "short", "k": b64(b"short")},
        {"kty": "oct", "kid": "long", "k": b64(long)},
    ]})
    .to_string();
    let jws = parse(&text).unwrap();
    let keys = key::parse(&set, SecretEncoding::Utf8);
    let verdicts: Vec<Verification> = jws
        .signatures
        .iter()
        .map(|s| evaluate(Some(&s.decoded), &[], Some(&keys)))
        .collect();
    assert_eq!(verdicts[0].status, Status::Valid);
    assert!(
        !verdicts[0].strict.is_empty(),
        "a 5-byte secret is objected to"
    );
    assert_eq!(verdicts[1].status, Status::Valid);
    assert!(verdicts[1].strict.is_empty(), "{:?}", verdicts[1].strict);
    let chosen = overall(&verdicts);
    assert_eq!(
        chosen.verified_by.unwrap().position,
        2,
        "the one without objections"
    );
    // With only objected-to signatures valid, the first valid one is the verdict.
    assert_eq!(overall(&verdicts[..1]).verified_by.unwrap().position, 1);
}

#[test]
fn the_claims_table_reads_the_shared_payload() {
    use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
    let rs = rfc_example("RFC 7515 A.2");
    let parts: Vec<&str> = rs["token"].as_str().unwrap().split('.').collect();
    let text =
        json!({"payload": parts[1], "protected": parts[0], "signature": parts[2]}).to_string();
    let inspection = Inspection::of_text(&text, None, &CheckSettings::default(), 0.0);
    assert!(inspection.tables.has_claims);
    assert!(inspection.tables.claims.iter().any(|row| row.name == "iss"));
    assert_eq!(inspection.verification.status, Status::NoKey);
}

/// Findings of a general serialization: what its signatures share once (the payload's missing
/// `exp`), what one signer's header does titled with that signature's number (an `alg: none`
/// signature, a `kid` with a path in it).
#[test]
fn findings_of_a_general_serialization_say_which_signature_they_are_about() {
    use jwt_debugger::jose::base64url;
    use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
    let protected = |header: Value| base64url::encode(header.to_string().as_bytes());
    let payload = base64url::encode(br#"{"sub":"someone"}"#);
    let text = json!({
        "payload": payload,
        "signatures": [
            {"protected": protected(json!({"alg": "HS256", "kid": "../../dev/null"})), "signature": "AAAA"},
            {"protected": protected(json!({"alg": "none"})), "signature": ""},
        ]
    })
    .to_string();
    let inspection = Inspection::of_text(&text, None, &CheckSettings::default(), 0.0);
    let titles: Vec<(&str, &str)> = inspection
        .findings
        .iter()
        .map(|finding| (finding.code.as_str(), finding.title.as_str()))
        .collect();
    let of = |code: &str| {
        titles
            .iter()
            .filter(|(c, _)| *c == code)
            .collect::<Vec<_>>()
    };
    assert_eq!(of("alg-none").len(), 1, "{titles:?}");
    assert!(
        of("alg-none")[0].1.starts_with("Signature 2: "),
        "{titles:?}"
    );
    assert!(
        of("kid-injection")[0].1.starts_with("Signature 1: "),
        "{titles:?}"
    );
    let missing_exp = of("missing-exp");
    assert_eq!(missing_exp.len(), 1, "shared, so said once: {titles:?}");
    assert!(!missing_exp[0].1.starts_with("Signature"), "{titles:?}");

    // Its negative twin: a serialization with one clean signature has no per-signature titles.
    let clean = json!({
        "payload": payload,
        "signatures": [{"protected": protected(json!({"alg": "HS256"})), "signature": "AAAA"}]
    })
    .to_string();
    let inspection = Inspection::of_text(&clean, None, &CheckSettings::default(), 0.0);
    assert!(inspection
        .findings
        .iter()
        .all(|finding| !finding.title.starts_with("Signature")));
    assert!(inspection
        .findings
        .iter()
        .all(|finding| finding.code.as_str() != "alg-none"));
}
