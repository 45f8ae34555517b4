//! The protocol's one codec: every message to and from JSON text, through `serde_json::Value`
//! (which the page already carries for tokens). Written out rather than derived: serde's
//! derived visitors cost the page about 20 KB, this costs a few. The wire form is
//! `{"<kind>": {members}}`, kebab-case kinds, bytes as base64url.

use std::cell::Cell;

use serde_json::{Map, Value};

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

/// Reads the members of one message. A member that does not read is noted and stood in for,
/// and `finish` turns the note into the error: no early return mid-message, which keeps the
/// page's copy of this code small.
struct Reader<'a> {
    members: &'a Members,
    failed: Cell<Option<&'static str>>,
}

impl<'a> Reader<'a> {
    fn new(members: &'a Members) -> Reader<'a> {
        Reader {
            members,
            failed: Cell::new(None),
        }
    }

    /// The message, or which member did not read.
    fn finish<T>(&self, message: T) -> Result<T, CodecError> {
        match self.failed.get() {
            None => Ok(message),
            Some(name) => Err(CodecError(format!(
                "the member \"{name}\" is missing or of the wrong kind"
            ))),
        }
    }

    fn fail(&self, name: &'static str) {
        if self.failed.get().is_none() {
            self.failed.set(Some(name));
        }
    }

    /// `None` for a missing or null member.
    fn present(&self, name: &str) -> Option<&'a Value> {
        self.members.get(name).filter(|value| !value.is_null())
    }

    fn optional_text(&self, name: &'static str) -> Option<String> {
        let value = self.present(name)?;
        let text = value.as_str().map(str::to_owned);
        if text.is_none() {
            self.fail(name);
        }
        text
    }

    fn text(&self, name: &'static str) -> String {
        if self.present(name).is_none() {
            self.fail(name);
        }
        self.optional_text(name).unwrap_or_default()
    }

    fn secret(&self, name: &'static str) -> SecretText {
        SecretText::new(self.text(name))
    }

    fn optional_secret(&self, name: &'static str) -> Option<SecretText> {
        self.optional_text(name).map(SecretText::new)
    }

    fn number(&self, name: &'static str) -> f64 {
        let number = self.present(name).and_then(Value::as_f64);
        number.unwrap_or_else(|| {
            self.fail(name);
            0.0
        })
    }

    fn optional_count(&self, name: &'static str) -> Option<usize> {
        let value = self.present(name)?;
        let count = value.as_u64().and_then(|count| usize::try_from(count).ok());
        if count.is_none() {
            self.fail(name);
        }
        count
    }

    fn count(&self, name: &'static str) -> usize {
        if self.present(name).is_none() {
            self.fail(name);
        }
        self.optional_count(name).unwrap_or_default()
    }

    fn flag(&self, name: &'static str) -> bool {
        let flag = self.present(name).and_then(Value::as_bool);
        flag.unwrap_or_else(|| {
            self.fail(name);
            false
        })
    }

    fn bytes(&self, name: &'static str) -> Vec<u8> {
        let text = self.text(name);
        base64url::decode_segment(&text, Part::Token, 0).unwrap_or_else(|_| {
            self.fail(name);
            Vec::new()
        })
    }

    fn texts(&self, name: &'static str) -> Vec<String> {
        let Some(items) = self.present(name).and_then(Value::as_array) else {
            self.fail(name);
            return Vec::new();
        };
        items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    }

    /// A member read through one of the core's tables by its name; `otherwise` stands in for a
    /// name the table lacks (and the message fails).
    fn named<T>(&self, name: &'static str, lookup: impl Fn(&str) -> Option<T>, otherwise: T) -> T {
        lookup(&self.text(name)).unwrap_or_else(|| {
            self.fail(name);
            otherwise
        })
    }

    fn object(&self, name: &'static str) -> Reader<'a> {
        static EMPTY: std::sync::OnceLock<Members> = std::sync::OnceLock::new();
        match self.present(name) {
            Some(Value::Object(members)) => Reader::new(members),
            _ => {
                self.fail(name);
                Reader::new(EMPTY.get_or_init(Members::new))
            }
        }
    }
}

fn bytes(bytes: &[u8]) -> Value {
    Value::String(base64url::encode(bytes))
}

/// An object of `members`, built directly (`json!` would serialize each value generically,
/// which costs the page more code).
fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    )
}

