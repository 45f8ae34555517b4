//! A JWS JSON serialization's signatures: how many verify, and each one's verdict, key and
//! headers (protected, and the unprotected members that joined them).

use yew::prelude::*;

use crate::jose::json_view::pretty_text;
use crate::jose::jws_json::{any_pending, verified_count, JwsJson, Signature};
use crate::jose::status::{Status, Verification};

/// A plain view function: it has no state of its own.
pub fn jws_signatures(jws: &JwsJson, verdicts: &[Verification]) -> Html {
    let (valid, of) = verified_count(verdicts);
    let count = match any_pending(verdicts) {
        true => format!("{valid} of {of} verified so far; checking the rest…"),
        false => format!("{valid} of {of} verify"),
    };
    let form = match jws.flattened {
        true => "flattened JSON serialization",
        false => "general JSON serialization",
    };
    html! {
        <section class="card jws-signatures" data-testid="jws-signatures" aria-labelledby="jws-signatures-title">
            <h2 class="card-title" id="jws-signatures-title">{ "Signatures" }</h2>
            <p class="jws-count" data-testid="jws-count">{ format!("{count} ({form}).") }</p>
            <ol class="jws-list">
                { for jws.signatures.iter().zip(verdicts).enumerate().map(|(index, (signature, verdict))| one(index, signature, verdict)) }
            </ol>
        </section>
    }
}

fn one(index: usize, signature: &Signature, verdict: &Verification) -> Html {
    let header = signature.decoded.header.as_ref().ok();
    let member = |name: &str| {
        header
            .and_then(|header| header.json.get(name))
            .and_then(|value| value.as_str())
            .map(str::to_owned)
    };
    let alg = member("alg").unwrap_or_else(|| "no alg".to_owned());
    let kid = member("kid")
        .map(|kid| format!(", kid {kid:?}"))
        .unwrap_or_default();
    let reason = verdict.reason.as_ref().map(ToString::to_string);
    let said = match verdict.status {
        Status::Valid => {
            let key = match &verdict.verified_by {
                Some(key) => format!("Verified with key {}, {}", key.position, key.description),
                None => "Verified".to_owned(),
            };
            match verdict.strict.is_empty() {
                true => format!("{key}."),
                false => {
                    let problems: Vec<String> =
                        verdict.strict.iter().map(ToString::to_string).collect();
                    format!(
                        "{key}, but a careful verifier must refuse it: {}",
                        problems.join(" ")
                    )
                }
            }
        }
        Status::Invalid => "Does not match the key box.".to_owned(),
        Status::Pending => "Checking…".to_owned(),
        Status::NoKey => "No key given.".to_owned(),
        Status::Empty => String::new(),
        Status::Malformed | Status::KeyError | Status::Unsupported => {
            reason.unwrap_or_else(|| "It cannot be checked.".to_owned())
        }
    };
    let protected = header
        .map(|header| header.text.as_str())
        .filter(|text| !text.is_empty())
        .map(pretty_text);
    let unprotected = signature.unprotected_text();
    html! {
        <li class="jws-signature" data-testid="jws-signature" data-index={index.to_string()} data-status={verdict.status.as_str()}
            data-strict={(verdict.status == Status::Valid).then_some(if verdict.strict.is_empty() { "pass" } else { "fail" })}>
            <strong>{ format!("Signature {}: {alg}{kid}", index + 1) }</strong>
            <span class="jws-said">{ said }</span>
            if let Some(protected) = protected {
                <span class="jws-label">{ "Protected header" }</span>
                <pre class="jws-header" data-testid="jws-protected">{ protected }</pre>
            }
            if !unprotected.is_empty() {
                <span class="jws-label">{ "Unprotected header (not signed)" }</span>
                <pre class="jws-header" data-testid="jws-unprotected" tabindex="0" aria-label="Unprotected header">{ unprotected }</pre>
            }
        </li>
    }
}
