//! The decoder: token and key on one side; on the other the verdict first, then the summary,
//! findings, header, payload and signature. A phone shows one column, token, verdict, summary,
//! key, the rest (CSS order); the verdict and summary hold nothing to focus, so the tab order
//! still follows what the eye sees.

use yew::prelude::*;

use super::check_settings::CheckSettingsForm;
use super::claims_table::{ClaimsTable, TableKind};
use super::copy_button::CopyButton;
use super::decode_error::DecodeError;
use super::embedded_keys::EmbeddedKeys;
use super::encoded_token::EncodedToken;
use super::encrypted_json::encrypted_json;
use super::encrypted_parts::{encrypted_parts, EncryptedPartsProps};
use super::encrypted_verdict::{encrypted_verdict, EncryptedVerdictProps};
use super::examples_menu::{try_examples, ExamplesMenu};
use super::findings::Findings;
use super::json_pane::{JsonPane, PaneContent};
use super::key_input::KeyInput;
use super::lifetime::Lifetime;
use super::plaintext::{plaintext, PlaintextProps};
use super::share_link::ShareLink;
use super::signature_pane::SignaturePane;
use super::token_input::TokenInput;
use super::verdict::Verdict;
use crate::jose::share;
use crate::jose::summary::summarize;
use crate::ui::state::encrypted::Decryption;
use crate::ui::state::view::PartsToCome;
use crate::ui::state::{Action, Part, PartView, State};

