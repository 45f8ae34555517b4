//! The page: token on the left, decoded parts, verdict and key on the right.

use yew::prelude::*;

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

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
use super::known_secret;
use super::state::encrypted::Decryption;
use super::state::workshop::{Request, Workshop};
use super::state::{Action, State};
use super::webcrypto;
use super::workshop_client;
use crate::jose::input::token_from_fragment;
use crate::jose::known_secrets::Target;
use crate::jose::platform::{decide_on_platform, PlatformAnswer, PlatformRequest};

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

/// The browser's clock, in whole Unix seconds.
fn now() -> f64 {
    (js_sys::Date::now() / 1000.0).floor()
}

/// Searches the public list of known secrets when the token (or the signed token inside a
/// decrypted JWE) is an HS token, tagging progress with the token generation; `current` holds
/// the search's number and stops it when a newer one starts.
fn start_secret_search(state: UseReducerHandle<State>, current: Rc<Cell<u64>>) {
    let generation = state.token_generation;
    let search = current.get().wrapping_add(1);
    current.set(search);
    let outer = state.decoded.as_deref().and_then(Target::of);
    let Some(target) = outer.or_else(|| state.inner_token().as_deref().and_then(Target::of)) else {
        return;
    };
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        known_secret::run(target, search, current, move |search| {
            dispatcher.dispatch(Action::SecretSearch {
                token_generation: generation,
                search,
            })
        })
        .await;
    });
}

/// Asks the workshop worker to sign the encoder's inputs, tagging the answer with their
/// generation.
fn start_signing(state: UseReducerHandle<State>) {
    let Some(request) = state.encoder.request() else {
        return;
    };
    let generation = state.encoder.generation;
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        let answer = workshop_client::ask(request)
            .await
            .unwrap_or_else(|error| serde_json::json!({ "error": error }).to_string());
        dispatcher.dispatch(Action::Encoded { generation, answer });
    });
}

/// Sends the key workshop's request that `pick` finds (a key to make or to convert) to the
/// worker, and hands back its answer with the time the work took once the worker was ready.
fn start_forging(state: UseReducerHandle<State>, pick: fn(&Workshop) -> Option<(Request, String)>) {
    let Some((request, text)) = pick(&state.workshop) else {
        return;
    };
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        let answer = match workshop_client::ready().await {
            Ok(()) => {
                let started = js_sys::Date::now();
                let answer = workshop_client::ask(text).await;
                answer.map(|answer| (answer, js_sys::Date::now() - started))
            }
            Err(error) => Err(error),
        };
        let (answer, millis) =
            answer.unwrap_or_else(|error| (serde_json::json!({ "error": error }).to_string(), 0.0));
        dispatcher.dispatch(Action::Forged {
            request,
            answer,
            millis,
        });
    });
}

/// Asks the workshop worker to decrypt the current JWE, tagging the answer with the request.
fn start_decrypting(state: UseReducerHandle<State>, current: Rc<Cell<u64>>) {
    let Some((request, text)) = state.decrypt_request() else {
        return;
    };
    current.set(request);
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        // The worker answers in order, and PBES2 runs up to a million hashes: a request is sent
        // only once typing has settled, so every keystroke of a password does not queue one.
        yew::platform::time::sleep(DECRYPT_SETTLE).await;
        if current.get() != request {
            return;
        }
        let answer = workshop_client::ask(text).await.unwrap_or_else(|error| {
            serde_json::json!({ "status": "key-error", "error": error }).to_string()
        });
        dispatcher.dispatch(Action::Decrypted { request, answer });
    });
}

/// How long the inputs must rest before a JWE is sent to the worker to decrypt.
const DECRYPT_SETTLE: Duration = Duration::from_millis(120);

/// Moves the page's clock on every second, so relative times and time findings stay true.
fn start_clock(state: UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        loop {
            yew::platform::time::sleep(Duration::from_secs(1)).await;
            dispatcher.dispatch(Action::Tick(now()));
        }
    });
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
        let verification = decide_on_platform(&decoded, &removed, &keys, platform_answer).await;
        dispatcher.dispatch(Action::Settle {
            generation,
            verification,
        });
    });
}

/// Runs the inner token's pending check (of a decrypted JWE) the same way.
fn start_inner_platform_check(state: UseReducerHandle<State>) {
    let Some((generation, inner, keys)) = state.inner_platform_check() else {
        return;
    };
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        let verification = decide_on_platform(&inner, &[], &keys, platform_answer).await;
        dispatcher.dispatch(Action::SettleInner {
            generation,
            verification,
        });
    });
}

