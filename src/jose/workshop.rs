//! The encoder's and key workshop's requests, answered as JSON text: the page runs this in a
//! Web Worker (loaded only when the encoder is used), tests run it natively.
//!
//! Requests: `{"op":"sign","alg","header","payload","key","encoding"}` answers
//! `{"token","verify_key"}`; `{"op":"generate","kind"}` answers the key in every form. Failures
//! answer `{"error": "…"}`.

use serde_json::{json, Value};

use super::alg::Alg;
use super::error::Error;
use super::key::export::{jwks, private_jwk, private_pem, public_jwk, public_pem, JwkLabels};
use super::key::private::{self, PrivateKey};
use super::key::SecretEncoding;
use super::keygen::{generate, KeyKind};
use super::sign::encode;

/// Answers one request (JSON text) with JSON text.
pub fn handle(request: &str) -> String {
    let answer = serde_json::from_str::<Value>(request)
        .map_err(|err| format!("the request is not JSON ({err})"))
        .and_then(|request| match request.get("op").and_then(Value::as_str) {
            Some("sign") => sign(&request).map_err(|err| err.to_string()),
            Some("generate") => generated(&request).map_err(|err| err.to_string()),
            other => Err(format!("unknown request {other:?}")),
        });
    match answer {
        Ok(value) => value.to_string(),
        Err(error) => json!({ "error": error }).to_string(),
    }
}

fn text<'a>(request: &'a Value, name: &str) -> &'a str {
    request
        .get(name)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn sign(request: &Value) -> Result<Value, Error> {
    let alg_name = text(request, "alg");
    let alg = Alg::from_name(alg_name).ok_or_else(|| Error::UnsupportedAlg {
        alg: alg_name.to_owned(),
    })?;
    let encoding = SecretEncoding::from_name(text(request, "encoding")).unwrap_or_default();
    let key = private::parse(text(request, "key"), encoding)?;
    let token = encode(
        alg,
        text(request, "header"),
        text(request, "payload").as_bytes(),
        &key,
    )?;
    Ok(json!({ "token": token, "verify_key": verify_key(&key) }))
}

/// What the decoder's key box needs to verify: the public PEM, or the secret as a JWK.
fn verify_key(key: &PrivateKey) -> String {
    let public = key.public();
    public_pem(&public).unwrap_or_else(|_| public_jwk(&public, &JwkLabels::default()).to_string())
}

fn generated(request: &Value) -> Result<Value, Error> {
    let kind_name = text(request, "kind");
    let kind = KeyKind::from_name(kind_name).ok_or_else(|| Error::KeyFormat {
        format: "key kind",
        detail: format!("{kind_name:?} is not a kind of key this page makes"),
    })?;
    let key = generate(kind)?;
    let labels = JwkLabels {
        kid: None,
        alg: Some(kind.alg().name().to_owned()),
        key_use: Some("sig".to_owned()),
    };
    let public = public_jwk(&key.public(), &labels);
    Ok(json!({
        "kind": kind.name(),
        "alg": kind.alg().name(),
        "private_pem": private_pem(&key).ok(),
        "public_pem": public_pem(&key.public()).ok(),
        "private_jwk": private_jwk(&key, &labels),
        "jwks": jwks(public.clone()),
        "public_jwk": public,
    }))
}
