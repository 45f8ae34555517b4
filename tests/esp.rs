//! RFC 9864 fully specified ECDSA: ESP256 (P-256 + SHA-256), ESP384 (P-384 + SHA-384) and
//! ESP512 (P-521 + SHA-512). Tokens signed here with the fixture keys verify with RustCrypto and
//! through the page's platform path (the same WebCrypto algorithm as ES256/384/512); each has a
//! flipped-bit, a wrong-key and a wrong-curve twin, and a key on another curve is refused by
//! name. `tests/interop.rs` hands PyJWT the same signatures (see there for the header rewrite).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{decide_check_here, fixture, flip_signature_bit};
use jwt_debugger::jose::alg::{Alg, Curve, Family};
use jwt_debugger::jose::error::Error;
use jwt_debugger::jose::inspection::Inspection;
use jwt_debugger::jose::key::{self, private, SecretEncoding};
use jwt_debugger::jose::sign::encode;
use jwt_debugger::jose::status::{check_text, Status};
use serde_json::json;

/// Each fully specified name, the polymorphic name it equals, and the other curves' fixtures.
const CASES: [(Alg, Alg, &str, &str); 3] = [
    (Alg::ESP256, Alg::ES256, "ES256", "ES384"),
    (Alg::ESP384, Alg::ES384, "ES384", "ES512"),
    (Alg::ESP512, Alg::ES512, "ES512", "ES256"),
];

fn signed(alg: Alg, fixture_name: &str) -> String {
    let case = fixture(fixture_name);
    let key = private::parse(
        case["keys"]["pkcs8-pem"].as_str().unwrap(),
        SecretEncoding::Utf8,
    )
    .unwrap();
    let header = json!({"alg": alg.name(), "typ": "JWT"}).to_string();
    encode(alg, &header, br#"{"sub":"esp"}"#, &key).unwrap()
}

#[test]
fn the_table_pins_each_curve_and_hash_and_shares_the_platform_algorithm() {
    for (specified, polymorphic, _, _) in CASES {
        assert_eq!(Alg::from_name(specified.name()), Some(specified));
        assert_eq!(specified.family(), Family::Ecdsa);
        assert_eq!(specified.curve(), polymorphic.curve());
        assert_eq!(specified.hash(), polymorphic.hash());
        assert_eq!(specified.platform(), polymorphic.platform());
        assert!(specified.platform().is_some());
    }
    assert_eq!(Alg::ESP512.curve(), Some(Curve::P521));
    assert_eq!(Alg::from_name("esp256"), None);
}

#[test]
fn tokens_signed_here_verify_in_every_key_form_and_their_twins_do_not() {
    for (alg, _, name, other) in CASES {
        let token = signed(alg, name);
        let case = fixture(name);
        for (format, text) in case["keys"].as_object().unwrap() {
            let verdict = check_text(&token, text.as_str().unwrap(), SecretEncoding::Utf8);
            assert_eq!(
                verdict.status,
                Status::Valid,
                "{} with {format}",
                alg.name()
            );
        }
        let public = case["keys"]["spki-pem"].as_str().unwrap();
        let flipped = check_text(&flip_signature_bit(&token), public, SecretEncoding::Utf8);
        assert_eq!(flipped.status, Status::Invalid, "{} flipped", alg.name());
        let wrong = check_text(
            &token,
            case["wrong_key"].as_str().unwrap(),
            SecretEncoding::Utf8,
        );
        assert_eq!(wrong.status, Status::Invalid, "{} wrong key", alg.name());
        // A key on another curve is refused before any crypto, naming the curve needed.
        let other_key = fixture(other)["keys"]["spki-pem"]
            .as_str()
            .unwrap()
            .to_owned();
        let refused = check_text(&token, &other_key, SecretEncoding::Utf8);
        assert_eq!(refused.status, Status::KeyError, "{}", alg.name());
        let curve = alg.curve().unwrap().jwk_name();
        match refused.reason {
            Some(Error::KeyMismatch {
                alg: named,
                expected,
                ..
            }) => {
                assert_eq!(named, alg.name());
                assert!(expected.contains(curve), "{expected}");
            }
            other => panic!("{}: {other:?}", alg.name()),
        }
        let message = check_text(&token, &other_key, SecretEncoding::Utf8)
            .reason
            .unwrap()
            .to_string();
        assert!(message.contains(curve), "{message}");
    }
}

#[test]
fn the_page_hands_esp_tokens_to_the_platform_like_es_tokens() {
    for (alg, polymorphic, name, _) in CASES {
        let token = signed(alg, name);
        let public = fixture(name)["keys"]["jwk"].as_str().unwrap().to_owned();
        let keys = Some(std::rc::Rc::new(key::parse(&public, SecretEncoding::Utf8)));
        let given = jwt_debugger::jose::detached::GivenPayload::default();
        let inspection = Inspection::verdict_first(&token, keys, &given, 0);
        assert_eq!(
            inspection.verification.status,
            Status::Pending,
            "{}",
            alg.name()
        );
        let check = inspection.platform_check().expect("a platform check");
        assert_eq!(decide_check_here(&check).status, Status::Valid);
        assert_eq!(alg.platform(), polymorphic.platform());
    }
}

#[test]
fn a_signing_key_on_another_curve_is_refused_by_name() {
    let p384 = private::parse(
        fixture("ES384")["keys"]["pkcs8-pem"].as_str().unwrap(),
        SecretEncoding::Utf8,
    )
    .unwrap();
    let header = json!({"alg": "ESP256"}).to_string();
    let err = encode(Alg::ESP256, &header, b"{}", &p384).unwrap_err();
    assert_eq!(err.code(), "key-mismatch");
    assert!(err.to_string().contains("P-256"), "{err}");
}
