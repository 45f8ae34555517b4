//! Keys the token carries in its header: shown with what they are, never used to verify.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::embedded::{CarriedKey, EmbeddedKey};

#[derive(PartialEq, Properties)]
pub struct EmbeddedKeysProps {
    pub keys: Rc<Vec<EmbeddedKey>>,
}

#[component]
pub fn EmbeddedKeys(props: &EmbeddedKeysProps) -> Html {
    html! {
        <section class="embedded" data-testid="embedded-keys" role="note">
            <strong class="embedded-title">{ "The token names its own key" }</strong>
            <p class="embedded-why">
                { "Whoever made the token chose this key, so a signature it verifies proves nothing. \
                   This page never fetches it, and uses an x5c chain's key only once the chain reaches a root CA \
                   certificate you put in the key box: verify with a key you trust." }
            </p>
            <ul class="embedded-list">
                { for props.keys.iter().map(item) }
            </ul>
        </section>
    }
}

fn item(key: &EmbeddedKey) -> Html {
    let what = match key {
        EmbeddedKey::Jwk(key) => format!("a public key: {}", carried(key)),
        EmbeddedKey::Jku(url) => format!("the URL of a key set, not fetched: {url}"),
        EmbeddedKey::X5u(url) => format!("the URL of a certificate chain, not fetched: {url}"),
        EmbeddedKey::X5c { certificates, leaf } => format!(
            "a chain of {certificates} certificate{} (checked in the certificate chain card), whose leaf holds {}",
            if *certificates == 1 { "" } else { "s" },
            carried(leaf)
        ),
    };
    html! {
        <li data-testid="embedded-key" data-parameter={key.parameter()}>
            <code>{ key.parameter() }</code>{ " " }{ what }
        </li>
    }
}

fn carried(key: &Result<CarriedKey, String>) -> String {
    match key {
        Ok(key) => {
            let subject = key
                .certificate
                .as_ref()
                .map(|cert| format!(", certificate of {}", cert.subject_name()))
                .unwrap_or_default();
            format!(
                "{}{subject}, thumbprint {}",
                key.description, key.thumbprint
            )
        }
        Err(why) => format!("unreadable ({why})"),
    }
}
