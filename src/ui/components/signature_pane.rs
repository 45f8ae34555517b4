//! The signature segment and its length in bytes.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::token::Decoded;

#[derive(PartialEq, Properties)]
pub struct SignaturePaneProps {
    pub decoded: Rc<Decoded>,
}

#[component]
pub fn SignaturePane(props: &SignaturePaneProps) -> Html {
    let Some(signature) = &props.decoded.signature else {
        return html! {};
    };
    let segment = props.decoded.segment(2).unwrap_or_default().to_owned();
    let (summary, error) = match signature {
        Ok(bytes) if bytes.is_empty() => ("No signature (empty segment)".to_owned(), None),
        Ok(bytes) => (format!("{} bytes", bytes.len()), None),
        Err(err) => ("Not decodable".to_owned(), Some(err.to_string())),
    };
    html! {
        <section class="pane part-signature" data-testid="signature-pane">
            <h2 class="pane-title">{ "Signature" }<span class="pane-meta" data-testid="signature-length">{ summary }</span></h2>
            if let Some(error) = error {
                <p class="pane-error" role="alert">{ error }</p>
            }
            <pre class="pane-body pane-signature" data-testid="signature-segment">{ segment }</pre>
        </section>
    }
}
