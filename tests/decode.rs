//! Decoding errors: each kind says which part, which step and where, and each has a twin
//! that decodes. One broken part never hides the others.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::base64url::encode;
use jwt_debugger::jose::error::{Base64Problem, Error, Part};
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::status::Status;
use jwt_debugger::jose::token::{decode, Form, PayloadView};

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

fn b64(text: &str) -> String {
    encode(text.as_bytes())
}

fn first_error(token: &str) -> Option<Error> {
    decode(token).errors().first().map(|err| (*err).clone())
}

#[test]
fn the_jwt_io_token_decodes_cleanly() {
    let decoded = decode(JWT_IO_TOKEN);
    assert!(decoded.errors().is_empty());
    assert_eq!(decoded.form, Ok(Form::Jws));
    assert_eq!(
        decoded.segment(0),
        Some("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")
    );
    assert_eq!(
        decoded.header.as_ref().map(|h| h.text.as_str()),
        Ok(r#"{"alg":"HS256","typ":"JWT"}"#)
    );
    match decoded.payload {
        Some(Ok(payload)) => assert!(matches!(payload.view, PayloadView::Json(_))),
        other => panic!("{other:?}"),
    }
    assert_eq!(decoded.signature.map(|s| s.map(|b| b.len())), Some(Ok(32)));
}

#[test]
fn wrong_segment_count_is_a_token_error_and_three_is_fine() {
    for (token, found) in [("abc", 1), ("a.b", 2), ("a.b.c.d", 4), ("a.b.c.d.e.f", 6)] {
        let err = first_error(token);
        assert_eq!(err, Some(Error::SegmentCount { found }), "{token}");
        assert_eq!(err.map(|e| e.part()), Some(Part::Token));
    }
    assert_eq!(decode(JWT_IO_TOKEN).form, Ok(Form::Jws));
}

#[test]
fn two_segments_still_show_header_and_payload() {
    let (head, _) = JWT_IO_TOKEN.rsplit_once('.').unwrap();
    let decoded = decode(head);
    assert!(decoded.header.is_ok());
    assert!(matches!(decoded.payload, Some(Ok(_))));
    assert_eq!(decoded.signature, None);
}

#[test]
fn a_bad_base64url_character_is_located() {
    let token = JWT_IO_TOKEN.replacen("eyJzdWIi", "eyJz*WIi", 1);
    let err = first_error(&token);
    assert_eq!(
        err,
        Some(Error::Base64 {
            part: Part::Payload,
            offset: 4,
            column: 37 + 4 + 1,
            problem: Base64Problem::InvalidCharacter('*'),
        })
    );
    assert!(err.unwrap().to_string().contains("byte 4 of the payload"));
}

#[test]
fn standard_base64_characters_get_a_hint() {
    let token = JWT_IO_TOKEN.replace('_', "/");
    let message = first_error(&token).unwrap().to_string();
    assert!(message.contains("base64url uses '-' and '_'"), "{message}");
}

#[test]
fn padding_is_decoded_but_marked_non_canonical() {
    let token = format!("{}.e30=.AAAA", b64(HEADER));
    let decoded = decode(&token);
    assert!(matches!(decoded.payload, Some(Ok(_))));
    assert_eq!(decoded.non_canonical, vec![Part::Payload]);
    // Twin: the canonical form is not marked.
    assert!(decode(&format!("{}.{}.AAAA", b64(HEADER), b64("{}")))
        .non_canonical
        .is_empty());
}

#[test]
fn padding_in_the_middle_is_an_error_with_a_hint() {
    let token = format!("{}.e3=0.AAAA", b64(HEADER));
    let err = first_error(&token).unwrap();
    assert!(matches!(
        err,
        Error::Base64 {
            part: Part::Payload,
            problem: Base64Problem::InvalidCharacter('='),
            ..
        }
    ));
    assert!(err.to_string().contains("no '=' padding"));
}

#[test]
fn non_zero_trailing_bits_are_decoded_but_marked_non_canonical() {
    // "e30" is "{}"; "e31" carries a set bit that decoding silently drops.
    let decoded = decode(&format!("{}.e31.AAAA", b64(HEADER)));
    assert_eq!(decoded.non_canonical, vec![Part::Payload]);
    assert!(decode(&format!("{}.e30.AAAA", b64(HEADER)))
        .non_canonical
        .is_empty());
}

#[test]
fn an_impossible_length_is_reported() {
    let token = format!("{}.e30.AAAAA", b64(HEADER));
    assert!(matches!(
        first_error(&token),
        Some(Error::Base64 {
            part: Part::Signature,
            problem: Base64Problem::InvalidLength,
            ..
        })
    ));
}

#[test]
fn a_header_that_is_not_utf8_is_reported_with_its_offset() {
    let token = format!("{}.e30.AAAA", encode(b"{\"a\xff\":1}"));
    assert_eq!(
        first_error(&token),
        Some(Error::Utf8 {
            part: Part::Header,
            offset: 3
        })
    );
}

#[test]
fn broken_header_json_says_line_and_column_and_payload_still_decodes() {
    let token = format!(
        "{}.{}.AAAA",
        b64("{\"alg\":\n \"HS256\",}"),
        b64(r#"{"sub":"x"}"#)
    );
    let decoded = decode(&token);
    match &decoded.header {
        Err(Error::Json {
            part: Part::Header,
            line: 2,
            column,
            ..
        }) => assert!(*column > 1),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&decoded.payload, Some(Ok(p)) if matches!(p.view, PayloadView::Json(_))));
}

#[test]
fn a_header_that_is_not_an_object_is_named() {
    let token = format!("{}.e30.AAAA", b64(r#"["alg"]"#));
    assert_eq!(
        first_error(&token),
        Some(Error::NotObject {
            part: Part::Header,
            found: "an array"
        })
    );
}

#[test]
fn a_header_without_alg_is_malformed() {
    let token = hs_token(Alg::HS256, r#"{"typ":"JWT"}"#, b"{}", b"k");
    let verification = verdict(&decode(&token), "k", SecretEncoding::Utf8);
    assert_eq!(verification.status, Status::Malformed);
    assert_eq!(verification.reason, Some(Error::MissingAlg));
}

#[test]
fn broken_payload_json_is_reported_but_the_signature_is_still_checked() {
    let secret = b"0123456789abcdef0123456789abcdef";
    let token = hs_token(Alg::HS256, HEADER, br#"{"sub": "x",}"#, secret);
    let decoded = decode(&token);
    assert!(matches!(
        decoded.errors().first(),
        Some(Error::Json {
            part: Part::Payload,
            line: 1,
            ..
        })
    ));
    assert!(decoded.header.is_ok());
    let key = std::str::from_utf8(secret).unwrap();
    assert_eq!(
        verdict(&decoded, key, SecretEncoding::Utf8).status,
        Status::Valid
    );
    let twin = decode(&flip_signature_bit(&token));
    assert_eq!(
        verdict(&twin, key, SecretEncoding::Utf8).status,
        Status::Invalid
    );
}

#[test]
fn a_jwt_payload_that_is_not_an_object_is_reported() {
    let token = hs_token(Alg::HS256, HEADER, b"[1,2]", b"k");
    assert_eq!(
        first_error(&token),
        Some(Error::NotObject {
            part: Part::Payload,
            found: "an array"
        })
    );
}

#[test]
fn a_text_payload_of_a_plain_jws_is_shown_as_text_and_verified() {
    let example = rfc_example("RFC 8037 A.4");
    let decoded = decode(example["token"].as_str().unwrap());
    assert!(decoded.errors().is_empty());
    match decoded.payload {
        Some(Ok(payload)) => assert_eq!(
            payload.view,
            PayloadView::Text("Example of Ed25519 signing".into())
        ),
        other => panic!("{other:?}"),
    }
    let token = hs_token(Alg::HS256, r#"{"alg":"HS256"}"#, b"$.02", b"k");
    assert_eq!(
        verdict(&decode(&token), "k", SecretEncoding::Utf8).status,
        Status::Valid
    );
}

#[test]
fn a_binary_payload_is_kept_as_bytes_and_verified() {
    let token = hs_token(Alg::HS256, r#"{"alg":"HS256"}"#, &[0xff, 0x00, 0x80], b"k");
    let decoded = decode(&token);
    assert!(decoded.errors().is_empty());
    assert!(
        matches!(&decoded.payload, Some(Ok(p)) if p.view == PayloadView::Binary && p.bytes == [0xff, 0, 0x80])
    );
    assert_eq!(
        verdict(&decoded, "k", SecretEncoding::Utf8).status,
        Status::Valid
    );
    // Twin: a JWT (typ says so) must be UTF-8 JSON.
    let jwt = hs_token(Alg::HS256, HEADER, &[0xff], b"k");
    assert_eq!(
        first_error(&jwt),
        Some(Error::Utf8 {
            part: Part::Payload,
            offset: 0
        })
    );
}

#[test]
fn a_five_segment_token_is_a_jwe_with_its_header_shown() {
    let token = format!("{}.a.b.c.d", b64(r#"{"alg":"dir","enc":"A128GCM"}"#));
    let decoded = decode(&token);
    assert_eq!(decoded.form, Ok(Form::Jwe));
    assert!(decoded.header.is_ok());
    let verification = verdict(&decoded, "k", SecretEncoding::Utf8);
    assert_eq!(verification.status, Status::Unsupported);
    assert_eq!(verification.reason, Some(Error::EncryptedToken));
}

#[test]
fn whitespace_inside_a_token_is_an_error_not_silently_dropped() {
    let token = JWT_IO_TOKEN.replacen('.', ".\n", 1);
    assert!(matches!(
        first_error(&token),
        Some(Error::Base64 {
            part: Part::Payload,
            offset: 0,
            problem: Base64Problem::InvalidCharacter('\n'),
            ..
        })
    ));
}

#[test]
fn numbers_and_member_order_are_kept_in_the_header_text() {
    let header = r#"{"typ":"JWT","n":1.50,"alg":"HS256"}"#;
    let token = hs_token(Alg::HS256, header, b"{}", b"k");
    let decoded = decode(&token);
    let header = decoded.header.unwrap();
    assert_eq!(header.json.keys().collect::<Vec<_>>(), ["typ", "n", "alg"]);
    assert_eq!(header.json["n"].to_string(), "1.50");
}

#[test]
fn any_input_decodes_without_panicking() {
    let samples = [
        "",
        ".",
        "..",
        "....",
        "é.é.é",
        "\u{0}",
        "eyJ.eyJ.",
        "....................",
        "=.=.=",
        "eyJhbGciOiJub25lIn0..",
        &"A".repeat(100_000),
        &".".repeat(10_000),
    ];
    for sample in samples {
        let decoded = decode(sample);
        let _ = verdict(&decoded, "k", SecretEncoding::Hex);
        for err in decoded.errors() {
            assert!(!err.to_string().is_empty());
            assert!(!err.code().is_empty());
        }
    }
}
