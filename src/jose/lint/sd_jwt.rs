//! Findings for an SD-JWT presentation (RFC 9901): key binding missing or failing, disclosures
//! that are malformed, unreferenced or repeated, registered claims disclosed that must not be,
//! and a weak or unknown `_sd_alg`. A missing `exp` is the ordinary finding, judged on the
//! processed payload.

use super::{Finding, FindingCode};
use crate::jose::sd_jwt::{problems, DisclosureState, KbStatus, Malformed, Problem, SdJwt};

/// Every SD-JWT finding of the presentation, in the order the problems are found.
pub fn findings(sd: &SdJwt) -> Vec<Finding> {
    problems(sd).iter().filter_map(finding).collect()
}

fn finding(problem: &Problem) -> Option<Finding> {
    let found = match problem {
        Problem::KeyBindingMissing => Finding::new(
            FindingCode::SdKeyBindingMissing,
            "No key binding JWT, though the credential is bound to a key".to_owned(),
            "The issuer JWT has a cnf key, so the holder should prove possession with a KB-JWT; without one, whoever copied the presentation can replay it. A verifier that requires key binding must refuse it.",
        ),
        Problem::KeyBindingFailed { status } => Finding::new(
            FindingCode::SdKeyBindingFailed,
            format!("The key binding JWT does not hold ({})", status.code()),
            match status {
                KbStatus::SdHashMismatch => "Its sd_hash is not the hash of this presentation: it was made for another set of disclosures, or the presentation was changed.",
                KbStatus::Invalid => "Its signature does not match the issuer JWT's cnf key: someone other than the holder made it.",
                KbStatus::BadTyp => "Its typ must be kb+jwt (RFC 9901 §4.3), so it cannot be confused with another JWT.",
                _ => "A verifier must refuse a presentation whose key binding JWT fails any check.",
            },
        ),
        Problem::Disclosure { index, state } => {
            let what = match state {
                DisclosureState::Unreferenced => "is referenced nowhere: no digest in the issuer JWT matches it, so it discloses nothing the issuer signed".to_owned(),
                DisclosureState::Duplicate => "appears twice (or its digest does)".to_owned(),
                DisclosureState::Malformed(malformed) => malformed_words(malformed),
                DisclosureState::Referenced | DisclosureState::Unchecked => return None,
            };
            Finding::new(
                FindingCode::SdDisclosure,
                format!("Disclosure {} {what}", index + 1),
                "RFC 9901 §7.1: a verifier must reject a presentation with such a disclosure.",
            )
        }
        Problem::NotDisclosable { name, .. } => Finding::new(
            FindingCode::SdNotDisclosable,
            format!("The claim {name:?} is selectively disclosed"),
            "SD-JWT VC forbids selective disclosure of iss, nbf, exp, cnf, vct and status: a verifier relies on them being always present and signed in the clear.",
        ),
        Problem::Digests(process) => Finding::new(
            FindingCode::SdDisclosure,
            format!("The issuer JWT's digests are malformed ({})", process.code()),
            "RFC 9901 §7.1: a verifier must reject it.",
        ),
        Problem::SdAlgUnsupported { name } => Finding::new(
            FindingCode::SdAlg,
            format!("_sd_alg {name:?} is not a hash this page knows"),
            "The disclosures cannot be matched with the issuer's digests, so none is checked.",
        ),
        Problem::SdAlgWeak { name } => Finding::new(
            FindingCode::SdAlg,
            format!("_sd_alg {name:?} is a broken hash"),
            "Disclosures hashed with it can be forged to match a digest; use sha-256 or stronger.",
        ),
        // A missing exp is the ordinary finding, said once.
        Problem::NoExp => return None,
        Problem::JsonPlacement { placement } => Finding::new(
            FindingCode::SdJsonForm,
            format!("The disclosures are {}", placement.describe()),
            "RFC 9901 §8 puts disclosures and kb_jwt in the first signature's unprotected header; a verifier that follows it finds none here. Earlier drafts (and the reference implementation's 0.10 releases) put them at the top level.",
        ),
        Problem::JsonRepeated { signatures } => Finding::new(
            FindingCode::SdJsonForm,
            format!(
                "Signature {} also carries disclosures or a key binding JWT",
                signatures.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
            ),
            "RFC 9901 §8.3: they must be in the first unprotected header only; this page reads the first.",
        ),
        Problem::JsonBoundElsewhere { signature } => Finding::new(
            FindingCode::SdJsonForm,
            format!("The key binding JWT's sd_hash binds signature {signature}, not the first"),
            "RFC 9901 §8.1 builds the hashed compact form from \"the\" signature without saying which; a verifier that takes the first (where §8.3 puts the disclosures) refuses this key binding.",
        ),
    };
    Some(found)
}

fn malformed_words(malformed: &Malformed) -> String {
    let sentence = malformed.describe();
    format!("is malformed: {}", sentence.trim_end_matches('.'))
}
