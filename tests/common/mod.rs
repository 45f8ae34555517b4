//! Helpers shared by the native tests: read copied vectors, build and tamper with tokens.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

pub mod wycheproof;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::inspection::{Inspection, PlatformCheck};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::platform::{decide_on_platform, run_request_here};
use jwt_debugger::jose::status::{evaluate, Verification};
use jwt_debugger::jose::token::Decoded;
use jwt_debugger::jose::{base64url, hmac};
use serde_json::Value;

/// The jwt.io classic example: HS256 with the secret `your-256-bit-secret`.
pub const JWT_IO_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
pub const JWT_IO_SECRET: &str = "your-256-bit-secret";
/// The jwt.io v2 default token and secret.
pub const JWT_IO_V2_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30";
pub const JWT_IO_V2_SECRET: &str = "a-string-secret-at-least-256-bits-long";

/// A Wycheproof file copied into `tests/vectors/wycheproof/`.
pub fn wycheproof_file(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/wycheproof/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// One entry of `tests/vectors/rfc/examples.json`, by its `source`.
pub fn rfc_example(source: &str) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/rfc/examples.json"
    );
    let text = std::fs::read_to_string(path).expect("read examples.json");
    let all: Vec<Value> = serde_json::from_str(&text).expect("parse examples.json");
    all.into_iter()
        .find(|example| example["source"] == source)
        .unwrap_or_else(|| panic!("no example {source}"))
}

/// Builds an HMAC-signed compact token from raw header and payload text.
pub fn hs_token(alg: Alg, header: &str, payload: &[u8], secret: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        base64url::encode(header.as_bytes()),
        base64url::encode(payload)
    );
    let hash = alg.hash().expect("HMAC algs name a hash");
    let tag = hmac::sign(hash, secret, input.as_bytes());
    format!("{input}.{}", base64url::encode(&tag))
}

/// The same token with one bit of the signature flipped (the negative twin).
pub fn flip_signature_bit(token: &str) -> String {
    let (input, signature) = token.rsplit_once('.').expect("three segments");
    let mut bytes = base64url_decode(signature);
    bytes[0] ^= 0x01;
    format!("{input}.{}", base64url::encode(&bytes))
}

pub fn base64url_decode(text: &str) -> Vec<u8> {
    use jwt_debugger::jose::error::Part;
    base64url::decode_segment(text, Part::Signature, 0).expect("valid base64url")
}

/// The verdict for an already decoded token and the key box's text (empty means no key).
pub fn verdict(decoded: &Decoded, key_text: &str, encoding: SecretEncoding) -> Verification {
    let keys = (!key_text.is_empty()).then(|| key::parse(key_text, encoding));
    evaluate(Some(decoded), &[], keys.as_ref())
}

/// The generated fixtures (`tests/fixtures/keys.json`): every algorithm with its key in every
/// format the key box reads.
pub fn fixtures() -> Vec<Value> {
    serde_json::from_str(include_str!("../fixtures/keys.json")).expect("parse keys.json")
}

