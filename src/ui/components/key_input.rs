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
        <section class="key-input">
            <h2 class="key-input-title">{ if props.decrypting { "Decrypt" } else { "Verify signature" } }</h2>
            <label class="key-input-label" for="key-input">
                { if props.decrypting { "Decryption key or password" } else { "Secret or public key" } }
            </label>
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
    let what = match keys.entries.as_slice() {
        [entry] => entry.key.describe(),
        entries => format!("{} keys", entries.len()),
    };
    html! {
        <>
            <span class="key-input-detected" data-testid="key-detected">
                { format!("Detected: {}, {what}", keys.format.describe()) }
            </span>
            if let Some(length) = length {
                <span class="key-input-length" data-testid="key-length">{ length }</span>
            }
        </>
    }
}
