//! The JWE algorithms (RFC 7518 §4 and §5), each described once: how the content key reaches
//! the recipient (`alg`) and how the content is encrypted (`enc`). Everything else asks these
//! tables.

/// Key management: how the content encryption key (CEK) is carried or agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlg {
    /// The shared key is the CEK.
    Dir,
    /// AES Key Wrap (RFC 3394) with a key of this many bits.
    AesKw(usize),
    /// AES-GCM key wrapping with a key of this many bits (`iv` and `tag` in the header).
    AesGcmKw(usize),
    /// RSAES-OAEP with SHA-1 (`RSA-OAEP`) or SHA-256 (`RSA-OAEP-256`).
    RsaOaep(OaepHash),
    /// RSAES-PKCS1-v1_5: deprecated, padding-oracle prone.
    Rsa1_5,
    /// ECDH-ES: the agreed key is the CEK (`None`) or wraps it with AES-KW of this many bits.
    EcdhEs(Option<usize>),
    /// PBES2 with HMAC-SHA-(2 × bits) and AES-KW of this many bits.
    Pbes2(usize),
}

/// The hash of an RSA-OAEP key management algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OaepHash {
    Sha1,
    Sha256,
}

impl KeyAlg {
    pub const ALL: [KeyAlg; 17] = [
        KeyAlg::Dir,
        KeyAlg::AesKw(128),
        KeyAlg::AesKw(192),
        KeyAlg::AesKw(256),
        KeyAlg::AesGcmKw(128),
        KeyAlg::AesGcmKw(192),
        KeyAlg::AesGcmKw(256),
        KeyAlg::RsaOaep(OaepHash::Sha1),
        KeyAlg::RsaOaep(OaepHash::Sha256),
        KeyAlg::Rsa1_5,
        KeyAlg::EcdhEs(None),
        KeyAlg::EcdhEs(Some(128)),
        KeyAlg::EcdhEs(Some(192)),
        KeyAlg::EcdhEs(Some(256)),
        KeyAlg::Pbes2(128),
        KeyAlg::Pbes2(192),
        KeyAlg::Pbes2(256),
    ];

    /// The registered `alg` name.
    pub fn name(self) -> &'static str {
        match self {
            KeyAlg::Dir => "dir",
            KeyAlg::AesKw(128) => "A128KW",
            KeyAlg::AesKw(192) => "A192KW",
            KeyAlg::AesKw(_) => "A256KW",
            KeyAlg::AesGcmKw(128) => "A128GCMKW",
            KeyAlg::AesGcmKw(192) => "A192GCMKW",
            KeyAlg::AesGcmKw(_) => "A256GCMKW",
            KeyAlg::RsaOaep(OaepHash::Sha1) => "RSA-OAEP",
            KeyAlg::RsaOaep(OaepHash::Sha256) => "RSA-OAEP-256",
            KeyAlg::Rsa1_5 => "RSA1_5",
            KeyAlg::EcdhEs(None) => "ECDH-ES",
            KeyAlg::EcdhEs(Some(128)) => "ECDH-ES+A128KW",
            KeyAlg::EcdhEs(Some(192)) => "ECDH-ES+A192KW",
            KeyAlg::EcdhEs(Some(_)) => "ECDH-ES+A256KW",
            KeyAlg::Pbes2(128) => "PBES2-HS256+A128KW",
            KeyAlg::Pbes2(192) => "PBES2-HS384+A192KW",
            KeyAlg::Pbes2(_) => "PBES2-HS512+A256KW",
        }
    }

    pub fn from_name(name: &str) -> Option<KeyAlg> {
        KeyAlg::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// What kind of key the recipient needs, for messages.
    pub fn needs(self) -> &'static str {
        match self {
            KeyAlg::Dir => "the shared content key (a secret of the enc's key size)",
            KeyAlg::AesKw(_) | KeyAlg::AesGcmKw(_) => "a shared AES key-wrapping secret",
            KeyAlg::RsaOaep(_) | KeyAlg::Rsa1_5 => "an RSA private key",
            KeyAlg::EcdhEs(_) => "an EC (P-256, P-384, P-521) or X25519 private key",
            KeyAlg::Pbes2(_) => "a password",
        }
    }
}

/// Content encryption: authenticated encryption of the plaintext with the CEK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncAlg {
    /// AES-GCM with a key of this many bits.
    AesGcm(usize),
    /// AES-CBC with HMAC-SHA-2 (RFC 7518 §5.2); the AES key has this many bits, the CEK twice.
    AesCbcHs(usize),
}

impl EncAlg {
    pub const ALL: [EncAlg; 6] = [
        EncAlg::AesGcm(128),
        EncAlg::AesGcm(192),
        EncAlg::AesGcm(256),
        EncAlg::AesCbcHs(128),
        EncAlg::AesCbcHs(192),
        EncAlg::AesCbcHs(256),
    ];

    /// The registered `enc` name.
    pub fn name(self) -> &'static str {
        match self {
            EncAlg::AesGcm(128) => "A128GCM",
            EncAlg::AesGcm(192) => "A192GCM",
            EncAlg::AesGcm(_) => "A256GCM",
            EncAlg::AesCbcHs(128) => "A128CBC-HS256",
            EncAlg::AesCbcHs(192) => "A192CBC-HS384",
            EncAlg::AesCbcHs(_) => "A256CBC-HS512",
        }
    }

    pub fn from_name(name: &str) -> Option<EncAlg> {
        EncAlg::ALL.into_iter().find(|enc| enc.name() == name)
    }

    /// The CEK's length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            EncAlg::AesGcm(bits) => bits / 8,
            EncAlg::AesCbcHs(bits) => bits / 4,
        }
    }

    /// The IV's length in bytes.
    pub fn iv_len(self) -> usize {
        match self {
            EncAlg::AesGcm(_) => 12,
            EncAlg::AesCbcHs(_) => 16,
        }
    }

    /// The authentication tag's length in bytes.
    pub fn tag_len(self) -> usize {
        match self {
            EncAlg::AesGcm(_) => 16,
            EncAlg::AesCbcHs(bits) => bits / 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_round_trips_and_is_unique() {
        for alg in KeyAlg::ALL {
            assert_eq!(KeyAlg::from_name(alg.name()), Some(alg));
        }
        for enc in EncAlg::ALL {
            assert_eq!(EncAlg::from_name(enc.name()), Some(enc));
        }
        assert_eq!(KeyAlg::from_name("RSA-OAEP-384"), None);
        assert_eq!(EncAlg::from_name("A128CBC"), None);
    }

    #[test]
    fn sizes_follow_rfc_7518() {
        assert_eq!(EncAlg::AesCbcHs(256).key_len(), 64);
        assert_eq!(EncAlg::AesCbcHs(192).tag_len(), 24);
        assert_eq!(EncAlg::AesGcm(192).key_len(), 24);
    }
}
