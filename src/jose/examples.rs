//! The examples menu's table: one token and key box per example, each filling both boxes
//! with something that shows one part of the page (a secret, a JWK Set picked by `kid`, a PEM
//! key, EdDSA, an encrypted token, a decode error). The tokens and keys were made by
//! `tests/fixtures/generate_examples.py` (its docstring has the commands); `tests/examples.rs`
//! checks each gives the verdict the page promises.

use super::key::SecretEncoding;

/// One entry of the examples menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    /// jwt.io's default token and its (too short) secret.
    Hs256,
    /// An RS256 ID-token-like JWT and a JWK Set of two RSA keys, one with the token's `kid`.
    Rs256Jwks,
    /// An ES256 JWT and its P-256 public key as PEM.
    Es256Pem,
    /// An EdDSA (Ed25519) JWT and its public OKP JWK.
    EdDsa,
    /// A JWE (`dir`, `A256GCM`) carrying jwt.io's token, and its `oct` JWK.
    Jwe,
    /// A token whose payload is not base64url.
    Broken,
}

impl Example {
    /// Every example, in the menu's order.
    pub const ALL: [Example; 6] = [
        Example::Hs256,
        Example::Rs256Jwks,
        Example::Es256Pem,
        Example::EdDsa,
        Example::Jwe,
        Example::Broken,
    ];

    /// The stable id, the menu item's `data-example`.
    pub fn id(self) -> &'static str {
        match self {
            Example::Hs256 => "hs256",
            Example::Rs256Jwks => "rs256-jwks",
            Example::Es256Pem => "es256-pem",
            Example::EdDsa => "eddsa",
            Example::Jwe => "jwe",
            Example::Broken => "broken",
        }
    }

    /// The example with this id.
    pub fn from_id(id: &str) -> Option<Example> {
        Example::ALL.into_iter().find(|example| example.id() == id)
    }

    /// The menu item's words.
    pub fn label(self) -> &'static str {
        match self {
            Example::Hs256 => "HS256 with a secret",
            Example::Rs256Jwks => "RS256 with a JWK Set",
            Example::Es256Pem => "ES256 with a PEM public key",
            Example::EdDsa => "EdDSA (Ed25519)",
            Example::Jwe => "Encrypted (JWE) with its key",
            Example::Broken => "A broken token",
        }
    }

    /// The token box's text.
    pub fn token(self) -> &'static str {
        match self {
            Example::Hs256 => HS256_TOKEN,
            Example::Rs256Jwks => RS256_TOKEN,
            Example::Es256Pem => ES256_TOKEN,
            Example::EdDsa => EDDSA_TOKEN,
            Example::Jwe => JWE_TOKEN,
            Example::Broken => BROKEN_TOKEN,
        }
    }

    /// The key box's text: the secret, key or key set that checks (or opens) the token.
    pub fn key(self) -> &'static str {
        match self {
            Example::Hs256 | Example::Broken => HS256_SECRET,
            Example::Rs256Jwks => RS256_KEY,
            Example::Es256Pem => ES256_KEY,
            Example::EdDsa => EDDSA_KEY,
            Example::Jwe => JWE_KEY,
        }
    }

    /// How the key box's secret is read: UTF-8 text for every example.
    pub fn encoding(self) -> SecretEncoding {
        SecretEncoding::Utf8
    }
}

