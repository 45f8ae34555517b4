//! Entry point: mounts the Yew app in the browser, in place of the static shell that
//! `index.html` paints before the WebAssembly arrives.

#[cfg(target_arch = "wasm32")]
fn main() {
    // When the WebAssembly arrives within a frame or two of the HTML (a warm cache, a fast
    // network), mounting at once would replace the shell before it was ever presented, and the
    // page's first full paint would wait for the app.
    jwt_debugger::ui::hooks::after_next_paint(mount);
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

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The JWT debugger runs in the browser: start it with ./scripts/serve");
}
