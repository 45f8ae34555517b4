//! Every JWS algorithm, described once. Everything else asks this table.

use der::asn1::ObjectIdentifier;

/// The kind of key and primitive an algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// HMAC with a shared secret (RFC 7518 §3.2).
    Hmac,
    /// RSASSA-PKCS1-v1_5 (RFC 7518 §3.3).
    RsaPkcs1,
    /// RSASSA-PSS (RFC 7518 §3.5).
    RsaPss,
    /// ECDSA with a fixed-length r‖s signature (RFC 7518 §3.4, RFC 8812).
    Ecdsa,
    /// Edwards-curve signatures (RFC 8037, RFC 9864).
    EdDsa,
    /// ML-DSA (FIPS 204) with this parameter set, an empty context (draft-ietf-cose-dilithium).
    MlDsa(MlDsaSet),
    /// No signature at all (RFC 7518 §3.6).
    Unsecured,
}

/// An ML-DSA parameter set (FIPS 204 §4, Table 1 and 2): key and signature sizes in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MlDsaSet {
    MlDsa44,
    MlDsa65,
    MlDsa87,
}

impl MlDsaSet {
    pub const ALL: [MlDsaSet; 3] = [MlDsaSet::MlDsa44, MlDsaSet::MlDsa65, MlDsaSet::MlDsa87];

    /// The JOSE algorithm of this set (`ML-DSA-44` …), the AKP JWK's `alg`.
    pub fn alg(self) -> Alg {
        match self {
            MlDsaSet::MlDsa44 => Alg::MlDsa44,
            MlDsaSet::MlDsa65 => Alg::MlDsa65,
            MlDsaSet::MlDsa87 => Alg::MlDsa87,
        }
    }

    /// The name, as the algorithm's (`ML-DSA-65`).
    pub fn name(self) -> &'static str {
        self.alg().name()
    }

    /// `pkEncode`'s length: ρ and t1 (FIPS 204 Table 2).
    pub fn public_key_len(self) -> usize {
        match self {
            MlDsaSet::MlDsa44 => 1312,
            MlDsaSet::MlDsa65 => 1952,
            MlDsaSet::MlDsa87 => 2592,
        }
    }

    /// `skEncode`'s length, the expanded private key (FIPS 204 Table 2).
    pub fn expanded_key_len(self) -> usize {
        match self {
            MlDsaSet::MlDsa44 => 2560,
            MlDsaSet::MlDsa65 => 4032,
            MlDsaSet::MlDsa87 => 4896,
        }
    }

    /// A signature's length (FIPS 204 Table 2).
    pub fn signature_len(self) -> usize {
        match self {
            MlDsaSet::MlDsa44 => 2420,
            MlDsaSet::MlDsa65 => 3309,
            MlDsaSet::MlDsa87 => 4627,
        }
    }

    /// The NIST OID (`id-ml-dsa-44` … in the CSOR registry), for SPKI and PKCS#8.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            MlDsaSet::MlDsa44 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.17"),
            MlDsaSet::MlDsa65 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.18"),
            MlDsaSet::MlDsa87 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.19"),
        }
    }

    /// Looks up a set by its NIST OID.
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<MlDsaSet> {
        MlDsaSet::ALL.into_iter().find(|set| set.oid() == *oid)
    }

    /// Looks up a set by its JOSE name (an AKP JWK's `alg`).
    pub fn from_name(name: &str) -> Option<MlDsaSet> {
        MlDsaSet::ALL.into_iter().find(|set| set.name() == name)
    }
}

impl Family {
    /// Whether a verifier checks it with a public key, which an issuer can publish.
    pub fn has_public_key(self) -> bool {
        match self {
            Family::RsaPkcs1
            | Family::RsaPss
            | Family::Ecdsa
            | Family::EdDsa
            | Family::MlDsa(_) => true,
            Family::Hmac | Family::Unsecured => false,
        }
    }
}

