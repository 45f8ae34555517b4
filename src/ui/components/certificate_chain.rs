//! The token's `x5c` chain: every certificate with its subject, issuer, validity at the check
//! time, key and SHA-256 fingerprint, the check of its link to the one above it, where the
//! chain ends (a trust anchor from the key box, or none), and the `x5t` thumbprints. Nothing
//! is fetched, so nothing is checked for revocation.

use yew::prelude::*;

use crate::jose::chain::{Chain, ChainCertificate, ChainStatus, Issuer, ThumbprintResult};
use crate::jose::claims::time::iso_utc;
use crate::jose::inspection::ChainCheck;
use crate::jose::key::common_name;

/// The chain's card; `checking` while its links wait on the platform.
pub fn certificate_chain(check: &ChainCheck) -> Html {
    let Some(chain) = check.checked() else {
        return html! {
            <section class="card chain" data-testid="x5c-chain" data-chain="checking" aria-label="Certificate chain">
                <h2 class="card-title">{ "Certificate chain (x5c)" }</h2>
                <p class="chain-note">{ "Checking the chain's signatures…" }</p>
            </section>
        };
    };
    html! {
        <section class={classes!("card", "chain", format!("chain-{}", chain.code()))} data-testid="x5c-chain"
                 data-chain={chain.code()} aria-label="Certificate chain">
            <h2 class="card-title">{ "Certificate chain (x5c)" }</h2>
            <p class="chain-status" data-testid="x5c-chain-status">
                { status_words(chain) }
                { format!(" Judged at {}.", iso_utc(chain.at as f64).unwrap_or_else(|| chain.at.to_string())) }
            </p>
            // Numbered from 0, as the links name them ("checked against certificate 1").
            <ol class="chain-list" start="0">
                { for chain.certificates.iter().map(|certificate| certificate_item(certificate, chain.at)) }
            </ol>
            if !chain.thumbprints.is_empty() {
                <ul class="chain-thumbprints">
                    { for chain.thumbprints.iter().map(|check| {
                        let words = match check.result {
                            ThumbprintResult::Match => "matches the first certificate".to_owned(),
                            ThumbprintResult::Mismatch => format!("does not match the first certificate (its hash is {})", check.expected.clone().unwrap_or_default()),
                            ThumbprintResult::NotAString => "is not a string".to_owned(),
                            ThumbprintResult::NoLeaf => "cannot be compared: the first certificate cannot be read".to_owned(),
                        };
                        html! {
                            <li data-testid="x5t-check" data-result={check.result.code()} data-parameter={check.parameter}>
                                <code>{ check.parameter }</code>{ format!(" {words}.") }
                            </li>
                        }
                    }) }
                </ul>
            }
            <p class="chain-note">{ "Revocation is not checked: this page fetches nothing (no CRL, no OCSP)." }</p>
        </section>
    }
}

fn status_words(chain: &Chain) -> String {
    match &chain.status {
        ChainStatus::Anchored { subject, .. } => format!(
            "Anchored: every link holds up to your trust anchor {}, from the key box.",
            common_name(subject).unwrap_or_else(|| subject.clone())
        ),
        ChainStatus::Unanchored { anchors: 0 } => "Unanchored: the links hold, but nothing you trust vouches for the chain. Paste its root CA certificate (PEM) into the key box to check it up to that root.".to_owned(),
        ChainStatus::Unanchored { anchors } => format!(
            "Unanchored: the links hold, but the chain reaches none of the {anchors} trust anchor{} in the key box.",
            if *anchors == 1 { "" } else { "s" }
        ),
        ChainStatus::Broken(broken) => format!("Broken: {broken}."),
    }
}

fn certificate_item(certificate: &ChainCertificate, at: i64) -> Html {
    let link = &certificate.link;
    let above = match link.issuer {
        Issuer::Next(index) => format!("checked against certificate {index}"),
        Issuer::Anchor(_) => "checked against your trust anchor".to_owned(),
        Issuer::IsAnchor(_) => "this is your trust anchor".to_owned(),
        Issuer::AboveAnchor => "above your trust anchor: not needed, not checked".to_owned(),
        Issuer::Unknown => "the top of the chain: nothing above it is known".to_owned(),
    };
    let problems = link
        .problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>();
    let details = match &certificate.details {
        Ok(details) => {
            let validity = details.validity_at(at);
            let time =
                |seconds: i64| iso_utc(seconds as f64).unwrap_or_else(|| seconds.to_string());
            html! {
                <dl class="chain-details">
                    <dt>{ "Subject" }</dt><dd data-testid="x5c-subject">{ &details.subject }</dd>
                    <dt>{ "Issuer" }</dt><dd>{ &details.issuer }</dd>
                    <dt>{ "Valid" }</dt>
                    <dd data-validity={validity.code()}>
                        { format!("{} to {} ({} then)", time(details.not_before), time(details.not_after), validity.code().replace('-', " ")) }
                    </dd>
                    <dt>{ "Key" }</dt><dd>{ details.key.clone().unwrap_or_else(|reason| format!("unusable: {reason}")) }</dd>
                    <dt>{ "Signed with" }</dt><dd>{ &details.signature_algorithm }</dd>
                    <dt>{ "CA" }</dt>
                    <dd>{ match (details.is_ca, details.path_len) {
                        (true, Some(length)) => format!("yes, path length {length}"),
                        (true, None) => "yes".to_owned(),
                        (false, _) => "no".to_owned(),
                    } }</dd>
                    <dt>{ "SHA-256" }</dt><dd><code class="chain-fingerprint">{ &details.sha256 }</code></dd>
                </dl>
            }
        }
        Err(err) => html! { <p class="chain-problem">{ err.to_string() }</p> },
    };
    let name = certificate
        .details
        .as_ref()
        .ok()
        .and_then(|details| common_name(&details.subject));
    let role = match (certificate.index, name) {
        (0, Some(name)) => format!("Leaf (the token's key): {name}"),
        (0, None) => "Leaf (the token's key)".to_owned(),
        (index, Some(name)) => format!("Certificate {index}: {name}"),
        (index, None) => format!("Certificate {index}"),
    };
    html! {
        <li class={classes!("chain-cert", (!link.holds()).then_some("chain-cert-bad"))} data-testid="x5c-cert"
            data-index={certificate.index.to_string()} data-link={link.code()}>
            <div class="chain-cert-head">
                <strong>{ role }</strong>
                <span class="chain-link" data-link={link.code()}>{ format!("{}: {above}", link.code().replace('-', " ")) }</span>
            </div>
            { details }
            if !problems.is_empty() {
                <ul class="chain-problems">
                    { for problems.iter().map(|problem| html! { <li>{ problem }</li> }) }
                </ul>
            }
        </li>
    }
}
