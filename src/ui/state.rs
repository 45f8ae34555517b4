//! The app's state as plain data plus a reducer. Each input is parsed once when it changes:
//! a new token reuses the parsed key, and a new key reuses the decoded token.

pub mod encoder;
pub mod encrypted;
pub mod workshop;

use std::rc::Rc;

use yew::Reducible;

use crate::jose::claims::{claim_rows, header_rows, ClaimRow, Clock, Expectations, Lifetime};
use crate::jose::embedded::{embedded_keys, EmbeddedKey};
use crate::jose::error::Error;
use crate::jose::input::{clean, CleanedInput};
use crate::jose::jwe::{self, Jwe};
use crate::jose::key::{self, KeySet, SecretEncoding};
use crate::jose::lint::{self, Finding};
use crate::jose::platform::decide_here;
use crate::jose::status::{Status, Verification};
use crate::jose::token::{decode, Decoded, Form, PayloadView};
use serde_json::{Map, Value};

/// The parsed key box: `None` while it is empty.
pub type ParsedKeys = Option<ParsedKeySet>;

/// A key box's text read once.
pub type ParsedKeySet = Rc<Result<KeySet, Error>>;

/// Everything the page shows follows from these inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub token_input: String,
    pub key_input: String,
    pub encoding: SecretEncoding,
    pub cleaned: CleanedInput,
    /// `None` while the token box is empty.
    pub decoded: Option<Rc<Decoded>>,
    /// Keys the token's header carries, read once per token.
    pub embedded: Rc<Vec<EmbeddedKey>>,
    pub keys: ParsedKeys,
    pub verification: Rc<Verification>,
    /// Counts changes to the inputs, so a slow check's verdict for older inputs is dropped.
    pub generation: u64,
    /// Counts changes to the token alone (the known-secret search depends on nothing else).
    pub token_generation: u64,
    /// How the token's times and claims are judged.
    pub settings: CheckSettings,
    /// The browser's clock, Unix seconds, updated as time passes.
    pub now: f64,
    /// Every finding, with the known-secret one once the search finds the secret.
    pub findings: Rc<Vec<Finding>>,
    /// The findings that do not move with the clock, kept between ticks.
    untimed_findings: Vec<Finding>,
    pub secret_search: SecretSearch,
    /// The header and claims tables, kept between renders.
    pub tables: Tables,
    pub encoder: encoder::Encoder,
    pub workshop: workshop::Workshop,
    /// The decryption of the current token, when it is a JWE.
    pub encrypted: Option<encrypted::Encrypted>,
    /// A pasted JSON serialization, read (it is not decoded as a compact token).
    pub json_jwe: Option<Rc<Result<Jwe, Error>>>,
    /// Counts decryption requests across tokens.
    decrypt_requests: u64,
    /// The key box for the token inside a decrypted JWE; kept across tokens.
    pub inner_key: encrypted::InnerKey,
    /// The inner token's verdict, once a JWE decrypted to a signed token.
    pub inner_verification: Option<Rc<Verification>>,
    /// Counts changes to the inner token or its key, so a late WebCrypto verdict is dropped.
    pub inner_generation: u64,
    /// The inner token's findings that do not move with the clock, kept between ticks.
    inner_untimed_findings: Vec<Finding>,
}

/// The tables of the header's parameters and the payload's claims, and the token's times.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tables {
    pub header: Rc<Vec<ClaimRow>>,
    pub claims: Rc<Vec<ClaimRow>>,
    pub times: Lifetime,
    /// The payload is a JSON object.
    pub has_claims: bool,
}

/// The user's choices for judging claims.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckSettings {
    /// Allowed clock skew, seconds.
    pub leeway: f64,
    /// The time to check at, Unix seconds; `None` is now.
    pub check_at: Option<f64>,
    pub expect: Expectations,
    /// `exp - iat` above this is a long lifetime, seconds.
    pub max_lifetime: f64,
    /// The inputs' text as typed, so half-typed values are not overwritten.
    pub typed: TypedSettings,
}

