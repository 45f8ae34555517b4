//! The decoder: token and key on one side; on the other the verdict first, then the summary,
//! findings, header, payload and signature. A phone shows one column, token, verdict, summary,
//! key, the rest (CSS order); the verdict and summary hold nothing to focus, so the tab order
//! still follows what the eye sees.

use yew::prelude::*;

use super::after_verdict::AfterVerdict;
use super::certificate_chain::certificate_chain;
use super::check_settings::CheckSettingsForm;
use super::claims_table::{ClaimsTable, TableKind};
use super::decode_error::DecodeError;
use super::diagnoses::Diagnoses;
use super::embedded_keys::EmbeddedKeys;
use super::encoded_token::EncodedToken;
use super::encrypted_json::encrypted_json;
use super::encrypted_parts::{encrypted_parts, EncryptedPartsProps};
use super::encrypted_verdict::{encrypted_verdict, EncryptedVerdictProps};
use super::examples_menu::try_examples;
use super::findings::Findings;
use super::issuer_keys::issuer_keys;
use super::json_pane::{JsonPane, PaneContent};
use super::jws_signatures::jws_signatures;
use super::key_input::KeyInput;
use super::lifetime::Lifetime;
use super::payload_input::PayloadInput;
use super::plaintext::{plaintext, PlaintextProps};
use super::sd_jwt_card::sd_jwt_card;
use super::signature_pane::SignaturePane;
use super::token_input::TokenInput;
use super::token_tools::TokenTools;
use super::verdict::Verdict;
use super::wordlist_search::WordlistSearch;
use crate::jose::chain::ChainStatus;
use crate::jose::embedded::EmbeddedKey;
use crate::jose::inspection::ChainCheck;
use crate::jose::jws_json::{any_pending, verified_count};
use crate::jose::share;
use crate::jose::summary::summarize;
use crate::ui::actions::Actions;
use crate::ui::state::encrypted::Decryption;
use crate::ui::state::view::PartsToCome;
use crate::ui::state::{Part, State};

/// A plain view function: the decoder has no state of its own beyond the page's. Its callbacks
/// are the page's `Actions`, made once, so the components below skip a render while their
/// inputs are unchanged.
pub fn decoder(state: &State, actions: &Actions) -> Html {
    let outer = &state.outer.inspection;
    let decoded = outer.decoded.clone();
    let decode_error = outer.decode_error();
    let key = &state.outer.key;
    let shareable = share::is_shareable(key.text.expose(), key.encoding);
    let shared_key =
        (shareable && state.view.share_key).then(|| AttrValue::from(key.text.expose().to_owned()));
    let has_token = !state.outer.input.is_empty();
    let is_jws = decoded.is_some() && !outer.is_jwe();
    // The verdict goes first: until it is in the page the rest keeps what it showed (`held`)
    // and is not even built. A big token's small parts follow a frame later, and the two that
    // hold the whole token (encoded and payload) the frame after.
    let held = state.view.parts_pending == Some(PartsToCome::Held);
    // A readable JWS JSON serialization's count, for the verdict.
    let signature_count = matches!(outer.json_jws.as_deref(), Some(Ok(_))).then(|| {
        let (valid, of) = verified_count(&outer.signatures);
        (valid, of, any_pending(&outer.signatures))
    });
    let encoded = match (&decoded, state.view.parts_pending) {
        (Some(decoded), None) => html! { <EncodedToken decoded={decoded.clone()} /> },
        _ => html! {},
    };

    html! {
        <div class="decoder">
            <div class="decoder-inputs">
                <TokenInput value={AttrValue::from(state.outer.input.clone())} removed={outer.cleaned.removed.clone()}
                            on_input={actions.set_token.clone()}>
                    <TokenTools token={AttrValue::from(outer.cleaned.token.clone())} has_token={has_token} is_jws={is_jws}
                                shared_key={shared_key} on_example={actions.load_example.clone()}
                                on_clear={actions.clear_token.clone()} on_edit_in_encoder={actions.edit_in_encoder.clone()} />
                </TokenInput>
                { moved_note(state, actions) }
                <AfterVerdict hold={held}>{ encoded }</AfterVerdict>
                <DecodeError error={decode_error.clone()} />
                if let Some(payload_box) = outer.payload_box.clone() {
                    <PayloadInput value={AttrValue::from(state.outer.payload.text.clone())}
                                  encoding={state.outer.payload.encoding} payload_box={payload_box}
                                  on_input={actions.set_payload.clone()}
                                  on_encoding={actions.set_payload_encoding.clone()} />
                }
                <KeyInput value={key.text.expose().to_owned()} encoding={key.encoding} keys={key.keys.clone()}
                          on_input={actions.set_key.clone()}
                          on_encoding={actions.set_encoding.clone()}
                          decrypting={state.inner.decryption.is_some()}
                          shareable={shareable} share_key={state.view.share_key} on_share_key={actions.share_key.clone()} />
                <AfterVerdict hold={held}>
                    if let (Some(found), true, false) = (&outer.tables.issuer, is_jws, held) {
                        { issuer_keys(found) }
                    }
                </AfterVerdict>
            </div>
            <div class="decoder-results">
                if let Some(encrypted) = state.inner.decryption.clone() {
                    { encrypted_verdict(&EncryptedVerdictProps { encrypted }) }
                } else {
                    <Verdict verification={outer.verification.clone()} now={Some(state.clock().now as i64)}
                             decode_error_shown={decode_error.is_some()}
                             signatures={signature_count}
                             payload={outer.payload_box.as_ref().and_then(|found| found.source.clone().ok())} />
                    <Diagnoses found={state.diagnosis()} looking={state.diagnosis_wanted().is_some()} />
                }
                <AfterVerdict hold={held}>
                    if !held {
                        { after_verdict(state, actions) }
                    }
                </AfterVerdict>
            </div>
        </div>
    }
}

