//! The page's effects, one hook per file: each owns its effect and its clean-up, and the
//! components only call them. Replies come back as actions tagged with the generation they
//! were asked for; the reducer drops stale ones.

pub mod use_clock;
pub mod use_fragment;
pub mod use_platform_check;
pub mod use_secret_search;
pub mod use_shell_handover;
pub mod use_worker_jobs;

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

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
