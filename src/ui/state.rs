//! The app's state as plain data plus a reducer. Each input is read once when it changes: a
//! new token reuses the parsed key box, and a new key reuses the decoded token. The pasted
//! token and the token inside a decrypted JWE are each one `Inspection` from the core.

pub mod attacks;
pub mod compare;
pub mod encoder;
pub mod encrypted;
pub mod generation;
pub mod view;
pub mod wordlist;
pub mod workshop;

use std::rc::Rc;

use crate::jose::alg::Alg;
use crate::jose::detached::{GivenPayload, PayloadEncoding};
use crate::jose::diagnosis::{worth_diagnosing, Diagnosis};
use crate::jose::examples::Example;
use crate::jose::inspection::{Inspection, ParsedKeys};
use crate::jose::json_view;
use crate::jose::key::{self, SecretEncoding};
use crate::jose::known_secrets::Target;
use crate::jose::lint::Finding;
use crate::jose::protocol::{Reply, Request, SearchReport, WordlistReport, WordlistRequest};
use crate::jose::redacted::SecretText;
use crate::jose::sd_jwt::Expectation;
use crate::jose::status::Status;
use crate::jose::token::Decoded;

pub use crate::jose::inspection::{CheckSettings, Tables, TypedSettings};
pub use generation::Generation;
pub use view::{Mode, Part, PartView, View};

/// A key box: its text, how a secret in it is encoded, and the keys read from it once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyBox {
    pub text: SecretText,
    pub encoding: SecretEncoding,
    pub keys: ParsedKeys,
}

impl KeyBox {
    pub fn set(&mut self, text: SecretText, encoding: SecretEncoding) {
        self.keys = (!text.is_empty()).then(|| Rc::new(key::parse(text.expose(), encoding)));
        self.text = text;
        self.encoding = encoding;
    }
}

/// Everything the page shows follows from these inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The pasted token with its key box, inspected.
    pub outer: Outer,
    /// An encrypted token's decryption, and the signed token inside it with its own key box.
    pub inner: Inner,
    /// The known-secret search for the current HS token (outer or inner).
    pub search: Search,
    /// The user's own wordlist, searched for the same token.
    pub wordlist: wordlist::Wordlist,
    pub settings: CheckSettings,
    /// The browser's clock, Unix seconds, updated as time passes.
    pub now: f64,
    /// The findings of both tokens, most severe first.
    pub findings: Rc<Vec<Finding>>,
    pub encoder: encoder::Encoder,
    pub workshop: workshop::Workshop,
    /// The Compare mode's two tokens, checked with the decoder's key box.
    pub compare: compare::Compare,
    /// The attack lab's URL and tokens.
    pub attacks: attacks::AttackLab,
    /// The mode and the other presentation choices.
    pub view: View,
}

/// The pasted token: its text, the key box, and their inspection.
#[derive(Clone, Debug, PartialEq)]
pub struct Outer {
    /// Shared, as the state is cloned on every action and a token may be a megabyte.
    pub input: Rc<str>,
    pub key: KeyBox,
    /// The payload box, for a token whose content is detached or unencoded; kept across
    /// tokens as the key box is.
    pub payload: GivenPayload,
    /// What the verifier expects an SD-JWT's key binding `aud` and `nonce` to be; kept across
    /// tokens, as a verifier's settings are.
    pub kb_expected: Expectation,
    pub inspection: Inspection,
    /// Why the signature failed, as the worker found it for the inputs of that generation.
    pub diagnosis: Option<(Generation, Rc<Vec<Diagnosis>>)>,
    /// Changes with the token or key, so a slow check's verdict for older ones is dropped.
    pub generation: Generation,
}

/// An encrypted token's side: its decryption, and the token inside with its own key box.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inner {
    /// Kept across tokens, as the outer key box is.
    pub key: KeyBox,
    /// The decryption of the pasted token, when it is a JWE.
    pub decryption: Option<encrypted::Encrypted>,
    /// The signed token inside a decrypted JWE, inspected with `key`.
    pub inspection: Option<Inspection>,
    /// Changes with the inner token or its key.
    pub generation: Generation,
    /// Changes with each decryption request, across tokens.
    requests: Generation,
}

