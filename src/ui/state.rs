//! The app's state as plain data plus a reducer. Each input is parsed once when it changes:
//! a new token reuses the parsed key, and a new key reuses the decoded token.

pub mod encoder;
pub mod encrypted;
pub mod generation;
pub mod workshop;

use std::rc::Rc;

use crate::jose::claims::{claim_rows, header_rows, ClaimRow, Clock, Expectations, Lifetime};
use crate::jose::embedded::{embedded_keys, EmbeddedKey};
use crate::jose::error::Error;
use crate::jose::input::{clean, CleanedInput};
use crate::jose::jwe::{self, Jwe};
use crate::jose::key::{self, KeySet, SecretEncoding};
use crate::jose::known_secrets::Target;
use crate::jose::lint::{self, Finding};
use crate::jose::platform::decide_here;
use crate::jose::protocol::{Reply, Request, SearchReport};
use crate::jose::redacted::SecretText;
use crate::jose::status::{Status, Verification};
use crate::jose::token::{decode, Decoded, Form};

pub use generation::Generation;

/// The parsed key box: `None` while it is empty.
pub type ParsedKeys = Option<ParsedKeySet>;

/// A key box's text read once.
pub type ParsedKeySet = Rc<Result<KeySet, Error>>;

/// Everything the page shows follows from these inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub token_input: String,
    pub key_input: SecretText,
    pub encoding: SecretEncoding,
    pub cleaned: CleanedInput,
    /// `None` while the token box is empty.
    pub decoded: Option<Rc<Decoded>>,
    /// Keys the token's header carries, read once per token.
    pub embedded: Rc<Vec<EmbeddedKey>>,
    pub keys: ParsedKeys,
    pub verification: Rc<Verification>,
    /// Changes with the inputs, so a slow check's verdict for older inputs is dropped.
    pub generation: Generation,
    /// Changes when a known-secret search is wanted anew (another token, or the user asked).
    pub search_generation: Generation,
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
    /// Changes with each decryption request, across tokens.
    decrypt_requests: Generation,
    /// The key box for the token inside a decrypted JWE; kept across tokens.
    pub inner_key: encrypted::InnerKey,
    /// The inner token's verdict, once a JWE decrypted to a signed token.
    pub inner_verification: Option<Rc<Verification>>,
    /// Changes with the inner token or its key, so a late WebCrypto verdict is dropped.
    pub inner_generation: Generation,
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
    /// A large token: each secret is an HMAC over all of it, so the search would take about
    /// this long, and waits until the user starts it.
    Offered {
        estimate_millis: f64,
    },
    /// Asked the worker (which loads the list first).
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
            SecretSearch::Offered { .. } => "offered",
            SecretSearch::Loading => "loading",
            SecretSearch::Searching { .. } => "searching",
            SecretSearch::Found { .. } => "found",
            SecretSearch::NotFound { .. } => "not-found",
            SecretSearch::Unavailable(_) => "unavailable",
        }
    }
}

impl SecretSearch {
    /// The state a worker's report moves the search to.
    fn from_report(report: SearchReport) -> SecretSearch {
        match report {
            SearchReport::Searching { fraction } => SecretSearch::Searching { fraction },
            SearchReport::Found { secret, tried } => SecretSearch::Found { secret, tried },
            SearchReport::NotFound { tried, millis } => SecretSearch::NotFound { tried, millis },
            SearchReport::Unavailable { reason } => SecretSearch::Unavailable(reason),
        }
    }
}

/// What the user can change.
pub enum Action {
    SetToken(String),
    SetKey(SecretText),
    SetEncoding(SecretEncoding),
    /// The verdict of the asynchronous check started for this generation of the inputs.
    Settle {
        generation: Generation,
        verification: Verification,
    },
    SetSettings(CheckSettings),
    /// The browser's clock moved on.
    Tick(f64),
    /// The user asks for the known-secret search of a large token.
    StartSecretSearch,
    /// Progress of the known-secret search of this generation, or why the worker failed.
    SecretSearch {
        generation: Generation,
        report: Result<SearchReport, String>,
    },
    /// A change in the encoder.
    Encode(encoder::Edit),
    /// The workshop worker's answer for this generation of the encoder's inputs.
    Encoded {
        generation: Generation,
        answer: Result<Reply, String>,
    },
    /// The encoder's token and its verifying key go to the decoder.
    SendToDecoder,
    /// A change in the key workshop.
    Workshop(workshop::Edit),
    /// The workshop worker's answer to a key workshop request, and how long it took.
    Forged {
        request: workshop::Request,
        answer: Result<Reply, String>,
        millis: f64,
    },
    /// The generated key becomes the encoder's signing key, with its algorithm.
    SignWithGenerated,
    /// The worker's decryption verdict for this request.
    Decrypted {
        request: Generation,
        answer: Result<Reply, String>,
    },
    /// WebCrypto's verdict on the inner token, for this generation of it.
    SettleInner {
        generation: Generation,
        verification: Verification,
    },
    /// The inner token's key box, and its secret encoding.
    SetInnerKey(SecretText),
    SetInnerEncoding(SecretEncoding),
}