fn text(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn optional(text: Option<&str>) -> Value {
    text.map_or(Value::Null, self::text)
}

fn count(count: usize) -> Value {
    Value::from(count as u64)
}

#[inline(never)]
pub(super) fn encode_request(request: &Request) -> String {
    match request {
        Request::Sign(sign) => {
            let encrypt = sign.encrypt.as_ref().map_or(Value::Null, |encrypt| {
                object([
                    ("alg", text(encrypt.alg.name())),
                    ("enc", text(encrypt.enc.name())),
                    ("key", text(encrypt.key.expose())),
                    ("encoding", text(encrypt.encoding.as_str())),
                ])
            });
            let members = object([
                ("alg", text(sign.alg.name())),
                ("header", text(&sign.header)),
                ("payload", text(&sign.payload)),
                ("key", text(sign.key.expose())),
                ("encoding", text(sign.encoding.as_str())),
                ("encrypt", encrypt),
            ]);
            tagged("sign", members)
        }
        Request::Generate { kind } => tagged("generate", object([("kind", text(&kind.name()))])),
        Request::Convert { key, encoding } => tagged(
            "convert",
            object([
                ("key", text(key.expose())),
                ("encoding", text(encoding.as_str())),
            ]),
        ),
        Request::Decrypt {
            token,
            key,
            encoding,
        } => tagged(
            "decrypt",
            object([
                ("token", text(token)),
                ("key", text(key.expose())),
                ("encoding", text(encoding.as_str())),
            ]),
        ),
        Request::Verify(verify) => tagged(
            "verify",
            object([
                ("alg", text(verify.alg.name())),
                ("jwk", text(&verify.jwk)),
                ("input", bytes(&verify.signing_input)),
                ("signature", bytes(&verify.signature)),
            ]),
        ),
        Request::FindKnownSecret(target) => tagged(
            "find-known-secret",
            object([
                ("hash", text(target.hash().webcrypto_name())),
                ("input", bytes(target.signing_input())),
                ("signature", bytes(target.signature())),
            ]),
        ),
    }
}

pub(super) fn decode_request(text: &str) -> Result<Request, CodecError> {
    let (kind, members) = untag(text)?;
    let read = Reader::new(&members);
    let encoding =
        |read: &Reader<'_>| read.named("encoding", SecretEncoding::from_name, SecretEncoding::Utf8);
    let request = match kind.as_str() {
        "sign" => {
            let encrypt = read.present("encrypt").map(|_| {
                let encrypt = read.object("encrypt");
                EncryptRequest {
                    alg: encrypt.named("alg", KeyAlg::from_name, KeyAlg::Dir),
                    enc: encrypt.named("enc", EncAlg::from_name, EncAlg::ALL[0]),
                    key: encrypt.secret("key"),
                    encoding: encoding(&encrypt),
                }
                .check(&encrypt)
            });
            Request::Sign(SignRequest {
                alg: read.named("alg", Alg::from_name, Alg::None),
                header: read.text("header"),
                payload: read.text("payload"),
                key: read.secret("key"),
                encoding: encoding(&read),
                encrypt: encrypt.transpose()?,
            })
        }
        "generate" => Request::Generate {
            kind: read.named("kind", KeyKind::from_name, KeyKind::Ed25519),
        },
        "convert" => Request::Convert {
            key: read.secret("key"),
            encoding: encoding(&read),
        },
        "decrypt" => Request::Decrypt {
            token: read.text("token"),
            key: read.secret("key"),
            encoding: encoding(&read),
        },
        "verify" => Request::Verify(VerifyRequest {
            alg: read.named("alg", Alg::from_name, Alg::None),
            jwk: read.text("jwk"),
            signing_input: read.bytes("input"),
            signature: read.bytes("signature"),
        }),
        "find-known-secret" => Request::FindKnownSecret(Target::new(
            read.named("hash", Hash::from_name, Hash::Sha256),
            read.bytes("input"),
            read.bytes("signature"),
        )),
        other => return Err(CodecError(format!("unknown request {other:?}"))),
    };
    read.finish(request)
}

impl EncryptRequest {
    /// The nested reader's failure, if any, as this part's.
    fn check(self, read: &Reader<'_>) -> Result<EncryptRequest, CodecError> {
        read.finish(self)
    }
}

pub(super) fn encode_reply(reply: &Reply) -> String {
    let secret = |secret: Option<&SecretText>| optional(secret.map(SecretText::expose));
    match reply {
        Reply::Signed(signed) => tagged(
            "signed",
            object([
                ("token", text(&signed.token)),
                ("verify_key", text(signed.verify_key.expose())),
                ("decrypt_key", secret(signed.decrypt_key.as_ref())),
                ("inner", optional(signed.inner.as_deref())),
            ]),
        ),
        Reply::Forms(forms) => tagged(
            "forms",
            object([
                ("description", text(&forms.description)),
                ("thumbprint", text(&forms.thumbprint)),
                ("alg", optional(forms.alg.as_deref())),
                ("private", Value::Bool(forms.private)),
                ("private_pem", secret(forms.private_pem.as_ref())),
                ("public_pem", optional(forms.public_pem.as_deref())),
                ("private_jwk", secret(forms.private_jwk.as_ref())),
                ("public_jwk", text(forms.public_jwk.expose())),
                ("jwks", text(forms.jwks.expose())),
                ("note", optional(forms.note.as_deref())),
            ]),
        ),
        Reply::Decryption(Decryption::Decrypted(opened)) => tagged(
            "decrypted",
            object([
                ("text", optional(opened.text.as_deref())),
                ("hex", optional(opened.hex.as_deref())),
                ("alg", text(opened.alg.name())),
                ("enc", text(opened.enc.name())),
                ("key_position", count(opened.key_position)),
                ("kid", optional(opened.kid.as_deref())),
                (
                    "inflated_from",
                    opened.inflated_from.map_or(Value::Null, count),
                ),
                (
                    "notes",
                    Value::Array(opened.notes.iter().map(|note| text(note)).collect()),
                ),
            ]),
        ),
        Reply::Decryption(Decryption::Invalid { step }) => {
            tagged("not-decrypted", object([("step", text(step.code()))]))
        }
        Reply::Decryption(Decryption::Refused {
            status,
            code,
            reason,
        }) => tagged(
            "refused",
            object([
                ("status", text(status.as_str())),
                ("code", text(code)),
                ("reason", text(reason)),
            ]),
        ),
        Reply::Verified { answer } => {
            tagged("verified", object([("answer", text(answer.as_str()))]))
        }
        Reply::SecretSearch(report) => match report {
            SearchReport::Searching { fraction } => {
                tagged("searching", object([("fraction", Value::from(*fraction))]))
            }
            SearchReport::Found { secret, tried } => tagged(
                "found",
                object([("secret", text(secret)), ("tried", count(*tried))]),
            ),
            SearchReport::NotFound { tried, millis } => tagged(
                "not-found",
                object([("tried", count(*tried)), ("millis", Value::from(*millis))]),
            ),
            SearchReport::Unavailable { reason } => {
                tagged("unavailable", object([("reason", text(reason))]))
            }
        },
        Reply::Failed { error } => tagged("failed", object([("error", text(error))])),
    }
}

pub(super) fn decode_reply(text: &str) -> Result<Reply, CodecError> {
    let (kind, members) = untag(text)?;
    let read = Reader::new(&members);
    let reply = match kind.as_str() {
        "signed" => Reply::Signed(Signed {
            token: read.text("token"),
            verify_key: read.secret("verify_key"),
            decrypt_key: read.optional_secret("decrypt_key"),
            inner: read.optional_text("inner"),
        }),
        "forms" => Reply::Forms(KeyForms {
            description: read.text("description"),
            thumbprint: read.text("thumbprint"),
            alg: read.optional_text("alg"),
            private: read.flag("private"),
            private_pem: read.optional_secret("private_pem"),
            public_pem: read.optional_text("public_pem"),
            private_jwk: read.optional_secret("private_jwk"),
            public_jwk: read.secret("public_jwk"),
            jwks: read.secret("jwks"),
            note: read.optional_text("note"),
        }),
        "decrypted" => Reply::Decryption(Decryption::Decrypted(Opened {
            text: read.optional_text("text"),
            hex: read.optional_text("hex"),
            alg: read.named("alg", KeyAlg::from_name, KeyAlg::Dir),
            enc: read.named("enc", EncAlg::from_name, EncAlg::ALL[0]),
            key_position: read.count("key_position"),
            kid: read.optional_text("kid"),
            inflated_from: read.optional_count("inflated_from"),
            notes: read.texts("notes"),
        })),
        "not-decrypted" => Reply::Decryption(Decryption::Invalid {
            step: read.named("step", FailedStep::from_code, FailedStep::Tag),
        }),
        "refused" => Reply::Decryption(Decryption::Refused {
            status: read.named("status", Status::from_name, Status::KeyError),
            code: read.text("code"),
            reason: read.text("reason"),
        }),
        "verified" => Reply::Verified {
            answer: read.named(
                "answer",
                PlatformAnswer::from_name,
                PlatformAnswer::CannotRun,
            ),
        },
        "searching" => Reply::SecretSearch(SearchReport::Searching {
            fraction: read.number("fraction"),
        }),
        "found" => Reply::SecretSearch(SearchReport::Found {
            secret: read.text("secret"),
            tried: read.count("tried"),
        }),
        "not-found" => Reply::SecretSearch(SearchReport::NotFound {
            tried: read.count("tried"),
            millis: read.number("millis"),
        }),
        "unavailable" => Reply::SecretSearch(SearchReport::Unavailable {
            reason: read.text("reason"),
        }),
        "failed" => Reply::Failed {
            error: read.text("error"),
        },
        other => return Err(CodecError(format!("unknown reply {other:?}"))),
    };
    read.finish(reply)
}
