//! The core's one error type: each variant names the part and the step that failed.

use std::fmt;

/// Which part of what the user gave an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Token,
    Header,
    Payload,
    Signature,
    Key,
    /// The parts of an encrypted token (JWE).
    EncryptedKey,
    Iv,
    Ciphertext,
    Tag,
}

impl Part {
    /// Stable lower-case name, used by the page's `data-part` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Token => "token",
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::Key => "key",
            Part::EncryptedKey => "encrypted-key",
            Part::Iv => "iv",
            Part::Ciphertext => "ciphertext",
            Part::Tag => "tag",
        }
    }
}

/// What exactly is wrong with a base64url segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base64Problem {
    /// A character outside the base64url alphabet.
    InvalidCharacter(char),
    /// A length no base64 encoding can have (one character left over).
    InvalidLength,
    /// The last character carries bits that must be zero: not the canonical encoding.
    NonZeroTrailingBits(char),
}

/// Everything that can go wrong in the core, by part and step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The token has the wrong number of dot-separated segments.
    SegmentCount { found: usize },
    /// A segment is not base64url; `offset` is the byte offset inside the segment,
    /// `column` the 1-based column in the whole token.
    Base64 {
        part: Part,
        offset: usize,
        column: usize,
        problem: Base64Problem,
    },
    /// The decoded bytes are not UTF-8; `offset` is where the first bad byte is.
    Utf8 { part: Part, offset: usize },
    /// The decoded text is not JSON.
    Json {
        part: Part,
        line: usize,
        column: usize,
        message: String,
    },
    /// The decoded JSON is valid but not an object.
    NotObject { part: Part, found: &'static str },
    /// The header has no `alg`, or it is not a string.
    MissingAlg,
    /// The header names an algorithm that is not in this page's table.
    UnsupportedAlg { alg: String },
    /// `alg: none`: an unsecured token, which proves nothing.
    AlgNone,
    /// The token is a JWE (five segments): it is decrypted, not verified as a signature.
    EncryptedToken,
    /// The secret is not valid in the chosen encoding.
    SecretEncoding {
        encoding: &'static str,
        offset: usize,
        detail: String,
    },
    /// The secret decodes to zero bytes.
    EmptySecret,
    /// The key box holds a key in a known format that cannot be read or used.
    KeyFormat {
        format: &'static str,
        detail: String,
    },
    /// The key is of the wrong type for the token's algorithm.
    KeyMismatch {
        alg: &'static str,
        expected: String,
        found: String,
    },
    /// The token names a `kid` the key set does not have.
    NoKeyWithKid { kid: String, available: Vec<String> },
    /// No key in the set has the type the token's algorithm needs.
    NoFittingKey {
        alg: &'static str,
        expected: String,
        available: Vec<String>,
    },
    /// The encoder will not make this token (an unsecured one, or one with a weak key).
    SigningRefused { reason: String },
    /// The encoder will not encrypt for this recipient with these algorithms.
    EncryptionRefused { reason: String },
    /// A new key could not be made.
    KeyGeneration { reason: String },
    /// The platform gave no randomness for `purpose` (a key, a salt, an IV).
    NoRandomness {
        purpose: &'static str,
        detail: String,
    },
    /// The check could not run: the browser's WebCrypto refused the key and the worker that
    /// would run it instead was not available.
    Unverifiable { alg: &'static str },
    /// An encrypted token's structure is broken (a missing or extra part, JSON without
    /// `ciphertext` …).
    JweStructure { detail: String },
    /// An encrypted token's header lacks or garbles what its algorithms need (`enc`, `epk`,
    /// `p2s`, `iv` …).
    JweHeader { detail: String },
    /// A JWS JSON serialization's structure is broken (no payload, a signature without its
    /// members, a header member in both the protected and unprotected header …).
    JwsJsonStructure { detail: String },
    /// The token's content is detached (an empty payload segment, or JSON without `payload`)
    /// and the payload box is empty.
    DetachedPayloadMissing,
    /// The payload box's content cannot be used as the payload (not base64url, …).
    GivenPayload { detail: String },
    /// The text is not an SD-JWT (RFC 9901): no `~`, or an issuer part that is not a signed JWT.
    SdJwtStructure { detail: String },
    /// The SD-JWT cannot be issued or presented as asked (a path to no claim, a reserved name,
    /// a presentation that already ends in a KB-JWT …).
    SdJwtIssuance { detail: String },
}

impl Error {
    /// A short stable code for the UI and tests to match on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::SegmentCount { .. } => "segment-count",
            Error::Base64 { .. } => "base64url",
            Error::Utf8 { .. } => "utf8",
            Error::Json { .. } => "json",
            Error::NotObject { .. } => "not-object",
            Error::MissingAlg => "missing-alg",
            Error::UnsupportedAlg { .. } => "unsupported-alg",
            Error::AlgNone => "alg-none",
            Error::EncryptedToken => "encrypted-token",
            Error::SecretEncoding { .. } => "secret-encoding",
            Error::EmptySecret => "empty-secret",
            Error::KeyFormat { .. } => "key-format",
            Error::KeyMismatch { .. } => "key-mismatch",
            Error::NoKeyWithKid { .. } => "no-key-with-kid",
            Error::NoFittingKey { .. } => "no-fitting-key",
            Error::SigningRefused { .. } => "signing-refused",
            Error::EncryptionRefused { .. } => "encryption-refused",
            Error::KeyGeneration { .. } => "key-generation",
            Error::NoRandomness { .. } => "no-randomness",
            Error::Unverifiable { .. } => "unverifiable",
            Error::JweStructure { .. } => "jwe-structure",
            Error::JwsJsonStructure { .. } => "jws-json-structure",
            Error::DetachedPayloadMissing => "detached-payload-missing",
            Error::GivenPayload { .. } => "given-payload",
            Error::JweHeader { .. } => "jwe-header",
            Error::SdJwtStructure { .. } => "sd-jwt-structure",
            Error::SdJwtIssuance { .. } => "sd-jwt-issuance",
        }
    }

    /// Which part of the input is at fault.
    pub fn part(&self) -> Part {
        match self {
            Error::SegmentCount { .. }
            | Error::EncryptedToken
            | Error::JweStructure { .. }
            | Error::JwsJsonStructure { .. }
            | Error::SdJwtStructure { .. } => Part::Token,
            Error::DetachedPayloadMissing
            | Error::GivenPayload { .. }
            | Error::SdJwtIssuance { .. } => Part::Payload,
            Error::Base64 { part, .. }
            | Error::Utf8 { part, .. }
            | Error::Json { part, .. }
            | Error::NotObject { part, .. } => *part,
            Error::MissingAlg
            | Error::UnsupportedAlg { .. }
            | Error::AlgNone
            | Error::JweHeader { .. } => Part::Header,
            Error::SecretEncoding { .. }
            | Error::EmptySecret
            | Error::KeyFormat { .. }
            | Error::KeyMismatch { .. }
            | Error::NoKeyWithKid { .. }
            | Error::NoFittingKey { .. }
            | Error::SigningRefused { .. }
            | Error::EncryptionRefused { .. }
            | Error::KeyGeneration { .. }
            | Error::NoRandomness { .. }
            | Error::Unverifiable { .. } => Part::Key,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::SegmentCount { found } => write!(
                f,
                "The token has {found} segment{} separated by dots; a signed token (JWS) has 3 and an encrypted one (JWE) has 5.",
                if *found == 1 { "" } else { "s" }
            ),
            Error::Base64 { part, offset, column, problem } => {
                let part = part.as_str();
                match problem {
                    Base64Problem::InvalidCharacter(c) => {
                        let hint = match c {
                            '+' | '/' => " (that is standard base64; base64url uses '-' and '_')",
                            '=' => " (base64url in JOSE carries no '=' padding)",
                            c if c.is_whitespace() => " (whitespace inside the token)",
                            _ => "",
                        };
                        write!(
                            f,
                            "The {part} is not valid base64url: character {c:?} at byte {offset} of the {part} (column {column} of the token){hint}."
                        )
                    }
                    Base64Problem::NonZeroTrailingBits(c) => write!(
                        f,
                        "The {part} is not canonical base64url: its last character {c:?} (column {column} of the token) carries bits that must be zero."
                    ),
                    Base64Problem::InvalidLength => write!(
                        f,
                        "The {part} is not valid base64url: its length leaves one character over (column {column} of the token); a character is missing or extra."
                    ),
                }
            }
            Error::Utf8 { part, offset } => write!(
                f,
                "The {} is not UTF-8 text: invalid byte at offset {offset} of the decoded bytes.",
                part.as_str()
            ),
            Error::Json { part, line, column, message } => write!(
                f,
                "The {} is not valid JSON: {message} at line {line}, column {column}.",
                part.as_str()
            ),
            Error::NotObject { part, found } => write!(
                f,
                "The {} is JSON but not an object: it is {found}.",
                part.as_str()
            ),
            Error::MissingAlg => write!(f, "The header has no \"alg\" string, so there is no way to know how the token was signed."),
            Error::UnsupportedAlg { alg } => write!(f, "The algorithm {alg:?} is not a JWS algorithm this page knows."),
            Error::AlgNone => write!(
                f,
                "\"alg\": \"none\" means the token is unsecured: anyone can write it, so there is nothing to verify and it proves nothing."
            ),
            Error::EncryptedToken => write!(f, "This is an encrypted token (JWE, 5 segments): it is decrypted, not verified."),
            Error::SecretEncoding { encoding, offset, detail } => write!(
                f,
                "The secret is not valid {encoding}: {detail} at character {offset}."
            ),
            Error::EmptySecret => write!(f, "The secret decodes to zero bytes."),
            Error::KeyFormat { format, detail } => write!(f, "The {format} cannot be used: {detail}."),
            Error::KeyMismatch { alg, expected, found } => write!(
                f,
                "The token's alg {alg} needs {expected}, but the key is {}.",
                with_article(found)
            ),
            Error::NoKeyWithKid { kid, available } => match available.is_empty() {
                true => write!(f, "No key has kid {kid:?}; the keys in the set have no kid."),
                false => write!(
                    f,
                    "No key has kid {kid:?}; the set has kids {}.",
                    quoted_list(available)
                ),
            },
            Error::NoFittingKey { alg, expected, available } => write!(
                f,
                "The token's alg {alg} needs {expected}; the set has {}.",
                available.join(", ")
            ),
            Error::SigningRefused { reason } => write!(f, "Not signed: {reason}."),
            Error::EncryptionRefused { reason } => write!(f, "Not encrypted: {reason}."),
            Error::KeyGeneration { reason } => write!(f, "No key was made: {reason}."),
            Error::NoRandomness { purpose, detail } => write!(f, "The browser gave no randomness for {purpose} ({detail})."),
            Error::Unverifiable { alg } => write!(
                f,
                "The {alg} check could not run: the browser refused the key and the worker that checks it otherwise did not answer."
            ),
            Error::JweStructure { detail } => write!(f, "The encrypted token is malformed: {detail}."),
            Error::JwsJsonStructure { detail } => {
                write!(f, "The signed JSON (JWS JSON serialization) is malformed: {detail}.")
            }
            Error::JweHeader { detail } => write!(f, "The encrypted token's header is not usable: {detail}."),
            Error::DetachedPayloadMissing => write!(
                f,
                "The token's payload is detached: it travels apart from the token. Paste the content it signs into the payload box."
            ),
            Error::GivenPayload { detail } => {
                write!(f, "The payload box's content cannot be the payload: {detail}.")
            }
            Error::SdJwtStructure { detail } => write!(f, "The SD-JWT is malformed: {detail}."),
            Error::SdJwtIssuance { detail } => {
                write!(f, "The SD-JWT cannot be issued: {detail}.")
            }
        }
    }
}

impl std::error::Error for Error {}

fn with_article(noun: &str) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'R']);
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// `"a", "b", "c"`: names quoted as in JSON, for messages.
pub(crate) fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("{item:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
