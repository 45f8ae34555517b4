//! The pure JOSE core: decoding, base64url, JSON views, keys, algorithms and verification.
//! It never touches the browser, so everything here is tested natively with `cargo test`.

pub mod alg;
pub mod base64url;
pub mod claims;
pub mod ecdsa;
pub mod eddsa;
pub mod embedded;
pub mod error;
pub mod examples;
pub mod hex;
pub mod hmac;
pub mod human;
pub mod input;
pub mod inspection;
pub mod issuer;
pub mod json_text;
pub mod json_view;
pub mod jwe;
pub mod jws_json;
pub mod key;
pub mod keygen;
pub mod known_secrets;
pub mod lint;
pub mod platform;
pub mod policy;
pub mod protocol;
pub mod redacted;
pub mod rsa;
pub mod share;
pub mod sign;
pub mod status;
pub mod strict;
pub mod summary;
pub mod token;
pub mod verify;
pub mod workshop;
