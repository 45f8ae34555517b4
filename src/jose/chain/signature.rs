//! Certificate signature algorithms, described once (RFC 5758, RFC 4055, RFC 8410), and the
//! check of one link's signature with the issuer's key, using the JOSE primitives.

use der::asn1::ObjectIdentifier;
use spki::AlgorithmIdentifierOwned;

use super::Problem;
use crate::jose::alg::{Curve, Hash, PlatformAlg};
use crate::jose::key::{Key, KeyEntry};
use crate::jose::{ecdsa, eddsa, rsa};

/// What a signature algorithm OID means here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Pkcs1(Hash),
    /// RSASSA-PSS: the hash and salt come from the parameters.
    Pss,
    Ecdsa(Hash),
    Ed25519,
    /// Broken for signatures (SHA-1, MD5, MD2): not checked, so never `ok`.
    Weak,
    /// Sound but not run here (SHA-224, Ed448).
    Unsupported,
}

const fn oid(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(dotted)
}

/// Every certificate signature algorithm this page names, with its name as RFCs write it.
const ALGORITHMS: [(ObjectIdentifier, &str, Kind); 15] = [
    (
        oid("1.2.840.113549.1.1.11"),
        "sha256WithRSAEncryption",
        Kind::Pkcs1(Hash::Sha256),
    ),
    (
        oid("1.2.840.113549.1.1.12"),
        "sha384WithRSAEncryption",
        Kind::Pkcs1(Hash::Sha384),
    ),
    (
        oid("1.2.840.113549.1.1.13"),
        "sha512WithRSAEncryption",
        Kind::Pkcs1(Hash::Sha512),
    ),
    (oid("1.2.840.113549.1.1.10"), "RSASSA-PSS", Kind::Pss),
    (
        oid("1.2.840.10045.4.3.2"),
        "ecdsa-with-SHA256",
        Kind::Ecdsa(Hash::Sha256),
    ),
    (
        oid("1.2.840.10045.4.3.3"),
        "ecdsa-with-SHA384",
        Kind::Ecdsa(Hash::Sha384),
    ),
    (
        oid("1.2.840.10045.4.3.4"),
        "ecdsa-with-SHA512",
        Kind::Ecdsa(Hash::Sha512),
    ),
    (oid("1.3.101.112"), "Ed25519", Kind::Ed25519),
    (
        oid("1.2.840.113549.1.1.5"),
        "sha1WithRSAEncryption",
        Kind::Weak,
    ),
    (
        oid("1.2.840.113549.1.1.4"),
        "md5WithRSAEncryption",
        Kind::Weak,
    ),
    (
        oid("1.2.840.113549.1.1.2"),
        "md2WithRSAEncryption",
        Kind::Weak,
    ),
    (oid("1.2.840.10045.4.1"), "ecdsa-with-SHA1", Kind::Weak),
    (
        oid("1.2.840.113549.1.1.14"),
        "sha224WithRSAEncryption",
        Kind::Unsupported,
    ),
    (
        oid("1.2.840.10045.4.3.1"),
        "ecdsa-with-SHA224",
        Kind::Unsupported,
    ),
    (oid("1.3.101.113"), "Ed448", Kind::Unsupported),
];

/// The hash OIDs RSASSA-PSS parameters name (RFC 4055 §2.1); SHA-1 is the parameters' default.
const HASHES: [(ObjectIdentifier, Option<Hash>); 4] = [
    (oid("2.16.840.1.101.3.4.2.1"), Some(Hash::Sha256)),
    (oid("2.16.840.1.101.3.4.2.2"), Some(Hash::Sha384)),
    (oid("2.16.840.1.101.3.4.2.3"), Some(Hash::Sha512)),
    (oid("1.3.14.3.2.26"), None),
];
const MGF1: ObjectIdentifier = oid("1.2.840.113549.1.1.8");

/// The algorithm's name, or its dotted OID when this page does not know it.
pub(super) fn name(algorithm: &ObjectIdentifier) -> String {
    ALGORITHMS
        .iter()
        .find(|(known, _, _)| known == algorithm)
        .map_or_else(|| algorithm.to_string(), |(_, name, _)| (*name).to_owned())
}

fn kind(algorithm: &ObjectIdentifier) -> Kind {
    ALGORITHMS
        .iter()
        .find(|(known, _, _)| known == algorithm)
        .map_or(Kind::Unsupported, |(_, _, kind)| *kind)
}

