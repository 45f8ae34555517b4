#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! SD-JWT (RFC 9901): the specification's examples (generated from their sources by the
//! reference implementation, `tests/vectors/sd-jwt/`), the reference implementation's own
//! presentations (`tests/fixtures/sd_jwt/cases.json`), and hand-made negative cases.

mod common;

use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::sd_jwt::{
    self, DisclosureState, HashAlg, KbStatus, Malformed, SdAlg, SdJwt, SegmentKind,
};
use jwt_debugger::jose::status::Status;
use serde_json::{json, Value};

fn examples() -> Vec<Value> {
    serde_json::from_str(include_str!("vectors/sd-jwt/examples.json")).unwrap()
}

fn cases() -> Vec<Value> {
    serde_json::from_str(include_str!("fixtures/sd_jwt/cases.json")).unwrap()
}

/// Parses and settles the KB-JWT's platform check with the core's own primitives.
fn parse_settled(text: &str) -> SdJwt {
    common::sd_jwt_settled(text)
}

/// The issuer signature's verdict with this JWK, through the page's flow.
fn issuer_status(sd: &SdJwt, jwk: &Value) -> Status {
    common::sd_jwt_issuer_status(sd, jwk)
}

fn processed_text(sd: &SdJwt) -> String {
    serde_json::to_string(&sd.processed.as_ref().unwrap().claims).unwrap()
}

fn codes(sd: &SdJwt) -> Vec<&'static str> {
    sd_jwt::problems(sd).iter().map(|p| p.code()).collect()
}

#[test]
fn rfc_examples_reproduce_the_processed_payload() {
    let examples = examples();
    assert_eq!(examples.len(), 8);
    for example in &examples {
        let name = example["name"].as_str().unwrap();
        let source = example["source"].as_str().unwrap();
        let sd = parse_settled(example["presentation"].as_str().unwrap());
        assert_eq!(
            processed_text(&sd),
            serde_json::to_string(&example["verified"]).unwrap(),
            "{name} ({source})"
        );
        assert_eq!(
            issuer_status(&sd, &example["issuer_jwk"]),
            Status::Valid,
            "{name}"
        );
        for disclosure in &sd.disclosures {
            assert_eq!(disclosure.state, DisclosureState::Referenced, "{name}");
            assert!(disclosure.location.is_some(), "{name}");
        }
        let expected_kb = match example["holder_jwk"].is_null() {
            true => KbStatus::NotRequired,
            false => KbStatus::Valid,
        };
        assert_eq!(sd.key_binding.status, expected_kb, "{name} ({source})");
        assert!(sd.undisclosed() >= example["decoys"].as_u64().unwrap() as usize);
        assert!(sd_jwt::problems(&sd).is_empty(), "{name}: {:?}", codes(&sd));
    }
}

#[test]
fn rfc_issuances_disclose_everything() {
    for example in examples() {
        let name = example["name"].as_str().unwrap();
        let sd = parse_settled(example["issuance"].as_str().unwrap());
        assert_eq!(
            sd.disclosures.len() as u64,
            example["disclosures"].as_u64().unwrap()
        );
        // The reference implementation reads arf-pid's `!sd '12': true` keys as numbers, so
        // its six age_equal_or_over disclosures carry a claim name that is not a string
        // (RFC 9901 §4.2.1 requires one): they are malformed, and left out.
        let numeric_names = usize::from(name == "arf-pid") * 6;
        let malformed = sd
            .disclosures
            .iter()
            .filter(|d| d.state == DisclosureState::Malformed(Malformed::Name))
            .count();
        assert_eq!(malformed, numeric_names, "{name}");
        for disclosure in &sd.disclosures {
            if disclosure.state != DisclosureState::Malformed(Malformed::Name) {
                assert_eq!(disclosure.state, DisclosureState::Referenced, "{name}");
            }
        }
        assert_eq!(
            sd.undisclosed(),
            example["decoys"].as_u64().unwrap() as usize + numeric_names,
            "{name}"
        );
        // A key-bound issuance has cnf but, not yet presented, no KB-JWT.
        let expected = match example["holder_jwk"].is_null() {
            true => KbStatus::NotRequired,
            false => KbStatus::Missing,
        };
        assert_eq!(sd.key_binding.status, expected, "{name}");
        let processed = &sd.processed.as_ref().unwrap().claims;
        assert!(!processed.contains_key("_sd") && !processed.contains_key("_sd_alg"));
    }
}

