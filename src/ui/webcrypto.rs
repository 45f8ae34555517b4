//! The browser's WebCrypto as the core's platform verifier: imports a candidate key (cached
//! between keystrokes, as any page would) and asks `subtle.verify`. It decides nothing itself:
//! the core says what to run and turns the answer into the verdict.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::jose::alg::PlatformAlg;
use crate::jose::platform::{PlatformAnswer, PlatformRequest};

/// Imported keys are small; a handful of recent ones covers switching between tokens.
const CACHED_KEYS: usize = 32;

thread_local! {
    static IMPORTED: RefCell<HashMap<(String, PlatformAlg), CryptoKey>> = RefCell::new(HashMap::new());
}

/// Asks WebCrypto whether the request's key verifies its signature.
pub async fn ask(request: &PlatformRequest) -> PlatformAnswer {
    ask_with(
        request.algorithm,
        &request.jwk,
        &request.signing_input,
        &request.signature,
    )
    .await
}

/// Asks WebCrypto whether the key (a public JWK) verifies `signature` over `signed` with
/// `algorithm`: a token's signature, or a certificate chain's link.
pub async fn ask_with(
    algorithm: PlatformAlg,
    jwk: &str,
    signed: &[u8],
    signature: &[u8],
) -> PlatformAnswer {
    match verify(algorithm, jwk, signed, signature).await {
        Ok(true) => PlatformAnswer::Matches,
        Ok(false) => PlatformAnswer::DoesNotMatch,
        Err(_) => PlatformAnswer::CannotRun,
    }
}

async fn verify(
    algorithm: PlatformAlg,
    jwk: &str,
    signed: &[u8],
    signature: &[u8],
) -> Result<bool, JsValue> {
    let subtle = subtle()?;
    let key = import(&subtle, jwk, algorithm).await?;
    let promise = subtle.verify_with_object_and_u8_array_and_u8_array(
        &verify_params(algorithm)?,
        &key,
        signature,
        signed,
    )?;
    Ok(JsFuture::from(promise).await?.as_bool().unwrap_or(false))
}

fn subtle() -> Result<SubtleCrypto, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(window.crypto()?.subtle())
}

async fn import(
    subtle: &SubtleCrypto,
    jwk: &str,
    algorithm: PlatformAlg,
) -> Result<CryptoKey, JsValue> {
    let id = (jwk.to_owned(), algorithm);
    if let Some(key) = IMPORTED.with(|cache| cache.borrow().get(&id).cloned()) {
        return Ok(key);
    }
    let key_data: Object = JSON::parse(jwk)?.dyn_into()?;
    let usages = Array::of1(&JsValue::from_str("verify"));
    let promise = subtle.import_key_with_object(
        "jwk",
        &key_data,
        &import_params(algorithm)?,
        false,
        &usages,
    )?;
    let key: CryptoKey = JsFuture::from(promise).await?.dyn_into()?;
    IMPORTED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHED_KEYS {
            cache.clear();
        }
        cache.insert(id, key.clone());
    });
    Ok(key)
}

fn import_params(algorithm: PlatformAlg) -> Result<Object, JsValue> {
    match algorithm {
        PlatformAlg::RsaPkcs1 { hash } => {
            params(&[("name", "RSASSA-PKCS1-v1_5".into()), ("hash", hash.into())])
        }
        PlatformAlg::RsaPss { hash, .. } => {
            params(&[("name", "RSA-PSS".into()), ("hash", hash.into())])
        }
        PlatformAlg::Ecdsa { named_curve, .. } => {
            params(&[("name", "ECDSA".into()), ("namedCurve", named_curve.into())])
        }
        PlatformAlg::MlDsa { name } => params(&[("name", name.into())]),
        PlatformAlg::WorkerOnly => Err(worker_only()),
    }
}

fn verify_params(algorithm: PlatformAlg) -> Result<Object, JsValue> {
    match algorithm {
        PlatformAlg::RsaPkcs1 { .. } => params(&[("name", "RSASSA-PKCS1-v1_5".into())]),
        PlatformAlg::RsaPss { salt_length, .. } => params(&[
            ("name", "RSA-PSS".into()),
            ("saltLength", JsValue::from_f64(salt_length as f64)),
        ]),
        PlatformAlg::Ecdsa { hash, .. } => {
            params(&[("name", "ECDSA".into()), ("hash", hash.into())])
        }
        // The context is empty unless given (draft-ietf-cose-dilithium signs with none).
        PlatformAlg::MlDsa { name } => params(&[("name", name.into())]),
        PlatformAlg::WorkerOnly => Err(worker_only()),
    }
}

/// A check WebCrypto does not run (Ed448): the caller asks the worker instead.
fn worker_only() -> JsValue {
    JsValue::from_str("not a WebCrypto algorithm")
}

fn params(members: &[(&str, JsValue)]) -> Result<Object, JsValue> {
    let object = Object::new();
    for (name, value) in members {
        Reflect::set(&object, &JsValue::from_str(name), value)?;
    }
    Ok(object)
}
