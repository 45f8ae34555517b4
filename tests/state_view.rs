//! The page's presentation state, natively: modes, examples, clearing, a token moved in from
//! the encoder and put back, editing a decoded token in the encoder, the JSON-or-table choice
//! kept across tokens, and links that carry token, key and mode.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{JWT_IO_SECRET, JWT_IO_TOKEN};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::examples::Example;
use jwt_debugger::jose::status::Status;
use jwt_debugger::jose::workshop::answer;
use jwt_debugger::ui::state::encoder::{Edit, Output};
use jwt_debugger::ui::state::view::PartsToCome;
use jwt_debugger::ui::state::{Action, Mode, Part, PartView, State};

const NOW: f64 = 1_700_000_000.0;

fn status(state: &State) -> Status {
    state.outer.inspection.verification.status
}

#[test]
fn modes_change_only_the_view() {
    let mut state = State::new(JWT_IO_TOKEN.to_owned(), NOW);
    assert_eq!(state.view.mode, Mode::Decoder);
    assert!(state.apply(Action::SetMode(Mode::Keys)));
    assert_eq!(state.view.mode, Mode::Keys);
    // Choosing the tab already chosen changes nothing.
    assert!(!state.apply(Action::SetMode(Mode::Keys)));
    assert_eq!(&*state.outer.input, JWT_IO_TOKEN);
    for mode in Mode::ALL {
        assert_eq!(Mode::from_name(mode.as_str()), Some(mode));
    }
    assert_eq!(Mode::from_name("Encoder"), None);
}

#[test]
fn an_example_fills_both_boxes_and_what_it_replaced_can_be_restored() {
    let mut state = State::new(String::new(), NOW);
    state.apply(Action::SetMode(Mode::Encoder));
    state.apply(Action::LoadExample(Example::Hs256));
    assert_eq!(state.view.mode, Mode::Decoder);
    assert_eq!(&*state.outer.input, Example::Hs256.token());
    assert_eq!(state.outer.key.text.expose(), Example::Hs256.key());
    assert_eq!(status(&state), Status::Valid);
    // From an empty decoder the move is still told, but there is nothing to go back to.
    assert_eq!(state.view.moved.as_ref().unwrap().replaced, None);
    assert!(!state.clone().apply(Action::RestorePrevious));

    state.apply(Action::LoadExample(Example::Broken));
    assert_eq!(status(&state), Status::Malformed);
    assert!(state.view.moved.as_ref().unwrap().replaced.is_some());
    assert!(state.apply(Action::RestorePrevious));
    assert_eq!(&*state.outer.input, Example::Hs256.token());
    assert_eq!(status(&state), Status::Valid);
    assert!(!state.apply(Action::RestorePrevious), "restored once");
}

#[test]
fn clear_empties_the_token_and_keeps_the_key() {
    let mut state = State::new(JWT_IO_TOKEN.to_owned(), NOW);
    state.apply(Action::SetKey(JWT_IO_SECRET.into()));
    state.apply(Action::ClearToken);
    assert_eq!(&*state.outer.input, "");
    assert_eq!(status(&state), Status::Empty);
    assert_eq!(state.outer.key.text.expose(), JWT_IO_SECRET);
}

