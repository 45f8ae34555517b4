//! A decoded part: syntax-highlighted JSON, text or hex, with its own error and notes.

use yew::prelude::*;

use super::copy_button::CopyButton;

use crate::jose::hex;
use crate::jose::human::count;
use crate::jose::json_view;
use crate::jose::token::{Decoded, PayloadView};
use crate::ui::state::PartView;

/// Lines coloured before the user asks for the rest: past them the JSON is plain text (all of
/// it still there), so a megabyte payload costs the page a text node, not a million spans.
const COLOURED_LINES: usize = 500;

/// What a pane shows.
#[derive(Clone, PartialEq)]
pub enum Body {
    /// Shared text: the pane's memo is keyed on it, and a clock tick clones it.
    Json(AttrValue),
    Text(String),
    Hex(String),
    Nothing,
}

/// A pane's body plus what went wrong with the part and a note about how it is shown.
#[derive(Clone, PartialEq)]
pub struct PaneContent {
    pub body: Body,
    pub error: Option<String>,
    pub note: Option<&'static str>,
}

impl PaneContent {
    /// The header pane: its JSON, or why it could not be decoded.
    pub fn header(decoded: &Decoded) -> PaneContent {
        match &decoded.header {
            Ok(header) => PaneContent {
                body: Body::Json(header.text.clone().into()),
                error: None,
                note: None,
            },
            Err(err) => PaneContent {
                body: Body::Nothing,
                error: Some(err.to_string()),
                note: None,
            },
        }
    }

    /// The payload pane, where the token has a payload segment.
    pub fn payload(decoded: &Decoded) -> Option<PaneContent> {
        let content = match decoded.payload.as_ref()? {
            Err(err) => PaneContent {
                body: Body::Nothing,
                error: Some(err.to_string()),
                note: None,
            },
            Ok(payload) => {
                let error = payload.problem.as_ref().map(ToString::to_string);
                match &payload.view {
                    PayloadView::Json(_) => PaneContent {
                        body: Body::Json(payload.text().unwrap_or_default().to_owned().into()),
                        error,
                        note: None,
                    },
                    PayloadView::Text(text) => PaneContent {
                        body: Body::Text(text.clone()),
                        note: error.is_none().then_some(
                            "Not JSON, shown as text. A JWS may sign any content (RFC 7515); the signature is still checked.",
                        ),
                        error,
                    },
                    PayloadView::Binary => PaneContent {
                        body: Body::Hex(hex::encode(&payload.bytes)),
                        note: Some("Not text, shown as hex. The signature is still checked over the received bytes."),
                        error,
                    },
                }
            }
        };
        Some(content)
    }
}

