//! The decoder's keystroke: token text, key text, the key's encoding and the payload box, and
//! everything the page shows of them (`jwt_debugger_fuzz::keystroke`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some([token, key, encoding, payload]) = jwt_debugger_fuzz::fields(data) {
        jwt_debugger_fuzz::keystroke(token, key, jwt_debugger_fuzz::encoding(encoding), payload);
    }
});