/// The known-secret search: where it stands, and which search that is.
#[derive(Clone, Debug, PartialEq)]
pub struct Search {
    pub state: SecretSearch,
    /// Changes when a search is wanted anew (another token, or the user asked).
    pub generation: Generation,
}

/// Where the search of the public list of known secrets stands for the current token.
#[derive(Clone, Debug, PartialEq)]
pub enum SecretSearch {
    /// Not an HS token with a full tag: nothing to search.
    Idle,
    /// A large token: each secret is an HMAC over all of it, so the search would take about
    /// this long, and waits until the user starts it.
    Offered { estimate_millis: f64 },
    /// Asked the worker (which loads the list first).
    Loading,
    /// What the worker last reported (its failure to run included, as `Unavailable`).
    Reported(SearchReport),
}

impl SecretSearch {
    /// The page's `data-state`.
    pub fn as_str(&self) -> &'static str {
        match self {
            SecretSearch::Idle => "idle",
            SecretSearch::Offered { .. } => "offered",
            SecretSearch::Loading => "loading",
            SecretSearch::Reported(SearchReport::Searching { .. }) => "searching",
            SecretSearch::Reported(SearchReport::Found { .. }) => "found",
            SecretSearch::Reported(SearchReport::NotFound { .. }) => "not-found",
            SecretSearch::Reported(SearchReport::Unavailable { .. }) => "unavailable",
        }
    }
}

/// What the user can change, and what slow work answers.
pub enum Action {
    SetToken(String),
    SetKey(SecretText),
    SetEncoding(SecretEncoding),
    /// The payload box of a token whose content is detached, and how its text is read.
    SetPayload(String),
    SetPayloadEncoding(PayloadEncoding),
    /// The `aud` and `nonce` the verifier expects of an SD-JWT's key binding JWT.
    ExpectKeyBinding(Expectation),
    /// The URL the tester hosts the attack lab's jku/x5u content at.
    SetAttackUrl(String),
    /// The worker's attack lab tokens for these inputs.
    AttacksMade {
        made: attacks::Made,
        answer: Reply,
    },
    /// What the worker found would have made the signature of this generation's inputs match.
    Diagnosed {
        generation: Generation,
        found: Vec<Diagnosis>,
    },
    /// The verdict of the platform check started for this generation of the inputs.
    Settle {
        generation: Generation,
        verification: crate::jose::status::Verification,
    },
    /// The platform's verdict on an SD-JWT's key binding JWT, for this generation of the inputs.
    SettleKeyBinding {
        generation: Generation,
        verification: crate::jose::status::Verification,
    },
    /// The platform's answers to a certificate chain's link signatures, in the plan's order,
    /// for this generation of the inputs.
    SettleChain {
        generation: Generation,
        answers: Vec<crate::jose::platform::PlatformAnswer>,
    },
    /// The platform's verdict on one signature of a JWS JSON serialization, for this
    /// generation of the inputs.
    SettleSignature {
        generation: Generation,
        index: usize,
        verification: crate::jose::status::Verification,
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
    /// The user's wordlist: pasted text (empty for none), or a file the page holds by `handle`.
    SetWordlistText(String),
    SetWordlistFile {
        name: String,
        bytes: u64,
        handle: u32,
    },
    /// The wordlist is forgotten, and its search given up.
    ClearWordlist,
    /// Progress of the wordlist search of this generation, or why the worker failed.
    WordlistSearch {
        generation: Generation,
        report: Result<WordlistReport, String>,
    },
    /// A change in the encoder.
    Encode(encoder::Edit),
    /// The worker's answer for this generation of the encoder's inputs.
    Encoded {
        generation: Generation,
        answer: Reply,
    },
    /// The encoder's token and its verifying key go to the decoder.
    SendToDecoder,
    /// A change in the key workshop.
    Workshop(workshop::Edit),
    /// The worker's answer to a key workshop request, and how long it took.
    Forged {
        request: workshop::Request,
        answer: Reply,
        millis: f64,
    },
    /// The generated key becomes the encoder's signing key, with its algorithm.
    SignWithGenerated,
    /// The worker's decryption verdict for this request.
    Decrypted {
        request: Generation,
        answer: Reply,
    },
    /// The platform's verdict on the inner token, for this generation of it.
    SettleInner {
        generation: Generation,
        verification: crate::jose::status::Verification,
    },
    /// The inner token's key box, and its secret encoding.
    SetInnerKey(SecretText),
    SetInnerEncoding(SecretEncoding),
    /// A tab was chosen.
    SetMode(Mode),
    /// A token in one of the Compare mode's boxes.
    SetCompareToken(compare::Side, String),
    /// The decoder's token goes into the Compare mode's first box.
    CompareWithDecoder,
    /// The platform's verdict on one of the compared tokens, for this generation of it.
    SettleCompare {
        side: compare::Side,
        generation: Generation,
        verification: crate::jose::status::Verification,
    },
    /// A link was opened (at load, or a new fragment): its token, key and mode.
    OpenLink {
        token: Option<String>,
        key: Option<SecretText>,
        mode: Option<Mode>,
    },
    /// An example from the menu fills the token and key boxes.
    LoadExample(Example),
    /// The token box is emptied.
    ClearToken,
    /// The token moved into the decoder goes back to what it replaced.
    RestorePrevious,
    /// The decoded token's header and payload go to the encoder (without the key).
    EditInEncoder,
    /// The header or payload is shown as JSON or as a table.
    SetPartView(Part, PartView),
    /// Whether share links carry the key box (public keys only).
    ShareKey(bool),
    /// The verdict of a new token or key is in the page: its parts follow. Tagged with the
    /// inputs' generation it was asked for, so a step asked for an older token or key is dropped.
    ShowParts {
        generation: Generation,
    },
}

impl State {
    /// The state for a token (for example from the URL fragment), no key, at time `now`.
    pub fn new(token: String, now: f64) -> State {
        let settings = CheckSettings::default();
        let compare = compare::Compare::new(&settings, now);
        let mut state = State {
            outer: Outer {
                input: Rc::from(""),
                key: KeyBox::default(),
                payload: GivenPayload::default(),
                kb_expected: Expectation::default(),
                diagnosis: None,
                inspection: Inspection::of_text("", None, &settings, now),
                generation: Generation::default(),
            },
            inner: Inner::default(),
            search: Search {
                state: SecretSearch::Idle,
                generation: Generation::default(),
            },
            wordlist: wordlist::Wordlist::default(),
            settings,
            now,
            findings: Rc::default(),
            encoder: encoder::Encoder::default(),
            workshop: workshop::Workshop::default(),
            compare,
            attacks: attacks::AttackLab::default(),
            view: View::default(),
        };
        state.set_token(token);
        state.show_held_parts();
        state
    }

