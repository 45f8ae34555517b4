//! A big token's parts are shown a frame after its verdict: the reducer marks them pending
//! (`View::parts_pending`), and this hook asks for them once the verdict has been painted.

use yew::prelude::*;

use super::after_next_paint;
use crate::ui::state::{Action, State};

#[hook]
pub fn use_parts_after_verdict(state: &UseReducerHandle<State>) {
    let pending = state.view.parts_pending;
    let dispatcher = state.dispatcher();
    use_effect_with(pending, move |pending| {
        if *pending {
            after_next_paint(move || dispatcher.dispatch(Action::ShowParts));
        }
    });
}
