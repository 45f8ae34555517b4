//! The attack lab: the tokens a tester sends to a verifier to see whether it falls for the
//! known JWT attacks, made in the worker from the decoder's token and key box, each with what a
//! correct verifier must do, a reference and a copy button; the jku/x5u content to host.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::jose::attacks::{Attack, AttackKind};
use crate::ui::actions::Actions;
use crate::ui::state::State;

pub fn attack_lab(state: &State, actions: &Actions) -> Html {
    let on_url = actions
        .set_attack_url
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    let has_token = state.outer.inspection.decoded.is_some() && !state.outer.inspection.is_jwe();
    let body = match (has_token, state.attacks()) {
        (false, _) => html! {
            <p class="attacks-note" data-testid="attacks-status" data-state="no-token">
                { "Paste a signed token (and, for key confusion, its public key) in the Decoder: the lab makes its attacks from them." }
            </p>
        },
        (true, None) => html! {
            <p class="attacks-note" data-testid="attacks-status" data-state="making" aria-live="polite">{ "Making the tokens…" }</p>
        },
        (true, Some(Err(error))) => html! {
            <p class="attacks-note attacks-error" data-testid="attacks-status" data-state="failed">{ format!("No tokens: {error}") }</p>
        },
        (true, Some(Ok(attacks))) => html! {
            <>
                <p class="attacks-note" data-testid="attacks-status" data-state="made">
                    { format!("{} tokens from the decoder's token{}.", attacks.len(), if state.outer.key.text.is_empty() { " (no key in the key box: no key-confusion tokens)" } else { " and key box" }) }
                </p>
                <p class="attacks-note">{ "The embedded-key, jku and x5u tokens use a key made fresh each time the lab is made (a new token, key or URL): host the content shown with the token you copy." }</p>
                { for AttackKind::ALL.into_iter().map(|kind| group(kind, attacks)) }
            </>
        },
    };
    html! {
        <section class="attacks card" aria-labelledby="attacks-title">
            <h2 class="card-title" id="attacks-title">{ "Attack lab" }</h2>
            <p class="attacks-warning" role="note">
                { "For testing systems you are allowed to test. Every token is made in this page; nothing is sent anywhere." }
            </p>
            <div class="attacks-controls">
                <label for="attack-url">{ "URL you host the jku / x5u content at" }</label>
                <input id="attack-url" type="url" data-testid="attack-url" value={state.attacks.url.clone()}
                       placeholder="https://attacker.example/keys" oninput={on_url} spellcheck="false" autocomplete="off" />
                <button type="button" class="tool-button" data-testid="attacks-edit-claims" onclick={actions.edit_in_encoder.clone()}>
                    { "Change claims and re-sign in the encoder" }
                </button>
            </div>
            { body }
        </section>
    }
}

fn group(kind: AttackKind, attacks: &[Attack]) -> Html {
    let members: Vec<&Attack> = attacks
        .iter()
        .filter(|attack| attack.kind == kind)
        .collect();
    if members.is_empty() {
        return html! {};
    }
    let (expected, reference) = kind.expectation();
    html! {
        <section class="attack-group" aria-label={kind.as_str()}>
            <h3 class="attack-group-title">{ title(kind) }</h3>
            <p class="attack-expected">{ expected }<span class="attack-reference">{ format!(" {reference}") }</span></p>
            <ul class="attack-list">
                { for members.into_iter().map(item) }
            </ul>
        </section>
    }
}

fn item(attack: &Attack) -> Html {
    let token = AttrValue::from(attack.token.clone());
    html! {
        <li class="attack" data-testid="attack" data-attack={attack.kind.as_str()}>
            <div class="attack-head">
                <span class="attack-variant">{ attack.variant.clone() }</span>
                <CopyButton text={token.clone()} testid="attack-copy" label={format!("Copy the token: {}", attack.variant)} />
            </div>
            <code class="attack-token" data-testid="attack-token" tabindex="0">{ token }</code>
            if let Some(host) = &attack.host {
                <details class="attack-host">
                    <summary>{ "What to host at the URL" }</summary>
                    <CopyButton text={AttrValue::from(host.clone())} testid="attack-host-copy" label="Copy what to host at the URL" />
                    <pre data-testid="attack-host" tabindex="0">{ host.clone() }</pre>
                </details>
            }
        </li>
    }
}

fn title(kind: AttackKind) -> &'static str {
    match kind {
        AttackKind::AlgNone => "alg none",
        AttackKind::KeyConfusion => "Key confusion: the public key as an HMAC secret",
        AttackKind::EmbeddedJwk => "Embedded jwk",
        AttackKind::Jku => "jku: keys from a URL the token names",
        AttackKind::X5u => "x5u: a certificate from a URL the token names",
        AttackKind::KidTraversal => "kid path traversal",
        AttackKind::KidSql => "kid SQL injection",
        AttackKind::EmptyKey => "Empty HMAC key",
        AttackKind::Psychic => "Psychic signature",
        AttackKind::NullSignature => "Null signature",
    }
}
