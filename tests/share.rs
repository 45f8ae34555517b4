//! Share links: the fragment carries token, key and mode percent-encoded and reads back the
//! same; broken escapes are kept as written; and only a key box of public keys may be shared.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixture, JWT_IO_SECRET, JWT_IO_TOKEN};
use jwt_debugger::jose::alg::MlDsaSet;
use jwt_debugger::jose::examples::Example;
use jwt_debugger::jose::input::token_from_fragment;
use jwt_debugger::jose::key::export::{self, JwkLabels};
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::keygen::{self, KeyKind};
use jwt_debugger::jose::share::{
    fragment, is_shareable, percent_decode, percent_encode, read_fragment, Shared,
};

/// An RFC 7520 §3 key, as the JWK text a user pastes.
fn rfc7520_jwk(name: &str) -> String {
    let path = format!(
        "{}/tests/vectors/rfc7520/jwk/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

const PEM: &str =
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+/=\n-----END PUBLIC KEY-----";

#[test]
fn a_fragment_reads_back_what_was_put_in() {
    let link = fragment(JWT_IO_TOKEN, Some(PEM), Some("encoder"));
    // A base64url token needs no escapes; the PEM's newlines, spaces, '+', '/' and '=' do.
    assert!(link.starts_with(&format!(
        "#token={JWT_IO_TOKEN}&key=-----BEGIN%20PUBLIC%20KEY-----%0A"
    )));
    assert!(link.contains("%2B%2F%3D"), "{link}");
    assert!(link.ends_with("&mode=encoder"));
    assert_eq!(
        read_fragment(&link),
        Shared {
            token: Some(JWT_IO_TOKEN.to_owned()),
            key: Some(PEM.to_owned()),
            mode: Some("encoder".to_owned()),
        }
    );
    // The page's older reader still finds the token.
    assert_eq!(token_from_fragment(&link), Some(JWT_IO_TOKEN));
}

#[test]
fn empty_members_are_left_out_and_read_as_none() {
    assert_eq!(fragment("", None, Some("keys")), "#mode=keys");
    assert_eq!(fragment("a.b.c", Some(""), None), "#token=a.b.c");
    assert_eq!(fragment("", None, None), "");
    assert_eq!(read_fragment(""), Shared::default());
    assert_eq!(read_fragment("#token=&key="), Shared::default());
    let shared = read_fragment("#mode=keys");
    assert_eq!(shared.mode.as_deref(), Some("keys"));
    assert_eq!(shared.token, None);
    // Names must match whole, and the first of each counts.
    assert_eq!(read_fragment("#tokens=a.b.c").token, None);
    assert_eq!(read_fragment("token=a&token=b").token.as_deref(), Some("a"));
}

#[test]
fn unicode_and_every_reserved_character_survive() {
    let text = "é ü 🔑 +/=?&#%~._-";
    let encoded = percent_encode(text);
    assert!(encoded
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"%-._~".contains(&b)));
    assert!(encoded.ends_with("~._-"));
    assert_eq!(percent_decode(&encoded), text);
    // What encodeURIComponent writes (lowercase escapes, unescaped "!'()*") reads too.
    assert_eq!(percent_decode("a%2fb%20!'()*"), "a/b !'()*");
}

#[test]
fn a_broken_escape_leaves_the_raw_text() {
    for raw in ["100%", "%zz", "a%2", "%C3%28"] {
        assert_eq!(percent_decode(raw), raw, "{raw}");
    }
    // A '+' is a '+' in a fragment, not a space.
    assert_eq!(percent_decode("a+b"), "a+b");
    assert_eq!(read_fragment("#key=50%&mode=x").key.as_deref(), Some("50%"));
}

#[test]
fn public_keys_only_are_shareable() {
    let utf8 = SecretEncoding::Utf8;
    let rs256 = fixture("RS256");
    let keys = &rs256["keys"];
    for format in [
        "spki-pem",
        "pkcs1-public-pem",
        "certificate-pem",
        "jwk",
        "jwks",
    ] {
        let text = keys[format].as_str().unwrap();
        assert!(is_shareable(text, utf8), "{format}");
    }
    for example in [Example::Rs256Jwks, Example::Es256Pem, Example::EdDsa] {
        assert!(
            is_shareable(example.key(), example.encoding()),
            "{}",
            example.id()
        );
    }
}

#[test]
fn secrets_and_private_keys_are_never_shareable() {
    let utf8 = SecretEncoding::Utf8;
    let rs256 = fixture("RS256");
    let keys = &rs256["keys"];
    // A secret, in every encoding.
    for encoding in [utf8, SecretEncoding::Base64, SecretEncoding::Hex] {
        assert!(!is_shareable(JWT_IO_SECRET, encoding));
    }
    assert!(!is_shareable(Example::Jwe.key(), utf8), "an oct JWK");
    let hs = fixture("HS256");
    assert!(!is_shareable(hs["keys"]["jwk"].as_str().unwrap(), utf8));
    assert!(!is_shareable(hs["keys"]["jwks"].as_str().unwrap(), utf8));
    // Private keys as PEM and JWK.
    for format in ["pkcs8-pem", "pkcs1-private-pem"] {
        assert!(
            !is_shareable(keys[format].as_str().unwrap(), utf8),
            "{format}"
        );
    }
    let sec1 = fixture("ES256")["keys"]["sec1-pem"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!is_shareable(&sec1, utf8), "SEC1");
    for (public, private) in [
        ("3_1.ec_public_key", "3_2.ec_private_key"),
        ("3_3.rsa_public_key", "3_4.rsa_private_key"),
    ] {
        assert!(is_shareable(&rfc7520_jwk(public), utf8), "{public}");
        assert!(!is_shareable(&rfc7520_jwk(private), utf8), "{private}");
    }
    assert!(!is_shareable(
        &rfc7520_jwk("3_5.symmetric_key_mac_computation"),
        utf8
    ));
    // A public JWK with a private member added, and a set with one private key.
    let public: serde_json::Value = serde_json::from_str(keys["jwk"].as_str().unwrap()).unwrap();
    let mut private = public.clone();
    private["d"] = "AQAB".into();
    assert!(!is_shareable(&private.to_string(), utf8));
    let set = serde_json::json!({ "keys": [public, private] }).to_string();
    assert!(!is_shareable(&set, utf8));
    // An ML-DSA private key as the Keys tab writes it: an AKP JWK whose `priv` is the seed (the
    // whole private key); its public JWK is shareable, a set holding the private one is not.
    let ml_dsa = keygen::generate(KeyKind::MlDsa(MlDsaSet::MlDsa44)).unwrap();
    let akp_private = export::private_jwk(&ml_dsa, &JwkLabels::default());
    let akp_public = export::public_jwk(&ml_dsa.public(), &JwkLabels::default());
    assert!(akp_private.get("priv").is_some());
    assert!(
        is_shareable(&akp_public.to_string(), utf8),
        "a public AKP JWK"
    );
    assert!(
        !is_shareable(&akp_private.to_string(), utf8),
        "a private AKP JWK"
    );
    let akp_set = serde_json::json!({ "keys": [akp_public, akp_private] }).to_string();
    assert!(
        !is_shareable(&akp_set, utf8),
        "a set with a private AKP JWK"
    );
    // A public PEM followed by a private one, or text around it.
    let spki = keys["spki-pem"].as_str().unwrap();
    let pkcs8 = keys["pkcs8-pem"].as_str().unwrap();
    assert!(!is_shareable(&format!("{spki}\n{pkcs8}"), utf8));
    assert!(!is_shareable(&format!("{spki}\nhunter2"), utf8));
    // What does not read as a key at all.
    for broken in [
        "",
        "{",
        "{\"kty\":\"RSA\"}",
        "{\"keys\":[]}",
        "-----BEGIN PUBLIC KEY-----\nAA\n-----END PUBLIC KEY-----",
    ] {
        assert!(!is_shareable(broken, utf8), "{broken:?}");
    }
}
