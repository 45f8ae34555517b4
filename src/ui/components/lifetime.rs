//! The token's life at a glance: iat, nbf and exp on a line, with a marker at the check time.
//! Drawn in SVG, whose geometry attributes the page's Content-Security-Policy allows (inline
//! styles it does not). Two drawings, a wide one and a narrow one for phones (CSS shows one),
//! keep the labels readable at either width; labels that would touch go on a second row.

use yew::prelude::*;

use crate::jose::claims::time::iso_utc;
use crate::jose::claims::Lifetime as Times;

/// Room kept at each end so labels fit, in SVG units.
const MARGIN: i64 = 40;
/// About the width of a label ("iat", "now") at the drawing's font size, in SVG units.
const LABEL: i64 = 56;
const TRACK_Y: i64 = 56;
/// The baselines of the two label rows above the track.
const ROWS: [i64; 2] = [20, 40];

#[derive(PartialEq, Properties)]
pub struct LifetimeProps {
    pub times: Times,
    /// The check time, Unix seconds.
    pub now: f64,
}

#[component]
pub fn Lifetime(props: &LifetimeProps) -> Html {
    html! {
        <div class="lifetime" data-testid="lifetime">
            { drawing(&props.times, props.now, 1000, "lifetime-wide") }
            { drawing(&props.times, props.now, 480, "lifetime-narrow") }
        </div>
    }
}

fn drawing(times: &Times, now: f64, width: i64, class: &'static str) -> Html {
    // The page shows this only for a token with times; without, the line spans just now.
    let (start, end) = times.span(now).unwrap_or((now, now));
    let span = (end - start).max(1.0);
    // Whole SVG units: integer formatting keeps float formatting code out of the page.
    let inner = (width - 2 * MARGIN) as f64;
    let x = |seconds: f64| MARGIN + ((seconds - start) / span * inner).round() as i64;
    let valid_from = times.nbf.or(times.iat);
    let window = match (valid_from, times.exp) {
        (Some(from), Some(to)) if to > from => Some((x(from), (x(to) - x(from)).max(1))),
        _ => None,
    };
    let mut marks: Vec<(&str, f64)> = [("iat", times.iat), ("nbf", times.nbf), ("exp", times.exp)]
        .into_iter()
        .filter_map(|(name, time)| time.map(|t| (name, t)))
        .collect();
    marks.sort_by(|a, b| a.1.total_cmp(&b.1));
    // Each label takes the first row where it clears the one before it.
    let mut row_ends = [i64::MIN; 2];
    let labelled: Vec<(&str, f64, i64)> = marks
        .into_iter()
        .map(|(name, t)| {
            let at = x(t);
            let row = row_ends
                .iter()
                .position(|end| at - LABEL >= *end)
                .unwrap_or(0);
            if let Some(end) = row_ends.get_mut(row) {
                *end = at;
            }
            (name, t, ROWS.get(row).copied().unwrap_or(20))
        })
        .chain(std::iter::once(("now", now, TRACK_Y + 30)))
        .collect();
    let view_box = format!("0 0 {width} 92");
    html! {
        <svg class={classes!("lifetime-drawing", class)} viewBox={view_box} role="img"
             aria-label="The token's lifetime and the check time">
            <line class="lifetime-track" x1={MARGIN.to_string()} y1={TRACK_Y.to_string()}
                  x2={(width - MARGIN).to_string()} y2={TRACK_Y.to_string()} />
            if let Some((left, wide)) = window {
                <rect class="lifetime-window" x={left.to_string()} y={(TRACK_Y - 7).to_string()} width={wide.to_string()} height="14" />
            }
            { for labelled.into_iter().map(|(name, t, label_y)| {
                let at = x(t).to_string();
                html! {
                    <g class={classes!("lifetime-mark", format!("lifetime-{name}"))} data-mark={name}>
                        <title>{ format!("{name} {}", iso_utc(t).unwrap_or_default()) }</title>
                        <line x1={at.clone()} y1={(TRACK_Y - 12).to_string()} x2={at.clone()} y2={(TRACK_Y + 12).to_string()} />
                        <text x={at} y={label_y.to_string()}>{ name }</text>
                    </g>
                }
            }) }
        </svg>
    }
}
