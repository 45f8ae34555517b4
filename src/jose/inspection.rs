//! One inspection of a token with a key box: everything the page shows about it, built by one
//! function and rebuilt in parts. A new key redoes the verdict and the findings that depend on
//! the key; a moving clock redoes only what depends on time. The page holds one for the pasted
//! token and one more for the signed token inside a decrypted JWE.

mod anchored;

use std::rc::Rc;

use serde_json::{Map, Value};

pub use anchored::ChainCheck;

use super::chain::ChainPlan;
use super::claims::{claim_rows, header_rows, ClaimRow, Clock, Expectations, Lifetime};
use super::detached::{self, Detached, GivenPayload};
use super::embedded::{embedded_keys, EmbeddedKey};
use super::error::Error;
use super::input::{clean, CleanedInput, Removed};
use super::issuer::{issuer_keys, IssuerKeys, NoLinks, Provider};
use super::jwe::{self, Jwe};
use super::jws_json::{self, JwsJson};
use super::key::KeySet;
use super::known_secrets::Target;
use super::lint::{self, Finding, FindingCode};
use super::platform::{decide_here, PlatformAnswer};
use super::sd_jwt::{self, SdJwt};
use super::status::{Status, Verification};
use super::token::{decode, Decoded, Form, HeaderAlg, Payload, PayloadView};

/// A pasted JSON serialization, read as the JWE or the JWS it says it is.
struct Json {
    jwe: Option<Rc<Result<Jwe, Error>>>,
    jws: Option<Rc<Result<JwsJson, Error>>>,
    /// A JWS serialization without `payload`, kept to be read again with the payload box's.
    detached_jws: Option<Rc<Map<String, Value>>>,
    /// Not JSON but an SD-JWT presentation (`<issuer JWT>~<disclosure>~…~[<KB-JWT>]`).
    sd_jwt: Option<Rc<SdJwt>>,
}

/// The key box read once: `None` while it is empty.
pub type ParsedKeys = Option<Rc<Result<KeySet, Error>>>;

/// How the token's times and claims are judged.
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

impl CheckSettings {
    /// The clock claims are judged by at `now`: the chosen check time, or now.
    pub fn clock(&self, now: f64) -> Clock {
        Clock {
            now: self.check_at.unwrap_or(now),
            leeway: self.leeway,
        }
    }
}

/// Which token an inspection is of: its findings are titled and filtered accordingly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The token pasted in the page.
    Pasted,
    /// The signed token inside a decrypted JWE: its payload travelled encrypted, so
    /// sensitive-looking claims are no finding, and its findings say whose they are.
    Inner,
}

/// The tables of the header's parameters and the payload's claims, and the token's times.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tables {
    pub header: Rc<Vec<ClaimRow>>,
    pub claims: Rc<Vec<ClaimRow>>,
    pub times: Lifetime,
    /// The payload is a JSON object.
    pub has_claims: bool,
    /// Where the issuer's keys are, and whose issuer it is: for a token signed with a public
    /// key whose claims have a string `iss`.
    pub issuer: Option<Result<IssuerKeys, NoLinks>>,
    /// The provider recognised from `iss`, whose claims the table explains.
    pub provider: Option<Provider>,
}

