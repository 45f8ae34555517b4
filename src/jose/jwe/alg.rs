//! The JWE algorithms (RFC 7518 §4 and §5), each described once: how the content key reaches
//! the recipient (`alg`) and how the content is encrypted (`enc`). Everything else asks these
//! tables.

/// The AES key sizes JOSE uses; every sized algorithm below names one, so no size can be
/// unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AesSize {
    Aes128,
    Aes192,
    Aes256,
}

impl AesSize {
    pub const ALL: [AesSize; 3] = [AesSize::Aes128, AesSize::Aes192, AesSize::Aes256];

    pub fn bits(self) -> usize {
        match self {
            AesSize::Aes128 => 128,
            AesSize::Aes192 => 192,
            AesSize::Aes256 => 256,
        }
    }

    pub fn bytes(self) -> usize {
        self.bits() / 8
    }
}

/// Key management: how the content encryption key (CEK) is carried or agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlg {
    /// The shared key is the CEK.
    Dir,
    /// AES Key Wrap (RFC 3394) with a key of this size.
    AesKw(AesSize),
    /// AES-GCM key wrapping with a key of this size (`iv` and `tag` in the header).
    AesGcmKw(AesSize),
    /// RSAES-OAEP with SHA-1 (`RSA-OAEP`) or SHA-256 (`RSA-OAEP-256`).
    RsaOaep(OaepHash),
    /// RSAES-PKCS1-v1_5: deprecated, padding-oracle prone.
    Rsa1_5,
    /// ECDH-ES: the agreed key is the CEK (`None`) or wraps it with AES-KW of this size.
    EcdhEs(Option<AesSize>),
    /// PBES2 with HMAC-SHA-(2 × bits) and AES-KW of this size.
    Pbes2(AesSize),
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
        KeyAlg::AesKw(AesSize::Aes128),
        KeyAlg::AesKw(AesSize::Aes192),
        KeyAlg::AesKw(AesSize::Aes256),
        KeyAlg::AesGcmKw(AesSize::Aes128),
        KeyAlg::AesGcmKw(AesSize::Aes192),
        KeyAlg::AesGcmKw(AesSize::Aes256),
        KeyAlg::RsaOaep(OaepHash::Sha1),
        KeyAlg::RsaOaep(OaepHash::Sha256),
        KeyAlg::Rsa1_5,
        KeyAlg::EcdhEs(None),
        KeyAlg::EcdhEs(Some(AesSize::Aes128)),
        KeyAlg::EcdhEs(Some(AesSize::Aes192)),
        KeyAlg::EcdhEs(Some(AesSize::Aes256)),
        KeyAlg::Pbes2(AesSize::Aes128),
        KeyAlg::Pbes2(AesSize::Aes192),
        KeyAlg::Pbes2(AesSize::Aes256),
    ];

    /// The registered `alg` name.
    pub fn name(self) -> &'static str {
        match self {
            KeyAlg::Dir => "dir",
            KeyAlg::AesKw(AesSize::Aes128) => "A128KW",
            KeyAlg::AesKw(AesSize::Aes192) => "A192KW",
            KeyAlg::AesKw(AesSize::Aes256) => "A256KW",
            KeyAlg::AesGcmKw(AesSize::Aes128) => "A128GCMKW",
            KeyAlg::AesGcmKw(AesSize::Aes192) => "A192GCMKW",
            KeyAlg::AesGcmKw(AesSize::Aes256) => "A256GCMKW",
            KeyAlg::RsaOaep(OaepHash::Sha1) => "RSA-OAEP",
            KeyAlg::RsaOaep(OaepHash::Sha256) => "RSA-OAEP-256",
            KeyAlg::Rsa1_5 => "RSA1_5",
            KeyAlg::EcdhEs(None) => "ECDH-ES",
            KeyAlg::EcdhEs(Some(AesSize::Aes128)) => "ECDH-ES+A128KW",
            KeyAlg::EcdhEs(Some(AesSize::Aes192)) => "ECDH-ES+A192KW",
            KeyAlg::EcdhEs(Some(AesSize::Aes256)) => "ECDH-ES+A256KW",
            KeyAlg::Pbes2(AesSize::Aes128) => "PBES2-HS256+A128KW",
            KeyAlg::Pbes2(AesSize::Aes192) => "PBES2-HS384+A192KW",
            KeyAlg::Pbes2(AesSize::Aes256) => "PBES2-HS512+A256KW",
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
            KeyAlg::EcdhEs(_) => "an EC (P-256, P-384, P-521), X25519 or X448 private key",
            KeyAlg::Pbes2(_) => "a password",
        }
    }
}

