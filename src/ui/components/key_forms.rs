//! One key in every form it has (PEM and JWK, private and public, a one-key JWK Set), each with
//! a copy button, under what the key is and its thumbprint.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::jose::protocol::KeyForms as Forms;
use crate::jose::redacted::SecretText;

#[derive(PartialEq, Properties)]
pub struct KeyFormsProps {
    pub forms: Rc<Forms>,
    /// The `data-testid` prefix: `keygen` or `convert`.
    pub prefix: AttrValue,
}

/// The last copy: which form (its `data-testid`) and whether the clipboard took it.
type Copied = Option<(String, bool)>;

#[component]
pub fn KeyForms(props: &KeyFormsProps) -> Html {
    // One state for every button (cheaper than a component each); a new key resets it.
    let copied = use_state(|| Copied::None);
    {
        let copied = copied.clone();
        use_effect_with(props.forms.clone(), move |_| copied.set(None));
    }
    let forms = &props.forms;
    let prefix = &props.prefix;
    let form = |name: &str, title: &str, text: Option<&str>| {
        let Some(text) = text else {
            return html! {};
        };
        let testid = format!("{prefix}-{name}");
        let state = match &*copied {
            Some((which, true)) if *which == testid => "copied",
            Some((which, false)) if *which == testid => "failed",
            _ => "idle",
        };
        let onclick = {
            let copied = copied.clone();
            let (testid, text) = (testid.clone(), text.to_owned());
            Callback::from(move |_: MouseEvent| copy(text.clone(), testid.clone(), copied.clone()))
        };
        html! {
            <div class="key-forms-item">
                <div class="key-forms-head">
                    <span class="key-forms-title">{ title }</span>
                    <button type="button" class="copy-button" data-testid={format!("{testid}-copy")} data-state={state}
                            aria-label={format!("Copy {title}")} {onclick}>
                        { match state { "copied" => "Copied", "failed" => "Copy failed: select the text", _ => "Copy" } }
                    </button>
                </div>
                <pre class="key-forms-text" data-testid={testid}>{ text }</pre>
            </div>
        }
    };
    let secret = forms.public_pem.is_none();
    html! {
        <div class="key-forms" data-testid={format!("{prefix}-forms")}>
            <p class="key-forms-summary">
                <span data-testid={format!("{prefix}-description")}>{ summary(forms) }</span>
                { " · thumbprint " }
                <code data-testid={format!("{prefix}-thumbprint")}>{ &forms.thumbprint }</code>
            </p>
            if let Some(note) = &forms.note {
                <p class="key-forms-note">{ note }</p>
            }
            if secret {
                <p class="key-forms-note">{ "A secret has no PEM form: use the JWK, or the secret itself (its k, base64url)." }</p>
            }
            { form("private-pem", "Private key, PEM (PKCS#8)", forms.private_pem.as_ref().map(SecretText::expose)) }
            { form("public-pem", "Public key, PEM (SPKI)", forms.public_pem.as_deref()) }
            { form("private-jwk", if secret { "JWK (the secret)" } else { "Private JWK" }, forms.private_jwk.as_ref().map(SecretText::expose)) }
            // A secret verifies as it signs: its "public" JWK is the secret again.
            { form("public-jwk", if secret { "Verifying JWK (the same secret: keep it private)" } else { "Public JWK" }, Some(forms.public_jwk.expose())) }
            { form("jwks", "JWK Set (publish this)", Some(forms.jwks.expose()).filter(|_| !secret)) }
        </div>
    }
}

/// Writes `text` to the clipboard and records how it went for the button `testid`.
fn copy(text: String, testid: String, copied: UseStateHandle<Copied>) {
    yew::platform::spawn_local(async move {
        let done = match web_sys::window() {
            Some(window) => JsFuture::from(window.navigator().clipboard().write_text(&text))
                .await
                .is_ok(),
            None => false,
        };
        copied.set(Some((testid, done)));
    });
}

/// "EC P-256 public key, with its private key, for ES256".
fn summary(forms: &Forms) -> String {
    let mut summary = forms.description.clone();
    if forms.private && forms.public_pem.is_some() {
        summary.push_str(", with its private key");
    }
    if let Some(alg) = &forms.alg {
        summary.push_str(&format!(", for {alg}"));
    }
    summary
}
