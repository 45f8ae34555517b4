//! What the fuzz targets share: one input read as the page's boxes, and the page's work on
//! them done as the page does it, with the checks it leaves to WebCrypto run by the core's own
//! primitives (as the worker's fallback and the native tests do).
//!
//! An input is UTF-8 text whose fields are separated by NUL (`token\0key\0encoding…`): a seed
//! is readable, and a missing field is empty.

use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use jwt_debugger::jose::chain::ChainPlan;
use jwt_debugger::jose::compare::compare;
use jwt_debugger::jose::detached::{GivenPayload, PayloadEncoding};
use jwt_debugger::jose::inspection::{CheckSettings, Inspection, ParsedKeys, PlatformCheck};
use jwt_debugger::jose::json_view;
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::platform::{decide_on_platform, run_request_here, PlatformAnswer};
use jwt_debugger::jose::protocol::{Reply, Request};
use jwt_debugger::jose::redacted::SecretText;
use jwt_debugger::jose::share;
use jwt_debugger::jose::status::Verification;
use jwt_debugger::jose::summary::summarize;
use jwt_debugger::jose::token::{decode, Decoded, Form};
use jwt_debugger::jose::workshop;

/// The time the page is taken to run at, Unix seconds (2025-01-01), and a later tick.
pub const NOW: f64 = 1_735_689_600.0;
const LATER: f64 = NOW + 400.0 * 86_400.0;

/// The input's first `N` fields; `None` when it is not UTF-8.
pub fn fields<const N: usize>(data: &[u8]) -> Option<[&str; N]> {
    let text = std::str::from_utf8(data).ok()?;
    let mut parts = text.splitn(N, '\0');
    Some(std::array::from_fn(|_| parts.next().unwrap_or_default()))
}

/// The key box's encoding selector: a name (`utf8`, `base64`, `base64url`, `hex`), else UTF-8.
pub fn encoding(name: &str) -> SecretEncoding {
    SecretEncoding::from_name(name.trim()).unwrap_or_default()
}

/// The key box read as the page reads it (`KeyBox::set`): `None` while empty.
pub fn key_box(text: &str, encoding: SecretEncoding) -> ParsedKeys {
    (!text.is_empty()).then(|| Rc::new(key::parse(text, encoding)))
}

