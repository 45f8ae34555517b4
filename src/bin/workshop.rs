//! The page's Web Worker: answers the protocol's requests (`jose::protocol`) off the page's
//! thread with the core's `workshop::answer`, and runs the known-secret search over the list it
//! fetches from the page's own origin. Trunk builds it as a separate bundle that the page loads
//! only when first needed.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;
    use std::rc::Rc;

    use jwt_debugger::jose::known_secrets::{self, Target};
    use jwt_debugger::jose::protocol::{Reply, Request, SearchReport};
    use jwt_debugger::jose::workshop;
    use wasm_bindgen::prelude::{Closure, JsValue};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

    /// The list, next to the loader in dist/.
    const LIST_URL: &str = "jwt.secrets.list";

    thread_local! {
        static LIST: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let replies = scope.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            // The page pairs replies with requests by order: one final reply per request.
            match Request::decode(&text) {
                Ok(Request::FindKnownSecret(target)) => {
                    wasm_bindgen_futures::spawn_local(search(replies.clone(), target));
                }
                Ok(request) => post(&replies, &workshop::answer(request)),
                Err(err) => post(
                    &replies,
                    &Reply::Failed {
                        error: err.to_string(),
                    },
                ),
            }
        });
        scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        onmessage.forget();
        // Messages sent before this point would be lost: the page waits for this one first.
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }

    fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
        let _ = scope.post_message(&JsValue::from_str(&reply.encode()));
    }

    /// Searches the whole list; the page stops this worker to cancel a search.
    async fn search(scope: DedicatedWorkerGlobalScope, target: Target) {
        let list = match list(&scope).await {
            Ok(list) => list,
            Err(reason) => {
                return post(
                    &scope,
                    &Reply::SecretSearch(SearchReport::Unavailable { reason }),
                )
            }
        };
        known_secrets::search(&list, &target, js_sys::Date::now, |report| {
            post(&scope, &Reply::SecretSearch(report))
        });
    }

    async fn list(scope: &DedicatedWorkerGlobalScope) -> Result<Rc<str>, String> {
        if let Some(list) = LIST.with(|list| list.borrow().clone()) {
            return Ok(list);
        }
        let describe = |err: JsValue| {
            err.as_string()
                .unwrap_or_else(|| "the request failed".to_owned())
        };
        let response: Response = JsFuture::from(scope.fetch_with_str(LIST_URL))
            .await
            .and_then(|response| response.dyn_into())
            .map_err(describe)?;
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        let text = JsFuture::from(response.text().map_err(describe)?)
            .await
            .map_err(describe)?;
        let list: Rc<str> = Rc::from(text.as_string().unwrap_or_default());
        LIST.with(|cell| *cell.borrow_mut() = Some(Rc::clone(&list)));
        Ok(list)
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The workshop runs as a Web Worker in the browser.");
}