/// WebCrypto's answer, or, for a key it refuses to import, the workshop worker's (which runs
/// the core's pure-Rust check, so the page itself carries no RSA or NIST-curve code).
async fn platform_answer(request: PlatformRequest) -> PlatformAnswer {
    match webcrypto::ask(&request).await {
        PlatformAnswer::CannotRun => workshop_client::verify(&request).await,
        answer => answer,
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(token_from_location(), now()));
    let current_search: Rc<Cell<u64>> = use_memo((), |_| Cell::new(0_u64));
    let current_decrypt: Rc<Cell<u64>> = use_memo((), |_| Cell::new(0_u64));

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

    {
        let state = state.clone();
        // A decrypted JWE's inner token arrives after its token generation began.
        let inner = state.inner_token().is_some();
        use_effect_with((state.token_generation, inner), move |_| {
            start_secret_search(state, current_search)
        });
    }
    {
        let state = state.clone();
        use_effect_with((), move |_| start_clock(state));
    }
    {
        let state = state.clone();
        use_effect_with(state.encoder.generation, move |_| start_signing(state));
    }
    {
        let state = state.clone();
        use_effect_with(state.workshop.generate_request, move |_| {
            start_forging(state, Workshop::generate_request)
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.workshop.convert_request, move |_| {
            start_forging(state, Workshop::convert_request)
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.inner_generation, move |_| {
            start_inner_platform_check(state)
        });
    }
    {
        let state = state.clone();
        let request = state.encrypted.as_ref().map(|encrypted| encrypted.request);
        let current = Rc::clone(&current_decrypt);
        use_effect_with(request, move |_| start_decrypting(state, current));
    }
    let on_inner_key = {
        let state = state.clone();
        Callback::from(move |key: String| state.dispatch(Action::SetInnerKey(key)))
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
    let on_settings = {
        let state = state.clone();
        Callback::from(move |settings| state.dispatch(Action::SetSettings(settings)))
    };

    // The workshop only needs the clock while it works (to say for how long).
    let workshop_now = state.workshop.is_working().then_some(state.now);
    let clock = state.clock();
    let tables = state.tables.clone();
    let times = tables.times;

    let decoded = state.decoded.clone();
    let opened = match state.encrypted.as_ref().map(|encrypted| &encrypted.verdict) {
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
                    <TokenInput value={state.token_input.clone()} removed={state.cleaned.removed.clone()} on_input={on_token} />
                    if let Some(decoded) = decoded.clone() {
                        <EncodedToken decoded={decoded} />
                    }
                    <DecodeError error={state.decode_error()} />
                    <KeyInput value={state.key_input.clone()} encoding={state.encoding} keys={state.keys.clone()} on_input={on_key} on_encoding={on_encoding}
                              decrypting={state.encrypted.is_some()} />
                    <Encoder encoder={state.encoder.clone()} now={state.now} on_edit={on_encoder_edit} on_send={on_send} />
                    { key_workshop(&KeyWorkshopProps { workshop: state.workshop.clone(), now: workshop_now, on_edit: on_workshop_edit, on_sign_with }) }
                </section>
                <section class="app-column">
                    if let Some(encrypted) = state.encrypted.clone() {
                        { encrypted_verdict(&EncryptedVerdictProps { encrypted }) }
                    } else {
                        <Verdict verification={state.verification.clone()} now={Some(state.now as i64)} />
                    }
                    // Components render a root element always; whether they show is decided
                    // here, where Yew keeps sibling order stable.
                    if !state.embedded.is_empty() {
                        <EmbeddedKeys keys={state.embedded.clone()} />
                    }
                    if decoded.is_some() {
                        <Findings findings={state.findings.clone()} secret_search={state.secret_search.clone()} />
                    }
                    if let Some(content) = header {
                        <JsonPane part="header" title="Header" content={content} />
                    }
                    if !tables.header.is_empty() {
                        <ClaimsTable rows={tables.header.clone()} kind={TableKind::Header} now={clock.now} />
                    }
                    if let Some(Ok(jwe)) = state.json_jwe.as_deref() {
                        { encrypted_json(jwe) }
                    }
                    if let (Some(decoded), true) = (decoded.clone(), state.encrypted.is_some()) {
                        { encrypted_parts(&EncryptedPartsProps { decoded }) }
                    }
                    if let Some(opened) = opened {
                        { plaintext(&PlaintextProps { opened, inner_key: state.inner_key.clone(), inner_verification: state.inner_verification.clone(),
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
