//! One line of meaning and the defining spec for registered and common claims and header
//! parameters.

/// What a name means and where it is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Described {
    pub description: &'static str,
    /// "RFC 7519 §4.1.4", "OpenID Connect Core §2" …
    pub spec: &'static str,
    pub url: &'static str,
}

const RFC7519: &str = "https://www.rfc-editor.org/rfc/rfc7519";
const RFC7515: &str = "https://www.rfc-editor.org/rfc/rfc7515";
const RFC7797: &str = "https://www.rfc-editor.org/rfc/rfc7797";
const RFC7516: &str = "https://www.rfc-editor.org/rfc/rfc7516";
const RFC8693: &str = "https://www.rfc-editor.org/rfc/rfc8693";
const RFC9068: &str = "https://www.rfc-editor.org/rfc/rfc9068";
const RFC7800: &str = "https://www.rfc-editor.org/rfc/rfc7800";
const RFC9901: &str = "https://www.rfc-editor.org/rfc/rfc9901";
const SD_JWT_VC: &str = "https://datatracker.ietf.org/doc/draft-ietf-oauth-sd-jwt-vc/";
const OIDC: &str = "https://openid.net/specs/openid-connect-core-1_0.html";

const CLAIMS: &[(&str, &str, &str, &str)] = &[
    (
        "iss",
        "Issuer: who created and signed the token.",
        "RFC 7519 §4.1.1",
        RFC7519,
    ),
    (
        "sub",
        "Subject: whom the token is about, unique within the issuer.",
        "RFC 7519 §4.1.2",
        RFC7519,
    ),
    (
        "aud",
        "Audience: the recipients the token is meant for; others must reject it.",
        "RFC 7519 §4.1.3",
        RFC7519,
    ),
    (
        "exp",
        "Expiration time: the token must not be accepted on or after it.",
        "RFC 7519 §4.1.4",
        RFC7519,
    ),
    (
        "nbf",
        "Not before: the token must not be accepted before it.",
        "RFC 7519 §4.1.5",
        RFC7519,
    ),
    (
        "iat",
        "Issued at: when the token was created.",
        "RFC 7519 §4.1.6",
        RFC7519,
    ),
    (
        "jti",
        "JWT ID: a unique identifier, to stop replay.",
        "RFC 7519 §4.1.7",
        RFC7519,
    ),
    (
        "azp",
        "Authorized party: the client the ID token was issued to.",
        "OpenID Connect Core §2",
        OIDC,
    ),
    (
        "nonce",
        "Nonce: ties an ID token to the client's authentication request, against replay.",
        "OpenID Connect Core §2",
        OIDC,
    ),
    (
        "auth_time",
        "When the user authenticated.",
        "OpenID Connect Core §2",
        OIDC,
    ),
    (
        "acr",
        "Authentication context class reference: how strongly the user authenticated.",
        "OpenID Connect Core §2",
        OIDC,
    ),
    (
        "amr",
        "Authentication methods used (pwd, otp, mfa …).",
        "OpenID Connect Core §2",
        OIDC,
    ),
    (
        "at_hash",
        "Access token hash: binds the ID token to an access token.",
        "OpenID Connect Core §3.1.3.6",
        OIDC,
    ),
    (
        "c_hash",
        "Code hash: binds the ID token to an authorization code.",
        "OpenID Connect Core §3.3.2.11",
        OIDC,
    ),
    (
        "sid",
        "Session ID at the issuer, for logout.",
        "OpenID Connect Front-Channel Logout §3",
        "https://openid.net/specs/openid-connect-frontchannel-1_0.html",
    ),
    (
        "email",
        "The user's e-mail address.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "email_verified",
        "Whether the issuer verified the e-mail address.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "name",
        "The user's full name.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "given_name",
        "The user's given name.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "family_name",
        "The user's family name.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "preferred_username",
        "The name the user prefers; not unique, not stable.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "picture",
        "URL of the user's picture.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "locale",
        "The user's locale.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "phone_number",
        "The user's phone number.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "phone_number_verified",
        "Whether the issuer verified the phone number.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "updated_at",
        "When the user's information was last updated.",
        "OpenID Connect Core §5.1",
        OIDC,
    ),
    (
        "scope",
        "OAuth scopes granted, space-separated.",
        "RFC 8693 §4.2",
        RFC8693,
    ),
    (
        "scp",
        "OAuth scopes granted (Microsoft, Okta): a list or a string.",
        "RFC 9068 §2.2.3 (as scope)",
        RFC9068,
    ),
    (
        "client_id",
        "The OAuth client the token was issued to.",
        "RFC 8693 §4.3",
        RFC8693,
    ),
    (
        "roles",
        "Roles of the subject.",
        "RFC 9068 §2.2.3.1",
        RFC9068,
    ),
    (
        "groups",
        "Groups the subject belongs to.",
        "RFC 9068 §2.2.3.1",
        RFC9068,
    ),
    (
        "entitlements",
        "Entitlements of the subject.",
        "RFC 9068 §2.2.3.1",
        RFC9068,
    ),
    (
        "cnf",
        "Confirmation: the key the presenter must prove it holds (proof of possession).",
        "RFC 7800 §3.1",
        RFC7800,
    ),
    (
        "vct",
        "Verifiable credential type: what kind of credential this SD-JWT VC is (never selectively disclosable).",
        "SD-JWT VC §3.2.2.1",
        SD_JWT_VC,
    ),
    (
        "vct#integrity",
        "A hash of the credential type's metadata document, so it cannot be swapped.",
        "SD-JWT VC §3.2.2.1",
        SD_JWT_VC,
    ),
    (
        "status",
        "Where the credential's status (revocation, suspension) is published, such as a status list entry. This page fetches nothing, so the status is not checked.",
        "SD-JWT VC §3.2.2.2",
        SD_JWT_VC,
    ),
    (
        "_sd",
        "Digests of selectively disclosable claims; each disclosure shown with the presentation fills one in.",
        "RFC 9901 §4.2.4.1",
        RFC9901,
    ),
    (
        "_sd_alg",
        "The hash the digests of the disclosures are made with (sha-256 when absent).",
        "RFC 9901 §4.1.1",
        RFC9901,
    ),
    (
        "act",
        "Actor: who acts on behalf of the subject (delegation).",
        "RFC 8693 §4.1",
        RFC8693,
    ),
    (
        "may_act",
        "Who may act on behalf of the subject.",
        "RFC 8693 §4.4",
        RFC8693,
    ),
];

