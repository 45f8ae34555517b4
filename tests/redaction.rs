//! Secrets stay secret: no `Debug` of a key, key set, key entry, worker request or reply, or the
//! page's state prints secret or private key material, however deep it sits.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwt_debugger::jose::jwe::alg::AesSize;

mod common;

use common::fixture;
use jwt_debugger::jose::jwe;
use jwt_debugger::jose::key::{self, private, SecretEncoding};
use jwt_debugger::jose::protocol::{EncryptRequest, Reply, Request, SignRequest};
use jwt_debugger::jose::workshop::answer;
use jwt_debugger::ui::state::encoder::Edit;
use jwt_debugger::ui::state::workshop::Edit as WorkshopEdit;
use jwt_debugger::ui::state::{Action, State};

const SECRET: &str = "a-very-secret-hmac-key-of-32-bytes!!";

/// Pieces of text that would betray the secret or the private key if they were printed.
fn betrayals() -> Vec<String> {
    let rsa = fixture("RS256");
    let private_pem = rsa["keys"]["pkcs8-pem"].as_str().unwrap();
    // A line from the middle of the PEM body, and the private exponent of the private JWK.
    let pem_line = private_pem.lines().nth(5).unwrap().to_owned();
    let ec_pem = fixture("ES256")["keys"]["pkcs8-pem"]
        .as_str()
        .unwrap()
        .to_owned();
    let ec_line = ec_pem.lines().nth(1).unwrap().to_owned();
    let encoded = jwt_debugger::jose::base64url::encode(SECRET.as_bytes());
    let mut found = vec![SECRET.to_owned(), encoded, pem_line, ec_line];
    // The secret as bytes, as a derived `Debug` of a `Vec<u8>` would print it.
    found.push(
        format!("{:?}", &SECRET.as_bytes()[..8])
            .trim_end_matches(']')
            .to_owned(),
    );
    found
}

fn assert_redacted(what: &str, printed: &str) {
    for secret in betrayals() {
        assert!(
            !printed.contains(&secret),
            "{what} printed secret material {secret:?}:\n{printed}"
        );
    }
}

fn private_pem() -> String {
    fixture("RS256")["keys"]["pkcs8-pem"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn keys_and_key_sets_never_print_their_secrets() {
    let secret_set = key::parse(SECRET, SecretEncoding::Utf8).unwrap();
    let jwk = format!(
        r#"{{"keys":[{{"kty":"oct","k":"{}"}}]}}"#,
        jwt_debugger::jose::base64url::encode(SECRET.as_bytes())
    );
    let jwk_set = key::parse(&jwk, SecretEncoding::Utf8).unwrap();
    let from_private = key::parse(&private_pem(), SecretEncoding::Utf8).unwrap();
    for (what, set) in [
        ("secret", &secret_set),
        ("oct JWK Set", &jwk_set),
        ("private PEM", &from_private),
    ] {
        assert_redacted(what, &format!("{set:?} {set:#?}"));
        for entry in &set.entries {
            assert_redacted(what, &format!("{entry:?} {:?}", entry.key));
        }
    }
    // The redacted forms still say what the key is.
    assert!(format!("{secret_set:?}").contains("36 bytes"));
    let signing = private::parse(&private_pem(), SecretEncoding::Utf8).unwrap();
    assert_redacted("private key", &format!("{signing:?}"));
    let ec_private = fixture("ES256")["keys"]["pkcs8-pem"]
        .as_str()
        .unwrap()
        .to_owned();
    let ec_signing = private::parse(&ec_private, SecretEncoding::Utf8).unwrap();
    assert_redacted("EC private key", &format!("{ec_signing:?}"));
    let ec_set = key::parse(&ec_private, SecretEncoding::Utf8).unwrap();
    assert_redacted("EC key set", &format!("{ec_set:#?}"));
    let hmac = private::parse(SECRET, SecretEncoding::Utf8).unwrap();
    assert_redacted("HMAC signing key", &format!("{hmac:?}"));
    for entry in jwe::key::parse(SECRET, SecretEncoding::Utf8).unwrap() {
        assert_redacted("decryption key", &format!("{:?}", entry.key));
    }
}

#[test]
fn worker_requests_and_replies_never_print_keys() {
    let sign = Request::Sign(SignRequest {
        alg: jwt_debugger::jose::alg::Alg::HS256,
        header: r#"{"alg":"HS256"}"#.to_owned(),
        payload: "{}".to_owned(),
        key: SECRET.into(),
        encoding: SecretEncoding::Utf8,
        allow_weak: false,
        encrypt: Some(EncryptRequest {
            alg: jwt_debugger::jose::jwe::alg::KeyAlg::Pbes2(AesSize::Aes128),
            enc: jwt_debugger::jose::jwe::alg::EncAlg::AesGcm(AesSize::Aes128),
            key: private_pem().into(),
            encoding: SecretEncoding::Utf8,
        }),
        selective: None,
    });
    let convert = Request::Convert {
        key: private_pem().into(),
        encoding: SecretEncoding::Utf8,
    };
    let decrypt = Request::Decrypt {
        token: "a.b.c.d.e".to_owned(),
        key: SECRET.into(),
        encoding: SecretEncoding::Utf8,
    };
    for request in [&sign, &convert, &decrypt] {
        assert_redacted("request", &format!("{request:?} {request:#?}"));
    }
    // Replies that carry key material: the forms of a private key, and an encrypted token's
    // decryption key.
    let forms = answer(convert);
    assert!(matches!(forms, Reply::Forms(_)), "{forms:?}");
    assert_redacted("key forms", &format!("{forms:?} {forms:#?}"));
    let signed = answer(Request::Sign(SignRequest {
        encrypt: Some(EncryptRequest {
            alg: jwt_debugger::jose::jwe::alg::KeyAlg::Dir,
            enc: jwt_debugger::jose::jwe::alg::EncAlg::AesGcm(AesSize::Aes256),
            key: "0123456789abcdef0123456789abcdef".into(),
            encoding: SecretEncoding::Utf8,
        }),
        selective: None,
        ..match sign {
            Request::Sign(sign) => sign,
            _ => unreachable!(),
        }
    }));
    assert!(matches!(signed, Reply::Signed(_)), "{signed:?}");
    let printed = format!("{signed:?}");
    assert_redacted("signed reply", &printed);
    assert!(!printed.contains("0123456789abcdef"), "{printed}");
    // The wire text itself carries them, as it must.
    assert!(signed.encode().contains("0123456789abcdef"));
}

#[test]
fn the_page_state_never_prints_what_was_typed_in_a_key_box() {
    let mut state = State::new(String::new(), 0.0);
    state.apply(Action::SetKey(SECRET.into()));
    state.apply(Action::Encode(Edit::Key(private_pem().into())));
    state.apply(Action::Encode(Edit::JweKey(SECRET.into())));
    state.apply(Action::SetInnerKey(SECRET.into()));
    state.apply(Action::Workshop(WorkshopEdit::ConvertInput {
        text: private_pem().into(),
        now: 0.0,
    }));
    assert_redacted("state", &format!("{state:?} {state:#?}"));
    assert_eq!(state.outer.key.text.expose(), SECRET);
}