/// One fixture by its name ("RS256", "RS256-4096", "ES256K" …).
pub fn fixture(name: &str) -> Value {
    fixtures()
        .into_iter()
        .find(|fixture| fixture["name"] == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

/// The secret encoding a fixture's key format needs (PEM and JSON are detected whatever it is).
pub fn fixture_encoding(format: &str) -> SecretEncoding {
    SecretEncoding::from_name(format).unwrap_or(SecretEncoding::Utf8)
}

/// Decrypts a JWE (any serialization) with the key box text: the plaintext, or the failed
/// step's code, or the error's message.
pub fn decrypt_text(
    token: &str,
    key_text: &str,
    encoding: SecretEncoding,
) -> Result<Vec<u8>, String> {
    use jwt_debugger::jose::jwe::{self, decrypt, key};
    let jwe = jwe::parse(token).map_err(|err| err.to_string())?;
    let keys = key::parse(key_text, encoding).map_err(|err| err.to_string())?;
    match decrypt::decrypt(&jwe, &keys).map_err(|err| err.to_string())? {
        decrypt::Outcome::Decrypted(opened) => Ok(opened.plaintext),
        decrypt::Outcome::Failed(step) => Err(step.code().to_owned()),
    }
}

/// Polls a future that never waits (the stand-in platform answers at once).
pub fn ready<T>(future: impl Future<Output = T>) -> T {
    match pin!(future)
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the stand-in platform never waits"),
    }
}

/// Runs the inspection's platform check (RSA, NIST curves) with the core's own primitives, as
/// the page's worker fallback would; whether the verdict settled it, or `None` without a check.
pub fn settle_here(inspection: &mut Inspection) -> Option<bool> {
    let check = inspection.platform_check()?;
    Some(inspection.settle(decide_check_here(&check)))
}

/// The verdict of a platform check, run with the core's own primitives.
pub fn decide_check_here(check: &PlatformCheck) -> Verification {
    ready(decide_on_platform(
        &check.decoded,
        &check.removed,
        &check.keys,
        |request| {
            let answer = run_request_here(&request);
            async move { answer }
        },
    ))
}

/// The page's path for a token with `key_text` in the key box and `given` in the payload box:
/// the verdict first, every platform check (the compact token's and each JWS JSON signature's)
/// settled with the core's own primitives, then the findings and tables.
pub fn inspect_settled(
    token: &str,
    key_text: &str,
    given: &jwt_debugger::jose::detached::GivenPayload,
) -> Inspection {
    use jwt_debugger::jose::inspection::CheckSettings;
    let keys = Some(std::rc::Rc::new(key::parse(key_text, SecretEncoding::Utf8)));
    let mut inspection = Inspection::verdict_first(token, keys, given, 0);
    if let Some(check) = inspection.platform_check() {
        inspection.settle(decide_check_here(&check));
    }
    for (index, check) in inspection.signature_checks() {
        inspection.settle_signature(index, decide_check_here(&check));
    }
    inspection.complete(&CheckSettings::default(), 0.0);
    inspection
}

/// A real issuer's case from `tests/vectors/real-world/cases.json`, by its `id`.
pub fn real_world_case(id: &str) -> Value {
    let all: Vec<Value> = serde_json::from_str(include_str!("../vectors/real-world/cases.json"))
        .expect("the real-world cases parse");
    all.into_iter()
        .find(|case| case["id"] == id)
        .unwrap_or_else(|| panic!("no real-world case {id}"))
}

/// DER as a PEM `CERTIFICATE` block, 64 characters a line.
pub fn pem_certificate(der: &[u8]) -> String {
    use base64::Engine;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

/// An SD-JWT parsed, its KB-JWT's platform check settled with the core's own primitives.
pub fn sd_jwt_settled(text: &str) -> jwt_debugger::jose::sd_jwt::SdJwt {
    let mut sd = jwt_debugger::jose::sd_jwt::parse(text).unwrap();
    if let Some(check) = sd
        .key_binding
        .jwt
        .as_ref()
        .and_then(|jwt| jwt.platform_check())
    {
        sd.settle_key_binding(decide_check_here(&check));
    }
    sd
}

/// An SD-JWT's issuer signature verdict with this JWK, through the page's flow.
pub fn sd_jwt_issuer_status(
    sd: &jwt_debugger::jose::sd_jwt::SdJwt,
    jwk: &Value,
) -> jwt_debugger::jose::status::Status {
    let keys = std::rc::Rc::new(key::parse(&jwk.to_string(), SecretEncoding::Utf8));
    match jwt_debugger::jose::platform::decide_here(Some(&sd.issuer), &[], Some(&keys)) {
        Some(verification) => verification.status,
        None => {
            decide_check_here(&PlatformCheck {
                decoded: std::rc::Rc::clone(&sd.issuer),
                removed: Vec::new(),
                keys,
            })
            .status
        }
    }
}

/// The codes of an inspection's strict objections, in order.
pub fn strict_codes(inspection: &Inspection) -> Vec<&'static str> {
    inspection
        .verification
        .strict
        .iter()
        .map(|problem| problem.code())
        .collect()
}
