//! A table of the payload's claims or the header's parameters: each value with its meaning and
//! spec, NumericDates in UTC, local time and relative to the check time, and mismatches.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::claims::time::{self, iso_utc, relative_words};
use crate::jose::claims::{ClaimRow, TimeState, TimeValue};
use crate::jose::human::count;
use crate::jose::issuer::Provider;

/// Which table: the names are the page's test contract.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// `claims-table`, rows `tr[data-claim]`.
    Claims,
    /// `header-table`, rows `tr[data-param]`.
    Header,
}

#[derive(PartialEq, Properties)]
pub struct ClaimsTableProps {
    pub rows: Rc<Vec<ClaimRow>>,
    pub kind: TableKind,
    /// The check time, Unix seconds.
    pub now: f64,
    /// The issuer's provider, whose claims the table explains too.
    #[prop_or_default]
    pub provider: Option<Provider>,
}

/// Rows shown before the user asks for the rest: a payload of thousands of claims would
/// otherwise cost tens of thousands of elements before anything else is drawn.
const FIRST_ROWS: usize = 100;

#[component]
pub fn ClaimsTable(props: &ClaimsTableProps) -> Html {
    let all_shown = use_state(|| false);
    let (testid, heading, noun) = match props.kind {
        TableKind::Claims => ("claims-table", "Claim", "claims"),
        TableKind::Header => ("header-table", "Parameter", "parameters"),
    };
    let total = props.rows.len();
    let shown = if *all_shown {
        total
    } else {
        total.min(FIRST_ROWS)
    };
    let show_all = {
        let all_shown = all_shown.clone();
        Callback::from(move |_: MouseEvent| all_shown.set(true))
    };
    html! {
        <>
            if let Some(provider) = props.provider {
                <p class="claims-provider">{ format!("Recognised from iss: {}. Its own claims are explained from its documentation.", provider.name()) }</p>
            }
            <table class="claims" data-testid={testid} data-provider={props.provider.map(Provider::id)}>
                <thead><tr><th>{ heading }</th><th>{ "Value" }</th><th>{ "Meaning" }</th></tr></thead>
                <tbody>
                    { for props.rows.iter().take(shown).map(|row| claim_row(row, props.kind, props.now)) }
                </tbody>
            </table>
            if shown < total {
                <p class="claims-more" data-testid="claims-more">
                    { format!("Showing the first {} of {} {noun}. ", count(shown as u64), count(total as u64)) }
                    <button type="button" class="tool-button" onclick={show_all}>{ format!("Show all {}", count(total as u64)) }</button>
                </p>
            }
        </>
    }
}

fn claim_row(row: &ClaimRow, kind: TableKind, now: f64) -> Html {
    let (claim, param) = match kind {
        TableKind::Claims => (Some(row.name.clone()), None),
        TableKind::Header => (None, Some(row.name.clone())),
    };
    let state = row.time.as_ref().map(|(_, state)| state.as_str());
    let problem = row.mismatch.is_some()
        || row
            .time
            .as_ref()
            .is_some_and(|(_, state)| *state != TimeState::Ok);
    html! {
        <tr data-claim={claim} data-param={param} data-state={state} class={classes!(problem.then_some("claims-problem"))}>
            <th class="claims-name"><code>{ &row.name }</code></th>
            <td class="claims-value">
                <code>{ &row.value }</code>
                if let Some((value, state)) = &row.time {
                    { time_details(&row.name, value, *state, now) }
                }
                if let Some(mismatch) = &row.mismatch {
                    <div class="claims-mismatch" data-testid="claim-mismatch">{ mismatch }</div>
                }
            </td>
            <td class="claims-meaning">
                if let Some(described) = row.described {
                    { described.description }{ " " }
                    <a href={described.url} target="_blank" rel="noopener noreferrer">{ described.spec }</a>
                }
            </td>
        </tr>
    }
}

fn time_details(name: &str, value: &TimeValue, state: TimeState, now: f64) -> Html {
    let seconds = match *value {
        TimeValue::Seconds(seconds) => seconds,
        TimeValue::LooksLikeMilliseconds(seconds) => {
            return html! {
                <div class="claims-time claims-warning">
                    { format!("Looks like milliseconds, not seconds: as milliseconds it would be {}.", iso_utc(seconds).unwrap_or_default()) }
                </div>
            };
        }
        TimeValue::NotANumber => {
            return html! { <div class="claims-time claims-warning">{ "Not a number: a NumericDate is a JSON number of seconds." }</div> };
        }
    };
    let relative = relative_words(seconds, now);
    let said = match (name, state) {
        ("exp", TimeState::Expired) => format!("expired {relative}"),
        ("exp", _) => format!("expires {relative}"),
        ("nbf", TimeState::NotYetValid) => format!("not valid yet: usable {relative}"),
        ("iat", TimeState::IssuedInFuture) => format!("issued in the future ({relative})"),
        _ => relative,
    };
    html! {
        <div class="claims-time">
            <span data-testid="claim-utc">{ iso_utc(seconds).unwrap_or_else(|| "out of range".to_owned()) }</span>
            <span class="claims-local">{ local_time(seconds) }</span>
            <span class="claims-relative" data-testid="claim-relative">{ said }</span>
        </div>
    }
}

/// The time in the browser's time zone (its offset at that instant, so summer time is right).
fn local_time(seconds: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds * 1000.0));
    // getTimezoneOffset is UTC minus local time, in minutes.
    let east = -(date.get_timezone_offset() as i32);
    time::local_time(seconds, east).unwrap_or_default()
}
