//! The protocol's one codec. A message is a JSON array: the kind first, then the members in a
//! fixed order, each a string or null (numbers and flags as text, bytes as base64url, a list
//! as its length and then its items). JSON keeps a message readable in the browser's tools;
//! the positional form keeps the page's copy of this code small (serde's derived visitors
//! would cost the page about 20 KB). Each kind is written and read in one place below, and the
//! tests round-trip every kind.

use std::cell::Cell;

use serde_json::Value;

use super::{
    Attack, CodecError, Decryption, Diagnosis, EncryptRequest, KeyForms, Opened, Reply, Request,
    SearchReport, SelectiveRequest, SignRequest, Signed, VerifyRequest, WordlistReport,
    WordlistRequest, WordlistSource,
};
use crate::jose::alg::{Alg, Hash};
use crate::jose::attacks::AttackKind;
use crate::jose::base64url;
use crate::jose::diagnosis::DiagnosisCode;
use crate::jose::error::Part;
use crate::jose::jwe::alg::{EncAlg, KeyAlg};
use crate::jose::jwe::decrypt::FailedStep;
use crate::jose::key::SecretEncoding;
use crate::jose::keygen::KeyKind;
use crate::jose::known_secrets::Target;
use crate::jose::platform::PlatformAnswer;
use crate::jose::redacted::SecretText;
use crate::jose::sd_jwt::HashAlg;
use crate::jose::status::Status;
use crate::jose::wordlist::Hit;

/// Writes one message.
struct Writer(Vec<Value>);

impl Writer {
    fn new(kind: &str) -> Writer {
        Writer(vec![Value::String(kind.to_owned())])
    }

    fn text(mut self, text: &str) -> Writer {
        self.0.push(Value::String(text.to_owned()));
        self
    }

    fn optional(mut self, text: Option<&str>) -> Writer {
        self.0
            .push(text.map_or(Value::Null, |text| Value::String(text.to_owned())));
        self
    }

    fn secret(self, secret: &SecretText) -> Writer {
        self.text(secret.expose())
    }

    fn optional_secret(self, secret: Option<&SecretText>) -> Writer {
        self.optional(secret.map(SecretText::expose))
    }

    fn bytes(self, bytes: &[u8]) -> Writer {
        self.text(&base64url::encode(bytes))
    }

    fn count(self, count: usize) -> Writer {
        self.text(&count.to_string())
    }

    fn flag(self, flag: bool) -> Writer {
        self.text(if flag { "true" } else { "false" })
    }

    fn texts(self, texts: &[String]) -> Writer {
        texts
            .iter()
            .fold(self.count(texts.len()), |writer, text| writer.text(text))
    }

    fn finish(self) -> String {
        Value::Array(self.0).to_string()
    }
}

/// Reads one message, member by member. A member that does not read is noted and stood in
/// for, and `finish` turns the note into the error: no early return mid-message.
struct Reader {
    items: Vec<Value>,
    next: Cell<usize>,
    failed: Cell<bool>,
}

impl Reader {
    /// The message's kind, and a reader of its members.
    fn open(text: &str) -> Result<(String, Reader), CodecError> {
        let items = match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) => items,
            _ => return Err(CodecError("a message is a JSON array".to_owned())),
        };
        let reader = Reader {
            items,
            next: Cell::new(0),
            failed: Cell::new(false),
        };
        let kind = reader.text();
        Ok((kind, reader))
    }

    /// The message, once every member read and none is left over.
    fn finish<T>(&self, message: T) -> Result<T, CodecError> {
        match self.failed.get() || self.next.get() != self.items.len() {
            false => Ok(message),
            true => Err(CodecError(
                "a member is missing or of the wrong kind".to_owned(),
            )),
        }
    }

    fn optional(&self) -> Option<String> {
        let index = self.next.get();
        self.next.set(index + 1);
        match self.items.get(index) {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Null) => None,
            _ => {
                self.failed.set(true);
                None
            }
        }
    }

    fn text(&self) -> String {
        self.optional().unwrap_or_else(|| {
            self.failed.set(true);
            String::new()
        })
    }

    fn secret(&self) -> SecretText {
        SecretText::new(self.text())
    }

    fn optional_secret(&self) -> Option<SecretText> {
        self.optional().map(SecretText::new)
    }

    /// A member read through one of the core's tables; `otherwise` stands in for a name the
    /// table lacks (and the message fails).
    fn parsed<T>(&self, read: impl Fn(&str) -> Option<T>, otherwise: T) -> T {
        read(&self.text()).unwrap_or_else(|| {
            self.failed.set(true);
            otherwise
        })
    }

    fn count(&self) -> usize {
        self.parsed(|text| text.parse().ok(), 0)
    }

    fn number(&self) -> f64 {
        self.parsed(|text| text.parse().ok(), 0.0)
    }

    fn flag(&self) -> bool {
        self.parsed(|text| text.parse().ok(), false)
    }

    fn bytes(&self) -> Vec<u8> {
        self.parsed(
            |text| base64url::decode_segment(text, Part::Token, 0).ok(),
            Vec::new(),
        )
    }

    fn texts(&self) -> Vec<String> {
        // No more items than the message holds, whatever count it claims.
        let left = self.items.len().saturating_sub(self.next.get() + 1);
        let count = self.count();
        if count > left {
            self.failed.set(true);
        }
        (0..count.min(left)).map(|_| self.text()).collect()
    }
}

