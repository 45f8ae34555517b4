//! The workers' side of the protocol (`jose::protocol`): answers the encoder's, key workshop's
//! and decryption requests. The page runs this in a Web Worker (loaded only when first used);
//! tests run it natively. Every request is answered, a failure with `Reply::Failed`.

use serde_json::{json, Map, Value};

use super::error::Error;
use super::hex;
use super::jwe;
use super::jwe::alg::KeyAlg;
use super::jwe::decrypt::{decrypt_with, pbkdf2_jobs, Outcome};
use super::jwe::encrypt::{encrypt, Recipient};
use super::jwe::pbkdf2::{Job, Pbes2};
use super::key::export::{
    has_private_jwk, jwks, private_jwk, private_pem, public_jwk, public_pem, JwkLabels,
};
use super::key::private::{self, PrivateKey};
use super::key::thumbprint;
use super::key::{Key, KeySet, KeyText, SecretEncoding};
use super::keygen::{generate, is_of_kind, KeyKind};
use super::platform::{self, run_request_here, PlatformAnswer, PlatformRequest};
use super::protocol::{
    Decryption, EncryptRequest, KeyForms, Opened, Reply, Request, SelectiveRequest, SignRequest,
    Signed, VerifyRequest,
};
use super::redacted::SecretText;
use super::sd_jwt::issue::{bind, holder_alg, issue, system_random, ClaimPath, Issuance};
use super::sign::encode_allowing_weak;
use super::status::Status;

/// Answers one request posted as text (see `protocol`) with the reply's text.
pub fn handle(request: &str) -> String {
    let reply = match Request::decode(request) {
        Ok(request) => answer(request),
        Err(err) => Reply::Failed {
            error: err.to_string(),
        },
    };
    reply.encode()
}

/// Answers one request. A known-secret search needs the list, which only the worker that
/// fetched it holds, so it is answered there (see `known_secrets::search`).
pub fn answer(request: Request) -> Reply {
    answer_with(request, &Pbes2::default())
}

/// The PBKDF2 runs that answering `request` will need (PBES2 decryption with a password, or
/// encryption to one), and the `Pbes2` to hand their keys to, with a new token's salt already
/// chosen: so that the worker's WebCrypto can run them first, then `answer_with` the keys.
pub fn pbkdf2_runs(request: &Request) -> Result<(Pbes2, Vec<Job>), Error> {
    match request {
        Request::Decrypt {
            token,
            key,
            encoding,
        } => {
            let jobs = match (jwe::parse(token), jwe::key::parse(key.expose(), *encoding)) {
                (Ok(token), Ok(keys)) => pbkdf2_jobs(&token, &keys),
                // The answer will say what is wrong; there is nothing to derive.
                _ => Vec::new(),
            };
            Ok((Pbes2::default(), jobs))
        }
        Request::Sign(SignRequest {
            encrypt: Some(encryption),
            ..
        }) => {
            let KeyAlg::Pbes2(size) = encryption.alg else {
                return Ok((Pbes2::default(), Vec::new()));
            };
            let Ok(Recipient::Secret(password)) =
                Recipient::parse(encryption.key.expose(), encryption.encoding)
            else {
                return Ok((Pbes2::default(), Vec::new()));
            };
            let pbes2 = Pbes2::default().with_salt_chosen()?;
            let (_, derivation) = pbes2.new_token(encryption.alg, size)?;
            Ok((
                pbes2,
                vec![Job {
                    derivation,
                    password,
                }],
            ))
        }
        _ => Ok((Pbes2::default(), Vec::new())),
    }
}

