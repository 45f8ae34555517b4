//! The page's side of its Web Workers: two instances of the worker bundle, one for the
//! encoder, key workshop and decryption, one for the known-secret search (stopped to cancel a
//! search at once). Each is started on its first request and answers requests in order, so a
//! queue of waiters pairs replies with requests. A worker that fails to load, errors or traps
//! answers every waiting request with an error, and is started afresh on the next one.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{self, Either, FutureExt, Shared};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::jose::protocol::{Reply, Request, SearchReport};

/// Trunk's loader for the worker bundle, next to index.html.
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
}

impl Role {
    fn slot(self) -> usize {
        match self {
            Role::Workshop => 0,
            Role::Secrets => 1,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Role::Workshop => "the encoder's worker",
            Role::Secrets => "the known-secret search's worker",
        }
    }
}

type Answer = Result<Reply, String>;
type OnProgress = Rc<dyn Fn(SearchReport)>;

struct Waiter {
    reply: oneshot::Sender<Answer>,
    progress: Option<OnProgress>,
}

struct Client {
    /// Tells this client's events from those of a worker it replaced.
    serial: u64,
    worker: Worker,
    ready: Shared<oneshot::Receiver<Result<(), String>>>,
    ready_sender: RefCell<Option<oneshot::Sender<Result<(), String>>>>,
    loaded: RefCell<bool>,
    waiting: RefCell<VecDeque<Waiter>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static CLIENTS: RefCell<[Option<Rc<Client>>; 2]> = const { RefCell::new([None, None]) };
    static SERIAL: RefCell<u64> = const { RefCell::new(0) };
}

/// Sends one request and waits for its reply; `Err` says why the worker could not answer.
pub async fn ask(role: Role, request: &Request) -> Answer {
    exchange(role, request, None).await
}

/// As `ask`, handing progress reports to `progress` until the final reply.
pub async fn ask_with_progress(
    role: Role,
    request: &Request,
    progress: impl Fn(SearchReport) + 'static,
) -> Answer {
    exchange(role, request, Some(Rc::new(progress))).await
}

/// Starts the worker if it is not running and waits until it is ready.
pub async fn ready(role: Role) -> Result<(), String> {
    let client = client(role)?;
    wait_ready(role, &client).await
}

/// Stops the worker if it is working (its waiters are told), so its work ends at once.
pub fn stop_if_busy(role: Role) {
    let busy = current(role).filter(|client| !client.waiting.borrow().is_empty());
    if let Some(client) = busy {
        fail(role, client.serial, "stopped for newer work".to_owned());
    }
}

async fn exchange(role: Role, request: &Request, progress: Option<OnProgress>) -> Answer {
    let client = client(role)?;
    wait_ready(role, &client).await?;
    let (sender, receiver) = oneshot::channel();
    client.waiting.borrow_mut().push_back(Waiter {
        reply: sender,
        progress,
    });
    if let Err(err) = client
        .worker
        .post_message(&JsValue::from_str(&request.encode()))
    {
        let why = format!("{} could not be reached: {}", role.name(), describe(&err));
        fail(role, client.serial, why);
    }
    receiver
        .await
        .unwrap_or_else(|_| Err(format!("{} stopped", role.name())))
}

async fn wait_ready(role: Role, client: &Client) -> Result<(), String> {
    let deadline = TimeoutFuture::new(READY_TIMEOUT_MS);
    match future::select(client.ready.clone(), deadline).await {
        Either::Left((Ok(result), _)) => result,
        Either::Left((Err(_), _)) => Err(format!("{} stopped", role.name())),
        Either::Right(_) => {
            let why = format!(
                "{} could not be loaded: it did not start within {} s",
                role.name(),
                READY_TIMEOUT_MS / 1000
            );
            fail(role, client.serial, why.clone());
            Err(why)
        }
    }
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
    let (ready_sender, ready) = oneshot::channel();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        received(role, serial, event.data().as_string().unwrap_or_default());
    });
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
        event.prevent_default();
        let loaded = current(role).is_some_and(|client| *client.loaded.borrow());
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
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    let client = Rc::new(Client {
        serial,
        worker,
        ready: ready.shared(),
        ready_sender: RefCell::new(Some(ready_sender)),
        loaded: RefCell::new(false),
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
    if text == "ready" {
        *client.loaded.borrow_mut() = true;
        if let Some(sender) = client.ready_sender.borrow_mut().take() {
            let _ = sender.send(Ok(()));
        }
        return;
    }
    let reply = Reply::decode(&text).map_err(|err| format!("{}: {err}", role.name()));
    if let Ok(Reply::SecretSearch(report)) = &reply {
        if !report.is_final() {
            let progress = client
                .waiting
                .borrow()
                .front()
                .and_then(|waiter| waiter.progress.clone());
            if let Some(progress) = progress {
                progress(report.clone());
            }
            return;
        }
    }
    let waiter = client.waiting.borrow_mut().pop_front();
    if let Some(waiter) = waiter {
        let _ = waiter.reply.send(reply);
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
    client.worker.terminate();
    if let Some(sender) = client.ready_sender.borrow_mut().take() {
        let _ = sender.send(Err(why.clone()));
    }
    let waiting = std::mem::take(&mut *client.waiting.borrow_mut());
    for waiter in waiting {
        let _ = waiter.reply.send(Err(why.clone()));
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
