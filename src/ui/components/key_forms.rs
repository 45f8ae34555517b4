//! One key in every form it has (PEM and JWK, private and public, a one-key JWK Set), each with
//! a copy button, under what the key is and its thumbprint.

use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::CopyButton;

use crate::jose::protocol::KeyForms as Forms;
use crate::jose::redacted::SecretText;

#[derive(PartialEq, Properties)]
pub struct KeyFormsProps {
    pub forms: Rc<Forms>,
    /// The `data-testid` prefix: `keygen` or `convert`.
    pub prefix: AttrValue,
}

#[component]
pub fn KeyForms(props: &KeyFormsProps) -> Html {
    let forms = &props.forms;
    let prefix = &props.prefix;
    let form = |name: &str, title: &str, text: Option<&str>| {
        let Some(text) = text else {
            return html! {};
        };
        let testid = format!("{prefix}-{name}");
        html! {
            <div class="key-forms-item">
                <div class="key-forms-head">
                    <span class="key-forms-title">{ title }</span>
                    <CopyButton text={text.to_owned()} testid={format!("{testid}-copy")} label={format!("Copy: {title}")} />
                </div>
                <pre class="key-forms-text" data-testid={testid} tabindex="0" aria-label={title.to_owned()}>{ text }</pre>
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
