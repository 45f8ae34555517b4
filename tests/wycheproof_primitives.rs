//! Wycheproof primitive vectors run through the same check the JWS path uses
//! (`verify::check` with keys read by the key box's parser): every `valid` accepted, every
//! `invalid` rejected; `acceptable` may go either way and is counted.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::wycheproof_file;

use common::wycheproof::{bytes, signature_groups, webcrypto_v0_groups, Case, Group, Tally};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::key::{self, Key, SecretEncoding};
use jwt_debugger::jose::verify::check;

/// Reads a key the way the key box does, from JSON or PEM text.
fn read_key(text: &str) -> Key {
    let keys = key::parse(text, SecretEncoding::Utf8).unwrap_or_else(|err| panic!("{err}"));
    keys.entries.into_iter().next().unwrap().key
}

/// Checks every case of the groups with the pure-Rust path and asserts the labels hold.
fn run_groups(file: &str, groups: &[Group]) {
    let mut tally = Tally::default();
    for group in groups {
        let key = read_key(&group.jwk);
        if let Some(pem) = &group.pem {
            // The PEM route must read the very same key as the JWK route.
            assert_eq!(
                key::thumbprint::of(&read_key(pem)),
                key::thumbprint::of(&key),
                "{file}: PEM and JWK disagree"
            );
        }
        for case in &group.cases {
            tally.record(case, check(group.alg, &key, &case.msg, &case.sig));
        }
    }
    println!("{}", tally.summary(file));
    tally.assert_all_right(file);
}

fn run_signature_file(file: &str, alg: Alg, jwk_member: &str) {
    run_groups(
        file,
        &signature_groups(&wycheproof_file(file), alg, jwk_member),
    );
}

#[test]
fn rsa_pkcs1_v1_5() {
    run_signature_file("rsa_signature_2048_sha256_test.json", Alg::RS256, "keyJwk");
    run_signature_file("rsa_signature_2048_sha384_test.json", Alg::RS384, "keyJwk");
    run_signature_file("rsa_signature_2048_sha512_test.json", Alg::RS512, "keyJwk");
}

#[test]
fn rsa_pss() {
    run_signature_file(
        "rsa_pss_2048_sha256_mgf1_32_test.json",
        Alg::PS256,
        "publicKeyJwk",
    );
    run_signature_file(
        "rsa_pss_2048_sha384_mgf1_48_test.json",
        Alg::PS384,
        "publicKeyJwk",
    );
    run_signature_file(
        "rsa_pss_4096_sha512_mgf1_64_test.json",
        Alg::PS512,
        "publicKeyJwk",
    );
}

#[test]
fn ecdsa_p1363() {
    run_signature_file(
        "ecdsa_secp256r1_sha256_p1363_test.json",
        Alg::ES256,
        "publicKeyJwk",
    );
    run_signature_file(
        "ecdsa_secp384r1_sha384_p1363_test.json",
        Alg::ES384,
        "publicKeyJwk",
    );
    run_signature_file(
        "ecdsa_secp521r1_sha512_p1363_test.json",
        Alg::ES512,
        "publicKeyJwk",
    );
}

#[test]
fn ed25519() {
    run_signature_file("ed25519_test.json", Alg::EdDSA, "publicKeyJwk");
}

#[test]
fn ecdsa_webcrypto_v0_including_secp256k1() {
    let file = "v0/ecdsa_webcrypto_test.json";
    run_groups(file, &webcrypto_v0_groups(&wycheproof_file(file)));
}

#[test]
fn hmac_with_full_tags_and_keys_at_least_the_hash_size() {
    for (file, alg, bits) in [
        ("hmac_sha256_test.json", Alg::HS256, 256),
        ("hmac_sha384_test.json", Alg::HS384, 384),
        ("hmac_sha512_test.json", Alg::HS512, 512),
    ] {
        let data = wycheproof_file(file);
        let mut tally = Tally::default();
        for group in data["testGroups"].as_array().unwrap() {
            // A JWS always carries the full tag; truncated-tag groups are not JWS cases.
            if group["tagSize"] != bits || group["keySize"].as_u64().unwrap() < bits {
                continue;
            }
            for test in group["tests"].as_array().unwrap() {
                let keys = key::parse(test["key"].as_str().unwrap(), SecretEncoding::Hex).unwrap();
                let case = Case {
                    tc_id: test["tcId"].as_u64().unwrap(),
                    result: test["result"].as_str().unwrap().to_owned(),
                    msg: bytes(&test["msg"]),
                    sig: bytes(&test["tag"]),
                };
                let accepted = check(alg, &keys.entries[0].key, &case.msg, &case.sig);
                tally.record(&case, accepted);
            }
        }
        println!("{}", tally.summary(file));
        tally.assert_all_right(file);
    }
}
