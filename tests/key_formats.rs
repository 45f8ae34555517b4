//! Every algorithm with its key in every format the key box reads (fixtures made by
//! tests/fixtures/generate.py), each with its negative twins: a wrong key of the same type,
//! a flipped signature bit, and a key of the wrong family.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixture, fixture_encoding as encoding, fixtures, flip_signature_bit};
use jwt_debugger::jose::key::{self, KeyFormat, SecretEncoding};
use jwt_debugger::jose::status::{check_text, Status};
use serde_json::Value;

#[test]
fn every_algorithm_verifies_with_every_key_format() {
    let mut checked = 0;
    for case in fixtures() {
        let name = case["name"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        for (format, key) in case["keys"].as_object().unwrap() {
            let key = key.as_str().unwrap();
            let verification = check_text(token, key, encoding(format));
            assert_eq!(
                verification.status,
                Status::Valid,
                "{name} {format}: {:?}",
                verification.reason
            );
            assert!(
                verification.strict.is_empty(),
                "{name} {format}: {:?}",
                verification.strict
            );
            let flipped = check_text(&flip_signature_bit(token), key, encoding(format));
            assert_eq!(flipped.status, Status::Invalid, "{name} {format} flipped");
            checked += 1;
        }
        let wrong = check_text(
            token,
            case["wrong_key"].as_str().unwrap(),
            SecretEncoding::Utf8,
        );
        assert_eq!(wrong.status, Status::Invalid, "{name} with the wrong key");
    }
    assert_eq!(checked, 96);
}

#[test]
fn the_jwks_key_is_chosen_by_kid_and_named() {
    for case in fixtures() {
        let verification = check_text(
            case["token"].as_str().unwrap(),
            case["keys"]["jwks"].as_str().unwrap(),
            SecretEncoding::Utf8,
        );
        let key = verification.verified_by.unwrap();
        assert_eq!(key.kid.as_deref(), case["kid"].as_str(), "{}", case["name"]);
        assert_eq!(key.position, 2, "the decoy is first");
    }
}

#[test]
fn a_key_of_another_family_or_curve_is_a_key_error() {
    let cases = fixtures();
    let find = |name: &str| cases.iter().find(|c| c["name"] == name).unwrap();
    let pairs = [
        ("RS256", "ES256"),
        ("ES256", "ES384"),
        ("ES256", "ES256K"),
        ("EdDSA", "ES256"),
        ("PS256", "EdDSA"),
    ];
    for (token_of, key_of) in pairs {
        let token = find(token_of)["token"].as_str().unwrap();
        for format in ["spki-pem", "jwk", "certificate-pem"] {
            let key = find(key_of)["keys"][format].as_str().unwrap();
            let verification = check_text(token, key, SecretEncoding::Utf8);
            assert_eq!(
                verification.status,
                Status::KeyError,
                "{token_of} token, {key_of} {format}"
            );
        }
    }
    // A public PEM pasted as an HMAC secret (the RS256 -> HS256 confusion) is refused.
    let hs = find("HS256")["token"].as_str().unwrap();
    let pem = find("RS256")["keys"]["spki-pem"].as_str().unwrap();
    let verification = check_text(hs, pem, SecretEncoding::Utf8);
    assert_eq!(verification.status, Status::KeyError);
    assert!(verification
        .reason
        .unwrap()
        .to_string()
        .contains("needs an HMAC secret"));
}

#[test]
fn the_detected_format_is_named() {
    let case = &fixtures()[3]; // RS256
    let expect = [
        ("spki-pem", KeyFormat::Pem("PUBLIC KEY".into())),
        ("pkcs1-public-pem", KeyFormat::Pem("RSA PUBLIC KEY".into())),
        ("pkcs8-pem", KeyFormat::Pem("PRIVATE KEY".into())),
        (
            "pkcs1-private-pem",
            KeyFormat::Pem("RSA PRIVATE KEY".into()),
        ),
        ("certificate-pem", KeyFormat::Pem("CERTIFICATE".into())),
        ("jwk", KeyFormat::Jwk),
        ("jwks", KeyFormat::Jwks),
    ];
    for (format, detected) in expect {
        let keys =
            key::parse(case["keys"][format].as_str().unwrap(), SecretEncoding::Utf8).unwrap();
        assert_eq!(keys.format, detected, "{format}");
        assert_eq!(
            keys.entries[0].key.describe().split(' ').next(),
            Some("RSA")
        );
    }
}

#[test]
fn a_certificate_shows_subject_issuer_and_validity() {
    let case = &fixtures()[3];
    let keys = key::parse(
        case["keys"]["certificate-pem"].as_str().unwrap(),
        SecretEncoding::Utf8,
    )
    .unwrap();
    let cert = keys.entries[0].meta.certificate.clone().unwrap();
    assert_eq!(cert.subject, "CN=fixture rs256-fixture");
    assert_eq!(cert.issuer, cert.subject);
    assert_eq!(cert.not_before, 1_767_225_600); // 2026-01-01T00:00:00Z
    assert!(cert.is_expired_at(cert.not_after + 1));
    assert!(!cert.is_expired_at(cert.not_before));
    assert!(cert.is_not_yet_valid_at(cert.not_before - 1));
}

#[test]
fn unreadable_keys_say_which_format_and_what_is_wrong() {
    let cases = [
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----", "encrypted"),
        ("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----", "PEM"),
        ("-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----", "SPKI public key"),
        ("-----BEGIN DH PARAMETERS-----\nMAA=\n-----END DH PARAMETERS-----", "DH PARAMETERS"),
        ("-----BEGIN PUBLIC KEY-----\nMIIB", "no complete"),
        // X25519 public key (RFC 8410 example).
        ("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----", "key agreement"),
        (r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#, "coordinates are 32 bytes"),
        (r#"{"kty":"OKP","crv":"X25519","x":"AA"}"#, "only Ed25519 and Ed448"),
        (r#"{"keys":[]}"#, "no keys"),
        (r#"{"kid":"x"}"#, "neither"),
        (r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, "under 512 bits"),
        ("{not json", "not valid"),
    ];
    for (text, words) in cases {
        let err = key::parse(text, SecretEncoding::Utf8)
            .unwrap_err()
            .to_string();
        assert!(err.contains(words), "{text:?}: {err}");
    }
}

#[test]
fn a_set_skips_unusable_keys_and_says_why() {
    let case = &fixtures()[9]; // ES256
    let mut jwks: Value = serde_json::from_str(case["keys"]["jwks"].as_str().unwrap()).unwrap();
    jwks["keys"].as_array_mut().unwrap().insert(
        0,
        serde_json::json!({"kty": "EC", "crv": "P-999", "kid": "odd"}),
    );
    let keys = key::parse(&jwks.to_string(), SecretEncoding::Utf8).unwrap();
    assert_eq!(keys.entries.len(), 2);
    assert_eq!(keys.skipped.len(), 1);
    assert!(
        keys.skipped[0].contains("kid \"odd\""),
        "{:?}",
        keys.skipped
    );
    let verification = check_text(
        case["token"].as_str().unwrap(),
        &jwks.to_string(),
        SecretEncoding::Utf8,
    );
    assert_eq!(verification.status, Status::Valid);
}

#[test]
fn ec_keys_keep_both_coordinates_in_their_canonical_jwk_on_every_curve() {
    // secp256k1 points compress by default; the thumbprint needs x and y (RFC 7638 §3.2).
    for name in ["ES256", "ES384", "ES512", "ES256K"] {
        let case = fixture(name);
        let jwk: Value = serde_json::from_str(case["keys"]["jwk"].as_str().unwrap()).unwrap();
        for format in ["jwk", "spki-pem", "sec1-pem"] {
            let text = case["keys"][format].as_str().unwrap();
            let keys = key::parse(text, SecretEncoding::Utf8).unwrap();
            let canonical: Value = serde_json::from_str(&keys.entries[0].canonical_jwk).unwrap();
            assert_eq!(
                (&canonical["x"], &canonical["y"]),
                (&jwk["x"], &jwk["y"]),
                "{name} {format}"
            );
        }
    }
}

/// The fixture's EC point for `name`, as SEC1 uncompressed and compressed bytes.
fn sec1_points(name: &str) -> (Vec<u8>, Vec<u8>) {
    let jwk: Value = serde_json::from_str(fixture(name)["keys"]["jwk"].as_str().unwrap()).unwrap();
    let coordinate = |c: &str| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(jwk[c].as_str().unwrap())
            .unwrap()
    };
    let (x, y) = (coordinate("x"), coordinate("y"));
    let uncompressed = [vec![0x04], x.clone(), y.clone()].concat();
    let compressed = [vec![0x02 | (y.last().unwrap() & 1)], x].concat();
    (uncompressed, compressed)
}

#[test]
fn secp256k1_points_are_read_uncompressed_and_checked_to_be_on_the_curve() {
    use jwt_debugger::jose::alg::Curve;
    use jwt_debugger::jose::key::EcKey;
    let (uncompressed, compressed) = sec1_points("ES256K");
    assert!(EcKey::from_sec1(Curve::Secp256k1, &uncompressed).is_ok());
    // Negative twins: a point off the curve, a truncated one, and a compressed one (refused
    // with the reason and what to give instead).
    let mut off_curve = uncompressed.clone();
    *off_curve.last_mut().unwrap() ^= 1;
    let err = EcKey::from_sec1(Curve::Secp256k1, &off_curve)
        .err()
        .unwrap();
    assert!(err.contains("not on secp256k1"), "{err}");
    assert!(EcKey::from_sec1(Curve::Secp256k1, &uncompressed[..64]).is_err());
    let err = EcKey::from_sec1(Curve::Secp256k1, &compressed)
        .err()
        .unwrap();
    assert!(err.contains("compressed") && err.contains("JWK"), "{err}");
    // The NIST curves read compressed points.
    let (_, p256_compressed) = sec1_points("ES256");
    assert!(EcKey::from_sec1(Curve::P256, &p256_compressed).is_ok());
}
