//! The payload box, for a JWS whose content is detached (its payload travels apart) or
//! unencoded (`b64: false`): the signature is checked over what is typed here, read as text or
//! as base64url, and the line under it says which payload the verdict was checked over.

use yew::prelude::*;

use crate::jose::detached::{Detached, PayloadEncoding, PayloadSource};
use crate::jose::error::Error;
use crate::ui::events::{on_choice, on_text};

#[derive(PartialEq, Properties)]
pub struct PayloadInputProps {
    pub value: AttrValue,
    pub encoding: PayloadEncoding,
    pub payload_box: Detached,
    pub on_input: Callback<String>,
    pub on_encoding: Callback<PayloadEncoding>,
}

#[component]
pub fn PayloadInput(props: &PayloadInputProps) -> Html {
    let oninput = on_text(&props.on_input, |text| text);
    let onchange = on_choice(&props.on_encoding, PayloadEncoding::from_name);
    let found = &props.payload_box;
    let title = match found.detached {
        true => "Detached payload",
        false => "Payload to check (b64: false)",
    };
    let why = match (found.detached, found.unencoded) {
        (true, false) => "The token's payload segment is empty: its content travels apart. Paste the content it signs.",
        (true, true) => "The token's content travels apart and is signed as is (\"b64\": false, RFC 7797). Paste the content it signs.",
        (false, _) => "The token signs its payload as is (\"b64\": false, RFC 7797). Leave this empty to check the payload in the token, or paste another to check that.",
    };
    let (state, line) = match &found.source {
        Ok(PayloadSource::Token) => ("token", "Checked over the payload in the token.".to_owned()),
        Ok(PayloadSource::Given { encoding, bytes }) => (
            encoding.as_str(),
            format!(
                "Checked over this payload, read as {}: {bytes} byte{}.",
                label(*encoding),
                if *bytes == 1 { "" } else { "s" }
            ),
        ),
        Err(Error::DetachedPayloadMissing) => ("missing", "Nothing given yet.".to_owned()),
        Err(err) => ("unreadable", err.to_string()),
    };
    html! {
        <section class="card payload-input" aria-label="Detached payload">
            <div class="card-head">
                <label class="card-title" for="detached-payload">{ title }</label>
            </div>
            <p class="payload-input-why">{ why }</p>
            <textarea id="detached-payload" class="payload-input-area" data-testid="detached-payload"
                      spellcheck="false" autocomplete="off" autocapitalize="off"
                      placeholder="The content the signature covers"
                      value={props.value.clone()} {oninput} />
            <div class="payload-input-row">
                <label class="payload-input-label" for="detached-payload-encoding">{ "Read as" }</label>
                <select id="detached-payload-encoding" data-testid="detached-payload-encoding" {onchange}>
                    { for PayloadEncoding::ALL.iter().map(|encoding| html! {
                        <option value={encoding.as_str()} selected={*encoding == props.encoding}>{ label(*encoding) }</option>
                    }) }
                </select>
                <span class={classes!("payload-input-source", (state == "unreadable").then_some("payload-input-problem"))}
                      data-testid="detached-payload-source" data-source={state}>{ line }</span>
            </div>
        </section>
    }
}

fn label(encoding: PayloadEncoding) -> &'static str {
    match encoding {
        PayloadEncoding::Text => "text (UTF-8)",
        PayloadEncoding::Base64url => "base64url",
    }
}
