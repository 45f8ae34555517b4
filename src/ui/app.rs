//! The page: token on the left, decoded parts, verdict and key on the right.

use yew::prelude::*;

use super::components::decode_error::DecodeError;
use super::components::embedded_keys::EmbeddedKeys;
use super::components::encoded_token::EncodedToken;
use super::components::json_pane::{JsonPane, PaneContent};
use super::components::key_input::KeyInput;
use super::components::signature_pane::SignaturePane;
use super::components::token_input::TokenInput;
use super::components::verdict::Verdict;
use super::state::{Action, State};
use super::webcrypto;
use crate::jose::input::token_from_fragment;
use crate::jose::platform::decide_on_platform;

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

/// The browser's clock, in Unix seconds.
fn now_seconds() -> Option<i64> {
    Some((js_sys::Date::now() / 1000.0) as i64)
}

/// Runs the pending check in WebCrypto and hands its verdict back, tagged with the generation
/// of the inputs it was for.
fn start_platform_check(state: UseReducerHandle<State>) {
    let (Some(decoded), Some(keys)) = (state.decoded.clone(), state.keys.clone()) else {
        return;
    };
    if !state.is_pending() {
        return;
    }
    let generation = state.generation;
    let removed = state.cleaned.removed.clone();
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        let verification = decide_on_platform(&decoded, &removed, &keys, |request| async move {
            webcrypto::ask(&request).await
        })
        .await;
        dispatcher.dispatch(Action::Settle {
            generation,
            verification,
        });
    });
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::with_token(token_from_location()));

    let on_token = {
        let state = state.clone();
        Callback::from(move |token: String| state.dispatch(Action::SetToken(token)))
    };
    let on_key = {
        let state = state.clone();
        Callback::from(move |key: String| state.dispatch(Action::SetKey(key)))
    };
    let on_encoding = {
        let state = state.clone();
        Callback::from(move |encoding| state.dispatch(Action::SetEncoding(encoding)))
    };

    // A check for WebCrypto runs after the render that shows it pending, so typing never waits.
    {
        let state = state.clone();
        use_effect_with(state.generation, move |_| start_platform_check(state));
    }

    let decoded = state.decoded.clone();
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
                    <TokenInput value={state.token_input.clone()} removed={state.cleaned.removed.clone()} on_input={on_token} />
                    if let Some(decoded) = decoded.clone() {
                        <EncodedToken decoded={decoded} />
                    }
                    <DecodeError error={state.decode_error()} />
                </section>
                <section class="app-column">
                    <Verdict verification={state.verification.clone()} now={now_seconds()} />
                    <EmbeddedKeys keys={state.embedded.clone()} />
                    if let Some(content) = header {
                        <JsonPane part="header" title="Header" content={content} />
                    }
                    if let Some(content) = payload {
                        <JsonPane part="payload" title="Payload" content={content} />
                    }
                    if let Some(decoded) = decoded {
                        <SignaturePane decoded={decoded} />
                    }
                    <KeyInput value={state.key_input.clone()} encoding={state.encoding} keys={state.keys.clone()} on_input={on_key} on_encoding={on_encoding} />
                </section>
            </main>
        </div>
    }
}
