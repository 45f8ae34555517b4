//! The examples: a menu on the token card, and on an empty page a card of the same examples
//! where the results will be. Each fills both the token and the key box.

use web_sys::HtmlDetailsElement;
use yew::prelude::*;

use crate::jose::examples::Example;

#[derive(PartialEq, Properties)]
pub struct ExamplesMenuProps {
    pub on_pick: Callback<Example>,
}

#[component]
pub fn ExamplesMenu(props: &ExamplesMenuProps) -> Html {
    let menu = use_node_ref();
    let item = |example: Example| {
        let on_pick = props.on_pick.clone();
        let menu = menu.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            // Close the menu: the boxes it filled are what the user wants to see.
            if let Some(details) = menu.cast::<HtmlDetailsElement>() {
                details.set_open(false);
            }
            on_pick.emit(example);
        });
        html! {
            <li><button type="button" class="menu-item" data-example={example.id()} {onclick}>{ example.label() }</button></li>
        }
    };
    html! {
        <details class="menu" data-testid="examples" ref={menu.clone()}>
            <summary class="tool-button menu-button">{ "Examples" }</summary>
            <ul class="menu-list" aria-label="Examples">
                { for Example::ALL.into_iter().map(item) }
            </ul>
        </details>
    }
}

/// What an empty page shows where the results will be: every example, one click away. A plain
/// view function: it has no state of its own.
pub fn try_examples(on_pick: &Callback<Example>) -> Html {
    html! {
        <section class="card try-examples" data-testid="empty-examples" aria-labelledby="try-examples-title">
            <h2 class="card-title" id="try-examples-title">{ "Or start from an example" }</h2>
            <p class="try-examples-note">{ "Each fills the token and its key, to show what the page reads from them." }</p>
            <ul class="try-examples-list">
                { for Example::ALL.into_iter().map(|example| {
                    let onclick = on_pick.reform(move |_: MouseEvent| example);
                    html! {
                        <li><button type="button" class="tool-button" data-example={example.id()} {onclick}>{ example.label() }</button></li>
                    }
                }) }
            </ul>
        </section>
    }
}
