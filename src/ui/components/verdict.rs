//! The verdict in words and colour, with the key that verified and any strict objections.
//! `data-status` and `data-strict` are the page's test contract.

use std::rc::Rc;

use yew::prelude::*;

use crate::jose::detached::PayloadSource;
use crate::jose::error::Error;
use crate::jose::key::common_name;
use crate::jose::status::{Status, Verification, VerifiedKey};

#[derive(PartialEq, Properties)]
pub struct VerdictProps {
    pub verification: Rc<Verification>,
    /// Unix seconds, to say whether a certificate the key came from has expired.
    #[prop_or_default]
    pub now: Option<i64>,
    /// `verify-status`, or `inner-verify-status` for the token inside a JWE.
    #[prop_or(AttrValue::Static("verify-status"))]
    pub testid: AttrValue,
    /// The decoding problem is already shown beside the token: the verdict does not repeat it.
    #[prop_or_default]
    pub decode_error_shown: bool,
    /// A JWS JSON serialization's count: how many signatures verify, of how many, and whether
    /// some are still being checked.
    #[prop_or_default]
    pub signatures: Option<(usize, usize, bool)>,
    /// For a token whose content is detached or unencoded: the payload it was checked over.
    #[prop_or_default]
    pub payload: Option<PayloadSource>,
}

/// The looks a verdict can have, each its own colour (the class `verdict-…`) and sign; the
/// encrypted token's verdict shares them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Valid,
    /// The signature matches, yet a careful verifier must refuse the token.
    Refuse,
    Invalid,
    Malformed,
    KeyError,
    Pending,
    NoKey,
    /// A prompt, not a verdict: quieter than any.
    Empty,
}

impl Look {
    fn of(status: Status, strict_ok: bool) -> Look {
        match status {
            Status::Valid if strict_ok => Look::Valid,
            Status::Valid => Look::Refuse,
            Status::Invalid => Look::Invalid,
            Status::Malformed => Look::Malformed,
            Status::KeyError | Status::Unsupported => Look::KeyError,
            Status::Pending => Look::Pending,
            Status::NoKey => Look::NoKey,
            Status::Empty => Look::Empty,
        }
    }

    /// The verdict's class: `verdict-valid`, `verdict-refuse` …
    pub fn class(self) -> &'static str {
        match self {
            Look::Valid => "verdict-valid",
            Look::Refuse => "verdict-refuse",
            Look::Invalid => "verdict-invalid",
            Look::Malformed => "verdict-malformed",
            Look::KeyError => "verdict-key-error",
            Look::Pending => "verdict-pending",
            Look::NoKey => "verdict-no-key",
            Look::Empty => "verdict-empty",
        }
    }

    /// The sign drawn beside the verdict.
    pub fn sign(self) -> &'static str {
        match self {
            Look::Valid => "✓",
            Look::Invalid | Look::Malformed => "✗",
            Look::Pending => "…",
            Look::NoKey | Look::Empty => "?",
            Look::Refuse | Look::KeyError => "!",
        }
    }
}

