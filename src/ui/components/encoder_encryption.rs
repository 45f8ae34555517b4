//! The encoder's encryption controls: whether to encrypt the signed token (a nested JWT), with
//! which algorithms, for which recipient key.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::jose::jwe::alg::{EncAlg, KeyAlg};
use crate::jose::key::SecretEncoding;
use crate::ui::events::{on_choice, on_text};
use crate::ui::state::encoder::{Edit, Encryption};

/// A view function, not a component: it has no state, and the encoder re-renders it anyway.
pub fn encryption_controls(encryption: &Encryption, on_edit: &Callback<Edit>) -> Html {
    let on_toggle = {
        let on_edit = on_edit.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_edit.emit(Edit::Encrypt(input.checked()));
        })
    };
    let choose = |read: fn(&str) -> Option<Edit>| on_choice(on_edit, read);
    let on_key = on_text(on_edit, |text| Edit::JweKey(text.into()));
    html! {
        <div class="encoder-encryption">
            <label class="encoder-label">
                <input type="checkbox" data-testid="encoder-encrypt" checked={encryption.on} onchange={on_toggle} />
                { " Encrypt the signed token (nested JWT, cty JWT)" }
            </label>
            if encryption.on {
                <div class="encoder-row">
                    <label class="encoder-label" for="encoder-jwe-alg">{ "Key management" }</label>
                    <select id="encoder-jwe-alg" data-testid="encoder-jwe-alg"
                            onchange={choose(|name| KeyAlg::from_name(name).map(Edit::JweAlg))}>
                        // RSA1_5 decrypts here but is not made: it is deprecated.
                        { for KeyAlg::ALL.iter().filter(|alg| **alg != KeyAlg::Rsa1_5).map(|alg| html! {
                            <option value={alg.name()} selected={*alg == encryption.alg}>{ alg.name() }</option>
                        }) }
                    </select>
                    <label class="encoder-label" for="encoder-jwe-enc">{ "Content" }</label>
                    <select id="encoder-jwe-enc" data-testid="encoder-jwe-enc"
                            onchange={choose(|name| EncAlg::from_name(name).map(Edit::JweEnc))}>
                        { for EncAlg::ALL.iter().map(|enc| html! {
                            <option value={enc.name()} selected={*enc == encryption.enc}>{ enc.name() }</option>
                        }) }
                    </select>
                    <label class="encoder-label" for="encoder-jwe-encoding">{ "Secret encoding" }</label>
                    <select id="encoder-jwe-encoding" data-testid="encoder-jwe-encoding"
                            onchange={choose(|name| SecretEncoding::from_name(name).map(Edit::JweEncoding))}>
                        { for SecretEncoding::ALL.iter().map(|encoding| html! {
                            <option value={encoding.as_str()} selected={*encoding == encryption.encoding}>{ encoding.label() }</option>
                        }) }
                    </select>
                </div>
                <textarea class="encoder-area encoder-key" data-testid="encoder-jwe-key" spellcheck="false" autocomplete="off"
                          aria-label="Recipient's key"
                          placeholder="The recipient's key: a public key (PEM, JWK), a private key, a shared secret or a password"
                          value={encryption.key.expose().to_owned()} oninput={on_key} />
            }
        </div>
    }
}
