//! Wycheproof primitive vectors run through the same check the JWS path uses
//! (`verify::check` with keys read by the key box's parser): every `valid` accepted, every
//! `invalid` rejected; `acceptable` may go either way and is counted.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::hex;
use jwt_debugger::jose::key::{self, Key, SecretEncoding};
use jwt_debugger::jose::verify::check;
use serde_json::{json, Value};

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/wycheproof/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn bytes(value: &Value) -> Vec<u8> {
    hex::decode(value.as_str().unwrap()).unwrap()
}

/// Reads a key the way the key box does, from JSON or PEM text.
fn read_key(text: &str) -> Key {
    let keys = key::parse(text, SecretEncoding::Utf8).unwrap_or_else(|err| panic!("{err}"));
    keys.entries.into_iter().next().unwrap().key
}

#[derive(Default, Debug)]
struct Tally {
    valid: usize,
    invalid: usize,
    acceptable_accepted: usize,
    acceptable_rejected: usize,
    wrong: Vec<u64>,
}

impl Tally {
    fn record(&mut self, test: &Value, accepted: bool) {
        match (test["result"].as_str().unwrap(), accepted) {
            ("valid", true) => self.valid += 1,
            ("invalid", false) => self.invalid += 1,
            ("acceptable", true) => self.acceptable_accepted += 1,
            ("acceptable", false) => self.acceptable_rejected += 1,
            _ => self.wrong.push(test["tcId"].as_u64().unwrap()),
        }
    }

    fn assert_all_right(&self, file: &str) {
        println!(
            "{file}: {} valid accepted, {} invalid rejected, acceptable {} accepted / {} rejected, wrong {:?}",
            self.valid, self.invalid, self.acceptable_accepted, self.acceptable_rejected, self.wrong
        );
        assert!(
            self.wrong.is_empty(),
            "{file}: wrong verdicts for tcIds {:?}",
            self.wrong
        );
        assert!(
            self.valid > 0 && self.invalid > 0,
            "{file}: the run must see both kinds"
        );
    }
}

/// Runs a signature file whose groups carry a JWK (and usually a PEM of the same key).
fn run_signature_file(file: &str, alg: Alg, jwk_member: &str) {
    let data = load(file);
    let mut tally = Tally::default();
    for group in data["testGroups"].as_array().unwrap() {
        let jwk = match group.get(jwk_member) {
            Some(jwk) => jwk.clone(),
            None => ec_jwk_from_coordinates(group, alg),
        };
        let key = read_key(&jwk.to_string());
        if let Some(pem) = group["publicKeyPem"].as_str() {
            // The PEM route must read the very same key as the JWK route.
            assert_eq!(
                key::thumbprint::of(&read_key(pem)),
                key::thumbprint::of(&key),
                "{file}: PEM and JWK disagree"
            );
        }
        for test in group["tests"].as_array().unwrap() {
            let accepted = check(alg, &key, &bytes(&test["msg"]), &bytes(&test["sig"]));
            tally.record(test, accepted);
        }
    }
    tally.assert_all_right(file);
}

/// Some ECDSA groups give only the point's coordinates (hex, maybe with a leading 00).
fn ec_jwk_from_coordinates(group: &Value, alg: Alg) -> Value {
    let curve = alg.curve().unwrap();
    let len = curve.coordinate_len();
    let fit = |value: &Value| {
        let raw = bytes(value);
        let trimmed: Vec<u8> = raw.iter().copied().skip_while(|b| *b == 0).collect();
        let mut padded = vec![0u8; len.saturating_sub(trimmed.len())];
        padded.extend(trimmed);
        jwt_debugger::jose::base64url::encode(&padded)
    };
    let point = group.get("publicKey").or_else(|| group.get("key")).unwrap();
    json!({"kty": "EC", "crv": curve.jwk_name(), "x": fit(&point["wx"]), "y": fit(&point["wy"])})
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
    // Only the JOSE curve/hash pairs: ES256, ES384, ES512 and ES256K (P-256K is secp256k1).
    let data = load("v0/ecdsa_webcrypto_test.json");
    let mut tally = Tally::default();
    for group in data["testGroups"].as_array().unwrap() {
        let pair = (
            group["jwk"]["crv"].as_str().unwrap(),
            group["sha"].as_str().unwrap(),
        );
        let alg = match pair {
            ("P-256", "SHA-256") => Alg::ES256,
            ("P-384", "SHA-384") => Alg::ES384,
            ("P-521", "SHA-512") => Alg::ES512,
            ("P-256K", "SHA-256") => Alg::ES256K,
            _ => continue,
        };
        let key = read_key(&ec_jwk_from_coordinates(group, alg).to_string());
        for test in group["tests"].as_array().unwrap() {
            tally.record(
                test,
                check(alg, &key, &bytes(&test["msg"]), &bytes(&test["sig"])),
            );
        }
    }
    tally.assert_all_right("v0/ecdsa_webcrypto_test.json");
}

#[test]
fn hmac_with_full_tags_and_keys_at_least_the_hash_size() {
    for (file, alg, bits) in [
        ("hmac_sha256_test.json", Alg::HS256, 256),
        ("hmac_sha384_test.json", Alg::HS384, 384),
        ("hmac_sha512_test.json", Alg::HS512, 512),
    ] {
        let data = load(file);
        let mut tally = Tally::default();
        for group in data["testGroups"].as_array().unwrap() {
            // A JWS always carries the full tag; truncated-tag groups are not JWS cases.
            if group["tagSize"] != bits || group["keySize"].as_u64().unwrap() < bits {
                continue;
            }
            for test in group["tests"].as_array().unwrap() {
                let keys = key::parse(test["key"].as_str().unwrap(), SecretEncoding::Hex).unwrap();
                let key = &keys.entries[0].key;
                tally.record(
                    test,
                    check(alg, key, &bytes(&test["msg"]), &bytes(&test["tag"])),
                );
            }
        }
        tally.assert_all_right(file);
    }
}
