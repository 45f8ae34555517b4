//! The key box: a secret, PEM key or certificate, JWK or JWK Set, auto-detected; the detected
//! kind is shown under it.

use yew::prelude::*;

use crate::jose::inspection::ParsedKeys;
use crate::jose::key::secret::has_edge_whitespace;
use crate::jose::key::{Key, KeyFormat, KeySet, SecretEncoding};
use crate::ui::events::{on_choice, on_text};

#[derive(PartialEq, Properties)]
pub struct KeyInputProps {
    pub value: String,
    pub encoding: SecretEncoding,
    pub keys: ParsedKeys,
    pub on_input: Callback<String>,
    pub on_encoding: Callback<SecretEncoding>,
    /// The token is encrypted: the box holds the decryption key.
    #[prop_or_default]
    pub decrypting: bool,
    /// The box holds public keys only, so share links may carry it, if the user opts in.
    #[prop_or_default]
    pub shareable: bool,
    #[prop_or_default]
    pub share_key: bool,
    #[prop_or_default]
    pub on_share_key: Callback<bool>,
}

#[component]
pub fn KeyInput(props: &KeyInputProps) -> Html {
    let oninput = on_text(&props.on_input, |text| text);
    let onchange = on_choice(&props.on_encoding, SecretEncoding::from_name);
    let parsed = props.keys.as_deref().and_then(|keys| keys.as_ref().ok());
    let is_secret = parsed.is_none_or(|keys| matches!(keys.format, KeyFormat::Secret(_)));
    let edge_note =
        (is_secret && props.encoding == SecretEncoding::Utf8 && has_edge_whitespace(&props.value))
            .then_some("The secret starts or ends with whitespace, which is part of the key.");
    html! {
        <section class="card card-key key-input" aria-label={if props.decrypting { "Decrypt" } else { "Verify signature" }}>
            <div class="card-head">
                <label class="card-title" for="key-input">
                    { if props.decrypting { "Decryption key or password" } else { "Secret or public key" } }
                </label>
            </div>
            <textarea
                id="key-input"
                class="key-input-area"
                data-testid="key-input"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder={if props.decrypting {
                    "A shared secret or password, a PEM private key, a private JWK, or a JWK Set"
                } else {
                    "An HMAC secret, a PEM public key or certificate, a JWK, or a JWK Set"
                }}
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
                if let Some(keys) = parsed {
                    { detected(keys) }
                }
            </div>
            if props.shareable {
                <label class="key-input-share">
                    <input type="checkbox" data-testid="share-include-key" checked={props.share_key}
                           onchange={share_toggle(&props.on_share_key)} />
                    { " Include this public key in share links" }
                </label>
            }
            if let Some(note) = edge_note {
                <p class="key-input-note">{ note }</p>
            }
            if let Some(keys) = parsed.filter(|keys| !keys.skipped.is_empty()) {
                <ul class="key-input-skipped">
                    { for keys.skipped.iter().map(|reason| html! { <li>{ format!("Skipped {reason}") }</li> }) }
                </ul>
            }
        </section>
    }
}

/// "Detected: PEM PUBLIC KEY, RSA 2048-bit public key" and the secret's length.
fn detected(keys: &KeySet) -> Html {
    let length = match keys.entries.as_slice() {
        [entry] => match &entry.key {
            Key::Secret(secret) => Some(format!(
                "{} byte{}",
                secret.len(),
                if secret.len() == 1 { "" } else { "s" }
            )),
            _ => None,
        },
        _ => None,
    };
    // A secret's length is said once, beside it; other keys say what they are.
    let what = match keys.entries.as_slice() {
        [_] if length.is_some() => String::new(),
        [entry] => format!(", {}", entry.key.describe()),
        entries => format!(", {} keys", entries.len()),
    };
    html! {
        <>
            <span class="key-input-detected" data-testid="key-detected">
                { format!("Detected: {}{what}", keys.format.describe()) }
            </span>
            if let Some(length) = length {
                <span class="key-input-length" data-testid="key-length">{ length }</span>
            }
        </>
    }
}

/// The share-the-key checkbox's handler.
fn share_toggle(on_share_key: &Callback<bool>) -> Callback<Event> {
    let on_share_key = on_share_key.clone();
    Callback::from(move |event: Event| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        on_share_key.emit(input.checked());
    })
}
