//! JWE decryption: a token (compact or JSON) and the key box (`token\0key\0encoding`), read,
//! decrypted with every key the box holds, and the signed token inside inspected.
#![no_main]

use jwt_debugger::jose::jwe::{self, decrypt};
use jwt_debugger::jose::protocol::Request;
use jwt_debugger::jose::redacted::SecretText;
use jwt_debugger::jose::workshop;
use jwt_debugger_fuzz::{encoding, fields, inner, key_box};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some([token, key, encoding_name]) = fields(data) else {
        return;
    };
    let encoding = encoding(encoding_name);
    let _ = jwe::looks_encrypted(token);
    if let (Ok(parsed), Ok(keys)) = (jwe::parse(token), jwe::key::parse(key, encoding)) {
        for index in 0..parsed.recipients.len() {
            let _ = parsed.header_text(index, "alg");
        }
        let _ = decrypt::pbkdf2_jobs(&parsed, &keys);
        let _ = decrypt::decrypt(&parsed, &keys);
    }
    // The worker's answer, as the page asks for it, and the inner token's inspection.
    let reply = workshop::answer(Request::Decrypt {
        token: token.to_owned(),
        key: SecretText::new(key.to_owned()),
        encoding,
    });
    inner(&reply, key_box(key, encoding));
});
