//! The user's own wordlist: a file or pasted text, one secret per line, searched for an HS
//! token's secret as the built-in list is (`known_secrets`), but read in chunks so a list of
//! any size never sits in memory whole. Lines are bytes: a secret that is not UTF-8 is tried
//! as its bytes, as a server holding those bytes would use it.
//!
//! How a line becomes candidates: the line ends at LF, and one CR before it is dropped (CRLF);
//! a UTF-8 byte-order mark at the start is dropped; an empty or whitespace-only line is
//! skipped; a line is tried as written and, when it has spaces or tabs around it, trimmed too;
//! a line over `MAX_LINE` bytes is skipped and counted. Repeated lines are tried again
//! (remembering every line to skip repeats would take memory in proportion to the list; a
//! repeat costs one HMAC). A list whose first 4 KB hold a NUL byte is not text (UTF-16, or a
//! binary file picked by mistake) and is refused with the reason.

use std::fmt;

use super::hex;
use super::known_secrets::Target;
use super::lint::{Finding, FindingCode};

/// Bytes read from a file at a time.
pub const CHUNK: usize = 256 * 1024;
/// Lines longer than this are no one's secret (and would make a chunk grow without end).
pub const MAX_LINE: usize = 4096;
/// How often a running search reports its progress.
const REPORT_EVERY_MILLIS: f64 = 100.0;
/// How many candidates are tried between two looks at the clock.
const TRIES_PER_LOOK: usize = 64;
/// The head of a list looked at for NUL bytes.
const TEXT_CHECK: usize = 4096;

/// Where the list came from, which the page and the finding name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListName {
    /// Text pasted into the page.
    Pasted,
    /// A file the user picked or dropped: its name (never its path; the browser gives none).
    File(String),
}

impl fmt::Display for ListName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListName::Pasted => write!(f, "your pasted wordlist"),
            ListName::File(name) => write!(f, "your wordlist {name}"),
        }
    }
}

/// A secret from the list that verifies the signature, and where it was.
#[derive(Clone, PartialEq, Eq)]
pub struct Hit {
    /// The secret as the page shows it: quoted text, or its bytes in hex when not UTF-8.
    pub shown: String,
    /// The 1-based line it is on.
    pub line: usize,
}

impl fmt::Debug for Hit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hit {{ line: {}, secret: redacted }}", self.line)
    }
}

/// Where a wordlist search stands, as the worker reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum WordlistReport {
    /// This fraction of the list (0 to 1) is read, and this many secrets tried.
    Searching { fraction: f64, tried: usize },
    /// The signature verifies with this line's secret.
    Found { hit: Hit, tried: usize, millis: f64 },
    /// No line verifies it: how many secrets were tried, in how long, and the lines skipped as
    /// too long and those tried as bytes (not UTF-8).
    NotFound {
        tried: usize,
        millis: f64,
        too_long: usize,
        not_utf8: usize,
    },
    /// The list could not be read, and why.
    Unavailable { reason: String },
}

impl WordlistReport {
    /// Whether this report ends the search.
    pub fn is_final(&self) -> bool {
        !matches!(self, WordlistReport::Searching { .. })
    }
}

/// The finding for a signature that verifies with a secret from the user's wordlist.
pub fn finding(list: &ListName, hit: &Hit) -> Finding {
    let finding = Finding::new(
        FindingCode::KnownSecret,
        format!("Signed with a secret from {list}: {}", hit.shown),
        &format!(
            "Line {} of {list} verifies the signature: whoever has that list can forge tokens that verify with it.",
            hit.line
        ),
    );
    // The built-in list's reference names its source; this list is the user's.
    Finding {
        reference: "RFC 8725 §3.5",
        ..finding
    }
}

/// How a secret is shown: `"text"` when it is UTF-8, otherwise `bytes 0x…`.
pub fn shown(secret: &[u8]) -> String {
    match std::str::from_utf8(secret) {
        Ok(text) => format!("{text:?}"),
        Err(_) => format!("bytes 0x{}", hex::encode(secret)),
    }
}

/// Why a list is refused before any line is tried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// A NUL byte near the start, at this offset: UTF-16 or not text at all.
    NotText { at: usize },
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::NotText { at } => write!(
                f,
                "it is not a text file (a NUL byte at byte {at}; UTF-16 or binary): save it as UTF-8 text, one secret per line"
            ),
        }
    }
}

/// A search fed the list chunk by chunk: the lines a chunk ends in the middle of wait for the
/// next one.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The start of a line the last chunk did not finish.
    carry: Vec<u8>,
    /// The line being read is over `MAX_LINE`: its bytes are dropped until its end.
    overlong: bool,
    /// Bytes fed so far.
    pub read: u64,
    /// Lines begun so far (the number of the line being read).
    line: usize,
    /// Secrets tried so far.
    pub tried: usize,
    pub too_long: usize,
    pub not_utf8: usize,
}

impl fmt::Debug for Scan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scan")
            .field("read", &self.read)
            .field("tried", &self.tried)
            .finish_non_exhaustive()
    }
}

