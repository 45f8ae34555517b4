//! The encoder's selective-disclosure controls: issue the token as an SD-JWT (RFC 9901) with
//! the listed claims as disclosures, decoy digests, the digest hash, and the holder's public key
//! for `cnf` (key binding).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::jose::sd_jwt::HashAlg;
use crate::ui::events::{on_choice, on_text};
use crate::ui::state::encoder::{Edit, Selective};

/// A view function, as the encryption controls are.
pub fn selective_controls(selective: &Selective, on_edit: &Callback<Edit>) -> Html {
    let on_toggle = {
        let on_edit = on_edit.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_edit.emit(Edit::Selective(input.checked()));
        })
    };
    let on_paths = on_text(on_edit, Edit::SdPaths);
    let on_holder = on_text(on_edit, Edit::SdHolder);
    let on_decoys = on_text(on_edit, |text| {
        Edit::SdDecoys(text.trim().parse().unwrap_or_default())
    });
    let on_alg = on_choice(on_edit, |name| HashAlg::from_name(name).map(Edit::SdAlg));
    let on_present = on_text(on_edit, Edit::SdPresent);
    let on_holder_key = on_text(on_edit, |text| Edit::SdHolderKey(text.into()));
    let on_aud = on_text(on_edit, Edit::SdAud);
    let on_nonce = on_text(on_edit, Edit::SdNonce);
    let binding = !selective.holder_key.expose().trim().is_empty();
    html! {
        <div class="encoder-encryption">
            <label class="encoder-label">
                <input type="checkbox" data-testid="encoder-sd" checked={selective.on} onchange={on_toggle} />
                { " Issue as an SD-JWT (selective disclosure, RFC 9901)" }
            </label>
            if selective.on {
                <label class="encoder-label" for="encoder-sd-paths">{ "Selectively disclosable claims, one per line" }</label>
                <textarea id="encoder-sd-paths" class="encoder-area encoder-key" data-testid="encoder-sd-paths" spellcheck="false"
                          placeholder={"given_name\naddress.street_address\nnationalities[0]"}
                          value={selective.paths.clone()} oninput={on_paths} />
                <div class="encoder-row">
                    <label class="encoder-label" for="encoder-sd-decoys">{ "Decoy digests" }</label>
                    <input id="encoder-sd-decoys" type="number" min="0" max="100" step="1" data-testid="encoder-sd-decoys"
                           value={selective.decoys.to_string()} oninput={on_decoys} />
                    <label class="encoder-label" for="encoder-sd-alg">{ "Digest hash (_sd_alg)" }</label>
                    <select id="encoder-sd-alg" data-testid="encoder-sd-alg" onchange={on_alg}>
                        { for HashAlg::ALL.iter().map(|alg| html! {
                            <option value={alg.name()} selected={*alg == selective.sd_alg}>{ alg.name() }</option>
                        }) }
                    </select>
                </div>
                <label class="encoder-label" for="encoder-sd-holder">{ "Holder's public key (JWK) for cnf, optional" }</label>
                <textarea id="encoder-sd-holder" class="encoder-area encoder-key" data-testid="encoder-sd-holder" spellcheck="false"
                          autocomplete="off" placeholder="{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"…\",\"y\":\"…\"}"
                          value={selective.holder_jwk.clone()} oninput={on_holder} />
                <label class="encoder-label" for="encoder-sd-present">{ "Present only these claims, one per line (empty: all, the issuance)" }</label>
                <textarea id="encoder-sd-present" class="encoder-area encoder-key" data-testid="encoder-sd-present" spellcheck="false"
                          placeholder="given_name" value={selective.present.clone()} oninput={on_present} />
                <label class="encoder-label" for="encoder-sd-holder-key">{ "Holder's private key, to add a key binding JWT (its public half becomes cnf)" }</label>
                <textarea id="encoder-sd-holder-key" class="encoder-area encoder-key" data-testid="encoder-sd-holder-key" spellcheck="false"
                          autocomplete="off" placeholder="-----BEGIN PRIVATE KEY----- … or a private JWK"
                          value={selective.holder_key.expose().to_owned()} oninput={on_holder_key} />
                if binding {
                    <div class="encoder-row">
                        <label class="encoder-label" for="encoder-sd-aud">{ "aud" }</label>
                        <input id="encoder-sd-aud" type="text" data-testid="encoder-sd-aud" value={selective.aud.clone()} oninput={on_aud} />
                        <label class="encoder-label" for="encoder-sd-nonce">{ "nonce" }</label>
                        <input id="encoder-sd-nonce" type="text" data-testid="encoder-sd-nonce" value={selective.nonce.clone()} oninput={on_nonce} />
                    </div>
                }
                <p class="encoder-note">{ "The token is the presentation: the issuer JWT with the chosen disclosures (and those enclosing them), then the key binding JWT when a holder key is given." }</p>
            }
        </div>
    }
}
