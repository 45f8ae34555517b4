//! Decrypting a JWE with the key box's keys: for each recipient, the keys chosen by `kid`
//! (else every key), the content key recovered, the tag checked, then `zip: DEF` inflated.
//! A token that does not decrypt is a verdict that names only the step, not an error.

use serde_json::{Map, Value};

use super::alg::{EncAlg, KeyAlg};
use super::content::{self, TagMismatch};
use super::header::header_error;
use super::key::{DecryptionKey, KeyEntry};
use super::key_management::{self, UnwrapFailed};
use super::pbkdf2::{Derivation, Job, Pbes2, MAX_P2C};
use super::Jwe;
use crate::jose::error::Error;

/// The most bytes `zip: DEF` may inflate to: a bound against decompression bombs.
pub const MAX_INFLATED: usize = 4 * 1024 * 1024;

/// What decrypting came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Decrypted(Decrypted),
    /// No key decrypted the token; the step at which the last try stopped.
    Failed(FailedStep),
}

/// Where decryption stopped. Deliberately coarse: a wrong key and an altered token look alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailedStep {
    /// The key did not unwrap the content key.
    KeyUnwrap,
    /// The authentication tag did not match.
    Tag,
    /// The authentic plaintext is not valid DEFLATE data.
    Inflate,
    /// The plaintext inflates beyond `MAX_INFLATED`.
    InflateLimit,
}

impl FailedStep {
    pub const ALL: [FailedStep; 4] = [
        FailedStep::KeyUnwrap,
        FailedStep::Tag,
        FailedStep::Inflate,
        FailedStep::InflateLimit,
    ];

    /// Reads a step's code.
    pub fn from_code(code: &str) -> Option<FailedStep> {
        FailedStep::ALL.into_iter().find(|step| step.code() == code)
    }

    /// A stable code for the page and tests.
    pub fn code(self) -> &'static str {
        match self {
            FailedStep::KeyUnwrap => "key-unwrap",
            FailedStep::Tag => "tag",
            FailedStep::Inflate => "inflate",
            FailedStep::InflateLimit => "inflate-limit",
        }
    }
}

/// A decrypted token and how it was opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Decrypted {
    pub plaintext: Vec<u8>,
    pub alg: KeyAlg,
    pub enc: EncAlg,
    /// The joint header of the recipient that decrypted.
    pub header: Map<String, Value>,
    /// 0-based index of that recipient.
    pub recipient: usize,
    /// 1-based position of the key in the key box, and its `kid`.
    pub key_position: usize,
    pub kid: Option<String>,
    /// The compressed length, when `zip: DEF` was inflated.
    pub inflated_from: Option<usize>,
}

/// Decrypts `jwe` with the first of `keys` that opens it.
pub fn decrypt(jwe: &Jwe, keys: &[KeyEntry]) -> Result<Outcome, Error> {
    decrypt_with(jwe, keys, &Pbes2::default())
}

/// The PBKDF2 runs decrypting `jwe` with `keys` may need (a PBES2 recipient and a password
/// it would be tried with), for a faster PBKDF2 to do before `decrypt_with`.
pub fn pbkdf2_jobs(jwe: &Jwe, keys: &[KeyEntry]) -> Vec<Job> {
    let mut jobs: Vec<Job> = Vec::new();
    let mut iterations = 0u64;
    for index in 0..jwe.recipients.len() {
        // Where `decrypt_with` would stop with an error, planning stops too.
        let Ok(header) = jwe.joint_header(index) else {
            break;
        };
        let Ok((alg, enc)) = algorithms(&header) else {
            break;
        };
        let KeyAlg::Pbes2(size) = alg else {
            continue;
        };
        let Ok(derivation) = Derivation::of_header(alg, size, &header) else {
            continue;
        };
        for (_, entry) in candidates(&header, keys).unwrap_or_default() {
            let (Ok(()), DecryptionKey::Secret(password)) = (entry.permits(alg, enc), &entry.key)
            else {
                continue;
            };
            let job = Job {
                derivation: derivation.clone(),
                password: password.clone(),
            };
            // A token of many PBES2 recipients gets no more done beforehand than two of the
            // largest runs; the rest, if decrypting gets that far, run here.
            iterations += u64::from(job.derivation.rounds);
            if iterations > 2 * MAX_P2C {
                return jobs;
            }
            if !jobs.contains(&job) {
                jobs.push(job);
            }
        }
    }
    jobs
}

