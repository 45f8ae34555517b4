//! PBES2's PBKDF2 runs described apart from running them (`jwe::pbkdf2`): the runs a request
//! needs, keys handed over from elsewhere (the worker's WebCrypto) used as given, and the same
//! result as RustCrypto's when nothing is handed over.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::base64url_decode;
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::hex;
use jwt_debugger::jose::jwe::alg::{EncAlg, KeyAlg};
use jwt_debugger::jose::jwe::decrypt::FailedStep;
use jwt_debugger::jose::jwe::pbkdf2::{Derivation, Job, Pbes2, Prf};
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::protocol::{
    Decryption, EncryptRequest, Reply, Request, SignRequest, Signed,
};
use jwt_debugger::jose::workshop::{answer, answer_with, pbkdf2_runs};
use serde_json::Value;
use zeroize::Zeroizing;

/// RFC 7520 §5.3: PBES2-HS512+A256KW, p2c 8192, with a password of non-ASCII text.
const PBES2_EXAMPLE: &str = "5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json";
/// RFC 7520 §5.1: RSA1_5, with an RSA private JWK.
const RSA_EXAMPLE: &str = "5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json";

/// One RFC 7520 §5 example, by file name.
fn cookbook(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/rfc7520/jwe/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn decrypt_request(token: &str, password: &str) -> Request {
    Request::Decrypt {
        token: token.to_owned(),
        key: password.into(),
        encoding: SecretEncoding::Utf8,
    }
}

fn decryption(reply: Reply) -> Decryption {
    match reply {
        Reply::Decryption(decryption) => decryption,
        other => panic!("not a decryption: {other:?}"),
    }
}

#[test]
fn pbkdf2_matches_rfc_7914s_hmac_sha256_vector() {
    // RFC 7914 §11: PBKDF2-HMAC-SHA256 (P = "passwd", S = "salt", c = 1, dkLen = 64).
    let expected = "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783";
    let derivation = Derivation {
        prf: Prf::HmacSha256,
        salt: b"salt".to_vec(),
        rounds: 1,
        len: 64,
    };
    let key = Pbes2::default().key(&derivation, b"passwd");
    assert_eq!(hex::encode(&key), expected);
    // Negative twins: another count, another password.
    let twice = Derivation {
        rounds: 2,
        ..derivation.clone()
    };
    assert_ne!(
        hex::encode(&Pbes2::default().key(&twice, b"passwd")),
        expected
    );
    assert_ne!(
        hex::encode(&Pbes2::default().key(&derivation, b"passwe")),
        expected
    );
}

#[test]
fn a_pbes2_decryption_asks_for_the_headers_run_with_the_password() {
    let example = cookbook(PBES2_EXAMPLE);
    let token = example["output"]["compact"].as_str().unwrap();
    let password = example["input"]["pwd"].as_str().unwrap();
    let (_, jobs) = pbkdf2_runs(&decrypt_request(token, password)).unwrap();
    assert_eq!(jobs.len(), 1);
    let job = &jobs[0];
    let salt_input = base64url_decode(example["encrypting_key"]["salt"].as_str().unwrap());
    assert_eq!(
        job.derivation.salt,
        [b"PBES2-HS512+A256KW".as_slice(), &[0], &salt_input].concat()
    );
    assert_eq!(job.derivation.rounds, 8192);
    assert_eq!(job.derivation.prf, Prf::HmacSha512);
    assert_eq!(job.derivation.len, 32);
    assert_eq!(job.password.as_slice(), password.as_bytes());
    // Negative twins: no run for a token that is not PBES2, nor for a key that is no password.
    let rsa_example = cookbook(RSA_EXAMPLE);
    let rsa = rsa_example["output"]["compact"].as_str().unwrap();
    assert!(pbkdf2_runs(&decrypt_request(rsa, password))
        .unwrap()
        .1
        .is_empty());
    // An RSA private key parses as a decryption key, but is no password.
    let rsa_key = rsa_example["input"]["key"].to_string();
    assert!(pbkdf2_runs(&decrypt_request(token, &rsa_key))
        .unwrap()
        .1
        .is_empty());
    // Negative twin of that: the password itself does plan the run.
    assert_eq!(
        pbkdf2_runs(&decrypt_request(token, password))
            .unwrap()
            .1
            .len(),
        1
    );
}

#[test]
fn a_key_handed_over_is_the_one_used_and_a_wrong_length_is_not_taken() {
    let example = cookbook(PBES2_EXAMPLE);
    let token = example["output"]["compact"].as_str().unwrap();
    let password = example["input"]["pwd"].as_str().unwrap();
    let request = decrypt_request(token, password);
    let (pbes2, jobs) = pbkdf2_runs(&request).unwrap();
    let job = jobs[0].clone();
    let right = Pbes2::default()
        .key(&job.derivation, &job.password)
        .to_vec();
    // The right key, handed over: decrypted, the same as deriving it here.
    let handed = pbes2.clone().with_derived(job.clone(), right.clone());
    let opened = decryption(answer_with(request.clone(), &handed));
    assert_eq!(opened, decryption(answer(request.clone())));
    let Decryption::Decrypted(opened) = opened else {
        panic!("not decrypted: {opened:?}");
    };
    assert_eq!(
        opened.text.as_deref(),
        example["input"]["plaintext"].as_str()
    );
    // A wrong key of the right length is used as given, so the unwrap fails: it was not re-derived.
    let mut wrong = right.clone();
    wrong[0] ^= 1;
    let refused = decryption(answer_with(
        request.clone(),
        &pbes2.clone().with_derived(job.clone(), wrong),
    ));
    assert_eq!(
        refused,
        Decryption::Invalid {
            step: FailedStep::KeyUnwrap
        }
    );
    // A key of the wrong length is not taken; one for another password does not apply.
    let short = pbes2
        .clone()
        .with_derived(job.clone(), right[..16].to_vec());
    assert!(matches!(
        decryption(answer_with(request.clone(), &short)),
        Decryption::Decrypted(_)
    ));
    let other = Job {
        password: Zeroizing::new(b"another password".to_vec()),
        ..job
    };
    let mut stray = right;
    stray[0] ^= 1;
    let unrelated = pbes2.with_derived(other, stray);
    assert!(matches!(
        decryption(answer_with(request, &unrelated)),
        Decryption::Decrypted(_)
    ));
}

fn encrypt_to_password(password: &str) -> Request {
    Request::Sign(SignRequest {
        alg: Alg::HS256,
        header: r#"{"alg":"HS256","typ":"JWT"}"#.to_owned(),
        payload: r#"{"sub":"pbes2"}"#.to_owned(),
        key: "a-string-secret-at-least-256-bits-long".into(),
        encoding: SecretEncoding::Utf8,
        allow_weak: false,
        encrypt: Some(EncryptRequest {
            alg: KeyAlg::from_name("PBES2-HS256+A128KW").unwrap(),
            enc: EncAlg::from_name("A128GCM").unwrap(),
            key: password.into(),
            encoding: SecretEncoding::Utf8,
        }),
        selective: None,
    })
}

fn signed(reply: Reply) -> Signed {
    match reply {
        Reply::Signed(signed) => signed,
        other => panic!("not signed: {other:?}"),
    }
}

fn header_of(token: &str) -> Value {
    let protected = token.split('.').next().unwrap();
    serde_json::from_slice(&base64url_decode(protected)).unwrap()
}

#[test]
fn an_encryption_to_a_password_has_its_salt_chosen_before_its_run() {
    let password = "correct horse battery staple";
    let request = encrypt_to_password(password);
    let (pbes2, jobs) = pbkdf2_runs(&request).unwrap();
    assert_eq!(jobs.len(), 1);
    let job = jobs[0].clone();
    assert_eq!(job.derivation.rounds, 600_000);
    assert_eq!(job.derivation.prf, Prf::HmacSha256);
    // 600,000 iterations are slow in a debug build: derived once here, then handed over.
    let key = Pbes2::default()
        .key(&job.derivation, &job.password)
        .to_vec();
    let token = signed(answer_with(
        request.clone(),
        &pbes2.clone().with_derived(job.clone(), key.clone()),
    ))
    .token;
    let header = header_of(&token);
    let salt_input = base64url_decode(header["p2s"].as_str().unwrap());
    assert_eq!(
        job.derivation.salt,
        [b"PBES2-HS256+A128KW".as_slice(), &[0], &salt_input].concat()
    );
    assert_eq!(header["p2c"], 600_000);
    // Decrypting it asks for the same run, and with the key it gives the token opens.
    let open = |token: &str| {
        let request = decrypt_request(token, password);
        let (decrypting, runs) = pbkdf2_runs(&request).unwrap();
        assert_eq!(runs, vec![job.clone()]);
        decryption(answer_with(
            request,
            &decrypting.with_derived(job.clone(), key.clone()),
        ))
    };
    assert!(matches!(open(&token), Decryption::Decrypted(_)));
    // Negative twin: a wrong key handed over makes a token the password does not open.
    let mut wrong = key.clone();
    wrong[0] ^= 1;
    let token = signed(answer_with(
        request.clone(),
        &pbes2.with_derived(job.clone(), wrong),
    ))
    .token;
    assert_eq!(
        open(&token),
        Decryption::Invalid {
            step: FailedStep::KeyUnwrap
        }
    );
    // Each plan has a salt of its own.
    let (_, again) = pbkdf2_runs(&request).unwrap();
    assert_ne!(again[0].derivation.salt, jobs[0].derivation.salt);
}

#[test]
fn debug_never_shows_a_password_or_a_derived_key() {
    let job = Job {
        derivation: Derivation {
            prf: Prf::HmacSha256,
            salt: b"salt".to_vec(),
            rounds: 1,
            len: 16,
        },
        password: Zeroizing::new(b"hunter2-secret".to_vec()),
    };
    let pbes2 = Pbes2::default().with_derived(job.clone(), b"derived-key-0123".to_vec());
    for text in [format!("{job:?}"), format!("{pbes2:?}")] {
        assert!(!text.contains("hunter2"), "{text}");
        // As text, or as the bytes' numbers ("hu", "de").
        assert!(!text.contains("derived-key"), "{text}");
        assert!(!text.contains("104, 117"), "{text}");
        assert!(!text.contains("100, 101"), "{text}");
    }
}

#[test]
fn many_pbes2_recipients_get_at_most_two_million_iterations_planned_and_no_run_twice() {
    let protected = jwt_debugger::jose::base64url::encode(br#"{"enc":"A128GCM"}"#);
    let recipient = |salt: &str| {
        serde_json::json!({
            "header": {"alg": "PBES2-HS256+A128KW", "p2s": salt, "p2c": 1_000_000},
            "encrypted_key": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        })
    };
    let token = |recipients: Vec<Value>| {
        serde_json::json!({
            "protected": protected, "recipients": recipients,
            "iv": "AAAAAAAAAAAAAAAA", "ciphertext": "AAAA", "tag": "AAAAAAAAAAAAAAAAAAAAAA"
        })
        .to_string()
    };
    let five: Vec<Value> = [
        "c2FsdDAwMDA",
        "c2FsdDAwMDE",
        "c2FsdDAwMDI",
        "c2FsdDAwMDM",
        "c2FsdDAwMDQ",
    ]
    .into_iter()
    .map(recipient)
    .collect();
    let (_, jobs) = pbkdf2_runs(&decrypt_request(&token(five), "pw")).unwrap();
    assert_eq!(jobs.len(), 2, "two runs of a million, not five");
    // The same recipient twice is one run.
    let twice = vec![recipient("c2FsdDAwMDA"), recipient("c2FsdDAwMDA")];
    let (_, jobs) = pbkdf2_runs(&decrypt_request(&token(twice), "pw")).unwrap();
    assert_eq!(jobs.len(), 1);
}
