//! The page: a tab bar (Decoder, Encoder, Keys, Compare) and the chosen mode's panel. The header with
//! the theme switch is static HTML in `index.html`, painted before the WebAssembly arrives.

use yew::prelude::*;

use super::actions::Actions;
use super::components::attack_lab::attack_lab;
use super::components::compare_view::compare_view;
use super::components::decoder::decoder;
use super::components::encoder::Encoder;
use super::components::key_workshop::{key_workshop, KeyWorkshopProps};
use super::components::mode_tabs::{panel_id, tab_id, ModeTabs};
use super::hooks::use_clock::{now, use_clock};
use super::hooks::use_fragment::{link_from_location, use_fragment};
use super::hooks::use_parts_after_verdict::use_parts_after_verdict;
use super::hooks::use_platform_check::use_platform_check;
use super::hooks::use_secret_search::use_secret_search;
use super::hooks::use_shell_handover::use_shell_handover;
use super::hooks::use_wordlist_search::use_wordlist_search;
use super::hooks::use_worker_jobs::use_worker_jobs;
use super::state::{Action, Mode, State};

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let mut state = State::new(String::new(), now());
        state.apply(link_from_location());
        state.show_held_parts();
        state
    });
    // Made once: callbacks made afresh on each render would make every pane's props unequal.
    let actions = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            Actions::new(&Callback::from(move |action: Action| {
                dispatcher.dispatch(action)
            }))
        })
    };

    use_platform_check(&state);
    use_secret_search(&state);
    use_wordlist_search(&state);
    use_clock(&state);
    use_worker_jobs(&state);
    use_fragment(&state);
    use_shell_handover();
    use_parts_after_verdict(&state);

    let mode = state.view.mode;
    let panel = match mode {
        Mode::Decoder => decoder(&state, &actions),
        Mode::Encoder => html! {
            <Encoder encoder={state.encoder.clone()} now={state.now}
                     on_edit={actions.encode.clone()} on_send={actions.send_to_decoder.clone()} />
        },
        Mode::Compare => compare_view(&state, &actions),
        Mode::Attacks => attack_lab(&state, &actions),
        Mode::Keys => {
            // The workshop only needs the clock while it works (to say for how long).
            let workshop_now = state.workshop.is_working().then_some(state.now);
            key_workshop(&KeyWorkshopProps {
                workshop: state.workshop.clone(),
                now: workshop_now,
                on_edit: actions.workshop.clone(),
                on_sign_with: actions.sign_with_generated.clone(),
            })
        }
    };
    html! {
        <div class="app">
            <nav class="app-nav" aria-label="Mode">
                <ModeTabs mode={mode} on_mode={actions.set_mode.clone()} />
            </nav>
            <main class="app-main">
                <section class={classes!("app-panel", format!("app-panel-{}", mode.as_str()))} role="tabpanel"
                         id={panel_id(mode)} aria-labelledby={tab_id(mode)} data-testid={panel_id(mode)}>
                    { panel }
                </section>
            </main>
        </div>
    }
}
