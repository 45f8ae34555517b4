//! The token colour-coded by part, with a legend so colour is never the only label.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::human::count;
use crate::jose::token::{Decoded, Form};

/// In a token over `ABBREVIATE_OVER` characters, the characters of a part shown before the user
/// asks for the rest: a megabyte token laid out again in colour would cost the page a third of
/// a second, and push the key box screens down on a phone (the token box holds all of it).
const SHOWN_PER_PART: usize = 1_024;
const ABBREVIATE_OVER: usize = 16 * 1024;

const JWS_PARTS: [(&str, &str); 3] = [
    ("header", "Header"),
    ("payload", "Payload"),
    ("signature", "Signature"),
];

const JWE_PARTS: [(&str, &str); 5] = [
    ("header", "Protected header"),
    ("encrypted-key", "Encrypted key"),
    ("iv", "Initialization vector"),
    ("ciphertext", "Ciphertext"),
    ("tag", "Authentication tag"),
];

#[derive(PartialEq, Properties)]
pub struct EncodedTokenProps {
    pub decoded: Rc<Decoded>,
}

#[component]
pub fn EncodedToken(props: &EncodedTokenProps) -> Html {
    // Which decoded token the user asked to see whole (by its address): a new token is
    // shortened again.
    let whole_of = use_state(|| None::<usize>);
    let decoded = &props.decoded;
    let this_token = Rc::as_ptr(decoded) as usize;
    let whole = *whole_of == Some(this_token);
    let mut elided_any = false;
    let abbreviate = decoded.compact.len() > ABBREVIATE_OVER;
    let parts: &[(&str, &str)] = match decoded.form {
        Ok(Form::Jwe) => &JWE_PARTS,
        _ => &JWS_PARTS,
    };
    let shown = parts.len().min(decoded.segments.len());
    let segments: Vec<Html> = (0..decoded.segments.len()).map(|index| {
        let full = decoded.segment(index).unwrap_or_default();
        let cut = (abbreviate && !whole)
            .then(|| full.char_indices().nth(SHOWN_PER_PART))
            .flatten()
            .map(|(at, _)| at);
        let text = full.get(..cut.unwrap_or(full.len())).unwrap_or(full).to_owned();
        let elided = cut.map(|at| {
            elided_any = true;
            let rest = full.get(at..).map_or(0, |rest| rest.chars().count());
            html! { <span class="encoded-elided">{ format!(" … {} more characters … ", count(rest as u64)) }</span> }
        });
        let dot = (index > 0).then(|| html! { <span class="encoded-dot">{ "." }</span> });
        let segment = match parts.get(index) {
            Some((id, label)) => html! {
                <span class={classes!("encoded-part", format!("part-{id}"))}
                      data-testid={format!("token-part-{id}")} title={*label}>{ text }</span>
            },
            None => html! {
                <span class="encoded-part part-extra" title="Extra segment">{ text }</span>
            },
        };
        html! { <>{ for dot }{ segment }{ for elided }</> }
    }).collect();
    let show_whole = {
        let whole_of = whole_of.clone();
        Callback::from(move |_: MouseEvent| whole_of.set(Some(this_token)))
    };
    html! {
        <div class="encoded" data-testid="encoded-token">
            <ul class="encoded-legend">
                { for parts.iter().take(shown.max(1)).map(|(id, label)| html! {
                    <li class={classes!("encoded-legend-item", format!("part-{id}"))}>{ *label }</li>
                }) }
            </ul>
            <pre class="encoded-text">{ for segments }</pre>
            if elided_any {
                <p class="pane-note" data-testid="encoded-abbreviated">
                    { format!("Long parts are shown to their first {} characters here; the token box above holds all of it. ", count(SHOWN_PER_PART as u64)) }
                    <button type="button" class="tool-button" onclick={show_whole}>{ "Show the whole token" }</button>
                </p>
            }
        </div>
    }
}