impl Scan {
    /// Tries every line `chunk` completes; `look` is called every few tries (to report
    /// progress). The first hit ends the scan.
    pub fn feed(
        &mut self,
        chunk: &[u8],
        target: &Target,
        look: &mut dyn FnMut(&Scan),
    ) -> Result<Option<Hit>, Refused> {
        let mut rest = chunk;
        if self.read == 0 {
            let head = chunk.get(..TEXT_CHECK.min(chunk.len())).unwrap_or_default();
            if let Some(at) = head.iter().position(|byte| *byte == 0) {
                return Err(Refused::NotText { at });
            }
            rest = chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk);
        }
        self.read += chunk.len() as u64;
        while let Some(end) = rest.iter().position(|byte| *byte == b'\n') {
            let (line, after) = rest.split_at(end);
            rest = after.get(1..).unwrap_or_default();
            let hit = match self.carry.is_empty() && !self.overlong {
                true => self.line_ends(line, target, look),
                false => {
                    let mut whole = std::mem::take(&mut self.carry);
                    self.keep(&mut whole, line);
                    let hit = self.line_ends(&whole, target, look);
                    whole.clear();
                    self.carry = whole;
                    hit
                }
            };
            if hit.is_some() {
                return Ok(hit);
            }
        }
        let mut carry = std::mem::take(&mut self.carry);
        self.keep(&mut carry, rest);
        self.carry = carry;
        Ok(None)
    }

    /// The last line, when the list does not end in a line break.
    pub fn finish(&mut self, target: &Target) -> Option<Hit> {
        if self.carry.is_empty() && !self.overlong {
            return None;
        }
        let last = std::mem::take(&mut self.carry);
        self.line_ends(&last, target, &mut |_| {})
    }

    /// Adds `bytes` to the line being read, unless that makes it too long.
    fn keep(&mut self, line: &mut Vec<u8>, bytes: &[u8]) {
        if self.overlong {
            return;
        }
        if line.len() + bytes.len() > MAX_LINE + 1 {
            // One byte over the limit is kept for a CR that may end the line.
            self.overlong = true;
            line.clear();
            return;
        }
        line.extend_from_slice(bytes);
    }

    /// One whole line (without its LF): its candidates tried.
    fn line_ends(
        &mut self,
        line: &[u8],
        target: &Target,
        look: &mut dyn FnMut(&Scan),
    ) -> Option<Hit> {
        self.line += 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if std::mem::take(&mut self.overlong) || line.len() > MAX_LINE {
            self.too_long += 1;
            return None;
        }
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            return None;
        }
        if std::str::from_utf8(line).is_err() {
            self.not_utf8 += 1;
        }
        let candidates = [Some(line), (trimmed.len() != line.len()).then_some(trimmed)];
        for secret in candidates.into_iter().flatten() {
            self.tried += 1;
            if self.tried.is_multiple_of(TRIES_PER_LOOK) {
                look(self);
            }
            if target.matches(secret) {
                return Some(Hit {
                    shown: shown(secret),
                    line: self.line,
                });
            }
        }
        None
    }
}

/// Searches a list of `total` bytes that `read(offset, len)` hands out in chunks (a file in
/// the worker, or pasted text), reporting progress about every 100 ms and then the result,
/// with `clock` giving milliseconds. Runs to the end: the worker that runs it is stopped to
/// cancel.
pub fn search(
    total: u64,
    mut read: impl FnMut(u64, usize) -> Result<Vec<u8>, String>,
    target: &Target,
    clock: impl Fn() -> f64,
    mut report: impl FnMut(WordlistReport),
) {
    let started = clock();
    let mut reported = started;
    let mut scan = Scan::default();
    let mut look = |scan: &Scan| {
        let now = clock();
        if now - reported >= REPORT_EVERY_MILLIS {
            reported = now;
            report(WordlistReport::Searching {
                fraction: fraction(scan.read, total),
                tried: scan.tried,
            });
        }
    };
    let mut offset = 0;
    let outcome = loop {
        if offset >= total {
            break Ok(scan.finish(target));
        }
        let chunk = match read(offset, CHUNK) {
            Ok(chunk) if chunk.is_empty() => break Ok(scan.finish(target)),
            Ok(chunk) => chunk,
            Err(reason) => break Err(reason),
        };
        offset += chunk.len() as u64;
        match scan.feed(&chunk, target, &mut look) {
            Ok(Some(hit)) => break Ok(Some(hit)),
            Ok(None) => look(&scan),
            Err(refused) => break Err(refused.to_string()),
        }
    };
    let millis = clock() - started;
    report(match outcome {
        Ok(Some(hit)) => WordlistReport::Found {
            hit,
            tried: scan.tried,
            millis,
        },
        Ok(None) => WordlistReport::NotFound {
            tried: scan.tried,
            millis,
            too_long: scan.too_long,
            not_utf8: scan.not_utf8,
        },
        Err(reason) => WordlistReport::Unavailable { reason },
    });
}

/// `search` over a list held whole (pasted text, or a test's).
pub fn search_bytes(
    list: &[u8],
    target: &Target,
    clock: impl Fn() -> f64,
    report: impl FnMut(WordlistReport),
) {
    let read = |offset: u64, len: usize| {
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(list.len());
        let end = start.saturating_add(len).min(list.len());
        Ok(list.get(start..end).unwrap_or_default().to_vec())
    };
    search(list.len() as u64, read, target, clock, report);
}

/// Searches a list held whole at once: the hit, or the final report (tests).
pub fn find(list: &[u8], target: &Target) -> WordlistReport {
    let mut last = WordlistReport::Unavailable {
        reason: "no report".to_owned(),
    };
    search_bytes(list, target, || 0.0, |report| last = report);
    last
}

fn fraction(read: u64, total: u64) -> f64 {
    match total {
        0 => 1.0,
        total => (read as f64 / total as f64).min(1.0),
    }
}
