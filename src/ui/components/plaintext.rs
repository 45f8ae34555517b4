//! A decrypted token's plaintext, and the signed token inside it debugged like any other: its
//! header and payload, claims, and a key box and verdict of its own.

use std::rc::Rc;

use yew::prelude::*;

use super::claims_table::{ClaimsTable, TableKind};
use super::copy_button::CopyButton;
use super::json_pane::{JsonPane, PaneContent};
use super::verdict::Verdict;
use crate::jose::claims::Clock;
use crate::jose::inspection::Inspection;
use crate::jose::key::SecretEncoding;
use crate::ui::events::{on_choice, on_text};
use crate::ui::state::encrypted::Opened;
use crate::ui::state::KeyBox;

/// What the view shows.
pub struct PlaintextProps {
    pub opened: Rc<Opened>,
    pub inner_key: KeyBox,
    /// The signed token inside, inspected with the inner key box.
    pub inner: Option<Inspection>,
    pub clock: Clock,
    pub on_inner_key: Callback<String>,
    pub on_inner_encoding: Callback<SecretEncoding>,
}

/// A plain view function rather than a component: it has no state of its own, and each
/// component costs the page about 1.5 KB of WebAssembly.
pub fn plaintext(props: &PlaintextProps) -> Html {
    let opened = &props.opened;
    let body = match (&opened.text, &opened.hex) {
        // A signed token inside is colour-coded like the decoder's (its text stays exact).
        (Some(text), _) if opened.inner.is_some() => html! {
            <pre class="pane-body encoded-text" data-testid="plaintext">{ coloured(text) }</pre>
        },
        (Some(text), _) => html! { <pre class="pane-body" data-testid="plaintext">{ text }</pre> },
        (None, Some(hex)) => html! {
            <>
                <p class="pane-note">{ "Not text, shown as hex." }</p>
                <pre class="pane-body pane-hex" data-testid="plaintext" data-format="hex">{ hex }</pre>
            </>
        },
        (None, None) => html! { <pre class="pane-body" data-testid="plaintext" /> },
    };
    let inflated = opened
        .inflated_from
        .map(|from| format!("Inflated (zip: DEF) from {from} bytes."));
    html! {
        <>
            <section class="pane card part-payload" data-testid="plaintext-pane" aria-label="Plaintext">
                <div class="card-head">
                    <h2 class="card-title pane-title">{ "Plaintext" }</h2>
                    if let Some(text) = opened.text.clone().or_else(|| opened.hex.clone()) {
                        <div class="card-tools">
                            <CopyButton text={text} testid="copy-plaintext" label="Copy the plaintext" />
                        </div>
                    }
                </div>
                if let Some(inflated) = inflated {
                    <p class="pane-note">{ inflated }</p>
                }
                { body }
            </section>
            if let Some(inner) = props.inner.as_ref() {
                { inner_token(props, inner) }
            }
        </>
    }
}

/// The compact token's segments in the header, payload and signature colours.
fn coloured(token: &str) -> Html {
    const PARTS: [&str; 3] = ["header", "payload", "signature"];
    html! {
        { for token.split('.').enumerate().map(|(index, segment)| html! {
            <>
                if index > 0 { <span class="encoded-dot">{ "." }</span> }
                <span class={classes!("encoded-part", PARTS.get(index).map(|part| format!("part-{part}")))}
                      data-testid={PARTS.get(index).map(|part| format!("inner-part-{part}"))}>{ segment.to_owned() }</span>
            </>
        }) }
    }
}

fn inner_token(props: &PlaintextProps, inspection: &Inspection) -> Html {
    let Some(inner) = inspection.decoded.as_deref() else {
        return html! {};
    };
    let on_key = on_text(&props.on_inner_key, |text| text);
    let on_encoding = on_choice(&props.on_inner_encoding, SecretEncoding::from_name);
    let claims = Rc::clone(&inspection.tables.claims);
    html! {
        <section class="inner-token" data-testid="inner-token" aria-label="The signed token inside">
            <h2 class="inner-token-title">{ "Signed token inside (nested JWT)" }</h2>
            <JsonPane part="inner-header" title="Inner header" content={PaneContent::header(inner)} />
            if let Some(content) = PaneContent::payload(inner) {
                <JsonPane part="inner-payload" title="Inner payload" content={content} />
            }
            if !claims.is_empty() {
                <ClaimsTable rows={claims} kind={TableKind::Claims} now={props.clock.now} />
            }
            <label class="key-input-label" for="inner-key-input">{ "Inner token's secret or public key" }</label>
            <textarea id="inner-key-input" class="key-input-area" data-testid="inner-key-input" spellcheck="false"
                      autocomplete="off" placeholder="The key that verifies the signed token inside"
                      value={props.inner_key.text.expose().to_owned()} oninput={on_key} />
            <div class="key-input-row">
                <label class="key-input-label" for="inner-secret-encoding">{ "Secret encoding" }</label>
                <select id="inner-secret-encoding" data-testid="inner-secret-encoding" onchange={on_encoding}>
                    { for SecretEncoding::ALL.iter().map(|encoding| html! {
                        <option value={encoding.as_str()} selected={*encoding == props.inner_key.encoding}>{ encoding.label() }</option>
                    }) }
                </select>
            </div>
            <Verdict verification={inspection.verification.clone()} testid="inner-verify-status" />
        </section>
    }
}
