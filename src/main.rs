//! Entry point: mounts the Yew app in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<jwt_debugger::ui::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The JWT debugger runs in the browser: start it with ./scripts/serve");
}
