//! Ed448 (RFC 8032, RFC 8037 `EdDSA` with an Ed448 key, RFC 9864 `Ed448`): the eight pure RFC
//! 8032 §7.4 vectors and all of Wycheproof's `ed448_test.json`, tokens jwcrypto signed (`tests/fixtures/ed448_x448_jwcrypto.json`)
//! in every key form, signing, key generation and conversion, the refusal of the other curve by
//! name, and the route to the worker (the page holds no Ed448 code). Tokens signed here are
//! written to `target/interop/ed448.json` for `tests/interop/check_ed448_x448.py`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{flip_signature_bit, ready};
use jwt_debugger::jose::alg::{Alg, PlatformAlg};
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::hex;
use jwt_debugger::jose::input::clean;
use jwt_debugger::jose::key::export::{
    private_jwk, private_pem, public_jwk, public_pem, JwkLabels,
};
use jwt_debugger::jose::key::private::{self, PrivateKey};
use jwt_debugger::jose::key::{self, thumbprint, Key, SecretEncoding};
use jwt_debugger::jose::keygen::{generate, is_of_kind, KeyKind};
use jwt_debugger::jose::platform::{
    decide_here, decide_on_platform, run_request_here, PlatformAnswer,
};
use jwt_debugger::jose::protocol::{Reply, Request, VerifyRequest};
use jwt_debugger::jose::sign::{encode, sign};
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::verify::check;
use jwt_debugger::jose::workshop;
use serde_json::{json, Value};

