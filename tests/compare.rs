#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Two tokens compared member by member: added, removed, changed and same for header and
//! claims (each change with its negative twin, an identical token), time claims as times and
//! as their difference, and a side that does not decode, which adds no rows and says why.

mod common;

use common::{JWT_IO_TOKEN, JWT_IO_V2_TOKEN};
use jwt_debugger::jose::base64url::encode;
use jwt_debugger::jose::claims::time::TimeValue;
use jwt_debugger::jose::compare::{
    compare, compare_members, difference_words, same_value, Change, Comparison, Missing, Row,
};
use jwt_debugger::jose::error::{Error, Part};
use jwt_debugger::jose::token::{decode, Decoded};
use serde_json::{json, Map, Value};

/// A compact token from header and payload text (the signature is never checked here).
fn token(header: &str, payload: &str) -> Decoded {
    decode(&format!(
        "{}.{}.c2ln",
        encode(header.as_bytes()),
        encode(payload.as_bytes())
    ))
}

fn both(a: &Decoded, b: &Decoded) -> Comparison {
    compare(Some(a), Some(b))
}

/// (name, change code) of each row, in order.
fn changes(rows: &[Row]) -> Vec<(&str, &str)> {
    rows.iter()
        .map(|row| (row.name.as_str(), row.change.code()))
        .collect()
}

fn object(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#;
const CLAIMS: &str = r#"{"iss":"https://a.example","sub":"42","aud":"api","exp":1516242622,"iat":1516239022,"scope":"read"}"#;

#[test]
fn change_codes_are_the_page_contract_and_read_back() {
    let codes: Vec<&str> = Change::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(codes, ["added", "removed", "changed", "same"]);
    for change in Change::ALL {
        assert_eq!(Change::from_code(change.code()), Some(change));
    }
    assert_eq!(Change::from_code("moved"), None);
}

#[test]
fn identical_tokens_are_the_same_in_every_row() {
    let a = token(HEADER, CLAIMS);
    let comparison = both(&a, &a.clone());
    for row in comparison.header.rows.iter().chain(&comparison.claims.rows) {
        assert_eq!(row.change, Change::Same, "{}", row.name);
        assert_eq!(row.a, row.b, "{}", row.name);
        assert!(!row.respelled, "{}", row.name);
    }
    assert_eq!(comparison.header.rows.len(), 3);
    assert_eq!(comparison.claims.rows.len(), 6);
    let summary = comparison.summary();
    assert!(summary.identical(), "{summary:?}");
    assert_eq!(
        (
            summary.added,
            summary.removed,
            summary.changed,
            summary.same
        ),
        (0, 0, 0, 9)
    );
    assert!(summary.deciding().is_empty());
    assert!(!summary.incomplete);
    // The jwt.io example against itself, decoded twice.
    let jwt_io = both(&decode(JWT_IO_TOKEN), &decode(JWT_IO_TOKEN));
    assert!(jwt_io.summary().identical());
}

#[test]
fn header_rows_say_added_removed_changed_and_same_in_a_then_b_order() {
    let a = token(HEADER, CLAIMS);
    let b = token(
        r#"{"jku":"https://b.example/jwks","alg":"RS256","kid":"k1"}"#,
        CLAIMS,
    );
    let comparison = both(&a, &b);
    assert_eq!(
        changes(&comparison.header.rows),
        [
            ("alg", "changed"),
            ("typ", "removed"),
            ("kid", "same"),
            ("jku", "added"),
        ]
    );
    let alg = comparison.header.row("alg").unwrap();
    assert_eq!(alg.a.as_deref(), Some("\"HS256\""));
    assert_eq!(alg.b.as_deref(), Some("\"RS256\""));
    let typ = comparison.header.row("typ").unwrap();
    assert_eq!(
        (typ.a.as_deref(), typ.b.as_deref()),
        (Some("\"JWT\""), None)
    );
    let jku = comparison.header.row("jku").unwrap();
    assert_eq!(jku.a, None);
    assert_eq!(jku.b.as_deref(), Some("\"https://b.example/jwks\""));
    assert!(comparison.header.rows.iter().all(|row| row.time.is_none()));

    let summary = comparison.summary();
    assert_eq!((summary.added, summary.removed, summary.changed), (1, 1, 1));
    assert_eq!(summary.deciding(), ["alg", "typ"]);
    assert!(!summary.kid && !summary.iss && !summary.aud);
    assert!(!summary.identical());
    // The claims are untouched.
    assert!(comparison
        .claims
        .rows
        .iter()
        .all(|row| row.change == Change::Same));
}

#[test]
fn claim_rows_say_added_removed_changed_and_same() {
    let a = token(HEADER, CLAIMS);
    let b = token(
        HEADER,
        r#"{"iss":"https://b.example","sub":"42","aud":["api"],"exp":1516242622,"iat":1516239022,"admin":true}"#,
    );
    let comparison = both(&a, &b);
    assert_eq!(
        changes(&comparison.claims.rows),
        [
            ("iss", "changed"),
            ("sub", "same"),
            // A string and a one-element array mean the same audience to RFC 7519, but are
            // different JSON: a verifier that reads `aud` as one string refuses the array.
            ("aud", "changed"),
            ("exp", "same"),
            ("iat", "same"),
            ("scope", "removed"),
            ("admin", "added"),
        ]
    );
    let aud = comparison.claims.row("aud").unwrap();
    assert_eq!(aud.b.as_deref(), Some("[\"api\"]"));
    let summary = comparison.summary();
    assert_eq!(summary.deciding(), ["iss", "aud"]);
    assert_eq!(
        (
            summary.added,
            summary.removed,
            summary.changed,
            summary.same
        ),
        (1, 1, 2, 6)
    );
    // The negative twin: B's own claims against themselves.
    assert!(both(&b, &b).summary().identical());
}

#[test]
fn a_kid_that_differs_is_named() {
    let a = token(HEADER, CLAIMS);
    let b = token(r#"{"alg":"HS256","typ":"JWT","kid":"k2"}"#, CLAIMS);
    let summary = both(&a, &b).summary();
    assert_eq!(summary.deciding(), ["kid"]);
    assert_eq!(summary.changed, 1);
}

#[test]
fn the_jwt_io_v1_and_v2_examples_differ_by_one_added_claim() {
    let comparison = both(&decode(JWT_IO_TOKEN), &decode(JWT_IO_V2_TOKEN));
    assert!(comparison
        .header
        .rows
        .iter()
        .all(|row| row.change == Change::Same));
    let added: Vec<&Row> = comparison
        .claims
        .rows
        .iter()
        .filter(|row| row.change != Change::Same)
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].name, "admin");
    assert_eq!(added[0].change, Change::Added);
    assert_eq!(added[0].b.as_deref(), Some("true"));
    // Added rows come after A's members, in B's order.
    assert_eq!(comparison.claims.rows.last().unwrap().name, "admin");
}

