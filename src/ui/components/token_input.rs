//! The token card: every keystroke or paste decodes at once; a note says what was cleaned off.
//! Its toolbar (examples, clear, copy, share) comes from the decoder. Its props compare equal
//! while the token is unchanged: each render of the textarea reads its whole value back from
//! the page (Yew compares it), which for a megabyte token is a cost worth skipping.

use yew::prelude::*;

use crate::jose::input::Removed;
use crate::ui::events::on_text;

#[derive(PartialEq, Properties)]
pub struct TokenInputProps {
    /// Shared text: comparing props costs no copy of a megabyte token.
    pub value: AttrValue,
    pub removed: Vec<Removed>,
    pub on_input: Callback<String>,
    /// The card's toolbar (`TokenTools`: a component, so it compares by its props).
    pub children: Html,
}

#[component]
pub fn TokenInput(props: &TokenInputProps) -> Html {
    let oninput = on_text(&props.on_input, |text| text);
    let note = (!props.removed.is_empty()).then(|| {
        let removed: Vec<&str> = props.removed.iter().map(|r| r.describe()).collect();
        format!("Removed {} before decoding.", removed.join(", "))
    });
    html! {
        <section class="card card-token token-input" aria-label="Encoded token">
            <div class="card-head">
                <label class="card-title" for="token-input">{ "Encoded token" }</label>
                <div class="card-tools">{ props.children.clone() }</div>
            </div>
            <textarea
                id="token-input"
                class="token-input-area"
                data-testid="token-input"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="Paste a JWT here (a Bearer prefix or quotes are fine)"
                value={props.value.clone()}
                {oninput}
            />
            if let Some(note) = note {
                <p class="token-input-note" data-testid="input-note">{ note }</p>
            }
        </section>
    }
}
