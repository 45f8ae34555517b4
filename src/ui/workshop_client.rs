//! The page's side of the workshop worker: created on the first request, asked in order (the
//! worker answers one message per request, in order), so a queue of resolvers pairs answers.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::jose::base64url;
use crate::jose::platform::{PlatformAnswer, PlatformRequest};

/// Trunk's loader for the worker bundle, next to index.html.
const LOADER: &str = "workshop_loader.js";

struct Client {
    worker: Worker,
    /// Resolves when the worker says it is ready.
    ready: Promise,
    /// Resolvers of the requests sent, oldest first.
    waiting: Rc<RefCell<VecDeque<Function>>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

/// Starts the worker if it is not running and waits until it is ready for requests.
pub async fn ready() -> Result<(), String> {
    ready_client().await.map(|_| ())
}

async fn ready_client() -> Result<Rc<Client>, String> {
    let client = client().map_err(describe)?;
    JsFuture::from(client.ready.clone())
        .await
        .map_err(describe)?;
    Ok(client)
}

/// Sends one request (JSON text) to the worker and waits for its answer (JSON text).
pub async fn ask(request: String) -> Result<String, String> {
    let client = ready_client().await?;
    let waiting = Rc::clone(&client.waiting);
    let answer = Promise::new(&mut |resolve, _reject| waiting.borrow_mut().push_back(resolve));
    client
        .worker
        .post_message(&JsValue::from_str(&request))
        .map_err(describe)?;
    let answer = JsFuture::from(answer).await.map_err(describe)?;
    answer
        .as_string()
        .ok_or_else(|| "the worker answered no text".to_owned())
}

fn client() -> Result<Rc<Client>, JsValue> {
    if let Some(client) = CLIENT.with(|cell| cell.borrow().clone()) {
        return Ok(client);
    }
    let worker = Worker::new(LOADER)?;
    let waiting: Rc<RefCell<VecDeque<Function>>> = Rc::default();
    let mut ready_resolver = None;
    let ready = Promise::new(&mut |resolve, _reject| ready_resolver = Some(resolve));
    let queue = Rc::clone(&waiting);
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if data.as_string().as_deref() == Some("ready") {
            if let Some(resolve) = ready_resolver.take() {
                let _ = resolve.call0(&JsValue::NULL);
            }
        } else if let Some(resolve) = queue.borrow_mut().pop_front() {
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker, which lives as long as the page.
    onmessage.forget();
    let client = Rc::new(Client {
        worker,
        ready,
        waiting,
    });
    CLIENT.with(|cell| *cell.borrow_mut() = Some(Rc::clone(&client)));
    Ok(client)
}

fn describe(err: JsValue) -> String {
    err.as_string()
        .or_else(|| {
            js_sys::JSON::stringify(&err)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| "the workshop worker failed".to_owned())
}

/// Asks the worker to run a signature check WebCrypto could not (see `jose::workshop`).
pub async fn verify(request: &PlatformRequest) -> PlatformAnswer {
    let message = serde_json::json!({
        "op": "verify",
        "alg": request.alg.name(),
        "jwk": request.jwk,
        "input": base64url::encode(&request.signing_input),
        "signature": base64url::encode(&request.signature),
    });
    let Ok(answer) = ask(message.to_string()).await else {
        return PlatformAnswer::CannotRun;
    };
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap_or_default();
    match answer.get("answer").and_then(serde_json::Value::as_str) {
        Some("matches") => PlatformAnswer::Matches,
        Some("does-not-match") => PlatformAnswer::DoesNotMatch,
        _ => PlatformAnswer::CannotRun,
    }
}
