//! The examples menu: every example fills both boxes with a token and key that give the verdict
//! the page promises (jwt.io's token valid but strictly refused for its short secret, the signed
//! examples valid and strictly clean, the JWE decrypted to jwt.io's token, the broken one a
//! decode error); and each signed example with one flipped bit, or the JWE with a flipped tag
//! bit, fails.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::rc::Rc;

use common::{decrypt_text, flip_signature_bit, settle_here, JWT_IO_SECRET, JWT_IO_TOKEN};
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::examples::Example;
use jwt_debugger::jose::inspection::{CheckSettings, Inspection};
use jwt_debugger::jose::key::{self, KeyFormat};
use jwt_debugger::jose::protocol::{Decryption, Reply, Request};
use jwt_debugger::jose::status::Status;
use jwt_debugger::jose::workshop::answer;

/// 2030-01-01T00:00:00Z: after every example was issued, before any expires.
const NOW: f64 = 1_893_456_000.0;

/// The example's token and key box inspected as the page does, a platform check (RSA, P-256)
/// run by the core's own primitives as the worker's fallback would.
fn inspect(token: &str, example: Example) -> Inspection {
    let keys = Some(Rc::new(key::parse(example.key(), example.encoding())));
    let mut inspection = Inspection::of_text(token, keys, &CheckSettings::default(), NOW);
    if let Some(settled) = settle_here(&mut inspection) {
        assert!(settled);
    }
    inspection
}

/// The decoded header (the example decodes, or the test fails here).
fn header_of(inspection: &Inspection) -> &jwt_debugger::jose::token::Header {
    inspection
        .decoded
        .as_deref()
        .unwrap()
        .header
        .as_ref()
        .unwrap()
}

fn strict_codes(inspection: &Inspection) -> Vec<&'static str> {
    common::strict_codes(inspection)
}

#[test]
fn the_table_round_trips_every_id_and_labels_each_example() {
    let ids: Vec<&str> = Example::ALL.iter().map(|example| example.id()).collect();
    assert_eq!(
        ids,
        ["hs256", "rs256-jwks", "es256-pem", "eddsa", "jwe", "broken"]
    );
    for example in Example::ALL {
        assert_eq!(Example::from_id(example.id()), Some(example));
        assert!(!example.label().is_empty());
        assert!(!example.token().is_empty() && !example.key().is_empty());
        assert_eq!(example.encoding(), key::SecretEncoding::Utf8);
    }
    assert_eq!(Example::from_id("HS256"), None);
    assert_eq!(Example::from_id(""), None);
    assert_eq!(Example::Hs256.label(), "HS256 with a secret");
}

#[test]
fn jwt_io_token_is_valid_but_its_short_secret_is_refused_by_a_careful_verifier() {
    let example = Example::Hs256;
    assert_eq!(
        (example.token(), example.key()),
        (JWT_IO_TOKEN, JWT_IO_SECRET)
    );
    let inspection = inspect(example.token(), example);
    assert_eq!(inspection.verification.status, Status::Valid);
    assert_eq!(strict_codes(&inspection), ["short-secret"]);

    let twin = inspect(&flip_signature_bit(example.token()), example);
    assert_eq!(twin.verification.status, Status::Invalid);
}

#[test]
fn the_signed_examples_verify_strictly_with_their_keys() {
    let cases = [
        (Example::Rs256Jwks, KeyFormat::Jwks),
        (Example::Es256Pem, KeyFormat::Pem("PUBLIC KEY".to_owned())),
        (Example::EdDsa, KeyFormat::Jwk),
    ];
    for (example, format) in cases {
        let id = example.id();
        let inspection = inspect(example.token(), example);
        let keys = inspection.keys.as_deref().unwrap().as_ref().unwrap();
        assert_eq!(keys.format, format, "{id}");
        assert_eq!(
            inspection.verification.status,
            Status::Valid,
            "{id}: {:?}",
            inspection.verification.reason
        );
        assert!(
            inspection.verification.strictly_valid(),
            "{id}: {:?}",
            inspection.verification.strict
        );
        assert!(inspection.decode_error().is_none(), "{id}");

        let twin = inspect(&flip_signature_bit(example.token()), example);
        assert_eq!(
            twin.verification.status,
            Status::Invalid,
            "{id} with a flipped bit"
        );
    }
}

