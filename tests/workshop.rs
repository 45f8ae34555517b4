//! The worker's requests, answered natively through the typed protocol: sign with every
//! private format, refuse with the reason, generate and convert keys in every form, decrypt,
//! and run a signature check WebCrypto could not. The wire codec round-trips every request.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwt_debugger::jose::jwe::alg::AesSize;

mod common;

use common::{fixture, flip_signature_bit};
use jwt_debugger::jose::alg::Alg;
use jwt_debugger::jose::jwe::alg::{EncAlg, KeyAlg};
use jwt_debugger::jose::jwe::decrypt::FailedStep;
use jwt_debugger::jose::key::SecretEncoding;
use jwt_debugger::jose::keygen::KeyKind;
use jwt_debugger::jose::platform::PlatformAnswer;
use jwt_debugger::jose::protocol::{
    Decryption, EncryptRequest, KeyForms, Opened, Reply, Request, SearchReport, SignRequest,
    Signed, VerifyRequest,
};
use jwt_debugger::jose::status::{check_text, Status};
use jwt_debugger::jose::workshop::{answer, handle};
use serde_json::Value;

/// Asks through the wire format, as the page does: encode, handle, decode.
fn ask(request: Request) -> Reply {
    Reply::decode(&handle(&request.encode())).unwrap()
}

fn text(value: &Value) -> String {
    value.as_str().unwrap().to_owned()
}

fn sign(alg: Alg, header: &str, payload: &str, key: &str) -> Reply {
    ask(Request::Sign(SignRequest {
        alg,
        header: header.to_owned(),
        payload: payload.to_owned(),
        key: key.into(),
        encoding: SecretEncoding::Utf8,
        allow_weak: false,
        encrypt: None,
        selective: None,
    }))
}

fn signed(reply: Reply) -> Signed {
    match reply {
        Reply::Signed(signed) => signed,
        other => panic!("not signed: {other:?}"),
    }
}

fn failure(reply: Reply) -> String {
    match reply {
        Reply::Failed { error } => error,
        other => panic!("not a failure: {other:?}"),
    }
}

fn forms(reply: Reply) -> KeyForms {
    match reply {
        Reply::Forms(forms) => forms,
        other => panic!("no key forms: {other:?}"),
    }
}

fn convert(key: &str, encoding: SecretEncoding) -> Reply {
    ask(Request::Convert {
        key: key.into(),
        encoding,
    })
}

fn decrypt(token: &str, key: &str) -> Decryption {
    match ask(Request::Decrypt {
        token: token.to_owned(),
        key: key.into(),
        encoding: SecretEncoding::Utf8,
    }) {
        Reply::Decryption(decryption) => decryption,
        other => panic!("no decryption verdict: {other:?}"),
    }
}

fn jwk_member(jwk: &str, name: &str) -> Value {
    serde_json::from_str::<Value>(jwk).unwrap()[name].clone()
}

