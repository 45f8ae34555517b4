//! Wycheproof's ML-DSA verification vectors (`tests/vectors/wycheproof/mldsa_{44,65,87}_verify_test.json`,
//! C2SP/wycheproof `testvectors_v1/`, see tests/vectors/SOURCES.md §1c) run through the core's
//! verifier. Each group's key is read twice, as an AKP JWK (`pub` = the raw `publicKey`) and as
//! SPKI PEM (`publicKeyDer`), and the two must be the same key, or both refused when its length
//! is not the set's. JOSE signs with the empty context, so a case with a non-empty `ctx` cannot
//! be a JOSE case: it is counted as skipped, and its signature must not verify with the empty
//! context either. Every valid case has a flipped-bit twin and a wrong-set twin.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::wycheproof::bytes;
use common::wycheproof_file;

use jwt_debugger::jose::alg::{Alg, MlDsaSet};
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::key::{self, Key, SecretEncoding};
use jwt_debugger::jose::verify::check;
use serde_json::{json, Value};

fn other_set(set: MlDsaSet) -> MlDsaSet {
    match set {
        MlDsaSet::MlDsa44 => MlDsaSet::MlDsa65,
        MlDsaSet::MlDsa65 => MlDsaSet::MlDsa87,
        MlDsaSet::MlDsa87 => MlDsaSet::MlDsa44,
    }
}

