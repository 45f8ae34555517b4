//! The known-secret search: does an HS token's signature verify with a secret from a public
//! list of leaked and example secrets? The list has about 100,000 lines, so the search runs in
//! steps the page can spread over idle time without holding up typing.

use super::alg::{Family, Hash};
use super::hmac;
use super::token::Decoded;
use super::verify;

/// What an HS signature check needs, owned so the search can outlive the keystroke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    hash: Hash,
    signing_input: Vec<u8>,
    signature: Vec<u8>,
}

impl Target {
    /// The target for an HS token whose signature has the hash's length; `None` otherwise.
    pub fn of(decoded: &Decoded) -> Option<Target> {
        let signed = verify::prepare(decoded).ok()?;
        let hash = signed
            .alg
            .hash()
            .filter(|_| signed.alg.family() == Family::Hmac)?;
        (signed.signature.len() == hash.output_len()).then(|| Target {
            hash,
            signing_input: signed.signing_input.to_vec(),
            signature: signed.signature.to_vec(),
        })
    }

    /// A target as the worker receives it.
    pub fn new(hash: Hash, signing_input: Vec<u8>, signature: Vec<u8>) -> Target {
        Target {
            hash,
            signing_input,
            signature,
        }
    }

    pub fn hash(&self) -> Hash {
        self.hash
    }

    pub fn signing_input(&self) -> &[u8] {
        &self.signing_input
    }

    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// Roughly how long, in milliseconds, a search of the whole list takes in the browser: each
    /// entry is one HMAC over the whole signing input, so the time grows with the token.
    pub fn estimated_millis(&self) -> f64 {
        let block = self.hash.block_len();
        // The padded message, the two key pads and the outer hash, in compression blocks.
        let blocks = (self.signing_input.len() + 17).div_ceil(block) + 3;
        LIST_ENTRIES as f64 * blocks as f64 * MICROS_PER_BLOCK / 1000.0
    }

    /// Whether the search is short enough to start on its own; a longer one waits to be asked.
    pub fn runs_on_its_own(&self) -> bool {
        self.estimated_millis() <= AUTOMATIC_MILLIS
    }

    /// Whether the signature verifies with `secret`.
    pub fn matches(&self, secret: &[u8]) -> bool {
        hmac::verify(self.hash, secret, &self.signing_input, &self.signature)
    }
}

/// Where a known-secret search stands, as the worker reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchReport {
    /// This fraction of the list (0 to 1) has been tried.
    Searching {
        fraction: f64,
    },
    /// The signature verifies with this listed secret.
    Found {
        secret: String,
        tried: usize,
    },
    NotFound {
        tried: usize,
        millis: f64,
    },
    /// The list could not be loaded, and why.
    Unavailable {
        reason: String,
    },
}

impl SearchReport {
    /// Whether this report ends the search.
    pub fn is_final(&self) -> bool {
        !matches!(self, SearchReport::Searching { .. })
    }
}

/// Secrets in `assets/jwt.secrets.list` (its non-empty lines), for estimates made before it loads.
pub const LIST_ENTRIES: usize = 103_978;
/// One hash compression block in WebAssembly, measured in headless Chromium (whole list over
/// the jwt.io example token, 7 blocks an entry, in about 380 ms).
const MICROS_PER_BLOCK: f64 = 0.52;
/// Searches estimated to finish within this start without being asked.
const AUTOMATIC_MILLIS: f64 = 1000.0;
/// How often a running search reports its progress.
const REPORT_EVERY_MILLIS: f64 = 100.0;

/// Searches the whole list, reporting progress about every 100 ms and then the result, with
/// `clock` giving milliseconds. Runs to the end: the worker that runs it is stopped to cancel.
pub fn search(
    list: &str,
    target: &Target,
    clock: impl Fn() -> f64,
    mut report: impl FnMut(SearchReport),
) {
    let started = clock();
    let mut reported = started;
    let mut search = Search::default();
    loop {
        match search.step(list, target, 256) {
            Progress::Found(secret) => {
                let tried = search.tried;
                return report(SearchReport::Found { secret, tried });
            }
            Progress::NotFound => {
                let tried = search.tried;
                let millis = clock() - started;
                return report(SearchReport::NotFound { tried, millis });
            }
            Progress::Searching => {
                let now = clock();
                if now - reported >= REPORT_EVERY_MILLIS {
                    reported = now;
                    report(SearchReport::Searching {
                        fraction: search.fraction(list),
                    });
                }
            }
        }
    }
}

/// Where a search stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    /// Byte offset of the next line of the list.
    position: usize,
    /// Secrets tried so far.
    pub tried: usize,
}

/// The result of one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The signature verifies with this secret (a line of the list).
    Found(String),
    /// Not found yet; call `step` again.
    Searching,
    /// Every line was tried.
    NotFound,
}

impl Search {
    /// Tries up to `budget` more lines of `list` (one secret per line, LF or CRLF).
    pub fn step(&mut self, list: &str, target: &Target, budget: usize) -> Progress {
        let rest = list.get(self.position..).unwrap_or_default();
        for line in rest.split_inclusive('\n').take(budget) {
            self.position += line.len();
            let secret = line.strip_suffix('\n').unwrap_or(line);
            let secret = secret.strip_suffix('\r').unwrap_or(secret);
            if secret.is_empty() {
                continue;
            }
            self.tried += 1;
            if target.matches(secret.as_bytes()) {
                return Progress::Found(secret.to_owned());
            }
        }
        if self.position >= list.len() {
            Progress::NotFound
        } else {
            Progress::Searching
        }
    }

    /// How far through the list the search is, from 0 to 1.
    pub fn fraction(&self, list: &str) -> f64 {
        match list.len() {
            0 => 1.0,
            len => self.position as f64 / len as f64,
        }
    }
}

/// Searches the whole list at once (tests and the benchmark).
pub fn find(list: &str, target: &Target) -> Option<String> {
    let mut search = Search::default();
    loop {
        match search.step(list, target, usize::MAX) {
            Progress::Found(secret) => return Some(secret),
            Progress::NotFound => return None,
            Progress::Searching => {}
        }
    }
}
