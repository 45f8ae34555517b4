//! Making a compact JWE for a recipient: a random content key (or the shared or agreed one),
//! carried by the chosen key management algorithm, and the content encrypted with it. The
//! encoder uses this to build nested signed-then-encrypted tokens.

use rsa::Oaep;
use serde_json::{json, Map, Value};

use super::alg::{EncAlg, KeyAlg, OaepHash};
use super::content;
use super::ecdh;
use super::key::{self as private_keys, DecryptionKey};
use super::key_management::{aes_wrap, gcm_wrap, random_key};
use super::pbkdf2::Pbes2;
use crate::jose::base64url;
use crate::jose::error::{Error, Part};
use crate::jose::key::private::PrivateKey;
use crate::jose::key::rsa_key::RsaPublic;
use crate::jose::key::{jwk, EcKey, Key, KeySet, KeyText, SecretEncoding};
use crate::jose::keygen::{generate, KeyKind};

/// Whom a token is encrypted for.
pub enum Recipient {
    /// A shared key, or a PBES2 password; wiped when dropped.
    Secret(zeroize::Zeroizing<Vec<u8>>),
    Rsa(Box<rsa::PublicKey>),
    Ec(EcKey),
    X25519([u8; 32]),
    X448([u8; 56]),
}

impl Recipient {
    /// Reads the recipient's key: a public or private PEM, JWK or JWK Set (the first key), an
    /// X25519 JWK, or a secret or password in the chosen encoding.
    pub fn parse(text: &str, encoding: SecretEncoding) -> Result<Recipient, Error> {
        let text = KeyText::read(text)?;
        if let Some(public) = x25519_public(&text) {
            return public;
        }
        if let Some(public) = x448_public(&text) {
            return public;
        }
        if let Ok(entries) = private_keys::from_text(&text, encoding) {
            if let Some(entry) = entries.into_iter().next() {
                return Ok(Recipient::of_private(entry.key));
            }
        }
        let set = KeySet::from_text(&text, encoding)?;
        let entry = set
            .entries
            .into_iter()
            .next()
            .ok_or_else(|| Error::KeyFormat {
                format: "JWK Set",
                detail: "it has no usable key".to_owned(),
            })?;
        match entry.key {
            Key::Secret(secret) => Ok(Recipient::Secret(zeroize::Zeroizing::new(
                secret.bytes().to_vec(),
            ))),
            Key::Rsa(rsa) => rsa
                .to_public_key()
                .map(|rsa| Recipient::Rsa(Box::new(rsa)))
                .map_err(|detail| Error::KeyFormat {
                    format: "RSA key",
                    detail,
                }),
            Key::Ec(ec) => Ok(Recipient::Ec(ec)),
            Key::Ed25519(_) => Err(private_keys::ed25519_cannot_encrypt()),
            Key::MlDsa(_) => Err(private_keys::ml_dsa_cannot_encrypt()),
            Key::Ed448(_) => Err(private_keys::ed448_cannot_encrypt()),
        }
    }

    fn of_private(key: DecryptionKey) -> Recipient {
        match key {
            DecryptionKey::Secret(secret) => Recipient::Secret(secret),
            DecryptionKey::Rsa(rsa) => Recipient::Rsa(Box::new(rsa.to_public_key())),
            DecryptionKey::Ec(ec) => Recipient::Ec(ec.public()),
            DecryptionKey::X25519(secret) => {
                Recipient::X25519(x25519_dalek::PublicKey::from(&*secret).to_bytes())
            }
            DecryptionKey::X448(secret) => {
                Recipient::X448(*x448::PublicKey::from(&*secret).as_bytes())
            }
        }
    }

    fn describe(&self) -> String {
        match self {
            Recipient::Secret(secret) => format!("secret of {} bytes", secret.len()),
            Recipient::Rsa(rsa) => Key::Rsa(Box::new(RsaPublic::of(rsa))).describe(),
            Recipient::Ec(ec) => Key::Ec(ec.clone()).describe(),
            Recipient::X25519(_) => "X25519 public key".to_owned(),
            Recipient::X448(_) => "X448 public key".to_owned(),
        }
    }
}

/// A public X25519 JWK (no `d`), which the signature-key readers do not take.
fn x25519_public(text: &KeyText<'_>) -> Option<Result<Recipient, Error>> {
    let KeyText::Jwk(jwk) = text else {
        return None;
    };
    if !jwk::is_x25519(jwk) || jwk.contains_key("d") {
        return None;
    }
    let x = jwk
        .get("x")
        .and_then(Value::as_str)
        .and_then(|x| base64url::decode_segment(x, Part::Key, 0).ok())
        .and_then(|x| <[u8; 32]>::try_from(x).ok());
    Some(x.map(Recipient::X25519).ok_or_else(|| Error::KeyFormat {
        format: "X25519 JWK",
        detail: "\"x\" is not 32 bytes of base64url".to_owned(),
    }))
}

