//! Runs the user's wordlist search in a worker of its own (a file goes to it as the browser's
//! `File`, which it reads in chunks, so the page never reads or holds a large list): started
//! once the list or token settles, and stopped at once (the worker is ended) when a newer list
//! or token, a cleared list or an unmount replaces it.

use std::time::Duration;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::after_settling;
use crate::jose::protocol::Reply;
use crate::ui::state::{Action, State};
use crate::ui::wordlist_file;
use crate::ui::worker::{self, Role};

/// Wait this long for typing in the list to settle before searching.
const SETTLE: Duration = Duration::from_millis(150);

#[hook]
pub fn use_wordlist_search(state: &UseReducerHandle<State>) {
    let state = state.clone();
    // Keyed on the search's generation alone: progress reports change the state, not the
    // generation, so they neither restart nor stop the search.
    use_effect_with(state.wordlist.generation, move |_| {
        let search = state
            .wordlist_request()
            .map(|(generation, request, handle)| {
                let dispatcher = state.dispatcher();
                after_settling(SETTLE, async move {
                    let file = handle.map(wordlist_file::held);
                    let report = match file {
                        Some(None) => Err("the file is no longer held; choose it again".to_owned()),
                        file => {
                            let attachment = file.flatten().map(JsValue::from);
                            let progress = {
                                let dispatcher = dispatcher.clone();
                                move |reply| {
                                    if let Reply::WordlistSearch(report) = reply {
                                        dispatcher.dispatch(Action::WordlistSearch {
                                            generation,
                                            report: Ok(report),
                                        })
                                    }
                                }
                            };
                            let reply = worker::ask_with_progress(
                                Role::Wordlist,
                                &request,
                                attachment.as_ref(),
                                progress,
                            )
                            .await;
                            match reply {
                                Reply::WordlistSearch(report) => Ok(report),
                                other => Err(other.into_failure()),
                            }
                        }
                    };
                    dispatcher.dispatch(Action::WordlistSearch { generation, report });
                })
            });
        move || {
            if let Some(cancel) = search {
                cancel();
            }
            worker::stop_if_busy(Role::Wordlist);
        }
    });
}
