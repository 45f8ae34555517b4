//! X448 for ECDH-ES in JWE (RFC 8037 §3.2, RFC 7748): Wycheproof `x448_jwk_test` through the
//! core's agreement, the RFC 7748 §6.2 exchange, jwcrypto's X448 JWEs
//! (`tests/fixtures/ed448_x448_jwcrypto.json`) with every key form and their flipped and
//! wrong-key twins, and JWEs encrypted here for every ECDH-ES variant, written to
//! `target/interop/x448_encrypted.json` for `tests/interop/check_ed448_x448.py`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::decrypt_text;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::hex;
use jwt_debugger::jose::jwe::alg::{AesSize, EncAlg, KeyAlg};
use jwt_debugger::jose::jwe::ecdh::agree_with;
use jwt_debugger::jose::jwe::encrypt::{encrypt, Recipient};
use jwt_debugger::jose::jwe::key;
use jwt_debugger::jose::jwe::pbkdf2::Pbes2;
use jwt_debugger::jose::key::SecretEncoding;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

fn load(path: &str) -> Value {
    let path = format!("{}/tests/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn open(token: &str, key_text: &str) -> Result<Vec<u8>, String> {
    decrypt_text(token, key_text, SecretEncoding::Utf8)
}

/// The Concat KDF output (RFC 7518 §4.6.2) for `A128GCM` direct agreement over `shared`.
fn expected_kdf(shared: &[u8]) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(1u32.to_be_bytes());
    hash.update(shared);
    hash.update(7u32.to_be_bytes());
    hash.update(b"A128GCM");
    hash.update(0u32.to_be_bytes());
    hash.update(0u32.to_be_bytes());
    hash.update(128u32.to_be_bytes());
    hash.finalize()[..16].to_vec()
}

/// The key agreed by the core between a private JWK and a public JWK's members.
fn agree(private: &Value, public: &Value) -> Result<Vec<u8>, String> {
    let keys = key::parse(&private.to_string(), SecretEncoding::Utf8).map_err(|e| e.to_string())?;
    let public: Map<String, Value> = public.as_object().unwrap().clone();
    agree_with(
        KeyAlg::EcdhEs(None),
        &public,
        &keys[0].key,
        &Map::new(),
        "A128GCM",
        128,
    )
    .map_err(|err| err.to_string())
}

#[test]
fn wycheproof_x448_jwk_agrees_with_every_label() {
    let data = load("vectors/wycheproof/x448_jwk_test.json");
    let (mut valid, mut invalid, mut acceptable) = (0, 0, 0);
    for group in data["testGroups"].as_array().unwrap() {
        for test in group["tests"].as_array().unwrap() {
            let id = test["tcId"].as_u64().unwrap();
            let shared = hex::decode(test["shared"].as_str().unwrap()).unwrap();
            let agreed = agree(&test["private"], &test["public"]);
            match test["result"].as_str().unwrap() {
                "valid" => {
                    assert_eq!(agreed, Ok(expected_kdf(&shared)), "tcId {id}");
                    valid += 1;
                }
                "invalid" => {
                    assert!(agreed.is_err(), "tcId {id} accepted");
                    invalid += 1;
                }
                _ => {
                    // Counted, not judged; what is agreed is still the right secret, and a
                    // zero shared secret (a low-order point) is refused.
                    if let Ok(agreed) = &agreed {
                        assert_eq!(agreed, &expected_kdf(&shared), "tcId {id}");
                        assert!(shared.iter().any(|byte| *byte != 0), "tcId {id}");
                    }
                    acceptable += 1;
                }
            }
        }
    }
    assert_eq!((valid, invalid, acceptable), (253, 25, 245));
}

#[test]
fn rfc_7748_exchange_agrees_both_ways_and_a_wrong_key_does_not() {
    // RFC 7748 §6.2: Alice's and Bob's keys and their shared secret.
    let hex_key = |text: &str| base64url::encode(&hex::decode(text).unwrap());
    let alice_d = hex_key("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b");
    let alice_x = hex_key("9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0");
    let bob_d = hex_key("1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d");
    let bob_x = hex_key("3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609");
    let shared = hex::decode("07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d").unwrap();
    let jwk = |x: &str, d: Option<&str>| match d {
        Some(d) => json!({"kty": "OKP", "crv": "X448", "x": x, "d": d}),
        None => json!({"kty": "OKP", "crv": "X448", "x": x}),
    };
    let expected = expected_kdf(&shared);
    assert_eq!(
        agree(&jwk(&alice_x, Some(&alice_d)), &jwk(&bob_x, None)),
        Ok(expected.clone())
    );
    assert_eq!(
        agree(&jwk(&bob_x, Some(&bob_d)), &jwk(&alice_x, None)),
        Ok(expected.clone())
    );
    // Alice's own public key is not Bob's: another secret.
    assert_ne!(
        agree(&jwk(&alice_x, Some(&alice_d)), &jwk(&alice_x, None)),
        Ok(expected)
    );
    // A d that is not the x's key is refused.
    let err = agree(&jwk(&bob_x, Some(&alice_d)), &jwk(&alice_x, None)).unwrap_err();
    assert!(err.contains("does not belong"), "{err}");
    // u = 0 and u = 1 are low-order points.
    for u in [0u8, 1] {
        let mut point = [0u8; 56];
        point[0] = u;
        let err = agree(
            &jwk(&alice_x, Some(&alice_d)),
            &jwk(&base64url::encode(&point), None),
        );
        assert!(err.unwrap_err().contains("low-order"), "u = {u}");
    }
    // An X25519 epk is the wrong curve for an X448 key.
    let x25519 = json!({"kty": "OKP", "crv": "X25519", "x": base64url::encode(&[9u8; 32])});
    let err = agree(&jwk(&alice_x, Some(&alice_d)), &x25519).unwrap_err();
    assert!(err.contains("X448"), "{err}");
}

