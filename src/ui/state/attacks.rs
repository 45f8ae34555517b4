//! The attack lab's state: the URL the tester hosts jku/x5u content at, and the tokens the
//! worker made for the decoder's token and key box, tagged with the inputs they were made for.

use std::rc::Rc;

use super::Generation;
use crate::jose::attacks::Attack;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AttackLab {
    pub url: String,
    /// Changes with the URL.
    pub generation: Generation,
    /// The worker's tokens (or why it made none), for the decoder's inputs and URL of then.
    pub made: Option<(Made, Lab)>,
}

/// The worker's tokens, or why it made none.
pub type Lab = Result<Rc<Vec<Attack>>, String>;

/// The inputs a set of tokens was made for: the decoder's generation and the URL's.
pub type Made = (Generation, Generation);
