//! The encoder's part of the app state: what the user typed, whether it reads, and the token
//! the workshop worker signed for it.

use crate::jose::alg::Alg;
use crate::jose::claims::{describe_claim, Described};
use crate::jose::json_text::{compact, member_names, object_error, string_member, with_member};
use crate::jose::jwe::alg::{AesSize, EncAlg, KeyAlg, OaepHash};
use crate::jose::key::SecretEncoding;
use crate::jose::protocol::{
    EncryptRequest, Reply, Request, SelectiveRequest, SignRequest, Signed,
};
use crate::jose::redacted::SecretText;
use crate::jose::sd_jwt::HashAlg;

use super::generation::Generation;

/// The encoder's inputs and its latest output.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoder {
    pub header: String,
    pub payload: String,
    pub alg: Alg,
    pub key: SecretText,
    pub encoding: SecretEncoding,
    /// Sign with a short HMAC secret or RSA under 2048 bits anyway (off by default).
    pub allow_weak: bool,
    /// Whether and how the signed token is then encrypted (a nested JWT).
    pub encryption: Encryption,
    /// Whether the token is issued as an SD-JWT, and how.
    pub selective: Selective,
    /// The time of the last edit, Unix seconds: a key binding JWT's `iat`.
    pub now: i64,
    /// Counts changes, so an answer for older inputs is dropped.
    pub generation: Generation,
    pub output: Output,
}

/// The encoder's encryption choices.
#[derive(Clone, Debug, PartialEq)]
pub struct Encryption {
    pub on: bool,
    pub alg: KeyAlg,
    pub enc: EncAlg,
    /// The recipient's key: a public or private key, a shared secret or a password.
    pub key: SecretText,
    pub encoding: SecretEncoding,
}

impl Default for Encryption {
    fn default() -> Encryption {
        Encryption {
            on: false,
            alg: KeyAlg::RsaOaep(OaepHash::Sha256),
            enc: EncAlg::AesGcm(AesSize::Aes256),
            key: SecretText::default(),
            encoding: SecretEncoding::default(),
        }
    }
}

/// The encoder's selective-disclosure choices (an SD-JWT, RFC 9901).
#[derive(Clone, Debug, PartialEq)]
pub struct Selective {
    pub on: bool,
    /// One claim path per line: `given_name`, `address.street_address`, `nationalities[1]`.
    pub paths: String,
    pub decoys: usize,
    pub sd_alg: HashAlg,
    /// The holder's public JWK, for `cnf` (key binding); empty for none.
    pub holder_jwk: String,
    /// The claims to present, one path per line; empty presents them all.
    pub present: String,
    /// The holder's private key: `cnf` is its public half, and it signs a key binding JWT.
    pub holder_key: SecretText,
    pub aud: String,
    pub nonce: String,
}

impl Default for Selective {
    fn default() -> Selective {
        Selective {
            on: false,
            paths: String::new(),
            decoys: 0,
            sd_alg: HashAlg::Sha256,
            holder_jwk: String::new(),
            present: String::new(),
            holder_key: SecretText::default(),
            aud: String::new(),
            nonce: String::new(),
        }
    }
}

/// What the encoder shows under its inputs.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Waiting for a key.
    NoKey,
    /// Waiting for the recipient's key to encrypt to.
    NoRecipient,
    /// The header or payload does not read; the message says where.
    Invalid(String),
    Signing,
    Signed(Signed),
    /// The key cannot sign this, or the signing was refused, and why.
    Refused(String),
}

/// One change the user made in the encoder.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Header(String),
    Payload(String),
    Alg(Alg),
    Key(SecretText),
    Encoding(SecretEncoding),
    /// Allows (or refuses again) weak keys.
    AllowWeak(bool),
    /// Sets a time claim (`iat`, `nbf`, `exp`) in the payload to this NumericDate.
    Time {
        claim: &'static str,
        at: i64,
    },
    Encrypt(bool),
    JweAlg(KeyAlg),
    JweEnc(EncAlg),
    JweKey(SecretText),
    JweEncoding(SecretEncoding),
    /// Issue as an SD-JWT, or not; and its choices.
    Selective(bool),
    SdPaths(String),
    SdDecoys(usize),
    SdAlg(HashAlg),
    SdHolder(String),
    SdPresent(String),
    SdHolderKey(SecretText),
    SdAud(String),
    SdNonce(String),
}

