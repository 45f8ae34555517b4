#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The attack lab (`jose::attacks`) for an RS256, an ES256 and an HS256 fixture token: every
//! kind made, each refused by this page's own verifier with the original key (as a correct
//! verifier must), the embedded-key token verifying with its embedded key (the attack), the
//! key-confusion tokens really HMACs over the public key's bytes, and the jku/x5u content to
//! host. The tokens are written to `target/interop/attacks.json` for PyJWT and jwcrypto
//! (`tests/interop/verify_attacks.py`).

mod common;

use jwt_debugger::jose::attacks::{make, AttackKind};
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::protocol::{Reply, Request};
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::workshop::handle;
use serde_json::{json, Value};

const URL: &str = "https://attacker.example/.well-known/jwks.json";

#[test]
fn every_attack_is_made_and_refused_by_a_correct_verifier() {
    let mut written = Vec::new();
    for name in ["RS256", "ES256", "HS256"] {
        let fixture = common::fixture(name);
        let token = fixture["token"].as_str().unwrap();
        let (key, public) = match name {
            "HS256" => {
                let jwk: Value =
                    serde_json::from_str(fixture["keys"]["jwk"].as_str().unwrap()).unwrap();
                (fixture["keys"]["jwk"].as_str().unwrap().to_owned(), jwk)
            }
            _ => {
                let pem = fixture["keys"]["spki-pem"].as_str().unwrap().to_owned();
                (pem.clone(), Value::String(pem))
            }
        };
        assert_eq!(
            check_text(token, &key, SecretEncoding::Utf8).status,
            Status::Valid
        );
        let attacks = make(token, &key, SecretEncoding::Utf8, URL).unwrap();
        let kinds: Vec<AttackKind> = attacks.iter().map(|a| a.kind).collect();
        for kind in AttackKind::ALL {
            let expected = kind != AttackKind::KeyConfusion || name != "HS256";
            assert_eq!(kinds.contains(&kind), expected, "{name}: {kind:?}");
        }
        assert_eq!(
            kinds.iter().filter(|k| **k == AttackKind::AlgNone).count(),
            8
        );
        for attack in &attacks {
            let verdict = check_text(&attack.token, &key, SecretEncoding::Utf8);
            assert_ne!(
                verdict.status,
                Status::Valid,
                "{name}: {} accepted",
                attack.variant
            );
            written.push(json!({
                "source": name,
                "source_alg": fixture["alg"],
                "key": public,
                "kind": attack.kind.as_str(),
                "variant": attack.variant,
                "token": attack.token,
                "host": attack.host,
            }));
        }
        // The embedded key verifies its own token: that is the attack.
        let embedded = attacks
            .iter()
            .find(|a| a.kind == AttackKind::EmbeddedJwk)
            .unwrap();
        let header: Value = serde_json::from_slice(&common::base64url_decode(
            embedded.token.split('.').next().unwrap(),
        ))
        .unwrap();
        assert!(header.get("kid").is_none());
        let own = check_text(
            &embedded.token,
            &header["jwk"].to_string(),
            SecretEncoding::Utf8,
        );
        assert_eq!(own.status, Status::Valid, "{name}");
        // The jku token verifies with the JWK Set to host; the x5u one with the certificate.
        for kind in [AttackKind::Jku, AttackKind::X5u] {
            let attack = attacks.iter().find(|a| a.kind == kind).unwrap();
            let host = attack.host.as_deref().unwrap();
            assert_eq!(
                check_text(&attack.token, host, SecretEncoding::Utf8).status,
                Status::Valid,
                "{name}: {kind:?}"
            );
            assert!(attack
                .token
                .split('.')
                .next()
                .map(common::base64url_decode)
                .is_some_and(|h| String::from_utf8(h).unwrap().contains(URL)));
        }
    }
    // Key confusion: HS256 over the PEM exactly as given is an HMAC with those bytes.
    let rs = common::fixture("RS256");
    let pem = rs["keys"]["spki-pem"].as_str().unwrap();
    let attacks = make(
        rs["token"].as_str().unwrap(),
        pem,
        SecretEncoding::Utf8,
        URL,
    )
    .unwrap();
    let exact = attacks
        .iter()
        .find(|a| {
            a.kind == AttackKind::KeyConfusion && a.variant == "HS256 with the PEM exactly as given"
        })
        .unwrap();
    // This page refuses a public key as an HMAC secret (the attack's very mistake) …
    assert_eq!(
        check_text(&exact.token, pem, SecretEncoding::Utf8).status,
        Status::KeyError
    );
    // … while the PEM's bytes as an HMAC secret verify it: a confused verifier accepts it.
    let as_secret =
        json!({"kty": "oct", "k": jwt_debugger::jose::base64url::encode(pem.as_bytes())});
    assert_eq!(
        check_text(&exact.token, &as_secret.to_string(), SecretEncoding::Utf8).status,
        Status::Valid
    );
    assert!(attacks
        .iter()
        .any(|a| a.variant == "HS512 with the PKCS#1 PEM"));
    assert!(attacks
        .iter()
        .any(|a| a.variant == "HS384 with the SPKI DER bytes"));

    let dir = format!("{}/target/interop", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        format!("{dir}/attacks.json"),
        serde_json::to_string_pretty(&written).unwrap(),
    )
    .unwrap();
}

#[test]
fn the_worker_makes_the_lab_and_the_wire_carries_it() {
    let fixture = common::fixture("ES256");
    let request = Request::Attacks {
        token: fixture["token"].as_str().unwrap().to_owned(),
        key: fixture["keys"]["spki-pem"].as_str().unwrap().into(),
        encoding: SecretEncoding::Utf8,
        url: URL.to_owned(),
    };
    assert_eq!(Request::decode(&request.encode()).unwrap(), request);
    let Reply::Attacks(attacks) = Reply::decode(&handle(&request.encode())).unwrap() else {
        panic!("the lab");
    };
    assert!(attacks.len() > 20);
    assert!(attacks.iter().any(|a| a.kind == AttackKind::X5u
        && a.host
            .as_deref()
            .is_some_and(|h| h.contains("BEGIN CERTIFICATE"))));
    // A token that is not a JWS cannot be attacked: the worker says why.
    let broken = Request::Attacks {
        token: "not a token".to_owned(),
        key: "".into(),
        encoding: SecretEncoding::Utf8,
        url: String::new(),
    };
    assert!(matches!(
        Reply::decode(&handle(&broken.encode())).unwrap(),
        Reply::Failed { .. }
    ));
}