#[test]
fn a_signed_token_verifies_with_the_key_the_answer_gives_the_decoder() {
    for (name, format) in [
        ("RS256", "pkcs1-private-pem"),
        ("ES256K", "sec1-pem"),
        ("EdDSA", "pkcs8-pem"),
        ("HS384", "jwk"),
    ] {
        let case = fixture(name);
        let alg = Alg::from_name(case["alg"].as_str().unwrap()).unwrap();
        let header = format!(r#"{{"alg":{}}}"#, case["alg"]);
        let answer = signed(sign(
            alg,
            &header,
            r#"{"sub":"x"}"#,
            &text(&case["keys"][format]),
        ));
        let verify_key = answer.verify_key.expose();
        assert_eq!(
            check_text(&answer.token, verify_key, SecretEncoding::Utf8).status,
            Status::Valid,
            "{name}"
        );
        let flipped = flip_signature_bit(&answer.token);
        assert_eq!(
            check_text(&flipped, verify_key, SecretEncoding::Utf8).status,
            Status::Invalid,
            "{name}"
        );
    }
}

#[test]
fn refusals_and_bad_requests_answer_with_the_reason() {
    let short = failure(sign(Alg::HS256, "{}", "{}", "short"));
    assert!(short.contains("at least 32"), "{short}");
    let spki = text(&fixture("ES256")["keys"]["spki-pem"]);
    let public = failure(sign(Alg::ES256, "{}", "{}", &spki));
    assert!(public.contains("cannot sign"), "{public}");
    let none = failure(sign(
        Alg::None,
        "{}",
        "{}",
        "0123456789abcdef0123456789abcdef",
    ));
    assert!(none.contains("unsecured"), "{none}");
    for unreadable in [
        r#"{"op": "dance"}"#,
        "not json",
        r#"{"op":"generate","kind":"RSA-1024"}"#,
    ] {
        let reply = Reply::decode(&handle(unreadable)).unwrap();
        assert!(failure(reply).contains("could not be read"), "{unreadable}");
    }
}

#[test]
fn every_request_and_reply_survives_the_wire() {
    let requests = [
        Request::Sign(SignRequest {
            alg: Alg::PS384,
            header: r#"{"alg":"PS384"}"#.to_owned(),
            payload: "{}".to_owned(),
            key: "k".into(),
            encoding: SecretEncoding::Base64Url,
            allow_weak: true,
            encrypt: Some(EncryptRequest {
                alg: KeyAlg::EcdhEs(Some(AesSize::Aes192)),
                enc: EncAlg::AesCbcHs(AesSize::Aes256),
                key: "r".into(),
                encoding: SecretEncoding::Hex,
            }),
            selective: None,
        }),
        Request::Sign(SignRequest {
            alg: Alg::RS256,
            header: r#"{"alg":"RS256"}"#.to_owned(),
            payload: "{}".to_owned(),
            key: "k".into(),
            encoding: SecretEncoding::Utf8,
            allow_weak: false,
            encrypt: None,
            selective: None,
        }),
        // An SD-JWT issuance, its choices on the wire too.
        Request::Sign(SignRequest {
            alg: Alg::ES256,
            header: "{}".to_owned(),
            payload: "{}".to_owned(),
            key: "k".into(),
            encoding: SecretEncoding::Utf8,
            allow_weak: false,
            encrypt: None,
            selective: Some(jwt_debugger::jose::protocol::SelectiveRequest {
                disclosable: "given_name\naddress.street_address".to_owned(),
                decoys: 3,
                sd_alg: jwt_debugger::jose::sd_jwt::HashAlg::Sha512,
                holder_jwk: r#"{"kty":"OKP"}"#.to_owned(),
                present: "given_name".to_owned(),
                holder_key: "holder".into(),
                aud: "https://verifier.example".to_owned(),
                nonce: "n-1".to_owned(),
                iat: 1_700_000_000,
            }),
        }),
        Request::Generate {
            kind: KeyKind::Rsa(jwt_debugger::jose::keygen::RsaSize::Rsa3072),
        },
        Request::Convert {
            key: "x".into(),
            encoding: SecretEncoding::Base64,
        },
        Request::Decrypt {
            token: "a.b.c.d.e".to_owned(),
            key: "pw".into(),
            encoding: SecretEncoding::Utf8,
        },
        Request::Verify(VerifyRequest {
            alg: Alg::ES512,
            jwk: "{}".to_owned(),
            signing_input: vec![0, 1, 254, 255],
            signature: vec![7; 132],
        }),
        Request::FindKnownSecret(jwt_debugger::jose::known_secrets::Target::new(
            jwt_debugger::jose::alg::Hash::Sha384,
            b"a.b".to_vec(),
            vec![9; 48],
        )),
    ];
    for request in requests {
        assert_eq!(Request::decode(&request.encode()).unwrap(), request);
    }
    let replies = [
        Reply::Signed(Signed {
            token: "a.b.c".to_owned(),
            verify_key: "k".into(),
            decrypt_key: Some("d".into()),
            inner: None,
        }),
        Reply::Forms(KeyForms {
            description: "EC P-256 public key".to_owned(),
            thumbprint: "t".to_owned(),
            alg: Some("ES256".to_owned()),
            private: true,
            private_pem: Some("p".into()),
            public_pem: None,
            private_jwk: None,
            public_jwk: "{}".into(),
            jwks: "{}".into(),
            note: Some("n".to_owned()),
        }),
        Reply::Decryption(Decryption::Decrypted(Opened {
            text: None,
            hex: Some("00ff".to_owned()),
            alg: KeyAlg::Rsa1_5,
            enc: EncAlg::AesGcm(AesSize::Aes192),
            key_position: 2,
            kid: Some("k1".to_owned()),
            inflated_from: Some(7),
            notes: vec!["n".to_owned()],
        })),
        Reply::SecretSearch(SearchReport::Searching { fraction: 0.25 }),
        Reply::SecretSearch(SearchReport::Found {
            secret: "s".to_owned(),
            tried: 3,
        }),
        Reply::SecretSearch(SearchReport::NotFound {
            tried: 3,
            millis: 1.5,
        }),
        Reply::SecretSearch(SearchReport::Unavailable {
            reason: "r".to_owned(),
        }),
        Reply::Verified {
            answer: PlatformAnswer::DoesNotMatch,
        },
        Reply::Decryption(Decryption::Invalid {
            step: FailedStep::InflateLimit,
        }),
        Reply::Decryption(Decryption::Refused {
            status: Status::Unsupported,
            code: "alg-unsupported".to_owned(),
            reason: "why".to_owned(),
        }),
        Reply::Failed {
            error: "no".to_owned(),
        },
    ];
    for reply in replies {
        assert_eq!(Reply::decode(&reply.encode()).unwrap(), reply);
    }
    // Every entry of each table crosses the wire by its name.
    for alg in Alg::ALL {
        let request = Request::Verify(VerifyRequest {
            alg,
            jwk: "{}".to_owned(),
            signing_input: Vec::new(),
            signature: Vec::new(),
        });
        assert!(request.encode().contains(&format!("{:?}", alg.name())));
        assert_eq!(Request::decode(&request.encode()).unwrap(), request);
    }
    for alg in KeyAlg::ALL {
        for enc in EncAlg::ALL {
            let request = Request::Sign(SignRequest {
                alg: Alg::HS256,
                header: "{}".to_owned(),
                payload: "{}".to_owned(),
                key: "k".into(),
                encoding: SecretEncoding::Utf8,
                allow_weak: false,
                encrypt: Some(EncryptRequest {
                    alg,
                    enc,
                    key: "r".into(),
                    encoding: SecretEncoding::Utf8,
                }),
                selective: None,
            });
            assert_eq!(Request::decode(&request.encode()).unwrap(), request);
        }
    }
    for kind in KeyKind::ALL {
        let request = Request::Generate { kind };
        assert_eq!(Request::decode(&request.encode()).unwrap(), request);
    }
    // An unknown name is an error, not a default.
    let unknown = Request::Generate {
        kind: KeyKind::Ed25519,
    }
    .encode()
    .replace("Ed25519", "Ed449");
    assert!(Request::decode(&unknown).is_err());
    // A sign request without its allow-weak flag, or with a flag that is not one, is refused.
    for broken in [
        r#"["sign","HS256","{}","{}","k","utf8"]"#,
        r#"["sign","HS256","{}","{}","k","utf8","yes"]"#,
        r#"["sign","HS256","{}","{}","k","utf8","RSA-OAEP","A256GCM","r","utf8"]"#,
    ] {
        assert!(Request::decode(broken).is_err(), "{broken}");
    }
    assert!(Request::decode(r#"["sign","HS256","{}","{}","k","utf8","false"]"#).is_ok());
    for broken in [
        "[]",
        r#"{"sign":{}}"#,
        r#"{"a":{},"b":{}}"#,
        r#"{"found":{"secret":1}}"#,
    ] {
        assert!(Reply::decode(broken).is_err(), "{broken}");
    }
}

#[test]
fn generated_keys_come_in_every_form_and_verify_what_they_sign() {
    for kind in [
        KeyKind::Oct(jwt_debugger::jose::alg::Hash::Sha256),
        KeyKind::Ec(jwt_debugger::jose::alg::Curve::P384),
        KeyKind::Ec(jwt_debugger::jose::alg::Curve::Secp256k1),
        KeyKind::Ed25519,
    ] {
        let key = forms(ask(Request::Generate { kind }));
        let alg = Alg::from_name(key.alg.as_deref().unwrap()).unwrap();
        assert_eq!(alg, kind.alg());
        let private = key.private_jwk.clone().unwrap();
        let header = format!(r#"{{"alg":"{}"}}"#, alg.name());
        let token = signed(sign(alg, &header, "{}", private.expose())).token;
        for verifier in [key.public_jwk.expose(), key.jwks.expose()] {
            assert_eq!(
                check_text(&token, verifier, SecretEncoding::Utf8).status,
                Status::Valid,
                "{kind:?}"
            );
        }
        assert_eq!(
            key.public_pem.is_some(),
            kind != KeyKind::Oct(jwt_debugger::jose::alg::Hash::Sha256)
        );
    }
}

#[test]
fn every_fixture_key_converts_to_forms_that_verify_its_token() {
    let fixtures: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/keys.json"
        ))
        .unwrap(),
    )
    .unwrap();
    for case in &fixtures {
        let token = case["token"].as_str().unwrap();
        let forms_of_case: Vec<(&String, &Value)> =
            case["keys"].as_object().unwrap().iter().collect();
        let mut thumbprints = Vec::new();
        for (format, key) in forms_of_case {
            let encoding = match format.as_str() {
                "base64" => SecretEncoding::Base64,
                "base64url" => SecretEncoding::Base64Url,
                "hex" => SecretEncoding::Hex,
                _ => SecretEncoding::Utf8,
            };
            let name = format!("{} {format}", case["name"]);
            let reply = convert(&text(key), encoding);
            let answer = match reply {
                Reply::Forms(forms) => forms,
                other => panic!("{name}: {other:?}"),
            };
            if format == "jwks" {
                // The fixture sets put a decoy first: the first key is converted, and said so.
                let note = answer.note.clone().unwrap_or_default();
                assert!(note.contains("this is the first"), "{name}: {answer:?}");
                continue;
            }
            let is_private =
                format.contains("private") || format == "pkcs8-pem" || format == "sec1-pem";
            let is_secret = case["name"].as_str().unwrap().starts_with("HS");
            assert_eq!(answer.private, is_private || is_secret, "{name}");
            // Every public form the answer gives verifies the fixture's token; the wrong key's
            // token does not.
            let mut verifiers = vec![answer.public_jwk.expose().to_owned()];
            // A set is searched by the token's kid, so it verifies when the kids agree.
            if jwk_member(answer.public_jwk.expose(), "kid") == case["kid"] {
                verifiers.push(answer.jwks.expose().to_owned());
            }
            if let Some(pem) = &answer.public_pem {
                verifiers.push(pem.clone());
            }
            for verifier in &verifiers {
                let verdict = check_text(token, verifier, SecretEncoding::Utf8).status;
                assert_eq!(verdict, Status::Valid, "{name}: {verifier}");
                let flipped = flip_signature_bit(token);
                let verdict = check_text(&flipped, verifier, SecretEncoding::Utf8).status;
                assert_eq!(verdict, Status::Invalid, "{name}");
            }
            // A private key reads back as the same key from its own PEM and JWK.
            if is_private {
                for private in [
                    answer.private_pem.clone().unwrap(),
                    answer.private_jwk.clone().unwrap(),
                ] {
                    let again = forms(convert(private.expose(), SecretEncoding::Utf8));
                    assert_eq!(again.thumbprint, answer.thumbprint, "{name}");
                    assert!(again.private, "{name}");
                }
            }
            thumbprints.push(answer.thumbprint.clone());
        }
        // Every format of one key is the same key.
        thumbprints.dedup();
        assert_eq!(thumbprints.len(), 1, "{}: {thumbprints:?}", case["name"]);
    }
}

#[test]
fn a_jwk_keeps_its_labels_and_a_pem_gets_its_thumbprint_as_kid() {
    let case = fixture("ES256");
    let jwk = forms(convert(&text(&case["keys"]["jwk"]), SecretEncoding::Utf8));
    let given: Value = serde_json::from_str(case["keys"]["jwk"].as_str().unwrap()).unwrap();
    assert_eq!(jwk_member(jwk.public_jwk.expose(), "kid"), given["kid"]);
    let pem = forms(convert(
        &text(&case["keys"]["spki-pem"]),
        SecretEncoding::Utf8,
    ));
    assert_eq!(
        jwk_member(pem.public_jwk.expose(), "kid"),
        Value::String(pem.thumbprint.clone())
    );
    assert!(pem.private_jwk.is_none());
    assert_eq!(pem.description, "EC P-256 public key");
}

#[test]
fn keys_that_do_not_read_are_refused_with_the_reason() {
    let broken_private = "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----";
    let answer = failure(convert(broken_private, SecretEncoding::Utf8));
    assert!(answer.contains("PKCS#8"), "{answer}");
    failure(convert("zz", SecretEncoding::Hex));
    failure(convert(r#"{"keys": []}"#, SecretEncoding::Utf8));
}

fn cookbook(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/rfc7520/jwe/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_jwe_is_decrypted_or_judged_with_the_step_or_reason() {
    let example = cookbook("5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
    let token = example["output"]["compact"].as_str().unwrap();
    let key = example["input"]["key"].to_string();
    let Decryption::Decrypted(opened) = decrypt(token, &key) else {
        panic!("not decrypted");
    };
    assert_eq!(
        opened.text.as_deref(),
        example["input"]["plaintext"].as_str()
    );
    assert_eq!(opened.alg, KeyAlg::Rsa1_5);
    assert_eq!(opened.enc.name(), "A128CBC-HS256");
    assert!(opened.notes[0].contains("deprecated"));
    // Negative twins: an altered tag, a key of the wrong kind, a broken token.
    let altered = format!("{}A", &token[..token.len() - 1]);
    let altered = if altered == token {
        format!("{}B", &token[..token.len() - 1])
    } else {
        altered
    };
    assert_eq!(
        decrypt(&altered, &key),
        Decryption::Invalid {
            step: FailedStep::Tag
        }
    );
    let Decryption::Refused { status, reason, .. } = decrypt(token, "a-password") else {
        panic!("a password opened an RSA token");
    };
    assert_eq!(status, Status::KeyError);
    assert!(reason.contains("RSA private key"), "{reason}");
    let Decryption::Refused { status, .. } = decrypt("a.b.c.d", &key) else {
        panic!("a broken token was not refused");
    };
    assert_eq!(status, Status::Malformed);
}

#[test]
fn a_signed_token_is_encrypted_for_a_recipient_and_opens_with_its_key() {
    let hs = fixture("HS256");
    let rsa = fixture("RS256");
    let kw_key = r#"{"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#;
    let encrypted = |alg: KeyAlg, enc: EncAlg, recipient: &str| {
        ask(Request::Sign(SignRequest {
            alg: Alg::HS256,
            header: r#"{"alg":"HS256","typ":"JWT"}"#.to_owned(),
            payload: r#"{"sub":"nested"}"#.to_owned(),
            key: text(&hs["keys"]["jwk"]).into(),
            encoding: SecretEncoding::Utf8,
            allow_weak: false,
            encrypt: Some(EncryptRequest {
                alg,
                enc,
                key: recipient.into(),
                encoding: SecretEncoding::Utf8,
            }),
            selective: None,
        }))
    };
    for (alg, enc, recipient, decrypt_with) in [
        (
            KeyAlg::AesKw(AesSize::Aes128),
            EncAlg::from_name("A128GCM").unwrap(),
            kw_key.to_owned(),
            kw_key.to_owned(),
        ),
        (
            KeyAlg::from_name("RSA-OAEP-256").unwrap(),
            EncAlg::from_name("A256CBC-HS512").unwrap(),
            text(&rsa["keys"]["spki-pem"]),
            text(&rsa["keys"]["pkcs8-pem"]),
        ),
    ] {
        let answer = signed(encrypted(alg, enc, &recipient));
        assert_eq!(answer.token.split('.').count(), 5, "{alg:?}");
        // Only a key that can decrypt goes to the decoder: a public key cannot.
        assert_eq!(
            answer.decrypt_key.is_some(),
            alg == KeyAlg::AesKw(AesSize::Aes128),
            "{alg:?}"
        );
        let Decryption::Decrypted(opened) = decrypt(&answer.token, &decrypt_with) else {
            panic!("{alg:?}: not decrypted");
        };
        assert_eq!(opened.text, answer.inner);
        let inner = opened.text.unwrap();
        assert_eq!(
            check_text(&inner, answer.verify_key.expose(), SecretEncoding::Utf8).status,
            Status::Valid
        );
        // Negative twin: another recipient's key does not open it.
        let other = r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#;
        assert!(
            !matches!(decrypt(&answer.token, other), Decryption::Decrypted(_)),
            "{alg:?}"
        );
    }
    let weak = failure(encrypted(
        KeyAlg::Rsa1_5,
        EncAlg::from_name("A128GCM").unwrap(),
        &text(&rsa["keys"]["spki-pem"]),
    ));
    assert!(weak.contains("deprecated"), "{weak}");
}

#[test]
fn the_worker_runs_a_signature_check_webcrypto_could_not() {
    for name in ["RS256", "PS384", "ES512"] {
        let case = fixture(name);
        let token = case["token"].as_str().unwrap();
        let (input, signature) = token.rsplit_once('.').unwrap();
        let request = |signature: &str| {
            let reply = ask(Request::Verify(VerifyRequest {
                alg: Alg::from_name(case["alg"].as_str().unwrap()).unwrap(),
                jwk: text(&case["keys"]["jwk"]),
                signing_input: input.as_bytes().to_vec(),
                signature: jwt_debugger::jose::base64url::decode_segment(
                    signature,
                    jwt_debugger::jose::error::Part::Signature,
                    0,
                )
                .unwrap(),
            }));
            match reply {
                Reply::Verified { answer } => answer,
                other => panic!("{name}: {other:?}"),
            }
        };
        assert_eq!(request(signature), PlatformAnswer::Matches, "{name}");
        let flipped = flip_signature_bit(token);
        let (_, flipped) = flipped.rsplit_once('.').unwrap();
        assert_eq!(request(flipped), PlatformAnswer::DoesNotMatch, "{name}");
    }
    let unknown = answer(Request::Verify(VerifyRequest {
        alg: Alg::HS256,
        jwk: "{}".to_owned(),
        signing_input: Vec::new(),
        signature: Vec::new(),
    }));
    assert_eq!(
        unknown,
        Reply::Verified {
            answer: PlatformAnswer::CannotRun
        }
    );
}

#[test]
fn a_reply_that_claims_more_items_than_it_holds_is_refused() {
    // A decryption whose notes claim four billion items, with one present.
    let notes = r#"["decrypted","x",null,"dir","A128GCM","1",null,"0","4294967295","a"]"#;
    assert!(Reply::decode(notes).is_err());
    // Its honest twin reads.
    let honest = r#"["decrypted","x",null,"dir","A128GCM","1",null,"0","1","a"]"#;
    let Reply::Decryption(Decryption::Decrypted(opened)) = Reply::decode(honest).unwrap() else {
        panic!("not read");
    };
    assert_eq!(opened.notes, ["a"]);
}

/// The encoder's SD-JWT: the worker issues the listed claims as disclosures, with decoys and
/// the holder's cnf key; the page's reader then finds every disclosure referenced and the
/// payload as written. Its negative twins: a path to no claim, and encryption on top.
#[test]
fn the_encoder_issues_an_sd_jwt_the_reader_reads_back() {
    use jwt_debugger::jose::protocol::SelectiveRequest;
    use jwt_debugger::jose::sd_jwt::{self, HashAlg};
    let fixtures: Vec<Value> = serde_json::from_str(include_str!("fixtures/keys.json")).unwrap();
    let es256 = fixtures.iter().find(|case| case["alg"] == "ES256").unwrap();
    let key = es256["keys"]["pkcs8-pem"].as_str().unwrap();
    let payload = r#"{"iss":"https://issuer.example","exp":1900000000,"given_name":"Erika","address":{"street_address":"Heidestraße 17","locality":"Köln"},"nationalities":["DE","FR"]}"#;
    let request = |disclosable: &str, encrypt: Option<EncryptRequest>| {
        Request::Sign(SignRequest {
            alg: Alg::ES256,
            header: r#"{"alg":"ES256"}"#.to_owned(),
            payload: payload.to_owned(),
            key: key.into(),
            encoding: SecretEncoding::Utf8,
            allow_weak: false,
            encrypt,
            selective: Some(SelectiveRequest {
                disclosable: disclosable.to_owned(),
                decoys: 2,
                sd_alg: HashAlg::Sha384,
                holder_jwk: r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#.to_owned(),
                present: String::new(),
                holder_key: jwt_debugger::jose::redacted::SecretText::default(),
                aud: String::new(),
                nonce: String::new(),
                iat: 0,
            }),
        })
    };
    let issued = signed(ask(request(
        "given_name\naddress.street_address\nnationalities[1]\n",
        None,
    )));
    let sd = sd_jwt::parse(&issued.token).unwrap();
    assert_eq!(sd.disclosures.len(), 3);
    assert!(sd
        .disclosures
        .iter()
        .all(|disclosure| disclosure.state.code() == "referenced"));
    let expected: Value = serde_json::from_str(payload).unwrap();
    let mut processed = Value::Object(sd.processed.as_ref().unwrap().claims.clone());
    processed.as_object_mut().unwrap().remove("cnf");
    assert_eq!(processed, expected);
    assert!(sd.undisclosed() >= 2, "the decoys");
    assert_eq!(sd.typ(), Some("dc+sd-jwt"));
    assert_eq!(
        sd.key_binding.status.code(),
        "missing",
        "cnf asks for a KB-JWT"
    );

    assert!(failure(ask(request("family_name", None))).contains("family_name"));
    let encrypt = EncryptRequest {
        alg: KeyAlg::Dir,
        enc: EncAlg::AesGcm(AesSize::Aes256),
        key: "a".repeat(32).as_str().into(),
        encoding: SecretEncoding::Utf8,
    };
    assert!(
        failure(ask(request("given_name", Some(encrypt)))).contains("does not encrypt an SD-JWT")
    );
}

/// The encoder's presentation: only the chosen claim, and a key binding JWT signed by the
/// holder's private key (whose public half is the cnf key) with aud and nonce. Twins: a holder
/// key that is a shared secret, and a chosen path the issuance does not have.
#[test]
fn the_encoder_presents_a_subset_with_a_key_binding_jwt() {
    use jwt_debugger::jose::protocol::SelectiveRequest;
    use jwt_debugger::jose::sd_jwt::HashAlg;
    let fixtures: Vec<Value> = serde_json::from_str(include_str!("fixtures/keys.json")).unwrap();
    let key_of = |alg: &str| {
        fixtures.iter().find(|case| case["alg"] == alg).unwrap()["keys"]["pkcs8-pem"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let request = |present: &str, holder_key: &str| {
        Request::Sign(SignRequest {
            alg: Alg::ES256,
            header: r#"{"alg":"ES256"}"#.to_owned(),
            payload: r#"{"iss":"https://issuer.example","exp":1900000000,"given_name":"Erika","family_name":"Mustermann"}"#.to_owned(),
            key: key_of("ES256").as_str().into(),
            encoding: SecretEncoding::Utf8,
            allow_weak: false,
            encrypt: None,
            selective: Some(SelectiveRequest {
                disclosable: "given_name\nfamily_name".to_owned(),
                decoys: 0,
                sd_alg: HashAlg::Sha256,
                holder_jwk: String::new(),
                present: present.to_owned(),
                holder_key: holder_key.into(),
                aud: "https://verifier.example".to_owned(),
                nonce: "n-0S6".to_owned(),
                iat: 1_700_000_000,
            }),
        })
    };
    let presented = signed(ask(request("given_name", &key_of("EdDSA"))));
    let sd = common::sd_jwt_settled(&presented.token);
    let names: Vec<_> = sd
        .disclosures
        .iter()
        .map(|d| d.content.as_ref().unwrap().name.clone().unwrap())
        .collect();
    assert_eq!(names, ["given_name"]);
    assert_eq!(sd.undisclosed(), 1, "family_name withheld");
    assert_eq!(sd.key_binding.status.code(), "valid");
    let kb = sd
        .key_binding
        .jwt
        .as_ref()
        .unwrap()
        .claims()
        .unwrap()
        .clone();
    assert_eq!(kb["aud"], "https://verifier.example");
    assert_eq!(kb["nonce"], "n-0S6");
    assert_eq!(kb["iat"], 1_700_000_000);
    assert_eq!(
        sd.processed.as_ref().unwrap().claims["cnf"]["jwk"]["kty"],
        "OKP"
    );
    // Negative twins.
    assert!(failure(ask(request(
        "given_name",
        "a shared secret of 32 bytes ....."
    )))
    .contains("holder"));
    assert!(failure(ask(request("nickname", &key_of("EdDSA")))).contains("nickname"));
}
