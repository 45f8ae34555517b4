//! The known-secret search over the shipped list (assets/jwt.secrets.list): the jwt.io example
//! secret and secrets from the middle and the end of the list are found; a secret that is not
//! listed, and a token of another family, are not.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixture, hs_token, JWT_IO_TOKEN};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::known_secrets::{find, Progress, Search, Target};
use jwt_debugger::jose::token::decode;

const LIST: &str = include_str!("../assets/jwt.secrets.list");

fn target(token: &str) -> Target {
    Target::of(&decode(token)).expect("an HS token")
}

fn signed_with(alg: Alg, secret: &str) -> String {
    hs_token(alg, r#"{"alg":"HS256"}"#, b"{}", secret.as_bytes())
}

fn line(number: usize) -> &'static str {
    LIST.lines().nth(number - 1).unwrap().trim_end_matches('\r')
}

#[test]
fn the_jwt_io_secret_is_found() {
    assert_eq!(
        find(LIST, &target(JWT_IO_TOKEN)).as_deref(),
        Some("your-256-bit-secret")
    );
}

#[test]
fn secrets_from_the_middle_and_the_end_are_found_with_every_hash() {
    let total = LIST.lines().count();
    for (alg, number) in [
        (Alg::HS256, total / 2),
        (Alg::HS384, total - 1),
        (Alg::HS512, total),
    ] {
        let secret = line(number);
        let token = hs_token(
            alg,
            &format!(r#"{{"alg":"{}"}}"#, alg.name()),
            b"{}",
            secret.as_bytes(),
        );
        assert_eq!(
            find(LIST, &target(&token)).as_deref(),
            Some(secret),
            "line {number}"
        );
    }
}

#[test]
fn an_unlisted_secret_is_not_found_after_trying_every_line() {
    let token = signed_with(Alg::HS256, "this secret is not in any public list, 7f3a");
    let target = target(&token);
    let mut search = Search::default();
    let mut steps = 0;
    let outcome = loop {
        steps += 1;
        match search.step(LIST, &target, 10_000) {
            Progress::Searching => continue,
            other => break other,
        }
    };
    assert_eq!(outcome, Progress::NotFound);
    assert_eq!(
        search.tried,
        LIST.lines()
            .filter(|l| !l.trim_end_matches('\r').is_empty())
            .count()
    );
    assert!(steps > 10, "the search advances in steps");
    assert!((search.fraction(LIST) - 1.0).abs() < f64::EPSILON);
}

#[test]
fn only_hs_tokens_with_a_full_tag_are_searched() {
    assert!(Target::of(&decode(fixture("RS256")["token"].as_str().unwrap())).is_none());
    let token = signed_with(Alg::HS256, "your-256-bit-secret");
    let (input, _) = token.rsplit_once('.').unwrap();
    assert!(
        Target::of(&decode(&format!("{input}.AAAA"))).is_none(),
        "a truncated tag"
    );
}

#[test]
fn the_worker_search_reports_progress_then_the_result_and_estimates_by_size() {
    use jwt_debugger::jose::known_secrets::{search, SearchReport, LIST_ENTRIES};
    let list = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/jwt.secrets.list"
    ))
    .unwrap();
    // The estimate's count is the list's.
    assert_eq!(
        list.lines().filter(|line| !line.is_empty()).count(),
        LIST_ENTRIES
    );
    // A clock that moves 60 ms a look: progress about every other look, then the result.
    let tick = std::cell::Cell::new(0.0);
    let clock = || {
        tick.set(tick.get() + 60.0);
        tick.get()
    };
    let mut reports = Vec::new();
    search(&list, &target(JWT_IO_TOKEN), clock, |report| {
        reports.push(report)
    });
    let (last, progress) = reports.split_last().unwrap();
    assert!(matches!(last, SearchReport::Found { secret, .. } if secret == "your-256-bit-secret"));
    assert!(progress
        .iter()
        .all(|r| matches!(r, SearchReport::Searching { .. })));
    // Negative twin: a secret not listed ends in NotFound, after every line.
    let mut reports = Vec::new();
    let unlisted = signed_with(Alg::HS256, "not-in-any-list-6c1b9a0e4f7d2358");
    search(
        &list,
        &target(&unlisted),
        || 0.0,
        |report| reports.push(report),
    );
    assert!(
        matches!(reports.last(), Some(SearchReport::NotFound { tried, .. }) if *tried == LIST_ENTRIES)
    );
    // The estimate grows with the token: the jwt.io token runs on its own, 100 KB does not.
    assert!(target(JWT_IO_TOKEN).runs_on_its_own());
    let large = hs_token(
        Alg::HS256,
        r#"{"alg":"HS256"}"#,
        format!(r#"{{"blob":"{}"}}"#, "x".repeat(100_000)).as_bytes(),
        b"0123456789abcdef0123456789abcdef",
    );
    assert!(!target(&large).runs_on_its_own());
    assert!(target(&large).estimated_millis() > 100.0 * target(JWT_IO_TOKEN).estimated_millis());
}
