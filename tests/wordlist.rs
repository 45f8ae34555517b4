//! The user's own wordlist (`jose::wordlist`): a secret on a line is found, with its line and
//! the count tried; a list without it is searched to the end; CRLF endings, whitespace around
//! a line, empty and whitespace-only lines, a BOM, lines split across chunks, lines too long,
//! non-UTF-8 lines and binary files each do what the module says; a near-miss secret is not a
//! match. Then the protocol's round trip, and the state: the search follows the token and the
//! list, stale reports are dropped, and the finding names the list.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{fixture, hs_token};
use jwt_debugger::jose::alg::{Alg, Hash};
use jwt_debugger::jose::known_secrets::Target;
use jwt_debugger::jose::lint::FindingCode;
use jwt_debugger::jose::protocol::{
    Reply, Request, WordlistReport, WordlistRequest, WordlistSource,
};
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::wordlist::{self, find, search, Hit, ListName, Scan, CHUNK, MAX_LINE};
use jwt_debugger::ui::state::wordlist::Standing;
use jwt_debugger::ui::state::{Action, State};

/// A secret in no public list.
const SECRET: &str = "wordlist-only secret 9c2f1e";
const NOW: f64 = 1_700_000_000.0;

fn token(secret: &[u8]) -> String {
    hs_token(Alg::HS256, r#"{"alg":"HS256"}"#, br#"{"sub":"w"}"#, secret)
}

fn target(secret: &[u8]) -> Target {
    Target::of(&decode(&token(secret))).unwrap()
}

fn found(report: &WordlistReport) -> Option<(Hit, usize)> {
    match report {
        WordlistReport::Found { hit, tried, .. } => Some((hit.clone(), *tried)),
        _ => None,
    }
}

fn not_found_after(report: &WordlistReport) -> Option<usize> {
    match report {
        WordlistReport::NotFound { tried, .. } => Some(*tried),
        _ => None,
    }
}

#[test]
fn a_secret_on_a_line_is_found_with_its_line_and_the_count_tried() {
    let list = format!("alpha\nbeta\n{SECRET}\ngamma\n");
    let report = find(list.as_bytes(), &target(SECRET.as_bytes()));
    let (hit, tried) = found(&report).expect("found");
    assert_eq!(hit.line, 3);
    assert_eq!(tried, 3);
    assert_eq!(hit.shown, format!("{SECRET:?}"));
    // Negative twin: the same list, a token signed with a secret one character off.
    let near_miss = format!("{SECRET}x");
    let report = find(list.as_bytes(), &target(near_miss.as_bytes()));
    assert_eq!(not_found_after(&report), Some(4), "{report:?}");
}

#[test]
fn a_list_without_the_secret_is_searched_to_the_end() {
    let list: String = (0..10_000).map(|i| format!("secret-{i}\n")).collect();
    let report = find(list.as_bytes(), &target(SECRET.as_bytes()));
    assert_eq!(not_found_after(&report), Some(10_000));
    // The last line, without a line break after it, is tried too.
    let list = format!("{list}{SECRET}");
    let (hit, tried) = found(&find(list.as_bytes(), &target(SECRET.as_bytes()))).unwrap();
    assert_eq!((hit.line, tried), (10_001, 10_001));
    // An empty list tries nothing.
    assert_eq!(
        not_found_after(&find(b"", &target(SECRET.as_bytes()))),
        Some(0)
    );
}

#[test]
fn crlf_endings_whitespace_and_blank_lines() {
    // CRLF: the CR is the line ending's, not the secret's.
    let list = format!("one\r\n\r\n{SECRET}\r\nthree\r\n");
    let (hit, tried) = found(&find(list.as_bytes(), &target(SECRET.as_bytes()))).unwrap();
    assert_eq!(
        (hit.line, tried),
        (3, 2),
        "the empty line is skipped, not tried"
    );
    // Whitespace around a line: tried as written and trimmed; the trimmed one signs here.
    let list = format!("   \n\t\n  {SECRET}\t \n");
    let (hit, tried) = found(&find(list.as_bytes(), &target(SECRET.as_bytes()))).unwrap();
    assert_eq!((hit.line, tried), (3, 2));
    assert_eq!(hit.shown, format!("{SECRET:?}"));
    // A secret that is spaces and all is found as written.
    let spaced = format!(" {SECRET} ");
    let list = format!("{spaced}\n");
    let (hit, tried) = found(&find(list.as_bytes(), &target(spaced.as_bytes()))).unwrap();
    assert_eq!((hit.shown.clone(), tried), (format!("{spaced:?}"), 1));
    // Negative twin: whitespace-only and empty lines are no secrets, not even for a token
    // signed with a space.
    let report = find(b"\n \n\r\n\t\n", &target(b" "));
    assert_eq!(not_found_after(&report), Some(0));
    // A CR alone inside a line is part of the secret: "a\rb" is not "a" nor "b".
    let report = find(b"a\rb\n", &target(b"a"));
    assert_eq!(not_found_after(&report), Some(1));
}

#[test]
fn repeated_lines_are_tried_again_and_a_bom_is_not_part_of_the_first_secret() {
    let list = format!("\u{feff}{SECRET}\n");
    let (hit, _) = found(&find(list.as_bytes(), &target(SECRET.as_bytes()))).unwrap();
    assert_eq!(hit.line, 1);
    let report = find(b"same\nsame\nsame\n", &target(SECRET.as_bytes()));
    assert_eq!(not_found_after(&report), Some(3));
}

#[test]
fn a_list_read_in_chunks_finds_a_line_split_across_them() {
    // The secret straddles the first chunk's end.
    let filler = "f".repeat(CHUNK - 10);
    let list = format!("{filler}\n{SECRET}\nafter\n");
    let bytes = list.as_bytes();
    let mut reads = Vec::new();
    let mut last = None;
    search(
        bytes.len() as u64,
        |offset, len| {
            reads.push(offset);
            let start = offset as usize;
            Ok(bytes[start..(start + len).min(bytes.len())].to_vec())
        },
        &target(SECRET.as_bytes()),
        || 0.0,
        |report| last = Some(report),
    );
    // The filler line is over MAX_LINE: skipped; the secret is found on line 2.
    let report = last.unwrap();
    let (hit, tried) = found(&report).unwrap();
    assert_eq!((hit.line, tried), (2, 1));
    assert_eq!(reads, vec![0, CHUNK as u64], "read in two chunks");
    // By hand, a byte at a time: the same answer.
    let mut scan = Scan::default();
    let target = target(SECRET.as_bytes());
    let mut hit = None;
    for byte in format!("x\n{SECRET}\n").as_bytes().chunks(1) {
        if let Some(found) = scan.feed(byte, &target, &mut |_| {}).unwrap() {
            hit = Some(found);
            break;
        }
    }
    assert_eq!(hit.unwrap().line, 2);
}

#[test]
fn a_line_too_long_is_skipped_and_counted_and_a_read_error_is_said() {
    let long = "L".repeat(MAX_LINE + 1);
    let list = format!("{long}\nshort\n");
    let report = find(list.as_bytes(), &target(SECRET.as_bytes()));
    assert!(
        matches!(
            report,
            WordlistReport::NotFound {
                tried: 1,
                too_long: 1,
                ..
            }
        ),
        "{report:?}"
    );
    // A line of exactly MAX_LINE bytes is still tried (and found).
    let exact = "E".repeat(MAX_LINE);
    let list = format!("{exact}\r\n");
    assert!(found(&find(list.as_bytes(), &target(exact.as_bytes()))).is_some());
    let mut last = None;
    search(
        10,
        |_, _| Err("NotReadableError: the file changed".to_owned()),
        &target(SECRET.as_bytes()),
        || 0.0,
        |report| last = Some(report),
    );
    assert_eq!(
        last,
        Some(WordlistReport::Unavailable {
            reason: "NotReadableError: the file changed".to_owned()
        })
    );
}

#[test]
fn non_utf8_lines_are_tried_as_bytes_and_a_binary_file_is_refused() {
    let latin1 = b"caf\xe9-secret".to_vec();
    let mut list = b"plain\n".to_vec();
    list.extend_from_slice(&latin1);
    list.push(b'\n');
    let (hit, _) = found(&find(&list, &target(&latin1))).unwrap();
    assert_eq!(hit.shown, "bytes 0x636166e92d736563726574");
    let report = find(&list, &target(SECRET.as_bytes()));
    assert!(
        matches!(
            report,
            WordlistReport::NotFound {
                not_utf8: 1,
                tried: 2,
                ..
            }
        ),
        "{report:?}"
    );
    // UTF-16 (or any binary file): refused with the reason, nothing tried.
    let utf16: Vec<u8> = "\u{feff}secret\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let WordlistReport::Unavailable { reason } = find(&utf16, &target(b"secret")) else {
        panic!("a UTF-16 file is refused");
    };
    assert!(reason.contains("not a text file"), "{reason}");
}