/// A public X448 key: a JWK without `d`, or an SPKI PEM (RFC 8410, OID 1.3.101.111), which
/// the signature-key readers do not take.
fn x448_public(text: &KeyText<'_>) -> Option<Result<Recipient, Error>> {
    let bad = |format: &'static str, detail: &str| Error::KeyFormat {
        format,
        detail: detail.to_owned(),
    };
    match text {
        KeyText::Jwk(jwk) if jwk::is_x448(jwk) && !jwk.contains_key("d") => {
            let x = jwk
                .get("x")
                .and_then(Value::as_str)
                .and_then(|x| base64url::decode_segment(x, Part::Key, 0).ok())
                .and_then(|x| <[u8; 56]>::try_from(x).ok());
            Some(
                x.map(Recipient::X448)
                    .ok_or_else(|| bad("X448 JWK", "\"x\" is not 56 bytes of base64url")),
            )
        }
        KeyText::Pem(pem) => {
            use der::Decode;
            let block = crate::jose::key::pem::first_block(pem)?;
            let (label, der) = der::pem::decode_vec(block.as_bytes()).ok()?;
            let info = spki::SubjectPublicKeyInfoRef::from_der(&der).ok()?;
            if label != "PUBLIC KEY" || info.algorithm.oid != private_keys::X448_OID {
                return None;
            }
            let x = info
                .subject_public_key
                .as_bytes()
                .and_then(|x| <[u8; 56]>::try_from(x).ok());
            Some(
                x.map(Recipient::X448)
                    .ok_or_else(|| bad("SPKI X448 public key", "an X448 key is 56 bytes")),
            )
        }
        _ => None,
    }
}

/// Encrypts `plaintext` for `recipient` as a compact JWE whose protected header is `header`
/// (its own members, e.g. `cty`, `kid`) plus `alg`, `enc` and what the algorithm adds; PBES2's
/// `p2c`, `p2s` and derived key come from `pbes2`.
pub fn encrypt(
    alg: KeyAlg,
    enc: EncAlg,
    mut header: Map<String, Value>,
    plaintext: &[u8],
    recipient: &Recipient,
    pbes2: &Pbes2,
) -> Result<String, Error> {
    let refuse = |reason: String| Error::EncryptionRefused { reason };
    let mismatch = || Error::KeyMismatch {
        alg: alg.name(),
        expected: alg.needs().replace("private", "public"),
        found: recipient.describe(),
    };
    header.insert("alg".to_owned(), json!(alg.name()));
    header.insert("enc".to_owned(), json!(enc.name()));
    let cek_len = enc.key_len();
    let (cek, encrypted_key) = match (alg, recipient) {
        (KeyAlg::Dir, Recipient::Secret(secret)) if secret.len() == cek_len => {
            (secret.to_vec(), Vec::new())
        }
        (KeyAlg::Dir, Recipient::Secret(secret)) => {
            return Err(refuse(format!(
                "dir with {} needs a {cek_len}-byte key; this one has {} bytes",
                enc.name(),
                secret.len()
            )))
        }
        (KeyAlg::AesKw(size), Recipient::Secret(kek)) if kek.len() == size.bytes() => {
            let cek = random_key(cek_len)?;
            let wrapped = aes_wrap(kek, &cek).ok_or_else(mismatch)?;
            (cek, wrapped)
        }
        (KeyAlg::AesGcmKw(size), Recipient::Secret(kek)) if kek.len() == size.bytes() => {
            let cek = random_key(cek_len)?;
            let iv = random_key(12)?;
            let (wrapped, tag) = gcm_wrap(kek, &iv, &cek).ok_or_else(mismatch)?;
            header.insert("iv".to_owned(), json!(base64url::encode(&iv)));
            header.insert("tag".to_owned(), json!(base64url::encode(&tag)));
            (cek, wrapped)
        }
        (KeyAlg::RsaOaep(hash), Recipient::Rsa(rsa)) => {
            let cek = random_key(cek_len)?;
            let mut rng = getrandom::rand_core::UnwrapErr(getrandom::SysRng);
            let wrapped = match hash {
                OaepHash::Sha1 => rsa.encrypt(&mut rng, Oaep::<sha1::Sha1>::new(), &cek),
                OaepHash::Sha256 => rsa.encrypt(&mut rng, Oaep::<sha2::Sha256>::new(), &cek),
            }
            .map_err(|err| refuse(format!("RSA-OAEP failed ({err})")))?;
            (cek, wrapped)
        }
        (KeyAlg::Rsa1_5, _) => {
            return Err(refuse(
                "RSA1_5 is deprecated and padding-oracle prone: use RSA-OAEP-256".to_owned(),
            ))
        }
        (KeyAlg::EcdhEs(wrap), Recipient::Ec(_) | Recipient::X25519(_) | Recipient::X448(_)) => {
            let (algorithm_id, bits) = match wrap {
                None => (enc.name(), cek_len * 8),
                Some(size) => (alg.name(), size.bits()),
            };
            let (ephemeral, epk) = ephemeral_for(recipient)?;
            header.insert("epk".to_owned(), Value::Object(epk));
            let public = recipient_jwk(recipient);
            let agreed = ecdh::agree_with(alg, &public, &ephemeral, &header, algorithm_id, bits)?;
            match wrap {
                None => (agreed, Vec::new()),
                Some(_) => {
                    let cek = random_key(cek_len)?;
                    let wrapped = aes_wrap(&agreed, &cek).ok_or_else(mismatch)?;
                    (cek, wrapped)
                }
            }
        }
        (KeyAlg::Pbes2(size), Recipient::Secret(password)) => {
            let (members, derivation) = pbes2.new_token(alg, size)?;
            header.extend(members);
            let kek = pbes2.key(&derivation, password);
            let cek = random_key(cek_len)?;
            let wrapped = aes_wrap(&kek, &cek).ok_or_else(mismatch)?;
            (cek, wrapped)
        }
        _ => return Err(mismatch()),
    };
    let protected = base64url::encode(Value::Object(header).to_string().as_bytes());
    let iv = random_key(enc.iv_len())?;
    let (ciphertext, tag) = content::encrypt(enc, &cek, &iv, plaintext, protected.as_bytes())
        .ok_or_else(|| refuse("the content could not be encrypted".to_owned()))?;
    Ok([
        protected,
        base64url::encode(&encrypted_key),
        base64url::encode(&iv),
        base64url::encode(&ciphertext),
        base64url::encode(&tag),
    ]
    .join("."))
}

