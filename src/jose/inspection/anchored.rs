//! A token's `x5c` chain in its inspection: planned when the token or key box changes, its links
//! checked on the platform, then concluded. With trust anchors in the key box the signature is
//! checked with the chain's leaf key, and the verdict stands only when the chain reaches an
//! anchor intact; without anchors the chain is shown and the verdict is as for any token.

use std::rc::Rc;

use super::super::chain::{plan, Anchor, Chain, ChainPlan, ChainStatus};
use super::super::error::Error;
use super::super::key::KeySet;
use super::super::platform::PlatformAnswer;
use super::super::status::{Status, Verification};
use super::super::strict::StrictProblem;
use super::super::token::Decoded;
use super::ParsedKeys;

/// Where the check of a token's chain stands.
#[derive(Clone, Debug, PartialEq)]
pub enum ChainCheck {
    /// The links' signatures wait on the platform.
    Checking(Rc<ChainPlan>),
    Checked(Rc<Chain>),
}

impl ChainCheck {
    /// The chain, once its links are checked.
    pub fn checked(&self) -> Option<&Chain> {
        match self {
            ChainCheck::Checking(_) => None,
            ChainCheck::Checked(chain) => Some(chain),
        }
    }

    /// Takes the platform's answers to the plan's signatures, if it still waits for them.
    pub fn settle(&mut self, answers: &[PlatformAnswer]) -> bool {
        let ChainCheck::Checking(plan) = self else {
            return false;
        };
        *self = ChainCheck::Checked(Rc::new((**plan).clone().conclude(answers)));
        true
    }
}

/// The chain's check for a token and key box at `at`, and the leaf's key to check the signature
/// with when the key box holds a trust anchor (an error when the leaf has no usable key).
pub fn begin(
    decoded: Option<&Decoded>,
    keys: Option<&Result<KeySet, Error>>,
    at: i64,
) -> Option<(ChainCheck, ParsedKeys)> {
    let header = decoded?.header.as_ref().ok()?;
    let anchors: &[Anchor] = match keys {
        Some(Ok(keys)) => &keys.anchors,
        _ => &[],
    };
    let planned = plan(&header.json, anchors, at)?;
    let leaf_keys = anchors.iter().any(Anchor::is_usable).then(|| {
        Rc::new(planned.leaf_key_set().ok_or_else(|| Error::KeyFormat {
            format: "x5c",
            detail: "the chain's first certificate has no key this page can use".to_owned(),
        }))
    });
    let check = match planned.signatures().is_empty() {
        true => ChainCheck::Checked(Rc::new(planned.conclude(&[]))),
        false => ChainCheck::Checking(Rc::new(planned)),
    };
    Some((check, leaf_keys))
}

/// The verdict of a signature checked with the chain's leaf key, once the chain is known: it
/// stands when the chain reaches an anchor intact (and names the anchor); otherwise a careful
/// verifier must refuse it.
pub fn judge(signature: &Verification, chain: &Chain) -> Verification {
    let mut verdict = signature.clone();
    if verdict.status != Status::Valid {
        return verdict;
    }
    // The leaf is the token's own either way: the chain says whether an anchor vouches for it.
    verdict
        .strict
        .retain(|problem| !matches!(problem, StrictProblem::KeyFromToken { parameter: "x5c" }));
    let reason = match &chain.status {
        ChainStatus::Anchored { subject, .. } => {
            if let Some(key) = verdict.verified_by.as_mut() {
                key.anchor = Some(subject.clone());
            }
            return verdict;
        }
        ChainStatus::Unanchored { anchors } => format!(
            "it reaches none of the {anchors} trust anchor{} in the key box",
            if *anchors == 1 { "" } else { "s" }
        ),
        ChainStatus::Broken(broken) => broken.to_string(),
    };
    verdict
        .strict
        .push(StrictProblem::ChainNotTrusted { reason });
    verdict
}
