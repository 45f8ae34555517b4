//! The verdict for an encrypted token: decrypted with which key and algorithms, or the step
//! where it stopped, or why it cannot be decrypted. `data-status` is the page's test contract.

use yew::prelude::*;

use super::verdict::Look;
use crate::jose::jwe::decrypt::FailedStep;
use crate::jose::status::Status;
use crate::ui::state::encrypted::{Decryption, Encrypted};

/// What the view shows.
pub struct EncryptedVerdictProps {
    pub encrypted: Encrypted,
}

/// A plain view function rather than a component: it has no state of its own, and each
/// component costs the page about 1.5 KB of WebAssembly.
pub fn encrypted_verdict(props: &EncryptedVerdictProps) -> Html {
    let verdict = &props.encrypted.verdict;
    let (headline, detail, look) = match verdict {
        Decryption::NoKey => (
            "Encrypted token: enter the decryption key".to_owned(),
            Some("A secret, password, PEM private key, private JWK or JWK Set; it stays in this page.".to_owned()),
            Look::NoKey,
        ),
        Decryption::Pending => ("Decrypting…".to_owned(), None, Look::Pending),
        Decryption::Decrypted(opened) => {
            let key = match &opened.kid {
                Some(kid) => format!("key {} (kid {kid:?})", opened.key_position),
                None => format!("key {}", opened.key_position),
            };
            (
                "Decrypted".to_owned(),
                Some(format!("With {key}: {} for the content key, {} for the content.", opened.alg.name(), opened.enc.name())),
                Look::Valid,
            )
        }
        Decryption::Invalid { step } => ("Not decrypted".to_owned(), Some(step_reason(step).to_owned()), Look::Invalid),
        Decryption::Refused { status, reason } => {
            let headline = match status {
                Status::KeyError => "The key cannot be used",
                Status::Unsupported => "Not decryptable here",
                _ => "The token cannot be decrypted",
            };
            (headline.to_owned(), Some(reason.clone()), Look::KeyError)
        }
    };
    let notes = match verdict {
        Decryption::Decrypted(opened) => opened.notes.clone(),
        _ => Vec::new(),
    };
    html! {
        <div class={classes!("verdict", look.class())}
             data-testid="verify-status" data-status={verdict.as_str().to_owned()} role="status" aria-live="polite">
            <span class="verdict-sign" aria-hidden="true">{ look.sign() }</span>
            <div class="verdict-body">
                <strong class="verdict-headline">{ headline }</strong>
                if let Some(detail) = detail {
                    <span class="verdict-detail">{ detail }</span>
                }
                { for notes.iter().map(|note| html! { <span class="verdict-note">{ note }</span> }) }
            </div>
        </div>
    }
}

/// What the failed step tells the key holder, and no more (the page is no oracle).
fn step_reason(step: &FailedStep) -> &'static str {
    match step {
        FailedStep::KeyUnwrap => {
            "The key did not unwrap the content key: a different key, or an altered encrypted key."
        }
        FailedStep::Tag => {
            "The authentication tag does not match: a different key, or an altered token."
        }
        FailedStep::Inflate => "The content is authentic but is not valid DEFLATE data (zip: DEF).",
        FailedStep::InflateLimit => {
            "The content inflates beyond 4 MiB, the most this page inflates."
        }
    }
}
