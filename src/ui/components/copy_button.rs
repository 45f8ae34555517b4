//! A copy button: copies its text and says whether the clipboard took it. `data-state` is
//! `idle`, `copied` or `failed` (the page's test contract).

use yew::prelude::*;

use crate::ui::clipboard;

#[derive(PartialEq, Properties)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    pub testid: AttrValue,
    /// What is copied, for assistive technology: "Copy the header".
    pub label: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Done,
    Failed,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| CopyState::Idle);
    {
        // A new text has not been copied yet.
        let copied = copied.clone();
        use_effect_with(props.text.clone(), move |_| copied.set(CopyState::Idle));
    }
    let onclick = {
        let copied = copied.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let (copied, text) = (copied.clone(), text.clone());
            yew::platform::spawn_local(async move {
                let done = clipboard::write(&text).await;
                copied.set(if done {
                    CopyState::Done
                } else {
                    CopyState::Failed
                });
            });
        })
    };
    let (state, words) = match *copied {
        CopyState::Idle => ("idle", "Copy"),
        CopyState::Done => ("copied", "Copied"),
        CopyState::Failed => ("failed", "Copy failed: select the text"),
    };
    html! {
        <button type="button" class="tool-button copy-button" data-testid={props.testid.clone()} data-state={state}
                aria-label={props.label.clone()} title={props.label.clone()} disabled={props.text.is_empty()} {onclick}>
            { words }
        </button>
    }
}
