//! The key workshop's part of the app state: which kind of key to make, the key pasted to
//! convert, and what the workshop worker answered for each.

use std::rc::Rc;

use crate::jose::key::SecretEncoding;
use crate::jose::keygen::KeyKind;
use crate::jose::protocol::{KeyForms, Reply, Request as WorkerRequest};
use crate::jose::redacted::SecretText;

use super::generation::Generation;

/// The workshop's inputs and its latest answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Workshop {
    pub kind: KeyKind,
    /// Counts "generate" presses; an answer for an older press is dropped.
    pub generate_request: Generation,
    pub generated: Job,
    pub convert_input: SecretText,
    pub convert_encoding: SecretEncoding,
    /// Counts changes to the key to convert.
    pub convert_request: Generation,
    pub converted: Job,
}

/// Where one request to the worker stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    Idle,
    /// Sent at this time (Unix seconds), so the page can say how long it has been working.
    Working {
        since: f64,
    },
    Done {
        forms: Rc<KeyForms>,
        millis: f64,
    },
    Failed(String),
}

/// One change the user made in the workshop.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Kind(KeyKind),
    /// Make a key of the chosen kind, at this time (Unix seconds).
    Generate {
        now: f64,
    },
    ConvertInput {
        text: SecretText,
        now: f64,
    },
    ConvertEncoding {
        encoding: SecretEncoding,
        now: f64,
    },
}

/// Which of the workshop's requests an answer is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    Generate(Generation),
    Convert(Generation),
}

impl Default for Workshop {
    fn default() -> Workshop {
        Workshop {
            kind: KeyKind::Ec(crate::jose::alg::Curve::P256),
            generate_request: Generation::default(),
            generated: Job::Idle,
            convert_input: SecretText::default(),
            convert_encoding: SecretEncoding::default(),
            convert_request: Generation::default(),
            converted: Job::Idle,
        }
    }
}

impl Workshop {
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Kind(kind) => self.kind = kind,
            Edit::Generate { now } => {
                self.generate_request.bump();
                self.generated = Job::Working { since: now };
            }
            Edit::ConvertInput { text, now } => {
                self.convert_input = text;
                self.reconvert(now);
            }
            Edit::ConvertEncoding { encoding, now } => {
                self.convert_encoding = encoding;
                self.reconvert(now);
            }
        }
    }

    fn reconvert(&mut self, now: f64) {
        self.convert_request.bump();
        self.converted = if self.convert_input.expose().trim().is_empty() {
            Job::Idle
        } else {
            Job::Working { since: now }
        };
    }

    /// Whether a request is out with the worker.
    pub fn is_working(&self) -> bool {
        [&self.generated, &self.converted]
            .iter()
            .any(|job| matches!(job, Job::Working { .. }))
    }

    /// The worker request to send for the latest generate press, while it is wanted.
    pub fn generate_request(&self) -> Option<(Request, WorkerRequest)> {
        matches!(self.generated, Job::Working { .. }).then(|| {
            let request = WorkerRequest::Generate { kind: self.kind };
            (Request::Generate(self.generate_request), request)
        })
    }

    /// The worker request for the key to convert, while one is wanted.
    pub fn convert_request(&self) -> Option<(Request, WorkerRequest)> {
        matches!(self.converted, Job::Working { .. }).then(|| {
            let request = WorkerRequest::Convert {
                key: self.convert_input.clone(),
                encoding: self.convert_encoding,
            };
            (Request::Convert(self.convert_request), request)
        })
    }

    /// Takes the worker's answer, which took `millis`; one for an older request is ignored.
    pub fn answered(&mut self, request: Request, answer: Reply, millis: f64) {
        let job = match request {
            Request::Generate(tag) if self.generate_request.is_current(tag) => &mut self.generated,
            Request::Convert(tag) if self.convert_request.is_current(tag) => &mut self.converted,
            Request::Generate(_) | Request::Convert(_) => return,
        };
        *job = match answer {
            Reply::Forms(forms) => Job::Done {
                forms: Rc::new(forms),
                millis,
            },
            other => Job::Failed(other.into_failure()),
        };
    }
}