/// `decrypt`, with PBES2's keys from `pbes2` where they were derived beforehand.
pub fn decrypt_with(jwe: &Jwe, keys: &[KeyEntry], pbes2: &Pbes2) -> Result<Outcome, Error> {
    let mut failure = None;
    let mut unusable = None;
    for (index, recipient) in jwe.recipients.iter().enumerate() {
        let header = jwe.joint_header(index)?;
        let (alg, enc) = algorithms(&header)?;
        for (position, entry) in candidates(&header, keys)? {
            if let Err(err) = entry.permits(alg, enc) {
                unusable.get_or_insert(err);
                continue;
            }
            let cek = key_management::content_key(
                alg,
                enc,
                &header,
                &recipient.encrypted_key,
                &entry.key,
                pbes2,
            );
            let cek = match cek {
                Ok(Ok(cek)) => cek,
                Ok(Err(UnwrapFailed)) => {
                    failure = Some(FailedStep::KeyUnwrap);
                    continue;
                }
                Err(err) => {
                    unusable.get_or_insert(err);
                    continue;
                }
            };
            let opened =
                content::decrypt(enc, &cek, &jwe.iv, &jwe.ciphertext, &jwe.tag, &jwe.aad());
            let Ok(plaintext) = opened.map_err(|TagMismatch| ()) else {
                failure = Some(FailedStep::Tag);
                continue;
            };
            let (plaintext, inflated_from) = match inflate(&header, plaintext)? {
                Ok(inflated) => inflated,
                Err(step) => return Ok(Outcome::Failed(step)),
            };
            return Ok(Outcome::Decrypted(Decrypted {
                plaintext,
                alg,
                enc,
                header,
                recipient: index,
                key_position: position,
                kid: entry.kid.clone(),
                inflated_from,
            }));
        }
    }
    match (failure, unusable) {
        (Some(step), _) => Ok(Outcome::Failed(step)),
        (None, Some(err)) => Err(err),
        (None, None) => Err(Error::KeyFormat {
            format: "key box",
            detail: "it holds no key".to_owned(),
        }),
    }
}

/// The header's `alg` and `enc`, and no `crit` this page would have to understand.
fn algorithms(header: &Map<String, Value>) -> Result<(KeyAlg, EncAlg), Error> {
    let name = |member: &str| {
        header
            .get(member)
            .and_then(Value::as_str)
            .ok_or_else(|| header_error(format!("\"{member}\" is missing or not a string")))
    };
    let alg_name = name("alg")?;
    let alg = KeyAlg::from_name(alg_name).ok_or_else(|| Error::UnsupportedAlg {
        alg: alg_name.to_owned(),
    })?;
    let enc_name = name("enc")?;
    let enc = EncAlg::from_name(enc_name).ok_or_else(|| Error::UnsupportedAlg {
        alg: enc_name.to_owned(),
    })?;
    // No JWE header extension is understood here, so any `crit` must be refused (RFC 7516 §4.1.13).
    if let Some(crit) = header.get("crit") {
        return Err(header_error(format!(
            "crit {crit} names extensions this page does not understand"
        )));
    }
    Ok((alg, enc))
}

/// The keys to try, with their 1-based positions: those whose `kid` is the header's, or every
/// key when the header has none or the box holds a single key.
fn candidates<'a>(
    header: &Map<String, Value>,
    keys: &'a [KeyEntry],
) -> Result<Vec<(usize, &'a KeyEntry)>, Error> {
    let all = keys
        .iter()
        .enumerate()
        .map(|(index, entry)| (index + 1, entry));
    let Some(kid) = header.get("kid").and_then(Value::as_str) else {
        return Ok(all.collect());
    };
    let matching: Vec<_> = all
        .clone()
        .filter(|(_, entry)| entry.kid.as_deref() == Some(kid))
        .collect();
    match (matching.is_empty(), keys.len()) {
        (false, _) => Ok(matching),
        (true, 0 | 1) => Ok(all.collect()),
        (true, _) => Err(Error::NoKeyWithKid {
            kid: kid.to_owned(),
            available: keys.iter().filter_map(|entry| entry.kid.clone()).collect(),
        }),
    }
}

/// Inflates `zip: DEF` plaintext (raw DEFLATE, RFC 1951) up to `MAX_INFLATED` bytes.
#[allow(clippy::type_complexity)]
fn inflate(
    header: &Map<String, Value>,
    plaintext: Vec<u8>,
) -> Result<Result<(Vec<u8>, Option<usize>), FailedStep>, Error> {
    match header.get("zip") {
        None => Ok(Ok((plaintext, None))),
        Some(Value::String(zip)) if zip == "DEF" => {
            let inflated =
                miniz_oxide::inflate::decompress_to_vec_with_limit(&plaintext, MAX_INFLATED);
            Ok(match inflated {
                Ok(inflated) => Ok((inflated, Some(plaintext.len()))),
                Err(err) if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    Err(FailedStep::InflateLimit)
                }
                Err(_) => Err(FailedStep::Inflate),
            })
        }
        Some(other) => Err(header_error(format!(
            "zip {other} is not supported (only \"DEF\" is registered)"
        ))),
    }
}
