//! The encoder's signing, the key workshop's generation and conversion, and JWE decryption:
//! each sent to the worker when its inputs change, its reply dispatched with the generation it
//! was asked for. A worker that cannot answer replies with the reason, so nothing waits for ever.

use std::time::Duration;

use yew::prelude::*;

use super::at_once_or_after_settling;

use crate::jose::protocol::{Reply, Request};
use crate::ui::state::workshop::{Request as Job, Workshop};
use crate::ui::state::{Action, State};
use crate::ui::worker::{self, Role};

/// How long the inputs must rest before a JWE is sent to the worker to decrypt, when they changed
/// just before: the worker answers in order, and PBES2 runs up to a million hashes, so every
/// keystroke of a password must not queue one. A paste after a rest is sent at once.
const DECRYPT_SETTLE: Duration = Duration::from_millis(120);

#[hook]
pub fn use_worker_jobs(state: &UseReducerHandle<State>) {
    {
        let state = state.clone();
        use_effect_with(state.encoder.generation, move |_| {
            let Some(request) = state.encoder.request() else {
                return;
            };
            let generation = state.encoder.generation;
            let dispatcher = state.dispatcher();
            yew::platform::spawn_local(async move {
                let answer = worker::ask(Role::Workshop, &request).await;
                dispatcher.dispatch(Action::Encoded { generation, answer });
            });
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.workshop.generate_request, move |_| {
            forge(&state, Workshop::generate_request)
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.workshop.convert_request, move |_| {
            forge(&state, Workshop::convert_request)
        });
    }
    {
        // Why the signature failed: asked once the verdict says it did, for these inputs.
        let state = state.clone();
        let wanted = state.diagnosis_wanted();
        use_effect_with(wanted, move |_| {
            ask_tagged(&state, State::diagnosis_request, |generation, answer| {
                let found = match answer {
                    Reply::Diagnosed(found) => found,
                    // A worker that cannot answer leaves the verdict as it is, unexplained.
                    _ => Vec::new(),
                };
                Action::Diagnosed { generation, found }
            })
        });
    }
    {
        // The attack lab's tokens, made while its tab is open, for the inputs of then.
        let state = state.clone();
        let wanted = state.attacks_wanted();
        use_effect_with(wanted, move |_| {
            ask_tagged(&state, State::attacks_request, |made, answer| {
                Action::AttacksMade { made, answer }
            })
        });
    }
    let last_change = use_mut_ref(|| f64::NEG_INFINITY);
    let state = state.clone();
    let request = state
        .inner
        .decryption
        .as_ref()
        .map(|encrypted| encrypted.request);
    use_effect_with(request, move |_| {
        let decryption = state.decrypt_request().map(|(request, message)| {
            let dispatcher = state.dispatcher();
            at_once_or_after_settling(&last_change, DECRYPT_SETTLE, async move {
                let answer = worker::ask(Role::Workshop, &message).await;
                dispatcher.dispatch(Action::Decrypted { request, answer });
            })
        });
        move || {
            if let Some(cancel) = decryption {
                cancel();
            }
        }
    });
}

/// Sends the key workshop's request that `pick` finds (a key to make or to convert), and hands
/// back its reply with the time the work took once the worker was ready.
fn forge(state: &UseReducerHandle<State>, pick: fn(&Workshop) -> Option<(Job, Request)>) {
    let Some((job, request)) = pick(&state.workshop) else {
        return;
    };
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        let (answer, millis) = match worker::ready(Role::Workshop).await {
            Ok(()) => {
                let started = js_sys::Date::now();
                let answer = worker::ask(Role::Workshop, &request).await;
                (answer, js_sys::Date::now() - started)
            }
            Err(error) => (Reply::Failed { error }, 0.0),
        };
        dispatcher.dispatch(Action::Forged {
            request: job,
            answer,
            millis,
        });
    });
}

/// Sends the request `pick` finds, tagged with the inputs it is for, and dispatches the reply
/// as `action` makes it with that tag.
fn ask_tagged<T: 'static>(
    state: &UseReducerHandle<State>,
    pick: fn(&State) -> Option<(T, Request)>,
    action: fn(T, Reply) -> Action,
) {
    let Some((tag, request)) = pick(state) else {
        return;
    };
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        let answer = worker::ask(Role::Workshop, &request).await;
        dispatcher.dispatch(action(tag, answer));
    });
}
