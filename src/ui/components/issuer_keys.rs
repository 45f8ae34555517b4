//! Where the token's issuer publishes its keys, as links the user opens: the page fetches
//! nothing, so the one click that reaches the issuer is the user's own.

use yew::prelude::*;

use crate::jose::issuer::{IssuerKeys, NoLinks};

/// A plain view function: it has no state, and is rebuilt only with the token's tables.
pub fn issuer_keys(found: &Result<IssuerKeys, NoLinks>) -> Html {
    let body = match found {
        Err(why) => {
            html! { <p class="issuer-keys-note" data-testid="issuer-keys-none">{ why.to_string() }</p> }
        }
        Ok(keys) => {
            let host = &keys.host;
            let recognised = keys
                .provider
                .map(|provider| format!(" (by its address, {})", provider.name()))
                .unwrap_or_default();
            let link = |testid: &'static str, label: &'static str, url: &str| {
                html! {
                    <li>
                        <a data-testid={testid} href={url.to_owned()} target="_blank" rel="noopener noreferrer">{ label }</a>
                        <code class="issuer-keys-url">{ url.to_owned() }</code>
                    </li>
                }
            };
            html! {
                <>
                    <p class="issuer-keys-note">
                        { format!("Where {host}{recognised} publishes its keys. This page fetches nothing: open a link, copy the JSON it shows and paste it into the key box.") }
                    </p>
                    <p class="issuer-keys-note issuer-keys-trust" data-testid="issuer-keys-trust">
                        { format!("A signature these keys verify shows only that whoever controls {host} signed the token, since the token names its own issuer: accept it only from an issuer you trust.") }
                    </p>
                    <ul class="issuer-keys-links">
                        if let Some(jwks) = &keys.jwks {
                            { link("issuer-jwks-link", "The JWK Set", jwks) }
                        }
                        if let Some(discovery) = &keys.discovery {
                            { link("issuer-discovery-link", "The OpenID discovery document (its jwks_uri names the key set)", discovery) }
                        }
                    </ul>
                </>
            }
        }
    };
    html! {
        <section class="card issuer-keys" data-testid="issuer-keys" aria-labelledby="issuer-keys-title">
            <h2 class="card-title" id="issuer-keys-title">{ "The issuer's keys" }</h2>
            { body }
        </section>
    }
}