fn example(name: &str) -> Value {
    examples()
        .into_iter()
        .find(|example| example["name"] == name)
        .unwrap()
}

/// RFC 9901 Appendix A.2 (complex_ekyc): a nested presentation with key binding off; the
/// Appendix A.3 SD-JWT VC (arf-pid) is key bound.
#[test]
fn locations_name_where_each_disclosure_sits() {
    let sd = parse_settled(example("complex_ekyc")["presentation"].as_str().unwrap());
    let locations: Vec<&str> = sd
        .disclosures
        .iter()
        .map(|d| d.location.as_deref().unwrap())
        .collect();
    assert!(locations.contains(&"$.verified_claims.verification._sd"));
    assert!(locations.contains(&"$.verified_claims.verification.evidence[0]"));
    assert!(locations.contains(&"$.verified_claims.verification.evidence[0]._sd"));
    assert!(locations.contains(&"$.verified_claims.claims._sd"));
    let element = sd
        .disclosures
        .iter()
        .find(|d| d.location.as_deref() == Some("$.verified_claims.verification.evidence[0]"))
        .unwrap();
    assert_eq!(element.content.as_ref().unwrap().name, None);
    let sd = parse_settled(example("recursions")["presentation"].as_str().unwrap());
    assert!(sd
        .disclosures
        .iter()
        .any(|d| d.location.as_deref() == Some("$.foo[1]")));
}

#[test]
fn segments_cover_the_text_and_name_each_part() {
    let text = example("arf-pid")["presentation"]
        .as_str()
        .unwrap()
        .to_owned();
    let sd = sd_jwt::parse(&text).unwrap();
    let joined: String = sd
        .segments
        .iter()
        .map(|segment| &text[segment.range.clone()])
        .collect();
    assert_eq!(joined, text);
    assert_eq!(sd.segments.first().unwrap().kind, SegmentKind::IssuerJwt);
    assert_eq!(sd.segments.last().unwrap().kind, SegmentKind::KeyBindingJwt);
    for (index, disclosure) in sd.disclosures.iter().enumerate() {
        assert_eq!(&text[disclosure.range.clone()], disclosure.text);
        assert!(sd
            .segments
            .iter()
            .any(|s| s.kind == SegmentKind::Disclosure(index) && s.range == disclosure.range));
    }
    assert!(sd.hashed_part().ends_with('~'));
    assert_eq!(sd.typ(), Some("vc+sd-jwt"));
    assert!(sd_jwt::typ_description("vc+sd-jwt").is_some());
    assert_eq!(
        sd.vc().vct,
        Some(json!("https://bmi.bund.example/credential/pid/1.0"))
    );
    assert!(sd.vc().cnf.is_some());
    assert!(sd_jwt::looks_like_sd_jwt(&text));
}

#[test]
fn typ_values_of_the_family_are_described() {
    for typ in [
        "dc+sd-jwt",
        "vc+sd-jwt",
        "sd+jwt",
        "application/dc+sd-jwt",
        "kb+jwt",
    ] {
        assert!(sd_jwt::typ_description(typ).is_some(), "{typ}");
    }
    assert_eq!(sd_jwt::typ_description("JWT"), None);
}

#[test]
fn a_plain_jwt_is_not_an_sd_jwt() {
    assert!(!sd_jwt::looks_like_sd_jwt(common::JWT_IO_TOKEN));
    let err = sd_jwt::parse(common::JWT_IO_TOKEN).unwrap_err();
    assert_eq!(err.code(), "sd-jwt-structure");
    assert_eq!(
        sd_jwt::parse("a.b~").unwrap_err().code(),
        "sd-jwt-structure"
    );
    assert_eq!(
        sd_jwt::parse("a.b.c.d.e~").unwrap_err().code(),
        "sd-jwt-structure"
    );
    assert!(!sd_jwt::looks_like_sd_jwt("not a token~"));
}

// ---- The negative twins of the specification's examples. ----

