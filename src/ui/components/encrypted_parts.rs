//! An encrypted token's parts with their sizes: what a JWE carries besides its header.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::token::Decoded;

const PARTS: [(&str, &str); 4] = [
    ("encrypted-key", "Encrypted key"),
    ("iv", "Initialization vector"),
    ("ciphertext", "Ciphertext"),
    ("tag", "Authentication tag"),
];

/// What the view shows.
pub struct EncryptedPartsProps {
    pub decoded: Rc<Decoded>,
}

/// A plain view function rather than a component: it has no state of its own, and each
/// component costs the page about 1.5 KB of WebAssembly.
pub fn encrypted_parts(props: &EncryptedPartsProps) -> Html {
    let decoded = &props.decoded;
    html! {
        <section class="pane card encrypted-parts" data-testid="jwe-parts">
            <h2 class="card-title pane-title">{ "Encrypted parts" }</h2>
            <ul class="encrypted-parts-list">
                { for PARTS.iter().enumerate().map(|(index, (id, label))| {
                    let segment = decoded.segment(index + 1).unwrap_or_default();
                    // Unpadded base64url: every 4 characters carry 3 bytes.
                    let bytes = segment.len() * 3 / 4;
                    let note = match (*id, bytes) {
                        ("encrypted-key", 0) => " (empty: dir or ECDH-ES agree on the key directly)".to_owned(),
                        _ => String::new(),
                    };
                    html! {
                        <li class={classes!("encrypted-parts-item", format!("part-{id}"))} data-part={*id} data-bytes={bytes.to_string()}>
                            <strong>{ *label }</strong>{ format!(": {bytes} bytes{note}") }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