/// `answer`, with PBES2's salt and any keys derived beforehand from `pbes2`.
pub fn answer_with(request: Request, pbes2: &Pbes2) -> Reply {
    let failed = |err: Error| Reply::Failed {
        error: err.to_string(),
    };
    match request {
        Request::Sign(request) => sign(&request, pbes2).map_or_else(failed, Reply::Signed),
        Request::Generate { kind } => generated(kind).map_or_else(failed, Reply::Forms),
        Request::Convert { key, encoding } => {
            converted(key.expose(), encoding).map_or_else(failed, Reply::Forms)
        }
        Request::Decrypt {
            token,
            key,
            encoding,
        } => Reply::Decryption(decrypted(&token, key.expose(), encoding, pbes2)),
        Request::Verify(request) => Reply::Verified {
            answer: verified(request),
        },
        Request::Attacks {
            token,
            key,
            encoding,
            url,
        } => super::attacks::make(&token, key.expose(), encoding, &url)
            .map_or_else(failed, Reply::Attacks),
        Request::Diagnose {
            token,
            key,
            encoding,
        } => Reply::Diagnosed(
            super::diagnosis::diagnose(&token, key.expose(), encoding).unwrap_or_default(),
        ),
        Request::FindKnownSecret(_) => Reply::Failed {
            error: "the known-secret search runs in a worker that holds the list".to_owned(),
        },
        Request::SearchWordlist(_) => Reply::Failed {
            error: "the wordlist search runs in its own worker, which reads the list".to_owned(),
        },
    }
}

fn sign(request: &SignRequest, pbes2: &Pbes2) -> Result<Signed, Error> {
    let key = private::parse(request.key.expose(), request.encoding)?;
    if let Some(selective) = &request.selective {
        return selectively_disclosed(request, selective, &key);
    }
    let token = encode_allowing_weak(
        request.alg,
        &request.header,
        request.payload.as_bytes(),
        &key,
        request.allow_weak,
    )?;
    let verify_key = verify_key(&key);
    match &request.encrypt {
        Some(encryption) => nested(token, verify_key, encryption, pbes2),
        None => Ok(Signed {
            token,
            verify_key,
            decrypt_key: None,
            inner: None,
        }),
    }
}

/// The encoder's token issued as an SD-JWT: the chosen claims made disclosable, with decoys
/// and the holder's `cnf` key; the answer is the issuance (every disclosure attached).
fn selectively_disclosed(
    request: &SignRequest,
    selective: &SelectiveRequest,
    key: &PrivateKey,
) -> Result<Signed, Error> {
    let refused = |detail: &str| Error::SdJwtIssuance {
        detail: detail.to_owned(),
    };
    if request.encrypt.is_some() {
        return Err(refused(
            "this page does not encrypt an SD-JWT: turn encryption off",
        ));
    }
    let object = |text: &str, what: &str| match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(members)) => Ok(members),
        _ => Err(refused(&format!("the {what} is not a JSON object"))),
    };
    let paths = |text: &str| {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(ClaimPath::parse)
            .collect::<Result<Vec<_>, _>>()
    };
    let disclosable = paths(&selective.disclosable)?;
    let holder_key = match selective.holder_key.expose().trim() {
        "" => None,
        text => Some(private::parse(text, SecretEncoding::Utf8)?),
    };
    // The holder's private key, when given, is the cnf key too.
    let holder_jwk = match (&holder_key, selective.holder_jwk.trim()) {
        (Some(key), _) => public_jwk(&key.public(), &JwkLabels::default())
            .as_object()
            .cloned(),
        (None, "") => None,
        (None, text) => Some(object(text, "holder key")?),
    };
    let issuance = Issuance {
        claims: object(&request.payload, "payload")?,
        disclosable,
        decoys: selective.decoys,
        sd_alg: selective.sd_alg,
        holder_jwk,
    };
    let issued = issue(
        &issuance,
        object(&request.header, "header")?,
        request.alg,
        key,
        &mut system_random,
    )?;
    let chosen = paths(&selective.present)?;
    if let Some(unknown) = chosen
        .iter()
        .find(|path| !issuance.disclosable.contains(path))
    {
        return Err(refused(&format!(
            "{unknown} is not one of the selectively disclosable claims, so it cannot be presented"
        )));
    }
    let presentation = match chosen.is_empty() {
        true => issued.issuance(),
        false => issued.presentation(&chosen),
    };
    let token = match &holder_key {
        None => presentation,
        Some(holder) => bind(
            &presentation,
            holder_alg(holder)?,
            holder,
            &selective.aud,
            &selective.nonce,
            selective.iat,
            selective.sd_alg,
        )?,
    };
    Ok(Signed {
        token,
        verify_key: verify_key(key),
        decrypt_key: None,
        inner: None,
    })
}

