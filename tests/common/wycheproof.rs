//! Wycheproof primitive signature files read into key-and-cases groups, shared by the native
//! run (pure-Rust check) and the browser run (WebCrypto), so both judge the same cases.

use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::hex;
use serde_json::{json, Value};

/// One signature test.
pub struct Case {
    pub tc_id: u64,
    /// `valid`, `invalid` or `acceptable`.
    pub result: String,
    pub msg: Vec<u8>,
    pub sig: Vec<u8>,
}

/// One key with its tests.
pub struct Group {
    pub alg: Alg,
    /// The key as a JWK text.
    pub jwk: String,
    /// The same key as PEM, where the file gives it.
    pub pem: Option<String>,
    pub cases: Vec<Case>,
}

pub fn bytes(value: &Value) -> Vec<u8> {
    hex::decode(value.as_str().unwrap()).unwrap()
}

fn cases(group: &Value) -> Vec<Case> {
    group["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|test| Case {
            tc_id: test["tcId"].as_u64().unwrap(),
            result: test["result"].as_str().unwrap().to_owned(),
            msg: bytes(&test["msg"]),
            sig: bytes(&test["sig"]),
        })
        .collect()
}

/// The groups of a v1 signature file whose groups carry a JWK member (or only coordinates).
pub fn signature_groups(data: &Value, alg: Alg, jwk_member: &str) -> Vec<Group> {
    data["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| Group {
            alg,
            jwk: group
                .get(jwk_member)
                .cloned()
                .unwrap_or_else(|| ec_jwk_from_coordinates(group, alg))
                .to_string(),
            pem: group["publicKeyPem"].as_str().map(str::to_owned),
            cases: cases(group),
        })
        .collect()
}

/// The JOSE curve/hash pairs of the legacy `ecdsa_webcrypto_test.json`: ES256, ES384, ES512
/// and ES256K (P-256K is secp256k1).
pub fn webcrypto_v0_groups(data: &Value) -> Vec<Group> {
    data["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|group| {
            let pair = (
                group["jwk"]["crv"].as_str().unwrap(),
                group["sha"].as_str().unwrap(),
            );
            let alg = match pair {
                ("P-256", "SHA-256") => Alg::ES256,
                ("P-384", "SHA-384") => Alg::ES384,
                ("P-521", "SHA-512") => Alg::ES512,
                ("P-256K", "SHA-256") => Alg::ES256K,
                _ => return None,
            };
            Some(Group {
                alg,
                jwk: ec_jwk_from_coordinates(group, alg).to_string(),
                pem: None,
                cases: cases(group),
            })
        })
        .collect()
}

/// Some ECDSA groups give only the point's coordinates (hex, maybe with a leading 00).
fn ec_jwk_from_coordinates(group: &Value, alg: Alg) -> Value {
    let curve = alg.curve().unwrap();
    let len = curve.coordinate_len();
    let fit = |value: &Value| {
        let raw = bytes(value);
        let trimmed: Vec<u8> = raw.iter().copied().skip_while(|b| *b == 0).collect();
        let mut padded = vec![0u8; len.saturating_sub(trimmed.len())];
        padded.extend(trimmed);
        jwt_debugger::jose::base64url::encode(&padded)
    };
    let point = group.get("publicKey").or_else(|| group.get("key")).unwrap();
    json!({"kty": "EC", "crv": curve.jwk_name(), "x": fit(&point["wx"]), "y": fit(&point["wy"])})
}

/// Counts verdicts against the labels; `acceptable` may go either way and is counted.
#[derive(Default, Debug)]
pub struct Tally {
    pub valid: usize,
    pub invalid: usize,
    pub acceptable_accepted: usize,
    pub acceptable_rejected: usize,
    pub wrong: Vec<u64>,
}

impl Tally {
    pub fn record(&mut self, case: &Case, accepted: bool) {
        match (case.result.as_str(), accepted) {
            ("valid", true) => self.valid += 1,
            ("invalid", false) => self.invalid += 1,
            ("acceptable", true) => self.acceptable_accepted += 1,
            ("acceptable", false) => self.acceptable_rejected += 1,
            _ => self.wrong.push(case.tc_id),
        }
    }

    pub fn summary(&self, file: &str) -> String {
        format!(
            "{file}: {} valid accepted, {} invalid rejected, acceptable {} accepted / {} rejected, wrong {:?}",
            self.valid, self.invalid, self.acceptable_accepted, self.acceptable_rejected, self.wrong
        )
    }

    pub fn assert_all_right(&self, file: &str) {
        assert!(
            self.wrong.is_empty(),
            "{file}: wrong verdicts for tcIds {:?}",
            self.wrong
        );
        assert!(
            self.valid > 0 && self.invalid > 0,
            "{file}: the run must see both kinds"
        );
    }
}
