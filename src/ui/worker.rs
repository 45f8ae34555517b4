//! The page's side of its Web Workers: three instances of the worker bundle, one for the
//! encoder, key workshop and decryption, one for the known-secret search and one for the
//! user's wordlist search (each stopped to cancel its search at once). Each is started on its first request and answers requests in order, so a
//! queue of waiters pairs replies with requests. A worker that fails to load, errors or traps
//! answers every waiting request with an error, and is started afresh on the next one.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::jose::protocol::{Reply, Request};

/// The worker bundle's loader (`assets/workshop_loader.js`), next to index.html.
const LOADER: &str = "workshop_loader.js";
/// A worker that has not said it is ready by then has failed to load.
const READY_TIMEOUT_MS: u32 = 10_000;

/// Which of the page's workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Signing, key generation and conversion, decryption, and signature checks WebCrypto
    /// refused.
    Workshop,
    /// The known-secret search, which may run for minutes over a large token.
    Secrets,
    /// The user's wordlist search, which reads the list (a file of any size) in chunks.
    Wordlist,
}

impl Role {
    fn slot(self) -> usize {
        match self {
            Role::Workshop => 0,
            Role::Secrets => 1,
            Role::Wordlist => 2,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Role::Workshop => "The encoder's worker",
            Role::Secrets => "The known-secret search's worker",
            Role::Wordlist => "The wordlist search's worker",
        }
    }
}

type OnProgress = Rc<dyn Fn(Reply)>;

/// A promise and its two settling functions: the browser's own future, which the page already
/// uses for WebCrypto, pairs a reply with its request.
struct Pending {
    resolve: Function,
    reject: Function,
}

impl Pending {
    fn new() -> (Promise, Pending) {
        let mut settle = None;
        let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
        let (resolve, reject) =
            settle.unwrap_or_else(|| (Function::default(), Function::default()));
        (promise, Pending { resolve, reject })
    }

    fn resolve(&self, text: &str) {
        let _ = self.resolve.call1(&JsValue::NULL, &JsValue::from_str(text));
    }

    fn reject(&self, why: &str) {
        let _ = self.reject.call1(&JsValue::NULL, &JsValue::from_str(why));
    }
}

/// Waits for a promise settled by `Pending`: its text, or the reason it was rejected.
async fn settled(promise: Promise) -> Result<String, String> {
    match JsFuture::from(promise).await {
        Ok(text) => Ok(text.as_string().unwrap_or_default()),
        Err(why) => Err(why.as_string().unwrap_or_default()),
    }
}

struct Waiter {
    reply: Pending,
    progress: Option<OnProgress>,
}

struct Client {
    /// Tells this client's events from those of a worker it replaced.
    serial: u64,
    worker: Worker,
    /// Whether the worker said it is ready; until then, who waits for it.
    loaded: Cell<bool>,
    waiting_ready: RefCell<Vec<Pending>>,
    /// Fails the worker if it has not said it is ready in time; dropped once it has.
    deadline: RefCell<Option<Timeout>>,
    waiting: RefCell<VecDeque<Waiter>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static CLIENTS: RefCell<[Option<Rc<Client>>; 3]> = const { RefCell::new([None, None, None]) };
    static SERIAL: RefCell<u64> = const { RefCell::new(0) };
}

/// Sends one request and waits for its reply; a worker that could not answer replies
/// `Reply::Failed` with the reason.
pub async fn ask(role: Role, request: &Request) -> Reply {
    exchange(role, request, None, None)
        .await
        .unwrap_or_else(|error| Reply::Failed { error })
}

/// As `ask`, handing progress reports to `progress` until the final reply; `attachment`
/// (a `File`) goes with the request, for the worker to read itself.
pub async fn ask_with_progress(
    role: Role,
    request: &Request,
    attachment: Option<&JsValue>,
    progress: impl Fn(Reply) + 'static,
) -> Reply {
    exchange(role, request, attachment, Some(Rc::new(progress)))
        .await
        .unwrap_or_else(|error| Reply::Failed { error })
}

/// Starts the worker if it is not running and waits until it is ready.
pub async fn ready(role: Role) -> Result<(), String> {
    let client = client(role)?;
    wait_ready(&client).await
}

/// Stops what the worker was asked to do, so that work ends at once: requests still waiting
/// for it to start are told; a worker that is working is ended.
pub fn stop_if_busy(role: Role) {
    let Some(client) = current(role) else {
        return;
    };
    // A worker still loading is doing nothing for anyone yet: its waiters are told, and it
    // goes on loading for the next request (ending it would throw that download away).
    for pending in client.waiting_ready.take() {
        pending.reject("stopped");
    }
    if !client.waiting.borrow().is_empty() {
        fail(role, client.serial, "stopped".to_owned());
    }
}

