//! Each finding: a token that triggers it and a near twin that does not.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixture, hs_token, JWT_IO_SECRET, JWT_IO_TOKEN};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::claims::Clock;
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::lint::{lint, Finding, FindingCode, LintInput, Severity};
use jwt_debugger::jose::token::decode;

const NOW: f64 = 1_700_000_000.0;
const DAY: f64 = 86_400.0;
const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

fn findings_with_key(token: &str, key_text: Option<&str>) -> Vec<Finding> {
    let keys = key_text.map(|text| key::parse(text, SecretEncoding::Utf8).unwrap());
    let input = LintInput {
        keys: keys.as_ref(),
        clock: Clock {
            now: NOW,
            leeway: 0.0,
        },
        max_lifetime: DAY,
    };
    lint(&decode(token), &input)
}

fn codes(token: &str) -> Vec<&'static str> {
    codes_with_key(token, None)
}

fn codes_with_key(token: &str, key_text: Option<&str>) -> Vec<&'static str> {
    findings_with_key(token, key_text)
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

/// An HS256 token with this header and payload JSON text, signed with `SECRET`.
fn token(header: &str, payload: &str) -> String {
    hs_token(Alg::HS256, header, payload.as_bytes(), SECRET)
}

/// A well-behaved payload: issued a minute ago, expires in an hour.
fn fresh() -> String {
    format!(
        r#"{{"sub":"a","iat":{},"exp":{}}}"#,
        NOW - 60.0,
        NOW + 3600.0
    )
}

const HS: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

#[test]
fn a_clean_token_has_no_findings() {
    assert_eq!(codes(&token(HS, &fresh())), Vec::<&str>::new());
}

