//! The workshop worker's requests, answered natively: sign with every private format, refuse
//! with the reason, and generate keys in every form.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixture, flip_signature_bit};
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::workshop::handle;
use serde_json::{json, Value};

fn ask(request: Value) -> Value {
    serde_json::from_str(&handle(&request.to_string())).unwrap()
}

#[test]
fn a_signed_token_verifies_with_the_key_the_answer_gives_the_decoder() {
    for (name, format) in [
        ("RS256", "pkcs1-private-pem"),
        ("ES256K", "sec1-pem"),
        ("EdDSA", "pkcs8-pem"),
        ("HS384", "jwk"),
    ] {
        let case = fixture(name);
        let answer = ask(json!({
            "op": "sign",
            "alg": case["alg"],
            "header": format!(r#"{{"alg":{}}}"#, case["alg"]),
            "payload": r#"{"sub":"x"}"#,
            "key": case["keys"][format],
            "encoding": "utf8",
        }));
        let token = answer["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: {answer}"));
        let verify_key = answer["verify_key"].as_str().unwrap();
        assert_eq!(
            check_text(token, verify_key, SecretEncoding::Utf8).status,
            Status::Valid,
            "{name}"
        );
        let flipped = flip_signature_bit(token);
        assert_eq!(
            check_text(&flipped, verify_key, SecretEncoding::Utf8).status,
            Status::Invalid,
            "{name}"
        );
    }
}

#[test]
fn refusals_and_bad_requests_answer_with_the_reason() {
    let short = ask(
        json!({"op": "sign", "alg": "HS256", "header": "{}", "payload": "{}", "key": "short", "encoding": "utf8"}),
    );
    assert!(
        short["error"].as_str().unwrap().contains("at least 32"),
        "{short}"
    );
    let public = ask(
        json!({"op": "sign", "alg": "ES256", "header": "{}", "payload": "{}", "key": fixture("ES256")["keys"]["spki-pem"], "encoding": "utf8"}),
    );
    assert!(
        public["error"].as_str().unwrap().contains("cannot sign"),
        "{public}"
    );
    let none = ask(
        json!({"op": "sign", "alg": "none", "header": "{}", "payload": "{}", "key": "0123456789abcdef0123456789abcdef", "encoding": "utf8"}),
    );
    assert!(
        none["error"].as_str().unwrap().contains("unsecured"),
        "{none}"
    );
    assert!(ask(json!({"op": "dance"}))["error"].is_string());
    assert!(serde_json::from_str::<Value>(&handle("not json")).unwrap()["error"].is_string());
}

