//! A button that copies a text to the clipboard and says whether it did.

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    /// What is copied, for the button's accessible name ("Copy public PEM").
    pub what: AttrValue,
    /// The `data-testid` of the button.
    pub testid: AttrValue,
}

/// How the last copy went.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| Copied::Not);
    // A new text has not been copied yet.
    {
        let copied = copied.clone();
        use_effect_with(props.text.clone(), move |_| copied.set(Copied::Not));
    }
    let onclick = {
        let copied = copied.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            let text = text.clone();
            yew::platform::spawn_local(async move {
                let done = match web_sys::window() {
                    Some(window) => {
                        let promise = window.navigator().clipboard().write_text(&text);
                        JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                copied.set(if done { Copied::Yes } else { Copied::Failed });
            });
        })
    };
    let (label, state) = match *copied {
        Copied::Not => ("Copy", "idle"),
        Copied::Yes => ("Copied", "copied"),
        Copied::Failed => ("Copy failed: select the text", "failed"),
    };
    html! {
        <button type="button" class="copy-button" data-testid={props.testid.clone()} data-state={state}
                aria-label={format!("Copy {}", props.what)} {onclick}>
            { label }
        </button>
    }
}
