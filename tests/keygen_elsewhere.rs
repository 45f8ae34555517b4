//! Keys the browser makes (WebCrypto's generateKey, exported as PKCS#8 DER, in the worker)
//! are answered like keys made here: the same forms, once checked to be the kind asked for.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwt_debugger::jose::keygen::KeyKind;
use jwt_debugger::jose::protocol::{KeyForms, Reply, Request};
use jwt_debugger::jose::workshop::{answer, generated_elsewhere};

fn made_here(kind: &str) -> KeyForms {
    let kind = KeyKind::from_name(kind).unwrap();
    let Reply::Forms(forms) = answer(Request::Generate { kind }) else {
        panic!("no key");
    };
    forms
}

/// The PKCS#8 DER inside a PEM `PRIVATE KEY` block, as exportKey("pkcs8") gives it.
fn pkcs8_der(forms: &KeyForms) -> Vec<u8> {
    let pem = forms.private_pem.as_ref().unwrap().expose().to_owned();
    let (label, der) = der::pem::decode_vec(pem.as_bytes()).unwrap();
    assert_eq!(label, "PRIVATE KEY");
    der
}

#[test]
fn a_browsers_key_gets_the_forms_a_key_made_here_gets() {
    for name in ["RSA-2048", "P-256", "P-384", "P-521", "Ed25519"] {
        let here = made_here(name);
        let kind = KeyKind::from_name(name).unwrap();
        let Reply::Forms(there) = generated_elsewhere(kind, &pkcs8_der(&here)) else {
            panic!("{name}: not answered with forms");
        };
        assert_eq!(there.thumbprint, here.thumbprint, "{name}: the same key");
        assert_eq!(there.alg, here.alg, "{name}");
        assert_eq!(there.description, here.description);
        assert_eq!(there.public_jwk.expose(), here.public_jwk.expose());
        assert_eq!(
            there
                .private_pem
                .as_ref()
                .map(|pem| pem.expose().to_owned()),
            here.private_pem.as_ref().map(|pem| pem.expose().to_owned())
        );
    }
}

#[test]
fn a_browsers_key_of_another_kind_or_broken_der_is_an_error() {
    let rsa = pkcs8_der(&made_here("RSA-2048"));
    for asked in ["RSA-4096", "P-256", "Ed25519", "oct-256"] {
        let reply = generated_elsewhere(KeyKind::from_name(asked).unwrap(), &rsa);
        let Reply::Failed { error } = reply else {
            panic!("{asked}: a 2048-bit RSA key was taken for it");
        };
        assert!(error.contains("RSA 2048"), "{asked}: {error}");
    }
    let mut flipped = rsa.clone();
    flipped[8] ^= 0x40;
    let truncated = &rsa[..rsa.len() / 2];
    for broken in [&flipped[..], truncated, b"not der"] {
        assert!(matches!(
            generated_elsewhere(KeyKind::from_name("RSA-2048").unwrap(), broken),
            Reply::Failed { .. }
        ));
    }
}
