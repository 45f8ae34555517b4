//! Wycheproof primitive vectors through the page's platform path in real Chromium: the key read
//! by the key box, handed to WebCrypto as the core's canonical JWK, verified by `subtle.verify`.
//! Every `valid` accepted, every `invalid` rejected, as the pure-Rust path does natively. A key
//! WebCrypto cannot run is checked in Rust, as the page does, and counted.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::rc::Rc;

use common::wycheproof::{bytes, signature_groups, webcrypto_v0_groups, Case, Group, Tally};
use jwt_debugger::jose::alg::{Alg, MlDsaSet};
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::platform::{PlatformAnswer, PlatformRequest};
use jwt_debugger::jose::verify::check;
use jwt_debugger::ui::webcrypto;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! vectors {
    ($file:literal) => {
        serde_json::from_str::<Value>(include_str!(concat!("vectors/wycheproof/", $file))).unwrap()
    };
}

/// Runs the groups as the page would; returns how many cases WebCrypto could not run.
async fn run_groups(file: &str, groups: &[Group]) -> usize {
    let mut tally = Tally::default();
    let mut ran_here = 0;
    for group in groups {
        let keys = key::parse(&group.jwk, SecretEncoding::Utf8).unwrap();
        let entry = &keys.entries[0];
        for case in &group.cases {
            let Some(algorithm) = group.alg.platform() else {
                continue;
            };
            let request = PlatformRequest {
                alg: group.alg,
                algorithm,
                jwk: entry.canonical_jwk.clone(),
                signing_input: Rc::from(case.msg.as_slice()),
                signature: Rc::from(case.sig.as_slice()),
            };
            let accepted = match webcrypto::ask(&request).await {
                PlatformAnswer::Matches => true,
                PlatformAnswer::DoesNotMatch => false,
                PlatformAnswer::CannotRun => {
                    ran_here += 1;
                    check(group.alg, &entry.key, &case.msg, &case.sig)
                }
            };
            tally.record(case, accepted);
        }
    }
    console_log!(
        "WebCrypto {} (run in Rust: {ran_here})",
        tally.summary(file)
    );
    tally.assert_all_right(file);
    ran_here
}

/// Runs v1 signature files whose groups carry the key as `jwk_member`; WebCrypto must run
/// every key of them itself.
async fn run_files(files: [(Value, Alg, &str); 3], jwk_member: &str) {
    for (data, alg, name) in files {
        let ran_here = run_groups(name, &signature_groups(&data, alg, jwk_member)).await;
        assert_eq!(ran_here, 0, "{name}: WebCrypto runs every key");
    }
}

#[wasm_bindgen_test]
async fn rsa_pkcs1_v1_5_in_webcrypto() {
    let files = [
        (
            vectors!("rsa_signature_2048_sha256_test.json"),
            Alg::RS256,
            "RSA 2048 SHA-256",
        ),
        (
            vectors!("rsa_signature_2048_sha384_test.json"),
            Alg::RS384,
            "RSA 2048 SHA-384",
        ),
        (
            vectors!("rsa_signature_2048_sha512_test.json"),
            Alg::RS512,
            "RSA 2048 SHA-512",
        ),
    ];
    run_files(files, "keyJwk").await;
}

#[wasm_bindgen_test]
async fn rsa_pss_in_webcrypto() {
    let files = [
        (
            vectors!("rsa_pss_2048_sha256_mgf1_32_test.json"),
            Alg::PS256,
            "PSS 2048 SHA-256",
        ),
        (
            vectors!("rsa_pss_2048_sha384_mgf1_48_test.json"),
            Alg::PS384,
            "PSS 2048 SHA-384",
        ),
        (
            vectors!("rsa_pss_4096_sha512_mgf1_64_test.json"),
            Alg::PS512,
            "PSS 4096 SHA-512",
        ),
    ];
    run_files(files, "publicKeyJwk").await;
}

#[wasm_bindgen_test]
async fn ecdsa_p1363_in_webcrypto() {
    let files = [
        (
            vectors!("ecdsa_secp256r1_sha256_p1363_test.json"),
            Alg::ES256,
            "ECDSA P-256",
        ),
        (
            vectors!("ecdsa_secp384r1_sha384_p1363_test.json"),
            Alg::ES384,
            "ECDSA P-384",
        ),
        (
            vectors!("ecdsa_secp521r1_sha512_p1363_test.json"),
            Alg::ES512,
            "ECDSA P-521",
        ),
    ];
    run_files(files, "publicKeyJwk").await;
}

#[wasm_bindgen_test]
async fn ecdsa_webcrypto_v0_nist_curves_in_webcrypto() {
    let groups: Vec<Group> = webcrypto_v0_groups(&vectors!("v0/ecdsa_webcrypto_test.json"))
        .into_iter()
        .filter(|group| group.alg.platform().is_some())
        .collect();
    run_groups("v0/ecdsa_webcrypto_test.json (P-256/384/521)", &groups).await;
}

/// Wycheproof's ML-DSA verification files through WebCrypto's ML-DSA, the way the page checks an
/// ML-DSA token (natively, `tests/ml_dsa_wycheproof.rs` runs them through RustCrypto). A case
/// with a context is not a JOSE case and is left out, and a key of the wrong length is one the
/// key box refuses; both are counted.
async fn ml_dsa_in_webcrypto(data: Value, set: MlDsaSet) {
    let name = set.name();
    let mut groups = Vec::new();
    let (mut refused_keys, mut with_context) = (0, 0);
    for group in data["testGroups"].as_array().unwrap() {
        let jwk = json!({
            "kty": "AKP",
            "alg": name,
            "pub": base64url::encode(&bytes(&group["publicKey"])),
        })
        .to_string();
        if key::parse(&jwk, SecretEncoding::Utf8).is_err() {
            refused_keys += 1;
            continue;
        }
        let mut cases = Vec::new();
        for test in group["tests"].as_array().unwrap() {
            if test["ctx"].as_str().is_some_and(|ctx| !ctx.is_empty()) {
                with_context += 1;
                continue;
            }
            cases.push(Case {
                tc_id: test["tcId"].as_u64().unwrap(),
                result: test["result"].as_str().unwrap().to_owned(),
                msg: bytes(&test["msg"]),
                sig: bytes(&test["sig"]),
            });
        }
        groups.push(Group {
            alg: set.alg(),
            jwk,
            pem: None,
            cases,
        });
    }
    console_log!("{name}: keys refused: {refused_keys}, cases with a context: {with_context}");
    let count = |result: &str| {
        groups
            .iter()
            .flat_map(|group| &group.cases)
            .filter(|case| case.result == result)
            .count()
    };
    assert!(
        count("valid") > 60 && count("invalid") > 90,
        "{name}: the file was read"
    );
    let ran_here = run_groups(name, &groups).await;
    assert_eq!(ran_here, 0, "{name}: WebCrypto runs every key");
}

#[wasm_bindgen_test]
async fn ml_dsa_44_in_webcrypto() {
    ml_dsa_in_webcrypto(vectors!("mldsa_44_verify_test.json"), MlDsaSet::MlDsa44).await;
}

#[wasm_bindgen_test]
async fn ml_dsa_65_in_webcrypto() {
    ml_dsa_in_webcrypto(vectors!("mldsa_65_verify_test.json"), MlDsaSet::MlDsa65).await;
}

#[wasm_bindgen_test]
async fn ml_dsa_87_in_webcrypto() {
    ml_dsa_in_webcrypto(vectors!("mldsa_87_verify_test.json"), MlDsaSet::MlDsa87).await;
}