/// A plain view function: the decoder has no state of its own beyond the page's.
pub fn decoder(state: &State, dispatch: &Callback<Action>) -> Html {
    let act = |make: fn(String) -> Action| dispatch.reform(make);
    let outer = &state.outer.inspection;
    let clock = state.clock();
    let tables = outer.tables.clone();
    let times = tables.times;
    let decoded = outer.decoded.clone();
    let decode_error = outer.decode_error();
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
    let payload = decoded.as_ref().and_then(|d| PaneContent::payload(d));
    let key = &state.outer.key;
    let shareable = share::is_shareable(key.text.expose(), key.encoding);
    let shared_key =
        (shareable && state.view.share_key).then(|| AttrValue::from(key.text.expose().to_owned()));
    let token = outer.cleaned.token.clone();
    let has_token = !state.outer.input.is_empty();
    let view_of = |part: Part| {
        let view = state.view.part(part);
        Some((
            view,
            dispatch.reform(move |view: PartView| Action::SetPartView(part, view)),
        ))
    };
    let summary = summarize(outer, state.now);
    let is_jws = decoded.is_some() && !outer.is_jwe();
    // A big token's verdict is painted first; its small parts follow a frame later, and the
    // two that hold the whole token (encoded and payload) the frame after.
    let pending = state.view.parts_pending;
    let small_parts = pending != Some(PartsToCome::All);
    let big_parts = pending.is_none();

    html! {
        <div class="decoder">
            <div class="decoder-inputs">
                <TokenInput value={state.outer.input.clone()} removed={outer.cleaned.removed.clone()} on_input={act(Action::SetToken)}>
                    <ExamplesMenu on_pick={dispatch.reform(Action::LoadExample)} />
                    <button type="button" class="tool-button" data-testid="clear-token" disabled={!has_token}
                            onclick={dispatch.reform(|_: MouseEvent| Action::ClearToken)} title="Empty the token box">{ "Clear" }</button>
                    <CopyButton text={token.clone()} testid="copy-token" label="Copy the token" />
                    <ShareLink token={token} public_key={shared_key} />
                    if is_jws {
                        <button type="button" class="tool-button" data-testid="edit-in-encoder" title="Open this header and payload in the encoder"
                                onclick={dispatch.reform(|_: MouseEvent| Action::EditInEncoder)}>{ "Edit in encoder" }</button>
                    }
                </TokenInput>
                { moved_note(state, dispatch) }
                if let (Some(decoded), true) = (decoded.clone(), big_parts) {
                    <EncodedToken decoded={decoded} />
                }
                <DecodeError error={decode_error.clone()} />
                <KeyInput value={key.text.expose().to_owned()} encoding={key.encoding} keys={key.keys.clone()}
                          on_input={dispatch.reform(|key: String| Action::SetKey(key.into()))}
                          on_encoding={dispatch.reform(Action::SetEncoding)}
                          decrypting={state.inner.decryption.is_some()}
                          shareable={shareable} share_key={state.view.share_key} on_share_key={dispatch.reform(Action::ShareKey)} />
            </div>
            <div class="decoder-results">
                if let Some(encrypted) = state.inner.decryption.clone() {
                    { encrypted_verdict(&EncryptedVerdictProps { encrypted }) }
                } else {
                    <Verdict verification={outer.verification.clone()} now={Some(state.now as i64)}
                             decode_error_shown={decode_error.is_some()} />
                }
                if let Some(summary) = summary {
                    <p class="summary" data-testid="token-summary">{ summary }</p>
                }
                if !has_token {
                    { try_examples(&dispatch.reform(Action::LoadExample)) }
                }

                if !small_parts {
                    <p class="pane-note" data-testid="parts-pending">{ "Laying out the token's parts…" }</p>
                } else {
                    <>
                    if !outer.embedded.is_empty() {
                        <EmbeddedKeys keys={outer.embedded.clone()} />
                    }
                    if decoded.is_some() {
                        <Findings findings={state.findings.clone()} secret_search={state.search.state.clone()}
                                  on_search={dispatch.reform(|()| Action::StartSecretSearch)} />
                    }
                    if let Some(content) = header {
                        <JsonPane part="header" title="Header" content={content}
                                  view={(!tables.header.is_empty()).then(|| view_of(Part::Header)).flatten()}>
                            <ClaimsTable rows={tables.header.clone()} kind={TableKind::Header} now={clock.now} />
                        </JsonPane>
                    }
                    if let Some(Ok(jwe)) = outer.json_jwe.as_deref() {
                        { encrypted_json(jwe) }
                    }
                    if let (Some(decoded), true) = (decoded.clone(), state.inner.decryption.is_some()) {
                        { encrypted_parts(&EncryptedPartsProps { decoded }) }
                    }
                    if let Some(opened) = opened {
                        { plaintext(&PlaintextProps { opened, inner_key: state.inner.key.clone(), inner: state.inner.inspection.clone(),
                                                      clock, on_inner_key: dispatch.reform(|key: String| Action::SetInnerKey(key.into())),
                                                      on_inner_encoding: dispatch.reform(Action::SetInnerEncoding) }) }
                    }
                    if !big_parts {
                        <p class="pane-note" data-testid="parts-pending">{ "Laying out the rest of the token…" }</p>
                    } else if let Some(content) = payload {
                        <JsonPane part="payload" title="Payload" content={content}
                                  view={(!tables.claims.is_empty()).then(|| view_of(Part::Payload)).flatten()}>
                            <ClaimsTable rows={tables.claims.clone()} kind={TableKind::Claims} now={clock.now} />
                        </JsonPane>
                    }
                    if times.span(clock.now).is_some() {
                        <Lifetime times={times} now={clock.now} />
                    }
                    if tables.has_claims {
                        <CheckSettingsForm settings={state.settings.clone()} on_change={dispatch.reform(Action::SetSettings)} />
                    }
                    if let Some(decoded) = decoded {
                        <SignaturePane decoded={decoded} />
                    }
                    </>
                }
            </div>
        </div>
    }
}

/// A token moved in from elsewhere says so, and offers to put back what it replaced.
fn moved_note(state: &State, dispatch: &Callback<Action>) -> Html {
    let Some(moved) = &state.view.moved else {
        return html! {};
    };
    html! {
        <p class="moved" data-testid="moved-note" role="status">
            { format!("Token and key from {}. ", moved.from) }
            if moved.replaced.is_some() {
                <button type="button" class="tool-button" data-testid="restore-previous"
                        onclick={dispatch.reform(|_: MouseEvent| Action::RestorePrevious)}>{ "Restore what you had" }</button>
            }
        </p>
    }
}
