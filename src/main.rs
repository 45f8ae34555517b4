//! Entry point: mounts the Yew app in the browser, in place of the static shell that
//! `index.html` paints before the WebAssembly arrives.

#[cfg(target_arch = "wasm32")]
fn main() {
    after_next_paint(mount);
}

/// `<div id="app">` holds a static copy of the empty page (`#app-shell`: tab bar and empty
/// decoder). Yew appends to its root, after the copy, and the app removes the copy once its
/// first render is in the page (`use_shell_handover`), so no frame shows an empty page.
#[cfg(target_arch = "wasm32")]
fn mount() {
    use jwt_debugger::ui::app::App;

    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"));
    match root {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        // A page without the shell (e.g. an older cached index.html): mount in <body>.
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

/// Runs `job` once the browser has shown the static shell: when the WebAssembly arrives within
/// a frame or two of the HTML (a warm cache, a fast network), mounting at once would replace the
/// shell before it was ever presented, and the page's first full paint would wait for the app.
/// An animation frame runs once the previous frame is out; the second one's follows the frame
/// that drew the shell.
#[cfg(target_arch = "wasm32")]
fn after_next_paint(job: fn()) {
    if !on_next_frame(Box::new(move || {
        if !on_next_frame(Box::new(job)) {
            job();
        }
    })) {
        job();
    }
}

/// Asks for `then` at the next animation frame; false if the browser would not.
#[cfg(target_arch = "wasm32")]
fn on_next_frame(then: Box<dyn FnOnce()>) -> bool {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let callback = Closure::once_into_js(then);
    web_sys::window().is_some_and(|window| {
        window
            .request_animation_frame(callback.unchecked_ref())
            .is_ok()
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The JWT debugger runs in the browser: start it with ./scripts/serve");
}
