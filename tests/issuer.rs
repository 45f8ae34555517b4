#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Where an issuer's keys are: discovery and JWK Set links per provider, the reasons an issuer
//! gets none, and providers' claims explained only in their own tokens.

use jwt_debugger::jose::claims::{claim_rows, Clock, Expectations};
use jwt_debugger::jose::issuer::{issuer_keys, IssuerKeys, NoLinks, Provider};
use serde_json::{json, Map, Value};

fn claims(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

fn keys_of(value: Value) -> IssuerKeys {
    issuer_keys(&claims(value)).unwrap().unwrap()
}

const TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

#[test]
fn each_providers_key_set_is_found_from_its_issuer() {
    let cases: &[(Value, Provider, &str)] = &[
        (
            json!({"iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0")}),
            Provider::EntraId,
            "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/discovery/v2.0/keys",
        ),
        (
            json!({"iss": format!("https://sts.windows.net/{TENANT}/")}),
            Provider::EntraId,
            "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/discovery/keys",
        ),
        (
            json!({"iss": format!("https://contoso.b2clogin.com/{TENANT}/v2.0/"), "tfp": "B2C_1_signupsignin"}),
            Provider::EntraB2c,
            "https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin/discovery/v2.0/keys",
        ),
        (json!({"iss": "https://accounts.google.com"}), Provider::Google, "https://www.googleapis.com/oauth2/v3/certs"),
        (json!({"iss": "accounts.google.com"}), Provider::Google, "https://www.googleapis.com/oauth2/v3/certs"),
        (json!({"iss": "https://dev-abc.eu.auth0.com/"}), Provider::Auth0, "https://dev-abc.eu.auth0.com/.well-known/jwks.json"),
        (json!({"iss": "https://dev-1.okta.com/oauth2/default"}), Provider::Okta, "https://dev-1.okta.com/oauth2/default/v1/keys"),
        (json!({"iss": "https://dev-1.okta.com"}), Provider::Okta, "https://dev-1.okta.com/oauth2/v1/keys"),
        (json!({"iss": "https://sso.example.com/realms/acme"}), Provider::Keycloak, "https://sso.example.com/realms/acme/protocol/openid-connect/certs"),
        (json!({"iss": "https://sso.example.com/auth/realms/acme"}), Provider::Keycloak, "https://sso.example.com/auth/realms/acme/protocol/openid-connect/certs"),
        (
            json!({"iss": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"}),
            Provider::Cognito,
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json",
        ),
        (json!({"iss": "https://token.actions.githubusercontent.com"}), Provider::GitHubActions, "https://token.actions.githubusercontent.com/.well-known/jwks"),
        (json!({"iss": "https://token.actions.githubusercontent.com/acme-corp"}), Provider::GitHubActions, "https://token.actions.githubusercontent.com/acme-corp/.well-known/jwks"),
        (json!({"iss": "https://gitlab.com"}), Provider::GitLab, "https://gitlab.com/oauth/discovery/keys"),
        (
            json!({"iss": "https://gitlab.example.com", "namespace_path": "g", "project_path": "g/p", "pipeline_id": "1"}),
            Provider::GitLab,
            "https://gitlab.example.com/oauth/discovery/keys",
        ),
        (json!({"iss": "https://appleid.apple.com"}), Provider::Apple, "https://appleid.apple.com/auth/keys"),
        (
            json!({"iss": "https://securetoken.google.com/my-project"}),
            Provider::Firebase,
            "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com",
        ),
        (
            json!({"iss": "https://kubernetes.default.svc.cluster.local", "kubernetes.io": {"namespace": "default"}}),
            Provider::Kubernetes,
            "https://kubernetes.default.svc.cluster.local/openid/v1/jwks",
        ),
        (
            json!({"iss": "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123", "kubernetes.io": {"namespace": "default"}}),
            Provider::Kubernetes,
            "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123/keys",
        ),
        (
            json!({"iss": "https://container.googleapis.com/v1/projects/p/locations/l/clusters/c", "kubernetes.io": {}}),
            Provider::Kubernetes,
            "https://container.googleapis.com/v1/projects/p/locations/l/clusters/c/jwks",
        ),
    ];
    for (claims, provider, jwks) in cases {
        let keys = keys_of(claims.clone());
        assert_eq!(keys.provider, Some(*provider), "{claims}");
        assert_eq!(keys.jwks.as_deref(), Some(*jwks), "{claims}");
        assert!(keys
            .discovery
            .as_deref()
            .is_some_and(|url| url.ends_with("/.well-known/openid-configuration")));
    }
    // Every provider is covered by a case above.
    for provider in Provider::ALL {
        assert!(cases.iter().any(|(_, p, _)| *p == provider), "{provider:?}");
    }
}

#[test]
fn discovery_is_the_issuer_plus_the_well_known_path_and_unknown_issuers_get_only_that() {
    let keys = keys_of(json!({"iss": format!("https://sts.windows.net/{TENANT}/")}));
    assert_eq!(
        keys.discovery.as_deref(),
        Some("https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/.well-known/openid-configuration")
    );
    let keys = keys_of(json!({"iss": "https://id.example.com/tenant/"}));
    assert_eq!((keys.provider, keys.jwks), (None, None));
    assert_eq!(
        keys.discovery.as_deref(),
        Some("https://id.example.com/tenant/.well-known/openid-configuration")
    );
    // Look-alike hosts are not the provider's.
    for iss in [
        "https://accounts.google.com.evil.example",
        "https://evil-okta.com",
        "https://cognito-idp.amazonaws.com/pool",
    ] {
        assert_eq!(keys_of(json!({ "iss": iss })).provider, None, "{iss}");
    }
    // A cluster whose issuer has a path does not say where its keys are: only discovery.
    let keys = keys_of(json!({"iss": "https://k8s.example.com/cluster-a", "kubernetes.io": {}}));
    assert_eq!(
        (keys.provider, keys.jwks),
        (Some(Provider::Kubernetes), None)
    );
    assert_eq!(keys.host, "k8s.example.com");
    // A B2C issuer without its user flow has neither: its discovery answers only per policy.
    let keys = keys_of(json!({"iss": format!("https://contoso.b2clogin.com/{TENANT}/v2.0/")}));
    assert_eq!(
        (keys.provider, keys.discovery, keys.jwks),
        (Some(Provider::EntraB2c), None, None)
    );
    // A policy that is not a plain path segment is not put in a URL.
    let keys = keys_of(
        json!({"iss": format!("https://contoso.b2clogin.com/{TENANT}/v2.0/"), "tfp": "../x"}),
    );
    assert_eq!(keys.jwks, None);
}

#[test]
fn an_issuer_that_is_not_an_https_url_gets_no_links_and_says_why() {
    let no_links = |iss: Value| {
        issuer_keys(&claims(json!({ "iss": iss })))
            .unwrap()
            .unwrap_err()
    };
    assert_eq!(
        no_links(json!("http://login.example.com")),
        NoLinks::NotHttps
    );
    for (iss, why) in [
        ("login.example.com", "scheme"),
        ("https://", "host"),
        ("https://user@login.example.com", "user name"),
        ("https://login.example.com/?tenant=1", "query"),
        ("https://login.example.com/#x", "query or fragment"),
        ("https://login.example.com:port", "port"),
        ("https://login..example.com", "host"),
        ("https://login.example.com/a b", "path"),
    ] {
        let err = no_links(json!(iss));
        assert!(matches!(err, NoLinks::Malformed(_)), "{iss}: {err:?}");
        assert!(err.to_string().contains(why), "{iss}: {err}");
    }
    assert!(
        issuer_keys(&claims(json!({"iss": 7}))).is_none(),
        "not a string: no links, nothing to say"
    );
    assert!(issuer_keys(&claims(json!({"sub": "x"}))).is_none());
}

fn described_spec(claims_json: Value, name: &str) -> Option<&'static str> {
    let clock = Clock {
        now: 0.0,
        leeway: 0.0,
    };
    claim_rows(&claims(claims_json), &clock, &Expectations::default())
        .into_iter()
        .find(|row| row.name == name)
        .and_then(|row| row.described)
        .map(|described| described.spec)
}

#[test]
fn providers_claims_are_explained_in_their_own_tokens_only() {
    let entra = json!({"iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"), "oid": "x", "xms_cc": ["cp1"], "realm_access": {}, "exp": 1});
    assert_eq!(
        described_spec(entra.clone(), "oid"),
        Some("Microsoft Entra ID: token claims reference")
    );
    assert_eq!(
        described_spec(entra.clone(), "xms_cc"),
        Some("Microsoft Entra ID: token claims reference")
    );
    assert_eq!(
        described_spec(entra.clone(), "realm_access"),
        None,
        "Keycloak's claim is not Entra's"
    );
    assert_eq!(
        described_spec(entra, "exp"),
        Some("RFC 7519 §4.1.4"),
        "registered claims keep their meaning"
    );

    let keycloak = json!({"iss": "https://sso.example.com/realms/acme", "realm_access": {"roles": []}, "oid": "x"});
    assert_eq!(
        described_spec(keycloak.clone(), "realm_access"),
        Some("Keycloak: Server Administration Guide")
    );
    assert_eq!(
        described_spec(keycloak, "oid"),
        None,
        "Entra's claim is not Keycloak's"
    );

    let auth0 = json!({"iss": "https://acme.auth0.com/", "https://acme.example/roles": ["admin"], "permissions": []});
    assert_eq!(
        described_spec(auth0.clone(), "https://acme.example/roles"),
        Some("Auth0: JSON Web Token claims")
    );
    assert_eq!(
        described_spec(auth0, "permissions"),
        Some("Auth0: JSON Web Token claims")
    );
    let elsewhere = json!({"iss": "https://id.example.com", "https://acme.example/roles": [], "permissions": []});
    assert_eq!(
        described_spec(elsewhere.clone(), "https://acme.example/roles"),
        None
    );
    assert_eq!(described_spec(elsewhere, "permissions"), None);

    let github = json!({"iss": "https://token.actions.githubusercontent.com", "job_workflow_ref": "o/r/.github/workflows/d.yml@refs/heads/main"});
    assert_eq!(
        described_spec(github, "job_workflow_ref"),
        Some("GitHub Actions: OpenID Connect token claims")
    );
    let cognito = json!({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X", "cognito:groups": [], "token_use": "id"});
    assert_eq!(
        described_spec(cognito, "token_use"),
        Some("Amazon Cognito: understanding user pool JSON web tokens")
    );
}

#[test]
fn every_provider_has_an_id_and_a_name() {
    let mut ids: Vec<&str> = Provider::ALL.iter().map(|p| p.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), Provider::ALL.len());
    assert!(Provider::ALL.iter().all(|p| !p.name().is_empty()));
}

fn inspected(alg: &str, payload: Value) -> jwt_debugger::jose::inspection::Inspection {
    use base64::Engine;
    let b64 = |text: String| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
    let token = format!(
        "{}.{}.AAAA",
        b64(format!(r#"{{"alg":"{alg}"}}"#)),
        b64(payload.to_string())
    );
    let settings = jwt_debugger::jose::inspection::CheckSettings::default();
    jwt_debugger::jose::inspection::Inspection::of_text(&token, None, &settings, 0.0)
}

#[test]
fn only_a_token_signed_with_a_public_key_gets_links_to_the_issuers_keys() {
    let entra =
        json!({"iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"), "oid": "x"});
    for alg in ["RS256", "PS384", "ES256", "EdDSA"] {
        let tables = inspected(alg, entra.clone()).tables;
        assert!(
            matches!(&tables.issuer, Some(Ok(keys)) if keys.jwks.is_some()),
            "{alg}"
        );
        assert_eq!(tables.provider, Some(Provider::EntraId), "{alg}");
    }
    // A shared secret is never published, and an unknown alg names no key type: no links; the
    // provider's claims are still explained.
    for alg in ["HS256", "none", "XX1"] {
        let tables = inspected(alg, entra.clone()).tables;
        assert_eq!(tables.issuer, None, "{alg}");
        assert_eq!(tables.provider, Some(Provider::EntraId), "{alg}");
    }
    assert_eq!(inspected("RS256", json!({"sub": "x"})).tables.issuer, None);
}
