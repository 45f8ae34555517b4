//! Component tests in real headless Chromium (wasm-bindgen-test): mount, type, flush, read the DOM.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwt_debugger::jose::alg::Alg;
mod common;

use common::{fixture, fixtures};
use jwt_debugger::jose::error::{Error, Part};
use jwt_debugger::jose::platform::{PlatformAnswer, PlatformRequest};
use jwt_debugger::jose::status::{Status, Verification};
use jwt_debugger::ui::app::App;
use jwt_debugger::ui::components::decode_error::{DecodeError, DecodeErrorProps};
use jwt_debugger::ui::components::verdict::{Verdict, VerdictProps};
use jwt_debugger::ui::webcrypto;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
const SECRET: &str = "your-256-bit-secret";

fn mount_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn mount_app() -> Element {
    let root = mount_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, testid: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
}

fn text(root: &Element, testid: &str) -> String {
    find(root, testid)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn status(root: &Element) -> String {
    find(root, "verify-status")
        .and_then(|e| e.get_attribute("data-status"))
        .unwrap_or_default()
}

async fn type_into(root: &Element, testid: &str, value: &str) {
    let area: HtmlTextAreaElement = find(root, testid).unwrap().dyn_into().unwrap();
    area.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

/// Waits (up to two seconds) for an asynchronous check to leave `pending`.
async fn settled(root: &Element) -> String {
    for _ in 0..200 {
        if status(root) != "pending" {
            break;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
        yew::scheduler::flush().await;
    }
    status(root)
}

/// The fixture token with the lowest bit of its signature's first character flipped.
fn flipped(token: &str) -> String {
    let (input, signature) = token.rsplit_once('.').unwrap();
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let first = alphabet.find(&signature[..1]).unwrap() ^ 1;
    format!("{input}.{}{}", &alphabet[first..=first], &signature[1..])
}

async fn choose(root: &Element, testid: &str, value: &str) {
    let select: HtmlSelectElement = find(root, testid).unwrap().dyn_into().unwrap();
    select.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn app_starts_empty_and_decodes_as_you_type() {
    let root = mount_app().await;
    assert_eq!(status(&root), "empty");
    assert!(find(&root, "header-json").is_none());

    type_into(&root, "token-input", TOKEN).await;
    assert_eq!(status(&root), "no-key");
    assert_eq!(
        text(&root, "token-part-header"),
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    );
    assert_eq!(
        text(&root, "header-json"),
        "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}"
    );
    assert!(text(&root, "payload-json").contains("\"name\": \"John Doe\""));
    assert!(find(&root, "decode-error").is_none());
}

#[wasm_bindgen_test]
async fn app_verifies_and_keeps_the_key_when_the_token_changes() {
    let root = mount_app().await;
    type_into(&root, "token-input", TOKEN).await;
    type_into(&root, "key-input", SECRET).await;
    assert_eq!(status(&root), "valid");
    assert_eq!(text(&root, "key-length"), "19 bytes");

    // Negative twin: one changed signature character, same key.
    let tampered = format!("{}g", TOKEN.trim_end_matches('c'));
    type_into(&root, "token-input", &tampered).await;
    assert_eq!(status(&root), "invalid");
    type_into(&root, "token-input", TOKEN).await;
    assert_eq!(status(&root), "valid");
}

#[wasm_bindgen_test]
async fn app_reads_the_secret_in_the_chosen_encoding() {
    let root = mount_app().await;
    type_into(&root, "token-input", TOKEN).await;
    type_into(&root, "key-input", "eW91ci0yNTYtYml0LXNlY3JldA==").await;
    assert_eq!(status(&root), "invalid");
    choose(&root, "secret-encoding", "base64").await;
    assert_eq!(status(&root), "valid");
    choose(&root, "secret-encoding", "hex").await;
    assert_eq!(status(&root), "key-error");
}

#[wasm_bindgen_test]
async fn app_reports_a_broken_payload_and_still_shows_the_header() {
    let root = mount_app().await;
    let broken = TOKEN.replacen(".eyJzdWIi", ".eyJz*WIi", 1);
    type_into(&root, "token-input", &broken).await;
    assert_eq!(status(&root), "malformed");
    let error = find(&root, "decode-error").unwrap();
    assert_eq!(error.get_attribute("data-part").as_deref(), Some("payload"));
    assert!(error
        .text_content()
        .unwrap()
        .contains("byte 4 of the payload"));
    assert!(text(&root, "header-json").contains("HS256"));
}

#[wasm_bindgen_test]
async fn verdict_shows_each_status_in_words() {
    let cases = [
        (Status::Valid, None, "Signature verified"),
        (Status::Invalid, None, "Invalid signature"),
        (Status::Pending, None, "Checking the signature"),
        (
            Status::NoKey,
            None,
            "Enter a secret or public key to verify",
        ),
        (Status::Unsupported, Some(Error::AlgNone), "unsecured"),
    ];
    for (status_value, reason, words) in cases {
        let root = mount_root();
        let props = VerdictProps {
            verification: std::rc::Rc::new(Verification {
                status: status_value,
                reason,
                verified_by: None,
                tried: 1,
                strict: Vec::new(),
            }),
            now: None,
            testid: "verify-status".into(),
            decode_error_shown: false,
            signatures: None,
            payload: None,
        };
        yew::Renderer::<Verdict>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        assert_eq!(status(&root), status_value.as_str());
        assert!(text(&root, "verify-status").contains(words), "{words}");
    }
}

/// A signature that matches a key a careful verifier must refuse reads as a refusal, in its
/// own look: never the green of a clean pass.
#[wasm_bindgen_test]
async fn a_valid_signature_with_strict_problems_reads_as_refuse_not_verified() {
    let looks = [
        (Vec::new(), "verdict-valid", "Signature verified"),
        (
            vec![jwt_debugger::jose::strict::StrictProblem::ShortHmacKey {
                bytes: 19,
                needed: 32,
            }],
            "verdict-refuse",
            "Signature matches, but refuse this token",
        ),
    ];
    for (strict, class, words) in looks {
        let root = mount_root();
        let props = VerdictProps {
            verification: std::rc::Rc::new(Verification {
                status: Status::Valid,
                reason: None,
                verified_by: None,
                tried: 1,
                strict,
            }),
            now: None,
            testid: "verify-status".into(),
            decode_error_shown: false,
            signatures: None,
            payload: None,
        };
        yew::Renderer::<Verdict>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        let verdict = find(&root, "verify-status").unwrap();
        assert!(
            verdict.class_name().split_whitespace().any(|c| c == class),
            "{class}"
        );
        assert!(text(&root, "verify-status").contains(words), "{words}");
        assert!(
            !text(&root, "verify-status").contains("Signature verified")
                || class == "verdict-valid"
        );
    }
}

#[wasm_bindgen_test]
async fn decode_error_names_its_part_and_is_absent_without_one() {
    let root = mount_root();
    let props = DecodeErrorProps {
        error: Some(Error::NotObject {
            part: Part::Header,
            found: "an array",
        }),
    };
    yew::Renderer::<DecodeError>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let error = find(&root, "decode-error").unwrap();
    assert_eq!(error.get_attribute("data-part").as_deref(), Some("header"));

    let empty = mount_root();
    yew::Renderer::<DecodeError>::with_root_and_props(
        empty.clone(),
        DecodeErrorProps { error: None },
    )
    .render();
    yew::scheduler::flush().await;
    assert!(find(&empty, "decode-error").is_none());
}

/// The request the core would hand to WebCrypto for a fixture's token and JWK.
fn request_for(case: &Value, token: &str) -> PlatformRequest {
    let alg = Alg::from_name(case["alg"].as_str().unwrap()).unwrap();
    let (input, signature) = token.rsplit_once('.').unwrap();
    let signature = jwt_debugger::jose::base64url::decode_segment(signature, Part::Signature, 0);
    let jwk: Value = serde_json::from_str(case["keys"]["jwk"].as_str().unwrap()).unwrap();
    let members = ["crv", "e", "kty", "n", "x", "y"]
        .into_iter()
        .filter_map(|name| jwk.get(name).map(|value| format!("{name:?}:{value}")))
        .collect::<Vec<_>>()
        .join(",");
    PlatformRequest {
        alg,
        algorithm: alg.platform().unwrap(),
        jwk: format!("{{{members}}}"),
        signing_input: input.as_bytes().into(),
        signature: signature.unwrap().into(),
    }
}

#[wasm_bindgen_test]
async fn webcrypto_verifies_every_platform_algorithm_and_rejects_a_flipped_bit() {
    let mut asked = 0;
    for case in fixtures() {
        let alg = Alg::from_name(case["alg"].as_str().unwrap()).unwrap();
        if alg.platform().is_none() {
            continue;
        }
        let token = case["token"].as_str().unwrap();
        let name = case["name"].as_str().unwrap();
        let good = webcrypto::ask(&request_for(&case, token)).await;
        assert_eq!(good, PlatformAnswer::Matches, "{name}");
        let bad = webcrypto::ask(&request_for(&case, &flipped(token))).await;
        assert_eq!(bad, PlatformAnswer::DoesNotMatch, "{name} flipped");
        asked += 1;
    }
    assert_eq!(asked, 10);
}

#[wasm_bindgen_test]
async fn webcrypto_says_when_it_cannot_run_a_key() {
    let case = fixture("ES256");
    let mut request = request_for(&case, case["token"].as_str().unwrap());
    request.jwk = r#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#.to_owned();
    assert_eq!(webcrypto::ask(&request).await, PlatformAnswer::CannotRun);
}

#[wasm_bindgen_test]
async fn app_is_pending_while_webcrypto_checks_then_names_the_key() {
    let root = mount_app().await;
    let case = fixture("ES384");
    let token = case["token"].as_str().unwrap();
    type_into(&root, "key-input", case["keys"]["jwks"].as_str().unwrap()).await;
    type_into(&root, "token-input", token).await;
    assert_eq!(status(&root), "pending");
    assert_eq!(settled(&root).await, "valid");
    assert!(text(&root, "verified-key").contains("es384-fixture"));

    type_into(&root, "token-input", &flipped(token)).await;
    assert_eq!(settled(&root).await, "invalid");
    // A stale answer never overwrites a newer verdict: change the token twice at once.
    type_into(&root, "token-input", token).await;
    type_into(&root, "token-input", &flipped(token)).await;
    assert_eq!(settled(&root).await, "invalid");
    yew::platform::time::sleep(std::time::Duration::from_millis(100)).await;
    yew::scheduler::flush().await;
    assert_eq!(status(&root), "invalid");
}

#[wasm_bindgen_test]
async fn findings_show_code_and_severity_and_the_search_state() {
    use jwt_debugger::jose::lint::known_secret;
    use jwt_debugger::ui::components::findings::{Findings, FindingsProps};
    use jwt_debugger::ui::state::SecretSearch;
    let root = mount_root();
    let props = FindingsProps {
        findings: std::rc::Rc::new(vec![known_secret("your-256-bit-secret")]),
        secret_search: SecretSearch::Reported(
            jwt_debugger::jose::known_secrets::SearchReport::Found {
                secret: "your-256-bit-secret".to_owned(),
                tried: 31,
            },
        ),
        on_search: yew::Callback::noop(),
        children: yew::Html::default(),
    };
    yew::Renderer::<Findings>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let finding = find(&root, "finding").unwrap();
    assert_eq!(
        finding.get_attribute("data-code").as_deref(),
        Some("known-secret")
    );
    assert_eq!(
        finding.get_attribute("data-severity").as_deref(),
        Some("error")
    );
    let status = find(&root, "known-secret-status").unwrap();
    assert_eq!(status.get_attribute("data-state").as_deref(), Some("found"));
}

#[wasm_bindgen_test]
async fn app_shows_claims_and_findings_as_you_type() {
    let root = mount_app().await;
    type_into(&root, "token-input", TOKEN).await;
    let rows = root
        .query_selector_all("[data-testid=claims-table] tr[data-claim]")
        .unwrap();
    assert_eq!(rows.length(), 3, "sub, name, iat");
    let iat = root.query_selector("tr[data-claim=iat]").unwrap().unwrap();
    assert_eq!(iat.get_attribute("data-state").as_deref(), Some("ok"));
    assert!(iat.text_content().unwrap().contains("2018-01-18T01:30:22Z"));
    let codes: Vec<String> = (0..root
        .query_selector_all("[data-testid=finding]")
        .unwrap()
        .length())
        .filter_map(|i| {
            root.query_selector_all("[data-testid=finding]")
                .unwrap()
                .item(i)
        })
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .filter_map(|item| item.get_attribute("data-code"))
        .collect();
    assert!(codes.contains(&"missing-exp".to_owned()), "{codes:?}");

    // Negative twin: a key that is too short adds short-secret; a long one does not.
    type_into(&root, "key-input", SECRET).await;
    assert!(find(&root, "findings")
        .unwrap()
        .inner_html()
        .contains("short-secret"));
    type_into(&root, "key-input", "0123456789abcdef0123456789abcdef").await;
    assert!(!find(&root, "findings")
        .unwrap()
        .inner_html()
        .contains("short-secret"));
}

/// A detached payload's verdict names the payload it was checked over.
#[wasm_bindgen_test]
async fn a_verdict_over_a_given_payload_names_it() {
    use jwt_debugger::jose::detached::{PayloadEncoding, PayloadSource};
    let root = mount_root();
    let props = VerdictProps {
        verification: std::rc::Rc::new(Verification::of(Status::Invalid)),
        now: None,
        testid: "verify-status".into(),
        decode_error_shown: false,
        signatures: None,
        payload: Some(PayloadSource::Given {
            encoding: PayloadEncoding::Base64url,
            bytes: 4,
        }),
    };
    yew::Renderer::<Verdict>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let said = text(&root, "verify-payload");
    assert!(said.contains("4 bytes, read as base64url"), "{said}");
}
