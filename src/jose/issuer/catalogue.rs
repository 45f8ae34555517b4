//! The claims identity providers add, with their meaning and the provider's documentation.
//! Only the recognised provider's list is read: a claim of one provider is never explained
//! with another's meaning.

use super::Provider;
use crate::jose::claims::Described;

/// Each provider's reference for its claims: its title and address.
fn source(provider: Provider) -> (&'static str, &'static str) {
    match provider {
        Provider::EntraId => (
            "Microsoft Entra ID: token claims reference",
            "https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference",
        ),
        Provider::EntraB2c => (
            "Azure AD B2C: token overview",
            "https://learn.microsoft.com/en-us/azure/active-directory-b2c/tokens-overview",
        ),
        Provider::Google => (
            "Google: OpenID Connect, an ID token's payload",
            "https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload",
        ),
        Provider::Auth0 => (
            "Auth0: JSON Web Token claims",
            "https://auth0.com/docs/secure/tokens/json-web-tokens/json-web-token-claims",
        ),
        Provider::Okta => (
            "Okta: OpenID Connect and OAuth 2.0 API, token claims",
            "https://developer.okta.com/docs/api/openapi/okta-oauth/guides/overview/",
        ),
        Provider::Keycloak => (
            "Keycloak: Server Administration Guide",
            "https://www.keycloak.org/docs/latest/server_admin/",
        ),
        Provider::Cognito => (
            "Amazon Cognito: understanding user pool JSON web tokens",
            "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html",
        ),
        Provider::GitHubActions => (
            "GitHub Actions: OpenID Connect token claims",
            "https://docs.github.com/en/actions/reference/security/oidc",
        ),
        Provider::GitLab => (
            "GitLab CI: ID token authentication",
            "https://docs.gitlab.com/ci/secrets/id_token_authentication/",
        ),
        Provider::Apple => (
            "Sign in with Apple: authenticating users",
            "https://developer.apple.com/documentation/sign_in_with_apple/authenticating-users-with-sign-in-with-apple",
        ),
        Provider::Firebase => (
            "Firebase: verify ID tokens",
            "https://firebase.google.com/docs/auth/admin/verify-id-tokens",
        ),
        Provider::Kubernetes => (
            "Kubernetes: service account tokens",
            "https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/",
        ),
    }
}

fn claims(provider: Provider) -> &'static [(&'static str, &'static str)] {
    match provider {
        Provider::EntraId => ENTRA_ID,
        Provider::EntraB2c => ENTRA_B2C,
        Provider::Google => GOOGLE,
        Provider::Auth0 => AUTH0,
        Provider::Okta => OKTA,
        Provider::Keycloak => KEYCLOAK,
        Provider::Cognito => COGNITO,
        Provider::GitHubActions => GITHUB_ACTIONS,
        Provider::GitLab => GITLAB,
        Provider::Apple => APPLE,
        Provider::Firebase => FIREBASE,
        Provider::Kubernetes => KUBERNETES,
    }
}

const ENTRA_ID: &[(&str, &str)] = &[
    ("oid", "Object ID: the user's (or service principal's) immutable ID in the tenant, the same for every application; the identifier to key on."),
    ("tid", "Tenant ID: the Entra tenant the user signed in to (a GUID)."),
    ("scp", "Scopes: the delegated permissions granted to the client, space-separated."),
    ("roles", "App roles granted to the user, or to the calling application in an app-only token."),
    ("wids", "The user's tenant-wide directory roles, as role template IDs."),
    ("groups", "Object IDs of the user's groups, when the application asks for group claims; above the limit the token says so instead (hasgroups or _claim_names)."),
    ("hasgroups", "The user is in too many groups for the token: read them from Microsoft Graph."),
    ("_claim_names", "Group overage: the groups are not in the token; _claim_sources says where to read them."),
    ("_claim_sources", "Group overage: where the user's groups can be read."),
    ("aio", "Internal to Entra ID (token reuse); applications must not rely on it."),
    ("uti", "Token identifier: unique per token, like jti; internal to Entra ID."),
    ("rh", "Internal to Entra ID (token revalidation); applications must not rely on it."),
    ("ver", "Token version: 1.0 or 2.0, after the endpoint that issued it."),
    ("idtyp", "Token type, when requested: app for an app-only token, user for a delegated one."),
    ("appid", "The client (application) ID of the caller, in v1.0 tokens (v2.0 uses azp)."),
    ("appidacr", "How the client authenticated, in v1.0 tokens: 0 public client, 1 client secret, 2 certificate."),
    ("azpacr", "How the client authenticated, in v2.0 tokens: 0 public client, 1 client secret, 2 certificate."),
    ("upn", "User principal name (user@contoso.com): readable, but it can change; do not key on it."),
    ("unique_name", "A readable name for the user in v1.0 tokens; it can change, so do not key on it."),
    ("ipaddr", "The IP address the user authenticated from (v1.0 tokens)."),
    ("acrs", "Authentication context IDs the user satisfied (Conditional Access)."),
    ("xms_", "An optional or internal Microsoft claim (the xms_ prefix), described in the optional claims reference."),
];