#[test]
fn time_claims_show_both_times_and_the_difference() {
    let a = token(
        HEADER,
        r#"{"exp":1516242622,"iat":1516239022,"auth_time":1516239022,"updated_at":1516239022,"count":5}"#,
    );
    let b = token(
        HEADER,
        r#"{"exp":1516246222,"iat":1516238992,"auth_time":1516239022,"updated_at":1516411822,"count":6,"nbf":1516239022}"#,
    );
    let comparison = both(&a, &b);
    let time = |name: &str| comparison.claims.row(name).unwrap().time.clone().unwrap();

    let exp = time("exp");
    assert_eq!(exp.a.as_ref().unwrap().text, "2018-01-18T02:30:22Z");
    assert_eq!(exp.b.as_ref().unwrap().text, "2018-01-18T03:30:22Z");
    assert_eq!(
        exp.a.as_ref().unwrap().value,
        TimeValue::Seconds(1_516_242_622.0)
    );
    let difference = exp.difference.unwrap();
    assert_eq!(difference.seconds, 3600.0);
    assert_eq!(difference.words, "+1 h");

    let iat = time("iat").difference.unwrap();
    assert_eq!((iat.seconds, iat.words.as_str()), (-30.0, "\u{2212}30 s"));

    // The same time: a difference of nothing, and the row is the same.
    let auth_time = time("auth_time").difference.unwrap();
    assert_eq!(auth_time.words, "0 s");
    assert_eq!(
        comparison.claims.row("auth_time").unwrap().change,
        Change::Same
    );

    // Two days later: in hours, and roughly.
    assert_eq!(
        time("updated_at").difference.unwrap().words,
        "+48 h (2 days)"
    );

    // Only B has nbf: B's time, no difference.
    let nbf = time("nbf");
    assert!(nbf.a.is_none());
    assert_eq!(nbf.b.unwrap().text, "2018-01-18T01:30:22Z");
    assert!(nbf.difference.is_none());

    // A number that is no time claim has no time.
    assert!(comparison.claims.row("count").unwrap().time.is_none());
}