    /// A first render has no earlier panes to keep while its verdict goes first: a token of
    /// ordinary size is shown whole at once (a big one keeps its steps).
    pub fn show_held_parts(&mut self) {
        if self.view.parts_pending == Some(view::PartsToCome::Held) {
            self.apply(Action::ShowParts {
                generation: self.outer.generation,
            });
        }
    }

    /// The clock claims are judged by: the chosen check time, or now.
    pub fn clock(&self) -> crate::jose::claims::Clock {
        self.settings.clock(self.now)
    }

    /// Whether the verdict waits on a check running in the browser's WebCrypto.
    pub fn is_pending(&self) -> bool {
        self.outer.inspection.verification.status == Status::Pending
    }

    fn set_token(&mut self, token: String) {
        // The findings and tables follow the verdict (`Action::ShowParts`).
        self.outer.inspection = Inspection::verdict_first(
            &token,
            self.outer.key.keys.clone(),
            &self.outer.payload,
            self.clock().now as i64,
        );
        self.view.parts_pending = Some(match token.len() > view::PARTS_AFTER_VERDICT_ABOVE {
            true => view::PartsToCome::All,
            false => view::PartsToCome::Held,
        });
        self.outer.input = token.into();
        self.outer.generation.bump();
        self.redecrypt();
        self.research();
    }

    fn set_key(&mut self, text: SecretText, encoding: SecretEncoding) {
        self.outer.key.set(text, encoding);
        self.compare
            .rekey(self.outer.key.keys.clone(), &self.settings, self.now);
        self.outer
            .inspection
            .rekey_verdict_first(self.outer.key.keys.clone());
        // A new key's verdict goes before its findings. A big token not yet showing its small
        // parts keeps its steps; one that shows them holds them, as they are the old key's.
        if self.view.parts_pending != Some(view::PartsToCome::All) {
            self.view.parts_pending = Some(view::PartsToCome::Held);
        }
        self.outer.generation.bump();
        self.redecrypt();
        // A JWE's known-secret search is on its inner token, which must be decrypted again.
        if self.outer.inspection.is_jwe() {
            self.research();
        }
        self.merge_findings();
    }

