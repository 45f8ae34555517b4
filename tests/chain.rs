#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Certificate chains in `x5c` and their thumbprints: the generated chains of
//! `tests/fixtures/chain/chains.json` (every link kind, each negative one change away from a
//! positive) and Apple's real App Store chain from `tests/vectors/real-world/cases.json`.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::{flip_signature_bit, pem_certificate};
use jwt_debugger::jose::chain::{
    anchors_in_pem, check_chain, plan, Anchor, Broken, Chain, ChainStatus, EntryError, Issuer,
    NotCa, Problem, ThumbprintResult, Validity,
};
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::platform::PlatformAnswer;
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::verify::{self, Outcome};
use serde_json::{json, Map, Value};

fn cases() -> Vec<Value> {
    let all: Value =
        serde_json::from_str(include_str!("fixtures/chain/chains.json")).expect("chains.json");
    all["cases"].as_array().unwrap().clone()
}

fn case(id: &str) -> Value {
    cases()
        .into_iter()
        .find(|case| case["id"] == id)
        .unwrap_or_else(|| panic!("no case {id}"))
}

fn header(token: &str) -> Map<String, Value> {
    decode(token).header.unwrap().json
}

fn at(case: &Value) -> i64 {
    case["check_time"].as_i64().unwrap()
}

fn check(case: &Value, anchors: &[Anchor]) -> Chain {
    check_chain(&header(case["token"].as_str().unwrap()), anchors, at(case)).unwrap()
}

fn links(chain: &Chain) -> Vec<&'static str> {
    chain.certificates.iter().map(|c| c.link.code()).collect()
}

fn problems(chain: &Chain, index: usize) -> &[Problem] {
    &chain.certificates[index].link.problems
}

/// A header whose `x5c` entry `index` is changed by `change` (on its DER).
fn with_entry(
    header: &Map<String, Value>,
    index: usize,
    change: impl Fn(&mut Vec<u8>),
) -> Map<String, Value> {
    let mut header = header.clone();
    let x5c = header["x5c"].as_array_mut().unwrap();
    let mut der = STANDARD.decode(x5c[index].as_str().unwrap()).unwrap();
    change(&mut der);
    x5c[index] = Value::String(STANDARD.encode(der));
    header
}

fn with_x5c(header: &Map<String, Value>, x5c: Value) -> Map<String, Value> {
    let mut header = header.clone();
    header.insert("x5c".to_owned(), x5c);
    header
}

// ---- The generated chains ----

#[test]
fn every_generated_chain_gets_the_status_and_links_its_case_expects() {
    let cases = cases();
    assert_eq!(cases.len(), 20);
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let anchors = anchors_in_pem(case["anchor_pem"].as_str().unwrap());
        assert_eq!(anchors.len(), 1, "{id}");
        assert!(anchors[0].is_usable(), "{id}: {:?}", anchors[0].refused);
        let chain = check(case, &anchors);
        assert_eq!(
            chain.code(),
            case["expect"]["chain"],
            "{id}: {:?}",
            chain.status
        );
        let expected: Vec<&str> = case["expect"]["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|code| code.as_str().unwrap())
            .collect();
        assert_eq!(links(&chain), expected, "{id}");
        assert_eq!(chain.at, at(case));
    }
}

#[test]
fn every_leaf_key_verifies_its_token_and_a_flipped_bit_does_not() {
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        // The chain's own leaf key, through the verification API.
        let chain = check(&case, &anchors_in_pem(case["anchor_pem"].as_str().unwrap()));
        let keys = chain.leaf_key_set().unwrap();
        let decoded = decode(token);
        let signed = verify::prepare(&decoded).unwrap();
        assert_eq!(
            verify::verify(&signed, &keys).unwrap(),
            Outcome::Verified { index: 0 },
            "{id}"
        );
        let twin = decode(&flip_signature_bit(token));
        let twin = verify::prepare(&twin).unwrap();
        assert_eq!(
            verify::verify(&twin, &keys).unwrap(),
            Outcome::Mismatch { tried: 1 },
            "{id}"
        );
        // And the leaf's PEM pasted in the key box.
        let leaf_pem = case["leaf_pem"].as_str().unwrap();
        let verification = check_text(token, leaf_pem, SecretEncoding::Utf8);
        assert_eq!(
            verification.status,
            Status::Valid,
            "{id}: {:?}",
            verification.reason
        );
        let twin = check_text(&flip_signature_bit(token), leaf_pem, SecretEncoding::Utf8);
        assert_eq!(twin.status, Status::Invalid, "{id}");
    }
}

