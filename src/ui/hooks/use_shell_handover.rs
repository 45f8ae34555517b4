//! Hands the page over from `index.html`'s static copy of the empty page to the app: the copy
//! stays until the app's first render is in the page, then is hidden in the same task (so no
//! frame shows an empty page) and removed a little later.
//!
//! Why not at once: Chrome reports a paint (Largest Contentful Paint, element timing) only once
//! the frame is presented, and drops it if its element left the page meanwhile. A copy
//! removed within a frame of being drawn would leave the app's own first render as the page's
//! first full paint, as if the page had been blank until the WebAssembly ran.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// The static copy's id in `index.html`.
const SHELL_ID: &str = "app-shell";

/// How long the hidden copy stays: far past any frame's presentation.
const REMOVE_AFTER_MS: u32 = 1000;

#[hook]
pub fn use_shell_handover() {
    use_effect_with((), |_| {
        let shell = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(SHELL_ID));
        if let Some(shell) = shell {
            // Hidden, and without ids or label targets, it can be neither seen nor taken for the app.
            let _ = shell.set_attribute("hidden", "");
            let _ = shell.set_attribute("aria-hidden", "true");
            if let Ok(referring) = shell.query_selector_all("[id], [for]") {
                for index in 0..referring.length() {
                    let element = referring
                        .item(index)
                        .and_then(|node| node.dyn_into::<Element>().ok());
                    if let Some(element) = element {
                        element.remove_attribute("id").ok();
                        element.remove_attribute("for").ok();
                    }
                }
            }
            shell.remove_attribute("id").ok();
            Timeout::new(REMOVE_AFTER_MS, move || shell.remove()).forget();
        }
    });
}
