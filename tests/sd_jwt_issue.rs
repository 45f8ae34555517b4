#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! SD-JWT issuance and presentation (RFC 9901 §4.2, §4.3): what `issue`, `presentation` and
//! `bind` make is read back by `sd_jwt::parse`, for RS256, ES256, EdDSA and HS256 issuers and
//! sha-256 and sha-512, each with a negative twin. The last test writes presentations for the
//! reference implementation's verifier (`tests/interop/verify_sd_jwt_with_reference.py`).

mod common;

use std::collections::BTreeSet;

use common::fixture;
use jwt_debugger::jose::alg::{Alg, Curve};
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::error::Error;
use jwt_debugger::jose::key::export::{public_jwk, JwkLabels};
use jwt_debugger::jose::key::private::{self, PrivateKey};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::keygen::{generate, KeyKind};
use jwt_debugger::jose::sd_jwt::issue::{
    bind, issue, system_random, ClaimPath, Issuance, Issued, Step,
};
use jwt_debugger::jose::sd_jwt::{self, DisclosureState, HashAlg, KbStatus, SdJwt};
use jwt_debugger::jose::status::Status;
use serde_json::{json, Map, Value};

const AUD: &str = "https://verifier.example.org";
const NONCE: &str = "n-0S6_WzA2Mj";
const IAT: i64 = 1_700_000_000;

/// Deterministic "randomness" (splitmix64 from a seed), so every run issues the same bytes.
fn counter(seed: u64) -> impl FnMut(&mut [u8]) -> Result<(), Error> {
    let mut state = seed;
    move |bytes: &mut [u8]| {
        for byte in bytes.iter_mut() {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            *byte = (z ^ (z >> 31)) as u8;
        }
        Ok(())
    }
}

/// The fixture issuer key for `alg` and its public JWK (the secret's JWK for HS256).
fn issuer(name: &str) -> (Alg, PrivateKey, Value) {
    let case = fixture(name);
    let alg = Alg::from_name(case["alg"].as_str().unwrap()).unwrap();
    let keys = &case["keys"];
    match alg {
        Alg::HS256 => {
            let jwk = keys["jwk"].as_str().unwrap();
            let key = private::parse(jwk, SecretEncoding::Utf8).unwrap();
            (alg, key, serde_json::from_str(jwk).unwrap())
        }
        _ => {
            let key =
                private::parse(keys["pkcs8-pem"].as_str().unwrap(), SecretEncoding::Utf8).unwrap();
            let jwk = public_jwk(&key.public(), &JwkLabels::default());
            (alg, key, jwk)
        }
    }
}

/// The holder's key (the ES256 fixture) and its public JWK.
fn holder() -> (PrivateKey, Map<String, Value>) {
    let (_, key, jwk) = issuer("ES256");
    (key, jwk.as_object().unwrap().clone())
}

fn path(text: &str) -> ClaimPath {
    ClaimPath::parse(text).unwrap()
}

fn paths(texts: &[&str]) -> Vec<ClaimPath> {
    texts.iter().map(|text| path(text)).collect()
}

/// Claims with flat, nested and array disclosable members.
fn claims() -> Map<String, Value> {
    json!({
        "iss": "https://issuer.example.com",
        "iat": 1683000000,
        "exp": 1883000000,
        "given_name": "Erika",
        "family_name": "Mustermann",
        "address": {"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"},
        "nationalities": ["US", "DE", "FR"],
        "groups": [["a", "b"], "plain"],
        "plain": "kept"
    })
    .as_object()
    .unwrap()
    .clone()
}

const DISCLOSABLE: [&str; 9] = [
    "given_name",
    "family_name",
    "address",
    "address.street_address",
    "address.locality",
    "nationalities[0]",
    "nationalities[1]",
    "groups[0]",
    "groups[0][1]",
];

fn issuance(sd_alg: HashAlg, holder_jwk: Option<Map<String, Value>>) -> Issuance {
    Issuance {
        claims: claims(),
        disclosable: paths(&DISCLOSABLE),
        decoys: 0,
        sd_alg,
        holder_jwk,
    }
}

/// Parses and settles the KB-JWT's platform check with the core's own primitives.
fn parse_settled(text: &str) -> SdJwt {
    common::sd_jwt_settled(text)
}

