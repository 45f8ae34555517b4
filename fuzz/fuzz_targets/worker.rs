//! The worker's request handler: a message as the page posts it, answered as the worker does
//! (`workshop::answer_with`), and the reply read back as the page reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(message) = std::str::from_utf8(data) {
        jwt_debugger_fuzz::worker(message);
    }
});
