//! The key workshop's core: every kind of key is generated, written as PEM and JWK, read back
//! by the key box's parsers, signs a token that verifies with its public forms, and a second key
//! of the same kind does not verify it. Keys go to `target/interop/keys.json` for the
//! `cryptography` package to parse (tests/interop/check_keys.py).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwt_debugger::jose::key::export::{
    jwks, private_jwk, private_pem, public_jwk, public_pem, JwkLabels,
};
use jwt_debugger::jose::key::{self, private, SecretEncoding};
use jwt_debugger::jose::keygen::{generate, KeyKind};
use jwt_debugger::jose::sign::encode;
use jwt_debugger::jose::status::{check_text, Status};
use serde_json::{json, Value};

/// RSA-3072 and RSA-4096 take the same path as RSA-2048, only slower; the page makes them with
/// WebCrypto.
fn kinds() -> Vec<KeyKind> {
    KeyKind::ALL
        .into_iter()
        .filter(|kind| !matches!(kind, KeyKind::Rsa(size) if size.bits() > 2048))
        .collect()
}

#[test]
fn every_kind_round_trips_signs_and_verifies() {
    let mut written = Vec::new();
    for kind in kinds() {
        let name = kind.name();
        assert_eq!(KeyKind::from_name(&name), Some(kind));
        let alg = kind.alg();
        let key = generate(kind).unwrap();
        let labels = JwkLabels {
            kid: None,
            alg: Some(alg.name().to_owned()),
            key_use: Some("sig".to_owned()),
        };
        let private = private_jwk(&key, &labels).to_string();
        let public = public_jwk(&key.public(), &labels);
        // The kid defaults to the RFC 7638 thumbprint the key box computes.
        let read = key::parse(&public.to_string(), SecretEncoding::Utf8).unwrap();
        assert_eq!(
            public["kid"].as_str(),
            Some(read.entries[0].meta.thumbprint.as_str()),
            "{name}"
        );

        let header = json!({"alg": alg.name(), "kid": public["kid"]}).to_string();
        let token = encode(alg, &header, br#"{"sub":"workshop"}"#, &key).unwrap();
        let mut verifiers = vec![public.to_string(), jwks(public.clone()).to_string()];
        if let Ok(pem) = public_pem(&key.public()) {
            verifiers.push(pem);
        }
        for verifier in &verifiers {
            let verdict = check_text(&token, verifier, SecretEncoding::Utf8);
            assert_eq!(
                verdict.status,
                Status::Valid,
                "{name}: {:?}",
                verdict.reason
            );
            assert!(verdict.strict.is_empty(), "{name}: {:?}", verdict.strict);
        }
        // Read back from the private forms: the same key.
        let mut private_forms = vec![private.clone()];
        if let Ok(pem) = private_pem(&key) {
            private_forms.push(pem);
        }
        for form in &private_forms {
            let again = private::parse(form, SecretEncoding::Utf8).unwrap();
            assert_eq!(again.public(), key.public(), "{name}");
        }
        // Negative twin: another key of the same kind does not verify the token.
        let other = public_jwk(&generate(kind).unwrap().public(), &JwkLabels::default());
        let verdict = check_text(&token, &other.to_string(), SecretEncoding::Utf8);
        assert_eq!(verdict.status, Status::Invalid, "{name} with another key");

        written.push(json!({
            "kind": name,
            "alg": alg.name(),
            "token": token,
            "private_pem": private_pem(&key).ok(),
            "public_pem": public_pem(&key.public()).ok(),
            "private_jwk": serde_json::from_str::<Value>(&private).unwrap(),
        }));
    }
    let dir = format!("{}/target/interop", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        format!("{dir}/keys.json"),
        serde_json::to_string_pretty(&written).unwrap(),
    )
    .unwrap();
}

#[test]
fn secrets_have_the_asked_length_and_differ() {
    for (kind, bytes) in [
        (KeyKind::Oct(jwt_debugger::jose::alg::Hash::Sha256), 32),
        (KeyKind::Oct(jwt_debugger::jose::alg::Hash::Sha384), 48),
        (KeyKind::Oct(jwt_debugger::jose::alg::Hash::Sha512), 64),
    ] {
        let a = private_jwk(&generate(kind).unwrap(), &JwkLabels::default());
        let b = private_jwk(&generate(kind).unwrap(), &JwkLabels::default());
        let k = jwt_debugger::jose::base64url::decode_segment(
            a["k"].as_str().unwrap(),
            jwt_debugger::jose::error::Part::Key,
            0,
        )
        .unwrap();
        assert_eq!(k.len(), bytes);
        assert_ne!(a["k"], b["k"]);
    }
}

#[test]
fn a_secret_has_no_pem_form() {
    let secret = generate(KeyKind::Oct(jwt_debugger::jose::alg::Hash::Sha256)).unwrap();
    assert!(private_pem(&secret).is_err());
    assert!(public_pem(&secret.public()).is_err());
}

#[test]
fn an_ec_private_pem_is_the_one_elliptic_curves_encoder_writes() {
    use jwt_debugger::jose::key::private::{EcPrivateKey, PrivateKey};
    use pkcs8::EncodePrivateKey;
    for name in ["P-256", "P-384", "P-521", "secp256k1"] {
        let key = generate(KeyKind::from_name(name).unwrap()).unwrap();
        let PrivateKey::Ec(ec) = &key else {
            panic!("{name}: not an EC key");
        };
        let theirs = match &**ec {
            EcPrivateKey::P256(sk) => p256::SecretKey::from(sk).to_pkcs8_der(),
            EcPrivateKey::P384(sk) => p384::SecretKey::from(sk).to_pkcs8_der(),
            EcPrivateKey::P521(sk) => p521::SecretKey::from(sk).to_pkcs8_der(),
            EcPrivateKey::K256(sk) => k256::SecretKey::from(sk).to_pkcs8_der(),
        }
        .unwrap();
        let pem = private_pem(&key).unwrap();
        let (label, ours) = der::pem::decode_vec(pem.as_bytes()).unwrap();
        assert_eq!(label, "PRIVATE KEY");
        assert_eq!(ours, theirs.as_bytes(), "{name}");
        // Negative twin: another key of the curve writes other bytes.
        let other = private_pem(&generate(KeyKind::from_name(name).unwrap()).unwrap()).unwrap();
        assert_ne!(other, pem, "{name}");
    }
}
