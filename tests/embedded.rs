//! Keys a token carries in its header: shown with what they are, never used, and a strict
//! objection when the key that verified is the carried one (CVE-2018-0114).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixture, hs_token};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::embedded::{embedded_keys, EmbeddedKey};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::status::{check_text, Status};
use serde_json::{json, Map, Value};

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

fn object(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

fn oct_jwk(secret: &[u8]) -> Value {
    json!({"kty": "oct", "k": base64url::encode(secret)})
}

#[test]
fn a_token_verified_by_the_key_it_carries_fails_the_strict_verdict() {
    let header = json!({"alg": "HS256", "jwk": oct_jwk(SECRET)}).to_string();
    let token = hs_token(Alg::HS256, &header, b"{}", SECRET);
    let verdict = check_text(&token, &oct_jwk(SECRET).to_string(), SecretEncoding::Utf8);
    assert_eq!(verdict.status, Status::Valid);
    let codes: Vec<&str> = verdict.strict.iter().map(|p| p.code()).collect();
    assert_eq!(codes, ["key-from-token"]);
    assert!(verdict.strict[0].to_string().contains("\"jwk\""));
}

#[test]
fn a_token_verified_by_another_key_than_the_one_it_carries_passes() {
    let other = b"another secret, also 32 bytes!!!";
    let header = json!({"alg": "HS256", "jwk": oct_jwk(other)}).to_string();
    let token = hs_token(Alg::HS256, &header, b"{}", SECRET);
    let verdict = check_text(&token, &oct_jwk(SECRET).to_string(), SecretEncoding::Utf8);
    assert_eq!(verdict.status, Status::Valid);
    assert!(verdict.strict.is_empty(), "{:?}", verdict.strict);
}

#[test]
fn urls_are_shown_as_written_and_a_broken_jwk_says_why() {
    let header = object(json!({
        "alg": "RS256",
        "jku": "https://attacker.example/jwks.json",
        "jwk": "not an object",
        "x5u": 42,
    }));
    let found = embedded_keys(&header);
    assert_eq!(
        found.iter().map(EmbeddedKey::parameter).collect::<Vec<_>>(),
        ["jku", "jwk", "x5u"]
    );
    assert_eq!(
        found[0],
        EmbeddedKey::Jku("https://attacker.example/jwks.json".into())
    );
    assert!(matches!(&found[1], EmbeddedKey::Jwk(Err(why)) if why.contains("not a JSON object")));
    assert_eq!(found[2], EmbeddedKey::X5u("42".into()));
    assert!(embedded_keys(&object(json!({"alg": "RS256", "kid": "a"}))).is_empty());
}

#[test]
fn an_x5c_chain_names_its_leaf_key_with_the_thumbprint_the_key_box_gives() {
    let case = fixture("ES256");
    let pem = case["keys"]["certificate-pem"].as_str().unwrap();
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let found = embedded_keys(&object(json!({"alg": "ES256", "x5c": [body, "AAAA"]})));
    let EmbeddedKey::X5c { certificates, leaf } = &found[0] else {
        panic!("{found:?}")
    };
    assert_eq!(*certificates, 2);
    let leaf = leaf.as_ref().unwrap();
    let pasted = key::parse(pem, SecretEncoding::Utf8).unwrap();
    assert_eq!(leaf.thumbprint, pasted.entries[0].meta.thumbprint);
    assert_eq!(leaf.description, "EC P-256 public key");
    assert!(leaf.certificate.is_some());

    // Negative twins: base64url instead of base64 fails where they differ; garbage is named.
    let broken = embedded_keys(&object(json!({"alg": "ES256", "x5c": ["@@@@"]})));
    assert!(
        matches!(&broken[0], EmbeddedKey::X5c { leaf: Err(why), .. } if why.contains("base64"))
    );
    let empty = embedded_keys(&object(json!({"alg": "ES256", "x5c": []})));
    assert!(matches!(
        &empty[0],
        EmbeddedKey::X5c {
            certificates: 0,
            leaf: Err(_)
        }
    ));
}
