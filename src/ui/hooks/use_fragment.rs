//! The URL fragment: a link's token, key and mode are read at load and whenever the fragment
//! changes; the mode is written back as the user changes tabs. Never a query string, and
//! never the token or key: only a share link the user asks for carries those.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::jose::share;
use crate::ui::state::{Action, Mode, State};

/// What the page's current fragment asks for.
pub fn link_from_location() -> Action {
    let hash = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default();
    let shared = share::read_fragment(&hash);
    Action::OpenLink {
        token: shared.token,
        key: shared.key.map(Into::into),
        mode: shared.mode.as_deref().and_then(Mode::from_name),
    }
}

/// The fragment for a mode: none for the decoder, the default.
fn fragment(mode: Mode) -> String {
    match mode {
        Mode::Decoder => String::new(),
        other => format!("#mode={}", other.as_str()),
    }
}

#[hook]
pub fn use_fragment(state: &UseReducerHandle<State>) {
    // A link pasted into the address bar of an open page changes only the fragment.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listener = Closure::<dyn Fn()>::new(move || state.dispatch(link_from_location()));
            if let Some(window) = &window {
                window.set_onhashchange(Some(listener.as_ref().unchecked_ref()));
            }
            move || {
                if let Some(window) = window {
                    window.set_onhashchange(None);
                }
                drop(listener);
            }
        });
    }
    // The tab chosen is kept in the fragment (replacing it, so Back leaves the page as usual);
    // the first render keeps the link the page was opened with.
    let written = use_mut_ref(|| Some(state.view.mode));
    let mode = state.view.mode;
    use_effect_with(mode, move |mode| {
        let unchanged = *written.borrow() == Some(*mode);
        if !unchanged {
            *written.borrow_mut() = Some(*mode);
            if let Some(window) = web_sys::window() {
                let location = window.location();
                let path = location.pathname().unwrap_or_default();
                if let Ok(history) = window.history() {
                    let url = format!("{path}{}", fragment(*mode));
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&url),
                    );
                }
            }
        }
    });
}
