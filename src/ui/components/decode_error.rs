//! The first decoding problem, named by part: the contract's `decode-error`.

use yew::prelude::*;

use crate::jose::error::Error;

#[derive(PartialEq, Properties)]
pub struct DecodeErrorProps {
    pub error: Option<Error>,
}

#[component]
pub fn DecodeError(props: &DecodeErrorProps) -> Html {
    let Some(error) = &props.error else {
        return html! {};
    };
    html! {
        <p class="decode-error" data-testid="decode-error" data-part={error.part().as_str()}
           data-code={error.code()} role="alert">{ error.to_string() }</p>
    }
}
