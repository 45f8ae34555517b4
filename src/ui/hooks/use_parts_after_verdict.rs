//! A big token's parts are shown in the frames after its verdict: the reducer marks what is to
//! come (`View::parts_pending`), and this hook asks for the next step once the last is painted.

use yew::prelude::*;

use super::after_next_paint;
use crate::ui::state::{Action, State};

#[hook]
pub fn use_parts_after_verdict(state: &UseReducerHandle<State>) {
    let pending = state.view.parts_pending;
    let dispatcher = state.dispatcher();
    use_effect_with(pending, move |pending| {
        if pending.is_some() {
            after_next_paint(move || dispatcher.dispatch(Action::ShowParts));
        }
    });
}
