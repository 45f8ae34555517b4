//! A decoded part: syntax-highlighted JSON, text or hex, with its own error and notes.

use yew::prelude::*;

use crate::jose::hex;
use crate::jose::json_view::{self, JsonPiece};
use crate::jose::token::{Decoded, PayloadView};

/// Past this size the JSON is shown without colours, so a huge paste stays responsive.
const HIGHLIGHT_LIMIT: usize = 200_000;

/// What a pane shows.
#[derive(Clone, PartialEq)]
pub enum Body {
    Json(String),
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
                body: Body::Json(header.text.clone()),
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
                        body: Body::Json(payload.text().unwrap_or_default().to_owned()),
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
}

#[component]
pub fn JsonPane(props: &JsonPaneProps) -> Html {
    let part = props.part.as_str();
    let content = &props.content;
    let body = match &content.body {
        Body::Json(text) => html! {
            <pre class="pane-body pane-json" data-testid={format!("{part}-json")}>{ highlighted(text) }</pre>
        },
        Body::Text(text) => html! {
            <pre class="pane-body pane-text" data-testid={format!("{part}-text")}>{ text }</pre>
        },
        Body::Hex(text) => html! {
            <pre class="pane-body pane-hex" data-testid={format!("{part}-hex")}>{ text }</pre>
        },
        Body::Nothing => html! {},
    };
    html! {
        <section class={classes!("pane", format!("part-{part}"))} data-testid={format!("{part}-pane")}>
            <h2 class="pane-title">{ props.title.clone() }</h2>
            if let Some(error) = &content.error {
                <p class="pane-error" role="alert">{ error }</p>
            }
            if let Some(note) = content.note {
                <p class="pane-note">{ note }</p>
            }
            { body }
        </section>
    }
}

fn highlighted(text: &str) -> Html {
    if text.len() > HIGHLIGHT_LIMIT {
        return html! { { text } };
    }
    let pieces = json_view::pretty(text);
    html! { { for pieces.iter().map(piece) } }
}

fn piece(piece: &JsonPiece) -> Html {
    html! { <span class={format!("json-{}", piece.kind.as_str())}>{ &piece.text }</span> }
}