/// The signed token encrypted for a recipient (a nested JWT, `cty: JWT`): answers the JWE, the
/// inner token and its verifying key, and the decryption key when the recipient key given is
/// one (a secret, password or private key; a public key cannot decrypt).
fn nested(
    signed: String,
    verify_key: SecretText,
    encryption: &EncryptRequest,
    pbes2: &Pbes2,
) -> Result<Signed, Error> {
    let key_text = encryption.key.expose();
    let recipient = Recipient::parse(key_text, encryption.encoding)?;
    let mut header = Map::new();
    header.insert("cty".to_owned(), json!("JWT"));
    let token = encrypt(
        encryption.alg,
        encryption.enc,
        header,
        signed.as_bytes(),
        &recipient,
        pbes2,
    )?;
    let decrypt_key = jwe::key::parse(key_text, encryption.encoding)
        .is_ok()
        .then(|| encryption.key.clone());
    Ok(Signed {
        token,
        verify_key,
        decrypt_key,
        inner: Some(signed),
    })
}

/// What the decoder's key box needs to verify: the public PEM, or the secret as a JWK.
fn verify_key(key: &PrivateKey) -> SecretText {
    let public = key.public();
    let text = public_pem(&public)
        .unwrap_or_else(|_| public_jwk(&public, &JwkLabels::default()).to_string());
    SecretText::new(text)
}

fn generated(kind: KeyKind) -> Result<KeyForms, Error> {
    generate(kind).map(|key| forms_of_new_key(&key, kind))
}

/// The answer to `Generate { kind }` for a key the browser made (WebCrypto, exported as PKCS#8
/// DER): the same forms as a key made here, once it is checked to be of that kind.
pub fn generated_elsewhere(kind: KeyKind, pkcs8_der: &[u8]) -> Reply {
    let key = private::from_pkcs8_der(pkcs8_der).and_then(|key| match is_of_kind(&key, kind) {
        true => Ok(key),
        false => Err(Error::KeyGeneration {
            reason: format!(
                "the browser made a {} instead of a {}",
                key.public().describe(),
                kind.name()
            ),
        }),
    });
    match key.map(|key| forms_of_new_key(&key, kind)) {
        Ok(forms) => Reply::Forms(forms),
        Err(err) => Reply::Failed {
            error: err.to_string(),
        },
    }
}

fn forms_of_new_key(key: &PrivateKey, kind: KeyKind) -> KeyForms {
    let labels = JwkLabels {
        kid: None,
        alg: Some(kind.alg().name().to_owned()),
        key_use: Some("sig".to_owned()),
    };
    private_forms(key, &labels)
}

/// A pasted key in every form it has. A JWK keeps its own `kid`, `alg` and `use`; a key without
/// a `kid` gets its thumbprint. Of a JWK Set, the first key is converted.
fn converted(key_text: &str, encoding: SecretEncoding) -> Result<KeyForms, Error> {
    let text = KeyText::read(key_text)?;
    let KeyText::JwkSet(keys) = &text else {
        return convert(&text, encoding);
    };
    let first = keys
        .first()
        .and_then(|key| key.as_object())
        .ok_or_else(|| Error::KeyFormat {
            format: "JWK Set",
            detail: "the set has no keys".to_owned(),
        })?;
    let mut forms = convert(&KeyText::Jwk(first.clone()), encoding)?;
    if keys.len() > 1 {
        forms.note = Some(format!(
            "The set holds {} keys; this is the first.",
            keys.len()
        ));
    }
    Ok(forms)
}

