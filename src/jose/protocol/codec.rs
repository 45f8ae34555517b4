//! The protocol's one codec: every message to and from JSON text, through `serde_json::Value`
//! (which the page already carries for tokens). Written out rather than derived: serde's
//! derived visitors cost the page about 20 KB, this costs a few. The wire form is
//! `{"<kind>": {members}}`, kebab-case kinds, bytes as base64url.

use serde_json::{json, Map, Value};

use super::{
    CodecError, Decryption, EncryptRequest, KeyForms, Opened, Reply, Request, SearchReport,
    SignRequest, Signed, VerifyRequest,
};
use crate::jose::alg::{Alg, Hash};
use crate::jose::base64url;
use crate::jose::error::Part;
use crate::jose::jwe::alg::{EncAlg, KeyAlg};
use crate::jose::jwe::decrypt::FailedStep;
use crate::jose::key::SecretEncoding;
use crate::jose::keygen::KeyKind;
use crate::jose::known_secrets::Target;
use crate::jose::platform::PlatformAnswer;
use crate::jose::redacted::SecretText;
use crate::jose::status::Status;

type Members = Map<String, Value>;

/// `{"kind": members}`.
fn tagged(kind: &str, members: Value) -> String {
    let mut message = Members::new();
    message.insert(kind.to_owned(), members);
    Value::Object(message).to_string()
}

/// The kind and members of a `{"kind": members}` message.
fn untag(text: &str) -> Result<(String, Members), CodecError> {
    let message: Members = serde_json::from_str(text).map_err(|err| CodecError(err.to_string()))?;
    let mut entries = message.into_iter();
    match (entries.next(), entries.next()) {
        (Some((kind, Value::Object(members))), None) => Ok((kind, members)),
        _ => Err(CodecError(
            "a message is one kind with its members".to_owned(),
        )),
    }
}

/// Reads the members of one message.
struct Reader<'a>(&'a Members);

impl Reader<'_> {
    fn value(&self, name: &str) -> Result<&Value, CodecError> {
        self.0
            .get(name)
            .ok_or_else(|| CodecError(format!("\"{name}\" is missing")))
    }

    fn text(&self, name: &str) -> Result<String, CodecError> {
        self.value(name)?
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| CodecError(format!("\"{name}\" is not a string")))
    }

    fn optional_text(&self, name: &str) -> Result<Option<String>, CodecError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.text(name).map(Some),
        }
    }

    fn secret(&self, name: &str) -> Result<SecretText, CodecError> {
        self.text(name).map(SecretText::new)
    }

    fn optional_secret(&self, name: &str) -> Result<Option<SecretText>, CodecError> {
        Ok(self.optional_text(name)?.map(SecretText::new))
    }

    fn number(&self, name: &str) -> Result<f64, CodecError> {
        self.value(name)?
            .as_f64()
            .ok_or_else(|| CodecError(format!("\"{name}\" is not a number")))
    }

    fn count(&self, name: &str) -> Result<usize, CodecError> {
        self.value(name)?
            .as_u64()
            .and_then(|count| usize::try_from(count).ok())
            .ok_or_else(|| CodecError(format!("\"{name}\" is not a count")))
    }

    fn optional_count(&self, name: &str) -> Result<Option<usize>, CodecError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.count(name).map(Some),
        }
    }

    fn flag(&self, name: &str) -> Result<bool, CodecError> {
        self.value(name)?
            .as_bool()
            .ok_or_else(|| CodecError(format!("\"{name}\" is not true or false")))
    }

    fn bytes(&self, name: &str) -> Result<Vec<u8>, CodecError> {
        base64url::decode_segment(&self.text(name)?, Part::Token, 0)
            .map_err(|_| CodecError(format!("\"{name}\" is not base64url")))
    }

    fn texts(&self, name: &str) -> Result<Vec<String>, CodecError> {
        let items = self.value(name)?.as_array();
        items
            .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned))
            .map(Iterator::collect)
            .ok_or_else(|| CodecError(format!("\"{name}\" is not a list")))
    }

    /// A member read through one of the core's tables by its name.
    fn named<T>(&self, name: &str, lookup: impl Fn(&str) -> Option<T>) -> Result<T, CodecError> {
        let text = self.text(name)?;
        lookup(&text).ok_or_else(|| CodecError(format!("\"{name}\" {text:?} is not known")))
    }

    fn object(&self, name: &str) -> Result<Reader<'_>, CodecError> {
        match self.value(name)? {
            Value::Object(members) => Ok(Reader(members)),
            _ => Err(CodecError(format!("\"{name}\" is not an object"))),
        }
    }
}

