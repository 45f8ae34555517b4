//! ML-DSA keys (FIPS 204) as the verify path keeps them: the encoded public key's bytes, of the
//! length its parameter set needs. Nothing here decodes them, so the page, which only reads
//! keys and hands ML-DSA checks to its worker, carries none of the ML-DSA code.

use crate::jose::alg::MlDsaSet;

/// An ML-DSA public key (`pkEncode` output) of a known parameter set, its length checked.
#[derive(Clone, PartialEq, Eq)]
pub struct MlDsaPublic {
    set: MlDsaSet,
    bytes: Vec<u8>,
}

impl MlDsaPublic {
    /// The key of `set` from its encoded bytes; refused unless they are as long as the set's.
    pub fn from_bytes(set: MlDsaSet, bytes: &[u8]) -> Result<MlDsaPublic, String> {
        match bytes.len() == set.public_key_len() {
            true => Ok(MlDsaPublic {
                set,
                bytes: bytes.to_vec(),
            }),
            false => Err(format!(
                "an {} public key is {} bytes, not {}",
                set.name(),
                set.public_key_len(),
                bytes.len()
            )),
        }
    }

    /// A key the ML-DSA encoder wrote (always the set's length).
    pub(crate) fn from_encoder(set: MlDsaSet, bytes: Vec<u8>) -> MlDsaPublic {
        MlDsaPublic { set, bytes }
    }

    /// The parameter set.
    pub fn set(&self) -> MlDsaSet {
        self.set
    }

    /// The encoded public key (an AKP JWK's `pub`, an SPKI's bit string).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}