#[test]
fn the_jwk_set_example_is_picked_by_kid_from_two_keys() {
    let example = Example::Rs256Jwks;
    let inspection = inspect(example.token(), example);
    let keys = inspection.keys.as_deref().unwrap().as_ref().unwrap();
    assert_eq!(keys.entries.len(), 2);
    let verified = inspection.verification.verified_by.clone().unwrap();
    assert_eq!(verified.position, 2);
    assert_eq!(verified.kid.as_deref(), Some("2025-01"));
    assert_eq!(header_of(&inspection).kid(), Some("2025-01"));
    let claims = inspection.decoded.as_deref().unwrap().claims().unwrap();
    for claim in ["iss", "sub", "aud", "iat", "exp", "name"] {
        assert!(claims.contains_key(claim), "{claim}");
    }
    // Far in the future: the example stays unexpired.
    assert!(claims["exp"].as_f64().unwrap() >= 4_070_908_800.0);

    assert_eq!(keys.kids, ["2024-01", "2025-01"]);
    // The twin: the token signed for the other key's kid finds no key with its signature.
    let other_kid = example.token().replacen(
        &base64url::encode(br#"{"alg":"RS256","kid":"2025-01","typ":"JWT"}"#),
        &base64url::encode(br#"{"alg":"RS256","kid":"2024-01","typ":"JWT"}"#),
        1,
    );
    assert_ne!(other_kid, example.token());
    assert_eq!(
        inspect(&other_kid, example).verification.status,
        Status::Invalid
    );
}

#[test]
fn the_jwe_example_decrypts_with_its_key_box_to_jwt_io_token() {
    let example = Example::Jwe;
    let inspection = inspect(example.token(), example);
    assert!(inspection.is_jwe());
    // As the page asks the worker (see `ui::state::encrypted::request`).
    let reply = answer(Request::Decrypt {
        token: example.token().to_owned(),
        key: example.key().into(),
        encoding: example.encoding(),
    });
    let Reply::Decryption(Decryption::Decrypted(opened)) = reply else {
        panic!("not decrypted: {reply:?}");
    };
    assert_eq!(opened.text.as_deref(), Some(JWT_IO_TOKEN));
    assert_eq!(header_of(&inspection).json["cty"], "JWT");
    assert_eq!(
        decrypt_text(example.token(), example.key(), example.encoding()).unwrap(),
        JWT_IO_TOKEN.as_bytes()
    );

    // The negative twin: one flipped bit of the authentication tag.
    let (rest, tag) = example.token().rsplit_once('.').unwrap();
    let mut tag = common::base64url_decode(tag);
    tag[0] ^= 0x01;
    let flipped = format!("{rest}.{}", base64url::encode(&tag));
    let reply = answer(Request::Decrypt {
        token: flipped.clone(),
        key: example.key().into(),
        encoding: example.encoding(),
    });
    assert!(
        matches!(reply, Reply::Decryption(Decryption::Invalid { .. })),
        "{reply:?}"
    );
    assert!(decrypt_text(&flipped, example.key(), example.encoding()).is_err());
}

#[test]
fn the_broken_example_is_malformed_with_a_decode_error_in_its_payload() {
    let example = Example::Broken;
    let inspection = inspect(example.token(), example);
    assert_eq!(inspection.verification.status, Status::Malformed);
    let error = inspection.decode_error().unwrap();
    assert_eq!(error.code(), "base64url");
    assert!(error.to_string().contains("payload"), "{error}");
    // Its header still reads.
    assert!(inspection.decoded.as_deref().unwrap().header.is_ok());

    // The twin: the same token unbroken is jwt.io's, and decodes.
    let fixed = inspect(JWT_IO_TOKEN, example);
    assert!(fixed.decode_error().is_none());
}

#[test]
fn the_examples_stay_small() {
    let total: usize = Example::ALL
        .iter()
        .map(|example| example.token().len() + example.key().len())
        .sum();
    assert!(total < 4000, "{total} bytes of examples");
}
