//! The user's own wordlist, under the known-secret line of the findings: drop or choose a
//! file, or paste secrets one per line; it is searched in a worker of its own for the current
//! HS token's secret, and the line under it says how far the search is, how many secrets it
//! tried and how long it took. Collapsed until opened (open at once while a list is held).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::jose::human::{count, duration_millis};
use crate::jose::protocol::WordlistReport;
use crate::jose::wordlist::MAX_LINE;
use crate::ui::state::wordlist::{Standing, Wordlist};

#[derive(PartialEq, Properties)]
pub struct WordlistSearchProps {
    pub wordlist: Wordlist,
    /// Pasted text (empty for none).
    pub on_text: Callback<String>,
    /// A file chosen or dropped.
    pub on_file: Callback<web_sys::File>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn WordlistSearch(props: &WordlistSearchProps) -> Html {
    let held = props.wordlist.list.is_some();
    let open = use_state(|| held);
    let file_input = use_node_ref();
    // The file box shows a file only while that file is the list.
    let reset_file_box = {
        let file_input = file_input.clone();
        move || {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.set_value("");
            }
        }
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            let details: web_sys::HtmlDetailsElement = event.target_unchecked_into();
            open.set(details.open());
        })
    };
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_file.emit(file);
            }
        })
    };
    let oninput = {
        let on_text = props.on_text.clone();
        let reset = reset_file_box.clone();
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            reset();
            on_text.emit(area.value());
        })
    };
    // A file dropped on the box is the list; without `preventDefault` the browser opens it.
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let ondrop = {
        let on_file = props.on_file.clone();
        let reset = reset_file_box.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let file = event
                .data_transfer()
                .and_then(|transfer| transfer.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                reset();
                on_file.emit(file);
            }
        })
    };
    let onclick = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| {
            reset_file_box();
            on_clear.emit(());
        })
    };
    let wordlist = &props.wordlist;
    let name = wordlist
        .list
        .as_ref()
        .map(|list| list.name().to_string())
        .unwrap_or_default();
    let state = wordlist.as_str();
    html! {
        <details class="wordlist" data-testid="wordlist" open={*open} {ontoggle}>
            <summary class="wordlist-summary">
                { "Try your own wordlist" }
                if held {
                    <span class="wordlist-summary-state">{ format!(" · {}", summary_state(wordlist)) }</span>
                }
            </summary>
            <div class="wordlist-body" {ondragover} {ondrop}>
                <p class="wordlist-why">{ "Drop a file here, choose one, or paste secrets one per line. It is read in this page, in a worker of its own, and never stored or sent." }</p>
                <div class="wordlist-row">
                    <label class="wordlist-label" for="wordlist-input">{ "Wordlist file" }</label>
                    <input type="file" id="wordlist-input" class="wordlist-file" data-testid="wordlist-input"
                           ref={file_input} {onchange} />
                    if held {
                        <button type="button" class="tool-button wordlist-clear" data-testid="wordlist-clear" {onclick}>{ "Forget the list" }</button>
                    }
                </div>
                <label class="wordlist-label" for="wordlist-text">{ "Or paste one secret per line" }</label>
                <textarea id="wordlist-text" class="wordlist-area" data-testid="wordlist-text" rows="3"
                          spellcheck="false" autocomplete="off" autocapitalize="off"
                          placeholder={"secret\nanother-secret"}
                          value={wordlist.pasted().to_owned()} {oninput} />
                <p class={classes!("wordlist-status", (state == "found" || state == "unavailable").then(|| format!("wordlist-{state}")))}
                   data-testid="wordlist-status" data-state={state}>
                    { status(wordlist, &name) }
                </p>
            </div>
        </details>
    }
}

/// Where the search stands, in words, with a progress bar while it runs.
fn status(wordlist: &Wordlist, name: &str) -> Html {
    let words = match &wordlist.standing {
        Standing::Empty => "No wordlist given.".to_owned(),
        Standing::NoTarget => format!("Nothing to search for: only a token signed with an HMAC secret (HS256, HS384, HS512) has a secret to try. {} is kept for the next one.", capitalized(name)),
        Standing::Loading => format!("Searching {name}…"),
        Standing::Reported(WordlistReport::Searching { fraction, tried }) => {
            // A whole percent: printing a float would bring Rust's float printer into the page.
            let percent = (fraction.clamp(0.0, 1.0) * 100.0) as u32;
            return html! {
                <>
                    <progress class="workshop-progress" max="100" value={percent.to_string()} aria-label="Wordlist search progress" />
                    { format!(" Searching {name}… {percent}% read, {} tried.", secrets(*tried)) }
                </>
            };
        }
        Standing::Reported(WordlistReport::Found { hit, tried, millis }) => format!(
            "Found in {name} at line {}, after {} in {}.",
            count(hit.line as u64),
            tries(*tried),
            took(*millis)
        ),
        Standing::Reported(WordlistReport::NotFound {
            tried,
            millis,
            too_long,
            not_utf8,
        }) => {
            let mut words = format!(
                "Not signed with any of {} in {name} (checked in {}).",
                secrets(*tried),
                took(*millis)
            );
            if *too_long > 0 {
                words.push_str(&format!(
                    " {} over {} bytes skipped.",
                    lines(*too_long),
                    count(MAX_LINE as u64)
                ));
            }
            if *not_utf8 > 0 {
                words.push_str(&format!(
                    " {} not UTF-8, tried as bytes.",
                    lines(*not_utf8)
                ));
            }
            words
        }
        Standing::Reported(WordlistReport::Unavailable { reason }) => {
            format!("Could not search {name}: {reason}")
        }
    };
    html! { { words } }
}

/// The summary line's few words while a list is held.
fn summary_state(wordlist: &Wordlist) -> &'static str {
    match &wordlist.standing {
        Standing::Empty => "",
        Standing::NoTarget => "nothing to search",
        Standing::Loading | Standing::Reported(WordlistReport::Searching { .. }) => "searching",
        Standing::Reported(WordlistReport::Found { .. }) => "found",
        Standing::Reported(WordlistReport::NotFound { .. }) => "not found",
        Standing::Reported(WordlistReport::Unavailable { .. }) => "could not search",
    }
}

/// How long the search took: "under 1 ms" for a short list, else as durations read.
fn took(millis: f64) -> String {
    match millis < 0.5 {
        true => "under 1 ms".to_owned(),
        false => duration_millis(millis),
    }
}

/// "Your wordlist …": the names begin with a lowercase ASCII word (ASCII only: Unicode's
/// case tables would cost the page about 14 KB).
fn capitalized(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

fn secrets(n: usize) -> String {
    plural(n, "secret", "secrets")
}

fn tries(n: usize) -> String {
    plural(n, "try", "tries")
}

fn lines(n: usize) -> String {
    plural(n, "line", "lines")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n as u64), if n == 1 { one } else { many })
}
