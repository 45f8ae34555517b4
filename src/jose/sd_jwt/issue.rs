//! Issuing and presenting an SD-JWT (RFC 9901 §4.2, §4.3): the claims chosen as disclosable are
//! replaced by digests of salted disclosures (`_sd` for object members, `{"...": digest}` for
//! array elements, nested disclosures inside their parent's value), decoy digests are mixed in,
//! the `_sd` arrays are sorted so their order tells nothing, and the issuer JWT is signed with
//! `sign::encode`. A holder then picks disclosures (`Issued::presentation`) and may bind the
//! presentation to its key with a KB-JWT (`bind`). The hashing is the reading side's
//! (`HashAlg::digest_text`), so what is issued here is what `sd_jwt::parse` checks.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use serde_json::{json, Map, Value};

use super::{HashAlg, SEPARATOR};
use crate::jose::alg::{Alg, Curve, Kty};
use crate::jose::base64url;
use crate::jose::error::Error;
use crate::jose::key::private::PrivateKey;
use crate::jose::key::{jwk, Key};
use crate::jose::sign;

/// Salt length in bytes: 128 bits, as RFC 9901 §4.2.1 recommends.
pub const SALT_BYTES: usize = 16;

/// The `typ` of the issuer JWT when the header gives none (SD-JWT VC's media type).
pub const DEFAULT_TYP: &str = "dc+sd-jwt";

/// One step of a claim path: an object member by name, or an array element by position.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// The member of an object with this name.
    Member(String),
    /// The element of an array at this (0-based) position.
    Element(usize),
}

/// Where a claim sits in the claims: `address`, `address.street_address`, `nationalities[1]`,
/// `["odd.name"]`. It starts with a top-level member, since the claims are an object.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimPath {
    steps: Vec<Step>,
}

impl ClaimPath {
    /// The top-level claim `name`.
    pub fn member(name: &str) -> ClaimPath {
        ClaimPath {
            steps: vec![Step::Member(name.to_owned())],
        }
    }

    /// A path from its steps; the first must be a member.
    pub fn from_steps(steps: Vec<Step>) -> Result<ClaimPath, Error> {
        match steps.first() {
            Some(Step::Member(_)) => Ok(ClaimPath { steps }),
            Some(Step::Element(_)) => Err(refused("a claim path starts with a claim name")),
            None => Err(refused("a claim path has at least one step")),
        }
    }

    /// The steps, outermost first.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// This path followed by the member `name`.
    pub fn then_member(&self, name: &str) -> ClaimPath {
        self.then(Step::Member(name.to_owned()))
    }

    /// This path followed by the array element at `index`.
    pub fn then_element(&self, index: usize) -> ClaimPath {
        self.then(Step::Element(index))
    }

    fn then(&self, step: Step) -> ClaimPath {
        let mut steps = self.steps.clone();
        steps.push(step);
        ClaimPath { steps }
    }

    /// True when `other` is this path or lies inside it (`address` holds `address.locality`).
    pub fn contains(&self, other: &ClaimPath) -> bool {
        other.steps.starts_with(&self.steps)
    }

    /// Reads a path: a claim name, then `.name`, `[index]` or `["any name"]` (a JSON string)
    /// steps. Names are any characters but `.`, `[`, `]` and `"`; the bracket form takes the rest.
    pub fn parse(text: &str) -> Result<ClaimPath, Error> {
        let whole = text.trim();
        if whole.is_empty() {
            return Err(bad_path(whole, "it is empty"));
        }
        let mut steps = Vec::new();
        let mut rest = whole;
        while !rest.is_empty() {
            let (step, after) = match rest.strip_prefix('[') {
                Some(inner) => bracket(inner, whole)?,
                None => {
                    let body = match (steps.is_empty(), rest.strip_prefix('.')) {
                        (true, _) => rest,
                        (false, Some(body)) => body,
                        (false, None) => {
                            return Err(bad_path(whole, &format!("unexpected text at {rest:?}")))
                        }
                    };
                    let end = body.find(['.', '[', ']', '"']).unwrap_or(body.len());
                    let name = body.get(..end).unwrap_or_default();
                    if name.is_empty() {
                        return Err(bad_path(whole, "a claim name is missing"));
                    }
                    (
                        Step::Member(name.to_owned()),
                        body.get(end..).unwrap_or_default(),
                    )
                }
            };
            if steps.is_empty() && matches!(step, Step::Element(_)) {
                return Err(bad_path(
                    whole,
                    "the claims are an object, so the path starts with a claim name",
                ));
            }
            steps.push(step);
            rest = after;
        }
        Ok(ClaimPath { steps })
    }
}

