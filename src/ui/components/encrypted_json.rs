//! A JWE in a JSON serialization: its protected and shared headers, each recipient with its
//! algorithm and encrypted key, and the sizes of the IV, ciphertext and tag.

use yew::prelude::*;

use super::json_pane::{Body, JsonPane, PaneContent};
use crate::jose::json_text::{object_text, JsonObject};
use crate::jose::jwe::{Jwe, Serialization};

/// A view function, not a component: it has no state of its own.
pub fn encrypted_json(jwe: &Jwe) -> Html {
    let pane = |members: &JsonObject| PaneContent {
        body: Body::Json(object_text(members).into()),
        error: None,
        note: None,
    };
    let form = match jwe.serialization {
        Serialization::General => "General JSON serialization",
        Serialization::Flattened => "Flattened JSON serialization",
        Serialization::Compact => "Compact serialization",
    };
    let sizes = [
        ("iv", "Initialization vector", jwe.iv.len()),
        ("ciphertext", "Ciphertext", jwe.ciphertext.len()),
        ("tag", "Authentication tag", jwe.tag.len()),
    ];
    html! {
        <>
            <JsonPane part="header" title="Protected header" content={pane(&jwe.protected)} />
            if !jwe.unprotected.is_empty() {
                <JsonPane part="unprotected" title="Shared unprotected header" content={pane(&jwe.unprotected)} />
            }
            <section class="pane card encrypted-parts" data-testid="jwe-parts">
                <h2 class="card-title pane-title">{ form }</h2>
                <ul class="encrypted-parts-list" data-testid="jwe-recipients">
                    { for jwe.recipients.iter().enumerate().map(|(index, recipient)| {
                        let member = |name: &str| jwe.header_text(index, name).unwrap_or_else(|| "?".to_owned());
                        let kid = jwe.header_text(index, "kid").map(|kid| format!(", kid {kid:?}")).unwrap_or_default();
                        html! {
                            <li class="encrypted-parts-item part-encrypted-key" data-part="encrypted-key" data-bytes={recipient.encrypted_key.len().to_string()}>
                                <strong>{ format!("Recipient {}", index + 1) }</strong>
                                { format!(": {}{kid}, encrypted key {} bytes", member("alg"), recipient.encrypted_key.len()) }
                            </li>
                        }
                    }) }
                    { for sizes.iter().map(|(id, label, bytes)| html! {
                        <li class={classes!("encrypted-parts-item", format!("part-{id}"))} data-part={*id} data-bytes={bytes.to_string()}>
                            <strong>{ *label }</strong>{ format!(": {bytes} bytes") }
                        </li>
                    }) }
                    if jwe.aad_b64.is_some() {
                        <li class="encrypted-parts-item" data-part="aad">{ "Additional authenticated data (aad): present, and authenticated" }</li>
                    }
                </ul>
            </section>
        </>
    }
}
