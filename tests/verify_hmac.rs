//! HS256/384/512 verification end to end through the core: RFC vectors, jwt.io examples, twins.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::token::decode;

fn status(token: &str, key: &str, encoding: SecretEncoding) -> Status {
    check_text(token, key, encoding).status
}

#[test]
fn rfc7515_a1_hs256_verifies_with_its_jwk_secret() {
    let example = rfc_example("RFC 7515 A.1");
    let token = example["token"].as_str().unwrap();
    let k = example["key"]["k"].as_str().unwrap();
    assert_eq!(status(token, k, SecretEncoding::Base64Url), Status::Valid);
}

#[test]
fn rfc7515_a1_with_a_flipped_bit_is_invalid() {
    let example = rfc_example("RFC 7515 A.1");
    let token = flip_signature_bit(example["token"].as_str().unwrap());
    let k = example["key"]["k"].as_str().unwrap();
    assert_eq!(
        status(&token, k, SecretEncoding::Base64Url),
        Status::Invalid
    );
}

#[test]
fn rfc7515_a1_header_with_crlf_is_verified_as_received() {
    // The A.1 header holds "\r\n " inside its JSON; a re-encoding would not verify.
    let example = rfc_example("RFC 7515 A.1");
    let token = example["token"].as_str().unwrap();
    let decoded = decode(token);
    let header = decoded.header.as_ref().unwrap();
    assert_eq!(header.json.keys().collect::<Vec<_>>(), ["typ", "alg"]);
    assert!(token.starts_with("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."));
}

#[test]
fn rfc7515_a1_with_the_key_in_the_wrong_encoding_is_invalid() {
    let example = rfc_example("RFC 7515 A.1");
    let token = example["token"].as_str().unwrap();
    let k = example["key"]["k"].as_str().unwrap();
    // The same text taken as UTF-8 bytes is a different key.
    assert_eq!(status(token, k, SecretEncoding::Utf8), Status::Invalid);
}

#[test]
fn jwt_io_examples_verify_with_their_secrets() {
    assert_eq!(
        status(JWT_IO_TOKEN, JWT_IO_SECRET, SecretEncoding::Utf8),
        Status::Valid
    );
    assert_eq!(
        status(JWT_IO_V2_TOKEN, JWT_IO_V2_SECRET, SecretEncoding::Utf8),
        Status::Valid
    );
}

#[test]
fn jwt_io_examples_fail_with_each_others_secret() {
    assert_eq!(
        status(JWT_IO_TOKEN, JWT_IO_V2_SECRET, SecretEncoding::Utf8),
        Status::Invalid
    );
    assert_eq!(
        status(JWT_IO_V2_TOKEN, JWT_IO_SECRET, SecretEncoding::Utf8),
        Status::Invalid
    );
    assert_eq!(
        status(
            &flip_signature_bit(JWT_IO_TOKEN),
            JWT_IO_SECRET,
            SecretEncoding::Utf8
        ),
        Status::Invalid
    );
}

#[test]
fn a_secret_with_a_trailing_newline_is_a_different_key() {
    assert_eq!(
        status(JWT_IO_TOKEN, "your-256-bit-secret\n", SecretEncoding::Utf8),
        Status::Invalid
    );
}

