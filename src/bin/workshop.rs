//! The encoder's and key workshop's Web Worker: answers the page's requests with the core's
//! `workshop::handle`, off the page's thread. Trunk builds it as a separate bundle that the page
//! loads only when the encoder is first used.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::{Closure, JsValue};
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let request = event.data().as_string().unwrap_or_default();
        let answer = jwt_debugger::jose::workshop::handle(&request);
        // The page pairs answers with requests by order: one answer per request.
        let _ = replies.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    onmessage.forget();
    // Messages sent before this point would be lost: the page waits for this one first.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The workshop runs as a Web Worker in the browser.");
}