/// Polls a future that never waits (the stand-in platform answers at once).
fn ready<T>(future: impl Future<Output = T>) -> Option<T> {
    match pin!(future)
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

/// A platform check's verdict, with the core's primitives standing in for WebCrypto.
pub fn decide(check: &PlatformCheck) -> Option<Verification> {
    ready(decide_on_platform(
        &check.decoded,
        &check.removed,
        &check.keys,
        |request| {
            let answer = run_request_here(&request);
            async move { answer }
        },
    ))
}

/// The platform's answers to a chain's link signatures, found here.
fn chain_answers(plan: &ChainPlan) -> Vec<PlatformAnswer> {
    plan.signatures()
        .iter()
        .map(|link| match link.verify_here() {
            true => PlatformAnswer::Matches,
            false => PlatformAnswer::DoesNotMatch,
        })
        .collect()
}

/// Settles every check the inspection waits on: the chain's links, the signature, each JWS
/// JSON signature and an SD-JWT's key binding.
pub fn settle(inspection: &mut Inspection) {
    if let Some(plan) = inspection.chain_plan() {
        inspection.settle_chain(&chain_answers(&plan));
    }
    if let Some(verification) = inspection.platform_check().as_ref().and_then(decide) {
        inspection.settle(verification);
    }
    for (index, check) in inspection.signature_checks() {
        if let Some(verification) = decide(&check) {
            inspection.settle_signature(index, verification);
        }
    }
    if let Some(verification) = inspection.key_binding_check().as_ref().and_then(decide) {
        inspection.settle_key_binding(verification);
    }
}

/// Everything the page shows of an inspection once it is complete: findings, tables, the
/// summary, the JSON panes, the verdict's words, at now and at a later clock tick.
pub fn show(inspection: &mut Inspection) {
    let settings = CheckSettings::default();
    inspection.complete(&settings, NOW);
    for now in [NOW, LATER] {
        inspection.retime(&settings, now);
        let _ = summarize(inspection, now);
        let _ = inspection.has_times();
    }
    let _ = inspection.decode_error();
    let _ = inspection
        .verification
        .reason
        .as_ref()
        .map(ToString::to_string);
    let _ = inspection.secret_target().map(|t| t.estimated_millis());
    for finding in inspection.findings.iter() {
        let _ = (finding.code.as_str(), finding.code.reference());
    }
    if let Some(decoded) = inspection.payload_decoded() {
        panes(&decoded);
    }
    if let Some(decoded) = inspection.decoded.as_deref() {
        panes(decoded);
        let _ = compare(Some(decoded), inspection.payload_decoded().as_deref());
    }
    if let Some(Ok(jws)) = inspection.json_jws.as_deref() {
        for signature in &jws.signatures {
            panes(&signature.decoded);
            let _ = json_view::pretty_text(&signature.unprotected_text());
        }
    }
}

/// The header and payload panes of a decoded token: pretty-printed, coloured in part and whole.
fn panes(decoded: &Decoded) {
    if let Ok(header) = &decoded.header {
        let _ = json_view::pretty_text(&header.text);
        let _ = json_view::pretty_markup(&header.text, 3);
    }
    if let Some(text) = decoded
        .payload
        .as_ref()
        .and_then(|payload| payload.as_ref().ok())
        .and_then(|payload| payload.text())
    {
        let _ = json_view::pretty_markup(text, 3);
        let _ = json_view::pretty_markup(text, usize::MAX);
    }
}

/// The page's work on one keystroke in the decoder: the key box read, the token inspected
/// (verdict first, then the rest), a JWE decrypted by the worker and the signed token inside
/// inspected with the inner key box, and the share link written and read back.
pub fn keystroke(token: &str, key_text: &str, encoding: SecretEncoding, payload: &str) {
    let keys = key_box(key_text, encoding);
    let given = GivenPayload::new(payload, PayloadEncoding::Text);
    let mut inspection = Inspection::verdict_first(token, keys.clone(), &given, NOW as i64);
    settle(&mut inspection);
    show(&mut inspection);
    // The payload box read as base64url instead: the verdict again, then the rest.
    inspection.give_payload(GivenPayload::new(payload, PayloadEncoding::Base64url));
    settle(&mut inspection);
    show(&mut inspection);
    if inspection.is_jwe() {
        let request = Request::Decrypt {
            token: inspection.cleaned.token.to_string(),
            key: SecretText::new(key_text.to_owned()),
            encoding,
        };
        let reply = workshop::answer(request);
        inner(&reply, keys);
    }
    let shared = share::is_shareable(key_text, encoding).then_some(key_text);
    let link = share::fragment(token, shared, Some("decoder"));
    let read = share::read_fragment(&link);
    assert_eq!(read.token.as_deref(), (!token.is_empty()).then_some(token));
    assert_eq!(read.key.as_deref(), shared.filter(|key| !key.is_empty()));
}

/// The signed token inside a decrypted JWE (as the page reads the worker's reply), inspected.
pub fn inner(reply: &Reply, keys: ParsedKeys) {
    let Reply::Decryption(jwt_debugger::jose::protocol::Decryption::Decrypted(opened)) = reply
    else {
        return;
    };
    let Some(text) = opened.text.as_deref() else {
        return;
    };
    let decoded = decode(text.trim());
    if decoded.form == Ok(Form::Jws) && decoded.header.is_ok() {
        let settings = CheckSettings::default();
        let mut inspection = Inspection::of_inner(Rc::new(decoded), keys, &settings, NOW);
        settle(&mut inspection);
        show(&mut inspection);
    }
}

/// The worker's answer to a request as the page posts it, read back as the page reads it.
pub fn worker(message: &str) {
    let reply = match Request::decode(message) {
        // Making keys is the key generator's (random, and seconds for RSA): not input.
        Ok(Request::Generate { .. }) => return,
        Ok(request) => {
            let pbes2 = workshop::pbkdf2_runs(&request).map(|(pbes2, _)| pbes2);
            workshop::answer_with(request, &pbes2.unwrap_or_default())
        }
        Err(err) => Reply::Failed {
            error: err.to_string(),
        },
    };
    let text = reply.encode();
    assert_eq!(Reply::decode(&text).as_ref(), Ok(&reply), "{text}");
}
