//! The page's state and reducer, natively: one inspection per token, replies for older inputs
//! dropped by their generation, the known-secret search offered for a large token, a JWE's
//! inner token inspected with its own key box, and every worker job settled by a reply (a
//! worker that could not answer included). The worker's replies here come from the core's own
//! `workshop::answer`, as the page's worker would send them.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{flip_signature_bit, hs_token, JWT_IO_SECRET, JWT_IO_TOKEN};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::inspection::{CheckSettings, Inspection, Role};
use jwt_debugger::jose::key::{self, SecretEncoding};
use jwt_debugger::jose::lint::FindingCode;
use jwt_debugger::jose::protocol::{Reply, Request, SearchReport};
use jwt_debugger::jose::status::{Status, Verification};
use jwt_debugger::jose::workshop::answer;
use jwt_debugger::ui::state::encoder::{Edit, Output};
use jwt_debugger::ui::state::encrypted::Decryption;
use jwt_debugger::ui::state::{Action, SecretSearch, State};
use std::rc::Rc;

const NOW: f64 = 1_700_000_000.0;

fn state_with(token: &str, key: &str) -> State {
    let mut state = State::new(token.to_owned(), NOW);
    state.apply(Action::SetKey(key.into()));
    shown(&mut state);
    state
}

/// What the page does once a verdict is in it: the rest of the token is shown, step by step.
fn shown(state: &mut State) {
    while state.view.parts_pending.is_some() {
        state.apply(Action::ShowParts {
            generation: state.outer.generation,
        });
    }
}

fn codes(state: &State) -> Vec<FindingCode> {
    state.findings.iter().map(|finding| finding.code).collect()
}

