//! The page ↔ worker protocol: every request the page sends to a worker and every reply, as two
//! enums with one codec (JSON text, so a message is readable in the browser's tools). Both sides
//! use these types, so they cannot drift; `jose::workshop` answers them.

mod codec;

use super::alg::Alg;
pub use super::attacks::Attack;
pub use super::diagnosis::Diagnosis;
use super::jwe::alg::{EncAlg, KeyAlg};
use super::jwe::decrypt::FailedStep;
use super::key::SecretEncoding;
use super::keygen::KeyKind;
pub use super::known_secrets::SearchReport;
use super::known_secrets::Target;
use super::platform::PlatformAnswer;
use super::redacted::SecretText;
use super::sd_jwt::HashAlg;
use super::status::Status;
use super::wordlist::ListName;
pub use super::wordlist::WordlistReport;

/// What the page asks a worker to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Sign the encoder's header and payload, and encrypt the result when asked.
    Sign(SignRequest),
    /// Make a new key of this kind.
    Generate { kind: KeyKind },
    /// Write a pasted key (PEM, JWK, JWK Set or secret) in every form it has.
    Convert {
        key: SecretText,
        encoding: SecretEncoding,
    },
    /// Decrypt a JWE (compact or JSON) with the key box's keys.
    Decrypt {
        token: String,
        key: SecretText,
        encoding: SecretEncoding,
    },
    /// Run a signature check that WebCrypto could not (it refused the key).
    Verify(VerifyRequest),
    /// Search the public list of known secrets for an HS token's secret.
    FindKnownSecret(Target),
    /// Make the attack lab's tokens from a token and the key box (`jose::attacks`); `url` is
    /// where the tester hosts the jku/x5u content.
    Attacks {
        token: String,
        key: SecretText,
        encoding: SecretEncoding,
        url: String,
    },
    /// Look for why a token's signature does not match the key box (`jose::diagnosis`).
    Diagnose {
        token: String,
        key: SecretText,
        encoding: SecretEncoding,
    },
    /// Search the user's own wordlist for an HS token's secret.
    SearchWordlist(WordlistRequest),
}

/// A wordlist search: the token's signature, and the list.
#[derive(Clone, Debug, PartialEq)]
pub struct WordlistRequest {
    pub target: Target,
    pub list: WordlistSource,
}

/// The user's list: pasted text travels in the request; a file travels beside it (posted as
/// the browser's `File`, which the worker reads in chunks), so only its name and size are here.
#[derive(Clone, Debug, PartialEq)]
pub enum WordlistSource {
    Pasted(SecretText),
    File { name: String, bytes: u64 },
}

impl WordlistSource {
    /// The list's name, as the page and the finding say it.
    pub fn name(&self) -> ListName {
        match self {
            WordlistSource::Pasted(_) => ListName::Pasted,
            WordlistSource::File { name, .. } => ListName::File(name.clone()),
        }
    }
}

/// The encoder's inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct SignRequest {
    pub alg: Alg,
    /// The header and payload JSON, compacted, member order and number text kept.
    pub header: String,
    pub payload: String,
    pub key: SecretText,
    pub encoding: SecretEncoding,
    /// Sign with a short HMAC secret or RSA under 2048 bits anyway (to test a verifier); what
    /// cannot work at all is still refused.
    pub allow_weak: bool,
    /// Encrypt the signed token for a recipient (a nested JWT).
    pub encrypt: Option<EncryptRequest>,
    /// Issue it as an SD-JWT (RFC 9901) with these claims selectively disclosable.
    pub selective: Option<SelectiveRequest>,
}

/// The encoder's selective-disclosure choices: which claims become disclosures, how many
/// decoy digests, the digest hash, and the holder's public JWK for `cnf`.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectiveRequest {
    /// One claim path per line (`address.street_address`, `nationalities[1]`).
    pub disclosable: String,
    pub decoys: usize,
    pub sd_alg: HashAlg,
    /// A public JWK, or empty for no key binding.
    pub holder_jwk: String,
    /// The claims to present, one path per line; empty presents them all (the issuance).
    pub present: String,
    /// The holder's private key: its public half becomes `cnf`, and it signs a key binding JWT
    /// over the presentation. Empty for none.
    pub holder_key: SecretText,
    /// The key binding JWT's `aud`, `nonce` and `iat` (Unix seconds).
    pub aud: String,
    pub nonce: String,
    pub iat: i64,
}

/// The encoder's encryption choices.
#[derive(Clone, Debug, PartialEq)]
pub struct EncryptRequest {
    pub alg: KeyAlg,
    pub enc: EncAlg,
    /// The recipient's public or private key, shared secret or password.
    pub key: SecretText,
    pub encoding: SecretEncoding,
}

