//! The verdict in words and colour; `data-status` is the page's test contract.

use yew::prelude::*;

use crate::jose::status::{Status, Verification};

#[derive(PartialEq, Properties)]
pub struct VerdictProps {
    pub verification: Verification,
}

#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let status = props.verification.status;
    let reason = props.verification.reason.as_ref().map(ToString::to_string);
    let (headline, detail) = match status {
        Status::Empty => ("Paste a token to decode and verify it".to_owned(), None),
        Status::Malformed => ("The token cannot be verified".to_owned(), reason),
        Status::NoKey => ("Enter a secret to verify".to_owned(), None),
        Status::KeyError => ("The key cannot be used".to_owned(), reason),
        Status::Unsupported => ("Not verifiable here".to_owned(), reason),
        Status::Valid => ("Signature verified".to_owned(), None),
        Status::Invalid => (
            "Invalid signature".to_owned(),
            Some("The signature does not match this key.".to_owned()),
        ),
    };
    html! {
        <div class={classes!("verdict", format!("verdict-{}", status.as_str()))}
             data-testid="verify-status" data-status={status.as_str()} role="status" aria-live="polite">
            <strong class="verdict-headline">{ headline }</strong>
            if let Some(detail) = detail {
                <span class="verdict-detail">{ detail }</span>
            }
        </div>
    }
}
