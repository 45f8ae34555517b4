//! Runs the known-secret search in a worker of its own, so a large token never holds up the
//! page: started once the token settles, and stopped at once (the worker is ended) when a
//! newer token or an unmount replaces it.

use std::time::Duration;

use yew::prelude::*;

use super::after_settling;
use crate::jose::protocol::Reply;
use crate::ui::state::{Action, State};
use crate::ui::worker::{self, Role};

/// Wait this long for the token to settle before searching, so typing starts no searches.
const SETTLE: Duration = Duration::from_millis(150);

#[hook]
pub fn use_secret_search(state: &UseReducerHandle<State>) {
    let state = state.clone();
    // Keyed on the search's generation alone: progress reports change the state, not the
    // generation, so they neither restart nor stop the search.
    use_effect_with(state.search.generation, move |_| {
        let search =
            state.secret_search_request().map(|(generation, request)| {
                let dispatcher = state.dispatcher();
                after_settling(SETTLE, async move {
                    let progress = {
                        let dispatcher = dispatcher.clone();
                        move |reply| {
                            if let Reply::SecretSearch(report) = reply {
                                dispatcher.dispatch(Action::SecretSearch {
                                    generation,
                                    report: Ok(report),
                                })
                            }
                        }
                    };
                    let report =
                        match worker::ask_with_progress(Role::Secrets, &request, None, progress)
                            .await
                        {
                            Reply::SecretSearch(report) => Ok(report),
                            other => Err(other.into_failure()),
                        };
                    dispatcher.dispatch(Action::SecretSearch { generation, report });
                })
            });
        move || {
            if let Some(cancel) = search {
                cancel();
            }
            worker::stop_if_busy(Role::Secrets);
        }
    });
}