#[test]
fn each_hs_algorithm_uses_its_own_hash() {
    let secret = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let key = std::str::from_utf8(secret).unwrap();
    for alg in [Alg::HS256, Alg::HS384, Alg::HS512] {
        let header = format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg.name());
        let token = hs_token(alg, &header, br#"{"sub":"x"}"#, secret);
        assert_eq!(
            status(&token, key, SecretEncoding::Utf8),
            Status::Valid,
            "{}",
            alg.name()
        );
        // Twin: the same MAC under a header that names a different HS hash must not verify.
        for other in [Alg::HS256, Alg::HS384, Alg::HS512]
            .into_iter()
            .filter(|o| *o != alg)
        {
            let signature = token.rsplit_once('.').unwrap().1;
            let relabelled = hs_token(
                other,
                &format!(r#"{{"alg":"{}","typ":"JWT"}}"#, other.name()),
                br#"{"sub":"x"}"#,
                secret,
            );
            let (input, _) = relabelled.rsplit_once('.').unwrap();
            let forged = format!("{input}.{signature}");
            assert_eq!(
                status(&forged, key, SecretEncoding::Utf8),
                Status::Invalid,
                "{} as {}",
                alg.name(),
                other.name()
            );
        }
    }
}

#[test]
fn pasted_wrapping_is_removed_before_verifying() {
    let pasted = format!("  Authorization: Bearer \"{JWT_IO_TOKEN}\"\n");
    assert_eq!(
        status(&pasted, JWT_IO_SECRET, SecretEncoding::Utf8),
        Status::Valid
    );
}

#[test]
fn secrets_in_every_encoding_verify_and_their_twins_do_not() {
    // "your-256-bit-secret" in each encoding.
    let cases = [
        (SecretEncoding::Base64, "eW91ci0yNTYtYml0LXNlY3JldA=="),
        (SecretEncoding::Base64Url, "eW91ci0yNTYtYml0LXNlY3JldA"),
        (
            SecretEncoding::Hex,
            "796f75722d3235362d6269742d736563726574",
        ),
    ];
    for (encoding, text) in cases {
        assert_eq!(
            status(JWT_IO_TOKEN, text, encoding),
            Status::Valid,
            "{encoding:?}"
        );
        assert_eq!(
            status(JWT_IO_TOKEN, text, SecretEncoding::Utf8),
            Status::Invalid,
            "{encoding:?} as utf8"
        );
    }
}

#[test]
fn an_undecodable_secret_is_a_key_error() {
    assert_eq!(
        status(JWT_IO_TOKEN, "not hex!", SecretEncoding::Hex),
        Status::KeyError
    );
    assert_eq!(
        status(JWT_IO_TOKEN, "abc*", SecretEncoding::Base64),
        Status::KeyError
    );
    assert_eq!(
        status(JWT_IO_TOKEN, "====", SecretEncoding::Base64),
        Status::KeyError
    );
}

#[test]
fn no_token_and_no_key_have_their_own_statuses() {
    assert_eq!(
        check_text("  ", JWT_IO_SECRET, SecretEncoding::Utf8).status,
        Status::Empty
    );
    assert_eq!(
        status(JWT_IO_TOKEN, "", SecretEncoding::Utf8),
        Status::NoKey
    );
}

#[test]
fn alg_none_is_never_valid() {
    let example = rfc_example("RFC 7515 A.5");
    let token = example["token"].as_str().unwrap();
    assert_eq!(
        status(token, "anything", SecretEncoding::Utf8),
        Status::Unsupported
    );
    assert_eq!(status(token, "", SecretEncoding::Utf8), Status::Unsupported);
}

#[test]
fn none_spelled_otherwise_is_an_unknown_algorithm_not_a_pass() {
    for alg in ["None", "NONE", "nOnE"] {
        let token = hs_token(Alg::HS256, &format!(r#"{{"alg":"{alg}"}}"#), b"{}", b"k");
        assert_eq!(
            status(&token, "k", SecretEncoding::Utf8),
            Status::Unsupported,
            "{alg}"
        );
    }
}

#[test]
fn a_secret_for_an_rsa_token_is_a_key_error() {
    let example = rfc_example("RFC 7515 A.2");
    let token = example["token"].as_str().unwrap();
    let verification = check_text(token, "secret", SecretEncoding::Utf8);
    assert_eq!(verification.status, Status::KeyError);
    let reason = verification
        .reason
        .map(|r| r.to_string())
        .unwrap_or_default();
    assert!(reason.contains("RS256 needs an RSA public key"), "{reason}");
}