/// Content encryption: authenticated encryption of the plaintext with the CEK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncAlg {
    /// AES-GCM with a key of this size.
    AesGcm(AesSize),
    /// AES-CBC with HMAC-SHA-2 (RFC 7518 §5.2); the AES key has this size, the CEK twice.
    AesCbcHs(AesSize),
}

impl EncAlg {
    pub const ALL: [EncAlg; 6] = [
        EncAlg::AesGcm(AesSize::Aes128),
        EncAlg::AesGcm(AesSize::Aes192),
        EncAlg::AesGcm(AesSize::Aes256),
        EncAlg::AesCbcHs(AesSize::Aes128),
        EncAlg::AesCbcHs(AesSize::Aes192),
        EncAlg::AesCbcHs(AesSize::Aes256),
    ];

    /// The registered `enc` name.
    pub fn name(self) -> &'static str {
        match self {
            EncAlg::AesGcm(AesSize::Aes128) => "A128GCM",
            EncAlg::AesGcm(AesSize::Aes192) => "A192GCM",
            EncAlg::AesGcm(AesSize::Aes256) => "A256GCM",
            EncAlg::AesCbcHs(AesSize::Aes128) => "A128CBC-HS256",
            EncAlg::AesCbcHs(AesSize::Aes192) => "A192CBC-HS384",
            EncAlg::AesCbcHs(AesSize::Aes256) => "A256CBC-HS512",
        }
    }

    pub fn from_name(name: &str) -> Option<EncAlg> {
        EncAlg::ALL.into_iter().find(|enc| enc.name() == name)
    }

    /// The CEK's length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            EncAlg::AesGcm(size) => size.bytes(),
            EncAlg::AesCbcHs(size) => 2 * size.bytes(),
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
            EncAlg::AesCbcHs(size) => size.bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each `ALL` holds every value of its enum once: every size of every sized variant.
    #[test]
    fn every_all_list_is_in_step_with_its_enum() {
        for size in AesSize::ALL {
            for alg in [
                KeyAlg::AesKw(size),
                KeyAlg::AesGcmKw(size),
                KeyAlg::EcdhEs(Some(size)),
                KeyAlg::Pbes2(size),
            ] {
                assert!(KeyAlg::ALL.contains(&alg), "{alg:?}");
            }
            for enc in [EncAlg::AesGcm(size), EncAlg::AesCbcHs(size)] {
                assert!(EncAlg::ALL.contains(&enc), "{enc:?}");
            }
        }
        for hash in [OaepHash::Sha1, OaepHash::Sha256] {
            assert!(KeyAlg::ALL.contains(&KeyAlg::RsaOaep(hash)));
        }
        for unsized_alg in [KeyAlg::Dir, KeyAlg::Rsa1_5, KeyAlg::EcdhEs(None)] {
            assert!(KeyAlg::ALL.contains(&unsized_alg));
        }
        // Nothing else, and nothing twice: the counts of the lists above.
        assert_eq!(KeyAlg::ALL.len(), 4 * AesSize::ALL.len() + 2 + 3);
        assert_eq!(EncAlg::ALL.len(), 2 * AesSize::ALL.len());
        let mut names: Vec<&str> = KeyAlg::ALL.iter().map(|alg| alg.name()).collect();
        names.extend(EncAlg::ALL.iter().map(|enc| enc.name()));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

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
        assert_eq!(EncAlg::AesCbcHs(AesSize::Aes256).key_len(), 64);
        assert_eq!(EncAlg::AesCbcHs(AesSize::Aes192).tag_len(), 24);
        assert_eq!(EncAlg::AesGcm(AesSize::Aes192).key_len(), 24);
    }
}