#[test]
fn a_flipped_byte_in_a_disclosure_leaves_it_unreferenced() {
    let ex = example("simple_structured");
    let text = ex["issuance"].as_str().unwrap();
    let sd = sd_jwt::parse(text).unwrap();
    let first = sd.disclosures.first().unwrap();
    let range = first.range.clone();
    // Change one character of the salt, keeping valid base64url and JSON.
    let mut bytes = text.as_bytes().to_vec();
    let at = range.start + 4;
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(bytes).unwrap();
    let sd = parse_settled(&tampered);
    let state = &sd.disclosures.first().unwrap().state;
    assert!(
        matches!(
            state,
            DisclosureState::Unreferenced | DisclosureState::Malformed(_)
        ),
        "{state:?}"
    );
    // Whatever it became, its claim is no longer in the processed payload.
    let untampered = parse_settled(text);
    assert_ne!(processed_text(&sd), processed_text(&untampered));
    assert!(codes(&sd)
        .iter()
        .any(|code| code.starts_with("sd-disclosure-")));
}

#[test]
fn a_flipped_salt_character_is_exactly_unreferenced() {
    // Build the tampered disclosure by re-encoding its JSON with another salt.
    let ex = example("address_only_structured");
    let text = ex["issuance"].as_str().unwrap();
    let sd = sd_jwt::parse(text).unwrap();
    let first = sd.disclosures.first().unwrap();
    let content = first.content.as_ref().unwrap();
    let other = content
        .json
        .replacen(&content.salt, &format!("X{}", &content.salt[1..]), 1);
    let tampered = text.replacen(&first.text, &base64url::encode(other.as_bytes()), 1);
    let sd = parse_settled(&tampered);
    assert_eq!(
        sd.disclosures.first().unwrap().state,
        DisclosureState::Unreferenced
    );
    assert!(codes(&sd).contains(&"sd-disclosure-unreferenced"));
    assert_eq!(sd.undisclosed(), 1);
}

#[test]
fn a_removed_tilde_breaks_the_disclosures_it_joined() {
    let ex = example("address_only_structured");
    let text = ex["issuance"].as_str().unwrap();
    let sd = sd_jwt::parse(text).unwrap();
    assert_eq!(sd.disclosures.len(), 4);
    let second = sd.disclosures[1].range.start;
    let mut tampered = text.to_owned();
    tampered.remove(second - 1);
    let sd = parse_settled(&tampered);
    assert_eq!(sd.disclosures.len(), 3);
    assert_ne!(sd.disclosures[0].state, DisclosureState::Referenced);
    assert_eq!(sd.undisclosed(), 2);
    // Removing the last `~` of a key-bound presentation glues the KB-JWT to the JWT or the
    // last disclosure: no KB-JWT is found where it belongs.
    let text = example("arf-pid")["presentation"]
        .as_str()
        .unwrap()
        .to_owned();
    let last = text.rfind('~').unwrap();
    let mut tampered = text.clone();
    tampered.remove(last);
    let sd = parse_settled(&tampered);
    assert!(
        !matches!(sd.key_binding.status, KbStatus::Valid),
        "{:?}",
        sd.key_binding.status
    );
}

#[test]
fn a_kb_jwt_over_another_presentation_is_an_sd_hash_mismatch() {
    let text = example("arf-pid")["presentation"]
        .as_str()
        .unwrap()
        .to_owned();
    let issuance = example("arf-pid")["issuance"].as_str().unwrap().to_owned();
    let kb = text.rsplit('~').next().unwrap();
    // The same issuer JWT and holder, but every disclosure: another presentation.
    let tampered = format!("{issuance}{kb}");
    let sd = parse_settled(&tampered);
    assert_eq!(sd.key_binding.status, KbStatus::SdHashMismatch);
    assert!(codes(&sd).contains(&"sd-hash-mismatch"));
    // The twin: the original presentation is fine.
    assert_eq!(parse_settled(&text).key_binding.status, KbStatus::Valid);
}

#[test]
fn a_kb_jwt_without_cnf_is_no_cnf() {
    let with_kb = example("arf-pid")["presentation"]
        .as_str()
        .unwrap()
        .to_owned();
    let kb = with_kb.rsplit('~').next().unwrap();
    let plain = example("address_only_structured")["presentation"]
        .as_str()
        .unwrap()
        .to_owned();
    let sd = parse_settled(&format!("{plain}{kb}"));
    assert_eq!(sd.key_binding.status, KbStatus::NoCnf);
    assert_eq!(sd.key_binding.status.code(), "no-cnf");
}