/// One signature check, its bytes as base64url on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyRequest {
    pub alg: Alg,
    /// The public key as a JWK.
    pub jwk: String,
    /// The received `header.payload` bytes (`input` on the wire).
    pub signing_input: Vec<u8>,
    pub signature: Vec<u8>,
}

/// What a worker answers; `Failed` when the request could not be carried out.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Signed(Signed),
    /// A generated or converted key in every form.
    Forms(KeyForms),
    Decryption(Decryption),
    Verified {
        answer: PlatformAnswer,
    },
    /// Progress or the result of a known-secret search; a search sends several.
    SecretSearch(SearchReport),
    /// The attack lab's tokens.
    Attacks(Vec<Attack>),
    /// What would have made a failed signature match; empty when it matches as it is.
    Diagnosed(Vec<Diagnosis>),
    /// Progress or the result of a wordlist search; a search sends several.
    WordlistSearch(WordlistReport),
    Failed {
        error: String,
    },
}

/// The encoder's token, and what the decoder needs to check it.
#[derive(Clone, Debug, PartialEq)]
pub struct Signed {
    /// The signed token, or the JWE that carries it.
    pub token: String,
    /// The public PEM, or for a secret its JWK: what verifies the signed token.
    pub verify_key: SecretText,
    /// For an encrypted token: the key that decrypts it, when the recipient key given can (a
    /// public key cannot).
    pub decrypt_key: Option<SecretText>,
    /// For an encrypted token: the signed token inside.
    pub inner: Option<String>,
}

/// A key in every form the worker wrote it in.
#[derive(Clone, Default, PartialEq)]
pub struct KeyForms {
    /// "RSA 2048-bit public key", "EC P-256 public key", "secret of 32 bytes" …
    pub description: String,
    /// RFC 7638 SHA-256 thumbprint.
    pub thumbprint: String,
    pub alg: Option<String>,
    /// Whether the private half is known (a secret always is).
    pub private: bool,
    pub private_pem: Option<SecretText>,
    pub public_pem: Option<String>,
    /// Pretty-printed JWKs and a one-key JWK Set; for a secret, the "public" JWK holds it too.
    pub private_jwk: Option<SecretText>,
    pub public_jwk: SecretText,
    pub jwks: SecretText,
    /// What the reader should know, e.g. that only the first key of a set was converted.
    pub note: Option<String>,
}

impl std::fmt::Debug for KeyForms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyForms")
            .field("description", &self.description)
            .field("thumbprint", &self.thumbprint)
            .field("alg", &self.alg)
            .field("private", &self.private)
            .finish_non_exhaustive()
    }
}

impl KeyForms {
    /// The key as the encoder takes it: the private PEM, or the private JWK (for a secret).
    pub fn signing_key(&self) -> Option<&SecretText> {
        self.private_pem.as_ref().or(self.private_jwk.as_ref())
    }
}

/// A JWE decryption's verdict.
#[derive(Clone, Debug, PartialEq)]
pub enum Decryption {
    Decrypted(Opened),
    /// No key opened the token; where the last try stopped.
    Invalid {
        step: FailedStep,
    },
    /// The token or key could not be used: the status, the error's code and the reason.
    Refused {
        status: Status,
        code: String,
        reason: String,
    },
}

/// A decrypted token and how it was opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The plaintext as text, or as hex when it is not UTF-8.
    pub text: Option<String>,
    pub hex: Option<String>,
    pub alg: KeyAlg,
    pub enc: EncAlg,
    /// 1-based position of the key in the key box, and its `kid`.
    pub key_position: usize,
    pub kid: Option<String>,
    /// The compressed size, when `zip: DEF` was inflated.
    pub inflated_from: Option<usize>,
    pub notes: Vec<String>,
}

/// Why a message could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecError(pub String);

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the message could not be read: {}", self.0)
    }
}

impl Request {
    /// The request as the text posted to the worker.
    pub fn encode(&self) -> String {
        codec::encode_request(self)
    }

    /// Reads a request posted by the page.
    pub fn decode(text: &str) -> Result<Request, CodecError> {
        codec::decode_request(text)
    }
}

impl Reply {
    /// Whether this is a search's progress report, which a final reply follows.
    pub fn is_progress(&self) -> bool {
        match self {
            Reply::SecretSearch(report) => !report.is_final(),
            Reply::WordlistSearch(report) => !report.is_final(),
            _ => false,
        }
    }

    /// Why this reply is not the one asked for: the worker's failure, or that it answered
    /// another question.
    pub fn into_failure(self) -> String {
        match self {
            Reply::Failed { error } => error,
            _ => "the worker answered another question".to_owned(),
        }
    }

    /// The reply as the text posted back to the page.
    pub fn encode(&self) -> String {
        codec::encode_reply(self)
    }

    /// Reads a worker's reply.
    pub fn decode(text: &str) -> Result<Reply, CodecError> {
        codec::decode_reply(text)
    }
}