#[test]
fn alg_none_in_any_spelling() {
    for alg in ["none", "None", "NONE", "nOnE"] {
        let header = format!(r#"{{"alg":"{alg}"}}"#);
        let unsigned = format!(
            "{}.{}.",
            base64url::encode(header.as_bytes()),
            base64url::encode(fresh().as_bytes())
        );
        assert!(codes(&unsigned).contains(&"alg-none"), "{alg}");
    }
    assert!(!codes(&token(r#"{"alg":"HS256","x":"none"}"#, &fresh())).contains(&"alg-none"));
}

#[test]
fn key_confusion_when_an_hs_token_meets_a_public_key() {
    let rsa_pem = fixture("RS256")["keys"]["spki-pem"]
        .as_str()
        .unwrap()
        .to_owned();
    let hs = token(HS, &fresh());
    assert!(codes_with_key(&hs, Some(&rsa_pem)).contains(&"key-confusion"));
    let secret = std::str::from_utf8(SECRET).unwrap();
    assert!(!codes_with_key(&hs, Some(secret)).contains(&"key-confusion"));
    // An RS token with the same public key is what the key is for.
    let rs = fixture("RS256")["token"].as_str().unwrap().to_owned();
    assert!(!codes_with_key(&rs, Some(&rsa_pem)).contains(&"key-confusion"));
}

#[test]
fn short_secret_and_weak_rsa() {
    let short = codes_with_key(JWT_IO_TOKEN, Some(JWT_IO_SECRET));
    assert!(short.contains(&"short-secret"), "19 bytes for HS256");
    let long = std::str::from_utf8(SECRET).unwrap();
    assert!(!codes_with_key(&token(HS, &fresh()), Some(long)).contains(&"short-secret"));

    // The fixture's key is 2048 bits: no finding; Yahoo's 1024-bit key (real-world vectors) is.
    let rs = fixture("RS256")["token"].as_str().unwrap().to_owned();
    let strong = fixture("RS256")["keys"]["jwk"].as_str().unwrap().to_owned();
    assert!(!codes_with_key(&rs, Some(&strong)).contains(&"weak-rsa"));
    let weak = r#"{"kty":"RSA","e":"AQAB","n":"AL1LkSgnGk-sKqFDBrojoqvpqOwmN7tgvz0p6J9g8O_nOzXMAwzMUUs4H_FMgeNWcuE6XzJX3spVwAYBp-rBLwyXXCGbO_chhwcpBDNndlZyqS2zOvwmZYdh4MhrUnIOcA8cdDB1hqoDdKOx9M-EjuoafcgqEPA7rWsZTH6TITMP"}"#;
    assert!(codes_with_key(&rs, Some(weak)).contains(&"weak-rsa"));
}

#[test]
fn time_findings_follow_the_clock() {
    let expired = format!(r#"{{"iat":{},"exp":{}}}"#, NOW - 7200.0, NOW - 3600.0);
    assert!(codes(&token(HS, &expired)).contains(&"expired"));
    let early = format!(r#"{{"nbf":{},"exp":{}}}"#, NOW + 60.0, NOW + 3600.0);
    assert!(codes(&token(HS, &early)).contains(&"not-yet-valid"));
    let future = format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 600.0, NOW + 3600.0);
    assert!(codes(&token(HS, &future)).contains(&"iat-in-future"));
    assert!(codes(&token(HS, r#"{"sub":"a"}"#)).contains(&"missing-exp"));
    let long = format!(r#"{{"iat":{},"exp":{}}}"#, NOW - 60.0, NOW + 30.0 * DAY);
    assert!(codes(&token(HS, &long)).contains(&"long-lifetime"));
    let millis = format!(r#"{{"exp":{}}}"#, (NOW + 3600.0) * 1000.0);
    assert!(codes(&token(HS, &millis)).contains(&"time-format"));
    let text = r#"{"exp":"tomorrow"}"#;
    assert!(codes(&token(HS, text)).contains(&"time-format"));
    // Twins: the fresh token has none of these.
    let clean = codes(&token(HS, &fresh()));
    for code in [
        "expired",
        "not-yet-valid",
        "iat-in-future",
        "missing-exp",
        "long-lifetime",
        "time-format",
    ] {
        assert!(!clean.contains(&code), "{code}");
    }
}

#[test]
fn embedded_keys_and_kid_injection() {
    let jku = r#"{"alg":"HS256","jku":"https://evil.example/keys"}"#;
    let found = findings_with_key(&token(jku, &fresh()), None);
    let embedded = found
        .iter()
        .find(|f| f.code == FindingCode::EmbeddedKey)
        .unwrap();
    assert!(embedded.title.contains("https://evil.example/keys"));
    for kid in [
        "../../dev/null",
        "x' UNION SELECT 'key",
        "a|whoami",
        "https://evil.example/k",
    ] {
        let header = serde_json::json!({"alg": "HS256", "kid": kid}).to_string();
        assert!(
            codes(&token(&header, &fresh())).contains(&"kid-injection"),
            "{kid}"
        );
    }
    let plain = r#"{"alg":"HS256","kid":"2024-05-key_1.a"}"#;
    let clean = codes(&token(plain, &fresh()));
    assert!(!clean.contains(&"kid-injection") && !clean.contains(&"embedded-key"));
}

#[test]
fn crit_b64_and_zip() {
    let crit = r#"{"alg":"HS256","crit":["exp2"],"exp2":1}"#;
    assert!(codes(&token(crit, &fresh())).contains(&"crit-unknown"));
    let b64 = r#"{"alg":"HS256","b64":false}"#;
    assert!(codes(&token(b64, &fresh())).contains(&"b64-false"));
    let b64_crit = r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
    let clean = codes(&token(b64_crit, &fresh()));
    assert!(!clean.contains(&"b64-false") && !clean.contains(&"crit-unknown"));
    let zip = r#"{"alg":"HS256","zip":"DEF"}"#;
    assert!(codes(&token(zip, &fresh())).contains(&"zip-in-jws"));
}

#[test]
fn duplicate_members_in_header_or_payload() {
    let header = r#"{"alg":"HS256","alg":"none"}"#;
    let found = findings_with_key(&token(header, &fresh()), None);
    let duplicate = found
        .iter()
        .find(|f| f.code == FindingCode::DuplicateMember)
        .unwrap();
    assert!(duplicate.title.contains("header") && duplicate.title.contains("\"alg\""));
    let payload = r#"{"sub":"a","exp":1,"exp":9999999999}"#;
    assert!(codes(&token(HS, payload)).contains(&"duplicate-member"));
    let nested = r#"{"a":{"exp":1},"exp":9999999999}"#;
    assert!(!codes(&token(HS, nested)).contains(&"duplicate-member"));
}

#[test]
fn psychic_signature_only_for_a_zero_component() {
    let case = fixture("ES256");
    let good = case["token"].as_str().unwrap();
    let (input, _) = good.rsplit_once('.').unwrap();
    assert!(!codes(good).contains(&"psychic-signature"));
    let zero = format!("{input}.{}", base64url::encode(&[0u8; 64]));
    assert!(codes(&zero).contains(&"psychic-signature"));
    let mut zero_s = [1u8; 64];
    zero_s[32..].fill(0);
    let zero_s = format!("{input}.{}", base64url::encode(&zero_s));
    assert!(codes(&zero_s).contains(&"psychic-signature"));
}

#[test]
fn sensitive_data_in_a_signed_payload() {
    for payload in [
        r#"{"exp":9999999999,"password":"hunter2"}"#,
        r#"{"exp":9999999999,"user":{"client_secret":"x"}}"#,
        r#"{"exp":9999999999,"note":"4111 1111 1111 1111"}"#,
    ] {
        assert!(
            codes(&token(HS, payload)).contains(&"sensitive-data"),
            "{payload}"
        );
    }
    let twin = r#"{"exp":9999999999,"password_changed_at":1,"note":"4111 1111 1111 1112"}"#;
    let found = findings_with_key(&token(HS, twin), None);
    let sensitive: Vec<_> = found
        .iter()
        .filter(|f| f.code == FindingCode::SensitiveData)
        .collect();
    // The name still matches "password"; the Luhn-invalid number does not.
    assert_eq!(sensitive.len(), 1);
    assert!(!sensitive[0].title.contains("card"));
    assert!(!codes(&token(HS, &fresh())).contains(&"sensitive-data"));
}

#[test]
fn typ_and_size() {
    for typ in ["JWT", "at+jwt", "application/at+JWT", "dpop+jwt"] {
        let header = serde_json::json!({"alg": "HS256", "typ": typ}).to_string();
        assert!(
            !codes(&token(&header, &fresh())).contains(&"not-jwt-typ"),
            "{typ}"
        );
    }
    let odd = r#"{"alg":"HS256","typ":"JWS"}"#;
    assert!(codes(&token(odd, &fresh())).contains(&"not-jwt-typ"));
    let big = format!(r#"{{"exp":9999999999,"blob":"{}"}}"#, "x".repeat(9000));
    assert!(codes(&token(HS, &big)).contains(&"oversized"));
    assert!(!codes(&token(HS, &fresh())).contains(&"oversized"));
}

#[test]
fn findings_come_most_severe_first_and_every_code_is_listed_once() {
    let header = r#"{"alg":"HS256","typ":"JWS","jku":"https://e.example","alg":"HS256"}"#;
    let found = findings_with_key(&token(header, r#"{"sub":"a"}"#), None);
    let severities: Vec<Severity> = found.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert_eq!(severities.first(), Some(&Severity::Error));
    // Every kind is listed once, with a code of its own and a reference.
    for (index, code) in FindingCode::ALL.iter().enumerate() {
        let same_text = FindingCode::ALL
            .iter()
            .position(|other| other.as_str() == code.as_str());
        assert_eq!(same_text, Some(index), "{code:?}");
        assert!(!code.reference().is_empty());
    }
    for finding in &found {
        assert!(FindingCode::ALL.contains(&finding.code));
        assert_eq!(finding.severity, finding.code.severity());
        assert!(!finding.reference.is_empty() && !finding.detail.is_empty());
    }
}