#[test]
fn a_missing_kb_jwt_with_cnf_is_missing() {
    let text = example("arf-pid")["presentation"]
        .as_str()
        .unwrap()
        .to_owned();
    let without = &text[..=text.rfind('~').unwrap()];
    let sd = parse_settled(without);
    assert_eq!(sd.key_binding.status, KbStatus::Missing);
    assert!(codes(&sd).contains(&"sd-kb-missing"));
}

// ---- The reference implementation's presentations. ----

#[test]
fn reference_implementation_cases_match_its_verifier() {
    let cases = cases();
    assert_eq!(cases.len(), 50);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let sd = parse_settled(case["presentation"].as_str().unwrap());
        assert_eq!(
            issuer_status(&sd, &case["issuer_jwk"]),
            Status::Valid,
            "{name}"
        );
        let expected_alg = HashAlg::from_name(case["sd_alg"].as_str().unwrap()).unwrap();
        assert_eq!(sd.sd_alg.hash(), Some(expected_alg), "{name}");
        assert!(sd.undisclosed() >= case["decoys"].as_u64().unwrap() as usize);
        if case["verified"].is_null() {
            // The negative twin: a KB-JWT signed by a key other than cnf.jwk.
            assert_eq!(sd.key_binding.status, KbStatus::Invalid, "{name}");
            assert!(codes(&sd).contains(&"sd-kb-failed"));
            continue;
        }
        assert_eq!(
            processed_text(&sd),
            serde_json::to_string(&case["verified"]).unwrap(),
            "{name}"
        );
        let expected = match case["key_binding"].as_bool().unwrap() {
            true => KbStatus::Valid,
            false => KbStatus::NotRequired,
        };
        assert_eq!(sd.key_binding.status, expected, "{name}");
        assert!(sd
            .disclosures
            .iter()
            .all(|d| d.state == DisclosureState::Referenced));
        assert_eq!(sd.typ(), Some("dc+sd-jwt"));
    }
}

#[test]
fn reference_cases_refuse_another_issuer_key() {
    let cases = cases();
    for alg in ["RS256", "ES256", "EdDSA"] {
        let of_alg: Vec<&Value> = cases.iter().filter(|c| c["alg"] == alg).collect();
        let (a, b) = (of_alg[0], of_alg[1]);
        let sd = sd_jwt::parse(a["presentation"].as_str().unwrap()).unwrap();
        assert_eq!(
            issuer_status(&sd, &b["issuer_jwk"]),
            Status::Invalid,
            "{alg}"
        );
    }
}

// ---- Hand-made SD-JWTs, HMAC-signed so every part can be changed. ----

const ISSUER_SECRET: &[u8] = b"issuer-secret-issuer-secret-32by";
const HOLDER_SECRET: &[u8] = b"holder-secret-holder-secret-32by";

fn disclosure(json: &str) -> String {
    base64url::encode(json.as_bytes())
}

fn digest(alg: HashAlg, disclosure: &str) -> String {
    alg.digest_text(disclosure)
}

fn issuer_jwt(payload: &Value) -> String {
    common::hs_token(
        Alg::HS256,
        r#"{"alg":"HS256","typ":"dc+sd-jwt"}"#,
        payload.to_string().as_bytes(),
        ISSUER_SECRET,
    )
}

fn holder_cnf() -> Value {
    json!({"jwk": {"kty": "oct", "k": base64url::encode(HOLDER_SECRET)}})
}

fn kb_jwt(header: &str, claims: &Value, secret: &[u8]) -> String {
    common::hs_token(Alg::HS256, header, claims.to_string().as_bytes(), secret)
}

fn kb_claims(hashed: &str) -> Value {
    json!({"iat": 1683000000, "aud": "https://verifier.example", "nonce": "abc",
           "sd_hash": HashAlg::Sha256.digest_text(hashed)})
}

