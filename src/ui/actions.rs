//! The page's callbacks, made once per page (the app memoizes them), so a component's props
//! compare equal from one render to the next and a pane whose inputs did not change skips its
//! render. A callback made in a view (`dispatch.reform(…)`) is new on every render, and
//! unequal to the last, which would re-render everything it is given to.

use yew::prelude::*;

use super::state::compare::Side;
use super::state::{encoder, workshop, Action, CheckSettings, Mode, Part, PartView};
use super::wordlist_file;
use crate::jose::detached::PayloadEncoding;
use crate::jose::examples::Example;
use crate::jose::key::SecretEncoding;
use crate::jose::sd_jwt::Expectation;

#[derive(Clone, PartialEq)]
pub struct Actions {
    pub set_token: Callback<String>,
    pub set_key: Callback<String>,
    pub set_encoding: Callback<SecretEncoding>,
    pub share_key: Callback<bool>,
    pub set_payload: Callback<String>,
    pub set_payload_encoding: Callback<PayloadEncoding>,
    pub expect_key_binding: Callback<Expectation>,
    pub set_attack_url: Callback<String>,
    pub load_example: Callback<Example>,
    pub clear_token: Callback<MouseEvent>,
    pub edit_in_encoder: Callback<MouseEvent>,
    pub restore_previous: Callback<MouseEvent>,
    pub start_secret_search: Callback<()>,
    pub set_wordlist_text: Callback<String>,
    pub set_wordlist_file: Callback<web_sys::File>,
    pub clear_wordlist: Callback<()>,
    pub header_view: Callback<PartView>,
    pub payload_view: Callback<PartView>,
    pub set_settings: Callback<CheckSettings>,
    pub set_inner_key: Callback<String>,
    pub set_inner_encoding: Callback<SecretEncoding>,
    pub set_mode: Callback<Mode>,
    pub set_compare_a: Callback<String>,
    pub set_compare_b: Callback<String>,
    pub compare_with_decoder: Callback<MouseEvent>,
    pub encode: Callback<encoder::Edit>,
    pub send_to_decoder: Callback<()>,
    pub workshop: Callback<workshop::Edit>,
    pub sign_with_generated: Callback<()>,
}

impl Actions {
    pub fn new(dispatch: &Callback<Action>) -> Actions {
        let on_click = |action: fn() -> Action| dispatch.reform(move |_: MouseEvent| action());
        Actions {
            set_token: dispatch.reform(Action::SetToken),
            set_key: dispatch.reform(|key: String| Action::SetKey(key.into())),
            set_encoding: dispatch.reform(Action::SetEncoding),
            share_key: dispatch.reform(Action::ShareKey),
            set_payload: dispatch.reform(Action::SetPayload),
            set_payload_encoding: dispatch.reform(Action::SetPayloadEncoding),
            expect_key_binding: dispatch.reform(Action::ExpectKeyBinding),
            set_attack_url: dispatch.reform(Action::SetAttackUrl),
            load_example: dispatch.reform(Action::LoadExample),
            clear_token: on_click(|| Action::ClearToken),
            edit_in_encoder: on_click(|| Action::EditInEncoder),
            restore_previous: on_click(|| Action::RestorePrevious),
            start_secret_search: dispatch.reform(|()| Action::StartSecretSearch),
            // One list at a time: text typed in lets go of a file held before.
            set_wordlist_text: dispatch.reform(|text| {
                wordlist_file::forget();
                Action::SetWordlistText(text)
            }),
            set_wordlist_file: dispatch.reform(|file: web_sys::File| Action::SetWordlistFile {
                name: file.name(),
                bytes: file.size() as u64,
                handle: wordlist_file::hold(file),
            }),
            clear_wordlist: dispatch.reform(|()| {
                wordlist_file::forget();
                Action::ClearWordlist
            }),
            header_view: dispatch.reform(|view| Action::SetPartView(Part::Header, view)),
            payload_view: dispatch.reform(|view| Action::SetPartView(Part::Payload, view)),
            set_settings: dispatch.reform(Action::SetSettings),
            set_inner_key: dispatch.reform(|key: String| Action::SetInnerKey(key.into())),
            set_inner_encoding: dispatch.reform(Action::SetInnerEncoding),
            set_mode: dispatch.reform(Action::SetMode),
            set_compare_a: dispatch.reform(|token| Action::SetCompareToken(Side::A, token)),
            set_compare_b: dispatch.reform(|token| Action::SetCompareToken(Side::B, token)),
            compare_with_decoder: on_click(|| Action::CompareWithDecoder),
            encode: dispatch.reform(Action::Encode),
            send_to_decoder: dispatch.reform(|()| Action::SendToDecoder),
            workshop: dispatch.reform(Action::Workshop),
            sign_with_generated: dispatch.reform(|()| Action::SignWithGenerated),
        }
    }

    /// The JSON-or-table switch of a part.
    pub fn part_view(&self, part: Part) -> &Callback<PartView> {
        match part {
            Part::Header => &self.header_view,
            Part::Payload => &self.payload_view,
        }
    }
}