/// The hash function an algorithm uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// Hashes `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    pub const ALL: [Hash; 3] = [Hash::Sha256, Hash::Sha384, Hash::Sha512];

    /// Looks up a WebCrypto hash name.
    pub fn from_name(name: &str) -> Option<Hash> {
        Hash::ALL
            .into_iter()
            .find(|hash| hash.webcrypto_name() == name)
    }

    /// The WebCrypto name of the hash.
    pub fn webcrypto_name(self) -> &'static str {
        match self {
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    /// The compression function's block size in bytes.
    pub fn block_len(self) -> usize {
        match self {
            Hash::Sha256 => 64,
            Hash::Sha384 | Hash::Sha512 => 128,
        }
    }

    /// Output size in bytes; also the minimum HMAC key size (RFC 7518 §3.2).
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// The curve an elliptic-curve algorithm is bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
    Ed25519,
    /// Key agreement only (ECDH-ES in JWE, RFC 8037 §3.2).
    X25519,
    /// Ed448-Goldilocks for EdDSA (RFC 8037, RFC 8032 §5.2).
    Ed448,
    /// Key agreement only on Curve448 (ECDH-ES in JWE, RFC 8037 §3.2, RFC 7748).
    X448,
}

/// A JWK key type (RFC 7517 §4.1, RFC 7518 §6.1, RFC 8037 §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kty {
    Oct,
    Rsa,
    Ec,
    Okp,
    /// Algorithm Key Pair (draft-ietf-cose-dilithium): ML-DSA keys, `alg` + `pub` (+ `priv`).
    Akp,
}

impl Kty {
    pub const ALL: [Kty; 5] = [Kty::Oct, Kty::Rsa, Kty::Ec, Kty::Okp, Kty::Akp];

    /// The JWK `kty` value.
    /// The JWK members that hold private or secret key material (RFC 7518 §6.2.2, §6.3.2,
    /// §6.4.1; `priv`, the ML-DSA seed, in draft-ietf-cose-dilithium).
    pub fn private_members(self) -> &'static [&'static str] {
        match self {
            Kty::Oct => &["k"],
            Kty::Rsa => &["d", "p", "q", "dp", "dq", "qi", "oth"],
            Kty::Ec | Kty::Okp => &["d"],
            Kty::Akp => &["priv"],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kty::Oct => "oct",
            Kty::Rsa => "RSA",
            Kty::Ec => "EC",
            Kty::Okp => "OKP",
            Kty::Akp => "AKP",
        }
    }

    /// Looks up a JWK `kty`.
    pub fn from_name(name: &str) -> Option<Kty> {
        Kty::ALL.into_iter().find(|kty| kty.name() == name)
    }
}

impl Curve {
    pub const ALL: [Curve; 8] = [
        Curve::P256,
        Curve::P384,
        Curve::P521,
        Curve::Secp256k1,
        Curve::Ed25519,
        Curve::X25519,
        Curve::Ed448,
        Curve::X448,
    ];

    /// Whether ECDSA runs on this curve (the others are Edwards or Montgomery curves).
    pub fn is_ecdsa(self) -> bool {
        match self {
            Curve::P256 | Curve::P384 | Curve::P521 | Curve::Secp256k1 => true,
            Curve::Ed25519 | Curve::X25519 | Curve::Ed448 | Curve::X448 => false,
        }
    }

    /// Whether EdDSA runs on this curve (RFC 8037 §3.1).
    pub fn is_edwards(self) -> bool {
        match self {
            Curve::Ed25519 | Curve::Ed448 => true,
            Curve::P256
            | Curve::P384
            | Curve::P521
            | Curve::Secp256k1
            | Curve::X25519
            | Curve::X448 => false,
        }
    }

    /// The JWK `kty` of a key on this curve.
    pub fn kty(self) -> Kty {
        match self.is_ecdsa() {
            true => Kty::Ec,
            false => Kty::Okp,
        }
    }