#[test]
fn progress_is_reported_while_a_long_list_is_searched() {
    let list: String = (0..5_000).map(|i| format!("p{i}\n")).collect();
    let tick = std::cell::Cell::new(0.0);
    let clock = || {
        tick.set(tick.get() + 30.0);
        tick.get()
    };
    let mut reports = Vec::new();
    wordlist::search_bytes(list.as_bytes(), &target(SECRET.as_bytes()), clock, |r| {
        reports.push(r)
    });
    let (last, progress) = reports.split_last().unwrap();
    assert!(matches!(last, WordlistReport::NotFound { tried: 5_000, millis, .. } if *millis > 0.0));
    assert!(!progress.is_empty());
    assert!(progress.iter().all(|r| !r.is_final()));
    let fractions: Vec<f64> = progress
        .iter()
        .map(|r| match r {
            WordlistReport::Searching { fraction, .. } => *fraction,
            _ => unreachable!(),
        })
        .collect();
    assert!(fractions.windows(2).all(|pair| pair[0] <= pair[1]));
}

#[test]
fn the_finding_names_the_list() {
    let hit = Hit {
        shown: format!("{SECRET:?}"),
        line: 7,
    };
    let finding = wordlist::finding(&ListName::File("leaked.txt".to_owned()), &hit);
    assert_eq!(finding.code, FindingCode::KnownSecret);
    assert!(
        finding.title.contains("your wordlist leaked.txt"),
        "{}",
        finding.title
    );
    assert!(finding.title.contains(SECRET));
    assert!(finding.detail.contains("Line 7"));
    let pasted = wordlist::finding(&ListName::Pasted, &hit);
    assert!(pasted.title.contains("your pasted wordlist"));
    // The hit's Debug keeps the secret out of logs.
    assert!(!format!("{hit:?}").contains(SECRET));
}

