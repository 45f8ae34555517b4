//! An SD-JWT presentation (RFC 9901): the presentation colour-coded by part, each disclosure
//! with its claim, value, digest and where it is referenced, how many digests stay undisclosed,
//! the key binding JWT's check with the `cnf` key (and its `aud` and `nonce` against what the
//! verifier expects), and the processed payload. A JWS JSON serialization is shown as the
//! compact form its `sd_hash` covers.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::jose::sd_jwt::json::{JsonForm, Placement};
use crate::jose::sd_jwt::{
    typ_description, ClaimMatch, Disclosure, DisclosureState, Expectation, KbStatus, SdJwt,
    SegmentKind,
};

/// The presentation's card; `expected` is what the verifier expects of the key binding JWT.
pub fn sd_jwt_card(sd: &SdJwt, expected: &Expectation, on_expect: &Callback<Expectation>) -> Html {
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
            if let Some(form) = &sd.json {
                { json_form(form) }
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
            { key_binding(sd, expected, on_expect) }
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
    let salt = item
        .content
        .as_ref()
        .ok()
        .map(|content| content.salt.clone());
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
                    { format!(" at {location}") }
                }
            </span>
            if let Some(salt) = salt {
                <span class="sd-digest">{ "salt " }<code>{ salt }</code></span>
            }
            if let Some(digest) = &item.digest {
                <span class="sd-digest">{ "digest " }<code>{ digest }</code></span>
            }
        </li>
    }
}

fn json_form(form: &JsonForm) -> Html {
    let shape = match (form.flattened, form.signatures) {
        (true, _) => "a flattened JWS JSON serialization".to_owned(),
        (false, 1) => "a general JWS JSON serialization with one signature".to_owned(),
        (false, n) => format!("a general JWS JSON serialization with {n} signatures"),
    };
    let placement = match form.placement {
        Placement::Header => "header",
        Placement::TopLevel => "top-level",
        Placement::Headers => "headers",
    };
    let from = match form.signatures {
        1 => String::new(),
        _ => format!(", built with signature {}", form.bound + 1),
    };
    html! {
        <p class="sd-note" data-testid="sd-json-form" data-placement={placement}>
            { format!("Received as {shape}, its disclosures and key binding JWT {}. Shown below as the compact form the key binding's sd_hash covers (RFC 9901 §8.1){from}.", form.placement.describe()) }
        </p>
    }
}

fn key_binding(sd: &SdJwt, expected: &Expectation, on_expect: &Callback<Expectation>) -> Html {
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
    // A binding that holds but was made for another verifier or transaction is a refusal.
    let differing: Vec<&str> = jwt
        .map(|jwt| jwt.against(expected))
        .into_iter()
        .flatten()
        .filter(|(_, result)| matches!(result, ClaimMatch::Differs { .. }))
        .map(|(name, _)| name)
        .collect();
    let (words, class) = match (status, differing.is_empty()) {
        (KbStatus::Valid, false) => (
            format!(
                "Refuse for this verifier: the key binding's signature and sd_hash hold, but its {} {} not what you expect (a replay, or a presentation meant for another verifier).",
                differing.join(" and "),
                if differing.len() == 1 { "is" } else { "are" }
            ),
            "sd-kb-unexpected".to_owned(),
        ),
        _ => (words, format!("sd-kb-{}", status.code())),
    };
    let claims = jwt
        .and_then(|jwt| jwt.claims())
        .map(|claims| serde_json::to_string_pretty(claims).unwrap_or_default());
    let header = jwt
        .and_then(|jwt| jwt.decoded.header.as_ref().ok())
        .map(|header| serde_json::to_string_pretty(&header.json).unwrap_or_default());
    html! {
        <div class="sd-kb-box">
            <h3 class="sd-subtitle">{ "Key binding" }</h3>
            <p class={classes!("sd-kb-status", class)} data-testid="kb-status" data-status={status.code()}>
                { words }
            </p>
            if let Some(jwt) = jwt {
                <p class="sd-note">{ "Checked with the key in the issuer JWT's cnf claim, never with the key box." }</p>
                { expectation(jwt.against(expected), expected, on_expect) }
            }
            if let Some(header) = header {
                <p class="sd-kb-caption" aria-hidden="true">{ "KB-JWT header" }</p>
                <pre class="sd-json" data-testid="kb-header" tabindex="0" aria-label="The key binding JWT's header">{ header }</pre>
            }
            if let Some(claims) = claims {
                <p class="sd-kb-caption" aria-hidden="true">{ "KB-JWT claims" }</p>
                <pre class="sd-json" data-testid="kb-claims" tabindex="0" aria-label="The key binding JWT's claims">{ claims }</pre>
            }
        </div>
    }
}

/// The verifier's expected `aud` and `nonce`, each with how the KB-JWT's claim compares.
fn expectation(
    results: [(&'static str, ClaimMatch); 2],
    expected: &Expectation,
    on_expect: &Callback<Expectation>,
) -> Html {
    let field = |(name, result): (&'static str, ClaimMatch)| {
        let value = match name {
            "aud" => expected.aud.clone(),
            _ => expected.nonce.clone(),
        };
        let oninput = {
            let expected = expected.clone();
            on_expect.reform(move |event: InputEvent| {
                let text = event.target_unchecked_into::<HtmlInputElement>().value();
                let mut next = expected.clone();
                match name {
                    "aud" => next.aud = text,
                    _ => next.nonce = text,
                }
                next
            })
        };
        let words = match &result {
            ClaimMatch::Unchecked => "not checked (type what you expect)".to_owned(),
            ClaimMatch::Matches => "✓ matches".to_owned(),
            ClaimMatch::Differs { found: Some(found) } => {
                format!("✗ differs: the KB-JWT says {found}")
            }
            ClaimMatch::Differs { found: None } => "✗ differs: the KB-JWT has none".to_owned(),
        };
        let id = format!("kb-expected-{name}");
        html! {
            <div class="sd-expect-field">
                <label for={id.clone()}>{ format!("Expected {name}") }</label>
                <input id={id.clone()} type="text" data-testid={id} value={value} {oninput}
                       autocomplete="off" spellcheck="false" />
                <span class={classes!("sd-expect-result", format!("sd-expect-{}", result.code()))}
                      data-testid="kb-expect" data-claim={name} data-result={result.code()}>
                    { words }
                </span>
            </div>
        }
    };
    html! {
        <fieldset class="sd-expect">
            <legend title="RFC 9901 §7.3: a key binding JWT is for one verifier (aud) and one transaction (nonce)">{ "Your verifier's values" }</legend>
            { for results.into_iter().map(field) }
        </fieldset>
    }
}