#[test]
fn the_encoders_token_moves_to_the_decoder_visibly_and_the_previous_one_comes_back() {
    let mut state = State::new(JWT_IO_TOKEN.to_owned(), NOW);
    state.apply(Action::SetKey(JWT_IO_SECRET.into()));
    state.apply(Action::SetMode(Mode::Encoder));
    let secret = "0123456789abcdef0123456789abcdef";
    state.apply(Action::Encode(Edit::Key(secret.into())));
    let generation = state.encoder.generation;
    let request = state.encoder.request().unwrap();
    state.apply(Action::Encoded {
        generation,
        answer: answer(request),
    });
    let Output::Signed(signed) = state.encoder.output.clone() else {
        panic!("signed");
    };
    assert!(state.apply(Action::SendToDecoder));
    assert_eq!(state.view.mode, Mode::Decoder);
    assert_eq!(&*state.outer.input, signed.token);
    assert_eq!(status(&state), Status::Valid);
    let moved = state.view.moved.as_ref().unwrap();
    assert_eq!(moved.from, "the encoder");
    assert!(state.apply(Action::RestorePrevious));
    assert_eq!(&*state.outer.input, JWT_IO_TOKEN);
    assert_eq!(state.outer.key.text.expose(), JWT_IO_SECRET);
    assert_eq!(status(&state), Status::Valid);

    // Negative twin: once the user types, the note (and the way back) goes.
    state.apply(Action::Encode(Edit::Payload(r#"{"sub":"x"}"#.to_owned())));
    let generation = state.encoder.generation;
    let request = state.encoder.request().unwrap();
    state.apply(Action::Encoded {
        generation,
        answer: answer(request),
    });
    state.apply(Action::SendToDecoder);
    state.apply(Action::SetToken(JWT_IO_TOKEN.to_owned()));
    assert!(state.view.moved.is_none());
    assert!(!state.apply(Action::RestorePrevious));
}

#[test]
fn edit_in_encoder_takes_header_payload_and_alg_but_not_the_key() {
    let mut state = State::new(Example::EdDsa.token().to_owned(), NOW);
    state.apply(Action::SetKey(Example::EdDsa.key().into()));
    state.apply(Action::Encode(Edit::Key("an old signing key".into())));
    assert!(state.apply(Action::EditInEncoder));
    assert_eq!(state.view.mode, Mode::Encoder);
    assert_eq!(state.encoder.alg, Alg::EdDSA);
    assert!(state.encoder.header.contains("\"alg\": \"EdDSA\""));
    assert!(state.encoder.header.contains('\n'), "pretty-printed");
    let payload = state.outer.inspection.decoded.as_ref().unwrap();
    let first_claim = payload.claims().unwrap().keys().next().unwrap().clone();
    assert!(state.encoder.payload.contains(&first_claim));
    assert!(state.encoder.key.is_empty());
    assert_eq!(state.encoder.output, Output::NoKey);

    // Negative twin: a broken token has no header to take.
    let mut broken = State::new("not a token".to_owned(), NOW);
    assert!(!broken.apply(Action::EditInEncoder));
    assert_eq!(broken.view.mode, Mode::Decoder);
}

#[test]
fn the_json_or_table_choice_holds_while_the_token_changes() {
    let mut state = State::new(JWT_IO_TOKEN.to_owned(), NOW);
    assert_eq!(state.view.part(Part::Payload), PartView::Json);
    state.apply(Action::SetPartView(Part::Payload, PartView::Table));
    state.apply(Action::SetToken(Example::Rs256Jwks.token().to_owned()));
    assert_eq!(state.view.part(Part::Payload), PartView::Table);
    assert_eq!(state.view.part(Part::Header), PartView::Json);
}

#[test]
fn a_link_opens_with_its_token_key_and_mode() {
    let mut state = State::new(String::new(), NOW);
    state.apply(Action::OpenLink {
        token: Some(JWT_IO_TOKEN.to_owned()),
        key: Some(JWT_IO_SECRET.into()),
        mode: Some(Mode::Keys),
    });
    assert_eq!(state.view.mode, Mode::Keys);
    assert_eq!(status(&state), Status::Valid);
    // A link without a mode is the decoder's, and one without a key keeps the key box.
    state.apply(Action::OpenLink {
        token: Some(JWT_IO_TOKEN.to_owned()),
        key: None,
        mode: None,
    });
    assert_eq!(state.view.mode, Mode::Decoder);
    assert_eq!(state.outer.key.text.expose(), JWT_IO_SECRET);
}

#[test]
fn every_tokens_parts_follow_its_verdict_a_big_ones_in_two_steps() {
    let mut state = State::new(String::new(), NOW);
    state.apply(Action::SetKey(JWT_IO_SECRET.into()));
    state.apply(Action::ShowParts {
        generation: state.outer.generation,
    });
    state.apply(Action::SetToken(JWT_IO_TOKEN.to_owned()));
    assert_eq!(
        state.view.parts_pending,
        Some(PartsToCome::Held),
        "a small token's panes catch up a frame after its verdict"
    );
    assert!(state.apply(Action::ShowParts {
        generation: state.outer.generation
    }));
    assert_eq!(state.view.parts_pending, None);
    assert!(
        !state.apply(Action::ShowParts {
            generation: state.outer.generation
        }),
        "nothing was waiting"
    );
    state.apply(Action::SetKey("another secret".into()));
    assert_eq!(
        state.view.parts_pending,
        Some(PartsToCome::Held),
        "so do a new key's"
    );
    state.apply(Action::ShowParts {
        generation: state.outer.generation,
    });

    let big = format!("{JWT_IO_TOKEN}{}", "A".repeat(40 * 1024));
    state.apply(Action::SetToken(big.clone()));
    assert_eq!(
        state.view.parts_pending,
        Some(PartsToCome::All),
        "the verdict goes first"
    );
    assert!(state.apply(Action::ShowParts {
        generation: state.outer.generation
    }));
    assert_eq!(
        state.view.parts_pending,
        Some(PartsToCome::Big),
        "then the small parts"
    );
    assert!(state.apply(Action::ShowParts {
        generation: state.outer.generation
    }));
    assert_eq!(state.view.parts_pending, None, "then the rest");
    assert!(
        !state.apply(Action::ShowParts {
            generation: state.outer.generation
        }),
        "once"
    );
    // A step asked for an older token or key is dropped.
    state.apply(Action::SetToken(format!("{big}B")));
    let older = state.outer.generation;
    state.apply(Action::SetToken(format!("{big}C")));
    assert!(!state.apply(Action::ShowParts { generation: older }));
    assert_eq!(state.view.parts_pending, Some(PartsToCome::All));
    // A key typed while a big token shows its small parts holds them (they are the old key's)
    // until its own verdict is in.
    state.apply(Action::ShowParts {
        generation: state.outer.generation,
    });
    assert_eq!(state.view.parts_pending, Some(PartsToCome::Big));
    state.apply(Action::SetKey("another secret".into()));
    assert_eq!(state.view.parts_pending, Some(PartsToCome::Held));
    assert!(!state.outer.inspection.is_complete());
    state.apply(Action::ShowParts {
        generation: state.outer.generation,
    });
    assert_eq!(state.view.parts_pending, None);
    assert!(state.outer.inspection.is_complete());
    // Another big token starts over, and a key typed meanwhile does not cut its staging short.
    state.apply(Action::SetToken(format!("{big}A")));
    assert_eq!(state.view.parts_pending, Some(PartsToCome::All));
    state.apply(Action::SetKey(JWT_IO_SECRET.into()));
    assert_eq!(state.view.parts_pending, Some(PartsToCome::All));
}