/// How a link's signature is computed: the primitive and its hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// RSASSA-PKCS1-v1_5.
    RsaPkcs1(Hash),
    /// RSASSA-PSS with MGF1 over the same hash and this salt length.
    RsaPss { hash: Hash, salt_len: usize },
    /// ECDSA with this hash, on the issuer key's curve (which need not be the hash's usual).
    Ecdsa(Hash),
    /// Ed25519 (RFC 8410), strict verification.
    Ed25519,
}

/// One certificate signature to check: the issuer's key over the child's TBSCertificate. It
/// owns its bytes so it can be sent to the platform verifier or the worker.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkSignature {
    /// The primitive and hash, from the child's signature algorithm.
    pub scheme: Scheme,
    /// The issuer's public key (with its canonical JWK, for a platform verifier's import).
    pub key: KeyEntry,
    /// The child's TBSCertificate DER, as received.
    pub signed: Vec<u8>,
    /// The signature; ECDSA's DER signature is converted to fixed-length r‖s, the form JOSE
    /// and WebCrypto take.
    pub signature: Vec<u8>,
}

impl LinkSignature {
    /// What a platform verifier (WebCrypto) runs for it: RSA, and ECDSA on the NIST curves;
    /// `None` for Ed25519, which the page checks itself (`ed25519_here`).
    pub fn platform_algorithm(&self) -> Option<PlatformAlg> {
        match (self.scheme, &self.key.key) {
            (Scheme::RsaPkcs1(hash), Key::Rsa(_)) => Some(PlatformAlg::RsaPkcs1 {
                hash: hash.webcrypto_name(),
            }),
            (Scheme::RsaPss { hash, salt_len }, Key::Rsa(_)) => Some(PlatformAlg::RsaPss {
                hash: hash.webcrypto_name(),
                salt_length: salt_len,
            }),
            (Scheme::Ecdsa(hash), Key::Ec(key)) => match key.curve() {
                curve @ (Curve::P256 | Curve::P384 | Curve::P521) => Some(PlatformAlg::Ecdsa {
                    hash: hash.webcrypto_name(),
                    named_curve: curve.jwk_name(),
                }),
                Curve::Secp256k1 | Curve::Ed25519 | Curve::X25519 | Curve::Ed448 | Curve::X448 => {
                    None
                }
            },
            _ => None,
        }
    }

    /// The Ed25519 check here (the page carries it for EdDSA tokens); `None` for the other
    /// schemes, so the page does not carry RSA and the NIST curves for them.
    pub fn ed25519_here(&self) -> Option<bool> {
        match (self.scheme, &self.key.key) {
            (Scheme::Ed25519, Key::Ed25519(key)) => {
                Some(eddsa::verify(key, &self.signed, &self.signature))
            }
            _ => None,
        }
    }

    /// Runs the check here, with RustCrypto (natively and in the worker).
    pub fn verify_here(&self) -> bool {
        match (self.scheme, &self.key.key) {
            (Scheme::RsaPkcs1(hash), Key::Rsa(key)) => key
                .to_public_key()
                .is_ok_and(|key| rsa::verify_pkcs1(hash, &key, &self.signed, &self.signature)),
            (Scheme::RsaPss { hash, salt_len }, Key::Rsa(key)) => {
                key.to_public_key().is_ok_and(|key| {
                    rsa::verify_pss_salt(hash, &key, salt_len, &self.signed, &self.signature)
                })
            }
            (Scheme::Ecdsa(hash), Key::Ec(key)) => {
                ecdsa::verify(hash, key, &self.signed, &self.signature)
            }
            (Scheme::Ed25519, Key::Ed25519(key)) => {
                eddsa::verify(key, &self.signed, &self.signature)
            }
            _ => false,
        }
    }
}