#[test]
fn generated_keys_come_in_every_form_and_verify_what_they_sign() {
    for kind in ["oct-256", "P-384", "secp256k1", "Ed25519"] {
        let key = ask(json!({"op": "generate", "kind": kind}));
        assert_eq!(key["kind"], kind);
        let private = key["private_jwk"].to_string();
        let answer = ask(
            json!({"op": "sign", "alg": key["alg"], "header": format!(r#"{{"alg":{}}}"#, key["alg"]), "payload": "{}", "key": private, "encoding": "utf8"}),
        );
        let token = answer["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{kind}: {answer}"));
        for verifier in [key["public_jwk"].to_string(), key["jwks"].to_string()] {
            assert_eq!(
                check_text(token, &verifier, SecretEncoding::Utf8).status,
                Status::Valid,
                "{kind}"
            );
        }
        assert_eq!(key["public_pem"].is_string(), kind != "oct-256");
    }
    assert!(ask(json!({"op": "generate", "kind": "RSA-1024"}))["error"].is_string());
}

#[test]
fn every_fixture_key_converts_to_forms_that_verify_its_token() {
    let fixtures: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/keys.json"
        ))
        .unwrap(),
    )
    .unwrap();
    for case in &fixtures {
        let token = case["token"].as_str().unwrap();
        let forms: Vec<(&String, &Value)> = case["keys"].as_object().unwrap().iter().collect();
        let mut thumbprints = Vec::new();
        for (format, key) in forms {
            let encoding = match format.as_str() {
                "base64" | "base64url" | "hex" => format.as_str(),
                _ => "utf8",
            };
            let name = format!("{} {format}", case["name"]);
            let answer = ask(json!({"op": "convert", "key": key, "encoding": encoding}));
            if format == "jwks" {
                // The fixture sets put a decoy first: the first key is converted, and said so.
                let note = answer["note"].as_str().unwrap_or_default();
                assert!(note.contains("this is the first"), "{name}: {answer}");
                continue;
            }
            let public_jwk = answer["public_jwk"].to_string();
            assert!(answer["error"].is_null(), "{name}: {answer}");
            let is_private =
                format.contains("private") || format == "pkcs8-pem" || format == "sec1-pem";
            let is_secret = case["name"].as_str().unwrap().starts_with("HS");
            assert_eq!(answer["private"], json!(is_private || is_secret), "{name}");
            // Every public form the answer gives verifies the fixture's token; the wrong key's
            // token does not.
            let mut verifiers = vec![public_jwk];
            // A set is searched by the token's kid, so it verifies when the kids agree.
            if answer["public_jwk"]["kid"] == case["kid"] {
                verifiers.push(answer["jwks"].to_string());
            }
            if let Some(pem) = answer["public_pem"].as_str() {
                verifiers.push(pem.to_owned());
            }
            for verifier in &verifiers {
                let verdict = check_text(token, verifier, SecretEncoding::Utf8).status;
                assert_eq!(verdict, Status::Valid, "{name}: {verifier}");
                let flipped = flip_signature_bit(token);
                let verdict = check_text(&flipped, verifier, SecretEncoding::Utf8).status;
                assert_eq!(verdict, Status::Invalid, "{name}");
            }
            // A private key reads back as the same key from its own PEM and JWK.
            if is_private {
                for private in [
                    answer["private_pem"].as_str().unwrap().to_owned(),
                    answer["private_jwk"].to_string(),
                ] {
                    let again = ask(json!({"op": "convert", "key": private, "encoding": "utf8"}));
                    assert_eq!(again["thumbprint"], answer["thumbprint"], "{name}");
                    assert_eq!(again["private"], json!(true), "{name}");
                }
            }
            thumbprints.push(answer["thumbprint"].as_str().unwrap().to_owned());
        }
        // Every format of one key is the same key.
        thumbprints.dedup();
        assert_eq!(thumbprints.len(), 1, "{}: {thumbprints:?}", case["name"]);
    }
}

#[test]
fn a_jwk_keeps_its_labels_and_a_pem_gets_its_thumbprint_as_kid() {
    let case = fixture("ES256");
    let jwk = ask(json!({"op": "convert", "key": case["keys"]["jwk"], "encoding": "utf8"}));
    let given: Value = serde_json::from_str(case["keys"]["jwk"].as_str().unwrap()).unwrap();
    assert_eq!(jwk["public_jwk"]["kid"], given["kid"]);
    let pem = ask(json!({"op": "convert", "key": case["keys"]["spki-pem"], "encoding": "utf8"}));
    assert_eq!(pem["public_jwk"]["kid"], pem["thumbprint"]);
    assert!(pem["private_jwk"].is_null());
    assert_eq!(pem["description"], "EC P-256 public key");
}