/// Everything the page shows about one token and key box.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    pub role: Role,
    /// The input with surrounding noise removed, and what was removed.
    pub cleaned: CleanedInput,
    /// The compact token decoded part by part; `None` while empty or for a JSON serialization.
    pub decoded: Option<Rc<Decoded>>,
    /// A pasted JSON serialization of a JWE, read (or why it is not one).
    pub json_jwe: Option<Rc<Result<Jwe, Error>>>,
    /// A pasted JWS JSON serialization, read (or why it is not one).
    pub json_jws: Option<Rc<Result<JwsJson, Error>>>,
    /// Each signature's verdict of a JWS JSON serialization, in its order.
    pub signatures: Rc<Vec<Verification>>,
    /// The payload box of a JWS whose content is detached or unencoded: what the verdict was
    /// checked over, or why it could not be. `None` for every other token.
    pub payload_box: Option<Detached>,
    /// The payload box's content, kept across tokens as the key box is.
    given: GivenPayload,
    /// The compact token rebuilt around the payload box's content, when that is used.
    attached: Option<Rc<Decoded>>,
    /// A detached JWS JSON serialization as pasted, read again when the payload box changes.
    detached_jws: Option<Rc<Map<String, Value>>>,
    /// An SD-JWT presentation (RFC 9901): its disclosures and key binding; `decoded` is its
    /// issuer JWT, checked with the key box as any JWS.
    pub sd_jwt: Option<Rc<SdJwt>>,
    /// The issuer JWT with the processed payload (every disclosure in place) as its payload:
    /// what the claims tables, times and summary read.
    sd_processed: Option<Rc<Decoded>>,
    /// Keys the token's header carries (never used to verify).
    pub embedded: Rc<Vec<EmbeddedKey>>,
    /// The token's `x5c` chain, its links checked against the key box's trust anchors.
    pub chain: Option<ChainCheck>,
    /// With trust anchors in the key box, the chain's leaf key: the signature is checked with it.
    leaf_keys: ParsedKeys,
    /// The signature's own verdict (`None` while the platform checks it), which a chain's
    /// verdict then judges.
    signature_verdict: Option<Verification>,
    /// The check time a chain is judged at, Unix seconds.
    at: i64,
    pub keys: ParsedKeys,
    /// The verdict, or `Pending` while the check waits on the platform (WebCrypto).
    pub verification: Rc<Verification>,
    /// The findings that do not move with the clock, kept between ticks.
    untimed: Vec<Finding>,
    /// An SD-JWT's findings, kept between ticks: they change only when its key binding settles.
    sd_findings: Vec<Finding>,
    /// Every finding, most severe first; the known-secret one once it is found.
    pub findings: Rc<Vec<Finding>>,
    pub tables: Tables,
    /// A publicly known secret the signature verifies with, once a search found it.
    known_secret: Option<String>,
    /// The finding for a secret from the user's wordlist, once its search found one.
    wordlist_secret: Option<Finding>,
    /// The findings and tables are built; until then only the verdict is (`verdict_first`).
    complete: bool,
}

impl Inspection {
    /// The inspection of the pasted token text with the key box, at `now`.
    pub fn of_text(
        token: &str,
        keys: ParsedKeys,
        settings: &CheckSettings,
        now: f64,
    ) -> Inspection {
        let at = settings.clock(now).now as i64;
        let mut inspection = Inspection::verdict_first(token, keys, &GivenPayload::default(), at);
        inspection.complete(settings, now);
        inspection
    }

    /// The token decoded and its verdict decided (or left to the platform), without findings
    /// or tables: what the page paints first. `complete` builds the rest.
    /// `given` is the payload box, for a token whose content is detached; `at` the time (Unix
    /// seconds) a certificate chain is judged at.
    pub fn verdict_first(
        token: &str,
        keys: ParsedKeys,
        given: &GivenPayload,
        at: i64,
    ) -> Inspection {
        let cleaned = clean(token);
        // JSON is a JWS or JWE JSON serialization (or a paste that says why it is neither),
        // parsed once to tell which.
        let is_json = cleaned.token.starts_with('{');
        let (mut json_jws, mut json_jwe, mut detached_jws) = (None, None, None);
        let mut json_sd = None;
        if is_json {
            match serde_json::from_str::<Map<String, Value>>(&cleaned.token) {
                Ok(object) if jws_json::looks_like_jws(&object) => {
                    if !object.contains_key("payload") {
                        detached_jws = Some(Rc::new(object.clone()));
                    }
                    // Its signatures' verdict is the JWS JSON one; the SD-JWT adds the rest.
                    json_sd = sd_jwt::json::from_object(&object).and_then(Result::ok);
                    json_jws = Some(Rc::new(jws_json::from_object(&object)));
                }
                Ok(object) => json_jwe = Some(Rc::new(jwe::from_object(&object))),
                // The JWE reader says where the JSON breaks.
                Err(_) => json_jwe = Some(Rc::new(jwe::parse(&cleaned.token))),
            }
        }
        // An SD-JWT's issuer JWT is the token its verdict is about.
        let compact_sd = (!is_json && sd_jwt::looks_like_sd_jwt(&cleaned.token))
            .then(|| sd_jwt::parse(&cleaned.token).ok())
            .flatten();
        let decoded = match &compact_sd {
            Some(sd) => Some(Rc::clone(&sd.issuer)),
            None => {
                (!cleaned.token.is_empty() && !is_json).then(|| Rc::new(decode(&cleaned.token)))
            }
        };
        let sd = compact_sd.or(json_sd).map(Rc::new);
        let json = Json {
            jwe: json_jwe,
            jws: json_jws,
            detached_jws,
            sd_jwt: sd,
        };
        Inspection::build(Role::Pasted, cleaned, decoded, json, keys, given, at)
    }

