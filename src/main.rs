//! Entry point: mounts the Yew app in the browser, in place of the static shell that
//! `index.html` paints before the WebAssembly arrives.

#[cfg(target_arch = "wasm32")]
fn main() {
    use jwt_debugger::ui::app::App;

    // `<div id="app">` holds a static copy of the empty page (tab bar and empty decoder), so the
    // first paint already shows it. Yew appends to its root, so the copy goes first; the first
    // render runs before the browser paints again, so nothing flickers or shifts.
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
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
