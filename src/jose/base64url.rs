//! Strict base64url (RFC 7515 §2): no padding, no other alphabet, canonical trailing bits.

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{DecodeError, Engine};

use super::error::{Base64Problem, Error, Part};

/// Decodes one token segment; `start` is the segment's byte offset in the token, for messages.
pub fn decode_segment(segment: &str, part: Part, start: usize) -> Result<Vec<u8>, Error> {
    URL_SAFE_NO_PAD.decode(segment).map_err(|err| {
        let (offset, problem) = match err {
            DecodeError::InvalidByte(offset, _) => (offset, invalid_character(segment, offset)),
            DecodeError::InvalidLastSymbol { offset, .. } => (
                offset,
                Base64Problem::NonZeroTrailingBits(char_at(segment, offset)),
            ),
            // A wrong length is only ever noticed at the end of the segment.
            DecodeError::InvalidLength(_) | DecodeError::InvalidPadding => {
                (segment.len(), Base64Problem::InvalidLength)
            }
        };
        Error::Base64 {
            part,
            offset,
            column: start + offset + 1,
            problem,
        }
    })
}

/// Decodes a token segment, also accepting what decoders commonly tolerate: `=` padding and
/// non-zero trailing bits. The flag is false when the segment was not the canonical encoding,
/// which a careful verifier must refuse even when the signature matches.
pub fn decode_segment_lenient(
    segment: &str,
    part: Part,
    start: usize,
) -> Result<(Vec<u8>, bool), Error> {
    match decode_segment(segment, part, start) {
        Ok(bytes) => Ok((bytes, true)),
        Err(strict_error) => {
            let config = GeneralPurposeConfig::new()
                .with_decode_padding_mode(DecodePaddingMode::Indifferent)
                .with_decode_allow_trailing_bits(true);
            GeneralPurpose::new(&URL_SAFE, config)
                .decode(segment)
                .map(|bytes| (bytes, false))
                .map_err(|_| strict_error)
        }
    }
}

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn invalid_character(segment: &str, offset: usize) -> Base64Problem {
    Base64Problem::InvalidCharacter(char_at(segment, offset))
}

/// The character starting at byte `offset`, or U+FFFD when the offset falls inside one.
fn char_at(segment: &str, offset: usize) -> char {
    segment
        .get(offset..)
        .and_then(|rest| rest.chars().next())
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}
