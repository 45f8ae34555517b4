//! The share button: a link to this page with the token (and, if the user opts in, a public
//! key) in its fragment, which browsers never send to a server. It goes on the clipboard and
//! is shown, so the user sees exactly what they share.

use yew::prelude::*;

use crate::jose::share;
use crate::ui::clipboard;

#[derive(PartialEq, Properties)]
pub struct ShareLinkProps {
    pub token: AttrValue,
    /// A public key to carry too; never a secret or a private key (the caller checks).
    pub public_key: Option<AttrValue>,
}

/// This page's address without its fragment.
fn page_address() -> String {
    web_sys::window()
        .and_then(|window| {
            let location = window.location();
            Some(format!(
                "{}{}",
                location.origin().ok()?,
                location.pathname().ok()?
            ))
        })
        .unwrap_or_default()
}

#[component]
pub fn ShareLink(props: &ShareLinkProps) -> Html {
    // Shown once asked for; the link follows the token and key from then on.
    let shown = use_state(|| None::<bool>);
    // Written when asked for (and while shown), not on every keystroke: a megabyte token's
    // percent-encoding is no cost to pay for a button.
    let link = {
        let (token, key) = (props.token.clone(), props.public_key.clone());
        move || {
            format!(
                "{}{}",
                page_address(),
                share::fragment(&token, key.as_deref(), None)
            )
        }
    };
    let onclick = {
        let (shown, link) = (shown.clone(), link.clone());
        Callback::from(move |_: MouseEvent| {
            let (shown, link) = (shown.clone(), link());
            yew::platform::spawn_local(async move {
                shown.set(Some(clipboard::write(&link).await));
            });
        })
    };
    let disabled = props.token.is_empty();
    html! {
        <>
            <button type="button" class="tool-button" data-testid="share-link" {onclick} {disabled}
                    title="Copy a link to this token">{ "Share" }</button>
            if let Some(copied) = *shown {
                <div class="share" role="status">
                    <label class="share-label" for="share-url">
                        { if copied { "Link copied. The token travels in the #fragment, which is never sent to a server:" }
                          else { "Copy this link (the clipboard refused):" } }
                    </label>
                    <input id="share-url" class="share-url" data-testid="share-url" readonly=true value={link()} />
                </div>
            }
        </>
    }
}
