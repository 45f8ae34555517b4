//! Create a token: header and payload JSON, an algorithm and a signing key; the token is signed
//! (in the workshop worker) as any of them changes, and can be sent to the decoder to verify.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::encoder_encryption::encryption_controls;
use super::encoder_selective::selective_controls;
use crate::jose::alg::Alg;
use crate::jose::key::SecretEncoding;
use crate::jose::protocol::Signed;
use crate::ui::events::{on_choice, on_text};
use crate::ui::state::encoder::{Edit, Encoder as State, Output};

#[derive(PartialEq, Properties)]
pub struct EncoderProps {
    pub encoder: State,
    /// The page's clock, Unix seconds, for the time helpers.
    pub now: f64,
    pub on_edit: Callback<Edit>,
    pub on_send: Callback<()>,
}

#[component]
pub fn Encoder(props: &EncoderProps) -> Html {
    let text_edit = |make: fn(String) -> Edit| on_text(&props.on_edit, make);
    let on_alg = on_choice(&props.on_edit, |name| Alg::from_name(name).map(Edit::Alg));
    let on_encoding = on_choice(&props.on_edit, |name| {
        SecretEncoding::from_name(name).map(Edit::Encoding)
    });
    let on_send = {
        let on_send = props.on_send.clone();
        Callback::from(move |_: MouseEvent| on_send.emit(()))
    };
    let on_allow_weak = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            on_edit.emit(Edit::AllowWeak(input.checked()));
        })
    };
    let encoder = &props.encoder;
    let lifetime = use_state(|| LIFETIMES.get(1).map_or(3600, |(seconds, _)| *seconds));
    let on_lifetime = {
        let lifetime = lifetime.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(seconds) = select.value().parse() {
                lifetime.set(seconds);
            }
        })
    };
    let now = props.now as i64;
    let stamp = |claim: &'static str, offset: i64| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(Edit::Time {
                claim,
                at: now + offset,
            })
        })
    };
    html! {
        <div class="encoder">
          <section class="card encoder-inputs" aria-label="Header and payload">
            <h2 class="card-title">{ "Header and payload" }</h2>
            <label class="encoder-label" for="encoder-header">{ "Header" }</label>
            <textarea id="encoder-header" class="encoder-area part-header" data-testid="encoder-header" spellcheck="false"
                      value={encoder.header.clone()} oninput={text_edit(Edit::Header)} />
            <label class="encoder-label" for="encoder-payload">{ "Payload" }</label>
            <textarea id="encoder-payload" class="encoder-area part-payload" data-testid="encoder-payload" spellcheck="false"
                      value={encoder.payload.clone()} oninput={text_edit(Edit::Payload)} />
            <div class="encoder-row">
                <button type="button" class="encoder-time" data-testid="encoder-iat-now" onclick={stamp("iat", 0)}>{ "iat = now" }</button>
                <button type="button" class="encoder-time" data-testid="encoder-nbf-now" onclick={stamp("nbf", 0)}>{ "nbf = now" }</button>
                <button type="button" class="encoder-time" data-testid="encoder-exp-set" onclick={stamp("exp", *lifetime)}>{ "exp = now +" }</button>
                <select aria-label="Lifetime" data-testid="encoder-exp-lifetime" onchange={on_lifetime}>
                    { for LIFETIMES.iter().map(|(seconds, label)| html! {
                        <option value={seconds.to_string()} selected={*seconds == *lifetime}>{ *label }</option>
                    }) }
                </select>
            </div>
            { hints(encoder) }
          </section>
          <section class="card encoder-signing" aria-label="Sign">
            <h2 class="card-title">{ "Sign" }</h2>
            <div class="encoder-row">
                <label class="encoder-label" for="encoder-alg">{ "Algorithm" }</label>
                <select id="encoder-alg" data-testid="encoder-alg" onchange={on_alg}>
                    { for Alg::ALL.iter().filter(|alg| **alg != Alg::None).map(|alg| html! {
                        <option value={alg.name()} selected={*alg == encoder.alg}>{ alg.name() }</option>
                    }) }
                </select>
                <label class="encoder-label" for="encoder-encoding">{ "Secret encoding" }</label>
                <select id="encoder-encoding" data-testid="encoder-encoding" onchange={on_encoding}>
                    { for SecretEncoding::ALL.iter().map(|encoding| html! {
                        <option value={encoding.as_str()} selected={*encoding == encoder.encoding}>{ encoding.label() }</option>
                    }) }
                </select>
            </div>
            <label class="encoder-label" for="encoder-key">{ "Signing key" }</label>
            <textarea id="encoder-key" class="encoder-area encoder-key" data-testid="encoder-key" spellcheck="false"
                      autocomplete="off" placeholder="An HMAC secret, a PEM private key (PKCS#8, PKCS#1, SEC1), or a private JWK"
                      value={encoder.key.expose().to_owned()} oninput={text_edit(|text| Edit::Key(text.into()))} />
            <label class="encoder-check">
                <input type="checkbox" data-testid="encoder-allow-weak" checked={encoder.allow_weak} onchange={on_allow_weak} />
                { " Allow weak keys (testing only): sign with HMAC secrets shorter than the hash and RSA under 2048 bits" }
            </label>
            { selective_controls(&encoder.selective, &props.on_edit) }
            { encryption_controls(&encoder.encryption, &props.on_edit) }
          </section>
          <section class="card encoder-output" aria-label="Signed token">
            <div class="card-head">
                <h2 class="card-title">{ "Token" }</h2>
                <div class="card-tools">
                    if let Output::Signed(signed) = &encoder.output {
                        <CopyButton text={signed.token.clone()} testid="copy-encoder-token" label="Copy the token" />
                    }
                </div>
            </div>
            { output(&encoder.output, on_send) }
          </section>
        </div>
    }
}

