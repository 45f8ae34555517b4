//! An SD-JWT presentation (RFC 9901): the presentation colour-coded by part, each disclosure
//! with its claim, value, digest and where it is referenced, how many digests stay undisclosed,
//! the key binding JWT's check with the `cnf` key, and the processed payload.

use yew::prelude::*;

use crate::jose::sd_jwt::{
    typ_description, Disclosure, DisclosureState, KbStatus, SdJwt, SegmentKind,
};

/// The presentation's card.
pub fn sd_jwt_card(sd: &SdJwt) -> Html {
    let typ = sd.typ().map(|typ| {
        let words = typ_description(typ).unwrap_or("a type this page does not know");
        format!("typ {typ}: {words}")
    });
    let undisclosed = sd.undisclosed();
    let processed = sd
        .processed
        .as_ref()
        .map(|processed| serde_json::to_string_pretty(&processed.claims).unwrap_or_default());
    html! {
        <section class="card sd" data-testid="sd-jwt" aria-labelledby="sd-title">
            <h2 class="card-title" id="sd-title">{ "SD-JWT presentation" }</h2>
            if let Some(typ) = typ {
                <p class="sd-typ">{ typ }</p>
            }
            <ul class="encoded-legend" aria-hidden="true">
                <li class="encoded-legend-item sd-issuer">{ "Issuer JWT" }</li>
                <li class="encoded-legend-item sd-disclosure-part">{ "Disclosures" }</li>
                <li class="encoded-legend-item sd-kb">{ "Key binding JWT" }</li>
            </ul>
            <p class="encoded-text sd-text" data-testid="sd-parts" tabindex="0" aria-label="The presentation by part">
                { for sd.segments.iter().map(|segment| {
                    let text = sd.text.get(segment.range.clone()).unwrap_or_default().to_owned();
                    let class = match segment.kind {
                        SegmentKind::IssuerJwt => "sd-issuer",
                        SegmentKind::Disclosure(_) => "sd-disclosure-part",
                        SegmentKind::KeyBindingJwt => "sd-kb",
                        SegmentKind::Separator => "encoded-dot",
                    };
                    html! { <span class={class}>{ text }</span> }
                }) }
            </p>
            <h3 class="sd-subtitle">{ format!("Disclosures ({})", sd.disclosures.len()) }</h3>
            if sd.disclosures.is_empty() {
                <p class="sd-note">{ "None: this presentation discloses no selectively disclosable claim." }</p>
            } else {
                <ol class="sd-list">{ for sd.disclosures.iter().map(disclosure) }</ol>
            }
            <p class="sd-note" data-testid="sd-undisclosed" data-count={undisclosed.to_string()}>
                { match undisclosed {
                    0 => "Every digest in the issuer JWT is disclosed.".to_owned(),
                    n => format!("{n} digest{} left undisclosed: claims the holder did not show, or decoys (the two cannot be told apart).", if n == 1 { "" } else { "s" }),
                } }
            </p>
            { key_binding(sd) }
            if let Some(json) = processed {
                <details class="sd-processed">
                    <summary>{ "Processed payload (JSON): the issuer's claims with the disclosures in place" }</summary>
                    <pre class="sd-json" data-testid="sd-payload-json" tabindex="0">{ json }</pre>
                </details>
            }
        </section>
    }
}

fn disclosure(item: &Disclosure) -> Html {
    let state = item.state.code();
    let (name, what) = match &item.content {
        Ok(content) => {
            let value = serde_json::to_string(&content.value).unwrap_or_default();
            match &content.name {
                Some(name) => (name.clone(), format!("{name} = {value}")),
                None => (String::new(), format!("array element {value}")),
            }
        }
        Err(malformed) => (String::new(), malformed.describe()),
    };
    let state_words = match &item.state {
        DisclosureState::Referenced => "referenced",
        DisclosureState::Unreferenced => {
            "not referenced by any digest: it discloses nothing the issuer signed"
        }
        DisclosureState::Duplicate => "a duplicate",
        DisclosureState::Malformed(_) => "malformed",
        DisclosureState::Unchecked => "not checked (unsupported _sd_alg)",
    };
    html! {
        <li class={classes!("sd-item", format!("sd-{state}"))} data-testid="sd-disclosure" data-state={state} data-claim={name}>
            <code class="sd-claim">{ what }</code>
            <span class="sd-meta">
                { state_words }
                if let Some(location) = &item.location {
                    { format!(", at {location}") }
                }
            </span>
            if let Some(digest) = &item.digest {
                <span class="sd-digest">{ "digest " }<code>{ digest }</code></span>
            }
        </li>
    }
}

fn key_binding(sd: &SdJwt) -> Html {
    let status = &sd.key_binding.status;
    let words = match status {
        KbStatus::Valid => "Key binding verified: the KB-JWT's signature matches the issuer JWT's cnf key and its sd_hash covers this presentation.".to_owned(),
        KbStatus::Invalid => "Key binding fails: the KB-JWT's signature does not match the cnf key.".to_owned(),
        KbStatus::Missing => "No key binding JWT, though the issuer JWT names a cnf key: a verifier that requires key binding must refuse.".to_owned(),
        KbStatus::NotRequired => "No key binding JWT, and none is asked for (no cnf).".to_owned(),
        KbStatus::NoCnf => "A key binding JWT, but the issuer JWT has no cnf.jwk to check it with.".to_owned(),
        KbStatus::SdHashMismatch => "Key binding fails: its sd_hash is not the hash of this presentation.".to_owned(),
        KbStatus::BadTyp => "Key binding fails: its typ is not kb+jwt.".to_owned(),
        KbStatus::Pending => "Checking the key binding JWT's signature…".to_owned(),
        other => format!("Key binding fails ({}).", other.code()),
    };
    let jwt = sd.key_binding.jwt.as_ref();
    let claims = jwt
        .and_then(|jwt| jwt.claims())
        .map(|claims| serde_json::to_string_pretty(claims).unwrap_or_default());
    html! {
        <div class="sd-kb-box">
            <h3 class="sd-subtitle">{ "Key binding" }</h3>
            <p class={classes!("sd-kb-status", format!("sd-kb-{}", status.code()))} data-testid="kb-status" data-status={status.code()}>
                { words }
            </p>
            if jwt.is_some() {
                <p class="sd-note">{ "Checked with the key in the issuer JWT's cnf claim, never with the key box." }</p>
            }
            if let Some(claims) = claims {
                <pre class="sd-json" data-testid="kb-claims" tabindex="0">{ claims }</pre>
            }
        </div>
    }
}