/// The settings inputs' text as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedSettings {
    pub leeway: String,
    pub check_at: String,
    pub max_lifetime_hours: String,
}

impl Default for CheckSettings {
    fn default() -> CheckSettings {
        CheckSettings {
            leeway: 0.0,
            check_at: None,
            expect: Expectations::default(),
            max_lifetime: 24.0 * 3600.0,
            typed: TypedSettings {
                leeway: "0".to_owned(),
                check_at: String::new(),
                max_lifetime_hours: "24".to_owned(),
            },
        }
    }
}

/// Where the search of the public list of known secrets stands for the current token.
#[derive(Clone, Debug, PartialEq)]
pub enum SecretSearch {
    /// Not an HS token with a full tag: nothing to search.
    Idle,
    /// Fetching the list.
    Loading,
    Searching {
        fraction: f64,
    },
    Found {
        secret: String,
        tried: usize,
    },
    NotFound {
        tried: usize,
        millis: f64,
    },
    /// The list could not be loaded.
    Unavailable(String),
}

impl SecretSearch {
    /// The page's `data-state`.
    pub fn as_str(&self) -> &'static str {
        match self {
            SecretSearch::Idle => "idle",
            SecretSearch::Loading => "loading",
            SecretSearch::Searching { .. } => "searching",
            SecretSearch::Found { .. } => "found",
            SecretSearch::NotFound { .. } => "not-found",
            SecretSearch::Unavailable(_) => "unavailable",
        }
    }
}

/// What the user can change.
pub enum Action {
    SetToken(String),
    SetKey(String),
    SetEncoding(SecretEncoding),
    /// The verdict of the asynchronous check started for this generation of the inputs.
    Settle {
        generation: u64,
        verification: Verification,
    },
    SetSettings(CheckSettings),
    /// The browser's clock moved on.
    Tick(f64),
    /// Progress of the known-secret search started for this token generation.
    SecretSearch {
        token_generation: u64,
        search: SecretSearch,
    },
    /// A change in the encoder.
    Encode(encoder::Edit),
    /// The workshop worker's answer for this generation of the encoder's inputs.
    Encoded {
        generation: u64,
        answer: String,
    },
    /// The encoder's token and its verifying key go to the decoder.
    SendToDecoder,
    /// A change in the key workshop.
    Workshop(workshop::Edit),
    /// The workshop worker's answer to a key workshop request, and how long it took.
    Forged {
        request: workshop::Request,
        answer: String,
        millis: f64,
    },
    /// The generated key becomes the encoder's signing key, with its algorithm.
    SignWithGenerated,
    /// The worker's decryption verdict for this request.
    Decrypted {
        request: u64,
        answer: String,
    },
    /// WebCrypto's verdict on the inner token, for this generation of it.
    SettleInner {
        generation: u64,
        verification: Verification,
    },
    /// The inner token's key box, and its secret encoding.
    SetInnerKey(String),
    SetInnerEncoding(SecretEncoding),
}

impl State {
    /// The state for a token (for example from the URL fragment), no key, at time `now`.
    pub fn new(token: String, now: f64) -> State {
        let mut state = State {
            token_input: String::new(),
            key_input: String::new(),
            encoding: SecretEncoding::default(),
            cleaned: CleanedInput::default(),
            decoded: None,
            embedded: Rc::default(),
            keys: None,
            verification: Rc::new(Verification::pending()),
            generation: 0,
            token_generation: 0,
            settings: CheckSettings::default(),
            now,
            findings: Rc::default(),
            untimed_findings: Vec::new(),
            secret_search: SecretSearch::Idle,
            tables: Tables::default(),
            encoder: encoder::Encoder::default(),
            workshop: workshop::Workshop::default(),
            encrypted: None,
            json_jwe: None,
            decrypt_requests: 0,
            inner_key: encrypted::InnerKey::default(),
            inner_verification: None,
            inner_generation: 0,
            inner_untimed_findings: Vec::new(),
        };
        state.set_token(token);
        state
    }