const ENTRA_B2C: &[(&str, &str)] = &[
    (
        "tfp",
        "The user flow (trust framework policy) that issued the token, e.g. B2C_1_signupsignin.",
    ),
    (
        "acr",
        "In Azure AD B2C, the user flow that issued the token (tfp in newer configurations).",
    ),
    ("oid", "Object ID of the user in the B2C directory."),
    (
        "idp",
        "The identity provider the user signed in with (absent for a local account).",
    ),
    ("ver", "Token version: 1.0."),
];

const GOOGLE: &[(&str, &str)] = &[
    ("hd", "Hosted domain: the Google Workspace domain of the account (absent for consumer accounts); check it to accept only your domain."),
    ("azp", "The client ID of the presenter: the application that asked for the token, when it differs from aud."),
    ("at_hash", "Hash of the access token issued with this ID token (OpenID Connect)."),
];

const AUTH0: &[(&str, &str)] = &[
    ("permissions", "The API permissions granted through role-based access control, when the API adds them to access tokens."),
    ("org_id", "The Auth0 Organization the user logged in through."),
    ("org_name", "The name of that Organization, when the tenant includes it."),
    ("gty", "The grant type the token was issued for, e.g. client-credentials or password."),
    ("https://", "A custom claim, namespaced with a URL as Auth0 asks so it cannot clash with a standard one; added by an Action or Rule."),
    ("http://", "A custom claim, namespaced with a URL as Auth0 asks so it cannot clash with a standard one; added by an Action or Rule."),
];

const OKTA: &[(&str, &str)] = &[
    ("cid", "The client ID of the application the access token was requested for."),
    ("uid", "The Okta user ID of the user the token is about."),
    ("scp", "The scopes granted, as an array."),
    ("ver", "The version of the token's format."),
    ("idp", "The ID of the identity provider that authenticated the user (the Okta org itself, or a federated one)."),
    ("groups", "The user's groups, when the authorization server is configured to include them."),
];

const KEYCLOAK: &[(&str, &str)] = &[
    ("realm_access", "The user's realm roles: {\"roles\": […]}."),
    ("resource_access", "The user's client roles, per client: {\"<client-id>\": {\"roles\": […]}}."),
    ("preferred_username", "The user's username in the realm."),
    ("sid", "The ID of the user's session in the realm; logout ends it."),
    ("session_state", "The user's session ID (older Keycloak versions; newer ones write sid)."),
    ("acr", "Authentication context class: by default 1 for a login with credentials, 0 for single sign-on from an existing session."),
    ("typ", "Keycloak's token type: Bearer (access token), ID or Refresh."),
    ("allowed-origins", "The web origins the client may call from (CORS), from the client's settings."),
];

const COGNITO: &[(&str, &str)] = &[
    ("cognito:groups", "The user pool groups the user is in."),
    ("cognito:username", "The user's username in the user pool (ID tokens)."),
    ("cognito:roles", "The IAM roles of the user's groups."),
    ("cognito:preferred_role", "The IAM role of the user's group with the best (lowest) precedence."),
    ("token_use", "Which token this is: id or access. Both are signed by the same keys, so check it."),
    ("client_id", "The app client the access token was issued to (access tokens carry it instead of aud)."),
    ("username", "The user's username in the user pool (access tokens)."),
    ("origin_jti", "The sign-in this token comes from, shared by every token of it; revoking a refresh token revokes them all."),
    ("event_id", "The sign-in event the token comes from."),
];

