//! JSON Web Keys (RFC 7517/7518/8037) and JWK Sets.

use serde_json::{Map, Value};

use super::{rsa_key, EcKey, Key, KeyEntry, KeyFormat, KeyMeta, KeySet, Secret};
use crate::jose::alg::{Curve, Kty, MlDsaSet};
use crate::jose::base64url;
use crate::jose::error::{Error, Part};

/// Reads one JWK (it must have `kty`) as a set of one key.
pub fn parse_one(object: &Map<String, Value>) -> Result<KeySet, Error> {
    if object.contains_key("kty") {
        let entry = parse_jwk(object)?;
        return Ok(KeySet {
            format: KeyFormat::Jwk,
            kids: entry.meta.kid.iter().cloned().collect(),
            entries: vec![entry],
            skipped: Vec::new(),
            anchors: Vec::new(),
        });
    }
    Err(format_error(
        "the JSON has neither \"kty\" (a JWK) nor \"keys\" (a JWK Set)",
    ))
}

/// Reads a JWK Set's `keys`: the usable keys, and why the others were skipped.
pub fn parse_set(keys: &[Value]) -> Result<KeySet, Error> {
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for (index, key) in keys.iter().enumerate() {
        let parsed = key
            .as_object()
            .ok_or_else(|| format_error("it is not a JSON object"))
            .and_then(parse_jwk);
        match parsed {
            Ok(entry) => entries.push(entry),
            Err(err) => {
                let kid = key.get("kid").and_then(Value::as_str);
                let name = match kid {
                    Some(kid) => format!("key {} (kid {kid:?})", index + 1),
                    None => format!("key {}", index + 1),
                };
                skipped.push(format!("{name}: {err}"));
            }
        }
    }
    if entries.is_empty() {
        let detail = match skipped.is_empty() {
            true => "the set has no keys".to_owned(),
            false => format!("no key in the set can be used ({})", skipped.join("; ")),
        };
        return Err(Error::KeyFormat {
            format: "JWK Set",
            detail,
        });
    }
    let kids = keys
        .iter()
        .filter_map(|key| key.get("kid").and_then(Value::as_str).map(str::to_owned))
        .collect();
    Ok(KeySet {
        format: KeyFormat::Jwks,
        entries,
        skipped,
        kids,
        anchors: Vec::new(),
    })
}

/// Whether a JWK holds private or secret key material under any key type's member names, so
/// one whose `kty` is missing or wrong is still caught.
pub fn has_private_members(jwk: &Map<String, Value>) -> bool {
    Kty::ALL
        .into_iter()
        .flat_map(Kty::private_members)
        .any(|member| jwk.contains_key(*member))
}

/// The key type and curve a JWK names, read through the table; `None` for names it lacks.
pub fn kty_and_curve(jwk: &Map<String, Value>) -> (Option<Kty>, Option<Curve>) {
    let name = |member: &str| jwk.get(member).and_then(Value::as_str);
    (
        name("kty").and_then(Kty::from_name),
        name("crv").and_then(Curve::from_jwk_name),
    )
}

/// Whether a JWK is an X25519 key (key agreement only, RFC 8037 §3.2).
pub fn is_x25519(jwk: &Map<String, Value>) -> bool {
    kty_and_curve(jwk) == (Some(Kty::Okp), Some(Curve::X25519))
}

/// Whether a JWK is an X448 key (key agreement only, RFC 8037 §3.2).
pub fn is_x448(jwk: &Map<String, Value>) -> bool {
    kty_and_curve(jwk) == (Some(Kty::Okp), Some(Curve::X448))
}

/// Reads one JWK; private members are ignored, only the public part is used.
pub fn parse_jwk(jwk: &Map<String, Value>) -> Result<KeyEntry, Error> {
    let kty = string_member(jwk, "kty")?;
    let kty = Kty::from_name(kty)
        .ok_or_else(|| format_error(format!("kty {kty:?} is not a signing key type")))?;
    let key = match kty {
        Kty::Oct => Key::Secret(Secret::from_bytes(bytes_member(jwk, "k")?)?),
        Kty::Rsa => {
            let n = bytes_member(jwk, "n")?;
            let e = bytes_member(jwk, "e")?;
            Key::Rsa(Box::new(
                rsa_key::from_components(&n, &e).map_err(format_error)?,
            ))
        }
        Kty::Ec => Key::Ec(ec_key(jwk)?),
        Kty::Okp => okp_key(jwk)?,
        Kty::Akp => Key::MlDsa(akp_key(jwk)?),
    };
    let meta = KeyMeta {
        kid: optional_string(jwk, "kid")?,
        key_use: optional_string(jwk, "use")?,
        key_ops: key_ops(jwk)?,
        alg: optional_string(jwk, "alg")?,
        ..KeyMeta::default()
    };
    Ok(KeyEntry::new(key, meta))
}

