//! Writes each fuzz target's seed corpus from the JSON test vectors and fixtures: every token
//! (compact, JSON serialization, SD-JWT) with the keys found beside it, every key (JWK, JWK
//! Set, PEM) alone, every certificate's and PEM block's DER, and worker messages made of them.
//!
//! `fuzz-seeds <repository> <corpus folder>`: one sub-folder per target, one file per seed,
//! named by a hash of its content (so a second run adds nothing new).

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::{env, fs, process};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{json, Value};

/// Seeds taken from one file at most, per kind: a few thousand Wycheproof cases are slower to
/// replay than they are new.
const PER_FILE: usize = 40;
/// Keys paired with one token at most.
const KEYS_PER_TOKEN: usize = 3;
/// A record holding more tokens than this is a whole file, not one case: it pairs nothing.
const RECORD_TOKENS: usize = 6;

const FOLDERS: [&str; 2] = ["tests/vectors", "tests/fixtures"];

fn main() {
    let args: Vec<String> = env::args().collect();
    let (Some(repo), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: fuzz-seeds <repository> <corpus folder>");
        process::exit(2);
    };
    let mut seeds = Seeds::default();
    for folder in FOLDERS {
        let mut files = Vec::new();
        json_files(&Path::new(repo).join(folder), &mut files);
        files.sort();
        for file in files {
            let Ok(text) = fs::read_to_string(&file) else {
                continue;
            };
            if let Ok(value) = serde_json::from_str::<Value>(&text) {
                seeds.file(&value);
            }
        }
    }
    seeds.fixed();
    let mut written = 0;
    for (target, content) in &seeds.out {
        let folder = Path::new(out).join(target);
        let path = folder.join(format!("seed-{:016x}", hash(content)));
        if fs::create_dir_all(&folder)
            .and_then(|()| fs::write(path, content))
            .is_err()
        {
            eprintln!("cannot write to {}", folder.display());
            process::exit(1);
        }
        written += 1;
    }
    println!("{written} seeds written to {out}");
}