#[derive(PartialEq, Properties)]
pub struct JsonPaneProps {
    /// `header` or `payload`: names the test ids and the colour.
    pub part: AttrValue,
    pub title: AttrValue,
    pub content: PaneContent,
    /// The part's JSON-or-table switch, where it has a table (its rows are the children).
    #[prop_or_default]
    pub view: Option<(PartView, Callback<PartView>)>,
    /// The table of the part's members, shown instead of the JSON when chosen; nothing
    /// without `view`.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn JsonPane(props: &JsonPaneProps) -> Html {
    let colour_all = use_state(|| false);
    let colour_lines = if *colour_all {
        usize::MAX
    } else {
        COLOURED_LINES
    };
    let mut partly_coloured = None;
    let part = props.part.as_str();
    let content = &props.content;
    let table_chosen = matches!(props.view, Some((PartView::Table, _)));
    // Memoized: the pane re-renders on every clock tick (its table shows relative times), and
    // laying out a megabyte of JSON again each second would keep the page busy.
    let markup = use_memo(
        (json_text(&content.body), colour_lines),
        |(text, colour_lines)| {
            text.as_deref().map(|text| {
                let markup = json_view::pretty_markup(text, *colour_lines);
                let partly = markup
                    .is_partly_coloured()
                    .then_some((markup.coloured_lines, markup.lines));
                (
                    AttrValue::from(markup.html),
                    AttrValue::from(markup.text),
                    partly,
                )
            })
        },
    );
    let (body, copied) = match (&content.body, markup.as_ref().clone()) {
        (Body::Json(_), Some((html, laid_out, partly))) => {
            partly_coloured = partly;
            // The markup comes from the core, which escapes every piece of the token's text.
            let shown = Html::from_html_unchecked(html);
            (
                html! {
                    <pre class="pane-body pane-json" data-testid={format!("{part}-json")} hidden={table_chosen}
                         tabindex="0" aria-label={format!("{} JSON", props.title)}>{ shown }</pre>
                },
                Some(laid_out),
            )
        }
        (Body::Text(text), _) => (
            html! { <pre class="pane-body pane-text" data-testid={format!("{part}-text")} tabindex="0">{ text }</pre> },
            Some(AttrValue::from(text.clone())),
        ),
        (Body::Hex(text), _) => (
            html! { <pre class="pane-body pane-hex" data-testid={format!("{part}-hex")} tabindex="0">{ text }</pre> },
            Some(AttrValue::from(text.clone())),
        ),
        // A JSON body always has its markup.
        (Body::Json(_) | Body::Nothing, _) => (html! {}, None),
    };
    html! {
        <section class={classes!("pane", "card", format!("part-{part}"))} data-testid={format!("{part}-pane")}
                 aria-label={props.title.clone()}>
            <div class="card-head">
                <h2 class="card-title pane-title">{ props.title.clone() }</h2>
                <div class="card-tools">
                    if let Some((view, on_view)) = &props.view {
                        { view_switch(part, *view, on_view) }
                    }
                    if let Some(text) = copied {
                        <CopyButton text={text} testid={format!("copy-{part}")} label={format!("Copy the {}", props.title.to_lowercase())} />
                    }
                </div>
            </div>
            if let Some(error) = &content.error {
                <p class="pane-error" role="alert">{ error }</p>
            }
            if let Some(note) = content.note {
                <p class="pane-note">{ note }</p>
            }
            if let Some((coloured, lines)) = partly_coloured {
                <p class="pane-note" data-testid={format!("{part}-colour-note")}>
                    { format!("Colours shown for the first {} of {} lines. ", count(coloured as u64), count(lines as u64)) }
                    <button type="button" class="tool-button" onclick={let colour_all = colour_all.clone(); move |_: MouseEvent| colour_all.set(true)}>{ "Colour all" }</button>
                </p>
            }
            { body }
            // Without a switch the part has no members to tabulate (text, an array, `{}`).
            if props.view.is_some() {
                <div class="pane-table" hidden={!table_chosen}>{ props.children.clone() }</div>
            }
        </section>
    }
}

/// The JSON text of a body, the memo's key (none for other bodies).
fn json_text(body: &Body) -> Option<AttrValue> {
    match body {
        Body::Json(text) => Some(text.clone()),
        Body::Text(_) | Body::Hex(_) | Body::Nothing => None,
    }
}

/// JSON or table, as two radio buttons: `data-value` holds the choice (the page's contract).
fn view_switch(part: &str, view: PartView, on_view: &Callback<PartView>) -> Html {
    let name = format!("{part}-view");
    let option = |choice: PartView, label: &str| {
        let onchange = on_view.reform(move |_: Event| choice);
        html! {
            <label class={classes!("switch-option", (choice == view).then_some("switch-chosen"))}>
                <input type="radio" name={name.clone()} value={choice.as_str()} checked={choice == view} {onchange} />
                { label }
            </label>
        }
    };
    html! {
        <div class="switch" role="radiogroup" aria-label={format!("Show the {part} as")} data-testid={name.clone()} data-value={view.as_str()}>
            { option(PartView::Json, "JSON") }
            { option(PartView::Table, "Table") }
        </div>
    }
}
