//! Hexadecimal text, for secrets typed as hex and binary payloads shown as hex.

/// Lower-case hex of `bytes`.
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

/// Why hex text did not decode: the 0-based character index and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HexError {
    InvalidCharacter { index: usize, found: char },
    OddLength,
}

/// Decodes hex digits (either case); the caller removes any whitespace first.
pub fn decode(text: &str) -> Result<Vec<u8>, HexError> {
    let mut nibbles = Vec::with_capacity(text.len());
    for (index, found) in text.chars().enumerate() {
        let digit = found
            .to_digit(16)
            .ok_or(HexError::InvalidCharacter { index, found })?;
        nibbles.push(digit as u8);
    }
    if nibbles.len() % 2 == 1 {
        return Err(HexError::OddLength);
    }
    Ok(nibbles
        .chunks_exact(2)
        .map(|pair| pair.iter().fold(0u8, |acc, nibble| (acc << 4) | nibble))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let bytes = [0u8, 1, 0x7f, 0x80, 0xfe, 0xff];
        assert_eq!(encode(&bytes), "00017f80feff");
        assert_eq!(decode("00017F80feff"), Ok(bytes.to_vec()));
    }

    #[test]
    fn rejects_bad_digits_and_odd_lengths() {
        assert_eq!(
            decode("0g"),
            Err(HexError::InvalidCharacter {
                index: 1,
                found: 'g'
            })
        );
        assert_eq!(decode("abc"), Err(HexError::OddLength));
    }
}
