//! Every key reader, on the key box's text and encoding (`key\0encoding`): verification keys
//! (secrets, PEM, certificates, JWK, JWK Set), private keys, JWE decryption keys, trust
//! anchors, and each key written out in the forms the key workshop shows.
#![no_main]

use jwt_debugger::jose::chain;
use jwt_debugger::jose::jwe;
use jwt_debugger::jose::key::export::{
    private_jwk, private_pem, public_jwk, public_pem, JwkLabels,
};
use jwt_debugger::jose::key::{self, private, secret, thumbprint, KeyText};
use jwt_debugger::jose::share;
use jwt_debugger_fuzz::{encoding, fields};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some([text, encoding_name]) = fields(data) else {
        return;
    };
    let encoding = encoding(encoding_name);
    let labels = JwkLabels::default();
    let _ = secret::has_edge_whitespace(text);
    if let Ok(read) = KeyText::read(text) {
        let _ = (read.looks_private(), read.jwk_label("kid"));
    }
    if let Ok(keys) = key::parse(text, encoding) {
        let _ = (keys.format.describe(), keys.is_set());
        for entry in &keys.entries {
            let _ = (entry.label(), thumbprint::of(&entry.key));
            let _ = (public_pem(&entry.key), public_jwk(&entry.key, &labels));
            if let Some(certificate) = &entry.meta.certificate {
                let _ = key::common_name(&certificate.subject_name());
                let _ = certificate.is_expired_at(jwt_debugger_fuzz::NOW as i64);
            }
        }
    }
    if let Ok(key) = private::parse(text, encoding) {
        let _ = (private_pem(&key), private_jwk(&key, &labels));
        let _ = public_jwk(&key.public(), &labels);
    }
    let _ = jwe::key::parse(text, encoding);
    for anchor in chain::anchors_in_pem(text) {
        let _ = anchor.is_usable();
    }
    let _ = share::is_shareable(text, encoding);
});
