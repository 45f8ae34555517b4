//! The browser's clipboard, for every copy button of the page.

use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard; whether the browser took it.
pub async fn write(text: &str) -> bool {
    match web_sys::window() {
        Some(window) => JsFuture::from(window.navigator().clipboard().write_text(text))
            .await
            .is_ok(),
        None => false,
    }
}