impl State {
    /// The state for a token (for example from the URL fragment), no key, at time `now`.
    pub fn new(token: String, now: f64) -> State {
        let mut state = State {
            token_input: String::new(),
            key_input: SecretText::default(),
            encoding: SecretEncoding::default(),
            cleaned: CleanedInput::default(),
            decoded: None,
            embedded: Rc::default(),
            keys: None,
            verification: Rc::new(Verification::pending()),
            generation: Generation::default(),
            search_generation: Generation::default(),
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
            decrypt_requests: Generation::default(),
            inner_key: encrypted::InnerKey::default(),
            inner_verification: None,
            inner_generation: Generation::default(),
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
        self.reverify();
        self.research();
    }

    fn reparse_key(&mut self) {
        self.keys = (!self.key_input.is_empty())
            .then(|| Rc::new(key::parse(self.key_input.expose(), self.encoding)));
        self.reverify();
    }

    /// What the known-secret search looks for: the HS token, or the HS token inside a
    /// decrypted JWE.
    pub fn secret_target(&self) -> Option<Target> {
        let outer = self.decoded.as_deref().and_then(Target::of);
        outer.or_else(|| self.inner_token().as_deref().and_then(Target::of))
    }

    /// Starts the known-secret search anew for the current target: at once when it is quick,
    /// or offered to the user when the token is large.
    fn research(&mut self) {
        self.search_generation.bump();
        self.secret_search = match self.secret_target() {
            None => SecretSearch::Idle,
            Some(target) if target.runs_on_its_own() => SecretSearch::Loading,
            Some(target) => SecretSearch::Offered {
                estimate_millis: target.estimated_millis(),
            },
        };
        self.relint();
    }

    /// The search to run in the worker, tagged with its generation, while one is wanted.
    pub fn secret_search_request(&self) -> Option<(Generation, Request)> {
        let wanted = self.secret_search == SecretSearch::Loading;
        wanted.then(|| {
            let target = self.secret_target()?;
            Some((self.search_generation, Request::FindKnownSecret(target)))
        })?
    }

    /// Whether the verdict waits on a check running in the browser's WebCrypto.
    pub fn is_pending(&self) -> bool {
        self.verification.status == Status::Pending
    }

    fn reverify(&mut self) {
        self.generation.bump();
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
        if is_jwe && self.secret_search != SecretSearch::Idle {
            self.search_generation.bump();
            self.secret_search = SecretSearch::Idle;
        }
        self.encrypted = is_jwe.then(|| {
            let request = self.decrypt_requests.bump();
            let unreadable = self.json_jwe.as_deref().and_then(|jwe| jwe.as_ref().err());
            let verdict = match unreadable {
                Some(err) => encrypted::Decryption::Refused {
                    status: Status::for_error(err),
                    reason: err.to_string(),
                },
                None if self.key_input.expose().trim().is_empty() => encrypted::Decryption::NoKey,
                None => encrypted::Decryption::Pending,
            };
            encrypted::Encrypted { request, verdict }
        });
    }

    /// The decryption to ask the worker for, tagged with its request number.
    pub fn decrypt_request(&self) -> Option<(Generation, Request)> {
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
        self.inner_generation.bump();
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
    pub fn inner_platform_check(&self) -> Option<(Generation, Rc<Decoded>, ParsedKeySet)> {
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
            .filter(|finding| finding.code != crate::jose::lint::FindingCode::SensitiveData)
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
        let claims = decoded.and_then(Decoded::claims);
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

impl State {
    /// Applies one action; `false` when it changed nothing (a stale reply, say), so the page
    /// keeps the state it has and renders nothing.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::SetToken(token) => self.set_token(token),
            // The key survives token changes: pasting a new token never throws it away.
            Action::SetKey(key) => {
                self.key_input = key;
                self.reparse_key();
            }
            Action::SetEncoding(encoding) => {
                self.encoding = encoding;
                self.reparse_key();
            }
            Action::Settle {
                generation,
                verification,
            } => {
                // A verdict for inputs that have changed since is stale.
                if !self.generation.is_current(generation) || !self.is_pending() {
                    return false;
                }
                self.verification = Rc::new(verification);
            }
            Action::SetSettings(settings) => {
                self.settings = settings;
                self.relint();
            }
            Action::Tick(now) => {
                self.now = now;
                // Only time claims move with the clock; a token without them costs nothing.
                if self.tables.times != Lifetime::default() || self.inner_token().is_some() {
                    self.relint();
                }
            }
            Action::StartSecretSearch => {
                if !matches!(self.secret_search, SecretSearch::Offered { .. }) {
                    return false;
                }
                self.search_generation.bump();
                self.secret_search = SecretSearch::Loading;
            }
            Action::SecretSearch { generation, report } => {
                if !self.search_generation.is_current(generation) {
                    return false;
                }
                self.secret_search = match report {
                    Ok(report) => SecretSearch::from_report(report),
                    Err(why) => SecretSearch::Unavailable(why),
                };
                if matches!(self.secret_search, SecretSearch::Found { .. }) {
                    self.relint();
                }
            }
            Action::Encode(edit) => self.encoder.apply(edit),
            Action::Encoded { generation, answer } => self.encoder.answered(generation, answer),
            Action::SendToDecoder => return self.send_to_decoder(),
            Action::Workshop(edit) => self.workshop.apply(edit),
            Action::Forged {
                request,
                answer,
                millis,
            } => self.workshop.answered(request, answer, millis),
            Action::Decrypted { request, answer } => {
                match self.encrypted.as_mut() {
                    Some(encrypted) if encrypted.request.is_current(request) => {
                        encrypted.verdict = encrypted::Decryption::from_answer(answer);
                    }
                    _ => return false,
                }
                self.reverify_inner();
                // The search looks at a signed token inside.
                self.research();
            }
            Action::SettleInner {
                generation,
                verification,
            } => {
                let pending =
                    self.inner_verification.as_deref().map(|v| v.status) == Some(Status::Pending);
                if !self.inner_generation.is_current(generation) || !pending {
                    return false;
                }
                self.inner_verification = Some(Rc::new(verification));
            }
            Action::SetInnerKey(text) => {
                let encoding = self.inner_key.encoding;
                self.inner_key.set(text, encoding);
                self.reverify_inner();
            }
            Action::SetInnerEncoding(encoding) => {
                let text = std::mem::take(&mut self.inner_key.text);
                self.inner_key.set(text, encoding);
                self.reverify_inner();
            }
            Action::SignWithGenerated => return self.sign_with_generated(),
        }
        true
    }

    /// The encoder's token goes to the decoder with its keys: for a nested token, the
    /// decryption key (if the encoder had it) in the key box, the signature's key in the inner
    /// token's.
    fn send_to_decoder(&mut self) -> bool {
        let encoder::Output::Signed(signed) = self.encoder.output.clone() else {
            return false;
        };
        self.encoding = SecretEncoding::Utf8;
        self.key_input = match signed.inner {
            Some(_) => {
                self.inner_key.set(signed.verify_key, SecretEncoding::Utf8);
                signed.decrypt_key.unwrap_or_default()
            }
            None => signed.verify_key,
        };
        self.keys = (!self.key_input.is_empty())
            .then(|| Rc::new(key::parse(self.key_input.expose(), self.encoding)));
        self.set_token(signed.token);
        true
    }

    /// The generated key becomes the encoder's signing key, with its algorithm.
    fn sign_with_generated(&mut self) -> bool {
        let workshop::Job::Done { forms, .. } = &self.workshop.generated else {
            return false;
        };
        let Some(key) = forms.signing_key().cloned() else {
            return false;
        };
        let alg = self.workshop.kind.alg();
        self.encoder.apply(encoder::Edit::Alg(alg));
        self.encoder
            .apply(encoder::Edit::Encoding(SecretEncoding::Utf8));
        self.encoder.apply(encoder::Edit::Key(key));
        true
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match next.apply(action) {
            true => Rc::new(next),
            false => self,
        }
    }
}