const GITHUB_ACTIONS: &[(&str, &str)] = &[
    ("repository", "The repository the workflow ran in (owner/name)."),
    ("repository_id", "The repository's numeric ID, which survives renames."),
    ("repository_owner", "The user or organisation that owns the repository."),
    ("repository_owner_id", "The owner's numeric ID, which survives renames."),
    ("repository_visibility", "public, private or internal."),
    ("ref", "The Git ref the workflow ran for: refs/heads/main, refs/tags/v1, refs/pull/…"),
    ("ref_type", "branch or tag."),
    ("ref_protected", "Whether the ref is protected by branch or tag rules."),
    ("sha", "The commit the workflow ran on."),
    ("workflow", "The workflow's name."),
    ("workflow_ref", "The workflow file and ref: owner/repo/.github/workflows/file.yml@ref."),
    ("workflow_sha", "The commit of the workflow file."),
    ("job_workflow_ref", "The reusable workflow a job called, with its ref: a trust policy should pin it."),
    ("job_workflow_sha", "The commit of that reusable workflow."),
    ("environment", "The deployment environment of the job, when it has one; a common condition in cloud trust policies."),
    ("runner_environment", "github-hosted or self-hosted."),
    ("event_name", "The event that started the workflow: push, pull_request, workflow_dispatch …"),
    ("actor", "The account that started the run."),
    ("actor_id", "That account's numeric ID."),
    ("head_ref", "The source branch of a pull request."),
    ("base_ref", "The target branch of a pull request."),
    ("run_id", "The workflow run's ID."),
    ("run_number", "The run's number in the repository."),
    ("run_attempt", "Which attempt of the run this is (re-runs count up)."),
    ("enterprise", "The enterprise that owns the repository, for GitHub Enterprise."),
];

const GITLAB: &[(&str, &str)] = &[
    (
        "namespace_id",
        "The ID of the group or user namespace of the project.",
    ),
    (
        "namespace_path",
        "The group or user namespace of the project.",
    ),
    ("project_id", "The project's ID."),
    ("project_path", "The project: group/project."),
    ("project_visibility", "public, internal or private."),
    ("user_id", "The ID of the user who ran the pipeline."),
    (
        "user_login",
        "The username of the user who ran the pipeline.",
    ),
    ("user_email", "The e-mail of the user who ran the pipeline."),
    ("pipeline_id", "The pipeline's ID."),
    (
        "pipeline_source",
        "What started the pipeline: push, web, schedule, merge_request_event …",
    ),
    ("job_id", "The CI job's ID."),
    ("ref", "The branch or tag the job ran for."),
    ("ref_type", "branch or tag."),
    ("ref_path", "The fully qualified ref: refs/heads/main."),
    (
        "ref_protected",
        "Whether the branch or tag is protected: a common condition in trust policies.",
    ),
    (
        "environment",
        "The job's deployment environment, when it has one.",
    ),
    (
        "environment_protected",
        "Whether that environment is protected.",
    ),
    (
        "deployment_tier",
        "The environment's tier: production, staging, testing, development or other.",
    ),
    ("runner_id", "The ID of the runner that ran the job."),
    ("runner_environment", "gitlab-hosted or self-hosted."),
    ("sha", "The commit the job ran on."),
    (
        "ci_config_ref_uri",
        "The pipeline definition the job came from, with its ref.",
    ),
    ("ci_config_sha", "The commit of that pipeline definition."),
];

const APPLE: &[(&str, &str)] = &[
    (
        "is_private_email",
        "The e-mail is an Apple private relay address.",
    ),
    (
        "real_user_status",
        "Apple's estimate that the user is a real person: 0 unsupported, 1 unknown, 2 likely real.",
    ),
    (
        "nonce_supported",
        "Whether the platform supports the nonce.",
    ),
    (
        "transfer_sub",
        "An identifier for moving the user to an app of another team.",
    ),
];

const FIREBASE: &[(&str, &str)] = &[
    ("firebase", "Firebase's details: sign_in_provider (password, google.com, anonymous …), the identities per provider, and the tenant with multi-tenancy."),
    ("user_id", "The Firebase user's UID (the same as sub)."),
];

const KUBERNETES: &[(&str, &str)] = &[
    ("kubernetes.io", "The service account (namespace, name, UID) and the pod, node or secret the token is bound to: a bound token stops working when that object is deleted."),
];

/// The meaning of a claim in tokens of `provider`, if it writes one by that name (or prefix:
/// Entra ID's `xms_` claims, Auth0's URL-named custom claims).
pub fn describe(provider: Provider, name: &str) -> Option<Described> {
    let (spec, url) = source(provider);
    claims(provider)
        .iter()
        .find(|(known, _)| {
            // A name ending in `_` or `://` is a prefix of the claims it explains.
            match known.ends_with('_') || known.ends_with("://") {
                true => name.starts_with(known) && name.len() > known.len(),
                false => name == *known,
            }
        })
        .map(|(_, description)| Described {
            description,
            spec,
            url,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_lists_each_name_once() {
        for provider in Provider::ALL {
            let names = claims(provider);
            for (index, (name, _)) in names.iter().enumerate() {
                let first = names.iter().position(|(other, _)| other == name);
                assert_eq!(first, Some(index), "{provider:?} lists {name} twice");
            }
        }
    }
}
