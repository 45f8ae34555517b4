//! Tokens encrypted by jwcrypto, an independent implementation (`tests/fixtures/jwe_jwcrypto.json`,
//! made by `tests/fixtures/generate_jwe.py`): every key management algorithm with every content
//! encryption, `zip: DEF`, and the JSON serializations decrypt here; each with a flipped tag bit
//! that does not, and a wrong key of the same kind that does not.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::decrypt_text;

use jwt_debugger::jose::key::SecretEncoding;
use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/jwe_jwcrypto.json"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["cases"].as_array().unwrap().clone()
}

fn open(token: &str, key_text: &str) -> Result<Vec<u8>, String> {
    decrypt_text(token, key_text, SecretEncoding::Utf8)
}

/// The token with one bit of its tag flipped (compact or JSON).
fn flip_tag(token: &str) -> String {
    let flip = |tag: &str| {
        let mut bytes = jwt_debugger::jose::base64url::decode_segment(
            tag,
            jwt_debugger::jose::error::Part::Tag,
            0,
        )
        .unwrap();
        bytes[0] ^= 1;
        jwt_debugger::jose::base64url::encode(&bytes)
    };
    if token.starts_with('{') {
        let mut json: Value = serde_json::from_str(token).unwrap();
        json["tag"] = Value::String(flip(json["tag"].as_str().unwrap()));
        return json.to_string();
    }
    let (rest, tag) = token.rsplit_once('.').unwrap();
    format!("{rest}.{}", flip(tag))
}

#[test]
fn every_jwcrypto_token_decrypts_and_its_flipped_twin_does_not() {
    let cases = cases();
    assert_eq!(cases.len(), 178);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let key_text = case["key"].as_str().unwrap();
        let plaintext = case["plaintext"].as_str().unwrap().as_bytes();
        assert_eq!(open(token, key_text).as_deref(), Ok(plaintext), "{name}");
        assert_eq!(
            open(&flip_tag(token), key_text),
            Err("tag".to_owned()),
            "{name}"
        );
    }
}

#[test]
fn a_wrong_key_of_the_same_kind_does_not_decrypt() {
    let cases = cases();
    let key_of = |name: &str| {
        cases.iter().find(|case| case["name"] == name).unwrap()["key"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // Pairs with the same key kind and size but different keys.
    for (token_of, wrong_key_of) in [
        ("A128KW A128GCM", "A128KW A256GCM"),
        ("A256GCMKW A128GCM", "A256GCMKW A256GCM"),
        ("dir A128GCM", "A128KW A128GCM"),
    ] {
        let token = cases.iter().find(|case| case["name"] == token_of).unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let opened = open(&token, &key_of(wrong_key_of));
        assert!(
            opened.is_err(),
            "{token_of} opened with the key of {wrong_key_of}"
        );
    }
}
