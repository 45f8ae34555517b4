//! What is risky about the token: each finding with its severity, why it matters and a
//! reference, and where the known-secret search stands.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::human::{count, duration_millis};
use crate::jose::known_secrets::{SearchReport, LIST_ENTRIES};
use crate::jose::lint::Finding;
use crate::ui::state::SecretSearch;

#[derive(PartialEq, Properties)]
pub struct FindingsProps {
    pub findings: Rc<Vec<Finding>>,
    pub secret_search: SecretSearch,
    /// The user starts the known-secret search of a large token.
    pub on_search: Callback<()>,
    /// Shown under the known-secret line (the user's own wordlist).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    html! {
        <section class="findings" data-testid="findings" aria-label="Security findings">
            <h2 class="findings-title">{ "Findings" }</h2>
            if props.findings.is_empty() {
                <p class="findings-none">{ match searching(&props.secret_search) {
                    // The known-secret search may still find one: say nothing final before it ends.
                    true => "Nothing risky found so far.",
                    false => "Nothing risky found in this token.",
                } }</p>
            }
            <ul class="findings-list">
                { for props.findings.iter().map(item) }
            </ul>
            { search_status(&props.secret_search, &props.on_search) }
            { props.children.clone() }
        </section>
    }
}

fn item(finding: &Finding) -> Html {
    let severity = finding.severity.as_str();
    html! {
        <li class={classes!("finding", format!("finding-{severity}"))} data-testid="finding"
            data-code={finding.code.as_str()} data-severity={severity}>
            <span class="finding-severity">{ severity }</span>
            <strong class="finding-title">{ &finding.title }</strong>
            <span class="finding-detail">{ &finding.detail }</span>
            <span class="finding-reference">{ finding.reference }{ " · " }<code>{ finding.code.as_str() }</code></span>
        </li>
    }
}

fn search_status(search: &SecretSearch, on_search: &Callback<()>) -> Html {
    let words = match search {
        SecretSearch::Idle => return html! {},
        SecretSearch::Offered { estimate_millis } => {
            let onclick = on_search.reform(|_| ());
            return html! {
                <p class="findings-search" data-testid="known-secret-status" data-state="offered">
                    { format!("A large token: checking it against {} known secrets takes about {}. ", count(LIST_ENTRIES as u64), duration(*estimate_millis)) }
                    <button type="button" class="workshop-button" data-testid="known-secret-start" {onclick}>{ "Check known secrets" }</button>
                </p>
            };
        }
        SecretSearch::Loading => "Loading the list of publicly known secrets…".to_owned(),
        SecretSearch::Reported(SearchReport::Searching { fraction }) => format!(
            "Checking the signature against publicly known secrets… {}%",
            (fraction * 100.0) as u32
        ),
        SecretSearch::Reported(SearchReport::Found { tried, .. }) => {
            format!(
                "Found among publicly known secrets after {} tries.",
                count(*tried as u64)
            )
        }
        SecretSearch::Reported(SearchReport::NotFound { tried, millis }) => format!(
            "Not signed with any of {} publicly known secrets (checked in {}).",
            count(*tried as u64),
            duration_millis(*millis)
        ),
        SecretSearch::Reported(SearchReport::Unavailable { reason: why }) => {
            format!("The list of known secrets could not be loaded: {why}")
        }
    };
    html! {
        <p class="findings-search" data-testid="known-secret-status" data-state={search.as_str()}>{ words }</p>
    }
}

/// "40 s" or "3 min": a rough estimate in words.
fn duration(millis: f64) -> String {
    let seconds = (millis / 1000.0).ceil() as u64;
    match seconds {
        0..=90 => format!("{} s", seconds.max(1)),
        _ => format!("{} min", seconds.div_ceil(60)),
    }
}

/// Whether the known-secret search is still under way.
fn searching(search: &SecretSearch) -> bool {
    matches!(
        search,
        SecretSearch::Loading | SecretSearch::Reported(SearchReport::Searching { .. })
    )
}
