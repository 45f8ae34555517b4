//! How the page is shown rather than what it shows: the mode, each part's JSON or table
//! choice, whether share links carry the key, and a token just moved in from the encoder.

use crate::jose::key::SecretEncoding;
use crate::jose::redacted::SecretText;

/// The page's four modes, one tab each; the decoder is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Decoder,
    Encoder,
    Keys,
    Compare,
    Attacks,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::Decoder,
        Mode::Encoder,
        Mode::Keys,
        Mode::Compare,
        Mode::Attacks,
    ];

    /// The name in the URL fragment (`#mode=…`) and in the tabs' test ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Decoder => "decoder",
            Mode::Encoder => "encoder",
            Mode::Keys => "keys",
            Mode::Compare => "compare",
            Mode::Attacks => "attacks",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.as_str() == name)
    }

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Decoder => "Decoder",
            Mode::Encoder => "Encoder",
            Mode::Keys => "Keys",
            Mode::Compare => "Compare",
            Mode::Attacks => "Attack lab",
        }
    }
}

/// A decoded part shown as pretty JSON or as a table of its members.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PartView {
    #[default]
    Json,
    Table,
}

impl PartView {
    pub fn as_str(self) -> &'static str {
        match self {
            PartView::Json => "json",
            PartView::Table => "table",
        }
    }

    pub fn from_name(name: &str) -> Option<PartView> {
        [PartView::Json, PartView::Table]
            .into_iter()
            .find(|view| view.as_str() == name)
    }
}

/// The part whose view is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Header,
    Payload,
}

/// A token moved into the decoder: where it came from, and what it replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    /// Where the token came from, in words ("the encoder", "the examples").
    pub from: &'static str,
    /// What the decoder held before, so the user can go back; `None` when it was empty.
    pub replaced: Option<Replaced>,
}

/// The decoder's token and key as they were before something moved in.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    pub token: String,
    pub key: SecretText,
    pub encoding: SecretEncoding,
}

/// The page's presentation choices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub mode: Mode,
    pub header: PartView,
    pub payload: PartView,
    /// Share links carry the key box too (only ever honoured for public keys).
    pub share_key: bool,
    /// A token just moved into the decoder, and what it replaced.
    pub moved: Option<Moved>,
    /// What of a new token is still to be shown, a frame at a time (`Action::ShowParts`).
    pub parts_pending: Option<PartsToCome>,
}

/// Every new token or key is shown verdict first: the render that follows the input holds only
/// the verdict, and the panes catch up once it is in the page. A big token is shown in three
/// frames: its verdict; then the small parts (findings, header, signature, lifetime); then the
/// two that hold the whole token, the coloured encoded token and the payload with its table.
/// Each frame's work stays short, and the answer comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartsToCome {
    /// A token of ordinary size: its panes keep what they showed until its verdict is in the
    /// page, and catch up before the next frame is drawn.
    Held,
    /// Only the verdict and summary are shown.
    All,
    /// The small parts are shown; the encoded token and the payload are not yet.
    Big,
}

impl PartsToCome {
    /// What is still to come after one more frame.
    pub fn after_a_frame(self) -> Option<PartsToCome> {
        match self {
            PartsToCome::Held => None,
            PartsToCome::All => Some(PartsToCome::Big),
            PartsToCome::Big => None,
        }
    }
}

/// Tokens longer than this are shown in steps (`PartsToCome`): the verdict first, the parts in
/// the frames after, so the answer is on screen before the page lays out a large payload.
pub const PARTS_AFTER_VERDICT_ABOVE: usize = 32 * 1024;

impl View {
    pub fn part(&self, part: Part) -> PartView {
        match part {
            Part::Header => self.header,
            Part::Payload => self.payload,
        }
    }

    pub fn set_part(&mut self, part: Part, view: PartView) {
        match part {
            Part::Header => self.header = view,
            Part::Payload => self.payload = view,
        }
    }
}