/// The issuer signature's verdict with this JWK, through the page's flow.
fn issuer_status(sd: &SdJwt, jwk: &Value) -> Status {
    common::sd_jwt_issuer_status(sd, jwk)
}

fn codes(sd: &SdJwt) -> Vec<&'static str> {
    sd_jwt::problems(sd).iter().map(|p| p.code()).collect()
}

/// The claims a verifier should see: every disclosable claim removed unless its disclosure is
/// in the presentation (it encloses a chosen path), plus `cnf` when key bound. Written apart
/// from the issuer's walk.
fn expected(
    claims: &Map<String, Value>,
    disclosable: &[ClaimPath],
    chosen: &[ClaimPath],
    cnf: Option<&Map<String, Value>>,
) -> Map<String, Value> {
    let hidden: BTreeSet<ClaimPath> = disclosable
        .iter()
        .filter(|d| !chosen.iter().any(|c| d.contains(c)))
        .cloned()
        .collect();
    fn walk(value: &Value, here: &ClaimPath, hidden: &BTreeSet<ClaimPath>) -> Value {
        match value {
            Value::Object(object) => Value::Object(
                object
                    .iter()
                    .filter(|(name, _)| !hidden.contains(&here.then_member(name)))
                    .map(|(name, v)| (name.clone(), walk(v, &here.then_member(name), hidden)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !hidden.contains(&here.then_element(*i)))
                    .map(|(i, v)| walk(v, &here.then_element(i), hidden))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    let mut output = Map::new();
    for (name, value) in claims {
        let at = ClaimPath::member(name);
        if !hidden.contains(&at) {
            output.insert(name.clone(), walk(value, &at, &hidden));
        }
    }
    if let Some(jwk) = cnf {
        output.insert("cnf".to_owned(), json!({ "jwk": jwk }));
    }
    output
}

/// The presentation subsets every issuer is checked with.
const CHOICES: [&[&str]; 5] = [
    &[],
    &["given_name"],
    &["address.locality", "nationalities[1]"],
    &["address", "groups[0][1]"],
    &DISCLOSABLE,
];

#[test]
fn claim_paths_read_and_print_back() {
    let cases: [(&str, Vec<Step>); 6] = [
        ("address", vec![Step::Member("address".into())]),
        (
            "address.street_address",
            vec![
                Step::Member("address".into()),
                Step::Member("street_address".into()),
            ],
        ),
        (
            "nationalities[1]",
            vec![Step::Member("nationalities".into()), Step::Element(1)],
        ),
        (
            "groups[0][1].x",
            vec![
                Step::Member("groups".into()),
                Step::Element(0),
                Step::Element(1),
                Step::Member("x".into()),
            ],
        ),
        (
            "[\"odd.name\"][\"with space\"]",
            vec![
                Step::Member("odd.name".into()),
                Step::Member("with space".into()),
            ],
        ),
        (
            "age.18",
            vec![Step::Member("age".into()), Step::Member("18".into())],
        ),
    ];
    for (text, steps) in cases {
        let parsed = path(text);
        assert_eq!(parsed.steps(), steps.as_slice(), "{text}");
        assert_eq!(parsed.to_string(), text);
        assert_eq!(ClaimPath::from_steps(steps).unwrap(), parsed);
    }
    assert_eq!(path("  address  ").to_string(), "address");
}

#[test]
fn malformed_claim_paths_are_refused() {
    for text in [
        "", "  ", "[0]", "a..b", "a.", ".a", "a[x]", "a[", "a[1", "a]", "a[-1]", "[\"open",
        "[\"x\"", "a\"b", "a[1]b",
    ] {
        let err = ClaimPath::parse(text).unwrap_err();
        assert_eq!(err.code(), "sd-jwt-issuance", "{text:?}");
    }
    assert!(ClaimPath::from_steps(vec![Step::Element(0)]).is_err());
    assert!(ClaimPath::from_steps(Vec::new()).is_err());
}

#[test]
fn presentations_reproduce_the_disclosed_claims_for_every_issuer_and_hash() {
    let (holder_key, holder_jwk) = holder();
    for alg_name in ["RS256", "ES256", "EdDSA", "HS256"] {
        let (alg, key, issuer_jwk) = issuer(alg_name);
        for sd_alg in [HashAlg::Sha256, HashAlg::Sha512] {
            for bound in [false, true] {
                let name = format!("{alg_name} {} bound={bound}", sd_alg.name());
                let holder = bound.then(|| holder_jwk.clone());
                let issued = issue(
                    &issuance(sd_alg, holder.clone()),
                    Map::new(),
                    alg,
                    &key,
                    &mut counter(1),
                )
                .unwrap();
                assert_eq!(issued.disclosures.len(), DISCLOSABLE.len(), "{name}");
                for choice in CHOICES {
                    let chosen = paths(choice);
                    let mut text = issued.presentation(&chosen);
                    if bound {
                        text =
                            bind(&text, Alg::ES256, &holder_key, AUD, NONCE, IAT, sd_alg).unwrap();
                    }
                    let sd = parse_settled(&text);
                    let case = format!("{name} {choice:?}");
                    assert_eq!(issuer_status(&sd, &issuer_jwk), Status::Valid, "{case}");
                    assert_eq!(sd.typ(), Some("dc+sd-jwt"), "{case}");
                    assert_eq!(
                        sd.processed.as_ref().unwrap().claims,
                        expected(&claims(), &paths(&DISCLOSABLE), &chosen, holder.as_ref()),
                        "{case}"
                    );
                    assert!(
                        sd.disclosures
                            .iter()
                            .all(|d| d.state == DisclosureState::Referenced),
                        "{case}"
                    );
                    let status = &sd.key_binding.status;
                    match bound {
                        true => assert_eq!(status, &KbStatus::Valid, "{case}"),
                        false => assert_eq!(status, &KbStatus::NotRequired, "{case}"),
                    }
                    assert!(codes(&sd).is_empty(), "{case}: {:?}", codes(&sd));
                }
            }
        }
    }
}

#[test]
fn a_flipped_issuer_signature_or_another_issuer_key_is_invalid() {
    for alg_name in ["RS256", "ES256", "EdDSA", "HS256"] {
        let (alg, key, issuer_jwk) = issuer(alg_name);
        let issued = issue(
            &issuance(HashAlg::Sha256, None),
            Map::new(),
            alg,
            &key,
            &mut counter(2),
        )
        .unwrap();
        let flipped = Issued {
            issuer_jwt: common::flip_signature_bit(&issued.issuer_jwt),
            ..issued.clone()
        };
        let sd = parse_settled(&flipped.presentation(&paths(&DISCLOSABLE)));
        assert_eq!(
            issuer_status(&sd, &issuer_jwk),
            Status::Invalid,
            "{alg_name}"
        );
        let other = fixture(alg_name)["wrong_key"].as_str().unwrap().to_owned();
        let other: Value = match alg {
            Alg::HS256 => json!({"kty": "oct", "k": base64url::encode(other.as_bytes())}),
            _ => {
                let public = key::parse(&other, SecretEncoding::Utf8).unwrap();
                public_jwk(&public.entries[0].key, &JwkLabels::default())
            }
        };
        let sd = parse_settled(&issued.presentation(&[]));
        assert_eq!(issuer_status(&sd, &other), Status::Invalid, "{alg_name}");
    }
}

#[test]
fn the_issuer_payload_hides_what_is_disclosable_and_sorts_its_digests() {
    let (alg, key, _) = issuer("ES256");
    let mut issuance = issuance(HashAlg::Sha512, None);
    issuance.decoys = 2;
    let issued = issue(&issuance, Map::new(), alg, &key, &mut counter(3)).unwrap();
    let payload = &issued.payload;
    assert_eq!(payload["_sd_alg"], "sha-512");
    for hidden in ["given_name", "family_name", "address"] {
        assert!(!payload.contains_key(hidden), "{hidden}");
    }
    assert_eq!(payload["plain"], "kept");
    assert_eq!(payload["nationalities"][2], "FR");
    assert!(payload["nationalities"][0]["..."].is_string());
    let sd: Vec<&str> = payload["_sd"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    // given_name, family_name, address and two decoys.
    assert_eq!(sd.len(), 5);
    assert!(sd.windows(2).all(|pair| pair[0] < pair[1]), "{sd:?}");
    for digest in &sd {
        assert_eq!(common::base64url_decode(digest).len(), 64);
    }
    // Top level and the address disclosure's value each have decoys.
    assert_eq!(issued.decoys, 4);
    // The salts are 128-bit and the disclosures read back as [salt, name, value].
    let street = issued
        .disclosures
        .iter()
        .find(|d| d.path == path("address.street_address"))
        .unwrap();
    let array: Value = serde_json::from_slice(&common::base64url_decode(&street.text)).unwrap();
    assert_eq!(
        common::base64url_decode(array[0].as_str().unwrap()).len(),
        16
    );
    assert_eq!(array[1], "street_address");
    assert_eq!(array[2], "Heidestraße 17");
    // The issuer's own JWT says what the header asked for, `typ` kept when given.
    let mut header = Map::new();
    header.insert("typ".into(), json!("example+sd-jwt"));
    header.insert("kid".into(), json!("issuer-1"));
    let issued = issue(&issuance, header, alg, &key, &mut counter(3)).unwrap();
    let sd = sd_jwt::parse(&issued.presentation(&[])).unwrap();
    assert_eq!(sd.typ(), Some("example+sd-jwt"));
    let header = &sd.issuer.header.as_ref().unwrap().json;
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["kid"], "issuer-1");
}

#[test]
fn issuance_is_deterministic_only_with_the_same_randomness() {
    let (alg, key, _) = issuer("EdDSA");
    let issuance = issuance(HashAlg::Sha256, None);
    let one = issue(&issuance, Map::new(), alg, &key, &mut counter(4)).unwrap();
    let same = issue(&issuance, Map::new(), alg, &key, &mut counter(4)).unwrap();
    assert_eq!(one, same);
    let other = issue(&issuance, Map::new(), alg, &key, &mut counter(5)).unwrap();
    assert_ne!(one.issuer_jwt, other.issuer_jwt);
    let system = issue(&issuance, Map::new(), alg, &key, &mut system_random).unwrap();
    let again = issue(&issuance, Map::new(), alg, &key, &mut system_random).unwrap();
    assert_ne!(system.disclosures, again.disclosures);
    assert!(parse_settled(&system.issuance())
        .disclosures
        .iter()
        .all(|d| d.state == DisclosureState::Referenced));
}

#[test]
fn a_randomness_failure_is_an_error() {
    let (alg, key, _) = issuer("EdDSA");
    let mut failing = |_: &mut [u8]| {
        Err(Error::NoRandomness {
            purpose: "test",
            detail: "none".to_owned(),
        })
    };
    let err = issue(
        &issuance(HashAlg::Sha256, None),
        Map::new(),
        alg,
        &key,
        &mut failing,
    )
    .unwrap_err();
    assert_eq!(err.code(), "no-randomness");
}

#[test]
fn randomness_that_repeats_itself_is_refused() {
    let (alg, key, _) = issuer("EdDSA");
    let mut stuck = |bytes: &mut [u8]| {
        bytes.fill(7);
        Ok(())
    };
    let err = issue(
        &issuance(HashAlg::Sha256, None),
        Map::new(),
        alg,
        &key,
        &mut stuck,
    )
    .unwrap_err();
    assert_eq!(err.code(), "no-randomness");
}

#[test]
fn decoys_are_counted_as_undisclosed() {
    let (alg, key, _) = issuer("ES256");
    for decoys in [0, 3] {
        let issuance = Issuance {
            claims: claims(),
            disclosable: paths(&["given_name", "family_name", "plain"]),
            decoys,
            sd_alg: HashAlg::Sha256,
            holder_jwk: None,
        };
        let issued = issue(&issuance, Map::new(), alg, &key, &mut counter(6)).unwrap();
        assert_eq!(issued.decoys, decoys);
        let all = parse_settled(&issued.issuance());
        assert_eq!(all.undisclosed(), decoys);
        let some = parse_settled(&issued.presentation(&paths(&["plain"])));
        assert_eq!(some.undisclosed(), decoys + 2, "decoys {decoys}");
        assert!(!some
            .processed
            .as_ref()
            .unwrap()
            .claims
            .contains_key("given_name"));
    }
}

#[test]
fn a_nested_disclosure_is_presented_with_its_parent_and_useless_without() {
    let (alg, key, _) = issuer("ES256");
    let issued = issue(
        &issuance(HashAlg::Sha256, None),
        Map::new(),
        alg,
        &key,
        &mut counter(7),
    )
    .unwrap();
    let text = issued.presentation(&paths(&["address.street_address"]));
    let sd = parse_settled(&text);
    assert_eq!(sd.disclosures.len(), 2);
    let claims = &sd.processed.as_ref().unwrap().claims;
    assert_eq!(
        claims["address"],
        json!({"country": "DE", "street_address": "Heidestraße 17"})
    );
    // Undisclosed: family_name, given_name (top level), locality, nationalities[0], [1], groups[0].
    assert_eq!(sd.undisclosed(), 6);
    // The twin: the street's disclosure alone has no digest to land on.
    let street = issued
        .disclosures
        .iter()
        .find(|d| d.path == path("address.street_address"))
        .unwrap();
    let alone = format!("{}~{}~", issued.issuer_jwt, street.text);
    let sd = parse_settled(&alone);
    assert_eq!(sd.disclosures[0].state, DisclosureState::Unreferenced);
    assert!(!sd
        .processed
        .as_ref()
        .unwrap()
        .claims
        .contains_key("address"));
    assert!(codes(&sd).contains(&"sd-disclosure-unreferenced"));
    // An array element inside a disclosed array element.
    let text = issued.presentation(&paths(&["groups[0][1]"]));
    let claims = parse_settled(&text).processed.unwrap().claims;
    assert_eq!(claims["groups"], json!([["a", "b"], "plain"]));
    let text = issued.presentation(&paths(&["groups[0]"]));
    let claims = parse_settled(&text).processed.unwrap().claims;
    assert_eq!(claims["groups"], json!([["a"], "plain"]));
}

#[test]
fn a_disclosure_from_another_issuance_is_unreferenced() {
    let (alg, key, _) = issuer("ES256");
    let issuance = issuance(HashAlg::Sha256, None);
    let one = issue(&issuance, Map::new(), alg, &key, &mut counter(8)).unwrap();
    let other = issue(&issuance, Map::new(), alg, &key, &mut counter(9)).unwrap();
    let foreign = format!("{}~{}~", one.issuer_jwt, other.disclosures[0].text);
    let sd = parse_settled(&foreign);
    assert_eq!(sd.disclosures[0].state, DisclosureState::Unreferenced);
}

#[test]
fn key_binding_is_valid_only_over_its_own_presentation_and_with_the_holder_key() {
    let (holder_key, holder_jwk) = holder();
    let wrong_holder = generate(KeyKind::Ec(Curve::P256)).unwrap();
    for alg_name in ["RS256", "ES256", "EdDSA", "HS256"] {
        let (alg, key, _) = issuer(alg_name);
        for sd_alg in [HashAlg::Sha256, HashAlg::Sha512] {
            let case = format!("{alg_name} {}", sd_alg.name());
            let issued = issue(
                &issuance(sd_alg, Some(holder_jwk.clone())),
                Map::new(),
                alg,
                &key,
                &mut counter(10),
            )
            .unwrap();
            let one = issued.presentation(&paths(&["given_name"]));
            let other = issued.presentation(&paths(&["family_name"]));
            let bound = bind(&one, Alg::ES256, &holder_key, AUD, NONCE, IAT, sd_alg).unwrap();
            let sd = parse_settled(&bound);
            assert_eq!(sd.key_binding.status, KbStatus::Valid, "{case}");
            let kb = sd.key_binding.jwt.as_ref().unwrap();
            let kb_claims = kb.claims().unwrap();
            assert_eq!(kb_claims["aud"], AUD);
            assert_eq!(kb_claims["nonce"], NONCE);
            assert_eq!(kb_claims["iat"], json!(IAT));
            assert_eq!(kb_claims["sd_hash"], sd_alg.digest_text(&one).as_str());
            let kb_header = &kb.decoded.header.as_ref().unwrap().json;
            assert_eq!(kb_header["typ"], "kb+jwt");
            // The KB-JWT moved onto another presentation.
            let kb_text = bound.strip_prefix(&one).unwrap();
            let moved = parse_settled(&format!("{other}{kb_text}"));
            assert_eq!(moved.key_binding.status, KbStatus::SdHashMismatch, "{case}");
            assert!(codes(&moved).contains(&"sd-hash-mismatch"), "{case}");
            // Signed by a key other than cnf.jwk.
            let forged = bind(&one, Alg::ES256, &wrong_holder, AUD, NONCE, IAT, sd_alg).unwrap();
            let sd = parse_settled(&forged);
            assert_eq!(sd.key_binding.status, KbStatus::Invalid, "{case}");
            // No KB-JWT where cnf asks for one.
            let sd = parse_settled(&one);
            assert_eq!(sd.key_binding.status, KbStatus::Missing, "{case}");
            assert!(codes(&sd).contains(&"sd-kb-missing"), "{case}");
        }
    }
}

#[test]
fn bind_refuses_what_is_not_an_unbound_presentation() {
    let (holder_key, holder_jwk) = holder();
    let (alg, key, _) = issuer("EdDSA");
    let issued = issue(
        &issuance(HashAlg::Sha256, Some(holder_jwk)),
        Map::new(),
        alg,
        &key,
        &mut counter(11),
    )
    .unwrap();
    let once = bind(
        &issued.presentation(&[]),
        Alg::ES256,
        &holder_key,
        AUD,
        NONCE,
        IAT,
        HashAlg::Sha256,
    )
    .unwrap();
    for text in [once.as_str(), issued.issuer_jwt.as_str(), "~"] {
        let err = bind(
            text,
            Alg::ES256,
            &holder_key,
            AUD,
            NONCE,
            IAT,
            HashAlg::Sha256,
        )
        .unwrap_err();
        assert_eq!(err.code(), "sd-jwt-issuance");
    }
    // A holder key of the wrong family for the algorithm.
    let err = bind(
        &issued.presentation(&[]),
        Alg::EdDSA,
        &holder_key,
        AUD,
        NONCE,
        IAT,
        HashAlg::Sha256,
    )
    .unwrap_err();
    assert_eq!(err.code(), "key-mismatch");
}

#[test]
fn issue_refuses_what_it_cannot_issue_faithfully() {
    let (alg, key, _) = issuer("ES256");
    let (_, holder_jwk) = holder();
    let refuse = |issuance: Issuance| {
        issue(&issuance, Map::new(), alg, &key, &mut counter(12))
            .unwrap_err()
            .code()
    };
    let with = |disclosable: &[&str]| Issuance {
        disclosable: paths(disclosable),
        ..issuance(HashAlg::Sha256, Some(holder_jwk.clone()))
    };
    for missing in [
        "nothing",
        "address.nothing",
        "nationalities[3]",
        "plain.inner",
        "address[0]",
    ] {
        assert_eq!(refuse(with(&[missing])), "sd-jwt-issuance", "{missing}");
    }
    assert_eq!(refuse(with(&["cnf"])), "sd-jwt-issuance");
    for reserved in [
        json!({"_sd": []}),
        json!({"_sd_alg": "sha-256"}),
        json!({"cnf": {}}),
    ] {
        let mut issuance = with(&[]);
        issuance
            .claims
            .extend(reserved.as_object().unwrap().clone());
        assert_eq!(refuse(issuance), "sd-jwt-issuance", "{reserved}");
    }
    let mut nested = with(&[]);
    nested
        .claims
        .insert("list".into(), json!([{"...": "not a digest"}]));
    assert_eq!(refuse(nested), "sd-jwt-issuance");
    // A private or symmetric holder key would be published in the payload.
    let private_jwk =
        jwt_debugger::jose::key::export::private_jwk(&holder().0, &JwkLabels::default());
    let secret_jwk: Value =
        serde_json::from_str(fixture("HS256")["keys"]["jwk"].as_str().unwrap()).unwrap();
    // An ML-DSA private key (an AKP JWK's `priv` is the seed) is refused for its `priv`.
    let ml_dsa = jwt_debugger::jose::keygen::generate(jwt_debugger::jose::keygen::KeyKind::MlDsa(
        jwt_debugger::jose::alg::MlDsaSet::MlDsa44,
    ))
    .unwrap();
    let akp_private = jwt_debugger::jose::key::export::private_jwk(&ml_dsa, &JwkLabels::default());
    let akp = Issuance {
        holder_jwk: Some(akp_private.as_object().unwrap().clone()),
        ..issuance(HashAlg::Sha256, None)
    };
    assert_eq!(refuse(akp), "sd-jwt-issuance", "a private AKP holder JWK");
    for holder_jwk in [private_jwk, secret_jwk, json!({"kty": "EC"})] {
        let issuance = Issuance {
            holder_jwk: Some(holder_jwk.as_object().unwrap().clone()),
            ..issuance(HashAlg::Sha256, None)
        };
        let code = refuse(issuance);
        assert!(
            ["sd-jwt-issuance", "key-format"].contains(&code),
            "{holder_jwk}: {code}"
        );
    }
    // The signing refusals of `sign` hold: alg none, a short HMAC secret, a key of another family.
    let short = PrivateKey::Secret(key::Secret::from_bytes(b"short".to_vec()).unwrap());
    let plain = issuance(HashAlg::Sha256, None);
    let code = |alg, key: &PrivateKey| {
        issue(&plain, Map::new(), alg, key, &mut counter(13))
            .unwrap_err()
            .code()
    };
    assert_eq!(code(Alg::None, &key), "signing-refused");
    assert_eq!(code(Alg::HS256, &short), "signing-refused");
    assert_eq!(code(Alg::RS256, &key), "key-mismatch");
}

/// Presentations for `tests/interop/verify_sd_jwt_with_reference.py`, written to
/// `target/interop/sd_jwt_ours.json` under the crate: each with the issuer's public JWK, the
/// holder's, aud and nonce, the hash, and the payload the reference verifier must reproduce
/// (`null` for the twins it must refuse, with `refusal` saying why: `kb-signature`, `sd-hash`).
/// Each is first checked here.
#[test]
fn presentations_for_the_reference_verifier_are_written() {
    let (holder_key, holder_jwk) = holder();
    let wrong_holder = generate(KeyKind::Ec(Curve::P256)).unwrap();
    let mut cases = Vec::new();
    let choice = paths(&[
        "given_name",
        "address.locality",
        "nationalities[1]",
        "groups[0][1]",
    ]);
    for alg_name in ["RS256", "ES256", "EdDSA", "HS256"] {
        let (alg, key, issuer_jwk) = issuer(alg_name);
        for sd_alg in [HashAlg::Sha256, HashAlg::Sha512] {
            for bound in [false, true] {
                let holder = bound.then(|| holder_jwk.clone());
                let issuance = Issuance {
                    decoys: 2,
                    ..issuance(sd_alg, holder.clone())
                };
                let issued = issue(&issuance, Map::new(), alg, &key, &mut system_random).unwrap();
                let name = format!(
                    "{alg_name}-{}{}",
                    sd_alg.name(),
                    if bound { "-kb" } else { "" }
                );
                let mut push = |name: String, text: String, verified: Result<Value, &str>| {
                    let sd = parse_settled(&text);
                    assert_eq!(issuer_status(&sd, &issuer_jwk), Status::Valid, "{name}");
                    if verified.is_ok() {
                        assert!(codes(&sd).is_empty(), "{name}: {:?}", codes(&sd));
                    }
                    cases.push(json!({
                        "name": name,
                        "alg": alg_name,
                        "sd_alg": sd_alg.name(),
                        "key_binding": bound,
                        "issuer_jwk": issuer_jwk,
                        "holder_jwk": holder,
                        "aud": bound.then_some(AUD),
                        "nonce": bound.then_some(NONCE),
                        "presentation": text,
                        "verified": verified.as_ref().ok(),
                        "refusal": verified.err(),
                    }));
                };
                let expected = Value::Object(expected(
                    &claims(),
                    &issuance.disclosable,
                    &choice,
                    holder.as_ref(),
                ));
                let text = issued.presentation(&choice);
                match bound {
                    false => push(name, text, Ok(expected)),
                    true => {
                        let ok =
                            bind(&text, Alg::ES256, &holder_key, AUD, NONCE, IAT, sd_alg).unwrap();
                        push(name.clone(), ok.clone(), Ok(expected));
                        let forged =
                            bind(&text, Alg::ES256, &wrong_holder, AUD, NONCE, IAT, sd_alg)
                                .unwrap();
                        push(format!("{name}-wrong-holder"), forged, Err("kb-signature"));
                        let other = issued.presentation(&paths(&["family_name"]));
                        let moved = format!("{other}{}", ok.strip_prefix(&text).unwrap());
                        push(format!("{name}-moved-kb"), moved, Err("sd-hash"));
                    }
                }
            }
        }
    }
    assert_eq!(cases.len(), 4 * 2 * 4);
    let dir = format!("{}/target/interop", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let text = serde_json::to_string_pretty(&Value::Array(cases)).unwrap();
    std::fs::write(format!("{dir}/sd_jwt_ours.json"), text).unwrap();
}