fn convert(text: &KeyText<'_>, encoding: SecretEncoding) -> Result<KeyForms, Error> {
    let private_error = match PrivateKey::from_text(text, encoding) {
        Ok(key) => return Ok(private_forms(&key, &jwk_labels(text))),
        Err(err) => err,
    };
    let set = match KeySet::from_text(text, encoding) {
        Ok(set) => set,
        // A broken private key is best explained by the private reader.
        Err(_) if text.looks_private() => return Err(private_error),
        Err(err) => return Err(err),
    };
    let entry = set.entries.first().ok_or(private_error)?;
    let labels = JwkLabels {
        kid: entry.meta.kid.clone(),
        alg: entry.meta.alg.clone(),
        key_use: entry.meta.key_use.clone(),
    };
    Ok(public_forms(&entry.key, &labels))
}

/// A signature check WebCrypto could not run (it refused the key, or it is Ed448), run with
/// RustCrypto.
fn verified(request: VerifyRequest) -> PlatformAnswer {
    match platform::algorithm_for(request.alg, &request.jwk) {
        Some(algorithm) => run_request_here(&PlatformRequest {
            alg: request.alg,
            algorithm,
            jwk: request.jwk,
            signing_input: request.signing_input.into(),
            signature: request.signature.into(),
        }),
        None => PlatformAnswer::CannotRun,
    }
}

/// A JWE's verdict with the key box's keys; never an error, as every outcome is shown.
fn decrypted(token: &str, key_text: &str, encoding: SecretEncoding, pbes2: &Pbes2) -> Decryption {
    let outcome = jwe::parse(token).and_then(|token| {
        let keys = jwe::key::parse(key_text, encoding)?;
        decrypt_with(&token, &keys, pbes2)
    });
    match outcome {
        Ok(Outcome::Decrypted(opened)) => {
            let text = String::from_utf8(opened.plaintext).map_err(|err| err.into_bytes());
            let mut notes = Vec::new();
            if opened.alg == KeyAlg::Rsa1_5 {
                notes.push("RSA1_5 is deprecated: its padding invites Bleichenbacher-style oracle attacks; prefer RSA-OAEP-256.".to_owned());
            }
            Decryption::Decrypted(Opened {
                hex: text.as_ref().err().map(|bytes| hex::encode(bytes)),
                text: text.ok(),
                alg: opened.alg,
                enc: opened.enc,
                key_position: opened.key_position,
                kid: opened.kid,
                inflated_from: opened.inflated_from,
                notes,
            })
        }
        Ok(Outcome::Failed(step)) => Decryption::Invalid { step },
        Err(err) => Decryption::Refused {
            status: Status::for_error(&err),
            code: err.code().to_owned(),
            reason: err.to_string(),
        },
    }
}

/// A private key's forms: its public ones, then the private PEM (none for a secret) and JWK.
fn private_forms(key: &PrivateKey, labels: &JwkLabels) -> KeyForms {
    let mut forms = public_forms(&key.public(), labels);
    forms.private = true;
    forms.private_pem = private_pem(key).ok().map(SecretText::new);
    forms.private_jwk =
        has_private_jwk(key).then(|| SecretText::new(pretty(&private_jwk(key, labels))));
    forms
}

/// A public key's forms: what it is, its RFC 7638 thumbprint, SPKI PEM (none for a secret), JWK
/// and a JWK Set of it. A secret is its own "public" form, so every form is secret text.
fn public_forms(key: &Key, labels: &JwkLabels) -> KeyForms {
    let jwk = public_jwk(key, labels);
    KeyForms {
        description: key.describe(),
        thumbprint: thumbprint::of(key),
        alg: labels.alg.clone(),
        private: key.is_symmetric(),
        private_pem: None,
        public_pem: public_pem(key).ok(),
        private_jwk: None,
        jwks: SecretText::new(pretty(&jwks(jwk.clone()))),
        public_jwk: SecretText::new(pretty(&jwk)),
        note: None,
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// The `kid`, `alg` and `use` a pasted JWK gives itself.
fn jwk_labels(text: &KeyText<'_>) -> JwkLabels {
    JwkLabels {
        kid: text.jwk_label("kid"),
        alg: text.jwk_label("alg"),
        key_use: text.jwk_label("use"),
    }
}