#[test]
fn requests_and_replies_cross_the_wire() {
    let target = Target::new(Hash::Sha512, b"a.b".to_vec(), vec![3; 64]);
    let requests = [
        Request::SearchWordlist(WordlistRequest {
            target: target.clone(),
            list: WordlistSource::Pasted("one\ntwo".into()),
        }),
        Request::SearchWordlist(WordlistRequest {
            target,
            list: WordlistSource::File {
                name: "rockyou \"2\".txt".to_owned(),
                bytes: 52_428_800,
            },
        }),
    ];
    for request in requests {
        assert_eq!(Request::decode(&request.encode()).unwrap(), request);
    }
    // The pasted list is redacted from the request's Debug.
    let pasted = Request::SearchWordlist(WordlistRequest {
        target: Target::new(Hash::Sha256, Vec::new(), Vec::new()),
        list: WordlistSource::Pasted(SECRET.into()),
    });
    assert!(!format!("{pasted:?}").contains(SECRET));
    let replies = [
        WordlistReport::Searching {
            fraction: 0.5,
            tried: 12,
        },
        WordlistReport::Found {
            hit: Hit {
                shown: "\"s\"".to_owned(),
                line: 4,
            },
            tried: 3,
            millis: 2.5,
        },
        WordlistReport::NotFound {
            tried: 9,
            millis: 1.0,
            too_long: 1,
            not_utf8: 2,
        },
        WordlistReport::Unavailable {
            reason: "r".to_owned(),
        },
    ];
    for report in replies {
        let reply = Reply::WordlistSearch(report);
        assert_eq!(
            reply.is_progress(),
            !matches!(&reply, Reply::WordlistSearch(r) if r.is_final())
        );
        assert_eq!(Reply::decode(&reply.encode()).unwrap(), reply);
    }
}

fn shown(state: &mut State) {
    while state.view.parts_pending.is_some() {
        state.apply(Action::ShowParts {
            generation: state.outer.generation,
        });
    }
}