    /// The JWK `crv` name (RFC 7518 §6.2.1.1, RFC 8812, RFC 8037).
    pub fn jwk_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Ed25519 => "Ed25519",
            Curve::X25519 => "X25519",
            Curve::Ed448 => "Ed448",
            Curve::X448 => "X448",
        }
    }

    /// Bytes in one coordinate (or the whole Ed25519, X25519, Ed448 or X448 public key).
    pub fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Ed25519 | Curve::X25519 => 32,
            Curve::P384 => 48,
            Curve::X448 => 56,
            Curve::Ed448 => 57,
            Curve::P521 => 66,
        }
    }

    /// Looks up a JWK `crv`.
    pub fn from_jwk_name(name: &str) -> Option<Curve> {
        Curve::ALL
            .into_iter()
            .find(|curve| curve.jwk_name() == name)
    }
}

/// A WebCrypto verification algorithm with its parameters; its key is imported as a public JWK.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlatformAlg {
    /// `RSASSA-PKCS1-v1_5` with this hash.
    RsaPkcs1 { hash: &'static str },
    /// `RSA-PSS` with this hash and a salt as long as the hash (RFC 7518 §3.5).
    RsaPss {
        hash: &'static str,
        salt_length: usize,
    },
    /// `ECDSA` on this curve with this hash; its signature format is JOSE's r‖s.
    Ecdsa {
        hash: &'static str,
        named_curve: &'static str,
    },
    /// `ML-DSA-44`, `ML-DSA-65` or `ML-DSA-87` (WebCrypto's modern algorithms, with the empty
    /// context JOSE uses); a browser without them leaves the check to the worker.
    MlDsa { name: &'static str },
    /// Not for WebCrypto: the page asks its worker at once, which runs the core's RustCrypto
    /// check (Ed448, whose code the page's first load does not carry).
    WorkerOnly,
}

/// A JWS `alg` value.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Alg {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    ES256K,
    ESP256,
    ESP384,
    ESP512,
    EdDSA,
    Ed25519,
    Ed448,
    MlDsa44,
    MlDsa65,
    MlDsa87,
    None,
}

impl Alg {
    /// Every algorithm, in display order.
    pub const ALL: [Alg; 23] = [
        Alg::HS256,
        Alg::HS384,
        Alg::HS512,
        Alg::RS256,
        Alg::RS384,
        Alg::RS512,
        Alg::PS256,
        Alg::PS384,
        Alg::PS512,
        Alg::ES256,
        Alg::ES384,
        Alg::ES512,
        Alg::ES256K,
        Alg::ESP256,
        Alg::ESP384,
        Alg::ESP512,
        Alg::EdDSA,
        Alg::Ed25519,
        Alg::Ed448,
        Alg::MlDsa44,
        Alg::MlDsa65,
        Alg::MlDsa87,
        Alg::None,
    ];