const HEADER_PARAMETERS: &[(&str, &str, &str, &str)] = &[
    (
        "alg",
        "The algorithm that secures the token; the verifier must choose it, not trust it.",
        "RFC 7515 §4.1.1",
        RFC7515,
    ),
    (
        "jku",
        "URL of a JWK Set holding the key; never fetch keys a token points to.",
        "RFC 7515 §4.1.2",
        RFC7515,
    ),
    (
        "jwk",
        "A public key carried in the token itself; it proves nothing.",
        "RFC 7515 §4.1.3",
        RFC7515,
    ),
    (
        "kid",
        "Key ID: which key to verify with; it names a key, it is not one.",
        "RFC 7515 §4.1.4",
        RFC7515,
    ),
    (
        "x5u",
        "URL of an X.509 chain for the key; never fetch keys a token points to.",
        "RFC 7515 §4.1.5",
        RFC7515,
    ),
    (
        "x5c",
        "X.509 chain for the key; worthless unless validated to a trusted root.",
        "RFC 7515 §4.1.6",
        RFC7515,
    ),
    (
        "x5t",
        "SHA-1 thumbprint of the X.509 certificate of the key.",
        "RFC 7515 §4.1.7",
        RFC7515,
    ),
    (
        "x5t#S256",
        "SHA-256 thumbprint of the X.509 certificate of the key.",
        "RFC 7515 §4.1.8",
        RFC7515,
    ),
    (
        "typ",
        "Media type of the whole token (JWT, at+jwt …), to tell token kinds apart.",
        "RFC 7515 §4.1.9",
        RFC7515,
    ),
    (
        "cty",
        "Media type of the payload; JWT for a nested token.",
        "RFC 7515 §4.1.10",
        RFC7515,
    ),
    (
        "crit",
        "Extensions the verifier must understand, or reject the token.",
        "RFC 7515 §4.1.11",
        RFC7515,
    ),
    (
        "b64",
        "false: the payload is not base64url-encoded (must be listed in crit).",
        "RFC 7797 §3",
        RFC7797,
    ),
    (
        "zip",
        "Compression of the plaintext; defined for JWE only.",
        "RFC 7516 §4.1.3",
        RFC7516,
    ),
    (
        "enc",
        "Content encryption algorithm of a JWE.",
        "RFC 7516 §4.1.2",
        RFC7516,
    ),
];

fn find(
    table: &[(&str, &'static str, &'static str, &'static str)],
    name: &str,
) -> Option<Described> {
    table
        .iter()
        .find(|(known, ..)| *known == name)
        .map(|(_, description, spec, url)| Described {
            description,
            spec,
            url,
        })
}

/// The meaning of a payload claim, for registered and common names.
pub fn describe_claim(name: &str) -> Option<Described> {
    find(CLAIMS, name)
}

/// The meaning of a header parameter.
pub fn describe_header_parameter(name: &str) -> Option<Described> {
    find(HEADER_PARAMETERS, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_listed_once() {
        for table in [CLAIMS, HEADER_PARAMETERS] {
            for (index, (name, ..)) in table.iter().enumerate() {
                let first = table.iter().position(|(other, ..)| other == name);
                assert_eq!(first, Some(index), "{name} is listed twice");
            }
        }
    }

    #[test]
    fn registered_names_are_described_and_others_are_not() {
        assert_eq!(
            describe_claim("exp").map(|d| d.spec),
            Some("RFC 7519 §4.1.4")
        );
        assert!(describe_header_parameter("x5t#S256").is_some());
        assert!(describe_claim("favourite_colour").is_none());
        assert!(describe_claim("alg").is_none(), "alg is a header parameter");
    }
}
