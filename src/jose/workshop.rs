//! The encoder's and key workshop's requests, answered as JSON text: the page runs this in a
//! Web Worker (loaded only when the encoder is used), tests run it natively.
//!
//! Requests: `{"op":"sign","alg","header","payload","key","encoding"}` answers
//! `{"token","verify_key"}`, and with `"encrypt": {"alg","enc","key","encoding"}` encrypts the
//! signed token for that recipient (`{"token","signed","verify_key","decrypt_key"}`);
//! `{"op":"generate","kind"}` answers a new key in every form;
//! `{"op":"convert","key","encoding"}` answers a pasted key (PEM, JWK, JWK Set or secret) in
//! every form it has: a private key in all of them, a public key in its public ones;
//! `{"op":"decrypt","token","key","encoding"}` answers a JWE's verdict: `status` `decrypted`
//! with the plaintext, `invalid` with the failed `step`, or the status of the error that stopped
//! it (`key-error`, `malformed`, `unsupported`) with the reason;
//! `{"op":"verify","alg","jwk","input","signature"}` (base64url bytes) runs a signature check
//! that WebCrypto could not, answering `{"answer": "matches" | "does-not-match" | "cannot-run"}`.
//! Failures answer `{"error": "…"}`.

use serde_json::{json, Map, Value};

use super::alg::Alg;
use super::base64url;
use super::error::Error;
use super::error::Part;
use super::hex;
use super::jwe;
use super::jwe::alg::{EncAlg, KeyAlg};
use super::jwe::decrypt::{decrypt, Outcome};
use super::jwe::encrypt::{encrypt, Recipient, DEFAULT_P2C};
use super::key::export::{jwks, private_jwk, private_pem, public_jwk, public_pem, JwkLabels};
use super::key::private::{self, PrivateKey};
use super::key::thumbprint;
use super::key::{self as public, Key, SecretEncoding};
use super::keygen::{generate, KeyKind};
use super::platform::{run_request_here, PlatformAnswer, PlatformRequest};
use super::sign::encode;
use super::status::Status;