pub(super) fn encode_request(request: &Request) -> String {
    match request {
        Request::Sign(sign) => {
            let writer = Writer::new("sign")
                .text(sign.alg.name())
                .text(&sign.header)
                .text(&sign.payload)
                .secret(&sign.key)
                .text(sign.encoding.as_str())
                .flag(sign.allow_weak)
                .flag(sign.selective.is_some());
            let writer = match &sign.selective {
                None => writer,
                Some(selective) => writer
                    .text(&selective.disclosable)
                    .text(&selective.decoys.to_string())
                    .text(selective.sd_alg.name())
                    .text(&selective.holder_jwk)
                    .text(&selective.present)
                    .secret(&selective.holder_key)
                    .text(&selective.aud)
                    .text(&selective.nonce)
                    .text(&selective.iat.to_string()),
            };
            match &sign.encrypt {
                None => writer,
                Some(encrypt) => writer
                    .text(encrypt.alg.name())
                    .text(encrypt.enc.name())
                    .secret(&encrypt.key)
                    .text(encrypt.encoding.as_str()),
            }
        }
        Request::Generate { kind } => Writer::new("generate").text(&kind.name()),
        Request::Convert { key, encoding } => {
            Writer::new("convert").secret(key).text(encoding.as_str())
        }
        Request::Decrypt {
            token,
            key,
            encoding,
        } => Writer::new("decrypt")
            .text(token)
            .secret(key)
            .text(encoding.as_str()),
        Request::Verify(verify) => Writer::new("verify")
            .text(verify.alg.name())
            .text(&verify.jwk)
            .bytes(&verify.signing_input)
            .bytes(&verify.signature),
        Request::Attacks {
            token,
            key,
            encoding,
            url,
        } => Writer::new("attacks")
            .text(token)
            .secret(key)
            .text(encoding.as_str())
            .text(url),
        Request::Diagnose {
            token,
            key,
            encoding,
        } => Writer::new("diagnose")
            .text(token)
            .secret(key)
            .text(encoding.as_str()),
        Request::FindKnownSecret(target) => Writer::new("find-known-secret")
            .text(target.hash().webcrypto_name())
            .bytes(target.signing_input())
            .bytes(target.signature()),
        Request::SearchWordlist(WordlistRequest { target, list }) => {
            let writer = Writer::new("search-wordlist")
                .text(target.hash().webcrypto_name())
                .bytes(target.signing_input())
                .bytes(target.signature());
            match list {
                WordlistSource::Pasted(text) => writer.text("pasted").secret(text),
                WordlistSource::File { name, bytes } => {
                    writer.text("file").text(name).text(&bytes.to_string())
                }
            }
        }
    }
    .finish()
}