    fn set_payload(&mut self, given: GivenPayload) {
        self.outer.payload = given.clone();
        let had_box = self.outer.inspection.payload_box.is_some();
        self.outer.inspection.give_payload(given);
        if !had_box {
            return;
        }
        if self.view.parts_pending != Some(view::PartsToCome::All) {
            self.view.parts_pending = Some(view::PartsToCome::Held);
        }
        self.outer.generation.bump();
        // The signature an HS search looks for is over the payload given.
        self.research();
        self.merge_findings();
    }

    /// A JWE is decrypted by the worker: ask anew whenever the token or key changes.
    fn redecrypt(&mut self) {
        let is_jwe = self.outer.inspection.is_jwe();
        self.set_inner(None);
        self.inner.decryption = is_jwe.then(|| {
            let request = self.inner.requests.bump();
            let unreadable = self
                .outer
                .inspection
                .json_jwe
                .as_deref()
                .and_then(|jwe| jwe.as_ref().err());
            let verdict = match unreadable {
                Some(err) => encrypted::Decryption::Refused {
                    status: Status::for_error(err),
                    reason: err.to_string(),
                },
                None if self.outer.key.text.expose().trim().is_empty() => {
                    encrypted::Decryption::NoKey
                }
                None => encrypted::Decryption::Pending,
            };
            encrypted::Encrypted { request, verdict }
        });
    }

    /// The diagnosis to ask the worker for, when the verdict is one it can explain and the
    /// inputs have none yet.
    pub fn diagnosis_request(&self) -> Option<(Generation, Request)> {
        let generation = self.diagnosis_wanted()?;
        let request = Request::Diagnose {
            token: self.outer.input.to_string(),
            key: self.outer.key.text.clone(),
            encoding: self.outer.key.encoding,
        };
        Some((generation, request))
    }

    /// The inputs a diagnosis is wanted for, without building the request (which copies the
    /// token): what a render and the hook's key need.
    pub fn diagnosis_wanted(&self) -> Option<Generation> {
        let generation = self.outer.generation;
        let done = matches!(&self.outer.diagnosis, Some((of, _)) if *of == generation);
        let wanted = worth_diagnosing(&self.outer.inspection.verification)
            && !self.outer.key.text.is_empty()
            && self.outer.inspection.json_jws.is_none();
        (wanted && !done).then_some(generation)
    }

    /// The attack lab's request, while its tab is open and the tokens are not made for the
    /// current token, key and URL.
    pub fn attacks_request(&self) -> Option<(attacks::Made, Request)> {
        let made = self.attacks_wanted()?;
        let request = Request::Attacks {
            token: self.outer.inspection.cleaned.token.to_string(),
            key: self.outer.key.text.clone(),
            encoding: self.outer.key.encoding,
            url: self.attacks.url.clone(),
        };
        Some((made, request))
    }

    /// The inputs the attack lab's tokens are wanted for, without building the request.
    pub fn attacks_wanted(&self) -> Option<attacks::Made> {
        let made = (self.outer.generation, self.attacks.generation);
        let current = matches!(&self.attacks.made, Some((of, _)) if *of == made);
        let wanted = self.view.mode == Mode::Attacks
            && !current
            && self.outer.inspection.decoded.is_some()
            && !self.outer.inspection.is_jwe();
        wanted.then_some(made)
    }

    /// The attack lab's tokens for the current inputs, once made.
    pub fn attacks(&self) -> Option<&attacks::Lab> {
        let made = (self.outer.generation, self.attacks.generation);
        match &self.attacks.made {
            Some((of, result)) if *of == made => Some(result),
            _ => None,
        }
    }

    /// The diagnosis of the current inputs' failed signature, once found.
    pub fn diagnosis(&self) -> Option<Rc<Vec<Diagnosis>>> {
        match &self.outer.diagnosis {
            Some((of, found)) if *of == self.outer.generation => Some(Rc::clone(found)),
            _ => None,
        }
    }

