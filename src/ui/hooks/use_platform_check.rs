//! Runs a pending signature check in WebCrypto after the render that shows it pending (so
//! typing never waits), for the pasted token, the token inside a decrypted JWE and the two
//! compared tokens.

use yew::prelude::*;

use crate::jose::alg::PlatformAlg;
use crate::jose::chain::LinkSignature;
use crate::jose::inspection::{Inspection, PlatformCheck};
use crate::jose::platform::{decide_on_platform, PlatformAnswer, PlatformRequest};
use crate::jose::protocol::{Reply, Request, VerifyRequest};
use crate::jose::status::Verification;
use crate::ui::state::compare::Side;
use crate::ui::state::{Action, State};
use crate::ui::webcrypto;
use crate::ui::worker::{self, Role};

#[hook]
pub fn use_platform_check(state: &UseReducerHandle<State>) {
    {
        let state = state.clone();
        use_effect_with(state.outer.generation, move |generation| {
            let generation = *generation;
            if let Some(check) = state.outer.inspection.platform_check() {
                let dispatcher = state.dispatcher();
                spawn_check(check, move |verification| {
                    dispatcher.dispatch(Action::Settle {
                        generation,
                        verification,
                    })
                });
            }
            // An SD-JWT's key binding JWT, with its cnf key.
            if let Some(check) = state.outer.inspection.key_binding_check() {
                let dispatcher = state.dispatcher();
                spawn_check(check, move |verification| {
                    dispatcher.dispatch(Action::SettleKeyBinding {
                        generation,
                        verification,
                    })
                });
            }
            // A certificate chain's links: each signature with its issuer's key.
            if let Some(plan) = state.outer.inspection.chain_plan() {
                let dispatcher = state.dispatcher();
                yew::platform::spawn_local(async move {
                    let mut answers = Vec::with_capacity(plan.signatures().len());
                    for signature in plan.signatures() {
                        answers.push(link_answer(signature).await);
                    }
                    dispatcher.dispatch(Action::SettleChain {
                        generation,
                        answers,
                    });
                });
            }
            // A JWS JSON serialization: each signature its own check.
            for (index, check) in state.outer.inspection.signature_checks() {
                let dispatcher = state.dispatcher();
                spawn_check(check, move |verification| {
                    dispatcher.dispatch(Action::SettleSignature {
                        generation,
                        index,
                        verification,
                    })
                });
            }
        });
    }
    // The Compare mode's two tokens, each with the shared key box.
    use_compare_check(state, Side::A);
    use_compare_check(state, Side::B);
    let state = state.clone();
    use_effect_with(state.inner.generation, move |generation| {
        let generation = *generation;
        let inner = state.inner.inspection.as_ref();
        if let Some(check) = inner.and_then(Inspection::platform_check) {
            let dispatcher = state.dispatcher();
            spawn_check(check, move |verification| {
                dispatcher.dispatch(Action::SettleInner {
                    generation,
                    verification,
                })
            });
        }
    });
}

/// The check of one of the compared tokens, whenever its token or the key box changes.
#[hook]
fn use_compare_check(state: &UseReducerHandle<State>, side: Side) {
    let state = state.clone();
    let generation = state.compare.side(side).generation;
    use_effect_with(generation, move |generation| {
        let generation = *generation;
        if let Some(check) = state.compare.side(side).inspection.platform_check() {
            let dispatcher = state.dispatcher();
            spawn_check(check, move |verification| {
                dispatcher.dispatch(Action::SettleCompare {
                    side,
                    generation,
                    verification,
                })
            });
        }
    });
}

/// WebCrypto's answer for a chain's link (RSA, the NIST curves), or the page's own for Ed25519;
/// one WebCrypto cannot run stays unchecked, never "bad signature".
async fn link_answer(signature: &LinkSignature) -> PlatformAnswer {
    match signature.platform_algorithm() {
        Some(algorithm) => {
            webcrypto::ask_with(
                algorithm,
                &signature.key.canonical_jwk,
                &signature.signed,
                &signature.signature,
            )
            .await
        }
        None => match signature.ed25519_here() {
            Some(true) => PlatformAnswer::Matches,
            Some(false) => PlatformAnswer::DoesNotMatch,
            None => PlatformAnswer::CannotRun,
        },
    }
}

/// Runs `check` on the platform and hands its verdict to `settle`.
fn spawn_check(check: PlatformCheck, settle: impl FnOnce(Verification) + 'static) {
    yew::platform::spawn_local(async move {
        let verification =
            decide_on_platform(&check.decoded, &check.removed, &check.keys, platform_answer).await;
        settle(verification);
    });
}

/// WebCrypto's answer, or, for a key it refuses to import, the worker's (which runs the core's
/// pure-Rust check, so the page itself carries no RSA, NIST-curve or ML-DSA code). A
/// worker-only check (Ed448) goes to the worker at once.
async fn platform_answer(request: PlatformRequest) -> PlatformAnswer {
    if request.algorithm == PlatformAlg::WorkerOnly {
        return in_worker(&request).await;
    }
    match webcrypto::ask(&request).await {
        PlatformAnswer::CannotRun => in_worker(&request).await,
        answer => answer,
    }
}

async fn in_worker(request: &PlatformRequest) -> PlatformAnswer {
    let request = Request::Verify(VerifyRequest {
        alg: request.alg,
        jwk: request.jwk.clone(),
        signing_input: request.signing_input.to_vec(),
        signature: request.signature.to_vec(),
    });
    match worker::ask(Role::Workshop, &request).await {
        Reply::Verified { answer } => answer,
        _ => PlatformAnswer::CannotRun,
    }
}
