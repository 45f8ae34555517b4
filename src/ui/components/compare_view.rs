//! The Compare mode: two token boxes side by side, each with its verdict from the shared key
//! box, and below them every header parameter and claim of either, marked added, removed,
//! changed or the same; times are shown as times, with how far apart they are.

use yew::prelude::*;

use super::key_input::KeyInput;
use super::verdict::Verdict;
use crate::jose::compare::{Change, Row, Section};
use crate::jose::summary::summarize;
use crate::ui::actions::Actions;
use crate::ui::state::compare::Side;
use crate::ui::state::State;

/// A plain view function, as the decoder is: it holds no state of its own.
pub fn compare_view(state: &State, actions: &Actions) -> Html {
    let key = &state.outer.key;
    let comparison = &state.compare.comparison;
    let both_empty = state.compare.a.input.is_empty() && state.compare.b.input.is_empty();
    html! {
        <div class="compare">
            <p class="compare-intro">
                { "Paste two tokens to see what differs between them, member by member, and whether each verifies with the key below: for \u{201c}why does this token work and that one not\u{201d}." }
            </p>
            <div class="compare-sides">
                { side(state, actions, Side::A) }
                { side(state, actions, Side::B) }
            </div>
            <KeyInput value={key.text.expose().to_owned()} encoding={key.encoding} keys={key.keys.clone()}
                      on_input={actions.set_key.clone()} on_encoding={actions.set_encoding.clone()} />
            <section class="card compare-diff" aria-labelledby="compare-diff-title" data-testid="compare-diff">
                <h2 class="card-title" id="compare-diff-title">{ "What differs" }</h2>
                if both_empty {
                    <p class="compare-note" data-testid="compare-summary">{ "Paste a token in each box." }</p>
                } else {
                    <p class="compare-sentence" data-testid="compare-summary">{ comparison.summary().sentence() }</p>
                    { table("Header", "header", &comparison.header) }
                    { table("Claims", "claims", &comparison.claims) }
                }
            </section>
        </div>
    }
}

/// One token's box, its verdict and its one-sentence summary.
fn side(state: &State, actions: &Actions, side: Side) -> Html {
    let one = state.compare.side(side);
    let name = match side {
        Side::A => "Token A",
        Side::B => "Token B",
    };
    let id = format!("compare-token-{}", side.as_str());
    let on_input = match side {
        Side::A => actions.set_compare_a.clone(),
        Side::B => actions.set_compare_b.clone(),
    };
    let oninput = crate::ui::events::on_text(&on_input, |text| text);
    let summary = summarize(&one.inspection, state.now);
    let has_decoder_token = !state.outer.input.is_empty();
    html! {
        <section class="card compare-side" aria-label={name}>
            <div class="card-head">
                <label class="card-title" for={id.clone()}>{ name }</label>
                if side == Side::A {
                    <button type="button" class="tool-button" data-testid="compare-from-decoder"
                            disabled={!has_decoder_token} onclick={actions.compare_with_decoder.clone()}>
                        { "Use the decoder's token" }
                    </button>
                }
            </div>
            <textarea id={id.clone()} class="token-input-area compare-area" data-testid={id}
                      spellcheck="false" autocomplete="off" autocapitalize="off"
                      placeholder="Paste a JWT, JWS or JWE"
                      value={AttrValue::from(one.input.clone())} {oninput} />
            <Verdict verification={one.inspection.verification.clone()} now={Some(state.now as i64)}
                     testid={AttrValue::from(format!("compare-verdict-{}", side.as_str()))} />
            if let Some(summary) = summary {
                <p class="compare-side-summary" data-testid={format!("compare-summary-{}", side.as_str())}>{ summary }</p>
            }
        </section>
    }
}

/// A section's rows: A's value, B's value and what changed.
fn table(title: &'static str, section: &'static str, rows: &Section) -> Html {
    let missing = [("A", &rows.a_missing), ("B", &rows.b_missing)]
        .into_iter()
        .filter_map(|(name, missing)| {
            missing
                .as_ref()
                .map(|why| format!("Token {name}'s {}: {why}", section))
        })
        .collect::<Vec<_>>();
    html! {
        <div class="compare-section" data-testid={format!("compare-{section}")}>
            <h3 class="compare-section-title">{ title }</h3>
            { for missing.into_iter().map(|note| html! { <p class="compare-note">{ note }</p> }) }
            if !rows.rows.is_empty() {
                <div class="compare-scroll">
                    <table class="compare-table">
                        <thead><tr><th>{ "Member" }</th><th>{ "Token A" }</th><th>{ "Token B" }</th><th>{ "Change" }</th></tr></thead>
                        <tbody>{ for rows.rows.iter().map(|row| compare_row(row, section)) }</tbody>
                    </table>
                </div>
            }
        </div>
    }
}

fn compare_row(row: &Row, section: &'static str) -> Html {
    let time = row.time.as_ref();
    let reading = |side: Option<&crate::jose::compare::TimeReading>| {
        side.map(|reading| html! { <span class="compare-time">{ &reading.text }</span> })
    };
    let difference = time.and_then(|time| time.difference.as_ref());
    let change = match (row.change, row.respelled) {
        (Change::Same, true) => "same value, written differently",
        (Change::Same, false) => "same",
        (Change::Added, _) => "added in B",
        (Change::Removed, _) => "removed in B",
        (Change::Changed, _) => "changed",
    };
    html! {
        <tr class={classes!("compare-row", format!("compare-{}", row.change.code()))} data-testid="compare-row"
            data-claim={row.name.clone()} data-change={row.change.code()} data-section={section}>
            <th scope="row"><code>{ &row.name }</code></th>
            <td data-label="A">{ value(row.a.as_deref()) }{ reading(time.and_then(|t| t.a.as_ref())) }</td>
            <td data-label="B">{ value(row.b.as_deref()) }{ reading(time.and_then(|t| t.b.as_ref())) }</td>
            <td class="compare-change">
                { change }
                if let Some(difference) = difference {
                    <span class="compare-difference" data-testid="compare-difference">{ format!("B \u{2212} A: {}", difference.words) }</span>
                }
            </td>
        </tr>
    }
}

fn value(json: Option<&str>) -> Html {
    match json {
        Some(json) => html! { <code class="compare-value">{ json }</code> },
        None => html! { <span class="compare-absent">{ "absent" }</span> },
    }
}