    /// The decryption to ask the worker for, tagged with its request's generation.
    pub fn decrypt_request(&self) -> Option<(Generation, Request)> {
        let encrypted = self.inner.decryption.as_ref()?;
        matches!(encrypted.verdict, encrypted::Decryption::Pending).then(|| {
            let request = encrypted::request(
                &self.outer.inspection.cleaned.token,
                &self.outer.key.text,
                self.outer.key.encoding,
            );
            (encrypted.request, request)
        })
    }

    /// The signed token inside a decrypted JWE, if it has one.
    pub fn inner_token(&self) -> Option<Rc<Decoded>> {
        match &self.inner.decryption.as_ref()?.verdict {
            encrypted::Decryption::Decrypted(opened) => opened.inner.clone(),
            _ => None,
        }
    }

    /// Inspects the inner token (or none) with the inner key box.
    fn set_inner(&mut self, inner: Option<Rc<Decoded>>) {
        self.inner.generation.bump();
        self.inner.inspection = inner.map(|inner| {
            Inspection::of_inner(inner, self.inner.key.keys.clone(), &self.settings, self.now)
        });
        self.merge_findings();
    }

    fn set_inner_key(&mut self, text: SecretText, encoding: SecretEncoding) {
        self.inner.key.set(text, encoding);
        self.inner.generation.bump();
        if let Some(inner) = self.inner.inspection.as_mut() {
            inner.rekey(self.inner.key.keys.clone(), &self.settings, self.now);
        }
        self.merge_findings();
    }

    /// What the known-secret search looks for: the HS token, or the HS token inside a
    /// decrypted JWE.
    pub fn secret_target(&self) -> Option<Target> {
        let inner = self
            .inner
            .inspection
            .as_ref()
            .and_then(Inspection::secret_target);
        self.outer.inspection.secret_target().or(inner)
    }

    /// Starts the known-secret search anew for the current target: at once when it is quick,
    /// or offered to the user when the token is large.
    fn research(&mut self) {
        self.rewordlist();
        self.search.generation.bump();
        self.search.state = match self.secret_target() {
            None => SecretSearch::Idle,
            Some(target) if target.runs_on_its_own() => SecretSearch::Loading,
            Some(target) => SecretSearch::Offered {
                estimate_millis: target.estimated_millis(),
            },
        };
    }

    /// The search to run in the worker, tagged with its generation, while one is wanted.
    pub fn secret_search_request(&self) -> Option<(Generation, Request)> {
        let wanted = matches!(self.search.state, SecretSearch::Loading);
        wanted.then(|| {
            let target = self.secret_target()?;
            Some((self.search.generation, Request::FindKnownSecret(target)))
        })?
    }

    /// Starts the wordlist search anew (another list, or another token): the last list's
    /// finding goes, and a search is wanted when there is a list and an HS token.
    fn rewordlist(&mut self) {
        let (settings, now) = (self.settings.clone(), self.now);
        self.outer
            .inspection
            .found_in_wordlist(None, &settings, now);
        if let Some(inner) = self.inner.inspection.as_mut() {
            inner.found_in_wordlist(None, &settings, now);
        }
        self.merge_findings();
        let has_target = self.secret_target().is_some();
        self.wordlist.restart(has_target);
    }

    /// The wordlist search to run in the worker, tagged with its generation, and the handle
    /// of the file the page holds (for a file), while one is wanted.
    pub fn wordlist_request(&self) -> Option<(Generation, Request, Option<u32>)> {
        let list = self.wordlist.wanted()?;
        let target = self.secret_target()?;
        let handle = match list {
            wordlist::List::File { handle, .. } => Some(*handle),
            wordlist::List::Pasted(_) => None,
        };
        let request = Request::SearchWordlist(WordlistRequest {
            target,
            list: list.source(),
        });
        Some((self.wordlist.generation, request, handle))
    }

    /// A secret from the wordlist signs the pasted token, or (without an HS token outside)
    /// the one inside.
    fn found_in_wordlist(&mut self, hit: &crate::jose::wordlist::Hit) {
        let Some(list) = self.wordlist.list.as_ref() else {
            return;
        };
        let finding = Some(crate::jose::wordlist::finding(&list.name(), hit));
        let (settings, now) = (self.settings.clone(), self.now);
        if self.outer.inspection.secret_target().is_some() {
            self.outer
                .inspection
                .found_in_wordlist(finding, &settings, now);
        } else if let Some(inner) = self.inner.inspection.as_mut() {
            inner.found_in_wordlist(finding, &settings, now);
        }
        self.merge_findings();
    }