pub(super) fn decode_request(text: &str) -> Result<Request, CodecError> {
    let (kind, read) = Reader::open(text)?;
    let encoding = || read.parsed(SecretEncoding::from_name, SecretEncoding::Utf8);
    let request = match kind.as_str() {
        "sign" => {
            let sign = SignRequest {
                alg: read.parsed(Alg::from_name, Alg::None),
                header: read.text(),
                payload: read.text(),
                key: read.secret(),
                encoding: encoding(),
                allow_weak: read.flag(),
                encrypt: None,
                selective: None,
            };
            // A request without the selective-disclosure members is an ordinary one.
            let has_selective = read.next.get() < read.items.len() && read.flag();
            let selective = has_selective.then(|| SelectiveRequest {
                disclosable: read.text(),
                decoys: read.parsed(|text| text.parse().ok(), 0),
                sd_alg: read.parsed(HashAlg::from_name, HashAlg::Sha256),
                holder_jwk: read.text(),
                present: read.text(),
                holder_key: read.secret(),
                aud: read.text(),
                nonce: read.text(),
                iat: read.parsed(|text| text.parse().ok(), 0),
            });
            // The encryption members follow when the token is to be encrypted.
            let encrypt = (read.next.get() < read.items.len()).then(|| EncryptRequest {
                alg: read.parsed(KeyAlg::from_name, KeyAlg::Dir),
                enc: read.parsed(EncAlg::from_name, EncAlg::ALL[0]),
                key: read.secret(),
                encoding: encoding(),
            });
            Request::Sign(SignRequest {
                encrypt,
                selective,
                ..sign
            })
        }
        "generate" => Request::Generate {
            kind: read.parsed(KeyKind::from_name, KeyKind::Ed25519),
        },
        "convert" => Request::Convert {
            key: read.secret(),
            encoding: encoding(),
        },
        "decrypt" => Request::Decrypt {
            token: read.text(),
            key: read.secret(),
            encoding: encoding(),
        },
        "verify" => Request::Verify(VerifyRequest {
            alg: read.parsed(Alg::from_name, Alg::None),
            jwk: read.text(),
            signing_input: read.bytes(),
            signature: read.bytes(),
        }),
        "attacks" => Request::Attacks {
            token: read.text(),
            key: read.secret(),
            encoding: encoding(),
            url: read.text(),
        },
        "diagnose" => Request::Diagnose {
            token: read.text(),
            key: read.secret(),
            encoding: encoding(),
        },
        "find-known-secret" => Request::FindKnownSecret(Target::new(
            read.parsed(Hash::from_name, Hash::Sha256),
            read.bytes(),
            read.bytes(),
        )),
        "search-wordlist" => {
            let target = Target::new(
                read.parsed(Hash::from_name, Hash::Sha256),
                read.bytes(),
                read.bytes(),
            );
            let list = match read.text().as_str() {
                "pasted" => WordlistSource::Pasted(read.secret()),
                _ => WordlistSource::File {
                    name: read.text(),
                    bytes: read.parsed(|text| text.parse().ok(), 0),
                },
            };
            Request::SearchWordlist(WordlistRequest { target, list })
        }
        other => return Err(CodecError(format!("unknown request {other:?}"))),
    };
    read.finish(request)
}