    /// The inspection of the signed token inside a decrypted JWE.
    pub fn of_inner(
        inner: Rc<Decoded>,
        keys: ParsedKeys,
        settings: &CheckSettings,
        now: f64,
    ) -> Inspection {
        let cleaned = CleanedInput {
            token: inner.compact.as_str().into(),
            removed: Vec::new(),
        };
        let json = Json {
            jwe: None,
            jws: None,
            detached_jws: None,
            sd_jwt: None,
        };
        let given = GivenPayload::default();
        let at = settings.clock(now).now as i64;
        let mut inspection =
            Inspection::build(Role::Inner, cleaned, Some(inner), json, keys, &given, at);
        inspection.complete(settings, now);
        inspection
    }

    fn build(
        role: Role,
        cleaned: CleanedInput,
        decoded: Option<Rc<Decoded>>,
        json: Json,
        keys: ParsedKeys,
        given: &GivenPayload,
        at: i64,
    ) -> Inspection {
        let header = decoded.as_ref().and_then(|d| d.header.as_ref().ok());
        let embedded = Rc::new(header.map(|h| embedded_keys(&h.json)).unwrap_or_default());
        let mut inspection = Inspection {
            role,
            cleaned,
            decoded,
            json_jwe: json.jwe,
            json_jws: json.jws,
            signatures: Rc::default(),
            payload_box: None,
            given: given.clone(),
            attached: None,
            detached_jws: json.detached_jws,
            sd_processed: json.sd_jwt.as_deref().and_then(processed_decoded),
            sd_jwt: json.sd_jwt,
            embedded,
            chain: None,
            leaf_keys: None,
            signature_verdict: None,
            at,
            keys: None,
            verification: Rc::new(Verification::pending()),
            untimed: Vec::new(),
            sd_findings: Vec::new(),
            findings: Rc::default(),
            tables: Tables::default(),
            known_secret: None,
            wordlist_secret: None,
            complete: false,
        };
        inspection.attach_payload();
        inspection.rekey_verdict_first(keys);
        inspection
    }

    /// Checks the token over another payload box's content: the verdict anew, the findings
    /// and tables at `complete`.
    pub fn give_payload(&mut self, given: GivenPayload) {
        if self.given == given {
            return;
        }
        self.given = given;
        let had_box = self.payload_box.is_some();
        self.attach_payload();
        if had_box || self.payload_box.is_some() {
            self.rekey_verdict_first(self.keys.clone());
        }
    }

    /// Reads the payload box for a token whose content is detached or unencoded.
    fn attach_payload(&mut self) {
        if let Some(object) = self.detached_jws.as_deref() {
            let unencoded = matches!(self.json_jws.as_deref(), Some(Ok(jws)) if jws.unencoded());
            let (found, segment) = detached::json(&self.given, unencoded);
            self.json_jws = Some(Rc::new(jws_json::from_object_with(
                object,
                segment.as_deref(),
            )));
            self.payload_box = Some(found);
            return;
        }
        let found = self
            .decoded
            .as_deref()
            .and_then(|decoded| detached::compact(decoded, &self.given));
        let (found, attached) = found.map_or((None, None), |(found, attached)| {
            (Some(found), attached.map(Rc::new))
        });
        self.payload_box = found;
        self.attached = attached;
    }

    /// The compact token as its signature is checked: with the payload box's content in it
    /// when that is used.
    fn checked(&self) -> Option<&Rc<Decoded>> {
        self.attached.as_ref().or(self.decoded.as_ref())
    }

    /// Why the payload box keeps the signature from being checked, if it does.
    fn payload_problem(&self) -> Option<&Error> {
        self.payload_box.as_ref()?.source.as_ref().err()
    }

    /// Checks the token with another key box: the verdict and every finding anew.
    pub fn rekey(&mut self, keys: ParsedKeys, settings: &CheckSettings, now: f64) {
        self.at = settings.clock(now).now as i64;
        self.rekey_verdict_first(keys);
        self.complete(settings, now);
    }