/// Prepares the check of `signature` (made with `algorithm` over `signed`) with the issuer's
/// key: the algorithm's parameters are read and the key's type checked before any crypto. The
/// error is the link's verdict when no check is needed to know it fails.
pub(super) fn prepare(
    algorithm: &AlgorithmIdentifierOwned,
    issuer_key: &Result<KeyEntry, String>,
    signed: &[u8],
    signature: Option<&[u8]>,
) -> Result<LinkSignature, Problem> {
    let algorithm_name = name(&algorithm.oid);
    let scheme = match kind(&algorithm.oid) {
        Kind::Pkcs1(hash) => Scheme::RsaPkcs1(hash),
        Kind::Ecdsa(hash) => Scheme::Ecdsa(hash),
        Kind::Ed25519 => Scheme::Ed25519,
        Kind::Pss => pss_parameters(algorithm)?,
        Kind::Weak => {
            return Err(Problem::WeakAlgorithm {
                algorithm: algorithm_name,
            })
        }
        Kind::Unsupported => {
            return Err(Problem::UnsupportedAlgorithm {
                algorithm: algorithm_name,
            })
        }
    };
    let key = match issuer_key {
        Ok(key) => key,
        Err(reason) => {
            return Err(Problem::UnusableIssuerKey {
                reason: reason.clone(),
            })
        }
    };
    let fits = matches!(
        (scheme, &key.key),
        (Scheme::RsaPkcs1(_) | Scheme::RsaPss { .. }, Key::Rsa(_))
            | (Scheme::Ecdsa(_), Key::Ec(_))
            | (Scheme::Ed25519, Key::Ed25519(_))
    );
    if !fits {
        return Err(Problem::WrongKeyType {
            algorithm: algorithm_name,
            key: super::certificate::key_name(&key.key),
        });
    }
    let Some(signature) = signature else {
        return Err(Problem::BadSignature);
    };
    let signature = match (&scheme, &key.key) {
        (Scheme::Ecdsa(_), Key::Ec(ec)) => match crate::jose::ecdsa::der_to_fixed(ec, signature) {
            Some(fixed) => fixed,
            None => return Err(Problem::BadSignature),
        },
        _ => signature.to_vec(),
    };
    Ok(LinkSignature {
        scheme,
        key: key.clone(),
        signed: signed.to_vec(),
        signature,
    })
}

/// RSASSA-PSS-params (RFC 4055 §3.1): the hash, MGF1 over the same hash (the only form the
/// `rsa` crate runs, and what every issuer writes) and the salt length. The decoder itself
/// refuses a trailer field other than 1 and a salt over 255 bytes.
fn pss_parameters(algorithm: &AlgorithmIdentifierOwned) -> Result<Scheme, Problem> {
    let unsupported = |why: &str| Problem::UnsupportedAlgorithm {
        algorithm: format!("RSASSA-PSS {why}"),
    };
    let Some(parameters) = &algorithm.parameters else {
        return Err(unsupported("without parameters"));
    };
    let params = parameters
        .decode_as::<pkcs1::RsaPssParamsOwned>()
        .map_err(|_| unsupported("with unreadable parameters"))?;
    let hash = HASHES
        .iter()
        .find(|(oid, _)| *oid == params.hash.oid)
        .map(|(_, hash)| *hash)
        .ok_or_else(|| unsupported(&format!("with hash {}", params.hash.oid)))?;
    let Some(hash) = hash else {
        return Err(Problem::WeakAlgorithm {
            algorithm: "RSASSA-PSS with SHA-1".to_owned(),
        });
    };
    let mgf_hash = params.mask_gen.parameters.as_ref().map(|inner| inner.oid);
    if params.mask_gen.oid != MGF1 || mgf_hash != Some(params.hash.oid) {
        return Err(unsupported(
            "with a mask generation other than MGF1 over its hash",
        ));
    }
    Ok(Scheme::RsaPss {
        hash,
        salt_len: usize::from(params.salt_len),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_algorithm_is_named_once_and_read_back() {
        for (index, (oid, algorithm, expected)) in ALGORITHMS.iter().enumerate() {
            assert_eq!(name(oid), *algorithm);
            assert_eq!(kind(oid), *expected);
            let later = ALGORITHMS.iter().skip(index + 1);
            assert!(
                later.clone().all(|(other, _, _)| other != oid),
                "{algorithm}"
            );
            assert!(later.clone().all(|(_, other, _)| other != algorithm));
        }
    }

    #[test]
    fn an_unknown_oid_is_named_by_its_digits_and_unsupported() {
        let unknown = oid("1.2.3.4");
        assert_eq!(name(&unknown), "1.2.3.4");
        assert_eq!(kind(&unknown), Kind::Unsupported);
    }
}