/// A fresh ephemeral private key on the recipient's curve, and its public JWK for `epk`.
fn ephemeral_for(recipient: &Recipient) -> Result<(DecryptionKey, Map<String, Value>), Error> {
    match recipient {
        Recipient::X25519(_) => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|err| Error::NoRandomness {
                purpose: "the ephemeral key",
                detail: err.to_string(),
            })?;
            let secret = x25519_dalek::StaticSecret::from(seed);
            let x = x25519_dalek::PublicKey::from(&secret).to_bytes();
            let epk = json!({"kty": "OKP", "crv": "X25519", "x": base64url::encode(&x)});
            Ok((DecryptionKey::X25519(Box::new(secret)), object(epk)))
        }
        Recipient::X448(_) => {
            let mut seed = zeroize::Zeroizing::new([0u8; 56]);
            getrandom::fill(&mut *seed).map_err(|err| Error::NoRandomness {
                purpose: "the ephemeral key",
                detail: err.to_string(),
            })?;
            let secret = x448::StaticSecret::from(*seed);
            let x = *x448::PublicKey::from(&secret).as_bytes();
            let epk = json!({"kty": "OKP", "crv": "X448", "x": base64url::encode(&x)});
            Ok((DecryptionKey::X448(Box::new(secret)), object(epk)))
        }
        Recipient::Ec(ec) => {
            let PrivateKey::Ec(ephemeral) = generate(KeyKind::Ec(ec.curve()))? else {
                return Err(not_agreeing());
            };
            let epk = ec_jwk(&ephemeral.public());
            Ok((DecryptionKey::Ec(ephemeral), epk))
        }
        Recipient::Secret(_) | Recipient::Rsa(_) => Err(not_agreeing()),
    }
}

fn not_agreeing() -> Error {
    Error::EncryptionRefused {
        reason: "ECDH-ES needs an EC (P-256, P-384, P-521), X25519 or X448 key".to_owned(),
    }
}

/// The recipient's public key as JWK members, for the agreement.
fn recipient_jwk(recipient: &Recipient) -> Map<String, Value> {
    match recipient {
        Recipient::Ec(ec) => ec_jwk(ec),
        Recipient::X25519(x) => {
            object(json!({"kty": "OKP", "crv": "X25519", "x": base64url::encode(x)}))
        }
        Recipient::X448(x) => {
            object(json!({"kty": "OKP", "crv": "X448", "x": base64url::encode(x)}))
        }
        Recipient::Secret(_) | Recipient::Rsa(_) => Map::new(),
    }
}

fn ec_jwk(ec: &EcKey) -> Map<String, Value> {
    let (x, y) = ec.coordinates();
    object(json!({
        "kty": "EC",
        "crv": ec.curve().jwk_name(),
        "x": base64url::encode(&x),
        "y": base64url::encode(&y),
    }))
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