    /// The verdict with another key box; the findings wait for `complete`.
    pub fn rekey_verdict_first(&mut self, keys: ParsedKeys) {
        self.keys = keys;
        self.complete = false;
        if let Some(jws) = self.json_jws.as_deref() {
            let verdicts = match (jws, self.payload_problem()) {
                (Ok(jws), Some(err)) => {
                    vec![Verification::failed(err.clone()); jws.signatures.len()]
                }
                (Ok(jws), None) => {
                    jws_json::verdicts_here(jws, &self.cleaned.removed, self.keys.as_deref())
                }
                (Err(err), _) => vec![Verification::failed(err.clone())],
            };
            let overall = jws_json::overall(&verdicts);
            self.signature_verdict = (overall.status != Status::Pending).then(|| overall.clone());
            self.verification = Rc::new(overall);
            self.signatures = Rc::new(verdicts);
            return;
        }
        // A header that does not decode is the first thing to say; after it, a missing payload.
        let header_read = self.decoded.as_deref().is_some_and(|d| d.header.is_ok());
        if let (Some(err), true) = (self.payload_problem(), header_read) {
            let failed = Verification::failed(err.clone());
            self.signature_verdict = Some(failed.clone());
            self.verification = Rc::new(failed);
            return;
        }
        let chain = anchored::begin(
            self.checked().map(Rc::as_ref),
            self.keys.as_deref(),
            self.at,
        );
        (self.chain, self.leaf_keys) =
            chain.map_or((None, None), |(check, leaf)| (Some(check), leaf));
        self.signature_verdict = decide_here(
            self.checked().map(Rc::as_ref),
            &self.cleaned.removed,
            self.signature_keys().as_deref(),
        );
        self.verification = Rc::new(self.combined());
    }

    /// The keys the signature is checked with: a chain's leaf when the key box holds trust
    /// anchors, otherwise the key box's.
    fn signature_keys(&self) -> ParsedKeys {
        self.leaf_keys.clone().or_else(|| self.keys.clone())
    }

    /// The verdict from the signature's own and, when it was checked with a chain's leaf, the
    /// chain's: pending until both are in.
    fn combined(&self) -> Verification {
        let Some(signature) = &self.signature_verdict else {
            return Verification::pending();
        };
        match (&self.chain, self.leaf_keys.is_some()) {
            (Some(ChainCheck::Checking(_)), true) => Verification::pending(),
            (Some(ChainCheck::Checked(chain)), true) => anchored::judge(signature, chain),
            _ => signature.clone(),
        }
    }

    /// Judges a token's certificate chain at another check time (the user set one): the
    /// chain and verdict anew. `false` when there is no chain or the time is the same.
    pub fn rejudge_chain_at(&mut self, at: i64) -> bool {
        if self.chain.is_none() || self.at == at {
            return false;
        }
        self.at = at;
        self.rekey_verdict_first(self.keys.clone());
        true
    }

    /// The check of an SD-JWT's key binding JWT with its `cnf` key, while it waits on the
    /// platform.
    pub fn key_binding_check(&self) -> Option<PlatformCheck> {
        self.sd_jwt
            .as_deref()?
            .key_binding
            .jwt
            .as_ref()?
            .platform_check()
    }

    /// Takes the platform's verdict on the key binding JWT's signature, if it waits for one.
    pub fn settle_key_binding(&mut self, verification: Verification) -> bool {
        if self.key_binding_check().is_none() {
            return false;
        }
        if let Some(sd) = self.sd_jwt.as_mut() {
            Rc::make_mut(sd).settle_key_binding(verification);
        }
        if self.complete {
            self.sd_findings = self.sd_jwt_findings();
        }
        true
    }

    /// The SD-JWT's findings, titled for this inspection's role.
    fn sd_jwt_findings(&self) -> Vec<Finding> {
        self.sd_jwt
            .as_deref()
            .map(lint::sd_jwt::findings)
            .unwrap_or_default()
            .into_iter()
            .map(|finding| self.titled(finding))
            .collect()
    }

    /// The chain whose links wait on the platform, if any.
    pub fn chain_plan(&self) -> Option<Rc<ChainPlan>> {
        match &self.chain {
            Some(ChainCheck::Checking(plan)) => Some(Rc::clone(plan)),
            _ => None,
        }
    }

    /// Takes the platform's answers to the chain's link signatures, if it still waits for them.
    pub fn settle_chain(&mut self, answers: &[PlatformAnswer]) -> bool {
        let settled = self
            .chain
            .as_mut()
            .is_some_and(|chain| chain.settle(answers));
        if settled {
            self.verification = Rc::new(self.combined());
        }
        settled
    }