#[test]
fn hash_table_round_trips_and_matches_known_digests() {
    for alg in HashAlg::ALL {
        assert_eq!(HashAlg::from_name(alg.name()), Some(alg));
        assert_eq!(alg.hash(b"abc").len(), alg.output_len());
    }
    // FIPS 202 / FIPS 180-4 "abc" test vectors.
    let hex = |bytes: Vec<u8>| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    assert_eq!(
        hex(HashAlg::Sha3_256.hash(b"abc")),
        "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
    );
    assert_eq!(
        hex(HashAlg::Sha256.hash(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    // RFC 9901 §4.2.3's digest example: the disclosure of "family_name": "Möbius".
    let d = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0";
    assert_eq!(
        HashAlg::Sha256.digest_text(d),
        "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"
    );
}

#[test]
fn sha3_digests_are_processed() {
    for alg in [
        HashAlg::Sha3_256,
        HashAlg::Sha3_384,
        HashAlg::Sha3_512,
        HashAlg::Sha384,
    ] {
        let d = disclosure(r#"["salt-1", "given_name", "Erika"]"#);
        let payload = json!({"_sd": [digest(alg, &d)], "_sd_alg": alg.name(), "exp": 1});
        let sd = parse_settled(&format!("{}~{d}~", issuer_jwt(&payload)));
        assert_eq!(sd.sd_alg, SdAlg::Named(alg));
        assert_eq!(processed_text(&sd), r#"{"exp":1,"given_name":"Erika"}"#);
        assert!(sd_jwt::problems(&sd).is_empty());
    }
}

#[test]
fn unsupported_and_weak_sd_alg_are_named() {
    let d = disclosure(r#"["salt-1", "given_name", "Erika"]"#);
    for (name, code) in [("sha-999", "sd-alg-unsupported"), ("md5", "sd-alg-weak")] {
        let payload = json!({"_sd": ["x"], "_sd_alg": name, "exp": 1});
        let sd = parse_settled(&format!("{}~{d}~", issuer_jwt(&payload)));
        assert!(sd.processed.is_none());
        assert_eq!(sd.disclosures[0].state, DisclosureState::Unchecked);
        assert_eq!(sd.disclosures[0].state.code(), "unchecked");
        assert!(codes(&sd).contains(&code), "{name}");
    }
}

fn single(json_text: &str, payload_extra: Value) -> SdJwt {
    let d = disclosure(json_text);
    let mut payload = json!({"_sd": [digest(HashAlg::Sha256, &d)], "exp": 1});
    for (k, v) in payload_extra.as_object().unwrap() {
        payload[k] = v.clone();
    }
    parse_settled(&format!("{}~{d}~", issuer_jwt(&payload)))
}

fn malformed(sd: &SdJwt) -> Malformed {
    match &sd.disclosures[0].state {
        DisclosureState::Malformed(m) => m.clone(),
        other => panic!("not malformed: {other:?}"),
    }
}

#[test]
fn malformed_disclosures_are_named() {
    let cases = [
        (r#"["s", "_sd", 1]"#, "reserved-name"),
        (r#"["s", "...", 1]"#, "reserved-name"),
        (r#"["s", "a", 1, 2]"#, "not-disclosure-array"),
        (r#"["s"]"#, "not-disclosure-array"),
        (r#"{"s": 1}"#, "not-disclosure-array"),
        (r#"[1, "a", 1]"#, "salt-not-string"),
        (r#"["s", 7, 1]"#, "name-not-string"),
        (r#"not json"#, "not-json"),
        // An array element disclosure referenced from an object's _sd.
        (r#"["s", "value"]"#, "element-in-object"),
    ];
    for (text, code) in cases {
        let sd = single(text, json!({}));
        assert_eq!(sd.disclosures[0].state.code(), "malformed", "{text}");
        assert_eq!(malformed(&sd).code(), code, "{text}");
        assert!(codes(&sd).contains(&"sd-disclosure-malformed"));
    }
    // A claim name already present where it would go.
    let sd = single(r#"["s", "exp", 2]"#, json!({}));
    assert_eq!(malformed(&sd).code(), "name-collision");
    assert_eq!(processed_text(&sd), r#"{"exp":1}"#);
    // Not base64url at all.
    let payload = json!({"exp": 1});
    let sd = parse_settled(&format!("{}~not*base64~", issuer_jwt(&payload)));
    assert_eq!(malformed(&sd).code(), "not-base64url");
    // A property disclosure referenced from an array element.
    let d = disclosure(r#"["s", "a", 1]"#);
    let payload = json!({"list": [{"...": digest(HashAlg::Sha256, &d)}], "exp": 1});
    let sd = parse_settled(&format!("{}~{d}~", issuer_jwt(&payload)));
    assert_eq!(malformed(&sd).code(), "property-in-array");
    assert_eq!(processed_text(&sd), r#"{"list":[],"exp":1}"#);
}

#[test]
fn duplicates_are_named() {
    let d = disclosure(r#"["s", "a", 1]"#);
    let payload = json!({"_sd": [digest(HashAlg::Sha256, &d)], "exp": 1});
    let sd = parse_settled(&format!("{}~{d}~{d}~", issuer_jwt(&payload)));
    assert_eq!(sd.disclosures[0].state, DisclosureState::Referenced);
    assert_eq!(sd.disclosures[1].state, DisclosureState::Duplicate);
    assert!(codes(&sd).contains(&"sd-disclosure-duplicate"));
    // The same digest twice in the payload.
    let h = digest(HashAlg::Sha256, &d);
    let payload = json!({"_sd": [h], "b": {"_sd": [h]}, "exp": 1});
    let sd = parse_settled(&format!("{}~{d}~", issuer_jwt(&payload)));
    assert_eq!(sd.disclosures[0].state, DisclosureState::Duplicate);
    assert!(codes(&sd).contains(&"sd-duplicate-digest"));
}

#[test]
fn an_unreferenced_disclosure_and_decoys() {
    let d = disclosure(r#"["s", "a", 1]"#);
    let decoy = HashAlg::Sha256.digest_text("decoy");
    let payload = json!({"_sd": [decoy], "list": [{"...": decoy.clone() + "x"}, 2], "exp": 1});
    let sd = parse_settled(&format!("{}~{d}~", issuer_jwt(&payload)));
    assert_eq!(sd.disclosures[0].state, DisclosureState::Unreferenced);
    assert_eq!(sd.undisclosed(), 2);
    assert_eq!(processed_text(&sd), r#"{"list":[2],"exp":1}"#);
}

#[test]
fn registered_claims_must_not_be_disclosable_and_exp_is_expected() {
    let sd = single(r#"["s", "vct", "x"]"#, json!({"exp": null}));
    assert!(codes(&sd).contains(&"sd-not-disclosable"));
    let d = disclosure(r#"["s", "given_name", "x"]"#);
    let payload = json!({"_sd": [digest(HashAlg::Sha256, &d)]});
    let sd = parse_settled(&format!("{}~{d}~", issuer_jwt(&payload)));
    assert_eq!(codes(&sd), vec!["sd-no-exp"]);
}

fn bound(kb_header: &str, claims: impl Fn(&str) -> Value, secret: &[u8]) -> SdJwt {
    let d = disclosure(r#"["s", "given_name", "Erika"]"#);
    let payload = json!({"_sd": [digest(HashAlg::Sha256, &d)], "exp": 1, "cnf": holder_cnf()});
    let hashed = format!("{}~{d}~", issuer_jwt(&payload));
    let kb = kb_jwt(kb_header, &claims(&hashed), secret);
    parse_settled(&format!("{hashed}{kb}"))
}

const KB_HEADER: &str = r#"{"alg":"HS256","typ":"kb+jwt"}"#;

#[test]
fn key_binding_with_the_cnf_key() {
    let sd = bound(KB_HEADER, kb_claims, HOLDER_SECRET);
    assert_eq!(sd.key_binding.status, KbStatus::Valid);
    assert!(sd_jwt::problems(&sd).is_empty());
    // The negative twins: another key, another typ, claims missing, another presentation.
    let sd = bound(KB_HEADER, kb_claims, b"another-holder-secret-32-bytes!!");
    assert_eq!(sd.key_binding.status, KbStatus::Invalid);
    let sd = bound(r#"{"alg":"HS256","typ":"JWT"}"#, kb_claims, HOLDER_SECRET);
    assert_eq!(sd.key_binding.status, KbStatus::BadTyp);
    let sd = bound(
        KB_HEADER,
        |hashed| {
            let mut claims = kb_claims(hashed);
            claims.as_object_mut().unwrap().remove("nonce");
            claims
        },
        HOLDER_SECRET,
    );
    assert_eq!(
        sd.key_binding.status,
        KbStatus::MissingClaims(vec!["nonce"])
    );
    let sd = bound(KB_HEADER, |_| kb_claims("another~"), HOLDER_SECRET);
    assert_eq!(sd.key_binding.status, KbStatus::SdHashMismatch);
    // A KB-JWT that is not a JWS at all.
    let d = disclosure(r#"["s", "given_name", "Erika"]"#);
    let payload = json!({"_sd": [digest(HashAlg::Sha256, &d)], "exp": 1, "cnf": holder_cnf()});
    let sd = parse_settled(&format!("{}~{d}~garbage", issuer_jwt(&payload)));
    assert_eq!(sd.key_binding.status.code(), "malformed");
    // A cnf.jwk that is no key.
    let payload = json!({"exp": 1, "cnf": {"jwk": {"kty": "nope"}}});
    let hashed = format!("{}~", issuer_jwt(&payload));
    let kb = kb_jwt(KB_HEADER, &kb_claims(&hashed), HOLDER_SECRET);
    let sd = parse_settled(&format!("{hashed}{kb}"));
    assert_eq!(sd.key_binding.status.code(), "bad-cnf-key");
}

#[test]
fn nested_disclosures_are_processed_recursively() {
    let street = disclosure(r#"["s1", "street", "Main"]"#);
    let element = disclosure(r#"["s2", "DE"]"#);
    let address = format!(
        r#"["s3", "address", {{"_sd": ["{}"], "country": "DE", "tags": [{{"...": "{}"}}]}}]"#,
        digest(HashAlg::Sha256, &street),
        digest(HashAlg::Sha256, &element)
    );
    let address = disclosure(&address);
    let payload = json!({"iss": "x", "_sd": [digest(HashAlg::Sha256, &address)], "exp": 1});
    let sd = parse_settled(&format!(
        "{}~{address}~{street}~{element}~",
        issuer_jwt(&payload)
    ));
    assert_eq!(
        processed_text(&sd),
        r#"{"iss":"x","exp":1,"address":{"country":"DE","tags":["DE"],"street":"Main"}}"#
    );
    let locations: Vec<_> = sd
        .disclosures
        .iter()
        .map(|d| d.location.clone().unwrap())
        .collect();
    assert_eq!(locations, ["$._sd", "$.address._sd", "$.address.tags[0]"]);
}

/// RFC 9901 §4.2.1 and §4.2.2's printed disclosures (the digests as §4.2.3 and §4.2.2 print
/// them): the same object claim in three encodings (the RFC's, one with newlines, one with ö
/// escaped), each its own digest, and an array element; a changed character is another digest.
#[test]
fn rfc_9901_printed_disclosures_decode_and_hash_as_printed() {
    use jwt_debugger::jose::sd_jwt::Disclosure;
    let read = |text: &str| Disclosure::read(text, 0..text.len(), Some(HashAlg::Sha256));
    let encodings = [
        "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0",
        "WwoiXzI2YmM0TFQtYWM2cTJLSTZjQlc1ZXMiLAoiZmFtaWx5X25hbWUiLAoiTcO2Yml1cyIKXQ",
        "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNXHUwMGY2Yml1cyJd",
    ];
    let mut digests = Vec::new();
    for text in encodings {
        let disclosure = read(text);
        let content = disclosure.content.as_ref().expect(text);
        assert_eq!(content.salt, "_26bc4LT-ac6q2KI6cBW5es");
        assert_eq!(content.name.as_deref(), Some("family_name"));
        assert_eq!(content.value, json!("Möbius"));
        digests.push(disclosure.digest.clone().unwrap());
    }
    assert_eq!(digests[0], "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0");
    assert!(digests[1] != digests[0] && digests[2] != digests[0] && digests[1] != digests[2]);

    let element = read("WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0");
    let content = element.content.as_ref().unwrap();
    assert_eq!(
        (content.name.as_deref(), &content.value),
        (None, &json!("FR"))
    );
    assert_eq!(
        element.digest.as_deref(),
        Some("w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs")
    );
    // The negative twin: one character changed is another digest (and salt).
    let changed = read("WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNCIiwgIkZSIl0");
    assert_ne!(changed.digest, element.digest);
    assert_ne!(changed.content.unwrap().salt, content.salt);
}