fn json_files(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for path in entries.flatten().map(|entry| entry.path()) {
        if path.is_dir() && !path.ends_with("schemas") {
            json_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
}

fn hash(content: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    content.hash(&mut hasher);
    hasher.finish()
}

/// What a value found in a vector is.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    /// A compact JWS or JWE, an SD-JWT, or a JSON serialization's text.
    Token(String),
    /// A JWK, a JWK Set or PEM text.
    Key(String),
}

#[derive(Default)]
struct Seeds {
    /// (target, content), each once.
    out: BTreeSet<(&'static str, Vec<u8>)>,
    /// The private keys the worker's sign requests were made with so far.
    signing_keys: usize,
}

/// Private keys the worker is asked to sign with at most: signing is slow next to reading, and
/// a few keys of each kind cover the paths.
const SIGNING_KEYS: usize = 12;

impl Seeds {
    fn add(&mut self, target: &'static str, fields: &[&str]) {
        self.out.insert((target, fields.join("\0").into_bytes()));
    }

    fn file(&mut self, value: &Value) {
        let mut all = Vec::new();
        found_in(value, &mut all);
        let (tokens, keys) = tokens_and_keys(&all);
        for token in tokens.iter().take(PER_FILE) {
            self.token(token, "");
        }
        for key in keys.iter().take(PER_FILE) {
            self.key(key);
        }
        let mut pairs = Vec::new();
        records(value, &mut pairs);
        for (token, key) in unique(pairs.iter()).into_iter().take(PER_FILE) {
            self.token(token, key);
        }
    }

    /// A token, with a key (or none), for every target that reads it.
    fn token(&mut self, token: &str, key: &str) {
        self.add("keystroke", &[token, key, "utf8", ""]);
        if token.contains('~') {
            self.add("sd_jwt", &[token]);
        } else if is_jwe(token) {
            self.add("jwe", &[token, key, "utf8"]);
            self.worker(&json!(["decrypt", token, key, "utf8"]));
        } else if token.starts_with('{') {
            self.add("jws_json", &[token, key, "utf8"]);
        } else if let Some(verify) = verify_message(token, key) {
            self.worker(&verify);
        }
    }

    /// A key for the key readers, the worker's conversion and signing, and its DER.
    fn key(&mut self, key: &str) {
        self.add("keys", &[key, "utf8"]);
        self.worker(&json!(["convert", key, "utf8"]));
        let algs = signing_algs(key);
        if !algs.is_empty() && self.signing_keys < SIGNING_KEYS {
            self.signing_keys += 1;
            self.sign(key, algs);
        }
        for der in pem_blocks(key) {
            self.out.insert(("der", der));
        }
    }

    /// The worker's sign requests with a private key: plain, encrypted and selectively
    /// disclosable.
    fn sign(&mut self, key: &str, algs: &[&str]) {
        for &alg in algs {
            let (header, payload) = (r#"{"alg":"ALG","typ":"JWT"}"#, r#"{"sub":"fuzz","iat":0}"#);
            let header = header.replace("ALG", alg);
            let sign = ["sign", alg, &header, payload, key, "utf8", "false"];
            self.worker(&json!([sign.as_slice(), &["false"]].concat()));
            self.worker(&json!([
                sign.as_slice(),
                &["false", "dir", "A128GCM", "0123456789abcdef", "utf8"]
            ]
            .concat()));
            let selective = [
                "true", "sub\niat", "2", "sha-256", "", "sub", "", "", "", "0",
            ];
            self.worker(&json!([sign.as_slice(), selective.as_slice()].concat()));
        }
    }

    fn worker(&mut self, message: &Value) {
        self.add("worker", &[&message.to_string()]);
    }

    /// Seeds no vector has: secrets in each encoding, and the empty boxes.
    fn fixed(&mut self) {
        for (secret, encoding) in [
            ("your-256-bit-secret", "utf8"),
            ("eW91ci0yNTYtYml0LXNlY3JldA==", "base64"),
            ("eW91ci0yNTYtYml0LXNlY3JldA", "base64url"),
            ("796f75722d3235362d6269742d736563726574", "hex"),
        ] {
            self.add("keys", &[secret, encoding]);
            self.add("keystroke", &[JWT_IO, secret, encoding, ""]);
            self.worker(&json!(["convert", secret, encoding]));
        }
        self.add("keystroke", &["", "", "utf8", ""]);
    }
}

/// jwt.io's HS256 example, signed with `your-256-bit-secret`.
const JWT_IO: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

fn unique<'a, T: Ord + 'a>(items: impl Iterator<Item = &'a T>) -> Vec<&'a T> {
    let mut seen = BTreeSet::new();
    items.filter(|item| seen.insert(*item)).collect()
}

/// Every token and key in a value, in order.
fn found_in(value: &Value, all: &mut Vec<Found>) {
    if let Some(found) = classify(value) {
        all.push(found);
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|item| found_in(item, all)),
        Value::Object(members) => members.values().for_each(|member| found_in(member, all)),
        _ => {}
    }
}

/// The (token, key) pairs of each small record: an object holding a few tokens and some keys.
fn records(value: &Value, pairs: &mut Vec<(String, String)>) {
    let children: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(members) => members.values().collect(),
        _ => return,
    };
    let mut all = Vec::new();
    found_in(value, &mut all);
    let (tokens, keys) = tokens_and_keys(&all);
    if value.is_object() && tokens.len() <= RECORD_TOKENS && !keys.is_empty() {
        for token in &tokens {
            for key in keys.iter().take(KEYS_PER_TOKEN) {
                pairs.push(((*token).clone(), (*key).clone()));
            }
        }
        return;
    }
    for child in children {
        records(child, pairs);
    }
}

fn classify(value: &Value) -> Option<Found> {
    match value {
        Value::String(text) if text.contains("-----BEGIN ") => Some(Found::Key(text.clone())),
        Value::String(text) if is_compact(text) => Some(Found::Token(text.clone())),
        Value::String(text) if text.starts_with('{') => serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|value| classify(&value)),
        Value::Object(members) if members.contains_key("kty") || members.contains_key("keys") => {
            Some(Found::Key(value.to_string()))
        }
        Value::Object(members)
            if members.contains_key("ciphertext")
                || members.contains_key("signatures")
                || (members.contains_key("signature") && members.contains_key("protected")) =>
        {
            Some(Found::Token(value.to_string()))
        }
        _ => None,
    }
}

/// A compact JWS or JWE (its first part a JSON header), or an SD-JWT presentation.
fn is_compact(text: &str) -> bool {
    let first = text.split(['~', '.']).next().unwrap_or_default();
    let dots = text
        .split('~')
        .next()
        .unwrap_or_default()
        .matches('.')
        .count();
    first.starts_with("eyJ") && (dots == 2 || dots == 4)
}

fn is_jwe(token: &str) -> bool {
    token.matches('.').count() == 4 || token.contains("\"ciphertext\"")
}

/// The worker's signature check of a compact JWS with a JWK, as the page asks it.
fn verify_message(token: &str, key: &str) -> Option<Value> {
    let mut parts = token.split('.');
    let (protected, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(protected).ok()?).ok()?;
    let alg = header.get("alg")?.as_str()?;
    let signing_input = URL_SAFE_NO_PAD.encode(format!("{protected}.{payload}"));
    let signature = URL_SAFE_NO_PAD.encode(URL_SAFE_NO_PAD.decode(signature).ok()?);
    key.starts_with('{')
        .then(|| json!(["verify", alg, key, signing_input, signature]))
}

/// The algorithms a private key in the text could sign with, for the worker's sign requests.
fn signing_algs(key: &str) -> &'static [&'static str] {
    let private = key.contains("PRIVATE KEY") || key.contains("\"d\"") || key.contains("\"k\"");
    match () {
        _ if !private => &[],
        _ if key.contains("RSA") => &["RS256", "PS256"],
        _ if key.contains("P-384") => &["ES384"],
        _ if key.contains("P-521") => &["ES512"],
        _ if key.contains("\"EC\"") || key.contains("EC PRIVATE") => &["ES256"],
        _ if key.contains("Ed25519") => &["EdDSA"],
        _ if key.contains("\"oct\"") => &["HS256"],
        _ => &["RS256", "ES256", "EdDSA"],
    }
}