fn load(path: &str) -> Value {
    let path = format!("{}/tests/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fixture() -> Value {
    load("fixtures/ed448_x448_jwcrypto.json")
}

fn public_key(text: &str) -> Key {
    let keys = key::parse(text, SecretEncoding::Utf8).unwrap_or_else(|err| panic!("{err}"));
    keys.entries[0].key.clone()
}

fn status(token: &str, key_text: &str) -> Status {
    check_text(token, key_text, SecretEncoding::Utf8).status
}

fn okp_jwk(x: &[u8]) -> String {
    json!({"kty": "OKP", "crv": "Ed448", "x": base64url::encode(x)}).to_string()
}

fn ed448_private(secret: &[u8], public: &[u8]) -> PrivateKey {
    let (d, x) = (base64url::encode(secret), base64url::encode(public));
    let jwk = json!({"kty": "OKP", "crv": "Ed448", "d": d, "x": x}).to_string();
    private::parse(&jwk, SecretEncoding::Utf8).unwrap()
}

#[test]
fn rfc_8032_vectors_reproduce_and_verify_and_their_twins_do_not() {
    let vectors = load("vectors/rfc/ed448_rfc8032.json");
    let vectors = vectors["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 8);
    // Each is Wycheproof's known-test-vector case of the same number, byte for byte.
    let wycheproof = load("vectors/wycheproof/ed448_test.json");
    let known: Vec<(&Value, &Value)> = wycheproof["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|group| {
            let tests = group["tests"].as_array().unwrap();
            tests.iter().map(move |test| (group, test))
        })
        .collect();
    for (index, vector) in vectors.iter().enumerate() {
        let bytes = |name: &str| hex::decode(vector[name].as_str().unwrap()).unwrap();
        let name = vector["name"].as_str().unwrap();
        let (group, test) = known
            .iter()
            .find(|(_, test)| test["tcId"] == vector["wycheproof_tcId"])
            .unwrap();
        assert_eq!(test["flags"], json!(["Ktv"]), "{name}");
        assert_eq!(test["result"], "valid", "{name}");
        assert_eq!(group["publicKey"]["pk"], vector["public"], "{name}");
        assert_eq!(test["msg"], vector["message"], "{name}");
        assert_eq!(test["sig"], vector["signature"], "{name}");
        let private = ed448_private(&bytes("secret"), &bytes("public"));
        let pkcs8 = private_pem(&private).unwrap();
        let again = private::parse(&pkcs8, SecretEncoding::Utf8).unwrap();
        assert_eq!(again.public(), private.public());
        let public = public_key(&okp_jwk(&bytes("public")));
        assert_eq!(
            private.public(),
            public,
            "{name}: the public key of the secret"
        );
        let message = bytes("message");
        for alg in [Alg::EdDSA, Alg::Ed448] {
            let signature = sign(alg, &private, &message).unwrap();
            assert_eq!(signature, bytes("signature"), "{name}: deterministic");
            assert!(check(alg, &public, &message, &signature), "{name}");
            let mut flipped = signature.clone();
            flipped[10] ^= 0x01;
            assert!(!check(alg, &public, &message, &flipped), "{name} flipped");
            let other = &vectors[(index + 1) % vectors.len()];
            let wrong = public_key(&okp_jwk(
                &hex::decode(other["public"].as_str().unwrap()).unwrap(),
            ));
            assert!(
                !check(alg, &wrong, &message, &signature),
                "{name} wrong key"
            );
            // The wrong family: Ed25519 algorithms never take an Ed448 key.
            assert!(!check(Alg::Ed25519, &public, &message, &signature));
            // R with one of its unused bits 448-454 set is no encoding (Wycheproof tcIds 63-65).
            for bit in [0x01, 0x02, 0x40] {
                let mut unused = signature.clone();
                unused[56] ^= bit;
                assert!(!check(alg, &public, &message, &unused), "{name} R bit");
            }
        }
    }
}

#[test]
fn wycheproof_ed448_agrees_with_every_label() {
    let data = load("vectors/wycheproof/ed448_test.json");
    assert_eq!(data["numberOfTests"], 87);
    let (mut valid, mut invalid) = (0, 0);
    for group in data["testGroups"].as_array().unwrap() {
        let jwk = group["publicKeyJwk"].to_string();
        let from_jwk = public_key(&jwk);
        let from_pem = public_key(group["publicKeyPem"].as_str().unwrap());
        assert_eq!(from_jwk, from_pem);
        for test in group["tests"].as_array().unwrap() {
            let id = test["tcId"].as_u64().unwrap();
            let msg = hex::decode(test["msg"].as_str().unwrap()).unwrap();
            let sig = hex::decode(test["sig"].as_str().unwrap()).unwrap();
            let verified = check(Alg::EdDSA, &from_jwk, &msg, &sig);
            assert_eq!(
                verified,
                check(Alg::Ed448, &from_jwk, &msg, &sig),
                "tcId {id}"
            );
            match test["result"].as_str().unwrap() {
                "valid" => {
                    assert!(verified, "tcId {id} valid but refused");
                    let mut flipped = sig.clone();
                    flipped[0] ^= 0x01;
                    assert!(!check(Alg::EdDSA, &from_jwk, &msg, &flipped), "tcId {id}");
                    valid += 1;
                }
                _ => {
                    assert!(!verified, "tcId {id} invalid but accepted");
                    invalid += 1;
                }
            }
        }
    }
    assert_eq!((valid, invalid), (17, 70));
}

#[test]
fn jwcrypto_tokens_verify_with_every_public_form_and_not_otherwise() {
    for case in fixture()["signed"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let keys = &case["keys"];
        for form in ["public-jwk", "private-jwk", "spki-pem"] {
            let key_text = keys[form].as_str().unwrap();
            assert_eq!(status(token, key_text), Status::Valid, "{name} {form}");
            let flipped = flip_signature_bit(token);
            assert_eq!(status(&flipped, key_text), Status::Invalid, "{name} {form}");
        }
        let wrong = case["wrong_key"].as_str().unwrap();
        assert_eq!(status(token, wrong), Status::Invalid, "{name} wrong key");
        // The PKCS#8 v1 form has no public key, and the page does not compute one: a key error
        // that names the way out, never "invalid".
        let pkcs8 = check_text(
            token,
            keys["pkcs8-pem"].as_str().unwrap(),
            SecretEncoding::Utf8,
        );
        assert_eq!(pkcs8.status, Status::KeyError, "{name}");
        let reason = pkcs8.reason.unwrap().to_string();
        assert!(reason.contains("public key"), "{reason}");
        // An Ed25519 key is the wrong curve: under `Ed448` refused by name; under `EdDSA` it is
        // another kind of OKP key, and the signature is 114 bytes, so it does not verify.
        let other = case["other_curve_key"].as_str().unwrap();
        let verdict = check_text(token, other, SecretEncoding::Utf8);
        match case["alg"].as_str().unwrap() {
            "Ed448" => {
                assert_eq!(verdict.status, Status::KeyError, "{name}");
                let reason = verdict.reason.unwrap().to_string();
                assert!(reason.contains("Ed448"), "{reason}");
            }
            _ => assert_eq!(verdict.status, Status::Invalid, "{name}"),
        }
        // The thumbprint is jwcrypto's.
        let entry = key::parse(keys["public-jwk"].as_str().unwrap(), SecretEncoding::Utf8)
            .unwrap()
            .entries
            .remove(0);
        assert_eq!(entry.meta.thumbprint, case["thumbprint"].as_str().unwrap());
    }
}

#[test]
fn an_ed25519_token_is_refused_an_ed448_key_by_name() {
    let ed25519 = generate(KeyKind::Ed25519).unwrap();
    let ed448 = generate(KeyKind::Ed448).unwrap();
    let ed448_public = public_jwk(&ed448.public(), &JwkLabels::default()).to_string();
    let token = encode(Alg::Ed25519, r#"{"alg":"Ed25519"}"#, b"{}", &ed25519).unwrap();
    let verdict = check_text(&token, &ed448_public, SecretEncoding::Utf8);
    assert_eq!(verdict.status, Status::KeyError);
    let reason = verdict.reason.unwrap().to_string();
    assert!(reason.contains("Ed25519"), "{reason}");
    // Neither key signs for the other's fully specified name.
    let refused = encode(Alg::Ed448, r#"{"alg":"Ed448"}"#, b"{}", &ed25519).unwrap_err();
    assert!(refused.to_string().contains("Ed448"), "{refused}");
    let refused = encode(Alg::Ed25519, r#"{"alg":"Ed25519"}"#, b"{}", &ed448).unwrap_err();
    assert!(refused.to_string().contains("Ed25519"), "{refused}");
}

#[test]
fn generated_keys_sign_and_convert_in_every_form_and_are_written_for_jwcrypto() {
    let key = generate(KeyKind::Ed448).unwrap();
    assert!(is_of_kind(&key, KeyKind::Ed448));
    assert!(!is_of_kind(&key, KeyKind::Ed25519));
    assert_eq!(KeyKind::Ed448.alg(), Alg::EdDSA);
    assert_eq!(KeyKind::Ed448.browser_keygen(), None);
    let public = key.public();
    let spki = public_pem(&public).unwrap();
    let pkcs8 = private_pem(&key).unwrap();
    let labels = JwkLabels::default();
    let jwk = public_jwk(&public, &labels);
    let private = private_jwk(&key, &labels);
    assert_eq!(jwk["crv"], "Ed448");
    assert_eq!(jwk["kid"], thumbprint::of(&public).as_str());
    assert_eq!(
        base64url::decode_segment(
            private["d"].as_str().unwrap(),
            jwt_debugger::jose::error::Part::Key,
            0
        )
        .unwrap()
        .len(),
        57
    );
    // Every form reads back as the same key.
    assert_eq!(public_key(&spki), public);
    assert_eq!(public_key(&jwk.to_string()), public);
    for text in [pkcs8.as_str(), &private.to_string()] {
        let again = private::parse(text, SecretEncoding::Utf8).unwrap();
        assert_eq!(again.public(), public);
    }
    // A private JWK whose x is another key's is refused.
    let mut mismatched = private.clone();
    let other = public_jwk(&generate(KeyKind::Ed448).unwrap().public(), &labels);
    mismatched["x"] = other["x"].clone();
    assert!(private::parse(&mismatched.to_string(), SecretEncoding::Utf8).is_err());
    // The workshop converts the PKCS#8 PEM jwcrypto wrote to every form.
    let case = &fixture()["signed"][0];
    let reply = workshop::answer(Request::Convert {
        key: case["keys"]["pkcs8-pem"].as_str().unwrap().into(),
        encoding: SecretEncoding::Utf8,
    });
    let Reply::Forms(forms) = reply else {
        panic!("{reply:?}")
    };
    assert_eq!(forms.thumbprint, case["thumbprint"].as_str().unwrap());
    assert_eq!(forms.description, "Ed448 public key");
    assert!(forms.private);
    let spki_given = case["keys"]["spki-pem"].as_str().unwrap();
    assert_eq!(forms.public_pem.as_deref(), Some(spki_given));

    let mut written = Vec::new();
    for alg in [Alg::EdDSA, Alg::Ed448] {
        for signer in [pkcs8.as_str(), &private.to_string()] {
            let signer = private::parse(signer, SecretEncoding::Utf8).unwrap();
            let header = format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg.name());
            let payload = format!(r#"{{"alg_under_test":"{}"}}"#, alg.name());
            let token = encode(alg, &header, payload.as_bytes(), &signer).unwrap();
            for verifier in [spki.as_str(), &jwk.to_string()] {
                assert_eq!(status(&token, verifier), Status::Valid, "{}", alg.name());
                let flipped = flip_signature_bit(&token);
                assert_eq!(status(&flipped, verifier), Status::Invalid);
            }
            written.push(json!({"name": alg.name(), "alg": alg.name(), "token": token, "key": jwk.to_string()}));
        }
    }
    let dir = format!("{}/target/interop", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let text = serde_json::to_string_pretty(&Value::Array(written)).unwrap();
    std::fs::write(format!("{dir}/ed448_signed.json"), text).unwrap();
}

#[test]
fn the_page_hands_ed448_to_the_worker_and_checks_ed25519_itself() {
    let case = &fixture()["signed"][0];
    let token = case["token"].as_str().unwrap();
    let ed448_jwk = case["keys"]["public-jwk"].as_str().unwrap();
    let cleaned = clean(token);
    let decoded = decode(&cleaned.token);
    let keys = key::parse(ed448_jwk, SecretEncoding::Utf8);
    // Not decided in the page: the check is the platform's, as for a key WebCrypto refuses.
    assert!(decide_here(Some(&decoded), &cleaned.removed, Some(&keys)).is_none());
    let asked = std::cell::RefCell::new(Vec::new());
    let verdict = ready(decide_on_platform(
        &decoded,
        &cleaned.removed,
        &keys,
        |request| {
            asked.borrow_mut().push(request.algorithm);
            // The page's WebCrypto says it cannot run Ed448; the worker answers.
            let reply = workshop::answer(Request::Verify(VerifyRequest {
                alg: request.alg,
                jwk: request.jwk.clone(),
                signing_input: request.signing_input.to_vec(),
                signature: request.signature.to_vec(),
            }));
            let answer = match reply {
                Reply::Verified { answer } => answer,
                _ => PlatformAnswer::CannotRun,
            };
            async move { answer }
        },
    ));
    assert_eq!(verdict.status, Status::Valid);
    assert_eq!(asked.into_inner(), vec![PlatformAlg::WorkerOnly]);
    // Nothing to answer it: unchecked, never "invalid".
    let verdict = ready(decide_on_platform(
        &decoded,
        &cleaned.removed,
        &keys,
        |_| async { PlatformAnswer::CannotRun },
    ));
    assert_ne!(verdict.status, Status::Invalid);
    assert_ne!(verdict.status, Status::Valid);
    // A flipped bit: the worker says it does not match.
    let flipped = flip_signature_bit(token);
    let decoded_flipped = decode(&flipped);
    let verdict = ready(decide_on_platform(
        &decoded_flipped,
        &[],
        &keys,
        |request| {
            let answer = run_request_here(&request);
            async move { answer }
        },
    ));
    assert_eq!(verdict.status, Status::Invalid);
    // An Ed25519 EdDSA token is still decided in the page at once.
    let ed25519 = generate(KeyKind::Ed25519).unwrap();
    let ed25519_token = encode(Alg::EdDSA, r#"{"alg":"EdDSA"}"#, b"{}", &ed25519).unwrap();
    let ed25519_jwk = public_jwk(&ed25519.public(), &JwkLabels::default()).to_string();
    let keys_25519 = key::parse(&ed25519_jwk, SecretEncoding::Utf8);
    let decoded_25519 = decode(&ed25519_token);
    let here = decide_here(Some(&decoded_25519), &[], Some(&keys_25519)).unwrap();
    assert_eq!(here.status, Status::Valid);
    // A set with both: the Ed25519 key is checked in the page, the Ed448 one by the worker,
    // in the set's order.
    let set = json!({"keys": [
        serde_json::from_str::<Value>(&ed25519_jwk).unwrap(),
        serde_json::from_str::<Value>(ed448_jwk).unwrap(),
    ]})
    .to_string();
    let keys_both = key::parse(&set, SecretEncoding::Utf8);
    let decoded_plain = decode(token);
    assert!(decide_here(Some(&decoded_plain), &[], Some(&keys_both)).is_none());
    let asked = std::cell::Cell::new(0);
    let verdict = ready(decide_on_platform(
        &decoded_plain,
        &[],
        &keys_both,
        |request| {
            asked.set(asked.get() + 1);
            let answer = run_request_here(&request);
            async move { answer }
        },
    ));
    assert_eq!(verdict.status, Status::Valid);
    assert_eq!(asked.get(), 1, "only the Ed448 key goes to the worker");
    // The worker refuses to run what the page runs itself.
    let reply = workshop::answer(Request::Verify(VerifyRequest {
        alg: Alg::EdDSA,
        jwk: ed25519_jwk,
        signing_input: Vec::new(),
        signature: Vec::new(),
    }));
    assert!(matches!(
        reply,
        Reply::Verified {
            answer: PlatformAnswer::CannotRun
        }
    ));
}

#[test]
fn malformed_ed448_keys_are_refused_with_the_reason() {
    for (jwk, expected) in [
        (okp_jwk(&[0u8; 56]), "57 bytes"),
        (okp_jwk(&[0xffu8; 57]), "not a valid Ed448 point encoding"),
    ] {
        let err = key::parse(&jwk, SecretEncoding::Utf8)
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{err}");
    }
    // X448 keys do not verify signatures.
    let x448 = r#"{"kty":"OKP","crv":"X448","x":"AA"}"#;
    let err = key::parse(x448, SecretEncoding::Utf8)
        .unwrap_err()
        .to_string();
    assert!(err.contains("only Ed25519 and Ed448"), "{err}");
    // 57 bytes that are not a point: the page cannot tell, the worker's check verifies nothing.
    let mut not_a_point = [0u8; 57];
    not_a_point[0] = 2;
    let key = public_key(&okp_jwk(&not_a_point));
    assert!(!check(Alg::Ed448, &key, b"", &[0u8; 114]));
}
