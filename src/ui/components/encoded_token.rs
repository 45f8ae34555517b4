//! The token colour-coded by part, with a legend so colour is never the only label.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::token::{Decoded, Form};

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
    let decoded = &props.decoded;
    let parts: &[(&str, &str)] = match decoded.form {
        Ok(Form::Jwe) => &JWE_PARTS,
        _ => &JWS_PARTS,
    };
    let shown = parts.len().min(decoded.segments.len());
    let segments = (0..decoded.segments.len()).map(|index| {
        let text = decoded.segment(index).unwrap_or_default().to_owned();
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
        html! { <>{ for dot }{ segment }</> }
    });
    html! {
        <div class="encoded" data-testid="encoded-token">
            <ul class="encoded-legend">
                { for parts.iter().take(shown.max(1)).map(|(id, label)| html! {
                    <li class={classes!("encoded-legend-item", format!("part-{id}"))}>{ *label }</li>
                }) }
            </ul>
            <pre class="encoded-text">{ for segments }</pre>
        </div>
    }
}