#[test]
fn times_of_different_kinds_have_no_difference() {
    let a = token(HEADER, r#"{"exp":1516242622,"iat":"1516239022"}"#);
    let b = token(HEADER, r#"{"exp":1516242622000,"iat":1516239022}"#);
    let comparison = both(&a, &b);
    let exp = comparison.claims.row("exp").unwrap().time.clone().unwrap();
    assert_eq!(
        exp.b.as_ref().unwrap().text,
        "looks like milliseconds: 2018-01-18T02:30:22Z"
    );
    assert!(exp.difference.is_none(), "seconds against milliseconds");
    let iat = comparison.claims.row("iat").unwrap().time.clone().unwrap();
    assert_eq!(iat.a.unwrap().text, "not a number");
    assert!(iat.difference.is_none());
    assert_eq!(
        changes(&comparison.claims.rows),
        [("exp", "changed"), ("iat", "changed")]
    );

    // Both in milliseconds: their difference in seconds.
    let c = token(HEADER, r#"{"exp":1516246222000}"#);
    let both_ms = both(&b, &c);
    let exp = both_ms.claims.row("exp").unwrap().time.clone().unwrap();
    assert_eq!(exp.difference.unwrap().seconds, 3600.0);
}

#[test]
fn differences_are_written_with_their_sign() {
    assert_eq!(difference_words(3600.0), "+1 h");
    assert_eq!(difference_words(3660.0), "+1 h 1 min");
    assert_eq!(difference_words(-30.0), "\u{2212}30 s");
    assert_eq!(difference_words(0.5), "+500 ms");
    assert_eq!(difference_words(0.0), "0 s");
    assert_eq!(difference_words(-90.0), "\u{2212}90 s");
    assert_eq!(difference_words(-150.0), "\u{2212}2 min 30 s");
    assert_eq!(difference_words(-3.0 * 86_400.0), "\u{2212}72 h (3 days)");
    assert_eq!(difference_words(f64::NAN), "0 s");
}

#[test]
fn numbers_are_compared_as_numbers_and_flagged_when_written_differently() {
    let a = token(
        HEADER,
        r#"{"exp":1516242622,"n":1e3,"z":0,"big":123456789012345678901234567890,"o":{"x":1,"y":2},"l":[1,2]}"#,
    );
    let b = token(
        HEADER,
        r#"{"exp":1516242622.0,"n":1000,"z":-0.0,"big":123456789012345678901234567891,"o":{"y":2,"x":1},"l":[2,1]}"#,
    );
    let comparison = both(&a, &b);
    assert_eq!(
        changes(&comparison.claims.rows),
        [
            ("exp", "same"),
            ("n", "same"),
            ("z", "same"),
            // Past f64's precision, still told apart.
            ("big", "changed"),
            ("o", "same"),
            // Arrays keep their order.
            ("l", "changed"),
        ]
    );
    for name in ["exp", "n", "z", "o"] {
        let row = comparison.claims.row(name).unwrap();
        assert!(row.respelled, "{name}");
        assert_ne!(row.a, row.b, "{name}: the values as written");
    }
    assert_eq!(
        comparison.claims.row("exp").unwrap().b.as_deref(),
        Some("1516242622.0"),
        "numbers as written"
    );
    let summary = comparison.summary();
    assert_eq!(
        (summary.same, summary.respelled, summary.changed),
        (7, 4, 2)
    );
    assert_eq!(
        comparison
            .claims
            .row("exp")
            .unwrap()
            .time
            .clone()
            .unwrap()
            .difference
            .unwrap()
            .words,
        "0 s"
    );

    // The negative twins: values that are the same as written are not flagged.
    assert!(same_value(&json!(15), &json!(15)));
    assert!(same_value(
        &serde_json::from_str::<Value>("1.50e1").unwrap(),
        &json!(15)
    ));
    assert!(!same_value(&json!(15), &json!(16)));
    assert!(!same_value(&json!(15), &json!("15")));
    assert!(!same_value(&json!(-1), &json!(1)));
    assert!(!same_value(&json!({"x": 1}), &json!({"x": 1, "y": 2})));
    assert!(!same_value(&json!([1]), &json!([1, 1])));
    assert!(same_value(&json!(null), &json!(null)));
    let plain = both(&a, &a);
    assert_eq!(plain.summary().respelled, 0);
}

#[test]
fn a_payload_that_does_not_decode_adds_no_rows_and_says_why() {
    let good = token(HEADER, CLAIMS);
    let broken = decode(&format!("{}.not*base64.c2ln", encode(HEADER.as_bytes())));
    let comparison = both(&broken, &good);
    let Some(Missing::Broken(err)) = &comparison.claims.a_missing else {
        panic!("{:?}", comparison.claims.a_missing);
    };
    assert_eq!(err.code(), "base64url");
    assert_eq!(
        comparison.claims.a_missing.as_ref().unwrap().code(),
        "broken"
    );
    assert!(comparison.claims.b_missing.is_none());
    // B's claims all read as added; the headers are still compared.
    assert_eq!(comparison.claims.rows.len(), 6);
    assert!(comparison
        .claims
        .rows
        .iter()
        .all(|row| row.change == Change::Added && row.a.is_none()));
    assert!(comparison.header.a_missing.is_none());
    assert!(comparison
        .header
        .rows
        .iter()
        .all(|row| row.change == Change::Same));
    let summary = comparison.summary();
    assert!(summary.incomplete);
    assert!(!summary.identical());
    assert_eq!(summary.added, 6);
    assert_eq!(summary.deciding(), ["iss", "aud"]);

    // The other way round, the claims read as removed.
    let reversed = both(&good, &broken);
    assert!(reversed.claims.b_missing.is_some());
    assert!(reversed
        .claims
        .rows
        .iter()
        .all(|row| row.change == Change::Removed && row.b.is_none()));
}

#[test]
fn a_header_that_does_not_decode_adds_no_header_rows() {
    let good = token(HEADER, CLAIMS);
    let broken = token(r#"{"alg":"HS256""#, CLAIMS);
    let comparison = both(&good, &broken);
    let missing = comparison.header.b_missing.as_ref().unwrap();
    assert!(matches!(missing, Missing::Broken(err) if err.code() == "json"));
    assert!(comparison
        .header
        .rows
        .iter()
        .all(|row| row.change == Change::Removed));
    // Its payload still decodes and is compared.
    assert!(comparison.claims.b_missing.is_none());
    assert!(comparison
        .claims
        .rows
        .iter()
        .all(|row| row.change == Change::Same));
    assert_eq!(comparison.summary().deciding(), ["alg", "kid", "typ"]);
}

#[test]
fn payloads_that_are_not_claims_are_named() {
    let good = token(HEADER, CLAIMS);
    let unsigned_header = r#"{"alg":"HS256"}"#;
    for (payload, header, expected) in [
        (
            "hello, world",
            unsigned_header,
            Missing::NotClaims { found: "text" },
        ),
        (
            "[1,2]",
            unsigned_header,
            Missing::NotClaims { found: "an array" },
        ),
        // Not JSON-looking, so text to a payload that need not be JSON.
        (
            "\"a string\"",
            unsigned_header,
            Missing::NotClaims { found: "text" },
        ),
        // A JWT (typ) whose payload is not a JSON object: the decoder's own error.
        (
            "hello",
            HEADER,
            Missing::Broken(Error::Json {
                part: Part::Payload,
                line: 1,
                column: 1,
                message: String::new(),
            }),
        ),
        (
            "[1]",
            HEADER,
            Missing::Broken(Error::NotObject {
                part: Part::Payload,
                found: "an array",
            }),
        ),
    ] {
        let other = token(header, payload);
        let comparison = both(&good, &other);
        let missing = comparison.claims.b_missing.clone().unwrap();
        match (&missing, &expected) {
            (Missing::Broken(err), Missing::Broken(want)) => {
                assert_eq!(err.code(), want.code(), "{payload}");
                assert_eq!(missing.code(), "broken");
                assert_eq!(missing.to_string(), err.to_string());
            }
            _ => {
                assert_eq!(missing, expected, "{payload}");
                assert_eq!(missing.code(), "not-claims");
                assert!(
                    missing.to_string().starts_with("The payload is "),
                    "{missing}"
                );
            }
        }
        assert!(comparison
            .claims
            .rows
            .iter()
            .all(|row| row.change == Change::Removed));
    }
    let binary = decode(&format!(
        "{}.{}.c2ln",
        encode(br#"{"alg":"HS256"}"#),
        encode(&[0xff, 0xfe])
    ));
    assert_eq!(
        both(&good, &binary).claims.b_missing,
        Some(Missing::NotClaims {
            found: "binary data"
        })
    );
}

#[test]
fn an_empty_box_and_an_encrypted_token_are_told_apart() {
    let good = token(HEADER, CLAIMS);
    let empty = compare(Some(&good), None);
    assert_eq!(empty.header.b_missing, Some(Missing::NoToken));
    assert_eq!(empty.claims.b_missing, Some(Missing::NoToken));
    assert_eq!(
        empty.claims.b_missing.as_ref().unwrap().to_string(),
        "There is no token."
    );
    assert_eq!(empty.summary().removed, 9);

    let nothing = compare(None, None);
    assert!(nothing.header.rows.is_empty() && nothing.claims.rows.is_empty());
    assert!(!nothing.summary().identical(), "nothing is not identical");

    // A JWE's protected header is compared; its claims are inside the ciphertext.
    let jwe_header = r#"{"alg":"dir","enc":"A128GCM","kid":"k1"}"#;
    let jwe = decode(&format!("{}..aXY.Y3Q.dGFn", encode(jwe_header.as_bytes())));
    let comparison = both(&good, &jwe);
    assert_eq!(comparison.claims.b_missing, Some(Missing::Encrypted));
    assert_eq!(
        comparison.claims.b_missing.as_ref().unwrap().code(),
        "encrypted"
    );
    assert_eq!(
        changes(&comparison.header.rows),
        [
            ("alg", "changed"),
            ("typ", "removed"),
            ("kid", "same"),
            ("enc", "added"),
        ]
    );

    // Two segments: no payload to compare, and the segment count says why.
    let short = decode(&format!("{}.e30", encode(HEADER.as_bytes())));
    let comparison = both(&good, &short);
    assert!(comparison.claims.b_missing.is_none(), "e30 is {{}}");
    let one = decode(&encode(HEADER.as_bytes()));
    let comparison = both(&good, &one);
    assert!(matches!(
        comparison.claims.b_missing,
        Some(Missing::Broken(ref err)) if err.code() == "segment-count"
    ));
}

#[test]
fn members_compare_directly_for_objects_from_anywhere() {
    let a = object(json!({"alg": "ES256", "kid": "ec-1", "exp": 10}));
    let b = object(json!({"kid": "ec-1", "alg": "ES256", "exp": 20}));
    let rows = compare_members(&a, &b, true);
    assert_eq!(
        changes(&rows),
        [("alg", "same"), ("kid", "same"), ("exp", "changed")]
    );
    assert_eq!(
        rows[2]
            .time
            .as_ref()
            .unwrap()
            .difference
            .as_ref()
            .unwrap()
            .words,
        "+10 s"
    );
    // Without times, no time rows.
    assert!(compare_members(&a, &b, false)
        .iter()
        .all(|row| row.time.is_none()));
}

#[test]
fn the_summary_sentence_names_the_deciding_members() {
    let a = token(r#"{"alg":"HS256","kid":"1"}"#, r#"{"iss":"a","sub":"x"}"#);
    let b = token(
        r#"{"alg":"HS384","kid":"2"}"#,
        r#"{"iss":"b","sub":"x","n":1}"#,
    );
    let sentence = compare(Some(&a), Some(&b)).summary().sentence();
    assert_eq!(
        sentence,
        "3 changed, 1 added, 0 removed, 1 the same; alg, kid and iss differ, which usually decides why one token is accepted and the other not."
    );
    let same = compare(Some(&a), Some(&a)).summary().sentence();
    assert_eq!(same, "The two tokens have the same header and claims.");
    let c = token(r#"{"alg":"HS256","kid":"1"}"#, r#"{"iss":"a","sub":"y"}"#);
    let one = compare(Some(&a), Some(&c)).summary().sentence();
    assert_eq!(one, "1 changed, 0 added, 0 removed, 3 the same.");
}
