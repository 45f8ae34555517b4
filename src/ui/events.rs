//! Callbacks that read a form control's value: the one pattern every input of the page shares.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// An `input` handler for a textarea: emits its text, turned into `T` by `make`.
pub fn on_text<T: 'static>(
    emit: &Callback<T>,
    make: impl Fn(String) -> T + 'static,
) -> Callback<InputEvent> {
    let emit = emit.clone();
    Callback::from(move |event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        emit.emit(make(area.value()));
    })
}

/// A `change` handler for a select: emits the chosen option's value read by `read`, when it
/// reads (every option the page offers does).
pub fn on_choice<T: 'static>(
    emit: &Callback<T>,
    read: impl Fn(&str) -> Option<T> + 'static,
) -> Callback<Event> {
    let emit = emit.clone();
    Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        if let Some(value) = read(&select.value()) {
            emit.emit(value);
        }
    })
}