fn ec_key(jwk: &Map<String, Value>) -> Result<EcKey, Error> {
    let crv = string_member(jwk, "crv")?;
    let curve = Curve::from_jwk_name(crv)
        .filter(|curve| curve.is_ecdsa())
        .ok_or_else(|| format_error(format!("crv {crv:?} is not an ECDSA curve")))?;
    let x = bytes_member(jwk, "x")?;
    let y = bytes_member(jwk, "y")?;
    let len = curve.coordinate_len();
    if x.len() != len || y.len() != len {
        return Err(format_error(format!(
            "{} coordinates are {len} bytes; x has {} and y has {}",
            curve.jwk_name(),
            x.len(),
            y.len()
        )));
    }
    let mut point = Vec::with_capacity(1 + 2 * len);
    point.push(0x04);
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    EcKey::from_sec1(curve, &point).map_err(format_error)
}

fn okp_key(jwk: &Map<String, Value>) -> Result<Key, Error> {
    let crv = string_member(jwk, "crv")?;
    match Curve::from_jwk_name(crv) {
        Some(Curve::Ed25519) => {}
        Some(Curve::Ed448) => {
            return super::ed448::Ed448Public::from_bytes(&bytes_member(jwk, "x")?)
                .map(Key::Ed448)
                .map_err(format_error)
        }
        _ => {
            return Err(format_error(format!(
                "OKP curve {crv:?} is not supported for signatures (only Ed25519 and Ed448)"
            )))
        }
    }
    let x = bytes_member(jwk, "x")?;
    let bytes: [u8; 32] = x
        .as_slice()
        .try_into()
        .map_err(|_| format_error(format!("an Ed25519 x is 32 bytes, not {}", x.len())))?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes)
        .map(Key::Ed25519)
        .map_err(|_| format_error("x is not a valid Ed25519 point"))
}

/// An AKP key (draft-ietf-cose-dilithium): `alg` names the ML-DSA parameter set, `pub` is the
/// encoded public key.
pub(crate) fn akp_key(jwk: &Map<String, Value>) -> Result<super::ml_dsa::MlDsaPublic, Error> {
    let set = akp_set(jwk)?;
    let public = bytes_member(jwk, "pub")?;
    super::ml_dsa::MlDsaPublic::from_bytes(set, &public).map_err(format_error)
}

/// The ML-DSA parameter set an AKP JWK's `alg` names.
pub(crate) fn akp_set(jwk: &Map<String, Value>) -> Result<MlDsaSet, Error> {
    let alg = string_member(jwk, "alg")
        .map_err(|_| format_error("an AKP key needs \"alg\" (its algorithm) as a string"))?;
    MlDsaSet::from_name(alg).ok_or_else(|| {
        format_error(format!(
            "AKP alg {alg:?} is not supported (ML-DSA-44, ML-DSA-65 or ML-DSA-87)"
        ))
    })
}

fn format_error(detail: impl Into<String>) -> Error {
    Error::KeyFormat {
        format: "JWK",
        detail: detail.into(),
    }
}

fn string_member<'a>(jwk: &'a Map<String, Value>, name: &str) -> Result<&'a str, Error> {
    match jwk.get(name) {
        Some(Value::String(value)) => Ok(value),
        Some(_) => Err(format_error(format!("\"{name}\" is not a string"))),
        None => Err(format_error(format!("\"{name}\" is missing"))),
    }
}

fn optional_string(jwk: &Map<String, Value>, name: &str) -> Result<Option<String>, Error> {
    match jwk.get(name) {
        None => Ok(None),
        Some(Value::String(value)) => Ok(Some(value.clone())),
        Some(_) => Err(format_error(format!("\"{name}\" is not a string"))),
    }
}

fn key_ops(jwk: &Map<String, Value>) -> Result<Option<Vec<String>>, Error> {
    let Some(ops) = jwk.get("key_ops") else {
        return Ok(None);
    };
    let not_strings = || format_error("\"key_ops\" is not an array of strings");
    let ops = ops.as_array().ok_or_else(not_strings)?;
    ops.iter()
        .map(|op| op.as_str().map(str::to_owned).ok_or_else(not_strings))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn bytes_member(jwk: &Map<String, Value>, name: &str) -> Result<Vec<u8>, Error> {
    let text = string_member(jwk, name)?;
    base64url::decode_segment(text, Part::Key, 0)
        .map_err(|_| format_error(format!("\"{name}\" is not base64url")))
}