/// The DER of every PEM block in the text, and of every `x5c` certificate in a JWK.
fn pem_blocks(text: &str) -> Vec<Vec<u8>> {
    let mut ders = Vec::new();
    let mut body: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with("-----BEGIN ") {
            body = Some(String::new());
        } else if line.starts_with("-----END ") {
            if let Some(der) = body.take().and_then(|body| STANDARD.decode(body).ok()) {
                ders.push(der);
            }
        } else if let Some(body) = body.as_mut() {
            body.push_str(line);
        }
    }
    if let Ok(Value::Object(jwk)) = serde_json::from_str::<Value>(text) {
        for certificate in jwk
            .get("x5c")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(der) = certificate
                .as_str()
                .and_then(|b64| STANDARD.decode(b64).ok())
            {
                ders.push(der);
            }
        }
    }
    ders
}

/// The distinct tokens and the distinct keys among what was found, in order.
fn tokens_and_keys(all: &[Found]) -> (Vec<&String>, Vec<&String>) {
    let tokens = unique(all.iter().filter_map(|found| match found {
        Found::Token(token) => Some(token),
        Found::Key(_) => None,
    }));
    let keys = unique(all.iter().filter_map(|found| match found {
        Found::Key(key) => Some(key),
        Found::Token(_) => None,
    }));
    (tokens, keys)
}