    /// The clock claims are judged by: the chosen check time, or now.
    pub fn clock(&self) -> Clock {
        Clock {
            now: self.settings.check_at.unwrap_or(self.now),
            leeway: self.settings.leeway,
        }
    }

    /// The first reason decoding failed: a broken part, or a header unusable for checking.
    pub fn decode_error(&self) -> Option<Error> {
        let decoded = self.decoded.as_ref()?;
        match decoded.errors().first() {
            Some(err) => Some((*err).clone()),
            None if self.verification.status == Status::Malformed => {
                self.verification.reason.clone()
            }
            None => None,
        }
    }

    fn set_token(&mut self, token: String) {
        self.cleaned = clean(&token);
        // JSON is an encrypted token's JSON serialization (or a paste that says why not).
        let is_json = self.cleaned.token.starts_with('{');
        self.json_jwe = is_json.then(|| Rc::new(jwe::parse(&self.cleaned.token)));
        self.decoded = (!self.cleaned.token.is_empty() && !is_json)
            .then(|| Rc::new(decode(&self.cleaned.token)));
        let header = self.decoded.as_ref().and_then(|d| d.header.as_ref().ok());
        self.embedded = Rc::new(header.map(|h| embedded_keys(&h.json)).unwrap_or_default());
        self.token_input = token;
        self.token_generation = self.token_generation.wrapping_add(1);
        self.secret_search = SecretSearch::Idle;
        self.reverify();
    }

    fn reparse_key(&mut self) {
        self.keys = (!self.key_input.is_empty())
            .then(|| Rc::new(key::parse(&self.key_input, self.encoding)));
        self.reverify();
    }

    /// Whether the verdict waits on a check running in the browser's WebCrypto.
    pub fn is_pending(&self) -> bool {
        self.verification.status == Status::Pending
    }

    fn reverify(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        let decided = decide_here(
            self.decoded.as_deref(),
            &self.cleaned.removed,
            self.keys.as_deref(),
        );
        self.verification = Rc::new(decided.unwrap_or_else(Verification::pending));
        self.redecrypt();
        let keys = self.keys.as_deref().and_then(|keys| keys.as_ref().ok());
        self.untimed_findings = self
            .decoded
            .as_deref()
            .map(|decoded| lint::untimed(decoded, keys))
            .unwrap_or_default();
        self.relint();
    }

    /// A JWE is decrypted by the workshop worker: ask anew whenever the token or key changes.
    fn redecrypt(&mut self) {
        let is_jwe = self.json_jwe.is_some()
            || self
                .decoded
                .as_deref()
                .is_some_and(|decoded| decoded.form == Ok(Form::Jwe));
        self.inner_verification = None;
        // A JWE's known-secret search is on its inner token, which must be decrypted again.
        if is_jwe {
            self.secret_search = SecretSearch::Idle;
        }
        self.encrypted = is_jwe.then(|| {
            self.decrypt_requests = self.decrypt_requests.wrapping_add(1);
            let unreadable = self.json_jwe.as_deref().and_then(|jwe| jwe.as_ref().err());
            let verdict = match unreadable {
                Some(err) => encrypted::Decryption::Refused {
                    status: Status::for_error(err).as_str().to_owned(),
                    reason: err.to_string(),
                },
                None if self.key_input.trim().is_empty() => encrypted::Decryption::NoKey,
                None => encrypted::Decryption::Pending,
            };
            encrypted::Encrypted {
                request: self.decrypt_requests,
                verdict,
            }
        });
    }

    /// The decryption to ask the worker for, tagged with its request number.
    pub fn decrypt_request(&self) -> Option<(u64, String)> {
        let encrypted = self.encrypted.as_ref()?;
        (encrypted.verdict == encrypted::Decryption::Pending).then(|| {
            let request = encrypted::request(&self.cleaned.token, &self.key_input, self.encoding);
            (encrypted.request, request)
        })
    }