/// The lifetimes the `exp` helper offers, in seconds.
const LIFETIMES: [(i64, &str); 5] = [
    (300, "5 minutes"),
    (3600, "1 hour"),
    (86_400, "1 day"),
    (7 * 86_400, "7 days"),
    (30 * 86_400, "30 days"),
];

/// What the payload's registered and common claims mean.
fn hints(encoder: &State) -> Html {
    let hints = encoder.claim_hints();
    if hints.is_empty() {
        return html! {};
    }
    html! {
        <ul class="encoder-hints" data-testid="encoder-hints">
            { for hints.into_iter().map(|(name, described)| html! {
                <li data-claim={name.clone()}>
                    <code>{ name }</code>{ " " }{ described.description }{ " " }
                    <a href={described.url} target="_blank" rel="noopener noreferrer">{ described.spec }</a>
                </li>
            }) }
        </ul>
    }
}

fn output(output: &Output, on_send: Callback<MouseEvent>) -> Html {
    match output {
        Output::NoKey => {
            html! { <p class="encoder-note" data-testid="encoder-status" data-state="no-key">{ "Enter a signing key to create the token." }</p> }
        }
        Output::NoRecipient => html! {
            <p class="encoder-note" data-testid="encoder-status" data-state="no-key">{ "Enter the recipient's key to encrypt the token." }</p>
        },
        Output::Signing => {
            html! { <p class="encoder-note" data-testid="encoder-status" data-state="signing">{ "Signing…" }</p> }
        }
        Output::Invalid(why) | Output::Refused(why) => html! {
            <p class="encoder-error" data-testid="encoder-status" data-state="error" role="alert">{ why }</p>
        },
        Output::Signed(Signed {
            token,
            inner,
            decrypt_key,
            ..
        }) => {
            let parts: Vec<&str> = token.split('.').collect();
            let class: &[&str] = match inner {
                Some(_) => &[
                    "part-header",
                    "part-encrypted-key",
                    "part-iv",
                    "part-ciphertext",
                    "part-tag",
                ],
                None => &["part-header", "part-payload", "part-signature"],
            };
            let (send, note) = match (inner, decrypt_key) {
                (None, _) => ("Verify it in the decoder", Some("Opens the decoder with this token and its key; your token there can be restored.")),
                (Some(_), Some(_)) => ("Decrypt and verify it in the decoder", None),
                (Some(_), None) => (
                    "Open it in the decoder",
                    Some("Encrypted to a public key: the decoder needs the recipient's private key to decrypt it."),
                ),
            };
            html! {
                <>
                    <pre class="encoder-token" data-testid="encoder-token" data-state="signed">
                        { for parts.iter().enumerate().map(|(index, part)| html! {
                            <>
                                if index > 0 { <span class="encoded-dot">{ "." }</span> }
                                <span class={classes!("encoded-part", class.get(index).copied())}>{ *part }</span>
                            </>
                        }) }
                    </pre>
                    if let Some(note) = note {
                        <p class="encoder-note">{ note }</p>
                    }
                    <button type="button" class="encoder-send" data-testid="encoder-send" onclick={on_send}>
                        { send }
                    </button>
                </>
            }
        }
    }
}