fn bytes(bytes: &[u8]) -> Value {
    Value::String(base64url::encode(bytes))
}

pub(super) fn encode_request(request: &Request) -> String {
    match request {
        Request::Sign(sign) => {
            let encrypt = sign.encrypt.as_ref().map(|encrypt| {
                json!({
                    "alg": encrypt.alg.name(),
                    "enc": encrypt.enc.name(),
                    "key": encrypt.key.expose(),
                    "encoding": encrypt.encoding.as_str(),
                })
            });
            let members = json!({
                "alg": sign.alg.name(),
                "header": sign.header,
                "payload": sign.payload,
                "key": sign.key.expose(),
                "encoding": sign.encoding.as_str(),
                "encrypt": encrypt,
            });
            tagged("sign", members)
        }
        Request::Generate { kind } => tagged("generate", json!({ "kind": kind.name() })),
        Request::Convert { key, encoding } => tagged(
            "convert",
            json!({ "key": key.expose(), "encoding": encoding.as_str() }),
        ),
        Request::Decrypt {
            token,
            key,
            encoding,
        } => tagged(
            "decrypt",
            json!({ "token": token, "key": key.expose(), "encoding": encoding.as_str() }),
        ),
        Request::Verify(verify) => tagged(
            "verify",
            json!({
                "alg": verify.alg.name(),
                "jwk": verify.jwk,
                "input": bytes(&verify.signing_input),
                "signature": bytes(&verify.signature),
            }),
        ),
        Request::FindKnownSecret(target) => tagged(
            "find-known-secret",
            json!({
                "hash": target.hash().webcrypto_name(),
                "input": bytes(target.signing_input()),
                "signature": bytes(target.signature()),
            }),
        ),
    }
}

pub(super) fn decode_request(text: &str) -> Result<Request, CodecError> {
    let (kind, members) = untag(text)?;
    let read = Reader(&members);
    let encoding = |read: &Reader<'_>| read.named("encoding", SecretEncoding::from_name);
    match kind.as_str() {
        "sign" => {
            let encrypt = match members.get("encrypt") {
                None | Some(Value::Null) => None,
                Some(_) => {
                    let encrypt = read.object("encrypt")?;
                    Some(EncryptRequest {
                        alg: encrypt.named("alg", KeyAlg::from_name)?,
                        enc: encrypt.named("enc", EncAlg::from_name)?,
                        key: encrypt.secret("key")?,
                        encoding: encoding(&encrypt)?,
                    })
                }
            };
            Ok(Request::Sign(SignRequest {
                alg: read.named("alg", Alg::from_name)?,
                header: read.text("header")?,
                payload: read.text("payload")?,
                key: read.secret("key")?,
                encoding: encoding(&read)?,
                encrypt,
            }))
        }
        "generate" => Ok(Request::Generate {
            kind: read.named("kind", KeyKind::from_name)?,
        }),
        "convert" => Ok(Request::Convert {
            key: read.secret("key")?,
            encoding: encoding(&read)?,
        }),
        "decrypt" => Ok(Request::Decrypt {
            token: read.text("token")?,
            key: read.secret("key")?,
            encoding: encoding(&read)?,
        }),
        "verify" => Ok(Request::Verify(VerifyRequest {
            alg: read.named("alg", Alg::from_name)?,
            jwk: read.text("jwk")?,
            signing_input: read.bytes("input")?,
            signature: read.bytes("signature")?,
        })),
        "find-known-secret" => Ok(Request::FindKnownSecret(Target::new(
            read.named("hash", Hash::from_name)?,
            read.bytes("input")?,
            read.bytes("signature")?,
        ))),
        other => Err(CodecError(format!("unknown request {other:?}"))),
    }
}

