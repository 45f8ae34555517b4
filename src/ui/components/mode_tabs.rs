//! The tab bar: Decoder, Encoder, Keys, Compare. Real tabs for assistive technology: one tab stop,
//! arrow keys move between them.

use yew::prelude::*;

use crate::ui::state::Mode;

#[derive(PartialEq, Properties)]
pub struct ModeTabsProps {
    pub mode: Mode,
    pub on_mode: Callback<Mode>,
}

/// The tab's element id, which its panel is labelled by.
pub fn tab_id(mode: Mode) -> String {
    format!("tab-{}", mode.as_str())
}

/// The panel's element id, which its tab controls.
pub fn panel_id(mode: Mode) -> String {
    format!("panel-{}", mode.as_str())
}

/// The tab an arrow key moves to, round the ends.
fn neighbour(mode: Mode, step: isize) -> Mode {
    let count = Mode::ALL.len() as isize;
    let index = Mode::ALL.iter().position(|m| *m == mode).unwrap_or(0) as isize;
    let next = (index + step).rem_euclid(count) as usize;
    Mode::ALL.get(next).copied().unwrap_or_default()
}

#[component]
pub fn ModeTabs(props: &ModeTabsProps) -> Html {
    let onkeydown = {
        let (mode, on_mode) = (props.mode, props.on_mode.clone());
        Callback::from(move |event: KeyboardEvent| {
            let next = match event.key().as_str() {
                "ArrowRight" => neighbour(mode, 1),
                "ArrowLeft" => neighbour(mode, -1),
                "Home" => Mode::Decoder,
                "End" => Mode::ALL.last().copied().unwrap_or_default(),
                _ => return,
            };
            event.prevent_default();
            on_mode.emit(next);
            focus(&tab_id(next));
        })
    };
    html! {
        <div class="app-tabs" role="tablist" aria-label="Mode" {onkeydown}>
            { for Mode::ALL.into_iter().map(|mode| {
                let selected = mode == props.mode;
                let onclick = props.on_mode.reform(move |_: MouseEvent| mode);
                html! {
                    <button type="button" role="tab" class="app-tab" id={tab_id(mode)} data-testid={format!("mode-{}", mode.as_str())}
                            aria-selected={if selected { "true" } else { "false" }} aria-controls={selected.then(|| panel_id(mode))}
                            tabindex={if selected { "0" } else { "-1" }} {onclick}>
                        { mode.label() }
                    </button>
                }
            }) }
        </div>
    }
}

/// Moves the keyboard focus to the element with this id, once it is drawn.
fn focus(id: &str) {
    let id = id.to_owned();
    yew::platform::spawn_local(async move {
        let element = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(&id))
            .and_then(|element| {
                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
            });
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}