#[test]
fn keys_that_do_not_read_are_refused_with_the_reason() {
    let broken_private = "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----";
    let answer = ask(json!({"op": "convert", "key": broken_private, "encoding": "utf8"}));
    assert!(
        answer["error"].as_str().unwrap().contains("PKCS#8"),
        "{answer}"
    );
    let bad_hex = ask(json!({"op": "convert", "key": "zz", "encoding": "hex"}));
    assert!(bad_hex["error"].is_string(), "{bad_hex}");
    let empty_set = ask(json!({"op": "convert", "key": r#"{"keys": []}"#, "encoding": "utf8"}));
    assert!(empty_set["error"].is_string(), "{empty_set}");
}

fn cookbook(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/rfc7520/jwe/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_jwe_is_decrypted_or_judged_with_the_step_or_reason() {
    let example = cookbook("5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
    let token = example["output"]["compact"].as_str().unwrap();
    let key = example["input"]["key"].to_string();
    let answer = ask(json!({"op": "decrypt", "token": token, "key": key, "encoding": "utf8"}));
    assert_eq!(answer["status"], "decrypted", "{answer}");
    assert_eq!(answer["plaintext"], example["input"]["plaintext"]);
    assert_eq!(answer["alg"], "RSA1_5");
    assert_eq!(answer["enc"], "A128CBC-HS256");
    assert!(answer["notes"][0].as_str().unwrap().contains("deprecated"));
    // Negative twins: an altered tag, a key of the wrong kind, a broken token.
    let altered = format!("{}A", &token[..token.len() - 1]);
    let altered = if altered == token {
        format!("{}B", &token[..token.len() - 1])
    } else {
        altered
    };
    let answer = ask(json!({"op": "decrypt", "token": altered, "key": key, "encoding": "utf8"}));
    assert_eq!(answer["status"], "invalid", "{answer}");
    assert_eq!(answer["step"], "tag");
    let answer =
        ask(json!({"op": "decrypt", "token": token, "key": "a-password", "encoding": "utf8"}));
    assert_eq!(answer["status"], "key-error", "{answer}");
    assert!(answer["error"]
        .as_str()
        .unwrap()
        .contains("RSA private key"));
    let answer = ask(json!({"op": "decrypt", "token": "a.b.c.d", "key": key, "encoding": "utf8"}));
    assert_eq!(answer["status"], "malformed", "{answer}");
}

#[test]
fn a_signed_token_is_encrypted_for_a_recipient_and_opens_with_its_key() {
    let hs = fixture("HS256");
    let rsa = fixture("RS256");
    let kw_key = r#"{"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#;
    for (alg, enc, recipient, decrypt_with) in [
        ("A128KW", "A128GCM", kw_key.to_owned(), kw_key.to_owned()),
        (
            "RSA-OAEP-256",
            "A256CBC-HS512",
            rsa["keys"]["spki-pem"].as_str().unwrap().to_owned(),
            rsa["keys"]["pkcs8-pem"].as_str().unwrap().to_owned(),
        ),
    ] {
        let answer = ask(json!({
            "op": "sign", "alg": "HS256", "header": r#"{"alg":"HS256","typ":"JWT"}"#,
            "payload": r#"{"sub":"nested"}"#, "key": hs["keys"]["jwk"], "encoding": "utf8",
            "encrypt": {"alg": alg, "enc": enc, "key": recipient, "encoding": "utf8"},
        }));
        let token = answer["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{alg}: {answer}"));
        assert_eq!(token.split('.').count(), 5, "{alg}");
        // Only a key that can decrypt goes to the decoder: a public key cannot.
        assert_eq!(answer["decrypt_key"].is_string(), alg == "A128KW", "{alg}");
        let opened =
            ask(json!({"op": "decrypt", "token": token, "key": decrypt_with, "encoding": "utf8"}));
        assert_eq!(opened["status"], "decrypted", "{alg}: {opened}");
        assert_eq!(opened["plaintext"], answer["signed"]);
        let inner = opened["plaintext"].as_str().unwrap();
        let verify_key = answer["verify_key"].as_str().unwrap();
        assert_eq!(
            check_text(inner, verify_key, SecretEncoding::Utf8).status,
            Status::Valid
        );
        // Negative twin: another recipient's key does not open it.
        let other = r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#;
        let refused =
            ask(json!({"op": "decrypt", "token": token, "key": other, "encoding": "utf8"}));
        assert_ne!(refused["status"], "decrypted", "{alg}");
    }
    let weak = ask(json!({
        "op": "sign", "alg": "HS256", "header": "{}", "payload": "{}", "key": hs["keys"]["jwk"],
        "encoding": "utf8", "encrypt": {"alg": "RSA1_5", "enc": "A128GCM", "key": rsa["keys"]["spki-pem"], "encoding": "utf8"},
    }));
    assert!(
        weak["error"].as_str().unwrap().contains("deprecated"),
        "{weak}"
    );
}

#[test]
fn the_worker_runs_a_signature_check_webcrypto_could_not() {
    for name in ["RS256", "PS384", "ES512"] {
        let case = fixture(name);
        let token = case["token"].as_str().unwrap();
        let (input, signature) = token.rsplit_once('.').unwrap();
        let input = jwt_debugger::jose::base64url::encode(input.as_bytes());
        let request = |signature: &str| {
            ask(
                json!({"op": "verify", "alg": case["alg"], "jwk": case["keys"]["jwk"], "input": input, "signature": signature}),
            )
        };
        assert_eq!(request(signature)["answer"], "matches", "{name}");
        let (_, flipped) = flip_signature_bit(token)
            .rsplit_once('.')
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .unwrap();
        assert_eq!(request(&flipped)["answer"], "does-not-match", "{name}");
    }
    let unknown =
        ask(json!({"op": "verify", "alg": "HS256", "jwk": "{}", "input": "", "signature": ""}));
    assert_eq!(unknown["answer"], "cannot-run");
}
