//! The parts of a new token follow its verdict: the reducer marks what is to come
//! (`View::parts_pending`), and this hook asks for the next step.
//!
//! A token of ordinary size (`Held`) gets its panes as soon as its verdict is in the page (a
//! microtask later, so nothing can read the page in between), or, while the verdict waits on
//! WebCrypto, at the next animation frame, which runs before that frame is drawn: no frame
//! shows a verdict beside the previous token's panes. A big token's steps each wait for the
//! last one to be painted, so its verdict is on screen before its payload is laid out.

use yew::prelude::*;

use super::{after_next_paint, on_next_frame};
use crate::ui::state::view::PartsToCome;
use crate::ui::state::{Action, State};

#[hook]
pub fn use_parts_after_verdict(state: &UseReducerHandle<State>) {
    let pending = state.view.parts_pending;
    let decided = !state.is_pending();
    let generation = state.outer.generation;
    let dispatcher = state.dispatcher();
    // Keyed on the generation too: each new token or key asks for its own steps (the reducer
    // drops a step asked for an older one).
    use_effect_with(
        (pending, decided, generation),
        move |&(pending, decided, generation)| {
            let show = move || dispatcher.dispatch(Action::ShowParts { generation });
            match pending {
                None => {}
                Some(PartsToCome::Held) if decided => {
                    yew::platform::spawn_local(async move { show() });
                }
                Some(PartsToCome::Held) => {
                    let fallback = show.clone();
                    if !on_next_frame(Box::new(show)) {
                        fallback();
                    }
                }
                Some(PartsToCome::All | PartsToCome::Big) => after_next_paint(show),
            }
        },
    );
}