    /// The inner token of a decrypted JWE, if it has one.
    pub fn inner_token(&self) -> Option<Rc<Decoded>> {
        match &self.encrypted.as_ref()?.verdict {
            encrypted::Decryption::Decrypted(opened) => opened.inner.clone(),
            _ => None,
        }
    }

    fn reverify_inner(&mut self) {
        self.inner_generation = self.inner_generation.wrapping_add(1);
        let inner = self.inner_token();
        self.inner_verification = inner.as_deref().map(|inner| {
            Rc::new(
                self.inner_key
                    .decide(inner)
                    .unwrap_or_else(Verification::pending),
            )
        });
        let keys = self
            .inner_key
            .keys
            .as_deref()
            .and_then(|keys| keys.as_ref().ok());
        self.inner_untimed_findings = inner
            .as_deref()
            .map(|inner| lint::untimed(inner, keys))
            .unwrap_or_default();
        self.relint();
    }

    /// The inner token's check to run in WebCrypto, tagged with its generation.
    pub fn inner_platform_check(&self) -> Option<(u64, Rc<Decoded>, ParsedKeySet)> {
        let pending = self.inner_verification.as_deref()?.status == Status::Pending;
        let keys = self.inner_key.keys.clone()?;
        pending.then(|| {
            self.inner_token()
                .map(|inner| (self.inner_generation, inner, keys))
        })?
    }

    /// The findings of a decrypted JWE's inner token, titled as such. Its payload travelled
    /// encrypted, so sensitive-looking claims are no finding there.
    fn inner_findings(&self) -> Vec<Finding> {
        let Some(inner) = self.inner_token() else {
            return Vec::new();
        };
        let timed = lint::timed(&inner, &self.clock(), self.settings.max_lifetime);
        lint::merge(&self.inner_untimed_findings, &timed)
            .into_iter()
            .filter(|finding| finding.code != "sensitive-data")
            .map(|finding| Finding {
                title: format!("Inner token: {}", finding.title),
                ..finding
            })
            .collect()
    }

    /// Recomputes the findings (time ones by the clock and settings, plus a found known secret)
    /// and the tables.
    fn relint(&mut self) {
        let timed = self
            .decoded
            .as_deref()
            .map(|decoded| lint::timed(decoded, &self.clock(), self.settings.max_lifetime))
            .unwrap_or_default();
        let mut findings = lint::merge(&self.untimed_findings, &timed);
        findings.extend(self.inner_findings());
        findings.sort_by_key(|finding| finding.severity);
        if let SecretSearch::Found { secret, .. } = &self.secret_search {
            let mut found = lint::known_secret(secret);
            // Without an HS token outside, the secret signs the token inside the JWE.
            if self.encrypted.is_some() {
                found.title = format!("Inner token: {}", found.title);
            }
            findings.insert(0, found);
        }
        if *self.findings != findings {
            self.findings = Rc::new(findings);
        }
        self.retabulate();
    }

    /// Rebuilds the tables; each keeps its `Rc` when unchanged, so its component skips a render.
    fn retabulate(&mut self) {
        let decoded = self.decoded.as_deref();
        let claims = decoded.and_then(payload_claims);
        let header = decoded
            .and_then(|d| d.header.as_ref().ok())
            .map(|header| header_rows(&header.json))
            .unwrap_or_default();
        let claim_table = claims
            .map(|claims| claim_rows(claims, &self.clock(), &self.settings.expect))
            .unwrap_or_default();
        if *self.tables.header != header {
            self.tables.header = Rc::new(header);
        }
        if *self.tables.claims != claim_table {
            self.tables.claims = Rc::new(claim_table);
        }
        self.tables.times = claims.map(Lifetime::of).unwrap_or_default();
        self.tables.has_claims = claims.is_some();
    }
}