fn flip_tag(token: &str) -> String {
    let (rest, tag) = token.rsplit_once('.').unwrap();
    let mut bytes = common::base64url_decode(tag);
    bytes[0] ^= 1;
    format!("{rest}.{}", base64url::encode(&bytes))
}

#[test]
fn jwcrypto_x448_tokens_decrypt_with_every_private_form_and_not_otherwise() {
    let fixture = load("fixtures/ed448_x448_jwcrypto.json");
    let cases = fixture["encrypted"].as_array().unwrap();
    assert_eq!(cases.len(), 8);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let plaintext = case["plaintext"].as_str().unwrap().as_bytes();
        for form in ["private-jwk", "pkcs8-pem"] {
            let key_text = case["keys"][form].as_str().unwrap();
            assert_eq!(
                open(token, key_text).as_deref(),
                Ok(plaintext),
                "{name} {form}"
            );
            assert!(open(&flip_tag(token), key_text).is_err(), "{name} {form}");
        }
        let wrong = case["wrong_key"].as_str().unwrap();
        assert!(open(token, wrong).is_err(), "{name} wrong key");
        // A public key cannot decrypt.
        assert!(open(token, case["keys"]["public-jwk"].as_str().unwrap()).is_err());
    }
}

#[test]
fn every_ecdh_es_variant_encrypts_to_x448_and_is_written_for_jwcrypto() {
    let fixture = load("fixtures/ed448_x448_jwcrypto.json");
    let keys = &fixture["encrypted"][0]["keys"];
    let wrong = fixture["encrypted"][0]["wrong_key"].as_str().unwrap();
    let plaintext = b"Encrypted by the JWT debugger.";
    let mut written = Vec::new();
    let algs = [
        KeyAlg::EcdhEs(None),
        KeyAlg::EcdhEs(Some(AesSize::Aes128)),
        KeyAlg::EcdhEs(Some(AesSize::Aes192)),
        KeyAlg::EcdhEs(Some(AesSize::Aes256)),
    ];
    for alg in algs {
        for enc in [
            EncAlg::AesGcm(AesSize::Aes256),
            EncAlg::AesCbcHs(AesSize::Aes128),
        ] {
            for recipient_form in ["public-jwk", "spki-pem", "private-jwk", "pkcs8-pem"] {
                let name = format!("{} {} X448 to {recipient_form}", alg.name(), enc.name());
                let text = keys[recipient_form].as_str().unwrap();
                let recipient = Recipient::parse(text, SecretEncoding::Utf8).unwrap();
                let token = encrypt(
                    alg,
                    enc,
                    Map::new(),
                    plaintext,
                    &recipient,
                    &Pbes2::new(1000),
                )
                .unwrap_or_else(|err| panic!("{name}: {err}"));
                let header: Value = serde_json::from_slice(&common::base64url_decode(
                    token.split('.').next().unwrap(),
                ))
                .unwrap();
                assert_eq!(header["epk"]["crv"], "X448", "{name}");
                for private in ["private-jwk", "pkcs8-pem"] {
                    let private = keys[private].as_str().unwrap();
                    assert_eq!(
                        open(&token, private).as_deref(),
                        Ok(&plaintext[..]),
                        "{name}"
                    );
                }
                assert!(
                    open(&token, wrong).is_err(),
                    "{name} opened with a wrong key"
                );
                assert!(open(&flip_tag(&token), keys["private-jwk"].as_str().unwrap()).is_err());
                written.push(json!({
                    "name": name,
                    "token": token,
                    "key": keys["private-jwk"].as_str().unwrap(),
                }));
            }
        }
    }
    // An Ed448 key is not an X448 one.
    let ed448 = fixture["signed"][0]["keys"]["public-jwk"].as_str().unwrap();
    let err = Recipient::parse(ed448, SecretEncoding::Utf8)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("X448"), "{err}");
    let dir = format!("{}/target/interop", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let text = serde_json::to_string_pretty(&Value::Array(written)).unwrap();
    std::fs::write(format!("{dir}/x448_encrypted.json"), text).unwrap();
}
