//! The user's own wordlist: what was given (pasted text, or a picked or dropped file, which the
//! page holds by a number: the state is plain data and cannot hold a browser object), and
//! where its search for the current HS token stands. One list at a time: the last one given.
//! The list's content stays in memory only: it is in no storage, URL or log, and `Debug`
//! redacts it.

use std::rc::Rc;

use super::Generation;
use crate::jose::protocol::{WordlistReport, WordlistSource};
use crate::jose::redacted::SecretText;
use crate::jose::wordlist::ListName;

/// The list the user gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum List {
    /// Pasted or typed text (shared: the state is cloned on every action).
    Pasted(Rc<SecretText>),
    /// A file: its name, size, and the number the page holds it by.
    File {
        name: String,
        bytes: u64,
        handle: u32,
    },
}

impl List {
    /// The list's name, as the page and the finding say it.
    pub fn name(&self) -> ListName {
        match self {
            List::Pasted(_) => ListName::Pasted,
            List::File { name, .. } => ListName::File(name.clone()),
        }
    }

    /// The list as the worker is asked to search it.
    pub fn source(&self) -> WordlistSource {
        match self {
            List::Pasted(text) => WordlistSource::Pasted(SecretText::clone(text)),
            List::File { name, bytes, .. } => WordlistSource::File {
                name: name.clone(),
                bytes: *bytes,
            },
        }
    }
}

/// Where the wordlist search stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Standing {
    /// No list given.
    Empty,
    /// A list, but no HS token to search it for.
    NoTarget,
    /// Asked the worker.
    Loading,
    /// What the worker last reported (its failure to run included, as `Unavailable`).
    Reported(WordlistReport),
}

/// The wordlist, its search's standing and generation.
#[derive(Clone, Debug, PartialEq)]
pub struct Wordlist {
    pub list: Option<List>,
    pub standing: Standing,
    /// Changes when a search is wanted anew (another list, another token) or given up.
    pub generation: Generation,
}

impl Default for Wordlist {
    fn default() -> Wordlist {
        Wordlist {
            list: None,
            standing: Standing::Empty,
            generation: Generation::default(),
        }
    }
}

impl Wordlist {
    /// The page's `data-state` for `wordlist-status`.
    pub fn as_str(&self) -> &'static str {
        match &self.standing {
            Standing::Empty => "empty",
            Standing::NoTarget => "no-target",
            Standing::Loading => "loading",
            Standing::Reported(WordlistReport::Searching { .. }) => "searching",
            Standing::Reported(WordlistReport::Found { .. }) => "found",
            Standing::Reported(WordlistReport::NotFound { .. }) => "not-found",
            Standing::Reported(WordlistReport::Unavailable { .. }) => "unavailable",
        }
    }

    /// The pasted text, for the text box (empty while a file is the list).
    pub fn pasted(&self) -> &str {
        match &self.list {
            Some(List::Pasted(text)) => text.expose(),
            _ => "",
        }
    }

    /// Starts anew: a search when there is a list and something to search it for.
    pub fn restart(&mut self, has_target: bool) {
        self.generation.bump();
        self.standing = match (&self.list, has_target) {
            (None, _) => Standing::Empty,
            (Some(_), false) => Standing::NoTarget,
            (Some(_), true) => Standing::Loading,
        };
    }

    /// The list to search, while a search is wanted.
    pub fn wanted(&self) -> Option<&List> {
        matches!(self.standing, Standing::Loading)
            .then_some(self.list.as_ref())
            .flatten()
    }
}
