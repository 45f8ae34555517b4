//! Where a token's issuer publishes its keys: the OpenID discovery document, and for providers
//! whose key-set location is known, the JWK Set itself. Links for the user to open and paste
//! from: the page fetches nothing, so neither the issuer nor the page's origin reach a network.

pub mod catalogue;

use serde_json::{Map, Value};

/// Identity providers recognised from a token's `iss` (and, where the issuer is anyone's own
/// host, from the claims only they write).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Provider {
    EntraId,
    EntraB2c,
    Google,
    Auth0,
    Okta,
    Keycloak,
    Cognito,
    GitHubActions,
    GitLab,
    Apple,
    Firebase,
    Kubernetes,
}

impl Provider {
    pub const ALL: [Provider; 12] = [
        Provider::EntraId,
        Provider::EntraB2c,
        Provider::Google,
        Provider::Auth0,
        Provider::Okta,
        Provider::Keycloak,
        Provider::Cognito,
        Provider::GitHubActions,
        Provider::GitLab,
        Provider::Apple,
        Provider::Firebase,
        Provider::Kubernetes,
    ];

    /// A stable name: the claims table's `data-provider`.
    pub fn id(self) -> &'static str {
        self.describe().0
    }

    /// The provider's name, as people know it.
    pub fn name(self) -> &'static str {
        self.describe().1
    }

    fn describe(self) -> (&'static str, &'static str) {
        match self {
            Provider::EntraId => ("entra-id", "Microsoft Entra ID"),
            Provider::EntraB2c => ("entra-b2c", "Azure AD B2C"),
            Provider::Google => ("google", "Google"),
            Provider::Auth0 => ("auth0", "Auth0"),
            Provider::Okta => ("okta", "Okta"),
            Provider::Keycloak => ("keycloak", "Keycloak"),
            Provider::Cognito => ("cognito", "Amazon Cognito"),
            Provider::GitHubActions => ("github-actions", "GitHub Actions"),
            Provider::GitLab => ("gitlab", "GitLab CI"),
            Provider::Apple => ("apple", "Sign in with Apple"),
            Provider::Firebase => ("firebase", "Firebase Authentication"),
            Provider::Kubernetes => ("kubernetes", "Kubernetes"),
        }
    }
}

/// An `https` issuer URL taken apart: the host (with any port) and the path after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Url<'a> {
    host: &'a str,
    /// Without a trailing slash; empty for the host itself.
    path: &'a str,
}

/// Why an `iss` gets no links.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoLinks {
    /// OpenID Connect issuers are `https` URLs; keys fetched over anything else prove nothing.
    NotHttps,
    /// Not a URL the page can point to: what is wrong with it.
    Malformed(&'static str),
}

impl std::fmt::Display for NoLinks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoLinks::NotHttps => f.write_str(
                "The issuer is not an https URL, so it has no OpenID discovery document to point to.",
            ),
            NoLinks::Malformed(why) => write!(f, "The issuer is not a usable URL: {why}."),
        }
    }
}

/// Where the issuer's keys are, for the user to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuerKeys {
    pub issuer: String,
    /// The issuer's host (with any port): whoever controls it controls these keys.
    pub host: String,
    pub provider: Option<Provider>,
    /// The OpenID discovery document (`jwks_uri` is in it).
    pub discovery: Option<String>,
    /// The JWK Set itself, where the provider's location for it is known.
    pub jwks: Option<String>,
}

/// The links for a token's claims; `None` without a string `iss`.
pub fn issuer_keys(claims: &Map<String, Value>) -> Option<Result<IssuerKeys, NoLinks>> {
    let iss = claims.get("iss")?.as_str()?;
    // Google documents both forms of its issuer; the bare one is Google's, over https.
    let url = match iss {
        "accounts.google.com" => Url {
            host: "accounts.google.com",
            path: "",
        },
        _ => match parse(iss) {
            Ok(url) => url,
            Err(why) => return Some(Err(why)),
        },
    };
    let provider = recognise(&url, claims);
    let base = format!("https://{}{}", url.host, url.path);
    let mut discovery = Some(format!("{base}/.well-known/openid-configuration"));
    let jwks = provider.and_then(|provider| match provider {
        Provider::EntraB2c => {
            let (jwks, policy_discovery) = b2c(&url, claims)?;
            discovery = Some(policy_discovery);
            Some(jwks)
        }
        other => jwks_of(other, &url, &base),
    });
    // A B2C issuer's own discovery URL answers only with a policy (`?p=`): without one, none.
    if provider == Some(Provider::EntraB2c) && jwks.is_none() {
        discovery = None;
    }
    Some(Ok(IssuerKeys {
        issuer: iss.to_owned(),
        host: url.host.to_owned(),
        provider,
        discovery,
        jwks,
    }))
}

/// The provider whose issuer this is: by host and path, or by a claim only it writes.
pub fn provider_of(claims: &Map<String, Value>) -> Option<Provider> {
    issuer_keys(claims)?.ok()?.provider
}