/// Reads `index]` or `"name"]` after a `[`; returns the step and the text after the `]`.
fn bracket<'a>(inner: &'a str, whole: &str) -> Result<(Step, &'a str), Error> {
    if inner.starts_with('"') {
        let mut escaped = false;
        let mut close = None;
        for (index, c) in inner.char_indices().skip(1) {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    close = Some(index);
                    break;
                }
                (false, _) => {}
            }
        }
        let close = close.ok_or_else(|| bad_path(whole, "a quoted name is not closed"))?;
        let quoted = inner.get(..=close).unwrap_or_default();
        let name: String = serde_json::from_str(quoted)
            .map_err(|_| bad_path(whole, &format!("{quoted} is not a JSON string")))?;
        let after = inner
            .get(close + 1..)
            .and_then(|after| after.strip_prefix(']'))
            .ok_or_else(|| bad_path(whole, "a \"]\" is missing after a quoted name"))?;
        return Ok((Step::Member(name), after));
    }
    let close = inner
        .find(']')
        .ok_or_else(|| bad_path(whole, "a \"[\" is not closed"))?;
    let digits = inner.get(..close).unwrap_or_default();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_path(
            whole,
            &format!("[{digits}] is not an array position (digits) or a quoted name"),
        ));
    }
    let index = digits
        .parse()
        .map_err(|_| bad_path(whole, &format!("[{digits}] is too large")))?;
    Ok((
        Step::Element(index),
        inner.get(close + 1..).unwrap_or_default(),
    ))
}

fn bad_path(text: &str, detail: &str) -> Error {
    refused(&format!("the claim path {text:?} cannot be read: {detail}"))
}

/// A name that reads back as itself after `.` (or at the start).
fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| matches!(c, '.' | '[' | ']' | '"') || c.is_whitespace())
}

