//! Why the signature failed, next to the verdict: what the worker found would have made it
//! match (a secret in another encoding, another key of the set, another algorithm …), each
//! with its code, or that nothing else was found and what was tried. The verdict stands.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::diagnosis::Diagnosis;

#[derive(Properties, PartialEq)]
pub struct DiagnosesProps {
    /// What was found, once the worker answered.
    pub found: Option<Rc<Vec<Diagnosis>>>,
    /// The worker is looking.
    pub looking: bool,
}

#[function_component]
pub fn Diagnoses(props: &DiagnosesProps) -> Html {
    let Some(found) = props.found.as_deref() else {
        return match props.looking {
            true => html! {
                <p class="diagnoses-looking" data-testid="diagnosis-status" data-state="looking" aria-live="polite">
                    { "Looking for why it failed…" }
                </p>
            },
            false => html! {},
        };
    };
    if found.is_empty() {
        return html! {};
    }
    html! {
        <section class="diagnoses" data-testid="diagnoses" aria-labelledby="diagnoses-title" aria-live="polite">
            <h2 class="diagnoses-title" id="diagnoses-title">{ "Why it failed" }</h2>
            <ul class="diagnoses-list">
                { for found.iter().map(|diagnosis| html! {
                    <li class={classes!("diagnosis", format!("diagnosis-{}", diagnosis.code.as_str()))}
                        data-testid="diagnosis" data-code={diagnosis.code.as_str()}>
                        { diagnosis.detail.clone() }
                    </li>
                }) }
            </ul>
            <p class="diagnoses-note">{ "The token is still invalid: this shows what would have matched, not that the token is good." }</p>
        </section>
    }
}