    /// Builds the findings and tables the verdict came without; nothing if they are built.
    pub fn complete(&mut self, settings: &CheckSettings, now: f64) {
        if self.complete {
            return;
        }
        let keys = self.keys.as_deref().and_then(|keys| keys.as_ref().ok());
        self.untimed = match self.json_jws.as_deref() {
            Some(Ok(jws)) => jws_json::untimed_findings(jws, keys),
            Some(Err(_)) => Vec::new(),
            None => self
                .checked()
                .map(|decoded| lint::untimed(decoded, keys))
                .unwrap_or_default(),
        };
        self.sd_findings = self.sd_jwt_findings();
        self.complete = true;
        self.retime(settings, now);
    }

    /// Whether the findings and tables are built.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Judges the times again (the clock moved, or the settings changed); the untimed work is
    /// kept. Each table keeps its `Rc` when unchanged, so its view skips a render. Before
    /// `complete` there is nothing to judge: it judges them itself.
    pub fn retime(&mut self, settings: &CheckSettings, now: f64) {
        if !self.complete {
            return;
        }
        let clock = settings.clock(now);
        let checked = self.checked().cloned();
        let decoded = checked.as_deref();
        // The times are the payload's: a JWS JSON serialization's signatures share them.
        let payload = self.payload_decoded();
        let timed = payload
            .as_deref()
            .map(|decoded| lint::timed(decoded, &clock, settings.max_lifetime))
            .unwrap_or_default();
        let mut findings: Vec<Finding> = lint::merge(&self.untimed, &timed)
            .into_iter()
            .filter(|finding| self.shows(finding.code))
            .map(|finding| self.titled(finding))
            .collect();
        if let Some(secret) = &self.known_secret {
            findings.insert(0, self.titled(lint::known_secret(secret)));
        }
        if let Some(finding) = &self.wordlist_secret {
            findings.insert(0, self.titled(finding.clone()));
        }
        if !self.sd_findings.is_empty() {
            findings.extend(self.sd_findings.iter().cloned());
            findings.sort_by_key(|finding| finding.severity);
        }
        if *self.findings != findings {
            self.findings = Rc::new(findings);
        }
        let claims = payload.as_deref().and_then(Decoded::claims);
        let header = decoded
            .and_then(|d| d.header.as_ref().ok())
            .map(|header| header_rows(&header.json))
            .unwrap_or_default();
        let claim_table = claims
            .map(|claims| claim_rows(claims, &clock, &settings.expect))
            .unwrap_or_default();
        if *self.tables.header != header {
            self.tables.header = Rc::new(header);
        }
        if *self.tables.claims != claim_table {
            self.tables.claims = Rc::new(claim_table);
        }
        self.tables.times = claims.map(Lifetime::of).unwrap_or_default();
        self.tables.has_claims = claims.is_some();
        // An issuer publishes public keys: a token signed with a shared secret (or unsigned,
        // or whose alg is unknown) gets no links to them.
        let public_key_signed =
            decoded
                .and_then(|d| d.header.as_ref().ok())
                .is_some_and(|header| match header.alg() {
                    HeaderAlg::Known(alg) => alg.family().has_public_key(),
                    HeaderAlg::Unknown(_) | HeaderAlg::Missing => false,
                });
        let issuer = claims.and_then(issuer_keys);
        self.tables.provider = match &issuer {
            Some(Ok(keys)) => keys.provider,
            _ => None,
        };
        self.tables.issuer = issuer.filter(|_| public_key_signed);
    }

    /// Whether anything shown moves with the clock.
    pub fn has_times(&self) -> bool {
        self.tables.times != Lifetime::default()
    }

    /// Takes the platform's verdict, if the check still waits for one.
    pub fn settle(&mut self, verification: Verification) -> bool {
        if self.signature_verdict.is_some() || self.json_jws.is_some() {
            return false;
        }
        self.signature_verdict = Some(verification);
        self.verification = Rc::new(self.combined());
        true
    }

    /// The decoded token that carries the payload: the compact token, or a JWS JSON
    /// serialization's first signature (its signatures share one payload).
    /// `None` while detached content waits for its payload: there is none to show.
    pub fn payload_decoded(&self) -> Option<Rc<Decoded>> {
        if let Some(processed) = &self.sd_processed {
            return Some(Rc::clone(processed));
        }
        if self
            .payload_box
            .as_ref()
            .is_some_and(|found| found.detached && found.source.is_err())
        {
            return None;
        }
        match self.json_jws.as_deref() {
            Some(Ok(jws)) => jws
                .signatures
                .first()
                .map(|signature| Rc::clone(&signature.decoded)),
            _ => self.checked().cloned(),
        }
    }