    /// The registered name, exactly as it appears in a header.
    pub fn name(self) -> &'static str {
        self.describe().0
    }

    /// The primitive family.
    pub fn family(self) -> Family {
        self.describe().1
    }

    /// The hash, where the algorithm names one (EdDSA and `none` do not).
    pub fn hash(self) -> Option<Hash> {
        self.describe().2
    }

    /// The curve an ECDSA or fully specified EdDSA algorithm requires (`EdDSA` names none: the
    /// key's `crv` chooses, RFC 8037 §3.1).
    pub fn curve(self) -> Option<Curve> {
        self.describe().3
    }

    /// Whether a key on `curve` is of the kind this algorithm needs: its named curve, or for
    /// `EdDSA` either Edwards curve.
    pub fn accepts_curve(self, curve: Curve) -> bool {
        match (self.family(), self.curve()) {
            (Family::EdDsa, None) => curve.is_edwards(),
            (_, named) => named == Some(curve),
        }
    }

    /// How a platform verifier (the browser's WebCrypto) runs this algorithm, where it can and
    /// is faster than the pure-Rust path: RSA, the NIST curves and ML-DSA. HMAC and Ed25519 are
    /// already fast in Rust, and WebCrypto has no secp256k1. Ed448 goes to the worker only (an
    /// Ed448 key under `EdDSA` too: `verify::platform_for`), and so does ML-DSA where WebCrypto
    /// lacks it, so the page's first load carries neither's code.
    pub fn platform(self) -> Option<PlatformAlg> {
        if let Family::MlDsa(set) = self.family() {
            return Some(PlatformAlg::MlDsa { name: set.name() });
        }
        if let (Family::EdDsa, Some(Curve::Ed448)) = (self.family(), self.curve()) {
            return Some(PlatformAlg::WorkerOnly);
        }
        let hash = self.hash().map(Hash::webcrypto_name)?;
        match (self.family(), self.curve()) {
            (Family::RsaPkcs1, _) => Some(PlatformAlg::RsaPkcs1 { hash }),
            (Family::RsaPss, _) => Some(PlatformAlg::RsaPss {
                hash,
                salt_length: self.hash().map_or(0, Hash::output_len),
            }),
            (Family::Ecdsa, Some(curve @ (Curve::P256 | Curve::P384 | Curve::P521))) => {
                Some(PlatformAlg::Ecdsa {
                    hash,
                    named_curve: curve.jwk_name(),
                })
            }
            (
                Family::Ecdsa,
                Some(
                    Curve::Secp256k1 | Curve::Ed25519 | Curve::X25519 | Curve::Ed448 | Curve::X448,
                )
                | None,
            )
            | (Family::Hmac | Family::EdDsa | Family::MlDsa(_) | Family::Unsecured, _) => None,
        }
    }

    /// Looks up a header's `alg`; names are case-sensitive (RFC 7515 §4.1.1).
    pub fn from_name(name: &str) -> Option<Alg> {
        Alg::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// The one table: name, family, hash, curve.
    fn describe(self) -> (&'static str, Family, Option<Hash>, Option<Curve>) {
        use Family::*;
        use Hash::*;
        match self {
            Alg::HS256 => ("HS256", Hmac, Some(Sha256), None),
            Alg::HS384 => ("HS384", Hmac, Some(Sha384), None),
            Alg::HS512 => ("HS512", Hmac, Some(Sha512), None),
            Alg::RS256 => ("RS256", RsaPkcs1, Some(Sha256), None),
            Alg::RS384 => ("RS384", RsaPkcs1, Some(Sha384), None),
            Alg::RS512 => ("RS512", RsaPkcs1, Some(Sha512), None),
            Alg::PS256 => ("PS256", RsaPss, Some(Sha256), None),
            Alg::PS384 => ("PS384", RsaPss, Some(Sha384), None),
            Alg::PS512 => ("PS512", RsaPss, Some(Sha512), None),
            Alg::ES256 => ("ES256", Ecdsa, Some(Sha256), Some(Curve::P256)),
            Alg::ES384 => ("ES384", Ecdsa, Some(Sha384), Some(Curve::P384)),
            Alg::ES512 => ("ES512", Ecdsa, Some(Sha512), Some(Curve::P521)),
            Alg::ES256K => ("ES256K", Ecdsa, Some(Sha256), Some(Curve::Secp256k1)),
            // RFC 9864 §2.1: the fully specified names; the same signature as ES256/384/512.
            Alg::ESP256 => ("ESP256", Ecdsa, Some(Sha256), Some(Curve::P256)),
            Alg::ESP384 => ("ESP384", Ecdsa, Some(Sha384), Some(Curve::P384)),
            Alg::ESP512 => ("ESP512", Ecdsa, Some(Sha512), Some(Curve::P521)),
            // RFC 8037: the key's crv (Ed25519 or Ed448) chooses the curve.
            Alg::EdDSA => ("EdDSA", EdDsa, None, None),
            Alg::Ed25519 => ("Ed25519", EdDsa, None, Some(Curve::Ed25519)),
            Alg::Ed448 => ("Ed448", EdDsa, None, Some(Curve::Ed448)),
            // FIPS 204 pure ML-DSA, JOSE names of draft-ietf-cose-dilithium.
            Alg::MlDsa44 => ("ML-DSA-44", MlDsa(MlDsaSet::MlDsa44), None, None),
            Alg::MlDsa65 => ("ML-DSA-65", MlDsa(MlDsaSet::MlDsa65), None, None),
            Alg::MlDsa87 => ("ML-DSA-87", MlDsa(MlDsaSet::MlDsa87), None, None),
            Alg::None => ("none", Unsecured, None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each variant's place in `ALL`: an exhaustive match, so a new variant does not compile
    /// until it is placed, and the test below fails until `ALL` holds it there.
    fn place(alg: Alg) -> usize {
        match alg {
            Alg::HS256 => 0,
            Alg::HS384 => 1,
            Alg::HS512 => 2,
            Alg::RS256 => 3,
            Alg::RS384 => 4,
            Alg::RS512 => 5,
            Alg::PS256 => 6,
            Alg::PS384 => 7,
            Alg::PS512 => 8,
            Alg::ES256 => 9,
            Alg::ES384 => 10,
            Alg::ES512 => 11,
            Alg::ES256K => 12,
            Alg::ESP256 => 13,
            Alg::ESP384 => 14,
            Alg::ESP512 => 15,
            Alg::EdDSA => 16,
            Alg::Ed25519 => 17,
            Alg::Ed448 => 18,
            Alg::MlDsa44 => 19,
            Alg::MlDsa65 => 20,
            Alg::MlDsa87 => 21,
            Alg::None => 22,
        }
    }

    fn hash_place(hash: Hash) -> usize {
        match hash {
            Hash::Sha256 => 0,
            Hash::Sha384 => 1,
            Hash::Sha512 => 2,
        }
    }

    #[test]
    fn every_all_list_is_in_step_with_its_enum() {
        for (index, alg) in Alg::ALL.into_iter().enumerate() {
            assert_eq!(place(alg), index, "{alg:?}");
        }
        for (index, hash) in Hash::ALL.into_iter().enumerate() {
            assert_eq!(hash_place(hash), index, "{hash:?}");
            assert_eq!(Hash::from_name(hash.webcrypto_name()), Some(hash));
        }
    }

    #[test]
    fn every_entry_round_trips_by_name() {
        for alg in Alg::ALL {
            assert_eq!(Alg::from_name(alg.name()), Some(alg));
        }
    }

    #[test]
    fn ecdsa_algorithms_name_their_curve_and_hash() {
        for alg in Alg::ALL {
            let has_curve = alg.curve().is_some();
            let curve_family = matches!(alg.family(), Family::Ecdsa | Family::EdDsa);
            // Polymorphic EdDSA takes the key's curve (RFC 8037 §3.1).
            assert_eq!(
                has_curve,
                curve_family && alg != Alg::EdDSA,
                "{}",
                alg.name()
            );
        }
        assert!(Alg::EdDSA.accepts_curve(Curve::Ed25519));
        assert!(Alg::EdDSA.accepts_curve(Curve::Ed448));
        assert!(!Alg::EdDSA.accepts_curve(Curve::X448));
        assert!(Alg::Ed448.accepts_curve(Curve::Ed448));
        assert!(!Alg::Ed448.accepts_curve(Curve::Ed25519));
        assert!(!Alg::Ed25519.accepts_curve(Curve::Ed448));
        assert!(Alg::ES256.accepts_curve(Curve::P256));
        assert!(!Alg::ES256.accepts_curve(Curve::P384));
        assert_eq!(Alg::ES512.curve(), Some(Curve::P521));
        assert_eq!(Alg::ES512.hash(), Some(Hash::Sha512));
        assert_eq!(Alg::ES256K.curve(), Some(Curve::Secp256k1));
    }

    #[test]
    fn curve_names_round_trip() {
        for curve in Curve::ALL {
            assert_eq!(Curve::from_jwk_name(curve.jwk_name()), Some(curve));
            // A signature algorithm never names the key-agreement curve.
            let signs = Alg::ALL.iter().any(|alg| alg.curve() == Some(curve));
            let agrees = matches!(curve, Curve::X25519 | Curve::X448);
            assert_eq!(signs, !agrees, "{curve:?}");
            assert_eq!(
                curve.is_edwards(),
                Alg::EdDSA.accepts_curve(curve),
                "{curve:?}"
            );
        }
        assert_eq!(Curve::from_jwk_name("x448"), None);
        assert_eq!(Curve::Ed448.coordinate_len(), 57);
        assert_eq!(Curve::X448.coordinate_len(), 56);
        for kty in Kty::ALL {
            assert_eq!(Kty::from_name(kty.name()), Some(kty));
        }
        assert_eq!(Curve::X25519.kty(), Kty::Okp);
        assert_eq!(Curve::Secp256k1.kty(), Kty::Ec);
    }

    #[test]
    fn names_are_case_sensitive() {
        assert_eq!(Alg::from_name("hs256"), None);
        assert_eq!(Alg::from_name("None"), None);
        assert_eq!(Alg::from_name("NONE"), None);
    }

    #[test]
    fn only_rsa_nist_curves_ml_dsa_and_ed448_go_to_the_platform() {
        for alg in Alg::ALL {
            let webcrypto =
                matches!(
                    alg.family(),
                    Family::RsaPkcs1 | Family::RsaPss | Family::MlDsa(_)
                ) || matches!(alg.curve(), Some(Curve::P256 | Curve::P384 | Curve::P521));
            let worker = alg.curve() == Some(Curve::Ed448);
            assert_eq!(
                alg.platform().is_some(),
                webcrypto || worker,
                "{}",
                alg.name()
            );
            assert_eq!(
                alg.platform() == Some(PlatformAlg::WorkerOnly),
                worker,
                "{}",
                alg.name()
            );
        }
        for set in MlDsaSet::ALL {
            assert_eq!(
                set.alg().platform(),
                Some(PlatformAlg::MlDsa { name: set.name() })
            );
            assert_eq!(set.alg().family(), Family::MlDsa(set));
            assert_eq!(MlDsaSet::from_name(set.name()), Some(set));
            assert_eq!(MlDsaSet::from_oid(&set.oid()), Some(set));
        }
        assert_eq!(
            Alg::PS384.platform(),
            Some(PlatformAlg::RsaPss {
                hash: "SHA-384",
                salt_length: 48
            })
        );
        assert_eq!(
            Alg::ES512.platform(),
            Some(PlatformAlg::Ecdsa {
                hash: "SHA-512",
                named_curve: "P-521"
            })
        );
        // RFC 9864's fully specified names run exactly as the polymorphic ones.
        for (specified, polymorphic) in [
            (Alg::ESP256, Alg::ES256),
            (Alg::ESP384, Alg::ES384),
            (Alg::ESP512, Alg::ES512),
        ] {
            assert_eq!(specified.platform(), polymorphic.platform());
            assert_eq!(specified.curve(), polymorphic.curve());
            assert_eq!(specified.hash(), polymorphic.hash());
        }
        assert_eq!(Alg::Ed448.platform(), Some(PlatformAlg::WorkerOnly));
        assert_eq!(Alg::EdDSA.platform(), None);
    }

    #[test]
    fn hmac_hashes_match_their_names() {
        assert_eq!(Alg::HS256.hash().map(Hash::output_len), Some(32));
        assert_eq!(Alg::HS384.hash().map(Hash::output_len), Some(48));
        assert_eq!(Alg::HS512.hash().map(Hash::output_len), Some(64));
    }
}
