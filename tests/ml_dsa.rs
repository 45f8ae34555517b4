//! ML-DSA-44/65/87 (FIPS 204; JOSE per draft-ietf-cose-dilithium): jwt.io's example tokens and
//! keys (`tests/vectors/ml-dsa/`), tokens and keys made by Python `cryptography`
//! (`tests/fixtures/ml_dsa_cryptography.json`), tokens made here; the key forms (AKP JWK, SPKI
//! PEM, the three PKCS#8 forms, JWK Sets by kid), the page's worker-only route, signing, key
//! generation and conversion. Every positive has its flipped-bit, wrong-key and wrong-set twin.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{decide_check_here, flip_signature_bit};
use der::asn1::{ContextSpecific, OctetStringRef};
use der::{Decode, Encode};
use jwt_debugger::jose::alg::{Alg, MlDsaSet, PlatformAlg};
use jwt_debugger::jose::error::Error;
use jwt_debugger::jose::inspection::Inspection;
use jwt_debugger::jose::key::export::{private_pem, public_jwk, public_pem, JwkLabels};
use jwt_debugger::jose::key::private::{self, PrivateKey};
use jwt_debugger::jose::key::{self, thumbprint, Key, SecretEncoding};
use jwt_debugger::jose::keygen::{generate, KeyKind};
use jwt_debugger::jose::sign::encode;
use jwt_debugger::jose::status::{check_text, Status};
use serde_json::{json, Value};

const SETS: [(MlDsaSet, &str); 3] = [
    (MlDsaSet::MlDsa44, "44"),
    (MlDsaSet::MlDsa65, "65"),
    (MlDsaSet::MlDsa87, "87"),
];