    /// The checks to run on the platform for a JWS JSON serialization's signatures, by index:
    /// those whose verdicts wait on one.
    pub fn signature_checks(&self) -> Vec<(usize, PlatformCheck)> {
        let (Some(Ok(jws)), Some(keys)) = (self.json_jws.as_deref(), self.keys.as_ref()) else {
            return Vec::new();
        };
        jws.signatures
            .iter()
            .zip(self.signatures.iter())
            .enumerate()
            .filter(|(_, (_, verdict))| verdict.status == Status::Pending)
            .map(|(index, (signature, _))| {
                let check = PlatformCheck {
                    decoded: Rc::clone(&signature.decoded),
                    removed: self.cleaned.removed.clone(),
                    keys: Rc::clone(keys),
                };
                (index, check)
            })
            .collect()
    }

    /// Takes the platform's verdict on signature `index`, if it still waits for one.
    pub fn settle_signature(&mut self, index: usize, verification: Verification) -> bool {
        let mut verdicts = (*self.signatures).clone();
        match verdicts.get_mut(index) {
            Some(verdict) if verdict.status == Status::Pending => *verdict = verification,
            _ => return false,
        }
        self.verification = Rc::new(jws_json::overall(&verdicts));
        self.signatures = Rc::new(verdicts);
        true
    }

    /// The check to run on the platform, while the verdict waits on one.
    pub fn platform_check(&self) -> Option<PlatformCheck> {
        if self.signature_verdict.is_some() || self.json_jws.is_some() {
            return None;
        }
        Some(PlatformCheck {
            decoded: self.checked()?.clone(),
            removed: self.cleaned.removed.clone(),
            keys: self.signature_keys()?,
        })
    }

    /// The known-secret search found the token's secret.
    pub fn found_secret(&mut self, secret: String, settings: &CheckSettings, now: f64) {
        self.known_secret = Some(secret);
        self.retime(settings, now);
    }

    /// The user's wordlist search found the token's secret (the finding names the list), or
    /// `None`: a new list is being searched, so the last one's finding goes.
    pub fn found_in_wordlist(
        &mut self,
        finding: Option<Finding>,
        settings: &CheckSettings,
        now: f64,
    ) {
        if self.wordlist_secret != finding {
            self.wordlist_secret = finding;
            self.retime(settings, now);
        }
    }

    /// What the known-secret search looks for: an HS token's signature.
    pub fn secret_target(&self) -> Option<Target> {
        self.checked().map(Rc::as_ref).and_then(Target::of)
    }

    /// Whether the token is encrypted (a compact JWE or a JSON serialization).
    pub fn is_jwe(&self) -> bool {
        self.json_jwe.is_some()
            || self
                .decoded
                .as_deref()
                .is_some_and(|decoded| decoded.form == Ok(Form::Jwe))
    }

    /// The first reason decoding failed: a broken part, or a header unusable for checking.
    /// A detached payload's problem is the payload box's to show, not the token's.
    pub fn decode_error(&self) -> Option<Error> {
        let decoded = self.checked()?;
        match decoded.errors().first() {
            Some(err) => Some((*err).clone()),
            None if self.payload_problem().is_some() => None,
            None if self.verification.status == Status::Malformed => {
                self.verification.reason.clone()
            }
            None => None,
        }
    }

    fn shows(&self, code: FindingCode) -> bool {
        match self.role {
            Role::Pasted => true,
            Role::Inner => code != FindingCode::SensitiveData,
        }
    }

    fn titled(&self, finding: Finding) -> Finding {
        match self.role {
            Role::Pasted => finding,
            Role::Inner => Finding {
                title: format!("Inner token: {}", finding.title),
                ..finding
            },
        }
    }
}

/// A signature check for the platform, owning what it needs so it outlives the keystroke.
#[derive(Clone, Debug)]
pub struct PlatformCheck {
    pub decoded: Rc<Decoded>,
    pub removed: Vec<Removed>,
    pub keys: Rc<Result<KeySet, Error>>,
}

/// The issuer JWT of an SD-JWT with its processed payload (every disclosure in place) as its
/// payload, for the tables and summary; `None` when there is none.
fn processed_decoded(sd: &SdJwt) -> Option<Rc<Decoded>> {
    let claims = sd.processed.as_ref()?.claims.clone();
    let value = Value::Object(claims);
    let mut decoded = (*sd.issuer).clone();
    decoded.payload = Some(Ok(Payload {
        bytes: serde_json::to_vec(&value).unwrap_or_default(),
        view: PayloadView::Json(value),
        problem: None,
    }));
    Some(Rc::new(decoded))
}