/// Answers one request (JSON text) with JSON text.
pub fn handle(request: &str) -> String {
    let answer = serde_json::from_str::<Value>(request)
        .map_err(|err| format!("the request is not JSON ({err})"))
        .and_then(|request| match request.get("op").and_then(Value::as_str) {
            Some("sign") => sign(&request).map_err(|err| err.to_string()),
            Some("generate") => generated(&request).map_err(|err| err.to_string()),
            Some("convert") => converted(&request).map_err(|err| err.to_string()),
            Some("decrypt") => Ok(decrypted(&request)),
            Some("verify") => Ok(verified(&request)),
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
    let verify_key = verify_key(&key);
    match request.get("encrypt") {
        Some(Value::Object(encryption)) => nested(&token, verify_key, encryption),
        _ => Ok(json!({ "token": token, "verify_key": verify_key })),
    }
}

/// The signed token encrypted for a recipient (a nested JWT, `cty: JWT`): answers the JWE, the
/// inner token and its verifying key, and the decryption key when the recipient key given is
/// one (a secret, password or private key; a public key cannot decrypt).
fn nested(
    signed: &str,
    verify_key: String,
    encryption: &Map<String, Value>,
) -> Result<Value, Error> {
    let name = |member: &str| {
        encryption
            .get(member)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let alg = KeyAlg::from_name(name("alg")).ok_or_else(|| Error::UnsupportedAlg {
        alg: name("alg").to_owned(),
    })?;
    let enc = EncAlg::from_name(name("enc")).ok_or_else(|| Error::UnsupportedAlg {
        alg: name("enc").to_owned(),
    })?;
    let encoding = SecretEncoding::from_name(name("encoding")).unwrap_or_default();
    let key_text = name("key");
    let recipient = Recipient::parse(key_text, encoding)?;
    let mut header = Map::new();
    header.insert("cty".to_owned(), json!("JWT"));
    let token = encrypt(alg, enc, header, signed.as_bytes(), &recipient, DEFAULT_P2C)?;
    let decrypt_key = jwe::key::parse(key_text, encoding)
        .is_ok()
        .then_some(key_text);
    Ok(json!({
        "token": token,
        "signed": signed,
        "verify_key": verify_key,
        "decrypt_key": decrypt_key,
    }))
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
    let mut answer = private_forms(&key, &labels);
    answer.insert("kind".to_owned(), json!(kind.name()));
    Ok(Value::Object(answer))
}

/// A pasted key in every form it has. A JWK keeps its own `kid`, `alg` and `use`; a key without
/// a `kid` gets its thumbprint. Of a JWK Set, the first key is converted.
fn converted(request: &Value) -> Result<Value, Error> {
    let key_text = text(request, "key");
    let encoding = SecretEncoding::from_name(text(request, "encoding")).unwrap_or_default();
    if let Some(keys) = set_members(key_text) {
        let first = keys.first().ok_or_else(|| Error::KeyFormat {
            format: "JWK Set",
            detail: "the set has no keys".to_owned(),
        })?;
        let mut answer = convert(&first.to_string(), encoding)?;
        if keys.len() > 1 {
            let note = format!("The set holds {} keys; this is the first.", keys.len());
            answer.insert("note".to_owned(), json!(note));
        }
        return Ok(Value::Object(answer));
    }
    convert(key_text, encoding).map(Value::Object)
}

fn convert(key_text: &str, encoding: SecretEncoding) -> Result<Map<String, Value>, Error> {
    let private_error = match private::parse(key_text, encoding) {
        Ok(key) => return Ok(private_forms(&key, &jwk_labels(key_text))),
        Err(err) => err,
    };
    let set = match public::parse(key_text, encoding) {
        Ok(set) => set,
        // A broken private key is best explained by the private reader.
        Err(_) if looks_private(key_text) => return Err(private_error),
        Err(err) => return Err(err),
    };
    let entry = set.entries.first().ok_or(private_error)?;
    let labels = JwkLabels {
        kid: entry.meta.kid.clone(),
        alg: entry.meta.alg.clone(),
        key_use: entry.meta.key_use.clone(),
    };
    let mut answer = public_forms(&entry.key, &labels);
    answer.insert("private".to_owned(), json!(false));
    Ok(answer)
}

/// The members of a JWK Set's `keys`, when the text is one.
fn set_members(key_text: &str) -> Option<Vec<Value>> {
    let mut set: Map<String, Value> = serde_json::from_str(key_text.trim()).ok()?;
    match set.remove("keys")? {
        Value::Array(keys) => Some(keys),
        _ => None,
    }
}

/// A signature check WebCrypto could not run (it refused the key), run with RustCrypto.
fn verified(request: &Value) -> Value {
    let bytes = |name: &str| base64url::decode_segment(text(request, name), Part::Token, 0).ok();
    let answer = Alg::from_name(text(request, "alg"))
        .and_then(|alg| Some((alg, alg.platform()?, bytes("input")?, bytes("signature")?)))
        .map(|(alg, algorithm, input, signature)| {
            run_request_here(&PlatformRequest {
                alg,
                algorithm,
                jwk: text(request, "jwk").to_owned(),
                signing_input: input.into(),
                signature: signature.into(),
            })
        })
        .unwrap_or(PlatformAnswer::CannotRun);
    let answer = match answer {
        PlatformAnswer::Matches => "matches",
        PlatformAnswer::DoesNotMatch => "does-not-match",
        PlatformAnswer::CannotRun => "cannot-run",
    };
    json!({ "answer": answer })
}

/// A JWE's verdict with the key box's keys; never an error, as every outcome is shown.
fn decrypted(request: &Value) -> Value {
    let encoding = SecretEncoding::from_name(text(request, "encoding")).unwrap_or_default();
    let outcome = jwe::parse(text(request, "token")).and_then(|token| {
        let keys = jwe::key::parse(text(request, "key"), encoding)?;
        decrypt(&token, &keys)
    });
    match outcome {
        Ok(Outcome::Decrypted(opened)) => {
            let plaintext = std::str::from_utf8(&opened.plaintext).ok();
            let mut notes = Vec::new();
            if opened.alg == KeyAlg::Rsa1_5 {
                notes.push("RSA1_5 is deprecated: its padding invites Bleichenbacher-style oracle attacks; prefer RSA-OAEP-256.");
            }
            json!({
                "status": "decrypted",
                "plaintext": plaintext,
                "plaintext_hex": plaintext.is_none().then(|| hex::encode(&opened.plaintext)),
                "alg": opened.alg.name(),
                "enc": opened.enc.name(),
                "header": opened.header,
                "recipient": opened.recipient,
                "key_position": opened.key_position,
                "kid": opened.kid,
                "inflated_from": opened.inflated_from,
                "notes": notes,
            })
        }
        Ok(Outcome::Failed(step)) => json!({ "status": "invalid", "step": step.code() }),
        Err(err) => json!({
            "status": Status::for_error(&err).as_str(),
            "error": err.to_string(),
            "code": err.code(),
        }),
    }
}

/// A private key's forms: its public ones, then the private PEM (none for a secret) and JWK.
fn private_forms(key: &PrivateKey, labels: &JwkLabels) -> Map<String, Value> {
    let mut forms = public_forms(&key.public(), labels);
    forms.insert("private".to_owned(), json!(true));
    forms.insert("private_pem".to_owned(), json!(private_pem(key).ok()));
    forms.insert("private_jwk".to_owned(), private_jwk(key, labels));
    forms
}

/// A public key's forms: what it is, its RFC 7638 thumbprint, SPKI PEM (none for a secret), JWK
/// and a JWK Set of it.
fn public_forms(key: &Key, labels: &JwkLabels) -> Map<String, Value> {
    let jwk = public_jwk(key, labels);
    let mut forms = Map::new();
    forms.insert("description".to_owned(), json!(key.describe()));
    forms.insert("thumbprint".to_owned(), json!(thumbprint::of(key)));
    forms.insert("alg".to_owned(), json!(labels.alg));
    forms.insert("public_pem".to_owned(), json!(public_pem(key).ok()));
    forms.insert("jwks".to_owned(), jwks(jwk.clone()));
    forms.insert("public_jwk".to_owned(), jwk);
    forms
}

/// The `kid`, `alg` and `use` a pasted JWK gives itself.
fn jwk_labels(key_text: &str) -> JwkLabels {
    let jwk: Map<String, Value> = serde_json::from_str(key_text.trim()).unwrap_or_default();
    let member = |name: &str| jwk.get(name).and_then(Value::as_str).map(str::to_owned);
    JwkLabels {
        kid: member("kid"),
        alg: member("alg"),
        key_use: member("use"),
    }
}

/// A PEM labelled as a private key, or a JWK with a private member.
fn looks_private(key_text: &str) -> bool {
    let trimmed = key_text.trim();
    if trimmed.starts_with("-----BEGIN") {
        return trimmed
            .lines()
            .next()
            .is_some_and(|line| line.contains("PRIVATE"));
    }
    serde_json::from_str::<Map<String, Value>>(trimmed).is_ok_and(|jwk| jwk.contains_key("d"))
}
