//! Signature verification over the received `header.payload` bytes.

use super::alg::{Alg, Family};
use super::error::Error;
use super::hmac;
use super::key::Key;
use super::token::{Decoded, Form, HeaderAlg};

/// The outcome of a check that could run: a mismatch is a verdict, not an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
}

/// Everything a signature check needs from a token, taken from the received text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signed<'a> {
    pub alg: Alg,
    pub signing_input: &'a [u8],
    pub signature: &'a [u8],
}

/// Takes what a check needs from a decoded token, or says why the token cannot be checked.
pub fn prepare(decoded: &Decoded) -> Result<Signed<'_>, Error> {
    match &decoded.form {
        Ok(Form::Jws) => {}
        Ok(Form::Jwe) => return Err(Error::EncryptedToken),
        Err(err) => return Err(err.clone()),
    }
    let header = decoded.header.as_ref().map_err(Clone::clone)?;
    let alg = match header.alg() {
        HeaderAlg::Known(Alg::None) => return Err(Error::AlgNone),
        HeaderAlg::Known(alg) => alg,
        HeaderAlg::Unknown(alg) => return Err(Error::UnsupportedAlg { alg }),
        HeaderAlg::Missing => return Err(Error::MissingAlg),
    };
    // The payload must be base64url; whether it is JSON does not matter to the signature.
    if let Some(Err(err)) = &decoded.payload {
        return Err(err.clone());
    }
    let signature = match &decoded.signature {
        Some(Ok(bytes)) => bytes.as_slice(),
        Some(Err(err)) => return Err(err.clone()),
        None => {
            return Err(Error::SegmentCount {
                found: decoded.segments.len(),
            })
        }
    };
    let signing_input = decoded.signing_input().ok_or(Error::SegmentCount {
        found: decoded.segments.len(),
    })?;
    if !supported(alg) {
        return Err(Error::UnsupportedAlg {
            alg: alg.name().to_owned(),
        });
    }
    Ok(Signed {
        alg,
        signing_input,
        signature,
    })
}

/// Whether this page can verify `alg` yet.
pub fn supported(alg: Alg) -> bool {
    match alg.family() {
        Family::Hmac => true,
        Family::RsaPkcs1 | Family::RsaPss | Family::Ecdsa | Family::EdDsa | Family::Unsecured => {
            false
        }
    }
}

/// Checks the signature with `key`.
pub fn verify(signed: &Signed<'_>, key: &Key) -> Result<Verdict, Error> {
    let matches = match (signed.alg.family(), key, signed.alg.hash()) {
        (Family::Hmac, Key::Secret(secret), Some(hash)) => {
            hmac::verify(hash, secret.bytes(), signed.signing_input, signed.signature)
        }
        _ => {
            return Err(Error::UnsupportedAlg {
                alg: signed.alg.name().to_owned(),
            })
        }
    };
    Ok(if matches {
        Verdict::Valid
    } else {
        Verdict::Invalid
    })
}