/// The text `ClaimPath::parse` reads back.
impl fmt::Display for ClaimPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, step) in self.steps.iter().enumerate() {
            match step {
                Step::Member(name) if is_plain(name) => {
                    if position > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                Step::Member(name) => write!(f, "[{}]", Value::String(name.clone()))?,
                Step::Element(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// What to issue: the claims, which of them are selectively disclosable, how many decoys, the
/// hash, and the holder's public key for key binding.
#[derive(Clone, Debug, PartialEq)]
pub struct Issuance {
    /// The claims as the holder will see them when everything is disclosed.
    pub claims: Map<String, Value>,
    /// The claims (object members or array elements, at any depth) made disclosable.
    pub disclosable: Vec<ClaimPath>,
    /// Decoy digests added to every `_sd` array made (and to the top level's, always).
    pub decoys: usize,
    /// The hash of the digests and of the KB-JWT's `sd_hash` (`_sd_alg`).
    pub sd_alg: HashAlg,
    /// The holder's public JWK, written to `cnf.jwk` so the holder can bind presentations.
    pub holder_jwk: Option<Map<String, Value>>,
}

/// One disclosure made at issuance, with the claim it discloses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedDisclosure {
    /// The claim it discloses.
    pub path: ClaimPath,
    /// The disclosure as it appears in a presentation (base64url).
    pub text: String,
}

/// An issued SD-JWT: the signed issuer JWT and every disclosure.
#[derive(Clone, Debug, PartialEq)]
pub struct Issued {
    /// The issuer-signed JWT (compact JWS).
    pub issuer_jwt: String,
    /// The issuer JWT's payload, with its digests.
    pub payload: Map<String, Value>,
    /// Every disclosure, inner ones before the disclosure whose value holds their digest.
    pub disclosures: Vec<IssuedDisclosure>,
    /// How many decoy digests the payload holds in all.
    pub decoys: usize,
}

impl Issued {
    /// The SD-JWT with every disclosure (what the issuer hands the holder).
    pub fn issuance(&self) -> String {
        let all: Vec<ClaimPath> = self.disclosures.iter().map(|d| d.path.clone()).collect();
        self.presentation(&all)
    }

    /// `issuer JWT~disclosure~…~` with the disclosures of the chosen claims and those of every
    /// enclosing disclosable claim (a nested digest is only reachable through its parent's). A
    /// chosen claim inside a disclosed one is revealed with it; the disclosable claims inside a
    /// chosen one stay hidden unless chosen too.
    pub fn presentation(&self, chosen: &[ClaimPath]) -> String {
        let mut text = self.issuer_jwt.clone();
        text.push(SEPARATOR);
        for disclosure in &self.disclosures {
            if chosen.iter().any(|path| disclosure.path.contains(path)) {
                text.push_str(&disclosure.text);
                text.push(SEPARATOR);
            }
        }
        text
    }
}

/// The system's randomness (the browser's `crypto.getRandomValues` in the page), for `issue`.
pub fn system_random(bytes: &mut [u8]) -> Result<(), Error> {
    getrandom::fill(bytes).map_err(|err| Error::NoRandomness {
        purpose: "an SD-JWT salt or decoy",
        detail: err.to_string(),
    })
}

/// Issues an SD-JWT: digests in place of the disclosable claims, `_sd_alg`, `cnf.jwk` from the
/// holder key, the header's `alg` set and `typ` defaulting to `dc+sd-jwt`, signed by `key`
/// (weak keys refused). `random` fills salts and decoys; pass `system_random` outside tests.
pub fn issue(
    issuance: &Issuance,
    mut header: Map<String, Value>,
    alg: Alg,
    key: &PrivateKey,
    random: &mut impl FnMut(&mut [u8]) -> Result<(), Error>,
) -> Result<Issued, Error> {
    for reserved in ["_sd", "_sd_alg"] {
        if issuance.claims.contains_key(reserved) {
            return Err(refused(&format!(
                "the claims already have {reserved:?}, which the issuance writes"
            )));
        }
    }
    let cnf = match &issuance.holder_jwk {
        None => None,
        Some(_) if issuance.claims.contains_key("cnf") => {
            return Err(refused(
                "the claims already have \"cnf\", which the holder key would replace",
            ))
        }
        Some(holder) => Some(holder_cnf(holder)?),
    };
    let wanted: BTreeSet<ClaimPath> = issuance.disclosable.iter().cloned().collect();
    if let Some(path) = wanted.iter().find(|path| {
        matches!(path.steps.as_slice(), [Step::Member(name)] if name == "cnf") && cnf.is_some()
    }) {
        return Err(refused(&format!(
            "{path} holds the holder key, which the verifier needs: it cannot be disclosable"
        )));
    }
    let mut builder = Builder {
        wanted: &wanted,
        found: BTreeSet::new(),
        sd_alg: issuance.sd_alg,
        decoys: issuance.decoys,
        decoy_count: 0,
        random,
        disclosures: Vec::new(),
        salts: HashSet::new(),
    };
    let root = ClaimPath { steps: Vec::new() };
    let mut payload = builder.object(&issuance.claims, &root)?;
    if let Some(missing) = wanted.difference(&builder.found).next() {
        return Err(refused(&format!(
            "there is no claim at {missing} to make disclosable"
        )));
    }
    payload.insert(
        "_sd_alg".to_owned(),
        Value::String(issuance.sd_alg.name().to_owned()),
    );
    if let Some(cnf) = cnf {
        payload.insert("cnf".to_owned(), cnf);
    }
    header.insert("alg".to_owned(), Value::String(alg.name().to_owned()));
    if !header.contains_key("typ") {
        header.insert("typ".to_owned(), Value::String(DEFAULT_TYP.to_owned()));
    }
    let header_text = Value::Object(header).to_string();
    let payload_text = Value::Object(payload.clone()).to_string();
    let issuer_jwt = sign::encode(alg, &header_text, payload_text.as_bytes(), key)?;
    Ok(Issued {
        issuer_jwt,
        payload,
        disclosures: builder.disclosures,
        decoys: builder.decoy_count,
    })
}

/// The algorithm a holder's key signs its key binding JWT with: ES256/384/512 or ES256K by
/// curve, EdDSA, or RS256; a shared secret cannot be a holder key (`cnf` names a public key).
pub fn holder_alg(key: &PrivateKey) -> Result<Alg, Error> {
    match key.public() {
        Key::Ec(ec) => match ec.curve() {
            Curve::P256 => Ok(Alg::ES256),
            Curve::P384 => Ok(Alg::ES384),
            Curve::P521 => Ok(Alg::ES512),
            Curve::Secp256k1 => Ok(Alg::ES256K),
            Curve::Ed25519 | Curve::X25519 | Curve::Ed448 | Curve::X448 => {
                Err(refused("the holder key's curve cannot sign"))
            }
        },
        Key::Ed25519(_) | Key::Ed448(_) => Ok(Alg::EdDSA),
        Key::MlDsa(key) => Ok(key.set().alg()),
        Key::Rsa(_) => Ok(Alg::RS256),
        Key::Secret(_) => Err(refused(
            "a holder key is a private key whose public half goes in cnf, not a shared secret",
        )),
    }
}

/// Appends a key binding JWT (`typ` `kb+jwt`; `iat`, `aud`, `nonce`, and `sd_hash` over the
/// presentation exactly as given) signed by the holder's key. The presentation must end in `~`.
pub fn bind(
    presentation: &str,
    alg: Alg,
    holder_key: &PrivateKey,
    aud: &str,
    nonce: &str,
    iat: i64,
    sd_alg: HashAlg,
) -> Result<String, Error> {
    if !presentation.ends_with(SEPARATOR) || !presentation.contains('.') {
        return Err(refused(
            "a presentation to bind ends with \"~\" (this one has a KB-JWT already, or is not an SD-JWT)",
        ));
    }
    let header = json!({"alg": alg.name(), "typ": "kb+jwt"}).to_string();
    let claims = json!({
        "iat": iat,
        "aud": aud,
        "nonce": nonce,
        "sd_hash": sd_alg.digest_text(presentation),
    })
    .to_string();
    let kb_jwt = sign::encode(alg, &header, claims.as_bytes(), holder_key)?;
    Ok(format!("{presentation}{kb_jwt}"))
}

/// `{"jwk": …}` for a public holder key; a private or symmetric key is refused, since the issuer
/// payload is readable by anyone who sees a presentation.
fn holder_cnf(holder: &Map<String, Value>) -> Result<Value, Error> {
    let (kty, _) = jwk::kty_and_curve(holder);
    if kty == Some(Kty::Oct) || jwk::has_private_members(holder) {
        return Err(refused(
            "the holder key must be a public JWK (no private members such as \"d\" or \"priv\", not oct): the payload is readable by every verifier",
        ));
    }
    jwk::parse_jwk(holder)?;
    Ok(json!({ "jwk": Value::Object(holder.clone()) }))
}

fn refused(detail: &str) -> Error {
    Error::SdJwtIssuance {
        detail: detail.to_owned(),
    }
}

/// The walk that replaces disclosable claims by digests, innermost first.
struct Builder<'a, R: FnMut(&mut [u8]) -> Result<(), Error>> {
    wanted: &'a BTreeSet<ClaimPath>,
    found: BTreeSet<ClaimPath>,
    sd_alg: HashAlg,
    decoys: usize,
    decoy_count: usize,
    random: &'a mut R,
    disclosures: Vec<IssuedDisclosure>,
    salts: HashSet<String>,
}

impl<R: FnMut(&mut [u8]) -> Result<(), Error>> Builder<'_, R> {
    fn value(&mut self, value: &Value, path: &ClaimPath) -> Result<Value, Error> {
        match value {
            Value::Object(object) => self.object(object, path).map(Value::Object),
            Value::Array(items) => self.array(items, path).map(Value::Array),
            other => Ok(other.clone()),
        }
    }

    fn object(
        &mut self,
        object: &Map<String, Value>,
        path: &ClaimPath,
    ) -> Result<Map<String, Value>, Error> {
        let mut output = Map::new();
        let mut digests = Vec::new();
        for (name, value) in object {
            let child = path.then_member(name);
            if name == "_sd" || name == "..." {
                return Err(refused(&format!(
                    "{child}: the name {name:?} is reserved by SD-JWT"
                )));
            }
            let inner = self.value(value, &child)?;
            match self.is_wanted(&child) {
                true => {
                    let salt = self.salt()?;
                    let array = json!([salt, name, inner]);
                    digests.push(self.disclose(child, &array));
                }
                false => {
                    output.insert(name.clone(), inner);
                }
            }
        }
        if !digests.is_empty() || path.steps.is_empty() {
            for _ in 0..self.decoys {
                digests.push(self.decoy()?);
            }
        }
        if !digests.is_empty() {
            digests.sort();
            let digests = digests.into_iter().map(Value::String).collect();
            output.insert("_sd".to_owned(), Value::Array(digests));
        }
        Ok(output)
    }

    fn array(&mut self, items: &[Value], path: &ClaimPath) -> Result<Vec<Value>, Error> {
        let mut output = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let child = path.then_element(index);
            let inner = self.value(item, &child)?;
            match self.is_wanted(&child) {
                true => {
                    let salt = self.salt()?;
                    let array = json!([salt, inner]);
                    let digest = self.disclose(child, &array);
                    output.push(json!({ "...": digest }));
                }
                false => output.push(inner),
            }
        }
        Ok(output)
    }

