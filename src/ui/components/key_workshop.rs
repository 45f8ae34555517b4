//! The key workshop: make a key of any kind the page verifies, or paste one to see it in every
//! form. The work runs in the workshop worker, so an RSA key never freezes the page.

use yew::prelude::*;

use super::key_forms::KeyForms;
use crate::jose::human::duration_millis;
use crate::jose::key::SecretEncoding;
use crate::jose::keygen::KeyKind;
use crate::ui::events::{on_choice, on_text};
use crate::ui::hooks::use_clock::now_exact as now;
use crate::ui::state::workshop::{Edit, Job, Workshop};

/// What the view shows.
pub struct KeyWorkshopProps {
    pub workshop: Workshop,
    /// The page's clock (Unix seconds) while a job runs, to say how long it has taken.
    pub now: Option<f64>,
    pub on_edit: Callback<Edit>,
    /// Makes the generated key the encoder's signing key.
    pub on_sign_with: Callback<()>,
}

/// A plain view function rather than a component: it has no state of its own, and each
/// component costs the page about 1.5 KB of WebAssembly.
pub fn key_workshop(props: &KeyWorkshopProps) -> Html {
    let on_kind = on_choice(&props.on_edit, |name| {
        KeyKind::from_name(name).map(Edit::Kind)
    });
    let on_run = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(Edit::Generate { now: now() }))
    };
    let on_convert_input = on_text(&props.on_edit, |text| Edit::ConvertInput {
        text: text.into(),
        now: now(),
    });
    let on_convert_encoding = on_choice(&props.on_edit, |name| {
        SecretEncoding::from_name(name).map(|encoding| Edit::ConvertEncoding {
            encoding,
            now: now(),
        })
    });
    let on_sign_with = {
        let on_sign_with = props.on_sign_with.clone();
        Callback::from(move |_: MouseEvent| on_sign_with.emit(()))
    };
    let workshop = &props.workshop;
    let working = matches!(workshop.generated, Job::Working { .. });
    html! {
        <div class="workshop">
          <section class="card workshop-make" aria-label="Make a key">
            <h2 class="card-title">{ "Make a key" }</h2>
            <p class="workshop-note">{ "Keys are made with your browser's cryptographic randomness and never leave the page." }</p>
            <div class="workshop-row">
                <label class="workshop-label" for="keygen-type">{ "Kind" }</label>
                <select id="keygen-type" data-testid="keygen-type" onchange={on_kind}>
                    { for KeyKind::ALL.iter().map(|kind| html! {
                        <option value={kind.name()} selected={*kind == workshop.kind}>{ label(*kind) }</option>
                    }) }
                </select>
                <button type="button" class="workshop-button" data-testid="keygen-run" onclick={on_run}>
                    { if working { "Generating…" } else { "Generate" } }
                </button>
            </div>
            { status("keygen", &workshop.generated, props.now, "Generating") }
            if let Job::Done { forms, .. } = &workshop.generated {
                <KeyForms forms={forms.clone()} prefix="keygen" />
                <button type="button" class="workshop-button" data-testid="keygen-use" onclick={on_sign_with}>
                    { "Sign with this key in the encoder" }
                </button>
            }
          </section>
          <section class="card workshop-convert" aria-label="Convert a key">
            <h2 class="card-title"><label for="convert-input">{ "Convert a key" }</label></h2>
            <textarea id="convert-input" class="workshop-area" data-testid="convert-input" spellcheck="false"
                      autocomplete="off" placeholder="A PEM key or certificate, a JWK or JWK Set, or a secret: see it as PEM and JWK with its thumbprint"
                      value={workshop.convert_input.expose().to_owned()} oninput={on_convert_input} />
            <div class="workshop-row">
                <label class="workshop-label" for="convert-encoding">{ "Secret encoding" }</label>
                <select id="convert-encoding" data-testid="convert-encoding" onchange={on_convert_encoding}>
                    { for SecretEncoding::ALL.iter().map(|encoding| html! {
                        <option value={encoding.as_str()} selected={*encoding == workshop.convert_encoding}>{ encoding.label() }</option>
                    }) }
                </select>
            </div>
            { status("convert", &workshop.converted, props.now, "Reading") }
            if let Job::Done { forms, .. } = &workshop.converted {
                <KeyForms forms={forms.clone()} prefix="convert" />
            }
          </section>
        </div>
    }
}

/// "RSA 2048-bit", "HMAC secret, 256 bits", "EC P-256" …
fn label(kind: KeyKind) -> String {
    match kind {
        KeyKind::Oct(hash) => format!(
            "HMAC secret, {} bits ({})",
            8 * hash.output_len(),
            kind.alg().name()
        ),
        KeyKind::Rsa(size) => format!("RSA {}-bit", size.bits()),
        KeyKind::Ec(curve) => format!("EC {} ({})", curve.jwk_name(), kind.alg().name()),
        KeyKind::Ed25519 => "Ed25519 (EdDSA)".to_owned(),
        KeyKind::MlDsa(set) => format!("{} (post-quantum, FIPS 204)", set.name()),
        KeyKind::Ed448 => "Ed448 (EdDSA)".to_owned(),
    }
}

/// The job's state line: `data-state` = `idle` | `working` | `done` | `error`.
fn status(prefix: &str, job: &Job, now: Option<f64>, doing: &str) -> Html {
    let testid = format!("{prefix}-status");
    match job {
        Job::Idle => html! {},
        Job::Working { since } => {
            // Whole numbers only: formatting floats would pull the float printer into the page.
            let seconds = now.map_or(0.0, |now| (now - since).max(0.0)) as u64;
            html! {
                <p class="workshop-status" data-testid={testid} data-state="working">
                    <progress class="workshop-progress" aria-label={doing.to_owned()} />
                    { format!(" {doing}… {seconds} s, in a background worker: the page stays usable.") }
                </p>
            }
        }
        Job::Done { millis, .. } => {
            let whole = millis.round() as u64;
            html! {
                <p class="workshop-status" data-testid={testid} data-state="done" data-millis={whole.to_string()}>
                    { format!("Done in {}.", duration_millis(*millis)) }
                </p>
            }
        }
        Job::Failed(reason) => html! {
            <p class="workshop-error" data-testid={testid} data-state="error" role="alert">{ reason }</p>
        },
    }
}