#[test]
fn one_inspection_holds_the_verdict_findings_and_tables_and_is_retimed_alone() {
    let settings = CheckSettings::default();
    let keys = Some(Rc::new(key::parse(JWT_IO_SECRET, SecretEncoding::Utf8)));
    let mut inspection = Inspection::of_text(JWT_IO_TOKEN, keys, &settings, NOW);
    assert_eq!(inspection.verification.status, Status::Valid);
    assert!(inspection.tables.has_claims);
    assert_eq!(inspection.tables.claims.len(), 3);
    assert!(inspection.secret_target().is_some());
    // Negative twin: another key.
    let wrong = Some(Rc::new(key::parse("not-the-secret", SecretEncoding::Utf8)));
    inspection.rekey(wrong, &settings, NOW);
    assert_eq!(inspection.verification.status, Status::Invalid);

    // A token with exp: the clock moving past it adds the time finding, and nothing else moves.
    let token = hs_token(
        Alg::HS256,
        r#"{"alg":"HS256","typ":"JWT"}"#,
        format!(r#"{{"sub":"a","exp":{}}}"#, NOW + 60.0).as_bytes(),
        JWT_IO_SECRET.as_bytes(),
    );
    let keys = Some(Rc::new(key::parse(JWT_IO_SECRET, SecretEncoding::Utf8)));
    let mut timed = Inspection::of_text(&token, keys, &settings, NOW);
    let verdict = Rc::clone(&timed.verification);
    assert!(!timed
        .findings
        .iter()
        .any(|f| f.code == FindingCode::Expired));
    timed.retime(&settings, NOW + 3600.0);
    assert!(timed
        .findings
        .iter()
        .any(|f| f.code == FindingCode::Expired));
    assert!(
        Rc::ptr_eq(&verdict, &timed.verification),
        "the verdict was kept"
    );
}

#[test]
fn the_inner_token_is_one_more_inspection_with_its_own_findings_policy() {
    let settings = CheckSettings::default();
    let payload = br#"{"sub":"a","password":"hunter2"}"#;
    let token = hs_token(
        Alg::HS256,
        r#"{"alg":"HS256"}"#,
        payload,
        JWT_IO_SECRET.as_bytes(),
    );
    let pasted = Inspection::of_text(&token, None, &settings, NOW);
    assert!(pasted
        .findings
        .iter()
        .any(|f| f.code == FindingCode::SensitiveData));
    let decoded = pasted.decoded.clone().unwrap();
    let inner = Inspection::of_inner(decoded, None, &settings, NOW);
    assert_eq!(inner.role, Role::Inner);
    // It travelled encrypted: no sensitive-data finding, and each finding says whose it is.
    assert!(!inner
        .findings
        .iter()
        .any(|f| f.code == FindingCode::SensitiveData));
    assert!(!inner.findings.is_empty());
    assert!(inner
        .findings
        .iter()
        .all(|f| f.title.starts_with("Inner token: ")));
}

#[test]
fn a_verdict_for_older_inputs_is_dropped() {
    // RS256 waits on the platform: its verdict is pending until settled.
    let case = common::fixture("RS256");
    let token = case["token"].as_str().unwrap();
    let key = case["keys"]["spki-pem"].as_str().unwrap();
    let mut state = state_with(token, key);
    assert!(state.is_pending());
    let asked = state.outer.generation;
    let valid = jwt_debugger::jose::status::check_text(token, key, SecretEncoding::Utf8);
    assert_eq!(valid.status, Status::Valid);
    // The key changes before the check answers: the answer is stale.
    state.apply(Action::SetKey(format!("{key}\n").into()));
    assert!(!state.apply(Action::Settle {
        generation: asked,
        verification: Verification::pending(),
    }));
    assert!(state.is_pending());
    // The current check's answer is taken, once.
    let current = state.outer.generation;
    assert!(state.apply(Action::Settle {
        generation: current,
        verification: valid.clone(),
    }));
    assert_eq!(state.outer.inspection.verification.status, Status::Valid);
    assert!(!state.apply(Action::Settle {
        generation: current,
        verification: valid,
    }));
}

#[test]
fn a_new_token_or_key_gets_its_verdict_first_and_its_findings_after_it() {
    let mut state = state_with(JWT_IO_TOKEN, "a wrong secret");
    assert_eq!(state.outer.inspection.verification.status, Status::Invalid);
    assert!(codes(&state).contains(&FindingCode::MissingExp));
    let before = codes(&state);

    state.apply(Action::SetKey(JWT_IO_SECRET.into()));
    assert_eq!(state.outer.inspection.verification.status, Status::Valid);
    assert!(!state.outer.inspection.is_complete(), "the findings wait");
    assert_eq!(codes(&state), before, "the panes keep what they showed");
    state.apply(Action::ShowParts {
        generation: state.outer.generation,
    });
    assert!(state.outer.inspection.is_complete());
    assert!(!state.outer.inspection.tables.claims.is_empty());

    let expired = hs_token(
        Alg::HS256,
        r#"{"alg":"HS256"}"#,
        br#"{"exp":1}"#,
        JWT_IO_SECRET.as_bytes(),
    );
    state.apply(Action::SetToken(expired));
    assert_eq!(state.outer.inspection.verification.status, Status::Valid);
    assert!(!codes(&state).contains(&FindingCode::Expired));
    // A tick before the parts are shown judges nothing yet; showing them builds the findings.
    state.apply(Action::Tick(NOW + 1.0));
    assert!(!state.outer.inspection.is_complete());
    shown(&mut state);
    assert!(codes(&state).contains(&FindingCode::Expired));
}

#[test]
fn the_known_secret_search_runs_for_a_small_token_and_waits_to_be_asked_for_a_large_one() {
    let mut state = state_with(JWT_IO_TOKEN, JWT_IO_SECRET);
    assert_eq!(state.search.state, SecretSearch::Loading);
    let (generation, request) = state.secret_search_request().unwrap();
    assert!(matches!(request, Request::FindKnownSecret(_)));
    // Progress, then the result, for this generation; a report for an older one is dropped.
    let report = |generation, report| Action::SecretSearch {
        generation,
        report: Ok(report),
    };
    assert!(state.apply(report(
        generation,
        SearchReport::Searching { fraction: 0.5 }
    )));
    assert_eq!(state.search.state.as_str(), "searching");
    let found = SearchReport::Found {
        secret: JWT_IO_SECRET.to_owned(),
        tried: 31,
    };
    assert!(state.apply(report(generation, found.clone())));
    assert!(codes(&state).contains(&FindingCode::KnownSecret));
    state.apply(Action::SetToken(flip_signature_bit(JWT_IO_TOKEN)));
    shown(&mut state);
    assert!(!codes(&state).contains(&FindingCode::KnownSecret));
    assert!(!state.apply(report(generation, found)));

    // A token of 200 KB: the search would take minutes, so it is offered, and starts when asked.
    let large = hs_token(
        Alg::HS256,
        r#"{"alg":"HS256"}"#,
        format!(r#"{{"blob":"{}"}}"#, "x".repeat(200_000)).as_bytes(),
        JWT_IO_SECRET.as_bytes(),
    );
    state.apply(Action::SetToken(large));
    let SecretSearch::Offered { estimate_millis } = state.search.state else {
        panic!("not offered: {:?}", state.search.state);
    };
    assert!(estimate_millis > 60_000.0, "{estimate_millis}");
    assert_eq!(state.secret_search_request(), None);
    let offered = state.search.generation;
    assert!(state.apply(Action::StartSecretSearch));
    assert_eq!(state.search.state, SecretSearch::Loading);
    assert_ne!(state.search.generation, offered);
    // A worker that could not run the search says why.
    let asked = state.search.generation;
    assert!(state.apply(Action::SecretSearch {
        generation: asked,
        report: Err("The known-secret search's worker could not be loaded: 404".to_owned()),
    }));
    assert_eq!(state.search.state.as_str(), "unavailable");
}

#[test]
fn a_jwe_is_decrypted_by_the_worker_and_its_inner_token_inspected_with_its_own_key() {
    let hs = common::fixture("HS256");
    let kw_key = r#"{"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#;
    let mut state = State::new(String::new(), NOW);
    state.apply(Action::Encode(Edit::Key(
        hs["keys"]["jwk"].as_str().unwrap().into(),
    )));
    state.apply(Action::Encode(Edit::Encrypt(true)));
    state.apply(Action::Encode(Edit::JweAlg(
        jwt_debugger::jose::jwe::alg::KeyAlg::from_name("A128KW").unwrap(),
    )));
    state.apply(Action::Encode(Edit::JweKey(kw_key.into())));
    // The encoder's request, answered by the core as the worker would.
    let request = state.encoder.request().unwrap();
    let generation = state.encoder.generation;
    assert!(state.apply(Action::Encoded {
        generation,
        answer: answer(request),
    }));
    assert!(matches!(state.encoder.output, Output::Signed(_)));
    state.apply(Action::SendToDecoder);
    assert!(state.outer.inspection.is_jwe());
    let (request_generation, request) = state.decrypt_request().unwrap();
    // An answer for an older request is dropped; the current one opens the token.
    let reply = answer(request);
    state.apply(Action::SetKey(kw_key.into()));
    assert!(!state.apply(Action::Decrypted {
        request: request_generation,
        answer: reply.clone(),
    }));
    let (current, request) = state.decrypt_request().unwrap();
    assert!(state.apply(Action::Decrypted {
        request: current,
        answer: answer(request),
    }));
    assert!(matches!(
        state.inner.decryption.as_ref().unwrap().verdict,
        Decryption::Decrypted(_)
    ));
    // The inner token is an inspection of its own; its key box came from the encoder.
    let inner = state.inner.inspection.as_ref().unwrap();
    assert_eq!(inner.role, Role::Inner);
    assert_eq!(inner.verification.status, Status::Valid);
    state.apply(Action::SetInnerKey(
        "a-wrong-secret-of-32-bytes-or-more!".into(),
    ));
    assert_eq!(
        state.inner.inspection.as_ref().unwrap().verification.status,
        Status::Invalid
    );
    // A worker that could not answer leaves a reason, not a wait.
    state.apply(Action::SetKey(format!(" {kw_key}").into()));
    let (current, _) = state.decrypt_request().unwrap();
    state.apply(Action::Decrypted {
        request: current,
        answer: Reply::Failed {
            error: "The encoder's worker could not be loaded: 404".to_owned(),
        },
    });
    let verdict = &state.inner.decryption.as_ref().unwrap().verdict;
    assert_eq!(verdict.as_str(), "key-error");
}

#[test]
fn the_encoder_takes_only_the_answer_for_its_current_inputs() {
    let mut state = State::new(String::new(), NOW);
    state.apply(Action::Encode(Edit::Key(
        "0123456789abcdef0123456789abcdef".into(),
    )));
    let old = state.encoder.generation;
    let request = state.encoder.request().unwrap();
    state.apply(Action::Encode(Edit::Payload(r#"{"sub":"b"}"#.to_owned())));
    state.apply(Action::Encoded {
        generation: old,
        answer: answer(request),
    });
    assert_eq!(state.encoder.output, Output::Signing);
    let current = state.encoder.generation;
    state.apply(Action::Encoded {
        generation: current,
        answer: Reply::Failed {
            error: "The encoder's worker could not be loaded: 404".to_owned(),
        },
    });
    assert!(matches!(&state.encoder.output, Output::Refused(why) if why.contains("404")));
}

#[test]
fn the_encoder_signs_with_a_weak_key_only_when_allowed() {
    let mut state = State::new(String::new(), NOW);
    assert!(!state.encoder.allow_weak, "off by default");
    state.apply(Action::Encode(Edit::Key("0123456789".into())));
    let Some(Request::Sign(request)) = state.encoder.request() else {
        panic!("the encoder asks to sign");
    };
    assert!(!request.allow_weak);
    let generation = state.encoder.generation;
    state.apply(Action::Encoded {
        generation,
        answer: answer(Request::Sign(request)),
    });
    assert!(
        matches!(&state.encoder.output, Output::Refused(why) if why.contains("10 bytes")),
        "{:?}",
        state.encoder.output
    );

    state.apply(Action::Encode(Edit::AllowWeak(true)));
    assert!(state.encoder.allow_weak);
    let Some(Request::Sign(request)) = state.encoder.request() else {
        panic!("the encoder asks to sign");
    };
    assert!(request.allow_weak);
    let generation = state.encoder.generation;
    state.apply(Action::Encoded {
        generation,
        answer: answer(Request::Sign(request)),
    });
    let Output::Signed(signed) = &state.encoder.output else {
        panic!("not signed: {:?}", state.encoder.output);
    };
    // Sent to the decoder with its key: valid, and the findings say the secret is short.
    let token = signed.token.clone();
    let key = signed.verify_key.expose().to_owned();
    let decoded = state_with(&token, &key);
    assert_eq!(decoded.outer.inspection.verification.status, Status::Valid);
    assert!(codes(&decoded).contains(&FindingCode::ShortSecret));

    // Turned off again, the same key is refused again.
    state.apply(Action::Encode(Edit::AllowWeak(false)));
    let Some(Request::Sign(request)) = state.encoder.request() else {
        panic!("the encoder asks to sign");
    };
    assert!(matches!(
        answer(Request::Sign(request)),
        Reply::Failed { .. }
    ));
}