    /// The found secret signs the pasted token, or (without an HS token outside) the one inside.
    fn found_secret(&mut self, secret: String) {
        if self.outer.inspection.secret_target().is_some() {
            self.outer
                .inspection
                .found_secret(secret, &self.settings, self.now);
        } else if let Some(inner) = self.inner.inspection.as_mut() {
            inner.found_secret(secret, &self.settings, self.now);
        }
        self.merge_findings();
    }

    /// Judges both tokens' times again (the clock moved, or the settings changed).
    fn retime(&mut self) {
        self.outer.inspection.retime(&self.settings, self.now);
        if let Some(inner) = self.inner.inspection.as_mut() {
            inner.retime(&self.settings, self.now);
        }
        self.merge_findings();
    }

    /// The findings of both tokens in one list, most severe first; the `Rc` is kept when
    /// nothing changed, so the view skips a render.
    fn merge_findings(&mut self) {
        let inner = self
            .inner
            .inspection
            .as_ref()
            .map(|inner| inner.findings.as_slice());
        let mut findings: Vec<Finding> = self
            .outer
            .inspection
            .findings
            .iter()
            .chain(inner.unwrap_or_default())
            .cloned()
            .collect();
        findings.sort_by_key(|finding| finding.severity);
        if *self.findings != findings {
            self.findings = Rc::new(findings);
        }
    }