/// The group's key as the key box reads it: from an AKP JWK and from SPKI PEM.
fn group_key(set: MlDsaSet, group: &Value) -> Result<Key, String> {
    let raw = bytes(&group["publicKey"]);
    let jwk = json!({"kty": "AKP", "alg": set.name(), "pub": base64url::encode(&raw)}).to_string();
    let der = bytes(&group["publicKeyDer"]);
    let pem = der::pem::encode_string("PUBLIC KEY", der::pem::LineEnding::LF, &der).unwrap();
    let from_jwk = key::parse(&jwk, SecretEncoding::Utf8);
    let from_pem = key::parse(&pem, SecretEncoding::Utf8);
    match (from_jwk, from_pem) {
        (Ok(jwk), Ok(pem)) => {
            assert_eq!(
                jwk.entries[0].key, pem.entries[0].key,
                "JWK and SPKI differ"
            );
            Ok(jwk.entries[0].key.clone())
        }
        (Err(jwk), Err(pem)) => {
            assert_eq!(jwk.code(), "key-format", "{jwk}");
            assert_eq!(pem.code(), "key-format", "{pem}");
            Err(jwk.to_string())
        }
        (jwk, pem) => panic!("the JWK and the SPKI disagree: {jwk:?} / {pem:?}"),
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    valid: usize,
    invalid: usize,
    /// Invalid because the key parser refuses the public key (its length is not the set's).
    refused_key: usize,
    /// A non-empty context, labelled valid: not a JOSE case (JOSE uses the empty context).
    skipped_context_valid: usize,
    /// A non-empty context, labelled invalid (a context over 255 bytes): not a JOSE case.
    skipped_context_invalid: usize,
}

fn run(file: &str, set: MlDsaSet) -> Counts {
    let data = wycheproof_file(file);
    assert_eq!(data["algorithm"], set.name());
    assert_eq!(data["schema"], "mldsa_verify_schema.json");
    let alg = set.alg();
    let wrong_alg = other_set(set).alg();
    let mut counts = Counts::default();
    let mut total = 0;
    for group in data["testGroups"].as_array().unwrap() {
        assert_eq!(group["type"], "MlDsaVerify");
        let key = group_key(set, group);
        for test in group["tests"].as_array().unwrap() {
            total += 1;
            let id = test["tcId"].as_u64().unwrap();
            let result = test["result"].as_str().unwrap();
            let msg = bytes(&test["msg"]);
            let sig = bytes(&test["sig"]);
            let context = test.get("ctx").map(bytes).unwrap_or_default();
            let key = match &key {
                Ok(key) => key,
                Err(reason) => {
                    assert_eq!(result, "invalid", "tcId {id}: the key is refused: {reason}");
                    let flags = test["flags"].as_array().unwrap();
                    assert!(
                        flags.iter().any(|flag| flag == "IncorrectPublicKeyLength"),
                        "tcId {id}: {reason}"
                    );
                    counts.refused_key += 1;
                    continue;
                }
            };
            let verified = check(alg, key, &msg, &sig);
            if !context.is_empty() {
                // Signed under a context (or an over-long one): JOSE's empty context never
                // accepts it.
                assert!(
                    !verified,
                    "tcId {id}: a context signature verifies without it"
                );
                match result {
                    "valid" => counts.skipped_context_valid += 1,
                    _ => counts.skipped_context_invalid += 1,
                }
                continue;
            }
            match result {
                "valid" => {
                    assert!(verified, "tcId {id} is valid but refused");
                    let mut flipped = sig.clone();
                    flipped[sig.len() / 2] ^= 0x01;
                    assert!(!check(alg, key, &msg, &flipped), "tcId {id} flipped");
                    assert!(!check(wrong_alg, key, &msg, &sig), "tcId {id} wrong set");
                    let mut other_msg = msg.clone();
                    other_msg.push(0);
                    assert!(
                        !check(alg, key, &other_msg, &sig),
                        "tcId {id} other message"
                    );
                    counts.valid += 1;
                }
                "invalid" => {
                    assert!(!verified, "tcId {id} is invalid but accepted");
                    counts.invalid += 1;
                }
                other => panic!("tcId {id}: result {other}"),
            }
        }
    }
    assert_eq!(total, data["numberOfTests"].as_u64().unwrap() as usize);
    println!("{file}: {counts:?}");
    counts
}

#[test]
fn wycheproof_ml_dsa_44_verify() {
    let counts = run("mldsa_44_verify_test.json", MlDsaSet::MlDsa44);
    let expected = Counts {
        valid: 75,
        invalid: 94,
        refused_key: 4,
        skipped_context_valid: 2,
        skipped_context_invalid: 5,
    };
    assert_eq!(counts, expected);
}

#[test]
fn wycheproof_ml_dsa_65_verify() {
    let counts = run("mldsa_65_verify_test.json", MlDsaSet::MlDsa65);
    let expected = Counts {
        valid: 77,
        invalid: 122,
        refused_key: 4,
        skipped_context_valid: 2,
        skipped_context_invalid: 5,
    };
    assert_eq!(counts, expected);
}

#[test]
fn wycheproof_ml_dsa_87_verify() {
    let counts = run("mldsa_87_verify_test.json", MlDsaSet::MlDsa87);
    let expected = Counts {
        valid: 69,
        invalid: 161,
        refused_key: 4,
        skipped_context_valid: 2,
        skipped_context_invalid: 5,
    };
    assert_eq!(counts, expected);
}

/// The skipped cases are exactly those with a non-empty context: 7 per file, as in
/// SOURCES.md.
#[test]
fn only_cases_with_a_context_are_skipped() {
    for file in [
        "mldsa_44_verify_test.json",
        "mldsa_65_verify_test.json",
        "mldsa_87_verify_test.json",
    ] {
        let data = wycheproof_file(file);
        let with_context = data["testGroups"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|group| group["tests"].as_array().unwrap())
            .filter(|test| test.get("ctx").is_some_and(|ctx| ctx != ""))
            .count();
        assert_eq!(with_context, 7, "{file}");
    }
}

/// `Alg` names the three sets the files are for.
#[test]
fn the_files_name_the_sets_the_core_knows() {
    for name in ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"] {
        let set = MlDsaSet::from_name(name).unwrap();
        assert_eq!(Alg::from_name(name), Some(set.alg()));
    }
}
