//! Moves the page's clock on every second, so relative times and time findings stay true.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::ui::state::{Action, State};

/// The browser's clock, in Unix seconds with the milliseconds (for how long a job took).
pub fn now_exact() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// The browser's clock, in whole Unix seconds.
pub fn now() -> f64 {
    now_exact().floor()
}

#[hook]
pub fn use_clock(state: &UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        let ticks = Interval::new(1000, move || dispatcher.dispatch(Action::Tick(now())));
        move || drop(ticks)
    });
}