impl Default for Encoder {
    fn default() -> Encoder {
        let mut encoder = Encoder {
            header: "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}".to_owned(),
            payload: "{\n  \"sub\": \"1234567890\",\n  \"name\": \"John Doe\"\n}".to_owned(),
            alg: Alg::HS256,
            key: SecretText::default(),
            encoding: SecretEncoding::default(),
            allow_weak: false,
            encryption: Encryption::default(),
            selective: Selective::default(),
            now: 0,
            generation: Generation::default(),
            output: Output::NoKey,
        };
        encoder.refresh();
        encoder
    }
}

impl Encoder {
    /// Applies an edit; choosing an algorithm rewrites the header's `alg`, and a header naming a
    /// known `alg` chooses it.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Header(header) => {
                if let Some(alg) = header_alg(&header) {
                    self.alg = alg;
                }
                self.header = header;
            }
            Edit::Payload(payload) => self.payload = payload,
            Edit::Alg(alg) => {
                self.alg = alg;
                if let Some(header) = with_member(&self.header, "alg", alg.name()) {
                    self.header = header;
                }
            }
            Edit::Encrypt(on) => self.encryption.on = on,
            Edit::JweAlg(alg) => self.encryption.alg = alg,
            Edit::JweEnc(enc) => self.encryption.enc = enc,
            Edit::JweKey(key) => self.encryption.key = key,
            Edit::JweEncoding(encoding) => self.encryption.encoding = encoding,
            Edit::Time { claim, at } => {
                if let Some(payload) = with_member(&self.payload, claim, at) {
                    self.payload = payload;
                }
            }
            Edit::Key(key) => self.key = key,
            Edit::Encoding(encoding) => self.encoding = encoding,
            Edit::AllowWeak(allow) => self.allow_weak = allow,
            Edit::Selective(on) => self.selective.on = on,
            Edit::SdPaths(paths) => self.selective.paths = paths,
            Edit::SdDecoys(decoys) => self.selective.decoys = decoys,
            Edit::SdAlg(alg) => self.selective.sd_alg = alg,
            Edit::SdHolder(jwk) => self.selective.holder_jwk = jwk,
            Edit::SdPresent(paths) => self.selective.present = paths,
            Edit::SdHolderKey(key) => self.selective.holder_key = key,
            Edit::SdAud(aud) => self.selective.aud = aud,
            Edit::SdNonce(nonce) => self.selective.nonce = nonce,
        }
        self.refresh();
    }

    /// The request for the worker, when the inputs can be signed.
    pub fn request(&self) -> Option<Request> {
        matches!(self.output, Output::Signing).then(|| {
            let encrypt = self.encryption.on.then(|| EncryptRequest {
                alg: self.encryption.alg,
                enc: self.encryption.enc,
                key: self.encryption.key.clone(),
                encoding: self.encryption.encoding,
            });
            Request::Sign(SignRequest {
                alg: self.alg,
                header: compact(&self.header),
                payload: compact(&self.payload),
                key: self.key.clone(),
                encoding: self.encoding,
                allow_weak: self.allow_weak,
                encrypt,
                selective: self.selective.on.then(|| SelectiveRequest {
                    disclosable: self.selective.paths.clone(),
                    decoys: self.selective.decoys,
                    sd_alg: self.selective.sd_alg,
                    holder_jwk: self.selective.holder_jwk.clone(),
                    present: self.selective.present.clone(),
                    holder_key: self.selective.holder_key.clone(),
                    aud: self.selective.aud.clone(),
                    nonce: self.selective.nonce.clone(),
                    iat: self.now,
                }),
            })
        })
    }

    /// The payload's registered and common claims with their meaning, as hints.
    pub fn claim_hints(&self) -> Vec<(String, Described)> {
        member_names(&self.payload)
            .into_iter()
            .filter_map(|name| describe_claim(&name).map(|described| (name, described)))
            .collect()
    }

    /// Takes the worker's answer for `generation`; an older one is ignored.
    pub fn answered(&mut self, generation: Generation, answer: Reply) {
        if !self.generation.is_current(generation) {
            return;
        }
        self.output = match answer {
            Reply::Signed(signed) => Output::Signed(signed),
            other => Output::Refused(other.into_failure()),
        };
    }

    fn refresh(&mut self) {
        self.generation.bump();
        self.output = match (
            object_error("header", &self.header),
            object_error("payload", &self.payload),
        ) {
            (Some(error), _) | (None, Some(error)) => Output::Invalid(error),
            (None, None) if self.key.is_empty() => Output::NoKey,
            (None, None) if self.encryption.on && self.encryption.key.is_empty() => {
                Output::NoRecipient
            }
            (None, None) => Output::Signing,
        };
    }
}

fn header_alg(header: &str) -> Option<Alg> {
    Alg::from_name(&string_member(header, "alg")?)
}
