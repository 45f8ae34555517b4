//! The token's life at a glance: iat, nbf and exp on a line, with a marker at the check time.
//! Drawn in SVG, whose geometry attributes the page's Content-Security-Policy allows (inline
//! styles it does not).

use yew::prelude::*;

use crate::jose::claims::time::iso_utc;
use crate::jose::claims::Lifetime as Times;

/// Width of the drawing in SVG units; marks are placed within a margin so labels fit.
const WIDTH: f64 = 1000.0;
const MARGIN: f64 = 40.0;

#[derive(PartialEq, Properties)]
pub struct LifetimeProps {
    pub times: Times,
    /// The check time, Unix seconds.
    pub now: f64,
}

#[component]
pub fn Lifetime(props: &LifetimeProps) -> Html {
    // The page shows this only for a token with times; without, the line spans just now.
    let (start, end) = props
        .times
        .span(props.now)
        .unwrap_or((props.now, props.now));
    let span = (end - start).max(1.0);
    // Whole SVG units: integer formatting keeps float formatting code out of the page.
    let x =
        |seconds: f64| (MARGIN + (seconds - start) / span * (WIDTH - 2.0 * MARGIN)).round() as i64;
    let valid_from = props.times.nbf.or(props.times.iat);
    let window = match (valid_from, props.times.exp) {
        (Some(from), Some(to)) if to > from => Some((x(from), (x(to) - x(from)).max(1))),
        _ => None,
    };
    let marks = [
        ("iat", props.times.iat),
        ("nbf", props.times.nbf),
        ("exp", props.times.exp),
        ("now", Some(props.now)),
    ];
    html! {
        <svg class="lifetime" data-testid="lifetime" viewBox="0 0 1000 70" role="img"
             aria-label="The token's lifetime and the check time">
            <line class="lifetime-track" x1="40" y1="38" x2="960" y2="38" />
            if let Some((left, width)) = window {
                <rect class="lifetime-window" x={left.to_string()} y="31" width={width.to_string()} height="14" />
            }
            { for marks.into_iter().filter_map(|(name, time)| time.map(|t| html! {
                <g class={classes!("lifetime-mark", format!("lifetime-{name}"))} data-mark={name}>
                    <title>{ format!("{name} {}", iso_utc(t).unwrap_or_default()) }</title>
                    <line x1={x(t).to_string()} y1="26" x2={x(t).to_string()} y2="50" />
                    <text x={x(t).to_string()} y={if name == "now" { "68" } else { "20" }}>{ name }</text>
                </g>
            })) }
        </svg>
    }
}