pub(super) fn encode_reply(reply: &Reply) -> String {
    match reply {
        Reply::Signed(signed) => tagged(
            "signed",
            json!({
                "token": signed.token,
                "verify_key": signed.verify_key.expose(),
                "decrypt_key": signed.decrypt_key.as_ref().map(SecretText::expose),
                "inner": signed.inner,
            }),
        ),
        Reply::Forms(forms) => tagged(
            "forms",
            json!({
                "description": forms.description,
                "thumbprint": forms.thumbprint,
                "alg": forms.alg,
                "private": forms.private,
                "private_pem": forms.private_pem.as_ref().map(SecretText::expose),
                "public_pem": forms.public_pem,
                "private_jwk": forms.private_jwk.as_ref().map(SecretText::expose),
                "public_jwk": forms.public_jwk.expose(),
                "jwks": forms.jwks.expose(),
                "note": forms.note,
            }),
        ),
        Reply::Decryption(Decryption::Decrypted(opened)) => tagged(
            "decrypted",
            json!({
                "text": opened.text,
                "hex": opened.hex,
                "alg": opened.alg.name(),
                "enc": opened.enc.name(),
                "key_position": opened.key_position,
                "kid": opened.kid,
                "inflated_from": opened.inflated_from,
                "notes": opened.notes,
            }),
        ),
        Reply::Decryption(Decryption::Invalid { step }) => {
            tagged("not-decrypted", json!({ "step": step.code() }))
        }
        Reply::Decryption(Decryption::Refused {
            status,
            code,
            reason,
        }) => tagged(
            "refused",
            json!({ "status": status.as_str(), "code": code, "reason": reason }),
        ),
        Reply::Verified { answer } => tagged("verified", json!({ "answer": answer.as_str() })),
        Reply::SecretSearch(report) => match report {
            SearchReport::Searching { fraction } => {
                tagged("searching", json!({ "fraction": fraction }))
            }
            SearchReport::Found { secret, tried } => {
                tagged("found", json!({ "secret": secret, "tried": tried }))
            }
            SearchReport::NotFound { tried, millis } => {
                tagged("not-found", json!({ "tried": tried, "millis": millis }))
            }
            SearchReport::Unavailable { reason } => {
                tagged("unavailable", json!({ "reason": reason }))
            }
        },
        Reply::Failed { error } => tagged("failed", json!({ "error": error })),
    }
}

pub(super) fn decode_reply(text: &str) -> Result<Reply, CodecError> {
    let (kind, members) = untag(text)?;
    let read = Reader(&members);
    let reply = match kind.as_str() {
        "signed" => Reply::Signed(Signed {
            token: read.text("token")?,
            verify_key: read.secret("verify_key")?,
            decrypt_key: read.optional_secret("decrypt_key")?,
            inner: read.optional_text("inner")?,
        }),
        "forms" => Reply::Forms(KeyForms {
            description: read.text("description")?,
            thumbprint: read.text("thumbprint")?,
            alg: read.optional_text("alg")?,
            private: read.flag("private")?,
            private_pem: read.optional_secret("private_pem")?,
            public_pem: read.optional_text("public_pem")?,
            private_jwk: read.optional_secret("private_jwk")?,
            public_jwk: read.secret("public_jwk")?,
            jwks: read.secret("jwks")?,
            note: read.optional_text("note")?,
        }),
        "decrypted" => Reply::Decryption(Decryption::Decrypted(Opened {
            text: read.optional_text("text")?,
            hex: read.optional_text("hex")?,
            alg: read.named("alg", KeyAlg::from_name)?,
            enc: read.named("enc", EncAlg::from_name)?,
            key_position: read.count("key_position")?,
            kid: read.optional_text("kid")?,
            inflated_from: read.optional_count("inflated_from")?,
            notes: read.texts("notes")?,
        })),
        "not-decrypted" => Reply::Decryption(Decryption::Invalid {
            step: read.named("step", FailedStep::from_code)?,
        }),
        "refused" => Reply::Decryption(Decryption::Refused {
            status: read.named("status", Status::from_name)?,
            code: read.text("code")?,
            reason: read.text("reason")?,
        }),
        "verified" => Reply::Verified {
            answer: read.named("answer", PlatformAnswer::from_name)?,
        },
        "searching" => Reply::SecretSearch(SearchReport::Searching {
            fraction: read.number("fraction")?,
        }),
        "found" => Reply::SecretSearch(SearchReport::Found {
            secret: read.text("secret")?,
            tried: read.count("tried")?,
        }),
        "not-found" => Reply::SecretSearch(SearchReport::NotFound {
            tried: read.count("tried")?,
            millis: read.number("millis")?,
        }),
        "unavailable" => Reply::SecretSearch(SearchReport::Unavailable {
            reason: read.text("reason")?,
        }),
        "failed" => Reply::Failed {
            error: read.text("error")?,
        },
        other => return Err(CodecError(format!("unknown reply {other:?}"))),
    };
    Ok(reply)
}
