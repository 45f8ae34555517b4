//! JWS JSON serializations: the text read by `jws_json::parse`, each signature's verdict with
//! the key box (`serialization\0key\0encoding`) and its findings, as the page computes them.
#![no_main]

use jwt_debugger::jose::jws_json;
use jwt_debugger_fuzz::{decide, encoding, fields, key_box};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some([text, key, encoding_name]) = fields(data) else {
        return;
    };
    let Ok(jws) = jws_json::parse(text) else {
        return;
    };
    let _ = jws.unencoded();
    let keys = key_box(key, encoding(encoding_name));
    let mut verdicts = jws_json::verdicts_here(&jws, &[], keys.as_deref());
    // What the page leaves to WebCrypto, decided here.
    if let Some(keys) = &keys {
        for (signature, verdict) in jws.signatures.iter().zip(verdicts.iter_mut()) {
            let check = jwt_debugger::jose::inspection::PlatformCheck {
                decoded: std::rc::Rc::clone(&signature.decoded),
                removed: Vec::new(),
                keys: std::rc::Rc::clone(keys),
            };
            if verdict.status == jwt_debugger::jose::status::Status::Pending {
                if let Some(decided) = decide(&check) {
                    *verdict = decided;
                }
            }
        }
    }
    let _ = jws_json::overall(&verdicts);
    let _ = jws_json::verified_count(&verdicts);
    let parsed = keys.as_deref().and_then(|keys| keys.as_ref().ok());
    let _ = jws_json::untimed_findings(&jws, parsed);
    for signature in &jws.signatures {
        let _ = signature.unprotected_text();
    }
});