#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let verification = &props.verification;
    let status = verification.status;
    let strict_ok = verification.strict.is_empty();
    let reason = verification.reason.as_ref().map(ToString::to_string);
    // Detached content without its payload is a prompt, as a missing key is.
    let waits_for_payload = verification.reason == Some(Error::DetachedPayloadMissing);
    let (headline, detail) = match status {
        Status::Empty => ("Paste a token to decode and verify it".to_owned(), None),
        Status::Malformed if waits_for_payload => (
            "Give the detached payload to verify".to_owned(),
            reason,
        ),
        Status::Malformed if props.decode_error_shown => (
            "The token cannot be verified".to_owned(),
            Some("It does not decode: the problem is shown under the token.".to_owned()),
        ),
        Status::Malformed => ("The token cannot be verified".to_owned(), reason),
        Status::NoKey => ("Enter a secret or public key to verify".to_owned(), None),
        Status::KeyError => ("The key cannot be used".to_owned(), reason),
        Status::Unsupported => ("Not verifiable here".to_owned(), reason),
        Status::Valid if strict_ok => ("Signature verified".to_owned(), None),
        Status::Valid => (
            "Signature matches, but refuse this token".to_owned(),
            Some("The key produced this signature, yet a careful verifier must still reject the token:".to_owned()),
        ),
        Status::Pending => ("Checking the signature…".to_owned(), None),
        Status::Invalid => (
            "Invalid signature".to_owned(),
            Some(mismatch(verification.tried)),
        ),
    };
    let strict = (status == Status::Valid).then_some(if strict_ok { "pass" } else { "fail" });
    let look = match waits_for_payload {
        true => Look::NoKey,
        false => Look::of(status, strict_ok),
    };
    html! {
        <div class={classes!("verdict", look.class())}
             data-testid={props.testid.clone()} data-status={status.as_str()} data-strict={strict}
             role="status" aria-live="polite">
            <span class="verdict-sign" aria-hidden="true">{ look.sign() }</span>
            <div class="verdict-body">
                <strong class="verdict-headline">{ headline }</strong>
                if let Some(detail) = detail {
                    <span class="verdict-detail">{ detail }</span>
                }
                if let Some((valid, of, checking)) = props.signatures {
                    <span class="verdict-detail" data-testid="verify-signatures">
                        { match checking {
                            true => format!("{valid} of {of} signatures verified so far; checking the rest."),
                            false => format!("{valid} of {of} signatures verify."),
                        } }
                    </span>
                }
                if let (Some(source), true) = (&props.payload, checked(status)) {
                    { checked_over(source) }
                }
                if !verification.strict.is_empty() {
                    <ul class="verdict-strict" data-testid="strict-problems">
                        { for verification.strict.iter().map(|problem| html! {
                            <li data-testid="strict-problem" data-code={problem.code()}>{ problem.to_string() }</li>
                        }) }
                    </ul>
                }
                if let Some(key) = &verification.verified_by {
                    { verified_by(key, verification.tried, props.now) }
                }
            </div>
        </div>
    }
}

/// Whether the signature was checked, so the payload it was checked over is worth naming.
fn checked(status: Status) -> bool {
    match status {
        Status::Valid | Status::Invalid | Status::Pending => true,
        Status::Empty
        | Status::Malformed
        | Status::NoKey
        | Status::KeyError
        | Status::Unsupported => false,
    }
}

/// Which payload the signature was checked over: the token's, or the payload box's.
fn checked_over(source: &PayloadSource) -> Html {
    let (name, words) = match source {
        PayloadSource::Token => ("token", "Checked over the payload in the token.".to_owned()),
        PayloadSource::Given { encoding, bytes } => (
            encoding.as_str(),
            format!(
                "Checked over the payload box's {bytes} byte{}, read as {}.",
                if *bytes == 1 { "" } else { "s" },
                encoding.as_str()
            ),
        ),
    };
    html! {
        <span class="verdict-detail" data-testid="verify-payload" data-source={name}>{ words }</span>
    }
}

fn mismatch(tried: usize) -> String {
    match tried {
        0 | 1 => "The signature does not match this key.".to_owned(),
        many => format!("The signature matches none of the {many} keys that fit."),
    }
}

/// Which key verified: named by position and kid only where there was a choice or a kid, and
/// described unless it is a secret (whose length the key box already says).
fn verified_by(key: &VerifiedKey, tried: usize, now: Option<i64>) -> Html {
    let name = match &key.kid {
        Some(kid) => Some(format!(
            "Verified with key {} (kid {kid:?}), {}",
            key.position, key.description
        )),
        None if tried > 1 || key.position > 1 => Some(format!(
            "Verified with key {}, {}",
            key.position, key.description
        )),
        None => None,
    };
    let certificate = key.certificate.as_ref().map(|cert| {
        let state = match now {
            Some(now) if cert.is_expired_at(now) => " The certificate has expired.",
            Some(now) if cert.is_not_yet_valid_at(now) => " The certificate is not valid yet.",
            _ => "",
        };
        format!(
            "From the certificate of {}, issued by {}.{state}",
            cert.subject_name(),
            cert.issuer_name()
        )
    });
    html! {
        <div class="verdict-key" data-testid="verified-key">
            if let Some(name) = name {
                <span>{ name }</span>
            }
            <span class="verdict-thumbprint">{ "RFC 7638 thumbprint: " }<code data-testid="verified-thumbprint">{ &key.thumbprint }</code></span>
            if let Some(certificate) = certificate {
                <span class="verdict-certificate">{ certificate }</span>
            }
            if let Some(anchor) = &key.anchor {
                <span class="verdict-certificate" data-testid="verified-anchor">
                    { format!("Its chain reaches your trust anchor {}.", common_name(anchor).unwrap_or_else(|| anchor.clone())) }
                </span>
            }
        </div>
    }
}
