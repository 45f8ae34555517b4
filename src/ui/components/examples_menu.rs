//! The examples menu on the token card: each item fills both the token and the key box.

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
