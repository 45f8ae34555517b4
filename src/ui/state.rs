//! The app's state as plain data plus a reducer. Each input is parsed once when it changes:
//! a new token reuses the parsed key, and a new key reuses the decoded token.

use std::rc::Rc;

use yew::Reducible;

use crate::jose::embedded::{embedded_keys, EmbeddedKey};
use crate::jose::error::Error;
use crate::jose::input::{clean, CleanedInput};
use crate::jose::key::{self, KeySet, SecretEncoding};
use crate::jose::platform::decide_here;
use crate::jose::status::{Status, Verification};
use crate::jose::token::{decode, Decoded};

/// The parsed key box: `None` while it is empty.
pub type ParsedKeys = Option<Rc<Result<KeySet, Error>>>;

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
}

impl State {
    /// The state for a token (for example from the URL fragment) and no key.
    pub fn with_token(token: String) -> State {
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
        };
        state.set_token(token);
        state
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
        self.decoded =
            (!self.cleaned.token.is_empty()).then(|| Rc::new(decode(&self.cleaned.token)));
        let header = self.decoded.as_ref().and_then(|d| d.header.as_ref().ok());
        self.embedded = Rc::new(header.map(|h| embedded_keys(&h.json)).unwrap_or_default());
        self.token_input = token;
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
    }
}

impl Default for State {
    fn default() -> State {
        State::with_token(String::new())
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
        }
        Rc::new(next)
    }
}
