//! The key box: an HMAC secret and how to read it, with the decoded length shown.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::jose::key::{has_edge_whitespace, Key, SecretEncoding};

#[derive(PartialEq, Properties)]
pub struct KeyInputProps {
    pub value: String,
    pub encoding: SecretEncoding,
    pub on_input: Callback<String>,
    pub on_encoding: Callback<SecretEncoding>,
}

#[component]
pub fn KeyInput(props: &KeyInputProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            on_input.emit(area.value());
        })
    };
    let onchange = {
        let on_encoding = props.on_encoding.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(encoding) = SecretEncoding::from_name(&select.value()) {
                on_encoding.emit(encoding);
            }
        })
    };
    let length = match Key::from_secret(&props.value, props.encoding) {
        _ if props.value.is_empty() => None,
        Ok(Key::Secret(secret)) => Some(format!(
            "{} byte{}",
            secret.len(),
            if secret.len() == 1 { "" } else { "s" }
        )),
        Err(_) => None,
    };
    let edge_note = (props.encoding == SecretEncoding::Utf8 && has_edge_whitespace(&props.value))
        .then_some("The secret starts or ends with whitespace, which is part of the key.");
    html! {
        <section class="key-input">
            <h2 class="key-input-title">{ "Verify signature" }</h2>
            <label class="key-input-label" for="key-input">{ "Secret" }</label>
            <textarea
                id="key-input"
                class="key-input-area"
                data-testid="key-input"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="The HMAC secret"
                value={props.value.clone()}
                {oninput}
            />
            <div class="key-input-row">
                <label class="key-input-label" for="secret-encoding">{ "Secret encoding" }</label>
                <select id="secret-encoding" data-testid="secret-encoding" {onchange}>
                    { for SecretEncoding::ALL.iter().map(|encoding| html! {
                        <option value={encoding.as_str()} selected={*encoding == props.encoding}>{ encoding.label() }</option>
                    }) }
                </select>
                if let Some(length) = length {
                    <span class="key-input-length" data-testid="key-length">{ length }</span>
                }
            </div>
            if let Some(note) = edge_note {
                <p class="key-input-note">{ note }</p>
            }
        </section>
    }
}
