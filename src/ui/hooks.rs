//! The page's effects, one hook per file: each owns its effect and its clean-up, and the
//! components only call them. Replies come back as actions tagged with the generation they
//! were asked for; the reducer drops stale ones.

pub mod use_clock;
pub mod use_fragment;
pub mod use_parts_after_verdict;
pub mod use_platform_check;
pub mod use_secret_search;
pub mod use_shell_handover;
pub mod use_wordlist_search;
pub mod use_worker_jobs;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

/// `after_settling`, but at once when the inputs had rested before this change (a paste, or the
/// first keystroke after a pause), so only a change hard on the heels of another waits.
/// `last_change` is the hook's memory of when the inputs last changed (ms since the epoch).
fn at_once_or_after_settling(
    last_change: &RefCell<f64>,
    settle: Duration,
    job: impl Future<Output = ()> + 'static,
) -> impl FnOnce() {
    let now = js_sys::Date::now();
    let rested = now - last_change.replace(now) >= settle.as_secs_f64() * 1000.0;
    after_settling(if rested { Duration::ZERO } else { settle }, job)
}

/// Runs `job` once its inputs have rested for `settle`, so typing starts no work; the returned
/// function, an effect's clean-up, cancels it if the inputs change first.
fn after_settling(settle: Duration, job: impl Future<Output = ()> + 'static) -> impl FnOnce() {
    let cancelled = Rc::new(Cell::new(false));
    let stop = Rc::clone(&cancelled);
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(settle).await;
        if !cancelled.get() {
            job.await;
        }
    });
    move || stop.set(true)
}

/// Runs `job` once the browser has presented what is in the page now: an animation frame runs
/// once the previous frame is out, and the second one's follows the frame that drew the page.
pub fn after_next_paint(job: impl FnOnce() + 'static) {
    let job = Rc::new(Cell::new(Some(Box::new(job) as Box<dyn FnOnce()>)));
    let run = {
        let job = Rc::clone(&job);
        move || {
            if let Some(job) = job.take() {
                job();
            }
        }
    };
    let second = {
        let run = run.clone();
        move || {
            if !on_next_frame(Box::new(run.clone())) {
                run();
            }
        }
    };
    if !on_next_frame(Box::new(second)) {
        run();
    }
}

/// Asks for `then` at the next animation frame; false if the browser would not.
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
