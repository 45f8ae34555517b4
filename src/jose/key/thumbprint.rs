//! RFC 7638 JWK thumbprints (SHA-256), computed from the parsed key so every format agrees.

use sha2::{Digest, Sha256};

use super::{rsa_key, Key};
use crate::jose::base64url::encode;

/// The base64url SHA-256 thumbprint of the key's required JWK members, in lexicographic order.
pub fn of(key: &Key) -> String {
    of_canonical(&canonical_json(key))
}

/// The thumbprint of an already computed canonical JSON.
pub fn of_canonical(canonical_json: &str) -> String {
    encode(&Sha256::digest(canonical_json.as_bytes()))
}

/// The RFC 7638 canonical JSON: required members only, sorted, no whitespace.
pub fn canonical_json(key: &Key) -> String {
    // Every value is base64url or a fixed name, so nothing needs JSON escaping.
    match key {
        Key::Secret(secret) => format!(r#"{{"k":"{}","kty":"oct"}}"#, encode(secret.bytes())),
        Key::Rsa(key) => format!(
            r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
            encode(&rsa_key::exponent(key)),
            encode(&rsa_key::modulus(key))
        ),
        Key::Ec(key) => {
            let (x, y) = key.coordinates();
            format!(
                r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
                key.curve().jwk_name(),
                encode(&x),
                encode(&y)
            )
        }
        Key::Ed25519(key) => format!(
            r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#,
            encode(key.as_bytes())
        ),
        // draft-ietf-cose-dilithium: an AKP key's required members are alg, kty and pub.
        Key::MlDsa(key) => format!(
            r#"{{"alg":"{}","kty":"AKP","pub":"{}"}}"#,
            key.set().name(),
            encode(key.bytes())
        ),
        Key::Ed448(key) => format!(
            r#"{{"crv":"Ed448","kty":"OKP","x":"{}"}}"#,
            encode(key.as_bytes())
        ),
    }
}
