//! SD-JWT presentations: the text read by `sd_jwt::parse`, its problems, findings and VC
//! claims, and the key binding JWT checked with the issuer JWT's `cnf` key.
#![no_main]

use jwt_debugger::jose::lint;
use jwt_debugger::jose::sd_jwt;
use jwt_debugger_fuzz::decide;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = sd_jwt::looks_like_sd_jwt(text);
    let Ok(mut sd) = sd_jwt::parse(text) else {
        return;
    };
    if let Some(verification) = sd
        .key_binding
        .jwt
        .as_ref()
        .and_then(|jwt| jwt.platform_check())
        .as_ref()
        .and_then(decide)
    {
        sd.settle_key_binding(verification);
    }
    for segment in &sd.segments {
        let _ = text.get(segment.range.clone());
    }
    let _ = sd.typ().map(sd_jwt::typ_description);
    let _ = (sd.vc(), sd.undisclosed(), sd.hashed_part());
    for problem in sd_jwt::problems(&sd) {
        let _ = problem.code();
    }
    let _ = lint::sd_jwt::findings(&sd);
});
