//! Tokens encrypted here: every key management algorithm with every content encryption round
//! trips through decryption (a wrong key of the same kind does not open them), weak or
//! mismatched choices are refused with the reason, and every token is written to
//! `target/interop/encrypted.json` for `tests/interop/decrypt_with_jwcrypto.py`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwt_debugger::jose::jwe::alg::AesSize;

mod common;

use common::{decrypt_text, fixture};
use jwt_debugger::jose::alg::Curve;
use jwt_debugger::jose::jwe::alg::{EncAlg, KeyAlg};
use jwt_debugger::jose::jwe::encrypt::{encrypt, Recipient};
use jwt_debugger::jose::jwe::pbkdf2::Pbes2;
use jwt_debugger::jose::key::export::private_pem;
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::keygen::{generate, KeyKind};
use serde_json::{json, Map, Value};

/// Iterations for PBES2 in tests (the page uses 600,000; debug builds are slow).
fn test_pbes2() -> Pbes2 {
    Pbes2::new(1000)
}

fn open(token: &str, key_text: &str) -> Result<Vec<u8>, String> {
    decrypt_text(token, key_text, SecretEncoding::Utf8)
}

fn secret_jwk(bytes: usize, fill: u8) -> String {
    let k = jwt_debugger::jose::base64url::encode(&vec![fill; bytes]);
    json!({"kty": "oct", "k": k}).to_string()
}

const X25519_D: &str = "XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os";
const X25519_X: &str = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";
const X25519_WRONG_D: &str = "RVqkt2ZmEiUY-OGyag9rXe7vsDm2BQ_XykdxhLv9pd4";

/// (recipient key text, private key text, wrong private key text) for `alg` with `enc`.
fn keys_for(alg: KeyAlg, enc: EncAlg) -> Vec<(String, String, String, &'static str)> {
    let fixture_keys = |name: &str, public: &str, private: &str| {
        let case = fixture(name);
        (
            case["keys"][public].as_str().unwrap().to_owned(),
            case["keys"][private].as_str().unwrap().to_owned(),
            case["wrong_key"].as_str().unwrap_or_default().to_owned(),
        )
    };
    match alg {
        KeyAlg::Dir => vec![(
            secret_jwk(enc.key_len(), 7),
            secret_jwk(enc.key_len(), 7),
            secret_jwk(enc.key_len(), 8),
            "oct",
        )],
        KeyAlg::AesKw(bits) | KeyAlg::AesGcmKw(bits) => vec![(
            secret_jwk(bits.bytes(), 1),
            secret_jwk(bits.bytes(), 1),
            secret_jwk(bits.bytes(), 2),
            "oct",
        )],
        KeyAlg::RsaOaep(_) | KeyAlg::Rsa1_5 => {
            let (public, private, _) = fixture_keys("RS256", "spki-pem", "pkcs8-pem");
            let (_, wrong, _) = fixture_keys("RS256-4096", "spki-pem", "pkcs8-pem");
            vec![(public, private, wrong, "RSA")]
        }
        KeyAlg::EcdhEs(_) => {
            let mut keys: Vec<_> = [
                ("ES256", Curve::P256),
                ("ES384", Curve::P384),
                ("ES512", Curve::P521),
            ]
            .into_iter()
            .map(|(name, curve)| {
                let (public, private, _) = fixture_keys(name, "jwk", "sec1-pem");
                let wrong = private_pem(&generate(KeyKind::Ec(curve)).unwrap()).unwrap();
                (public, private, wrong, "EC")
            })
            .collect();
            let x25519_public = json!({"kty": "OKP", "crv": "X25519", "x": X25519_X}).to_string();
            let x25519_private =
                json!({"kty": "OKP", "crv": "X25519", "x": X25519_X, "d": X25519_D}).to_string();
            let x25519_wrong =
                json!({"kty": "OKP", "crv": "X25519", "d": X25519_WRONG_D}).to_string();
            keys.push((x25519_public, x25519_private, x25519_wrong, "X25519"));
            keys
        }
        KeyAlg::Pbes2(_) => vec![(
            "correct horse battery staple".to_owned(),
            "correct horse battery staple".to_owned(),
            "incorrect horse battery staple".to_owned(),
            "password",
        )],
    }
}

#[test]
fn every_alg_with_every_enc_round_trips_and_is_written_for_jwcrypto() {
    let plaintext = b"Encrypted by the JWT debugger.";
    let mut written = Vec::new();
    for alg in KeyAlg::ALL {
        if alg == KeyAlg::Rsa1_5 {
            continue;
        }
        for enc in EncAlg::ALL {
            for (public, private, wrong, kind) in keys_for(alg, enc) {
                let name = format!("{} {} {kind}", alg.name(), enc.name());
                let recipient = Recipient::parse(&public, SecretEncoding::Utf8).unwrap();
                let header: Map<String, Value> =
                    json!({"cty": "text/plain"}).as_object().unwrap().clone();
                let token = encrypt(alg, enc, header, plaintext, &recipient, &test_pbes2())
                    .unwrap_or_else(|err| panic!("{name}: {err}"));
                assert_eq!(
                    open(&token, &private).as_deref(),
                    Ok(&plaintext[..]),
                    "{name}"
                );
                if !wrong.is_empty() {
                    assert!(
                        open(&token, &wrong).is_err(),
                        "{name} opened with a wrong key"
                    );
                }
                written.push(json!({"name": name, "token": token, "key": private}));
            }
        }
    }
    assert_eq!(written.len(), 16 * 6 + 4 * 6 * 3);
    let dir = format!("{}/target/interop", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let text = serde_json::to_string_pretty(&Value::Array(written)).unwrap();
    std::fs::write(format!("{dir}/encrypted.json"), text).unwrap();
}

#[test]
fn weak_or_mismatched_choices_are_refused_with_the_reason() {
    let rsa = Recipient::parse(
        fixture("RS256")["keys"]["spki-pem"].as_str().unwrap(),
        SecretEncoding::Utf8,
    )
    .unwrap();
    let refuse = |alg, enc, recipient: &Recipient| {
        encrypt(alg, enc, Map::new(), b"x", recipient, &test_pbes2())
            .unwrap_err()
            .to_string()
    };
    assert!(refuse(KeyAlg::Rsa1_5, EncAlg::AesGcm(AesSize::Aes128), &rsa).contains("deprecated"));
    assert!(refuse(
        KeyAlg::AesKw(AesSize::Aes128),
        EncAlg::AesGcm(AesSize::Aes128),
        &rsa
    )
    .contains("A128KW"));
    let short = Recipient::Secret(vec![1; 8].into());
    assert!(refuse(KeyAlg::Dir, EncAlg::AesGcm(AesSize::Aes256), &short).contains("32-byte"));
    assert!(refuse(
        KeyAlg::AesKw(AesSize::Aes256),
        EncAlg::AesGcm(AesSize::Aes256),
        &short
    )
    .contains("A256KW"));
    assert!(refuse(
        KeyAlg::EcdhEs(None),
        EncAlg::AesGcm(AesSize::Aes128),
        &short
    )
    .contains("ECDH-ES"));
    let ed25519 = Recipient::parse(
        fixture("EdDSA")["keys"]["jwk"].as_str().unwrap(),
        SecretEncoding::Utf8,
    );
    assert!(ed25519.is_err());
}