fn recognise(url: &Url, claims: &Map<String, Value>) -> Option<Provider> {
    let host = url.host;
    let segments: Vec<&str> = url.path.split('/').filter(|s| !s.is_empty()).collect();
    let by_host = match (host, segments.as_slice()) {
        ("login.microsoftonline.com", [_tenant, "v2.0"]) | ("sts.windows.net", [_tenant]) => {
            Some(Provider::EntraId)
        }
        (host, [_tenant, "v2.0"]) if host.ends_with(".b2clogin.com") => Some(Provider::EntraB2c),
        ("accounts.google.com", []) => Some(Provider::Google),
        ("securetoken.google.com", [_project]) => Some(Provider::Firebase),
        ("appleid.apple.com", []) => Some(Provider::Apple),
        ("token.actions.githubusercontent.com", _) => Some(Provider::GitHubActions),
        ("gitlab.com", []) => Some(Provider::GitLab),
        (host, [_pool]) if is_cognito_host(host) => Some(Provider::Cognito),
        (host, []) if host.ends_with(".auth0.com") => Some(Provider::Auth0),
        (host, [] | ["oauth2", _]) if is_okta_host(host) => Some(Provider::Okta),
        (_, [.., "realms", _realm]) => Some(Provider::Keycloak),
        _ => None,
    };
    by_host.or_else(|| {
        // Self-hosted issuers: recognised by what only they write.
        if claims.get("kubernetes.io").is_some_and(Value::is_object) {
            Some(Provider::Kubernetes)
        } else if ["namespace_path", "project_path", "pipeline_id"]
            .iter()
            .all(|name| claims.contains_key(*name))
        {
            Some(Provider::GitLab)
        } else {
            None
        }
    })
}

fn is_cognito_host(host: &str) -> bool {
    host.strip_prefix("cognito-idp.")
        .and_then(|rest| rest.strip_suffix(".amazonaws.com"))
        .is_some_and(|region| !region.is_empty() && !region.contains('.'))
}

fn is_eks_host(host: &str) -> bool {
    host.strip_prefix("oidc.eks.")
        .and_then(|rest| rest.strip_suffix(".amazonaws.com"))
        .is_some_and(|region| !region.is_empty() && !region.contains('.'))
}

fn is_okta_host(host: &str) -> bool {
    [".okta.com", ".oktapreview.com", ".okta-emea.com"]
        .iter()
        .any(|suffix| host.ends_with(suffix))
}

fn jwks_of(provider: Provider, url: &Url, base: &str) -> Option<String> {
    let tenant = || url.path.trim_start_matches('/').split('/').next();
    Some(match provider {
        Provider::EntraId => format!(
            "https://login.microsoftonline.com/{}/discovery/{}keys",
            tenant()?,
            if url.host == "sts.windows.net" { "" } else { "v2.0/" }
        ),
        Provider::Google => "https://www.googleapis.com/oauth2/v3/certs".to_owned(),
        Provider::Firebase => "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com".to_owned(),
        Provider::Apple => "https://appleid.apple.com/auth/keys".to_owned(),
        Provider::Auth0 | Provider::Cognito => format!("{base}/.well-known/jwks.json"),
        Provider::GitHubActions => format!("{base}/.well-known/jwks"),
        Provider::GitLab => format!("{base}/oauth/discovery/keys"),
        Provider::Okta if url.path.is_empty() => format!("{base}/oauth2/v1/keys"),
        Provider::Okta => format!("{base}/v1/keys"),
        Provider::Keycloak => format!("{base}/protocol/openid-connect/certs"),
        // EKS and GKE publish under the issuer; a cluster's own API server at its root.
        Provider::Kubernetes if is_eks_host(url.host) => format!("{base}/keys"),
        Provider::Kubernetes if url.host == "container.googleapis.com" => format!("{base}/jwks"),
        Provider::Kubernetes if url.path.is_empty() => format!("{base}/openid/v1/jwks"),
        Provider::Kubernetes => return None,
        // Needs the policy from the claims (`b2c`).
        Provider::EntraB2c => return None,
    })
}

/// Azure AD B2C publishes keys per user flow: the policy comes from `tfp` (or `acr`).
fn b2c(url: &Url, claims: &Map<String, Value>) -> Option<(String, String)> {
    let policy = ["tfp", "acr"]
        .iter()
        .find_map(|name| claims.get(*name)?.as_str())
        .filter(|policy| is_path_segment(policy))?;
    let tenant = url.host.strip_suffix(".b2clogin.com")?;
    let base = format!("https://{}/{tenant}.onmicrosoft.com/{policy}", url.host);
    Some((
        format!("{base}/discovery/v2.0/keys"),
        format!("{base}/v2.0/.well-known/openid-configuration"),
    ))
}

fn is_path_segment(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Reads an issuer as OpenID Connect defines it (Core §2): `https`, a host, an optional path, no
/// query or fragment. Hosts are ASCII (an internationalised one arrives as punycode); providers
/// are recognised by their lowercase hosts, as they write them.
fn parse(iss: &str) -> Result<Url<'_>, NoLinks> {
    let (scheme, rest) = iss
        .split_once("://")
        .ok_or(NoLinks::Malformed("it has no scheme (https://…)"))?;
    if !scheme.eq_ignore_ascii_case("https") {
        return Err(NoLinks::NotHttps);
    }
    if rest.contains(['?', '#']) {
        return Err(NoLinks::Malformed("an issuer has no query or fragment"));
    }
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err(NoLinks::Malformed("it carries a user name"));
    }
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !host_ok {
        return Err(NoLinks::Malformed("its host is not a DNS name"));
    }
    if port.is_some_and(|port| port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit())) {
        return Err(NoLinks::Malformed("its port is not a number"));
    }
    let path_ok = path
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'\\' | b'`'));
    if !path_ok {
        return Err(NoLinks::Malformed(
            "its path has characters a URL cannot hold",
        ));
    }
    Ok(Url {
        host: authority,
        path: path.trim_end_matches('/'),
    })
}