    /// Applies one action; `false` when it changed nothing (a stale reply, say), so the page
    /// keeps the state it has and renders nothing.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::SetToken(token) => {
                self.view.moved = None;
                self.set_token(token);
            }
            // The key survives token changes: pasting a new token never throws it away.
            Action::SetKey(text) => {
                self.view.moved = None;
                self.set_key(text, self.outer.key.encoding);
            }
            Action::SetEncoding(encoding) => {
                let text = std::mem::take(&mut self.outer.key.text);
                self.set_key(text, encoding);
            }
            Action::SetPayload(text) => {
                let given = GivenPayload::new(&text, self.outer.payload.encoding);
                self.set_payload(given);
            }
            Action::ExpectKeyBinding(expected) => self.outer.kb_expected = expected,
            Action::SetAttackUrl(url) => {
                self.attacks.url = url;
                self.attacks.generation.bump();
            }
            Action::AttacksMade { made, answer } => {
                if made != (self.outer.generation, self.attacks.generation) {
                    return false;
                }
                let result = match answer {
                    Reply::Attacks(attacks) => Ok(Rc::new(attacks)),
                    Reply::Failed { error } => Err(error),
                    _ => Err("the worker answered something else".to_owned()),
                };
                self.attacks.made = Some((made, result));
            }
            Action::Diagnosed { generation, found } => {
                if !self.outer.generation.is_current(generation) {
                    return false;
                }
                self.outer.diagnosis = Some((generation, Rc::new(found)));
            }
            Action::SetPayloadEncoding(encoding) => {
                let given = GivenPayload {
                    encoding,
                    ..self.outer.payload.clone()
                };
                self.set_payload(given);
            }
            Action::Settle {
                generation,
                verification,
            } => {
                // A verdict for inputs that have changed since is stale.
                if !self.outer.generation.is_current(generation) {
                    return false;
                }
                return self.outer.inspection.settle(verification);
            }
            Action::SettleKeyBinding {
                generation,
                verification,
            } => {
                if !self.outer.generation.is_current(generation)
                    || !self.outer.inspection.settle_key_binding(verification)
                {
                    return false;
                }
                self.retime();
            }
            Action::SettleChain {
                generation,
                answers,
            } => {
                if !self.outer.generation.is_current(generation) {
                    return false;
                }
                return self.outer.inspection.settle_chain(&answers);
            }
            Action::SettleSignature {
                generation,
                index,
                verification,
            } => {
                if !self.outer.generation.is_current(generation) {
                    return false;
                }
                return self.outer.inspection.settle_signature(index, verification);
            }
            Action::SetSettings(settings) => {
                self.settings = settings;
                // A certificate chain is judged at the check time: a new one judges it anew.
                let at = self.clock().now as i64;
                if self.outer.inspection.rejudge_chain_at(at) {
                    self.outer.generation.bump();
                }
                self.retime();
            }
            Action::Tick(now) => {
                self.now = now;
                // Only time claims move with the clock; a token without them costs nothing.
                let inner_times = self
                    .inner
                    .inspection
                    .as_ref()
                    .is_some_and(Inspection::has_times);
                if self.outer.inspection.has_times() || inner_times {
                    self.retime();
                }
            }
            Action::StartSecretSearch => {
                if !matches!(self.search.state, SecretSearch::Offered { .. }) {
                    return false;
                }
                self.search.generation.bump();
                self.search.state = SecretSearch::Loading;
            }
            Action::SecretSearch { generation, report } => {
                if !self.search.generation.is_current(generation) {
                    return false;
                }
                let report = report.unwrap_or_else(|reason| SearchReport::Unavailable { reason });
                if let SearchReport::Found { secret, .. } = &report {
                    self.found_secret(secret.clone());
                }
                self.search.state = SecretSearch::Reported(report);
            }
            Action::SetWordlistText(text) => {
                self.wordlist.list =
                    (!text.is_empty()).then(|| wordlist::List::Pasted(Rc::new(text.into())));
                self.rewordlist();
            }
            Action::SetWordlistFile {
                name,
                bytes,
                handle,
            } => {
                self.wordlist.list = Some(wordlist::List::File {
                    name,
                    bytes,
                    handle,
                });
                self.rewordlist();
            }
            Action::ClearWordlist => {
                if self.wordlist.list.is_none() {
                    return false;
                }
                self.wordlist.list = None;
                self.rewordlist();
            }
            Action::WordlistSearch { generation, report } => {
                if !self.wordlist.generation.is_current(generation) {
                    return false;
                }
                let report = report.unwrap_or_else(|reason| WordlistReport::Unavailable { reason });
                if let WordlistReport::Found { hit, .. } = &report {
                    self.found_in_wordlist(hit);
                }
                self.wordlist.standing = wordlist::Standing::Reported(report);
            }
            Action::Encode(edit) => {
                self.encoder.now = self.now as i64;
                self.encoder.apply(edit);
            }
            Action::Encoded { generation, answer } => self.encoder.answered(generation, answer),
            Action::SendToDecoder => return self.send_to_decoder(),
            Action::Workshop(edit) => self.workshop.apply(edit),
            Action::Forged {
                request,
                answer,
                millis,
            } => self.workshop.answered(request, answer, millis),
            Action::Decrypted { request, answer } => {
                match self.inner.decryption.as_mut() {
                    Some(encrypted) if encrypted.request.is_current(request) => {
                        encrypted.verdict = encrypted::Decryption::from_answer(answer);
                    }
                    _ => return false,
                }
                self.set_inner(self.inner_token());
                // The search looks at a signed token inside.
                self.research();
            }
            Action::SettleInner {
                generation,
                verification,
            } => {
                if !self.inner.generation.is_current(generation) {
                    return false;
                }
                return self
                    .inner
                    .inspection
                    .as_mut()
                    .is_some_and(|inner| inner.settle(verification));
            }
            Action::SetInnerKey(text) => self.set_inner_key(text, self.inner.key.encoding),
            Action::SetInnerEncoding(encoding) => {
                let text = std::mem::take(&mut self.inner.key.text);
                self.set_inner_key(text, encoding);
            }
            Action::SignWithGenerated => return self.sign_with_generated(),
            Action::SetMode(mode) => {
                if self.view.mode == mode {
                    return false;
                }
                self.view.mode = mode;
            }
            Action::SetCompareToken(side, token) => {
                let keys = self.outer.key.keys.clone();
                self.compare
                    .set_token(side, token, keys, &self.settings, self.now);
            }
            Action::CompareWithDecoder => {
                let token = self.outer.input.to_string();
                let keys = self.outer.key.keys.clone();
                self.compare
                    .set_token(compare::Side::A, token, keys, &self.settings, self.now);
            }
            Action::SettleCompare {
                side,
                generation,
                verification,
            } => return self.compare.settle(side, generation, verification),
            Action::OpenLink { token, key, mode } => {
                if let Some(key) = key {
                    self.set_key(key, SecretEncoding::Utf8);
                }
                if let Some(token) = token {
                    self.set_token(token);
                }
                self.view.mode = mode.unwrap_or_default();
                self.view.moved = None;
            }
            Action::LoadExample(example) => {
                self.move_in(
                    "the examples",
                    example.token().to_owned(),
                    example.key().into(),
                    example.encoding(),
                );
            }
            Action::ClearToken => {
                self.view.moved = None;
                self.set_token(String::new());
            }
            Action::RestorePrevious => {
                let Some(previous) = self.view.moved.take().and_then(|moved| moved.replaced) else {
                    return false;
                };
                self.set_key(previous.key, previous.encoding);
                self.set_token(previous.token);
            }
            Action::EditInEncoder => return self.edit_in_encoder(),
            Action::SetPartView(part, view) => self.view.set_part(part, view),
            Action::ShareKey(on) => self.view.share_key = on,
            Action::ShowParts { generation } => {
                let Some(to_come) = self.view.parts_pending else {
                    return false;
                };
                if !self.outer.generation.is_current(generation) {
                    return false;
                }
                self.view.parts_pending = to_come.after_a_frame();
                if !self.outer.inspection.is_complete() {
                    self.outer.inspection.complete(&self.settings, self.now);
                    self.merge_findings();
                }
            }
        }
        true
    }

    /// A token and key from elsewhere (the encoder, the examples) replace the decoder's, and
    /// what they replaced is kept so the user can go back.
    fn move_in(
        &mut self,
        from: &'static str,
        token: String,
        key: SecretText,
        encoding: SecretEncoding,
    ) {
        let previous = view::Replaced {
            token: std::mem::replace(&mut self.outer.input, Rc::from("")).to_string(),
            key: std::mem::take(&mut self.outer.key.text),
            encoding: self.outer.key.encoding,
        };
        self.set_key(key, encoding);
        self.set_token(token);
        self.view.mode = Mode::Decoder;
        // Nothing to go back to from an empty decoder.
        let had_something = !previous.token.is_empty() || !previous.key.is_empty();
        self.view.moved = Some(view::Moved {
            from,
            replaced: had_something.then_some(previous),
        });
    }

    /// The decoded token's header and payload, pretty-printed, become the encoder's; the key
    /// stays behind, so the encoder asks for one.
    fn edit_in_encoder(&mut self) -> bool {
        let Some(decoded) = self.outer.inspection.decoded.as_deref() else {
            return false;
        };
        let Ok(header) = decoded.header.as_ref() else {
            return false;
        };
        let header = json_view::pretty_text(&header.text);
        let payload = match decoded.payload.as_ref() {
            Some(Ok(payload)) => payload.text().map(json_view::pretty_text),
            _ => None,
        };
        self.encoder.apply(encoder::Edit::Header(header));
        if let Some(payload) = payload {
            self.encoder.apply(encoder::Edit::Payload(payload));
        }
        self.encoder
            .apply(encoder::Edit::Key(SecretText::default()));
        self.view.mode = Mode::Encoder;
        true
    }

    /// The encoder's token goes to the decoder with its keys: for a nested token, the
    /// decryption key (if the encoder had it) in the key box, the signature's key in the inner
    /// token's.
    fn send_to_decoder(&mut self) -> bool {
        let encoder::Output::Signed(signed) = self.encoder.output.clone() else {
            return false;
        };
        let key = match signed.inner {
            Some(_) => {
                self.inner.key.set(signed.verify_key, SecretEncoding::Utf8);
                signed.decrypt_key.unwrap_or_default()
            }
            None => signed.verify_key,
        };
        self.move_in("the encoder", signed.token, key, SecretEncoding::Utf8);
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
        // The key's own algorithm: the kind chosen may have changed since it was made.
        let made_for = forms.alg.as_deref().and_then(Alg::from_name);
        let alg = made_for.unwrap_or_else(|| self.workshop.kind.alg());
        self.encoder.apply(encoder::Edit::Alg(alg));
        self.encoder
            .apply(encoder::Edit::Encoding(SecretEncoding::Utf8));
        self.encoder.apply(encoder::Edit::Key(key));
        self.view.mode = Mode::Encoder;
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
