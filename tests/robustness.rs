//! Any paste leaves the page working: the whole core pipeline (clean, decode, verify, claims,
//! findings, the known-secret target) runs on mutated tokens and odd JSON without a panic.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixtures, hs_token, JWT_IO_TOKEN};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::claims::{claim_rows, header_rows, Clock, Expectations, Lifetime};
use jwt_debugger::jose::input::clean;
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::known_secrets::Target;
use jwt_debugger::jose::lint::{lint, LintInput};
use jwt_debugger::jose::status::evaluate;
use jwt_debugger::jose::token::{decode, PayloadView};
use serde_json::Value;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Everything the page computes for a token and key text.
fn run_everything(token: &str, key_text: &str) {
    let cleaned = clean(token);
    let decoded = decode(&cleaned.token);
    let keys = key::parse(key_text, SecretEncoding::Utf8);
    let verification = evaluate(Some(&decoded), &cleaned.removed, Some(&keys));
    let _ = verification.reason.map(|err| (err.to_string(), err.code()));
    for problem in &verification.strict {
        let _ = problem.to_string();
    }
    for now in [0.0, 1.7e9, -1e12, 1e300, f64::NAN] {
        let clock = Clock { now, leeway: 5.0 };
        let input = LintInput {
            keys: keys.as_ref().ok(),
            clock,
            max_lifetime: 3600.0,
        };
        for finding in lint(&decoded, &input) {
            let _ = finding.to_string();
        }
        if let Some(Ok(payload)) = &decoded.payload {
            if let PayloadView::Json(Value::Object(claims)) = &payload.view {
                let expect = Expectations {
                    issuer: "i".into(),
                    audience: "a".into(),
                };
                let _ = claim_rows(claims, &clock, &expect);
                let _ = Lifetime::of(claims).span(now);
            }
        }
    }
    if let Ok(header) = &decoded.header {
        let _ = header_rows(&header.json);
    }
    let _ = Target::of(&decoded);
}

fn mutate(rng: &mut Rng, token: &str) -> String {
    let mut bytes = token.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                let alphabet = b"A.-_=+/ \n{}\"\\0zZ9";
                bytes[at] = alphabet[rng.below(alphabet.len())];
            }
            1 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes.truncate(at);
            }
            2 => {
                let at = rng.below(bytes.len() + 1);
                bytes.insert(at, b'.');
            }
            3 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes.remove(at);
            }
            _ => bytes.push(rng.next() as u8),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn mutated_tokens_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let cases = fixtures();
    let mut seeds: Vec<(String, String)> = cases
        .iter()
        .map(|case| {
            (
                case["token"].as_str().unwrap().to_owned(),
                case["keys"]["jwk"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    seeds.push((JWT_IO_TOKEN.to_owned(), "your-256-bit-secret".to_owned()));
    for round in 0..3000 {
        let (token, key_text) = &seeds[round % seeds.len()];
        run_everything(&mutate(&mut rng, token), key_text);
    }
}

#[test]
fn odd_json_in_header_and_payload_never_panics() {
    let secret = b"0123456789abcdef0123456789abcdef";
    let headers = [
        r#"{"alg":"HS256","crit":[1,"b64",null],"b64":"no","kid":{"a":1}}"#,
        r#"{"alg":"HS256","jwk":[],"x5c":"nope","jku":5,"x5u":null,"typ":7}"#,
        r#"{"alg":"HS256","x5c":[""],"jwk":{"kty":"EC","crv":"P-256","x":"","y":""}}"#,
        r#"{"alg":"HS256","alg":"HS384","alg":"none"}"#,
    ];
    let payloads = [
        r#"{"exp":1e400,"nbf":-1e400,"iat":"x","aud":{"x":1},"iss":[1]}"#,
        r#"{"exp":18446744073709551616000,"iat":-9223372036854775809,"auth_time":null}"#,
        r#"{"a":{"b":{"c":{"password":"x","d":[{"e":1,"e":2}]}}},"cc":"4111-1111-1111-1111"}"#,
        r#"[1,2,3]"#,
        "\"just a string\"",
        "not json at all",
        "",
    ];
    for header in headers {
        for payload in payloads {
            let token = hs_token(Alg::HS256, header, payload.as_bytes(), secret);
            run_everything(&token, "0123456789abcdef0123456789abcdef");
        }
    }
    // Deep nesting past serde_json's recursion limit.
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    run_everything(
        &hs_token(Alg::HS256, r#"{"alg":"HS256"}"#, deep.as_bytes(), secret),
        "k",
    );
}