fn vector(name: &str) -> String {
    let path = format!("{}/tests/vectors/ml-dsa/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap().trim().to_owned()
}

/// jwt.io's example: token, public AKP JWK, private PKCS#8 PEM (seed form).
fn jwt_io(n: &str, set: MlDsaSet) -> (String, String, String) {
    let jwk = json!({"kty": "AKP", "alg": set.name(), "pub": vector(&format!("jwtio_{n}.pub"))});
    (
        vector(&format!("jwtio_{n}.token")),
        jwk.to_string(),
        vector(&format!("jwtio_{n}.private.pem")),
    )
}

fn cryptography_cases() -> Vec<Value> {
    serde_json::from_str(include_str!("fixtures/ml_dsa_cryptography.json")).unwrap()
}

fn utf8(token: &str, key: &str) -> jwt_debugger::jose::status::Verification {
    check_text(token, key, SecretEncoding::Utf8)
}

fn other_set(set: MlDsaSet) -> MlDsaSet {
    match set {
        MlDsaSet::MlDsa44 => MlDsaSet::MlDsa65,
        MlDsaSet::MlDsa65 => MlDsaSet::MlDsa87,
        MlDsaSet::MlDsa87 => MlDsaSet::MlDsa44,
    }
}

fn fresh_public_jwk(set: MlDsaSet) -> String {
    let key = generate(KeyKind::MlDsa(set)).unwrap();
    public_jwk(&key.public(), &JwkLabels::default()).to_string()
}

fn assert_refused_naming(verdict: &jwt_debugger::jose::status::Verification, set: MlDsaSet) {
    assert_eq!(verdict.status, Status::KeyError, "{verdict:?}");
    match &verdict.reason {
        Some(Error::KeyMismatch { alg, expected, .. }) => {
            assert_eq!(*alg, set.name());
            assert!(expected.contains(set.name()), "{expected}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn jwt_io_examples_verify_and_their_twins_do_not() {
    for (set, n) in SETS {
        let (token, jwk, _) = jwt_io(n, set);
        let verdict = utf8(&token, &jwk);
        assert_eq!(verdict.status, Status::Valid, "{}", set.name());
        assert!(verdict.strict.is_empty(), "{:?}", verdict.strict);
        assert_eq!(
            utf8(&flip_signature_bit(&token), &jwk).status,
            Status::Invalid
        );
        assert_eq!(
            utf8(&token, &fresh_public_jwk(set)).status,
            Status::Invalid,
            "{} wrong key",
            set.name()
        );
        // A key of another parameter set is refused by name before any check.
        assert_refused_naming(&utf8(&token, &fresh_public_jwk(other_set(set))), set);
    }
}

#[test]
fn the_page_sends_ml_dsa_checks_to_the_platform() {
    for (set, n) in SETS {
        // WebCrypto's ML-DSA where the browser has it; the worker where it does not.
        assert_eq!(
            set.alg().platform(),
            Some(PlatformAlg::MlDsa { name: set.name() })
        );
        let (token, jwk, _) = jwt_io(n, set);
        let keys = Some(std::rc::Rc::new(key::parse(&jwk, SecretEncoding::Utf8)));
        let given = jwt_debugger::jose::detached::GivenPayload::default();
        let inspection = Inspection::verdict_first(&token, keys, &given, 0);
        assert_eq!(inspection.verification.status, Status::Pending);
        let check = inspection.platform_check().expect("a worker check");
        assert_eq!(decide_check_here(&check).status, Status::Valid);
        // Nothing of it runs in the page itself.
        let key = key::parse(&jwk, SecretEncoding::Utf8).unwrap();
        assert_eq!(
            jwt_debugger::jose::verify::check_here(set.alg(), &key.entries[0].key, b"x", b"y"),
            None
        );
    }
}

#[test]
fn jwt_io_private_keys_sign_tokens_that_verify_with_their_public_keys() {
    for (set, n) in SETS {
        let (_, jwk, private_text) = jwt_io(n, set);
        let key = private::parse(&private_text, SecretEncoding::Utf8).unwrap();
        let public = key::parse(&jwk, SecretEncoding::Utf8).unwrap();
        assert_eq!(key.public(), public.entries[0].key, "{}", set.name());
        let header = json!({"alg": set.name(), "typ": "JWT"}).to_string();
        let token = encode(set.alg(), &header, br#"{"sub":"here"}"#, &key).unwrap();
        assert_eq!(utf8(&token, &jwk).status, Status::Valid);
        assert_eq!(
            utf8(&flip_signature_bit(&token), &jwk).status,
            Status::Invalid
        );
        // Deterministic: the same input signs the same.
        assert_eq!(
            token,
            encode(set.alg(), &header, br#"{"sub":"here"}"#, &key).unwrap()
        );
        // A key of another set does not sign this alg.
        let wrong = generate(KeyKind::MlDsa(other_set(set))).unwrap();
        let err = encode(set.alg(), &header, b"{}", &wrong).unwrap_err();
        assert_eq!(err.code(), "key-mismatch");
        assert!(err.to_string().contains(set.name()), "{err}");
        // In the key box a private key is refused, saying where its public half is made.
        let refused = utf8(&jwt_io(n, set).0, &private_text);
        assert_eq!(refused.status, Status::KeyError);
        assert!(refused.reason.unwrap().to_string().contains("public key"));
    }
}

#[test]
fn tokens_by_python_cryptography_verify_in_every_form_and_their_twins_do_not() {
    let cases = cryptography_cases();
    assert_eq!(cases.len(), 3);
    for case in &cases {
        let set = MlDsaSet::from_name(case["alg"].as_str().unwrap()).unwrap();
        let token = case["token"].as_str().unwrap();
        let jwk = case["jwk"].to_string();
        let spki = case["spki-pem"].as_str().unwrap();
        for (form, key_text) in [
            ("jwk", jwk.clone()),
            ("spki", spki.to_owned()),
            ("private jwk", case["private-jwk"].to_string()),
            ("jwks", json!({"keys": [case["jwk"]]}).to_string()),
        ] {
            assert_eq!(
                utf8(token, &key_text).status,
                Status::Valid,
                "{} {form}",
                set.name()
            );
        }
        assert_eq!(
            utf8(&flip_signature_bit(token), spki).status,
            Status::Invalid
        );
        let wrong = case["wrong-key"].as_str().unwrap();
        assert_eq!(utf8(token, wrong).status, Status::Invalid);
        // cryptography's private key signs here too, and the AKP private JWK is the same key.
        let pem_key =
            private::parse(case["pkcs8-pem"].as_str().unwrap(), SecretEncoding::Utf8).unwrap();
        let jwk_key =
            private::parse(&case["private-jwk"].to_string(), SecretEncoding::Utf8).unwrap();
        assert_eq!(pem_key.public(), jwk_key.public());
        // cryptography's SPKI and ours are the same bytes.
        assert_eq!(public_pem(&pem_key.public()).unwrap(), spki);
        assert_eq!(
            private_pem(&pem_key).unwrap(),
            case["pkcs8-pem"].as_str().unwrap()
        );
    }
}

#[test]
fn a_jwk_set_is_searched_by_kid_and_a_jwk_of_another_set_is_refused() {
    let cases = cryptography_cases();
    let set_jwks = json!({"keys": [cases[0]["jwk"], cases[1]["jwk"], cases[2]["jwk"]]}).to_string();
    for case in &cases {
        let verdict = utf8(case["token"].as_str().unwrap(), &set_jwks);
        assert_eq!(verdict.status, Status::Valid);
        let by = verdict.verified_by.unwrap();
        assert_eq!(by.kid.as_deref(), case["jwk"]["kid"].as_str());
    }
    // The ML-DSA-65 token's kid on an ML-DSA-44 key: refused, naming the set needed.
    let mut mislabelled = cases[0]["jwk"].clone();
    mislabelled["kid"] = json!("ml-dsa-65");
    let verdict = utf8(
        cases[1]["token"].as_str().unwrap(),
        &json!({"keys": [mislabelled]}).to_string(),
    );
    assert_refused_naming(&verdict, MlDsaSet::MlDsa65);
    // An AKP JWK without alg, or with an unknown one, or a pub of the wrong length.
    let pub_65 = cases[1]["jwk"]["pub"].clone();
    for bad in [
        json!({"kty": "AKP", "pub": pub_65}),
        json!({"kty": "AKP", "alg": "ML-DSA-99", "pub": pub_65}),
        json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": pub_65}),
    ] {
        let parsed = key::parse(&bad.to_string(), SecretEncoding::Utf8);
        assert_eq!(parsed.unwrap_err().code(), "key-format", "{bad}");
    }
}

#[test]
fn the_thumbprint_covers_alg_kty_and_pub() {
    let case = &cryptography_cases()[1];
    let keys = key::parse(&case["jwk"].to_string(), SecretEncoding::Utf8).unwrap();
    let expected = format!(
        r#"{{"alg":"ML-DSA-65","kty":"AKP","pub":"{}"}}"#,
        case["jwk"]["pub"].as_str().unwrap()
    );
    assert_eq!(keys.entries[0].canonical_jwk, expected);
    assert_eq!(
        keys.entries[0].meta.thumbprint,
        thumbprint::of_canonical(&expected)
    );
    // SPKI and JWK give the same thumbprint.
    let spki = key::parse(case["spki-pem"].as_str().unwrap(), SecretEncoding::Utf8).unwrap();
    assert_eq!(
        spki.entries[0].meta.thumbprint,
        keys.entries[0].meta.thumbprint
    );
}

/// A PKCS#8 ML-DSA key in DER with `private` as its privateKey content.
fn pkcs8_with(set: MlDsaSet, private: &[u8]) -> String {
    let oid = set.oid();
    let info = pkcs8::PrivateKeyInfoRef::new(
        pkcs8::AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        OctetStringRef::new(private).unwrap(),
    );
    let der = info.to_der().unwrap();
    der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, &der).unwrap()
}

fn seed_and_expanded(key: &PrivateKey) -> ([u8; 32], Vec<u8>) {
    let PrivateKey::MlDsa(key) = key else {
        panic!("an ML-DSA key")
    };
    (*key.seed().unwrap(), key.expanded().to_vec())
}

#[test]
fn pkcs8_reads_the_seed_the_expanded_key_and_both_and_checks_them() {
    for (set, n) in SETS {
        let (token, jwk, seed_pem) = jwt_io(n, set);
        let key = private::parse(&seed_pem, SecretEncoding::Utf8).unwrap();
        let (seed, expanded) = seed_and_expanded(&key);
        assert_eq!(expanded.len(), set.expanded_key_len());
        let expanded_only = OctetStringRef::new(&expanded).unwrap().to_der().unwrap();
        let seed_der = ContextSpecific {
            tag_number: der::TagNumber(0),
            tag_mode: der::TagMode::Implicit,
            value: OctetStringRef::new(&seed).unwrap(),
        }
        .to_der()
        .unwrap();
        let both = |expanded: &[u8]| {
            let seed = OctetStringRef::new(&seed).unwrap().to_der().unwrap();
            let expanded = OctetStringRef::new(expanded).unwrap().to_der().unwrap();
            let body = [seed, expanded].concat();
            let mut sequence = vec![0x30, 0x82];
            sequence.extend_from_slice(&u16::try_from(body.len()).unwrap().to_be_bytes());
            sequence.extend_from_slice(&body);
            assert!(der::asn1::AnyRef::from_der(&sequence).is_ok());
            sequence
        };
        let header = json!({"alg": set.name()}).to_string();
        for (form, der_body) in [
            ("seed", seed_der.clone()),
            ("expandedKey", expanded_only.clone()),
            ("both", both(&expanded)),
        ] {
            let pem = pkcs8_with(set, &der_body);
            let read = private::parse(&pem, SecretEncoding::Utf8)
                .unwrap_or_else(|err| panic!("{} {form}: {err}", set.name()));
            assert_eq!(read.public(), key.public(), "{} {form}", set.name());
            let signed = encode(set.alg(), &header, b"{}", &read).unwrap();
            assert_eq!(utf8(&signed, &jwk).status, Status::Valid, "{form}");
            // What the Keys tab writes back reads as the same key.
            let written = private_pem(&read).unwrap();
            let again = private::parse(&written, SecretEncoding::Utf8).unwrap();
            assert_eq!(again.public(), key.public());
        }
        assert_eq!(utf8(&token, &jwk).status, Status::Valid);
        // `both` whose expanded key is not the seed's: refused.
        let mut other = expanded.clone();
        other[200] ^= 1;
        let err =
            private::parse(&pkcs8_with(set, &both(&other)), SecretEncoding::Utf8).unwrap_err();
        assert!(
            err.to_string().contains("not the one its seed makes"),
            "{err}"
        );
        // An expanded key whose tr is not its public key's hash: refused.
        let mut bad_tr = expanded.clone();
        bad_tr[70] ^= 1;
        let body = OctetStringRef::new(&bad_tr).unwrap().to_der().unwrap();
        let err = private::parse(&pkcs8_with(set, &body), SecretEncoding::Utf8).unwrap_err();
        assert!(err.to_string().contains("tr"), "{err}");
        // s1 coefficients out of range (every bit set): refused, without a panic.
        let mut out_of_range = expanded.clone();
        for byte in &mut out_of_range[128..160] {
            *byte = 0xff;
        }
        let body = OctetStringRef::new(&out_of_range)
            .unwrap()
            .to_der()
            .unwrap();
        let err = private::parse(&pkcs8_with(set, &body), SecretEncoding::Utf8).unwrap_err();
        assert!(err.to_string().contains("out of range"), "{err}");
        // A seed of the wrong length, and an expanded key of another set's length.
        let short = ContextSpecific {
            tag_number: der::TagNumber(0),
            tag_mode: der::TagMode::Implicit,
            value: OctetStringRef::new(&seed[..31]).unwrap(),
        }
        .to_der()
        .unwrap();
        assert!(private::parse(&pkcs8_with(set, &short), SecretEncoding::Utf8).is_err());
        assert!(private::parse(
            &pkcs8_with(other_set(set), &expanded_only),
            SecretEncoding::Utf8
        )
        .is_err());
    }
}

#[test]
fn generated_keys_sign_convert_and_verify() {
    for (set, _) in SETS {
        let kind = KeyKind::MlDsa(set);
        assert_eq!(KeyKind::from_name(set.name()), Some(kind));
        assert_eq!(kind.alg(), set.alg());
        assert_eq!(kind.browser_keygen(), None);
        let key = generate(kind).unwrap();
        assert!(jwt_debugger::jose::keygen::is_of_kind(&key, kind));
        assert!(format!("{key:?}").contains(set.name()));
        let header = json!({"alg": set.name()}).to_string();
        let token = encode(set.alg(), &header, b"{}", &key).unwrap();
        let spki = public_pem(&key.public()).unwrap();
        let jwk = public_jwk(&key.public(), &JwkLabels::default()).to_string();
        for public in [&spki, &jwk] {
            assert_eq!(utf8(&token, public).status, Status::Valid);
            assert_eq!(
                utf8(&flip_signature_bit(&token), public).status,
                Status::Invalid
            );
        }
        let Key::MlDsa(public) = key.public() else {
            panic!("an ML-DSA public key")
        };
        assert_eq!(public.bytes().len(), set.public_key_len());
        // Two keys generated are different keys.
        assert_ne!(generate(kind).unwrap().public(), key.public());
        assert!(Alg::from_name(set.name()).is_some());
    }
}

#[test]
fn the_key_workshop_converts_an_ml_dsa_key_to_every_form() {
    use jwt_debugger::jose::protocol::{Reply, Request};
    use jwt_debugger::jose::redacted::SecretText;
    let case = &cryptography_cases()[0];
    let reply = jwt_debugger::jose::workshop::answer(Request::Convert {
        key: SecretText::new(case["pkcs8-pem"].as_str().unwrap().to_owned()),
        encoding: SecretEncoding::Utf8,
    });
    let Reply::Forms(forms) = reply else {
        panic!("{reply:?}")
    };
    assert!(
        forms.description.contains("ML-DSA-44"),
        "{}",
        forms.description
    );
    assert_eq!(forms.public_pem.as_deref(), case["spki-pem"].as_str());
    let private_jwk: Value = serde_json::from_str(forms.private_jwk.unwrap().expose()).unwrap();
    assert_eq!(private_jwk["priv"], case["private-jwk"]["priv"]);
    assert_eq!(private_jwk["pub"], case["jwk"]["pub"]);
    assert_eq!(private_jwk["kty"], "AKP");
}

/// Tokens signed here with fresh keys, for `tests/interop/verify_ml_dsa.py` (Python
/// `cryptography`, an independent implementation), written to `target/interop/ml_dsa.json`
/// with their SPKI PEM and AKP JWK.
#[test]
fn tokens_for_python_cryptography_are_signed_and_verify_here() {
    let mut signed = Vec::new();
    for (set, _) in SETS {
        let key = generate(KeyKind::MlDsa(set)).unwrap();
        let header = json!({"alg": set.name(), "typ": "JWT"}).to_string();
        let payload = json!({"sub": "interop", "alg_under_test": set.name()}).to_string();
        let token = encode(set.alg(), &header, payload.as_bytes(), &key).unwrap();
        let spki = public_pem(&key.public()).unwrap();
        assert_eq!(utf8(&token, &spki).status, Status::Valid);
        let jwk = public_jwk(&key.public(), &JwkLabels::default());
        signed.push(json!({"alg": set.name(), "token": token, "spki-pem": spki, "jwk": jwk}));
    }
    let dir = format!("{}/target/interop", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let text = serde_json::to_string_pretty(&Value::Array(signed)).unwrap();
    std::fs::write(format!("{dir}/ml_dsa.json"), text).unwrap();
}

/// Tokens that @noble/post-quantum signed (`tests/fixtures/ml_dsa_noble.json`, written by
/// `node tests/interop/ml_dsa_noble.mjs --generate` from fixed seeds): they verify here, their
/// twins do not (a flipped bit, a key of another set, another key of the same set); the seed
/// makes the same public key here, and signing here, deterministically, the same token.
#[test]
fn tokens_by_noble_verify_here_and_their_twins_do_not() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/ml_dsa_noble.json")).unwrap();
    let tokens = fixture["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 3);
    for (case, (set, _)) in tokens.iter().zip(SETS) {
        assert_eq!(case["alg"], set.name());
        let token = case["token"].as_str().unwrap();
        let jwk = case["jwk"].to_string();
        let verdict = utf8(token, &jwk);
        assert_eq!(verdict.status, Status::Valid, "{}", set.name());
        assert!(verdict.strict.is_empty(), "{:?}", verdict.strict);
        assert_eq!(
            utf8(&flip_signature_bit(token), &jwk).status,
            Status::Invalid
        );
        assert_refused_naming(&utf8(token, &fresh_public_jwk(other_set(set))), set);
        assert_eq!(utf8(token, &fresh_public_jwk(set)).status, Status::Invalid);
        // The seed is the AKP private key's `priv`: the same public key, the same token.
        let seed = jwt_debugger::jose::hex::decode(case["seed"].as_str().unwrap()).unwrap();
        let mut private_jwk = case["jwk"].clone();
        private_jwk["priv"] = json!(jwt_debugger::jose::base64url::encode(&seed));
        let key = private::parse(&private_jwk.to_string(), SecretEncoding::Utf8).unwrap();
        let public = key::parse(&jwk, SecretEncoding::Utf8).unwrap();
        assert_eq!(key.public(), public.entries[0].key, "{}", set.name());
        let header = case["header"].as_str().unwrap();
        let payload = case["payload"].as_str().unwrap();
        let ours = encode(set.alg(), header, payload.as_bytes(), &key).unwrap();
        assert_eq!(ours, token, "{}: deterministic signing agrees", set.name());
    }
}

/// An expanded-only key whose t0 is another key's passes every encoding check (`tr` covers the
/// public key, which t0 does not enter) but signs what its public key does not verify: it is
/// refused; the same bytes untouched are read.
#[test]
fn an_expanded_key_with_a_foreign_t0_is_refused() {
    use jwt_debugger::jose::mldsa::MlDsaPrivate;
    for (set, _) in SETS {
        let whole = MlDsaPrivate::from_seed(set, &[7u8; 32]);
        let expanded = whole.expanded().to_vec();
        let read = MlDsaPrivate::from_expanded(set, &expanded).unwrap();
        assert_eq!(
            read.public().bytes(),
            whole.public().bytes(),
            "{}",
            set.name()
        );
        // t0 is the encoding's last part: k polynomials of 256 13-bit coefficients (416 bytes
        // each; k = 4, 6, 8), here another key's.
        let k = match set {
            MlDsaSet::MlDsa44 => 4,
            MlDsaSet::MlDsa65 => 6,
            MlDsaSet::MlDsa87 => 8,
        };
        let t0 = expanded.len() - 416 * k;
        let other = MlDsaPrivate::from_seed(set, &[8u8; 32]).expanded().to_vec();
        let mut foreign = expanded.clone();
        foreign[t0..].copy_from_slice(&other[t0..]);
        let err = MlDsaPrivate::from_expanded(set, &foreign).err().unwrap();
        assert!(err.contains("t0"), "{}: {err}", set.name());
    }
}

/// A PKCS#8 v2 ML-DSA key (RFC 5958: the public key beside the private one) is read when the
/// public key is the private key's own, and refused when it is another's.
#[test]
fn a_pkcs8_v2_public_key_must_be_the_private_keys_own() {
    use der::asn1::BitStringRef;
    use der::{Decode, Encode};
    use jwt_debugger::jose::mldsa::MlDsaPrivate;
    let own = MlDsaPrivate::from_seed(MlDsaSet::MlDsa44, &[3u8; 32]);
    let other = MlDsaPrivate::from_seed(MlDsaSet::MlDsa44, &[4u8; 32]);
    let v1 = jwt_debugger::jose::key::export::private_pem(&PrivateKey::MlDsa(Box::new(
        MlDsaPrivate::from_seed(MlDsaSet::MlDsa44, &[3u8; 32]),
    )))
    .unwrap();
    let (_, v1_der) = der::pem::decode_vec(v1.as_bytes()).unwrap();
    let v1_info = pkcs8::PrivateKeyInfoRef::from_der(&v1_der).unwrap();
    let with_public = |public: &[u8]| {
        let info = pkcs8::PrivateKeyInfoRef {
            algorithm: v1_info.algorithm,
            private_key: v1_info.private_key,
            public_key: Some(BitStringRef::from_bytes(public).unwrap()),
        };
        let der = info.to_der().unwrap();
        der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, &der).unwrap()
    };
    let read = |pem: &str| private::parse(pem, SecretEncoding::Utf8);
    assert!(read(&with_public(own.public().bytes())).is_ok());
    let err = read(&with_public(other.public().bytes())).err().unwrap();
    assert!(err.to_string().contains("does not belong"), "{err}");
}
