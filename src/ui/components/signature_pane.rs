//! The signature segment, its length in bytes and a copy button.

use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::CopyButton;
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
        <section class="pane card part-signature" data-testid="signature-pane" aria-label="Signature">
            <div class="card-head">
                <h2 class="card-title pane-title">{ "Signature" }<span class="pane-meta" data-testid="signature-length">{ summary }</span></h2>
                <div class="card-tools">
                    <CopyButton text={segment.clone()} testid="copy-signature" label="Copy the signature" />
                </div>
            </div>
            if let Some(error) = error {
                <p class="pane-error" role="alert">{ error }</p>
            }
            <pre class="pane-body pane-signature" data-testid="signature-segment" tabindex="0"
                 aria-label="Signature (base64url)">{ segment }</pre>
        </section>
    }
}