const HS256_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
const HS256_SECRET: &str = "your-256-bit-secret";
const RS256_TOKEN: &str = r#"eyJhbGciOiJSUzI1NiIsImtpZCI6IjIwMjUtMDEiLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUuY29tIiwic3ViIjoiMjQ4Mjg5NzYxMDAxIiwiYXVkIjoiczZCaGRSa3F0MyIsIm5vbmNlIjoibi0wUzZfV3pBMk1qIiwiaWF0IjoxNzM1Njg5NjAwLCJleHAiOjQwNzA5MDg4MDAsIm5hbWUiOiJKYW5lIERvZSJ9.OWwM1Sl4VJFDoM13TwDF2xpHMx6ZQsBy9rXX6l8FczQ5Alh7pqkKlVidPJ8s03Hq0yycCVLlUwSdVwVHii8Fm0PVuCTT7nwbBw3a-fO2BpkIarRUP8LB54Vmg_PYtLmxfAKxuqJ1Gf7ZfuzubBn5B91MTc3NabsffO701udz-EDAPcFpX8rxHsv-_AR_BOkzjcnreYDlq0ADZvyiljhmzP7RmQbP7H0B30sLkiEDgxJAc5-u0EQO0yDHxJMEL3ymi2K7k2Ffzt3kXAHcYGc2RGQpiRTOErDDKbu4qxfGOISNoam35_2Lwyn7Z_IviWa0_m_niQK6pb4KNkm6eW6XFw"#;
const RS256_KEY: &str = r#"{"keys":[
{"kty":"RSA","kid":"2024-01","use":"sig","alg":"RS256","n":"4jigkc62Qexca2bLM3qlv8kFqltlR9RJzYMk8_YZ8kHVLgN48L1xy7EhUMkKZT6pD6SnLnMBEVVmg4U0wPIw8fLTihpeiOYcGwO52ON8UJG-YqHqsZJ8SKyKfl4D5gQMfSMc-OtVAggH-SNNlNstQuT05pPMb2EYGzbd8tEQbOOhh2Bzda5yeJXpwExuttDMcHxY6j8ykBPVhOXb5BmnsPhjxldhw_DlOkJfRezpP4N8i-tXINcDrFTb2PRUnSuaNgJZw4qsSTtyLR9AghkKF7P7QZPAiQtenMG_HZIWPbQYju_F8N4SCjUNsnSi1vmr7LLbLWu5d3gqc2qQE8-vgQ","e":"AQAB"},
{"kty":"RSA","kid":"2025-01","use":"sig","alg":"RS256","n":"xeMDkZxk3uuVs1B1jlYJANH5yGN1psk_O1O4Axr6mCXGlXQWox-xPq7WPtbuzZYrpFNhNMNJhC786wlM9-M6_qJQdRWy1Dzk0EugYDAc6sWbj8dnoSulrHGlJVmAUXMZDrqLz-F4hNg8wF0A09TFdlM5z-eYjo4sdydKVn-r4zY1QWiX8nQ8PjpgRiXSjQO7xmemEOMSwpPhvLoG0SFgFIkkv-mK7i9KX9Tq10FTAQRwoogJRGG__OYDNxNf3lioXgX2S4X_HPNjmdeAcxtRuztVXkC7hN82WNrUo8IbO_ZMC4zjTsg7Ha7_ZhXKOj6Bfe1x7BCyXQF-Uh2BYvAUtw","e":"AQAB"}
]}"#;
const ES256_TOKEN: &str = r#"eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTczNTY4OTYwMH0.nuxe613WP4yXwMwcbsCRp1gG9mAdGEhJYNK7siK6DjAI18PsCbOJy7nYn0yh5BOq3tD1MKgs_c7aVMtNzjS5tQ"#;
const ES256_KEY: &str = r#"-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAErML86wVgMwLHJx4fOuJVsUhoswgl
kxV5L61/xLBKRkQYqhpIpznWKmC5q0wkjlU1HqOqfUtYAk5Z6yzEDi5cqQ==
-----END PUBLIC KEY-----"#;
const EDDSA_TOKEN: &str = r#"eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNzM1Njg5NjAwfQ.EaP0AgLMEnisYIleUQ5ZFhViUNR55l3RyMelDdwXbeH_5s_StpJkYrYbKI48U8uIVcCsD9DikXQLJFAmp0RuCQ"#;
const EDDSA_KEY: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"ZMkP_hvoX348dDUhaAaIt9C748Jbne-D9m1PBkcEZik"}"#;
const JWE_TOKEN: &str = r#"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwiY3R5IjoiSldUIn0..ikSWnkGHt3opiV28.6Iu9nixjurBcxD8akPD4Pzti_wrhhk-f8QFnHcpNUl9d_TRcZIenokTKKzGMcVgk2zeg4aE9ME9hLCaPZneavfPHYWHm9-7LWmmuOp5k8mElR93mqGlWSuQdc6LN-wjdN7kHMwhQvwBgo8eeynck-twT83snwrBIPY9BWmR9FCnYksq4GdLQCoCAA1taeecFX633QSOA8aQhGyk.ulqV14Gn0saSJTpYNBUu1g"#;
const JWE_KEY: &str = r#"{"kty":"oct","k":"tkhq-YuckKA6-PyffxkxppVyT4i9VK-eg8-pGv61Bt4"}"#;
const BROKEN_TOKEN: &str = r#"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ikpv….SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"#;
