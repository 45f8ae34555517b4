//! The key workshop's part of the app state: which kind of key to make, the key pasted to
//! convert, and what the workshop worker answered for each.

use std::rc::Rc;

use serde_json::{json, Value};

use crate::jose::key::SecretEncoding;
use crate::jose::keygen::KeyKind;

/// The workshop's inputs and its latest answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Workshop {
    pub kind: KeyKind,
    /// Counts "generate" presses; an answer for an older press is dropped.
    pub generate_request: u64,
    pub generated: Job,
    pub convert_input: String,
    pub convert_encoding: SecretEncoding,
    /// Counts changes to the key to convert.
    pub convert_request: u64,
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

/// A key in every form the worker wrote it in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyForms {
    /// "RSA 2048-bit public key", "EC P-256 public key", "secret of 32 bytes" …
    pub description: String,
    /// RFC 7638 SHA-256 thumbprint.
    pub thumbprint: String,
    pub alg: Option<String>,
    /// Whether the private half is known (a secret always is).
    pub private: bool,
    pub private_pem: Option<String>,
    pub public_pem: Option<String>,
    /// Pretty-printed JWKs and a one-key JWK Set.
    pub private_jwk: Option<String>,
    pub public_jwk: String,
    pub jwks: String,
    /// What the reader should know, e.g. that only the first key of a set was converted.
    pub note: Option<String>,
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
        text: String,
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
    Generate(u64),
    Convert(u64),
}

impl Default for Workshop {
    fn default() -> Workshop {
        Workshop {
            kind: KeyKind::Ec(crate::jose::alg::Curve::P256),
            generate_request: 0,
            generated: Job::Idle,
            convert_input: String::new(),
            convert_encoding: SecretEncoding::default(),
            convert_request: 0,
            converted: Job::Idle,
        }
    }
}

impl Workshop {
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Kind(kind) => self.kind = kind,
            Edit::Generate { now } => {
                self.generate_request = self.generate_request.wrapping_add(1);
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
        self.convert_request = self.convert_request.wrapping_add(1);
        self.converted = if self.convert_input.trim().is_empty() {
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
    pub fn generate_request(&self) -> Option<(Request, String)> {
        matches!(self.generated, Job::Working { .. }).then(|| {
            let request = json!({ "op": "generate", "kind": self.kind.name() });
            (
                Request::Generate(self.generate_request),
                request.to_string(),
            )
        })
    }

    /// The worker request for the key to convert, while one is wanted.
    pub fn convert_request(&self) -> Option<(Request, String)> {
        matches!(self.converted, Job::Working { .. }).then(|| {
            let request = json!({
                "op": "convert",
                "key": self.convert_input,
                "encoding": self.convert_encoding.as_str(),
            });
            (Request::Convert(self.convert_request), request.to_string())
        })
    }

    /// Takes the worker's answer, which took `millis`; one for an older request is ignored.
    pub fn answered(&mut self, request: Request, answer: &str, millis: f64) {
        let job = match request {
            Request::Generate(id) if id == self.generate_request => &mut self.generated,
            Request::Convert(id) if id == self.convert_request => &mut self.converted,
            Request::Generate(_) | Request::Convert(_) => return,
        };
        *job = match KeyForms::from_answer(answer) {
            Ok(forms) => Job::Done {
                forms: Rc::new(forms),
                millis,
            },
            Err(reason) => Job::Failed(reason),
        };
    }
}

impl KeyForms {
    /// Reads the worker's answer (see `jose::workshop`); its `error` is the reason it failed.
    pub fn from_answer(answer: &str) -> Result<KeyForms, String> {
        let answer: Value = serde_json::from_str(answer)
            .map_err(|_| "the workshop answered something unreadable".to_owned())?;
        if let Some(error) = answer.get("error").and_then(Value::as_str) {
            return Err(error.to_owned());
        }
        let text = |name: &str| answer.get(name).and_then(Value::as_str).map(str::to_owned);
        let pretty = |name: &str| {
            answer
                .get(name)
                .filter(|value| value.is_object())
                .and_then(|value| serde_json::to_string_pretty(value).ok())
        };
        Ok(KeyForms {
            description: text("description").unwrap_or_default(),
            thumbprint: text("thumbprint").unwrap_or_default(),
            alg: text("alg"),
            private: answer.get("private").and_then(Value::as_bool) == Some(true),
            private_pem: text("private_pem"),
            public_pem: text("public_pem"),
            private_jwk: pretty("private_jwk"),
            public_jwk: pretty("public_jwk")
                .ok_or_else(|| "the workshop's answer has no public JWK".to_owned())?,
            jwks: pretty("jwks").unwrap_or_default(),
            note: text("note"),
        })
    }

    /// The key as the encoder takes it: the private PEM, or the private JWK (for a secret).
    pub fn signing_key(&self) -> Option<&str> {
        self.private_pem.as_deref().or(self.private_jwk.as_deref())
    }
}