fn has_wordlist_finding(state: &State) -> bool {
    state
        .findings
        .iter()
        .any(|f| f.code == FindingCode::KnownSecret && f.title.contains("wordlist"))
}

#[test]
fn the_state_searches_the_list_for_the_token_and_drops_stale_reports() {
    let mut state = State::new(token(SECRET.as_bytes()), NOW);
    shown(&mut state);
    assert_eq!(state.wordlist.as_str(), "empty");
    assert_eq!(state.wordlist_request(), None);
    // A file: the request names it and carries the page's handle for it.
    state.apply(Action::SetWordlistFile {
        name: "mine.txt".to_owned(),
        bytes: 40,
        handle: 7,
    });
    assert_eq!(state.wordlist.as_str(), "loading");
    let (generation, request, handle) = state.wordlist_request().unwrap();
    assert_eq!(handle, Some(7));
    assert!(matches!(
        &request,
        Request::SearchWordlist(WordlistRequest { list: WordlistSource::File { name, bytes: 40 }, .. }) if name == "mine.txt"
    ));
    let report = |generation, report| Action::WordlistSearch {
        generation,
        report: Ok(report),
    };
    assert!(state.apply(report(
        generation,
        WordlistReport::Searching {
            fraction: 0.5,
            tried: 1
        }
    )));
    assert_eq!(state.wordlist.as_str(), "searching");
    let hit = WordlistReport::Found {
        hit: Hit {
            shown: format!("{SECRET:?}"),
            line: 2,
        },
        tried: 2,
        millis: 1.0,
    };
    assert!(state.apply(report(generation, hit.clone())));
    assert_eq!(state.wordlist.as_str(), "found");
    let finding = state
        .findings
        .iter()
        .find(|f| f.code == FindingCode::KnownSecret)
        .unwrap();
    assert!(
        finding.title.contains("your wordlist mine.txt"),
        "{}",
        finding.title
    );

    // Pasted text replaces the file; the last list's finding goes, and its late report is
    // dropped.
    state.apply(Action::SetWordlistText("a\nb".to_owned()));
    assert!(!has_wordlist_finding(&state));
    assert!(!state.apply(report(generation, hit.clone())));
    let (pasted, request, handle) = state.wordlist_request().unwrap();
    assert_eq!(handle, None);
    assert!(matches!(
        &request,
        Request::SearchWordlist(WordlistRequest { list: WordlistSource::Pasted(text), .. }) if text.expose() == "a\nb"
    ));
    assert_eq!(state.wordlist.pasted(), "a\nb");
    // The pasted text is not in the state's Debug.
    state.apply(Action::SetWordlistText(SECRET.to_owned()));
    assert!(!format!("{:?}", state.wordlist).contains(SECRET));

    // A token change mid-search: a new search, the old one's reports dropped.
    let (before, _, _) = state.wordlist_request().unwrap();
    state.apply(Action::SetToken(token(b"another secret")));
    shown(&mut state);
    let (after, _, _) = state.wordlist_request().unwrap();
    assert_ne!(before, after);
    assert!(!state.apply(report(before, hit.clone())));
    assert!(!state.apply(report(pasted, hit)));
    assert!(!has_wordlist_finding(&state));

    // A token that is not HS: nothing to search, and the list is kept for the next one.
    state.apply(Action::SetToken(
        fixture("RS256")["token"].as_str().unwrap().to_owned(),
    ));
    assert_eq!(state.wordlist.standing, Standing::NoTarget);
    assert_eq!(state.wordlist_request(), None);
    state.apply(Action::SetToken(token(SECRET.as_bytes())));
    assert_eq!(state.wordlist.as_str(), "loading");

    // A worker that could not run says why; clearing forgets the list.
    let (now, _, _) = state.wordlist_request().unwrap();
    assert!(state.apply(Action::WordlistSearch {
        generation: now,
        report: Err("The wordlist search's worker could not be loaded: 404".to_owned()),
    }));
    assert_eq!(state.wordlist.as_str(), "unavailable");
    assert!(state.apply(Action::ClearWordlist));
    assert_eq!(state.wordlist.as_str(), "empty");
    assert!(state.wordlist.list.is_none());
    assert!(!state.apply(Action::ClearWordlist));
    // Empty text is no list.
    state.apply(Action::SetWordlistText(String::new()));
    assert_eq!(state.wordlist.as_str(), "empty");
}
