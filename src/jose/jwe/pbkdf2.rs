//! PBES2's PBKDF2 runs (RFC 7518 §4.8), described apart from running them, so that a faster
//! PBKDF2 than RustCrypto's in WebAssembly (the browser's WebCrypto, in the worker) can run them
//! first and hand over the keys. A run nobody did beforehand is done here, with the same result.

use std::fmt;

use serde_json::{json, Map, Value};
use zeroize::Zeroizing;

use super::alg::{AesSize, KeyAlg};
use super::header::{header_bytes, header_error};
use super::key_management::random_key;
use crate::jose::base64url;
use crate::jose::error::Error;

/// The most PBES2 iterations this page runs: enough for real tokens, and a bound on how long a
/// hostile `p2c` can keep the page busy.
pub const MAX_P2C: u64 = 1_000_000;

/// PBKDF2 iterations for tokens made here (OWASP's figure for PBKDF2-HMAC-SHA256).
pub const DEFAULT_P2C: u64 = 600_000;

/// Bytes of fresh salt input (`p2s`) in a token made here (RFC 7518 asks for at least 8).
const NEW_SALT_LEN: usize = 16;

/// The HMAC that PBKDF2 runs with: SHA-256, -384 or -512 for PBES2 with A128KW, A192KW, A256KW.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prf {
    HmacSha256,
    HmacSha384,
    HmacSha512,
}

impl Prf {
    fn for_size(size: AesSize) -> Prf {
        match size {
            AesSize::Aes128 => Prf::HmacSha256,
            AesSize::Aes192 => Prf::HmacSha384,
            AesSize::Aes256 => Prf::HmacSha512,
        }
    }

    /// The hash's name in WebCrypto's `Pbkdf2Params`.
    pub fn webcrypto_hash(self) -> &'static str {
        match self {
            Prf::HmacSha256 => "SHA-256",
            Prf::HmacSha384 => "SHA-384",
            Prf::HmacSha512 => "SHA-512",
        }
    }
}

/// One PBKDF2 run but for its password: the HMAC, the salt (`alg ‖ 0 ‖ p2s`), the iteration
/// count (`p2c`) and the key-encryption key's length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derivation {
    pub prf: Prf,
    pub salt: Vec<u8>,
    pub rounds: u32,
    pub len: usize,
}

impl Derivation {
    /// The run a PBES2 header asks for, once its `p2s` and `p2c` are checked.
    pub fn of_header(
        alg: KeyAlg,
        size: AesSize,
        header: &Map<String, Value>,
    ) -> Result<Derivation, Error> {
        let salt_input = header_bytes(header, "p2s")?;
        if salt_input.len() < 8 {
            return Err(header_error(
                "p2s must be at least 8 bytes (RFC 7518 §4.8.1.1)",
            ));
        }
        let count = header
            .get("p2c")
            .and_then(Value::as_u64)
            .filter(|count| *count >= 1)
            .ok_or_else(|| header_error("p2c must be a positive whole number"))?;
        if count > MAX_P2C {
            return Err(header_error(format!(
                "p2c is {count}; this page runs at most {MAX_P2C} PBKDF2 iterations, so a token cannot keep it busy"
            )));
        }
        let rounds = u32::try_from(count).map_err(|_| header_error("p2c is too large"))?;
        Ok(Derivation {
            prf: Prf::for_size(size),
            salt: [alg.name().as_bytes(), &[0], &salt_input].concat(),
            rounds,
            len: size.bytes(),
        })
    }

    /// RustCrypto's PBKDF2.
    fn run_here(&self, password: &[u8]) -> Zeroizing<Vec<u8>> {
        let mut key = Zeroizing::new(vec![0u8; self.len]);
        let (salt, rounds) = (&self.salt, self.rounds);
        match self.prf {
            Prf::HmacSha256 => {
                pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, &mut key)
            }
            Prf::HmacSha384 => {
                pbkdf2::pbkdf2_hmac::<sha2::Sha384>(password, salt, rounds, &mut key)
            }
            Prf::HmacSha512 => {
                pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, rounds, &mut key)
            }
        }
        key
    }
}

/// A run to do elsewhere: the derivation and its password.
#[derive(Clone, PartialEq, Eq)]
pub struct Job {
    pub derivation: Derivation,
    pub password: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Job")
            .field("derivation", &self.derivation)
            .field("password", &"redacted")
            .finish()
    }
}

/// What PBES2 works with beyond the token and key: the iteration count and salt input a new
/// token gets, and keys already derived elsewhere for some jobs.
#[derive(Clone, PartialEq, Eq)]
pub struct Pbes2 {
    new_count: u64,
    new_salt: Option<Vec<u8>>,
    derived: Vec<(Job, Zeroizing<Vec<u8>>)>,
}

impl Default for Pbes2 {
    fn default() -> Pbes2 {
        Pbes2::new(DEFAULT_P2C)
    }
}

impl Pbes2 {
    /// New tokens get `p2c = new_count` and a random `p2s`; every key is derived here.
    pub fn new(new_count: u64) -> Pbes2 {
        Pbes2 {
            new_count,
            new_salt: None,
            derived: Vec::new(),
        }
    }

    /// Chooses now the `p2s` a new token gets, so its run can be known before encrypting.
    pub fn with_salt_chosen(mut self) -> Result<Pbes2, Error> {
        self.new_salt = Some(random_key(NEW_SALT_LEN)?);
        Ok(self)
    }

    /// Takes `key` as the result of `job` (a key of the wrong length is not taken).
    pub fn with_derived(mut self, job: Job, key: Vec<u8>) -> Pbes2 {
        let key = Zeroizing::new(key);
        if key.len() == job.derivation.len {
            self.derived.push((job, key));
        }
        self
    }

    /// The `p2s` and `p2c` members of a new token (a fresh salt unless one was chosen), and the
    /// run they ask for.
    pub fn new_token(
        &self,
        alg: KeyAlg,
        size: AesSize,
    ) -> Result<(Map<String, Value>, Derivation), Error> {
        let salt = match &self.new_salt {
            Some(salt) => salt.clone(),
            None => random_key(NEW_SALT_LEN)?,
        };
        let members = Map::from_iter([
            ("p2s".to_owned(), json!(base64url::encode(&salt))),
            ("p2c".to_owned(), json!(self.new_count)),
        ]);
        let derivation = Derivation::of_header(alg, size, &members)?;
        Ok((members, derivation))
    }

    /// The key-encryption key: handed over if this job was done elsewhere, else derived here.
    pub fn key(&self, derivation: &Derivation, password: &[u8]) -> Zeroizing<Vec<u8>> {
        let done = self
            .derived
            .iter()
            .find(|(job, _)| job.derivation == *derivation && job.password.as_slice() == password);
        match done {
            Some((_, key)) => key.clone(),
            None => derivation.run_here(password),
        }
    }
}

impl fmt::Debug for Pbes2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pbes2")
            .field("new_count", &self.new_count)
            .field("new_salt", &self.new_salt)
            .field("derived", &self.derived.len())
            .finish()
    }
}
