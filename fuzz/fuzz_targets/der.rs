//! The DER readers behind PEM and `x5c`: the input's bytes as a certificate, a public key and a
//! private key in each PEM label the key box takes, and as a one-certificate `x5c` chain
//! anchored in itself.
#![no_main]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use jwt_debugger::jose::chain;
use jwt_debugger::jose::key::{self, pem, private, SecretEncoding};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map};

const LABELS: [&str; 7] = [
    "CERTIFICATE",
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
    "PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
];

fuzz_target!(|der: &[u8]| {
    let _ = pem::certificate(der);
    let _ = private::from_pkcs8_der(der);
    let body = STANDARD.encode(der);
    for label in LABELS {
        let block = format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
        let _ = key::parse(&block, SecretEncoding::Utf8);
        let _ = private::parse(&block, SecretEncoding::Utf8);
    }
    let block = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
    let anchors = chain::anchors_in_pem(&block);
    let mut header = Map::new();
    header.insert("x5c".to_owned(), json!([body, body]));
    let _ = chain::check_chain(&header, &anchors, jwt_debugger_fuzz::NOW as i64);
});