pub(super) fn encode_reply(reply: &Reply) -> String {
    match reply {
        Reply::Signed(signed) => Writer::new("signed")
            .text(&signed.token)
            .secret(&signed.verify_key)
            .optional_secret(signed.decrypt_key.as_ref())
            .optional(signed.inner.as_deref()),
        Reply::Forms(forms) => Writer::new("forms")
            .text(&forms.description)
            .text(&forms.thumbprint)
            .optional(forms.alg.as_deref())
            .flag(forms.private)
            .optional_secret(forms.private_pem.as_ref())
            .optional(forms.public_pem.as_deref())
            .optional_secret(forms.private_jwk.as_ref())
            .secret(&forms.public_jwk)
            .secret(&forms.jwks)
            .optional(forms.note.as_deref()),
        Reply::Decryption(Decryption::Decrypted(opened)) => Writer::new("decrypted")
            .optional(opened.text.as_deref())
            .optional(opened.hex.as_deref())
            .text(opened.alg.name())
            .text(opened.enc.name())
            .count(opened.key_position)
            .optional(opened.kid.as_deref())
            .count(opened.inflated_from.unwrap_or(0))
            .texts(&opened.notes),
        Reply::Decryption(Decryption::Invalid { step }) => {
            Writer::new("not-decrypted").text(step.code())
        }
        Reply::Decryption(Decryption::Refused {
            status,
            code,
            reason,
        }) => Writer::new("refused")
            .text(status.as_str())
            .text(code)
            .text(reason),
        Reply::Verified { answer } => Writer::new("verified").text(answer.as_str()),
        Reply::SecretSearch(SearchReport::Searching { fraction }) => {
            Writer::new("searching").text(&fraction.to_string())
        }
        Reply::SecretSearch(SearchReport::Found { secret, tried }) => {
            Writer::new("found").text(secret).count(*tried)
        }
        Reply::SecretSearch(SearchReport::NotFound { tried, millis }) => Writer::new("not-found")
            .count(*tried)
            .text(&millis.to_string()),
        Reply::SecretSearch(SearchReport::Unavailable { reason }) => {
            Writer::new("unavailable").text(reason)
        }
        Reply::Attacks(attacks) => Writer::new("attack-lab").texts(
            &attacks
                .iter()
                .flat_map(|a| {
                    [
                        a.kind.as_str().to_owned(),
                        a.variant.clone(),
                        a.token.clone(),
                        a.host.clone().unwrap_or_default(),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Reply::Diagnosed(found) => Writer::new("diagnosed").texts(
            &found
                .iter()
                .flat_map(|d| [d.code.as_str().to_owned(), d.detail.clone()])
                .collect::<Vec<_>>(),
        ),
        Reply::WordlistSearch(WordlistReport::Searching { fraction, tried }) => {
            Writer::new("wordlist-searching")
                .text(&fraction.to_string())
                .count(*tried)
        }
        Reply::WordlistSearch(WordlistReport::Found { hit, tried, millis }) => {
            Writer::new("wordlist-found")
                .text(&hit.shown)
                .count(hit.line)
                .count(*tried)
                .text(&millis.to_string())
        }
        Reply::WordlistSearch(WordlistReport::NotFound {
            tried,
            millis,
            too_long,
            not_utf8,
        }) => Writer::new("wordlist-not-found")
            .count(*tried)
            .text(&millis.to_string())
            .count(*too_long)
            .count(*not_utf8),
        Reply::WordlistSearch(WordlistReport::Unavailable { reason }) => {
            Writer::new("wordlist-unavailable").text(reason)
        }
        Reply::Failed { error } => Writer::new("failed").text(error),
    }
    .finish()
}

pub(super) fn decode_reply(text: &str) -> Result<Reply, CodecError> {
    let (kind, read) = Reader::open(text)?;
    let reply = match kind.as_str() {
        "signed" => Reply::Signed(Signed {
            token: read.text(),
            verify_key: read.secret(),
            decrypt_key: read.optional_secret(),
            inner: read.optional(),
        }),
        "forms" => Reply::Forms(KeyForms {
            description: read.text(),
            thumbprint: read.text(),
            alg: read.optional(),
            private: read.flag(),
            private_pem: read.optional_secret(),
            public_pem: read.optional(),
            private_jwk: read.optional_secret(),
            public_jwk: read.secret(),
            jwks: read.secret(),
            note: read.optional(),
        }),
        "decrypted" => Reply::Decryption(Decryption::Decrypted(Opened {
            text: read.optional(),
            hex: read.optional(),
            alg: read.parsed(KeyAlg::from_name, KeyAlg::Dir),
            enc: read.parsed(EncAlg::from_name, EncAlg::ALL[0]),
            key_position: read.count(),
            kid: read.optional(),
            // Zero stands for "not inflated": no token inflates from zero bytes.
            inflated_from: Some(read.count()).filter(|from| *from > 0),
            notes: read.texts(),
        })),
        "not-decrypted" => Reply::Decryption(Decryption::Invalid {
            step: read.parsed(FailedStep::from_code, FailedStep::Tag),
        }),
        "refused" => Reply::Decryption(Decryption::Refused {
            status: read.parsed(Status::from_name, Status::KeyError),
            code: read.text(),
            reason: read.text(),
        }),
        "verified" => Reply::Verified {
            answer: read.parsed(PlatformAnswer::from_name, PlatformAnswer::CannotRun),
        },
        "searching" => Reply::SecretSearch(SearchReport::Searching {
            fraction: read.number(),
        }),
        "found" => Reply::SecretSearch(SearchReport::Found {
            secret: read.text(),
            tried: read.count(),
        }),
        "not-found" => Reply::SecretSearch(SearchReport::NotFound {
            tried: read.count(),
            millis: read.number(),
        }),
        "unavailable" => Reply::SecretSearch(SearchReport::Unavailable {
            reason: read.text(),
        }),
        "attack-lab" => {
            let texts = read.texts();
            let attacks = texts
                .chunks(4)
                .filter_map(|four| match four {
                    [kind, variant, token, host] => Some(Attack {
                        kind: AttackKind::from_name(kind)?,
                        variant: variant.clone(),
                        token: token.clone(),
                        host: Some(host.clone()).filter(|host| !host.is_empty()),
                    }),
                    _ => None,
                })
                .collect();
            Reply::Attacks(attacks)
        }
        "diagnosed" => {
            let texts = read.texts();
            let found = texts
                .chunks(2)
                .filter_map(|pair| match pair {
                    [code, detail] => Some(Diagnosis {
                        code: DiagnosisCode::from_name(code)?,
                        detail: detail.clone(),
                    }),
                    _ => None,
                })
                .collect();
            Reply::Diagnosed(found)
        }
        "wordlist-searching" => Reply::WordlistSearch(WordlistReport::Searching {
            fraction: read.number(),
            tried: read.count(),
        }),
        "wordlist-found" => Reply::WordlistSearch(WordlistReport::Found {
            hit: Hit {
                shown: read.text(),
                line: read.count(),
            },
            tried: read.count(),
            millis: read.number(),
        }),
        "wordlist-not-found" => Reply::WordlistSearch(WordlistReport::NotFound {
            tried: read.count(),
            millis: read.number(),
            too_long: read.count(),
            not_utf8: read.count(),
        }),
        "wordlist-unavailable" => Reply::WordlistSearch(WordlistReport::Unavailable {
            reason: read.text(),
        }),
        "failed" => Reply::Failed { error: read.text() },
        other => return Err(CodecError(format!("unknown reply {other:?}"))),
    };
    read.finish(reply)
}
