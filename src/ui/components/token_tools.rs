//! The token card's toolbar: examples, clear, copy, share, and "edit in encoder" for a JWS.
//! A component of its own, so the card re-renders its tools only when what they act on changes.

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::examples_menu::ExamplesMenu;
use super::share_link::ShareLink;
use crate::jose::examples::Example;

#[derive(PartialEq, Properties)]
pub struct TokenToolsProps {
    /// The token as decoded (surrounding noise removed).
    pub token: AttrValue,
    pub has_token: bool,
    /// A signed token: the encoder can take its header and payload.
    pub is_jws: bool,
    /// A public key box that share links may carry, when the user opted in.
    pub shared_key: Option<AttrValue>,
    pub on_example: Callback<Example>,
    pub on_clear: Callback<MouseEvent>,
    pub on_edit_in_encoder: Callback<MouseEvent>,
}

#[component]
pub fn TokenTools(props: &TokenToolsProps) -> Html {
    html! {
        <>
            <ExamplesMenu on_pick={props.on_example.clone()} />
            <button type="button" class="tool-button" data-testid="clear-token" disabled={!props.has_token}
                    onclick={props.on_clear.clone()} title="Empty the token box">{ "Clear" }</button>
            <CopyButton text={props.token.clone()} testid="copy-token" label="Copy the token" />
            <ShareLink token={props.token.clone()} public_key={props.shared_key.clone()} />
            if props.is_jws {
                <button type="button" class="tool-button" data-testid="edit-in-encoder" title="Open this header and payload in the encoder"
                        onclick={props.on_edit_in_encoder.clone()}>{ "Edit in encoder" }</button>
            }
        </>
    }
}