/// Everything below the verdict: the summary, then the panes (or, for a big token still being
/// laid out, a note in place of those still to come).
fn after_verdict(state: &State, actions: &Actions) -> Html {
    let outer = &state.outer.inspection;
    let clock = state.clock();
    let tables = outer.tables.clone();
    let times = tables.times;
    let decoded = outer.decoded.clone();
    let opened = match state
        .inner
        .decryption
        .as_ref()
        .map(|encrypted| &encrypted.verdict)
    {
        Some(Decryption::Decrypted(opened)) => Some(opened.clone()),
        _ => None,
    };
    let header = decoded.as_ref().map(|d| PaneContent::header(d));
    // A JWS JSON serialization's signatures share one payload, shown once.
    let json_jws = match outer.json_jws.as_deref() {
        Some(Ok(jws)) => Some(jws),
        _ => None,
    };
    let payload = outer
        .payload_decoded()
        .as_deref()
        .and_then(PaneContent::payload);
    // A chain anchored at the user's root is no longer a key the token chose for itself.
    let anchored = outer
        .chain
        .as_ref()
        .and_then(ChainCheck::checked)
        .is_some_and(|chain| matches!(chain.status, ChainStatus::Anchored { .. }));
    let embedded = match anchored {
        true => std::rc::Rc::new(
            outer
                .embedded
                .iter()
                .filter(|key| !matches!(key, EmbeddedKey::X5c { .. }))
                .cloned()
                .collect::<Vec<_>>(),
        ),
        false => outer.embedded.clone(),
    };
    let view_of = |part: Part| Some((state.view.part(part), actions.part_view(part).clone()));
    let summary = summarize(outer, state.now);
    let pending = state.view.parts_pending;
    let small_parts = pending != Some(PartsToCome::All);
    let big_parts = pending.is_none();
    html! {
        <>
        if let Some(summary) = summary {
            <p class="summary" data-testid="token-summary">{ summary }</p>
        }
        if state.outer.input.is_empty() {
            { try_examples(&actions.load_example) }
        }
        if !small_parts {
            <p class="pane-note" data-testid="parts-pending">{ "Laying out the token's parts…" }</p>
        } else {
            if !embedded.is_empty() {
                <EmbeddedKeys keys={embedded} />
            }
            if let Some(chain) = &outer.chain {
                { certificate_chain(chain) }
            }
            if let Some(sd) = outer.sd_jwt.as_deref() {
                { sd_jwt_card(sd, &state.outer.kb_expected, &actions.expect_key_binding) }
            }
            if decoded.is_some() || json_jws.is_some() {
                <Findings findings={state.findings.clone()} secret_search={state.search.state.clone()}
                          on_search={actions.start_secret_search.clone()}>
                    <WordlistSearch wordlist={state.wordlist.clone()} on_text={actions.set_wordlist_text.clone()}
                                    on_file={actions.set_wordlist_file.clone()} on_clear={actions.clear_wordlist.clone()} />
                </Findings>
            }
            if let Some(content) = header {
                <JsonPane part="header" title="Header" content={content}
                          view={(!tables.header.is_empty()).then(|| view_of(Part::Header)).flatten()}>
                    <ClaimsTable rows={tables.header.clone()} kind={TableKind::Header} now={clock.now} />
                </JsonPane>
            }
            if let Some(jws) = json_jws {
                { jws_signatures(jws, &outer.signatures) }
            }
            if let Some(Ok(jwe)) = outer.json_jwe.as_deref() {
                { encrypted_json(jwe) }
            }
            if let (Some(decoded), true) = (decoded.clone(), state.inner.decryption.is_some()) {
                { encrypted_parts(&EncryptedPartsProps { decoded }) }
            }
            if let Some(opened) = opened {
                { plaintext(&PlaintextProps { opened, inner_key: state.inner.key.clone(), inner: state.inner.inspection.clone(),
                                              clock, on_inner_key: actions.set_inner_key.clone(),
                                              on_inner_encoding: actions.set_inner_encoding.clone() }) }
            }
            if !big_parts {
                <p class="pane-note" data-testid="parts-pending">{ "Laying out the rest of the token…" }</p>
            } else if let Some(content) = payload {
                <JsonPane part="payload" title="Payload" content={content}
                          view={(!tables.claims.is_empty()).then(|| view_of(Part::Payload)).flatten()}>
                    <ClaimsTable rows={tables.claims.clone()} kind={TableKind::Claims} now={clock.now} provider={tables.provider} />
                </JsonPane>
            }
            if times.span(clock.now).is_some() {
                <Lifetime times={times} now={clock.now} />
            }
            if tables.has_claims {
                <CheckSettingsForm settings={state.settings.clone()} on_change={actions.set_settings.clone()} />
            }
            if let Some(decoded) = decoded {
                <SignaturePane decoded={decoded} />
            }
        }
        </>
    }
}

/// A token moved in from elsewhere says so, and offers to put back what it replaced.
fn moved_note(state: &State, actions: &Actions) -> Html {
    let Some(moved) = &state.view.moved else {
        return html! {};
    };
    html! {
        <p class="moved" data-testid="moved-note" role="status">
            { format!("Token and key from {}. ", moved.from) }
            if moved.replaced.is_some() {
                <button type="button" class="tool-button" data-testid="restore-previous"
                        onclick={actions.restore_previous.clone()}>{ "Restore what you had" }</button>
            }
        </p>
    }
}
