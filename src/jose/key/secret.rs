//! HMAC secrets typed as text in one of four encodings.

use std::fmt;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{DecodeError, Engine};

use crate::jose::error::Error;
use crate::jose::hex::{self, HexError};

/// How the text in the secret box turns into key bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SecretEncoding {
    /// The text's UTF-8 bytes, exactly as typed (jwt.io's default).
    #[default]
    Utf8,
    /// Standard base64, padding optional, whitespace ignored.
    Base64,
    /// base64url, padding optional, whitespace ignored.
    Base64Url,
    /// Hexadecimal digits, whitespace ignored.
    Hex,
}

impl SecretEncoding {
    /// Every encoding, in the selector's order.
    pub const ALL: [SecretEncoding; 4] = [
        SecretEncoding::Utf8,
        SecretEncoding::Base64,
        SecretEncoding::Base64Url,
        SecretEncoding::Hex,
    ];

    /// Stable value for the selector's options.
    pub fn as_str(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "utf8",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Base64Url => "base64url",
            SecretEncoding::Hex => "hex",
        }
    }

    /// Human label for the selector.
    pub fn label(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "UTF-8",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Base64Url => "base64url",
            SecretEncoding::Hex => "hex",
        }
    }

    /// Parses a selector value.
    pub fn from_name(name: &str) -> Option<SecretEncoding> {
        SecretEncoding::ALL
            .into_iter()
            .find(|encoding| encoding.as_str() == name)
    }
}

/// Secret key bytes; `Debug` never prints them, and they are wiped when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(zeroize::Zeroizing<Vec<u8>>);

impl Secret {
    /// The raw key bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Length in bytes, shown next to the secret box.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for a zero-length secret.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes, redacted)", self.0.len())
    }
}

impl Secret {
    /// Decodes the secret box's text in the chosen encoding.
    pub fn decode(text: &str, encoding: SecretEncoding) -> Result<Secret, Error> {
        let bytes = match encoding {
            SecretEncoding::Utf8 => text.as_bytes().to_vec(),
            SecretEncoding::Base64 => decode_base64(text, alphabet::STANDARD, encoding)?,
            SecretEncoding::Base64Url => decode_base64(text, alphabet::URL_SAFE, encoding)?,
            SecretEncoding::Hex => decode_hex(text)?,
        };
        Secret::from_bytes(bytes)
    }

    /// Wraps raw key bytes (for example a JWK's `k`); empty keys are refused.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Secret, Error> {
        if bytes.is_empty() {
            return Err(Error::EmptySecret);
        }
        Ok(Secret(zeroize::Zeroizing::new(bytes)))
    }
}

/// True when a UTF-8 secret starts or ends with whitespace: often a paste accident.
pub fn has_edge_whitespace(text: &str) -> bool {
    text.trim().len() != text.len()
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn decode_base64(
    text: &str,
    alphabet: alphabet::Alphabet,
    encoding: SecretEncoding,
) -> Result<Vec<u8>, Error> {
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let compact = without_whitespace(text);
    GeneralPurpose::new(&alphabet, config)
        .decode(&compact)
        .map_err(|err| {
            let (offset, detail) = match err {
                DecodeError::InvalidByte(offset, byte) => (
                    offset,
                    format!("unexpected character {:?}", char::from(byte)),
                ),
                DecodeError::InvalidLastSymbol { offset, .. } => {
                    (offset, "bad final character".to_owned())
                }
                DecodeError::InvalidLength(len) => {
                    (len, "the length leaves one character over".to_owned())
                }
                DecodeError::InvalidPadding => (compact.len(), "bad padding".to_owned()),
            };
            Error::SecretEncoding {
                encoding: encoding.label(),
                offset: offset + 1,
                detail,
            }
        })
}

fn decode_hex(text: &str) -> Result<Vec<u8>, Error> {
    let compact = without_whitespace(text);
    hex::decode(&compact).map_err(|err| {
        let (offset, detail) = match err {
            HexError::InvalidCharacter { index, found } => {
                (index + 1, format!("unexpected character {found:?}"))
            }
            HexError::OddLength => (
                compact.chars().count(),
                "an odd number of digits".to_owned(),
            ),
        };
        Error::SecretEncoding {
            encoding: SecretEncoding::Hex.label(),
            offset,
            detail,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(key: Result<Secret, Error>) -> Vec<u8> {
        match key {
            Ok(secret) => secret.bytes().to_vec(),
            Err(err) => panic!("unexpected error {err}"),
        }
    }

    #[test]
    fn each_encoding_decodes_the_same_secret() {
        let expected = b"hello?>".to_vec();
        assert_eq!(
            bytes(Secret::decode("hello?>", SecretEncoding::Utf8)),
            expected
        );
        assert_eq!(
            bytes(Secret::decode("aGVsbG8/Pg==", SecretEncoding::Base64)),
            expected
        );
        assert_eq!(
            bytes(Secret::decode("aGVsbG8_Pg", SecretEncoding::Base64Url)),
            expected
        );
        assert_eq!(
            bytes(Secret::decode("68 65 6c 6C 6f 3f 3e", SecretEncoding::Hex)),
            expected
        );
    }

    #[test]
    fn wrong_alphabet_is_an_error_that_says_where() {
        let err = Secret::decode("aGVsbG8_Pg", SecretEncoding::Base64);
        assert!(
            matches!(err, Err(Error::SecretEncoding { offset: 8, .. })),
            "{err:?}"
        );
        let err = Secret::decode("aGVsbG8/Pg", SecretEncoding::Base64Url);
        assert!(
            matches!(err, Err(Error::SecretEncoding { offset: 8, .. })),
            "{err:?}"
        );
    }

    #[test]
    fn bad_hex_is_an_error() {
        assert!(matches!(
            Secret::decode("abc", SecretEncoding::Hex),
            Err(Error::SecretEncoding { .. })
        ));
        assert!(matches!(
            Secret::decode("zz", SecretEncoding::Hex),
            Err(Error::SecretEncoding { offset: 1, .. })
        ));
    }

    #[test]
    fn empty_secret_is_an_error() {
        assert_eq!(
            Secret::decode("", SecretEncoding::Utf8),
            Err(Error::EmptySecret)
        );
        assert_eq!(
            Secret::decode("  ", SecretEncoding::Hex),
            Err(Error::EmptySecret)
        );
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let shown = format!("{:?}", Secret::decode("hunter2", SecretEncoding::Utf8));
        assert!(!shown.contains("hunter2"));
        assert!(shown.contains("7 bytes"));
    }

    #[test]
    fn encoding_names_round_trip() {
        for encoding in SecretEncoding::ALL {
            assert_eq!(SecretEncoding::from_name(encoding.as_str()), Some(encoding));
        }
        assert_eq!(SecretEncoding::from_name("latin1"), None);
    }
}