/// The payload's claims, when it is a JSON object.
pub fn payload_claims(decoded: &Decoded) -> Option<&Map<String, Value>> {
    match &decoded.payload.as_ref()?.as_ref().ok()?.view {
        PayloadView::Json(Value::Object(claims)) => Some(claims),
        _ => None,
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetToken(token) => next.set_token(token),
            // The key survives token changes: pasting a new token never throws it away.
            Action::SetKey(key) => {
                next.key_input = key;
                next.reparse_key();
            }
            Action::SetEncoding(encoding) => {
                next.encoding = encoding;
                next.reparse_key();
            }
            Action::Settle {
                generation,
                verification,
            } => {
                // A verdict for inputs that have changed since is stale.
                if generation != next.generation || !next.is_pending() {
                    return self;
                }
                next.verification = Rc::new(verification);
            }
            Action::SetSettings(settings) => {
                next.settings = settings;
                next.relint();
            }
            Action::Tick(now) => {
                next.now = now;
                // Only time claims move with the clock; a token without them costs nothing.
                if next.tables.times != Lifetime::default() || next.inner_token().is_some() {
                    next.relint();
                }
            }
            Action::SecretSearch {
                token_generation,
                search,
            } => {
                if token_generation != next.token_generation {
                    return self;
                }
                let found = matches!(search, SecretSearch::Found { .. });
                next.secret_search = search;
                if found {
                    next.relint();
                }
            }
            Action::Encode(edit) => next.encoder.apply(edit),
            Action::Encoded { generation, answer } => next.encoder.answered(generation, &answer),
            Action::SendToDecoder => {
                let encoder::Output::Signed {
                    token,
                    verify_key,
                    decrypt_key,
                    inner,
                } = next.encoder.output.clone()
                else {
                    return self;
                };
                next.encoding = SecretEncoding::Utf8;
                // A nested token: the decryption key (if the encoder had it) in the key box,
                // the signature's key in the inner token's.
                next.key_input = match inner {
                    Some(_) => {
                        next.inner_key.set(verify_key, SecretEncoding::Utf8);
                        decrypt_key.unwrap_or_default()
                    }
                    None => verify_key,
                };
                next.keys = (!next.key_input.is_empty())
                    .then(|| Rc::new(key::parse(&next.key_input, next.encoding)));
                next.set_token(token);
            }
            Action::Workshop(edit) => next.workshop.apply(edit),
            Action::Forged {
                request,
                answer,
                millis,
            } => next.workshop.answered(request, &answer, millis),
            Action::Decrypted { request, answer } => {
                match next.encrypted.as_mut() {
                    Some(encrypted) if encrypted.request == request => {
                        encrypted.verdict = encrypted::Decryption::from_answer(&answer);
                    }
                    _ => return self,
                }
                next.reverify_inner();
            }
            Action::SettleInner {
                generation,
                verification,
            } => {
                let pending =
                    next.inner_verification.as_deref().map(|v| v.status) == Some(Status::Pending);
                if generation != next.inner_generation || !pending {
                    return self;
                }
                next.inner_verification = Some(Rc::new(verification));
            }
            Action::SetInnerKey(text) => {
                let encoding = next.inner_key.encoding;
                next.inner_key.set(text, encoding);
                next.reverify_inner();
            }
            Action::SetInnerEncoding(encoding) => {
                let text = std::mem::take(&mut next.inner_key.text);
                next.inner_key.set(text, encoding);
                next.reverify_inner();
            }
            Action::SignWithGenerated => {
                let workshop::Job::Done { forms, .. } = &next.workshop.generated else {
                    return self;
                };
                let Some(key) = forms.signing_key().map(str::to_owned) else {
                    return self;
                };
                next.encoder
                    .apply(encoder::Edit::Alg(next.workshop.kind.alg()));
                next.encoder
                    .apply(encoder::Edit::Encoding(SecretEncoding::Utf8));
                next.encoder.apply(encoder::Edit::Key(key));
            }
        }
        Rc::new(next)
    }
}