async fn exchange(
    role: Role,
    request: &Request,
    attachment: Option<&JsValue>,
    progress: Option<OnProgress>,
) -> Result<Reply, String> {
    let client = client(role)?;
    wait_ready(&client).await?;
    // The worker may have failed (or been stopped) while this request waited for it: then no
    // one would answer, so say so now.
    if current(role).is_none_or(|live| live.serial != client.serial) {
        return Err(format!("{} stopped", role.name()));
    }
    let (promise, reply) = Pending::new();
    client
        .waiting
        .borrow_mut()
        .push_back(Waiter { reply, progress });
    let text = JsValue::from_str(&request.encode());
    // With an attachment, the message is the pair [request, attachment].
    let message = match attachment {
        Some(attachment) => js_sys::Array::of2(&text, attachment).into(),
        None => text,
    };
    if let Err(err) = client.worker.post_message(&message) {
        let why = format!("{} could not be reached: {}", role.name(), describe(&err));
        fail(role, client.serial, why);
    }
    let text = settled(promise).await?;
    Reply::decode(&text).map_err(|err| format!("{}: {err}", role.name()))
}

async fn wait_ready(client: &Client) -> Result<(), String> {
    if client.loaded.get() {
        return Ok(());
    }
    let (promise, pending) = Pending::new();
    client.waiting_ready.borrow_mut().push(pending);
    settled(promise).await.map(drop)
}

fn current(role: Role) -> Option<Rc<Client>> {
    CLIENTS.with(|clients| clients.borrow().get(role.slot()).cloned().flatten())
}

fn client(role: Role) -> Result<Rc<Client>, String> {
    if let Some(client) = current(role) {
        return Ok(client);
    }
    let loading_failed =
        |err: JsValue| format!("{} could not be loaded: {}", role.name(), describe(&err));
    let worker = Worker::new(LOADER).map_err(loading_failed)?;
    let serial = SERIAL.with(|serial| {
        let mut serial = serial.borrow_mut();
        *serial += 1;
        *serial
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        received(role, serial, event.data().as_string().unwrap_or_default());
    });
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
        event.prevent_default();
        let loaded = current(role).is_some_and(|client| client.loaded.get());
        let what = if loaded {
            "failed"
        } else {
            "could not be loaded"
        };
        let message = event.message();
        let detail = if message.is_empty() {
            "no reason given".to_owned()
        } else {
            message
        };
        fail(role, serial, format!("{} {what}: {detail}", role.name()));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let deadline = Timeout::new(READY_TIMEOUT_MS, move || {
        let why = format!(
            "{} could not be loaded: it did not start within {} s",
            role.name(),
            READY_TIMEOUT_MS / 1000
        );
        fail(role, serial, why);
    });
    let client = Rc::new(Client {
        serial,
        worker,
        loaded: Cell::new(false),
        waiting_ready: RefCell::default(),
        deadline: RefCell::new(Some(deadline)),
        waiting: RefCell::default(),
        _on_message: on_message,
        _on_error: on_error,
    });
    CLIENTS.with(|clients| {
        if let Some(slot) = clients.borrow_mut().get_mut(role.slot()) {
            *slot = Some(Rc::clone(&client));
        }
    });
    Ok(client)
}

/// One message from the worker: that it is ready, a progress report, or a request's reply.
fn received(role: Role, serial: u64, text: String) {
    let Some(client) = current(role).filter(|client| client.serial == serial) else {
        return;
    };
    // The loader could not load the worker's WebAssembly.
    if let Some(reason) = text.strip_prefix("failed: ") {
        let why = format!("{} could not be loaded: {reason}", role.name());
        return fail(role, serial, why);
    }
    if text == "ready" {
        client.loaded.set(true);
        client.deadline.borrow_mut().take();
        for pending in client.waiting_ready.take() {
            pending.resolve("");
        }
        return;
    }
    // A search's progress goes to its waiter, which still waits for the final reply.
    let progress = client
        .waiting
        .borrow()
        .front()
        .and_then(|waiter| waiter.progress.clone());
    if let Some(progress) = progress {
        if let Ok(reply) = Reply::decode(&text) {
            if reply.is_progress() {
                return progress(reply);
            }
        }
    }
    let waiter = client.waiting.borrow_mut().pop_front();
    if let Some(waiter) = waiter {
        waiter.reply.resolve(&text);
    }
}

/// Ends the worker `serial` of `role`: every request waiting on it is answered with `why`, and
/// the next request starts a new worker.
fn fail(role: Role, serial: u64, why: String) {
    let Some(client) = current(role).filter(|client| client.serial == serial) else {
        return;
    };
    CLIENTS.with(|clients| {
        if let Some(slot) = clients.borrow_mut().get_mut(role.slot()) {
            *slot = None;
        }
    });
    // Unhooked first: an event already queued must not reach the handlers dropped with it.
    client.worker.set_onmessage(None);
    client.worker.set_onerror(None);
    client.worker.terminate();
    client.deadline.borrow_mut().take();
    for pending in client.waiting_ready.take() {
        pending.reject(&why);
    }
    let waiting = std::mem::take(&mut *client.waiting.borrow_mut());
    for waiter in waiting {
        waiter.reply.reject(&why);
    }
}

fn describe(err: &JsValue) -> String {
    err.as_string()
        .or_else(|| {
            js_sys::JSON::stringify(err)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| "no reason given".to_owned())
}
