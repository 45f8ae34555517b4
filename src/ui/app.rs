//! The page: token on the left, decoded parts, verdict and key on the right.

use yew::prelude::*;

use super::components::check_settings::CheckSettingsForm;
use super::components::claims_table::{ClaimsTable, TableKind};
use super::components::decode_error::DecodeError;
use super::components::embedded_keys::EmbeddedKeys;
use super::components::encoded_token::EncodedToken;
use super::components::encoder::Encoder;
use super::components::encrypted_json::encrypted_json;
use super::components::encrypted_parts::{encrypted_parts, EncryptedPartsProps};
use super::components::encrypted_verdict::{encrypted_verdict, EncryptedVerdictProps};
use super::components::findings::Findings;
use super::components::json_pane::{JsonPane, PaneContent};
use super::components::key_input::KeyInput;
use super::components::key_workshop::{key_workshop, KeyWorkshopProps};
use super::components::lifetime::Lifetime;
use super::components::plaintext::{plaintext, PlaintextProps};
use super::components::signature_pane::SignaturePane;
use super::components::token_input::TokenInput;
use super::components::verdict::Verdict;
use super::hooks::use_clock::{now, use_clock};
use super::hooks::use_platform_check::use_platform_check;
use super::hooks::use_secret_search::use_secret_search;
use super::hooks::use_worker_jobs::use_worker_jobs;
use super::state::encrypted::Decryption;
use super::state::{Action, State};
use crate::jose::input::token_from_fragment;

/// Reads `#token=…` from the page's URL; the token never travels in a query string.
fn token_from_location() -> String {
    let hash = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default();
    token_from_fragment(&hash)
        .map(|raw| {
            js_sys::decode_uri_component(raw)
                .ok()
                .and_then(|decoded| decoded.as_string())
                .unwrap_or_else(|| raw.to_owned())
        })
        .unwrap_or_default()
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(token_from_location(), now()));
    let on_token = {
        let state = state.clone();
        Callback::from(move |token: String| state.dispatch(Action::SetToken(token)))
    };
    let on_key = {
        let state = state.clone();
        Callback::from(move |key: String| state.dispatch(Action::SetKey(key.into())))
    };
    let on_encoding = {
        let state = state.clone();
        Callback::from(move |encoding| state.dispatch(Action::SetEncoding(encoding)))
    };

    use_platform_check(&state);
    use_secret_search(&state);
    use_clock(&state);
    use_worker_jobs(&state);
    let on_inner_key = {
        let state = state.clone();
        Callback::from(move |key: String| state.dispatch(Action::SetInnerKey(key.into())))
    };
    let on_inner_encoding = {
        let state = state.clone();
        Callback::from(move |encoding| state.dispatch(Action::SetInnerEncoding(encoding)))
    };
    let on_workshop_edit = {
        let state = state.clone();
        Callback::from(move |edit| state.dispatch(Action::Workshop(edit)))
    };
    let on_sign_with = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::SignWithGenerated))
    };
    let on_encoder_edit = {
        let state = state.clone();
        Callback::from(move |edit| state.dispatch(Action::Encode(edit)))
    };
    let on_send = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::SendToDecoder))
    };
    let on_search = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::StartSecretSearch))
    };
    let on_settings = {
        let state = state.clone();
        Callback::from(move |settings| state.dispatch(Action::SetSettings(settings)))
    };

    // The workshop only needs the clock while it works (to say for how long).
    let workshop_now = state.workshop.is_working().then_some(state.now);
    let clock = state.clock();
    let outer = &state.outer.inspection;
    let tables = outer.tables.clone();
    let times = tables.times;

    let decoded = outer.decoded.clone();
    let opened = match state
        .inner
        .decryption
        .as_ref()
        .map(|encrypted| &encrypted.verdict)
    {
        Some(Decryption::Decrypted(opened)) => Some(opened.clone()),
        _ => None,
    };
    let header = decoded.as_ref().map(|d| PaneContent::header(d));
    let payload = decoded.as_ref().and_then(|d| PaneContent::payload(d));

    html! {
        <div class="app">
            <header class="app-bar">
                <h1>{ "JWT Debugger" }</h1>
                <p class="app-tagline">{ "Decoded and verified in this page. Nothing you paste leaves it." }</p>
            </header>
            <main class="app-main">
                <section class="app-column">
                    <TokenInput value={state.outer.input.clone()} removed={outer.cleaned.removed.clone()} on_input={on_token} />
                    if let Some(decoded) = decoded.clone() {
                        <EncodedToken decoded={decoded} />
                    }
                    <DecodeError error={outer.decode_error()} />
                    <KeyInput value={state.outer.key.text.expose().to_owned()} encoding={state.outer.key.encoding} keys={state.outer.key.keys.clone()} on_input={on_key} on_encoding={on_encoding}
                              decrypting={state.inner.decryption.is_some()} />
                    <Encoder encoder={state.encoder.clone()} now={state.now} on_edit={on_encoder_edit} on_send={on_send} />
                    { key_workshop(&KeyWorkshopProps { workshop: state.workshop.clone(), now: workshop_now, on_edit: on_workshop_edit, on_sign_with }) }
                </section>
                <section class="app-column">
                    if let Some(encrypted) = state.inner.decryption.clone() {
                        { encrypted_verdict(&EncryptedVerdictProps { encrypted }) }
                    } else {
                        <Verdict verification={outer.verification.clone()} now={Some(state.now as i64)} />
                    }
                    // Components render a root element always; whether they show is decided
                    // here, where Yew keeps sibling order stable.
                    if !outer.embedded.is_empty() {
                        <EmbeddedKeys keys={outer.embedded.clone()} />
                    }
                    if decoded.is_some() {
                        <Findings findings={state.findings.clone()} secret_search={state.search.state.clone()} on_search={on_search} />
                    }
                    if let Some(content) = header {
                        <JsonPane part="header" title="Header" content={content} />
                    }
                    if !tables.header.is_empty() {
                        <ClaimsTable rows={tables.header.clone()} kind={TableKind::Header} now={clock.now} />
                    }
                    if let Some(Ok(jwe)) = outer.json_jwe.as_deref() {
                        { encrypted_json(jwe) }
                    }
                    if let (Some(decoded), true) = (decoded.clone(), state.inner.decryption.is_some()) {
                        { encrypted_parts(&EncryptedPartsProps { decoded }) }
                    }
                    if let Some(opened) = opened {
                        { plaintext(&PlaintextProps { opened, inner_key: state.inner.key.clone(), inner: state.inner.inspection.clone(),
                                                      clock, on_inner_key, on_inner_encoding }) }
                    }
                    if let Some(content) = payload {
                        <JsonPane part="payload" title="Payload" content={content} />
                    }
                    if !tables.claims.is_empty() {
                        <ClaimsTable rows={tables.claims.clone()} kind={TableKind::Claims} now={clock.now} />
                    }
                    if times.span(clock.now).is_some() {
                        <Lifetime times={times} now={clock.now} />
                    }
                    if tables.has_claims {
                        <CheckSettingsForm settings={state.settings.clone()} on_change={on_settings} />
                    }
                    if let Some(decoded) = decoded {
                        <SignaturePane decoded={decoded} />
                    }
                </section>
            </main>
        </div>
    }
}
