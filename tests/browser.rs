//! Component tests in real headless Chromium (wasm-bindgen-test): mount, type, flush, read the DOM.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jwt_debugger::jose::error::{Error, Part};
use jwt_debugger::jose::status::{Status, Verification};
use jwt_debugger::ui::app::App;
use jwt_debugger::ui::components::decode_error::{DecodeError, DecodeErrorProps};
use jwt_debugger::ui::components::verdict::{Verdict, VerdictProps};
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
        };
        yew::Renderer::<Verdict>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        assert_eq!(status(&root), status_value.as_str());
        assert!(text(&root, "verify-status").contains(words), "{words}");
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