    fn is_wanted(&mut self, path: &ClaimPath) -> bool {
        let wanted = self.wanted.contains(path);
        if wanted {
            self.found.insert(path.clone());
        }
        wanted
    }

    /// Records the disclosure of `array` and returns its digest.
    fn disclose(&mut self, path: ClaimPath, array: &Value) -> String {
        let text = base64url::encode(array.to_string().as_bytes());
        let digest = self.sd_alg.digest_text(&text);
        self.disclosures.push(IssuedDisclosure { path, text });
        digest
    }

    /// A fresh salt; one seen before means the randomness is broken, and would give two
    /// claims the same digest or let a decoy be recognised.
    fn salt(&mut self) -> Result<String, Error> {
        let mut bytes = [0u8; SALT_BYTES];
        (self.random)(&mut bytes)?;
        let salt = base64url::encode(&bytes);
        if !self.salts.insert(salt.clone()) {
            return Err(Error::NoRandomness {
                purpose: "an SD-JWT salt or decoy",
                detail: "the same 128-bit value came twice".to_owned(),
            });
        }
        Ok(salt)
    }

    /// The digest of a random value, as RFC 9901 §4.2.5 suggests: indistinguishable from a real one.
    fn decoy(&mut self) -> Result<String, Error> {
        let salt = self.salt()?;
        self.decoy_count += 1;
        Ok(self.sd_alg.digest_text(&salt))
    }
}
