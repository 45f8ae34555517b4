//! The Compare mode: two tokens, each inspected with the decoder's key box, and what differs
//! between them, member by member.

use std::rc::Rc;

use crate::jose::compare::{compare, Comparison};
use crate::jose::detached::GivenPayload;
use crate::jose::inspection::{CheckSettings, Inspection, ParsedKeys};
use crate::jose::status::Verification;

use super::Generation;

/// Which of the two tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    /// `a` or `b`, for the test ids (`compare-token-a` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
}

/// One of the two tokens: its text and its inspection.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareSide {
    pub input: Rc<str>,
    pub inspection: Inspection,
    /// Changes with the token or key, so a slow check's verdict for older ones is dropped.
    pub generation: Generation,
}

/// Both tokens and their comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Compare {
    pub a: CompareSide,
    pub b: CompareSide,
    pub comparison: Rc<Comparison>,
}

impl Compare {
    /// Two empty token boxes.
    pub fn new(settings: &CheckSettings, now: f64) -> Compare {
        let empty = || CompareSide {
            input: Rc::from(""),
            inspection: Inspection::of_text("", None, settings, now),
            generation: Generation::default(),
        };
        Compare {
            a: empty(),
            b: empty(),
            comparison: Rc::new(compare(None, None)),
        }
    }

    pub fn side(&self, side: Side) -> &CompareSide {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    fn side_mut(&mut self, side: Side) -> &mut CompareSide {
        match side {
            Side::A => &mut self.a,
            Side::B => &mut self.b,
        }
    }

    /// A new token on one side, checked with the shared key box.
    pub fn set_token(
        &mut self,
        side: Side,
        token: String,
        keys: ParsedKeys,
        settings: &CheckSettings,
        now: f64,
    ) {
        let one = self.side_mut(side);
        let at = settings.clock(now).now as i64;
        let mut inspection = Inspection::verdict_first(&token, keys, &GivenPayload::default(), at);
        inspection.complete(settings, now);
        one.inspection = inspection;
        one.input = token.into();
        one.generation.bump();
        self.recompare();
    }

    /// The shared key box changed: both verdicts anew (the members compared stay).
    pub fn rekey(&mut self, keys: ParsedKeys, settings: &CheckSettings, now: f64) {
        for side in [Side::A, Side::B] {
            let one = self.side_mut(side);
            if one.input.is_empty() {
                continue;
            }
            one.inspection.rekey(keys.clone(), settings, now);
            one.generation.bump();
        }
    }

    /// The platform's verdict for one side, if it is for its current token and key.
    pub fn settle(
        &mut self,
        side: Side,
        generation: Generation,
        verification: Verification,
    ) -> bool {
        let one = self.side_mut(side);
        one.generation.is_current(generation) && one.inspection.settle(verification)
    }

    fn recompare(&mut self) {
        let (a, b) = (
            self.a.inspection.payload_decoded(),
            self.b.inspection.payload_decoded(),
        );
        let present = |side: &CompareSide, decoded| match side.input.is_empty() {
            true => None,
            false => decoded,
        };
        let comparison = compare(
            present(&self.a, a).as_deref(),
            present(&self.b, b).as_deref(),
        );
        if *self.comparison != comparison {
            self.comparison = Rc::new(comparison);
        }
    }
}