#[test]
fn thumbprints_match_the_leaf_and_the_twin_naming_another_certificate_does_not() {
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        let chain = check(&case, &[]);
        let parameters: Vec<_> = chain.thumbprints.iter().map(|t| t.parameter).collect();
        assert_eq!(parameters, ["x5t", "x5t#S256"], "{id}");
        for thumbprint in &chain.thumbprints {
            assert_eq!(thumbprint.result, ThumbprintResult::Match, "{id}");
            assert_eq!(thumbprint.result.code(), "match");
            assert_eq!(
                thumbprint.expected.as_deref(),
                Some(thumbprint.given.as_str())
            );
        }
        let twin = check_chain(
            &header(case["token_thumbprint_mismatch"].as_str().unwrap()),
            &[],
            at(&case),
        )
        .unwrap();
        assert_eq!(twin.thumbprints.len(), 2);
        for thumbprint in &twin.thumbprints {
            assert_eq!(thumbprint.result, ThumbprintResult::Mismatch, "{id}");
            assert_eq!(thumbprint.result.code(), "mismatch");
        }
        // The thumbprints do not change the chain's verdict.
        assert_eq!(twin.status, chain.status, "{id}");
    }
}

#[test]
fn an_anchored_chain_names_its_anchor_and_its_leaf() {
    let case = case("rsa-pkcs1");
    let chain = check(&case, &anchors_in_pem(case["anchor_pem"].as_str().unwrap()));
    assert_eq!(
        chain.status,
        ChainStatus::Anchored {
            anchor: 0,
            subject: "CN=RSA Root,O=jwt-debugger fixtures".to_owned()
        }
    );
    assert_eq!(
        chain.leaf_subject(),
        Some("CN=RSA Leaf,O=jwt-debugger fixtures")
    );
    let issuers: Vec<Issuer> = chain.certificates.iter().map(|c| c.link.issuer).collect();
    assert_eq!(issuers, [Issuer::Next(1), Issuer::Anchor(0)]);
    let leaf = chain.certificates[0].details.as_ref().unwrap();
    assert_eq!(leaf.key.as_deref(), Ok("RSA 2048-bit"));
    assert_eq!(leaf.signature_algorithm, "sha512WithRSAEncryption");
    assert!(!leaf.is_ca);
    assert_eq!(leaf.sha256.len(), 32 * 3 - 1);
    assert!(leaf
        .sha256
        .chars()
        .all(|c| c == ':' || c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
    assert_eq!(leaf.validity_at(at(&case)), Validity::InForce);
    let intermediate = chain.certificates[1].details.as_ref().unwrap();
    assert!(intermediate.is_ca);
    assert_eq!(intermediate.signature_algorithm, "sha384WithRSAEncryption");
}

#[test]
fn key_types_and_sizes_are_named_as_the_page_shows_them() {
    let keys = |id: &str| -> Vec<String> {
        check(&case(id), &[])
            .certificates
            .iter()
            .map(|c| c.details.as_ref().unwrap().key.clone().unwrap())
            .collect()
    };
    assert_eq!(keys("ec-mixed"), ["EC P-256", "EC P-384", "EC P-256"]);
    assert_eq!(keys("ed25519"), ["Ed25519", "Ed25519"]);
    assert_eq!(
        keys("rsa-pss"),
        ["RSA 2048-bit", "RSA 2048-bit", "RSA 2048-bit"]
    );
    let p521 = anchors_in_pem(case("ec-p521")["anchor_pem"].as_str().unwrap());
    assert_eq!(p521[0].details.key.as_deref(), Ok("EC P-521"));
}

#[test]
fn without_an_anchor_every_sound_chain_is_unanchored_and_its_top_is_named_so() {
    for case in cases()
        .iter()
        .filter(|c| c["expect"]["chain"] == "anchored")
    {
        let id = case["id"].as_str().unwrap();
        let chain = check(case, &[]);
        assert_eq!(chain.status, ChainStatus::Unanchored { anchors: 0 }, "{id}");
        let codes = links(&chain);
        assert_eq!(codes.last(), Some(&"top"), "{id}");
        assert!(
            codes.iter().rev().skip(1).all(|code| *code == "ok"),
            "{id}: {codes:?}"
        );
        assert_eq!(
            chain.certificates.last().unwrap().link.issuer,
            Issuer::Unknown
        );
    }
}

#[test]
fn an_unrelated_anchor_leaves_every_sound_chain_unanchored() {
    let unrelated = anchors_in_pem(case("unrelated-anchor")["anchor_pem"].as_str().unwrap());
    for case in cases()
        .iter()
        .filter(|c| c["expect"]["chain"] == "anchored")
    {
        let id = case["id"].as_str().unwrap();
        let chain = check(case, &unrelated);
        assert_eq!(chain.status, ChainStatus::Unanchored { anchors: 1 }, "{id}");
    }
}

#[test]
fn a_flipped_bit_in_any_signature_below_the_anchor_breaks_that_link() {
    let mut flipped = 0;
    for case in cases()
        .iter()
        .filter(|c| c["expect"]["chain"] == "anchored")
    {
        let id = case["id"].as_str().unwrap();
        let anchors = anchors_in_pem(case["anchor_pem"].as_str().unwrap());
        let header = header(case["token"].as_str().unwrap());
        let sound = check_chain(&header, &anchors, at(case)).unwrap();
        for index in
            (0..sound.certificates.len()).filter(|i| sound.certificates[*i].link.code() == "ok")
        {
            // The signature is the certificate's last BIT STRING, so its last byte is the
            // signature's.
            let tampered = with_entry(&header, index, |der| *der.last_mut().unwrap() ^= 0x01);
            let chain = check_chain(&tampered, &anchors, at(case)).unwrap();
            assert_eq!(
                chain.certificates[index].link.code(),
                "bad-signature",
                "{id} #{index}"
            );
            assert_eq!(
                chain.status,
                ChainStatus::Broken(Broken::Link { index }),
                "{id} #{index}"
            );
            flipped += 1;
        }
    }
    assert!(flipped >= 10, "{flipped}");
}

#[test]
fn a_tampered_copy_of_the_root_is_ignored_when_the_key_box_has_the_real_one() {
    // ec-mixed carries its root; a bit flipped in that copy makes it no longer the anchor, and
    // the intermediate links to the key box's root instead.
    let case = case("ec-mixed");
    let anchors = anchors_in_pem(case["anchor_pem"].as_str().unwrap());
    let tampered = with_entry(&header(case["token"].as_str().unwrap()), 2, |der| {
        *der.last_mut().unwrap() ^= 0x01
    });
    let chain = check_chain(&tampered, &anchors, at(&case)).unwrap();
    assert_eq!(links(&chain), ["ok", "ok", "above-anchor"]);
    assert_eq!(chain.certificates[1].link.issuer, Issuer::Anchor(0));
    assert_eq!(chain.code(), "anchored");
}

#[test]
fn a_broken_link_breaks_the_chain_even_below_an_anchor() {
    let case = case("tampered-intermediate");
    let chain = check(&case, &anchors_in_pem(case["anchor_pem"].as_str().unwrap()));
    assert_eq!(chain.status, ChainStatus::Broken(Broken::Link { index: 1 }));
    assert_eq!(problems(&chain, 1), [Problem::BadSignature]);
    assert_eq!(chain.certificates[1].link.issuer, Issuer::Anchor(0));
    // The root of the same name but another key: the link goes to it, and fails.
    let case = self::case("impostor-root");
    let chain = check(&case, &anchors_in_pem(case["anchor_pem"].as_str().unwrap()));
    assert_eq!(chain.certificates[1].link.issuer, Issuer::Anchor(0));
    assert_eq!(problems(&chain, 1), [Problem::BadSignature]);
}

#[test]
fn the_failing_constraint_is_named() {
    let first = |id: &str, index: usize| {
        let case = case(id);
        let chain = check(&case, &anchors_in_pem(case["anchor_pem"].as_str().unwrap()));
        problems(&chain, index).to_vec()
    };
    // The leaf that issued a certificate has cA false and no keyCertSign; cA is named.
    assert_eq!(first("leaf-as-issuer", 0), [Problem::NotCa(NotCa::CaFalse)]);
    assert_eq!(
        first("no-key-cert-sign", 0),
        [Problem::NotCa(NotCa::NoKeyCertSign)]
    );
    assert_eq!(
        first("path-length", 1),
        [Problem::PathLength {
            limit: 0,
            intermediates: 1
        }]
    );
    assert_eq!(first("name-mismatch", 0), [Problem::NameMismatch]);
    assert_eq!(
        first("sha1-intermediate", 1),
        [Problem::WeakAlgorithm {
            algorithm: "sha1WithRSAEncryption".to_owned()
        }]
    );
    assert_eq!(
        first("sha224-intermediate", 1),
        [Problem::UnsupportedAlgorithm {
            algorithm: "sha224WithRSAEncryption".to_owned()
        }]
    );
    assert_eq!(
        first("critical-extension", 1),
        [Problem::CriticalExtension {
            oid: "1.3.6.1.4.1.55555.1".to_owned()
        }]
    );
    assert_eq!(
        first("wrong-key-type", 1),
        [Problem::WrongKeyType {
            algorithm: "sha384WithRSAEncryption".to_owned(),
            key: "EC P-256".to_owned()
        }]
    );
    let expired = case("expired-leaf");
    let chain = check(
        &expired,
        &anchors_in_pem(expired["anchor_pem"].as_str().unwrap()),
    );
    let leaf = chain.certificates[0].details.as_ref().unwrap();
    assert_eq!(
        problems(&chain, 0),
        [Problem::Expired {
            not_after: leaf.not_after
        }]
    );
    assert_eq!(leaf.validity_at(at(&expired)), Validity::Expired);
    assert_eq!(
        problems(&chain, 0)[0].to_string(),
        "it expired at 2022-01-01T00:00:00Z"
    );
}

#[test]
fn an_outer_signature_algorithm_unlike_the_signed_one_is_named() {
    // rsa-pkcs1's intermediate is signed with sha384WithRSAEncryption, written in the TBS and
    // after it; the copy after it becomes sha512WithRSAEncryption.
    let case = case("rsa-pkcs1");
    let anchors = anchors_in_pem(case["anchor_pem"].as_str().unwrap());
    let sha384 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c];
    let changed = with_entry(&header(case["token"].as_str().unwrap()), 1, |der| {
        let at = der.windows(9).rposition(|window| window == sha384).unwrap();
        der[at + 8] = 0x0d;
    });
    let chain = check_chain(&changed, &anchors, at(&case)).unwrap();
    assert_eq!(
        problems(&chain, 1),
        [Problem::AlgorithmMismatch, Problem::BadSignature]
    );
    assert_eq!(links(&chain), ["ok", "algorithm-mismatch"]);
    let details = chain.certificates[1].details.as_ref().unwrap();
    assert_eq!(details.signature_algorithm, "sha512WithRSAEncryption");
}

#[test]
fn an_expired_leaf_checked_while_it_was_valid_is_anchored() {
    let case = case("expired-leaf");
    let anchors = anchors_in_pem(case["anchor_pem"].as_str().unwrap());
    let header = header(case["token"].as_str().unwrap());
    let mid_2021 = 1_622_505_600; // 2021-06-01
    let chain = check_chain(&header, &anchors, mid_2021).unwrap();
    assert_eq!(links(&chain), ["ok", "ok", "anchor"]);
    assert_eq!(chain.code(), "anchored");
    // The not-yet-valid leaf, once it is.
    let case = self::case("not-yet-valid-leaf");
    let chain = check_chain(
        &self::header(case["token"].as_str().unwrap()),
        &anchors,
        2_240_524_800,
    )
    .unwrap();
    assert_eq!(chain.code(), "anchored");
}

#[test]
fn an_expired_anchor_breaks_a_chain_whose_links_hold() {
    let case = case("expired-anchor");
    let chain = check(&case, &anchors_in_pem(case["anchor_pem"].as_str().unwrap()));
    assert_eq!(links(&chain), ["ok", "ok"]);
    assert_eq!(
        chain.status,
        ChainStatus::Broken(Broken::AnchorValidity {
            anchor: 0,
            validity: Validity::Expired
        })
    );
    // Before the anchor expired, the same chain is anchored.
    let chain = check_chain(
        &header(case["token"].as_str().unwrap()),
        &anchors_in_pem(case["anchor_pem"].as_str().unwrap()),
        1_735_689_600 - 86_400,
    )
    .unwrap();
    assert_eq!(chain.code(), "anchored");
}

#[test]
fn a_pasted_leaf_certificate_is_listed_but_anchors_nothing() {
    let case = case("rsa-pkcs1");
    let leaf_pem = case["leaf_pem"].as_str().unwrap();
    let anchors = anchors_in_pem(leaf_pem);
    assert_eq!(anchors.len(), 1);
    assert!(!anchors[0].is_usable());
    assert_eq!(anchors[0].refused.as_ref().unwrap().code(), "not-a-ca");
    assert_eq!(
        anchors[0].details.subject,
        "CN=RSA Leaf,O=jwt-debugger fixtures"
    );
    // Even though the chain's leaf is that very certificate.
    let chain = check(&case, &anchors);
    assert_eq!(chain.status, ChainStatus::Unanchored { anchors: 0 });
    // Next to the root, the root still anchors.
    let both = format!("{leaf_pem}{}", case["anchor_pem"].as_str().unwrap());
    let anchors = anchors_in_pem(&both);
    assert_eq!(anchors.len(), 2);
    assert_eq!(
        check(&case, &anchors).status,
        ChainStatus::Anchored {
            anchor: 1,
            subject: "CN=RSA Root,O=jwt-debugger fixtures".to_owned()
        }
    );
}

#[test]
fn the_key_box_may_hold_other_blocks_and_several_anchors() {
    let ec = case("ec-mixed");
    let rsa = case("rsa-pkcs1");
    let text = format!(
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n{}\nnot PEM at all\n{}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        rsa["anchor_pem"].as_str().unwrap(),
        ec["anchor_pem"].as_str().unwrap()
    );
    let anchors = anchors_in_pem(&text);
    assert_eq!(
        anchors.len(),
        2,
        "the public key and the broken block are skipped"
    );
    assert_eq!(
        check(&ec, &anchors).status,
        ChainStatus::Anchored {
            anchor: 1,
            subject: "CN=EC Root,O=jwt-debugger fixtures".to_owned()
        }
    );
    assert_eq!(check(&rsa, &anchors).code(), "anchored");
    assert!(anchors_in_pem("").is_empty());
    assert!(anchors_in_pem("-----BEGIN CERTIFICATE-----\nMIIB").is_empty());
}

#[test]
fn an_anchor_inside_the_chain_ends_it_there() {
    // Anchored at ec-mixed's intermediate: the root above it is not checked.
    let case = case("ec-mixed");
    let header = header(case["token"].as_str().unwrap());
    let intermediate = STANDARD.decode(header["x5c"][1].as_str().unwrap()).unwrap();
    let anchors = anchors_in_pem(&pem_certificate(&intermediate));
    let chain = check_chain(&header, &anchors, at(&case)).unwrap();
    assert_eq!(links(&chain), ["ok", "anchor", "above-anchor"]);
    assert_eq!(chain.certificates[1].link.issuer, Issuer::IsAnchor(0));
    assert_eq!(chain.code(), "anchored");
}

#[test]
fn the_signatures_can_be_answered_elsewhere() {
    let case = case("ec-mixed");
    let anchors = anchors_in_pem(case["anchor_pem"].as_str().unwrap());
    let header = header(case["token"].as_str().unwrap());
    let planned = plan(&header, &anchors, at(&case)).unwrap();
    // Leaf to intermediate, intermediate to the carried root; nothing above the anchor.
    assert_eq!(planned.signatures().len(), 2);
    for signature in planned.signatures() {
        assert!(signature.verify_here());
        let mut flipped = signature.clone();
        flipped.signature[0] ^= 0x01;
        assert!(!flipped.verify_here());
    }
    let matches = [PlatformAnswer::Matches, PlatformAnswer::Matches];
    assert_eq!(planned.clone().conclude(&matches).code(), "anchored");
    let chain = planned
        .clone()
        .conclude(&[PlatformAnswer::Matches, PlatformAnswer::DoesNotMatch]);
    assert_eq!(links(&chain), ["ok", "bad-signature", "anchor"]);
    let chain = planned
        .clone()
        .conclude(&[PlatformAnswer::CannotRun, PlatformAnswer::Matches]);
    assert_eq!(links(&chain), ["unchecked", "ok", "anchor"]);
    assert_eq!(chain.code(), "broken");
    let chain = planned.conclude(&[]);
    assert_eq!(links(&chain), ["unchecked", "unchecked", "anchor"]);
}

// ---- Malformed x5c ----

#[test]
fn an_x5c_that_is_not_a_non_empty_array_is_broken_and_nothing_else() {
    let header = header(case("rsa-pkcs1")["token"].as_str().unwrap());
    for (x5c, reason) in [
        (json!("MIIB"), Broken::NotAnArray),
        (json!({"0": "MIIB"}), Broken::NotAnArray),
        (json!(null), Broken::NotAnArray),
        (json!([]), Broken::Empty),
    ] {
        let chain = check_chain(&with_x5c(&header, x5c.clone()), &[], 0).unwrap();
        assert_eq!(chain.status, ChainStatus::Broken(reason), "{x5c}");
        assert!(chain.certificates.is_empty());
        assert!(chain.leaf_key.is_none());
        // The thumbprints are still compared, with nothing to compare them with.
        assert!(chain
            .thumbprints
            .iter()
            .all(|t| t.result == ThumbprintResult::NoLeaf));
    }
    let mut without = header.clone();
    without.remove("x5c");
    assert!(check_chain(&without, &[], 0).is_none());
    assert!(plan(&without, &[], 0).is_none());
}

#[test]
fn a_malformed_entry_is_reported_on_its_own_and_on_the_link_below_it() {
    let case = case("rsa-pkcs1");
    let anchors = anchors_in_pem(case["anchor_pem"].as_str().unwrap());
    let header = header(case["token"].as_str().unwrap());
    let leaf = header["x5c"][0].as_str().unwrap().to_owned();
    let url_safe = header["x5c"][1]
        .as_str()
        .unwrap()
        .replace('+', "-")
        .replace('/', "_")
        .replace('=', "");
    for (entry, code) in [
        (json!(42), "not-a-string"),
        (json!("not base64!"), "not-base64"),
        (json!(url_safe), "not-base64"),
        (json!(STANDARD.encode(b"not a certificate")), "not-der"),
        (json!(""), "not-der"),
    ] {
        let chain = check_chain(
            &with_x5c(&header, json!([leaf, entry])),
            &anchors,
            at(&case),
        )
        .unwrap();
        let error = chain.certificates[1].details.as_ref().unwrap_err();
        assert_eq!(error.code(), code, "{entry}");
        assert_eq!(links(&chain), ["unreadable-issuer", "malformed"], "{entry}");
        assert_eq!(chain.status, ChainStatus::Broken(Broken::Link { index: 0 }));
        // The leaf is still shown and its key still usable.
        assert!(chain.certificates[0].details.is_ok());
        assert!(chain.leaf_key.is_some());
    }
    let chain = check_chain(&with_x5c(&header, json!([url_safe])), &[], 0).unwrap();
    let EntryError::NotBase64 { detail } = chain.certificates[0].details.as_ref().unwrap_err()
    else {
        panic!("not the base64 error");
    };
    assert!(detail.contains("base64url"), "{detail}");
    assert!(chain.leaf_key.is_none());
    assert_eq!(
        chain
            .thumbprints
            .iter()
            .map(|t| t.result)
            .collect::<Vec<_>>(),
        [ThumbprintResult::NoLeaf; 2]
    );
}

#[test]
fn truncated_or_flipped_certificates_never_panic() {
    // A leaf alone, checked against its issuer as the anchor (one RSA check, the quickest
    // here, for each of the thousands of variants).
    let case = case("rsa-pkcs1");
    let header = header(case["token"].as_str().unwrap());
    let intermediate = STANDARD.decode(header["x5c"][1].as_str().unwrap()).unwrap();
    let anchors = anchors_in_pem(&pem_certificate(&intermediate));
    let header = with_x5c(&header, json!([header["x5c"][0]]));
    assert_eq!(
        links(&check_chain(&header, &anchors, at(&case)).unwrap()),
        ["ok"]
    );
    let leaf = STANDARD.decode(header["x5c"][0].as_str().unwrap()).unwrap();
    for len in 0..leaf.len() {
        let truncated = with_entry(&header, 0, |der| der.truncate(len));
        let chain = check_chain(&truncated, &anchors, at(&case)).unwrap();
        assert_eq!(chain.certificates[0].link.code(), "malformed", "{len}");
    }
    // Whatever a flipped bit broke, the link cannot hold.
    for byte in 0..leaf.len() {
        let flipped = with_entry(&header, 0, |der| der[byte] ^= 0x80);
        let chain = check_chain(&flipped, &anchors, at(&case)).unwrap();
        assert_ne!(chain.certificates[0].link.code(), "ok", "byte {byte}");
        assert_ne!(chain.code(), "anchored", "byte {byte}");
    }
}

#[test]
fn a_thumbprint_that_is_not_a_string_is_named_so() {
    let mut header = header(case("ed25519")["token"].as_str().unwrap());
    header.insert("x5t#S256".to_owned(), json!(7));
    let chain = check_chain(&header, &[], 0).unwrap();
    let s256 = chain
        .thumbprints
        .iter()
        .find(|t| t.parameter == "x5t#S256")
        .unwrap();
    assert_eq!(s256.result, ThumbprintResult::NotAString);
    assert_eq!(s256.given, "7");
}

// ---- Apple's App Store chain (tests/vectors/real-world/cases.json) ----

fn apple() -> Value {
    common::real_world_case("apple-app-store-notification-es256-x5c")
}

/// 2024-06-01, inside the leaf's validity (2023-09-12 to 2025-10-11).
const APPLE_CHECK_TIME: i64 = 1_717_200_000;

fn apple_root_pem(header: &Map<String, Value>) -> String {
    pem_certificate(&STANDARD.decode(header["x5c"][2].as_str().unwrap()).unwrap())
}

#[test]
fn apples_chain_is_anchored_at_apple_root_ca_g3() {
    let apple = apple();
    let token = apple["token"].as_str().unwrap();
    let header = header(token);
    let anchors = anchors_in_pem(&apple_root_pem(&header));
    assert!(anchors[0].is_usable());
    let chain = check_chain(&header, &anchors, APPLE_CHECK_TIME).unwrap();
    assert_eq!(links(&chain), ["ok", "ok", "anchor"]);
    let ChainStatus::Anchored { anchor: 0, subject } = &chain.status else {
        panic!("{:?}", chain.status);
    };
    assert!(subject.contains("CN=Apple Root CA - G3"), "{subject}");
    assert!(chain
        .leaf_subject()
        .unwrap()
        .contains("CN=Prod ECC Mac App Store and iTunes Store Receipt Signing"));
    let details: Vec<_> = chain
        .certificates
        .iter()
        .map(|c| c.details.as_ref().unwrap())
        .collect();
    assert!(details[1]
        .subject
        .contains("CN=Apple Worldwide Developer Relations Certification Authority"));
    assert_eq!(
        details
            .iter()
            .map(|d| d.key.clone().unwrap())
            .collect::<Vec<_>>(),
        ["EC P-256", "EC P-384", "EC P-384"]
    );
    assert_eq!(
        details.iter().map(|d| d.is_ca).collect::<Vec<_>>(),
        [false, true, true]
    );
    assert!(details
        .iter()
        .all(|d| d.signature_algorithm == "ecdsa-with-SHA384"));
    assert!(details[2].self_issued && !details[1].self_issued);
    // Apple sends no thumbprint.
    assert!(chain.thumbprints.is_empty());

    // The leaf key verifies the token, through the verification API and as a pasted PEM.
    let keys = chain.leaf_key_set().unwrap();
    let decoded = decode(token);
    let signed = verify::prepare(&decoded).unwrap();
    assert_eq!(
        verify::verify(&signed, &keys).unwrap(),
        Outcome::Verified { index: 0 }
    );
    let twin = decode(&flip_signature_bit(token));
    assert_eq!(
        verify::verify(&verify::prepare(&twin).unwrap(), &keys).unwrap(),
        Outcome::Mismatch { tried: 1 }
    );
    let leaf_pem = apple["pem"].as_str().unwrap();
    assert_eq!(
        check_text(token, leaf_pem, SecretEncoding::Utf8).status,
        Status::Valid
    );
}

#[test]
fn apples_chain_without_its_root_is_anchored_by_name_and_signature() {
    let header = header(apple()["token"].as_str().unwrap());
    let anchors = anchors_in_pem(&apple_root_pem(&header));
    let two = with_x5c(&header, json!([header["x5c"][0], header["x5c"][1]]));
    let chain = check_chain(&two, &anchors, APPLE_CHECK_TIME).unwrap();
    assert_eq!(links(&chain), ["ok", "ok"]);
    assert_eq!(chain.certificates[1].link.issuer, Issuer::Anchor(0));
    assert_eq!(chain.code(), "anchored");
}

#[test]
fn apples_chain_without_an_anchor_is_unanchored() {
    let header = header(apple()["token"].as_str().unwrap());
    let chain = check_chain(&header, &[], APPLE_CHECK_TIME).unwrap();
    assert_eq!(links(&chain), ["ok", "ok", "top"]);
    assert_eq!(chain.status, ChainStatus::Unanchored { anchors: 0 });
    assert!(chain.leaf_key.is_some());
}

#[test]
fn apples_chain_with_an_unrelated_root_is_not_anchored() {
    let header = header(apple()["token"].as_str().unwrap());
    let unrelated = anchors_in_pem(case("ec-mixed")["anchor_pem"].as_str().unwrap());
    let chain = check_chain(&header, &unrelated, APPLE_CHECK_TIME).unwrap();
    assert_eq!(chain.status, ChainStatus::Unanchored { anchors: 1 });
    assert_eq!(links(&chain), ["ok", "ok", "top"]);
}

#[test]
fn apples_chain_is_broken_once_its_leaf_expired_and_by_a_flipped_bit() {
    let header = header(apple()["token"].as_str().unwrap());
    let anchors = anchors_in_pem(&apple_root_pem(&header));
    let late_2025 = 1_764_547_200; // 2025-12-01
    let chain = check_chain(&header, &anchors, late_2025).unwrap();
    assert_eq!(links(&chain), ["expired", "ok", "anchor"]);
    assert_eq!(chain.status, ChainStatus::Broken(Broken::Link { index: 0 }));
    let tampered = with_entry(&header, 1, |der| *der.last_mut().unwrap() ^= 0x01);
    let chain = check_chain(&tampered, &anchors, APPLE_CHECK_TIME).unwrap();
    assert_eq!(links(&chain), ["ok", "bad-signature", "anchor"]);
}
