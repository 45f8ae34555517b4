//! One component per file.

pub mod check_settings;
pub mod claims_table;
pub mod copy_button;
pub mod decode_error;
pub mod decoder;
pub mod embedded_keys;
pub mod encoded_token;
pub mod encoder;
pub mod encoder_encryption;
pub mod encrypted_json;
pub mod encrypted_parts;
pub mod encrypted_verdict;
pub mod examples_menu;
pub mod findings;
pub mod json_pane;
pub mod key_forms;
pub mod key_input;
pub mod key_workshop;
pub mod lifetime;
pub mod mode_tabs;
pub mod plaintext;
pub mod share_link;
pub mod signature_pane;
pub mod token_input;
pub mod verdict;
