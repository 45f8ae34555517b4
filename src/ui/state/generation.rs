//! One counter type for "which inputs was this reply for": every part of the state that asks
//! for slow work (a WebCrypto check, a worker job, a search) bumps its generation when its
//! inputs change and tags the request with it; a reply is taken only through `is_current`.

/// The number of one version of some inputs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Generation(u64);

impl Generation {
    /// Moves on to the next version, and returns it.
    pub fn bump(&mut self) -> Generation {
        self.0 = self.0.wrapping_add(1);
        *self
    }

    /// Whether a reply tagged `tag` is for these inputs; a stale one must be dropped.
    pub fn is_current(self, tag: Generation) -> bool {
        self == tag
    }
}

#[cfg(test)]
mod tests {
    use super::Generation;

    #[test]
    fn a_reply_for_older_inputs_is_stale() {
        let mut generation = Generation::default();
        let first = generation.bump();
        assert!(generation.is_current(first));
        let second = generation.bump();
        assert!(!generation.is_current(first));
        assert!(generation.is_current(second));
    }
}
