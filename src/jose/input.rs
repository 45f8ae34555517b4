//! Forgiving input: strips the wrapping people paste around a token, and says what it removed.

use std::rc::Rc;

/// Something removed from around the pasted token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removed {
    /// Leading or trailing whitespace or newlines.
    Whitespace,
    /// An `Authorization:` header name.
    AuthorizationHeader,
    /// A `Bearer ` scheme.
    BearerScheme,
    /// Surrounding single or double quotes.
    Quotes,
    /// Whitespace or line breaks inside the token (a wrapped paste).
    InnerWhitespace,
}

impl Removed {
    /// A few words for the note under the input.
    pub fn describe(self) -> &'static str {
        match self {
            Removed::Whitespace => "surrounding whitespace",
            Removed::AuthorizationHeader => "the \"Authorization:\" header name",
            Removed::BearerScheme => "the \"Bearer\" prefix",
            Removed::Quotes => "surrounding quotes",
            Removed::InnerWhitespace => "whitespace inside the token",
        }
    }
}

/// The token as it will be decoded, and what was removed to get there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CleanedInput {
    /// Shared: an inspection is cloned with the page's state, and a token may be a megabyte.
    pub token: Rc<str>,
    pub removed: Vec<Removed>,
}

/// Removes whitespace, `Authorization:`, `Bearer ` and quotes around a token, then any
/// whitespace left inside a compact token (noted, since the token as sent was not valid).
pub fn clean(raw: &str) -> CleanedInput {
    let mut removed = Vec::new();
    let mut rest = raw;
    // Each pass peels one layer; a handful of passes covers `"Authorization: Bearer x"`.
    for _ in 0..4 {
        let before = rest;
        rest = peel(rest, &mut removed);
        if rest == before {
            break;
        }
    }
    // A JSON serialization keeps its whitespace: it is JSON's, not a wrapped line.
    if rest.starts_with('{') {
        return CleanedInput {
            token: rest.into(),
            removed,
        };
    }
    let token = match rest.contains(char::is_whitespace) {
        true => {
            removed.push(Removed::InnerWhitespace);
            rest.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .into()
        }
        false => rest.into(),
    };
    CleanedInput { token, removed }
}

fn peel<'a>(text: &'a str, removed: &mut Vec<Removed>) -> &'a str {
    let mut rest = trim_noting(text, removed);
    if let Some(after) = strip_prefix_ignore_case(rest, "authorization:") {
        note(removed, Removed::AuthorizationHeader);
        rest = trim_noting_start(after);
    }
    if let Some(after) = strip_prefix_ignore_case(rest, "bearer") {
        if after.starts_with(char::is_whitespace) {
            note(removed, Removed::BearerScheme);
            rest = trim_noting_start(after);
        }
    }
    for quote in ['"', '\'', '`'] {
        if let Some(inner) = rest
            .strip_prefix(quote)
            .and_then(|after| after.strip_suffix(quote))
        {
            note(removed, Removed::Quotes);
            rest = inner;
            break;
        }
    }
    rest
}

fn trim_noting<'a>(text: &'a str, removed: &mut Vec<Removed>) -> &'a str {
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        note(removed, Removed::Whitespace);
    }
    trimmed
}

/// Whitespace after a prefix is part of the prefix, not worth a note of its own.
fn trim_noting_start(text: &str) -> &str {
    text.trim_start()
}

fn note(removed: &mut Vec<Removed>, what: Removed) {
    if !removed.contains(&what) {
        removed.push(what);
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// The raw value of `token=` in a URL fragment such as `#token=eyJ…&x=y` (still percent-encoded);
/// `share::read_fragment` reads every member, decoded, the same way.
pub fn token_from_fragment(fragment: &str) -> Option<&str> {
    super::share::raw_value(fragment, "token")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_read_from_the_fragment() {
        assert_eq!(token_from_fragment("#token=a.b.c"), Some("a.b.c"));
        assert_eq!(token_from_fragment("#x=1&token=a.b.c&y=2"), Some("a.b.c"));
        assert_eq!(token_from_fragment("#token="), None);
        assert_eq!(token_from_fragment("#tokens=a.b.c"), None);
        assert_eq!(token_from_fragment(""), None);
    }

    #[test]
    fn a_bare_token_is_left_alone() {
        let cleaned = clean("a.b.c");
        assert_eq!(&*cleaned.token, "a.b.c");
        assert!(cleaned.removed.is_empty());
    }

    #[test]
    fn whitespace_around_is_removed_and_noted() {
        let cleaned = clean("\n  a.b.c \r\n");
        assert_eq!(&*cleaned.token, "a.b.c");
        assert_eq!(cleaned.removed, vec![Removed::Whitespace]);
    }

    #[test]
    fn authorization_header_bearer_and_quotes_are_peeled() {
        let cleaned = clean(" \"Authorization: Bearer a.b.c\"\n");
        assert_eq!(&*cleaned.token, "a.b.c");
        assert_eq!(
            cleaned.removed,
            vec![
                Removed::Whitespace,
                Removed::Quotes,
                Removed::AuthorizationHeader,
                Removed::BearerScheme
            ]
        );
    }

    #[test]
    fn bearer_is_case_insensitive_and_needs_a_space() {
        assert_eq!(&*clean("bearer a.b.c").token, "a.b.c");
        assert_eq!(&*clean("BEARER\ta.b.c").token, "a.b.c");
        // Without the space it may be part of the token itself; leave it.
        assert_eq!(&*clean("Bearera.b.c").token, "Bearera.b.c");
    }

    #[test]
    fn inside_whitespace_is_removed_and_noted() {
        let cleaned = clean("a.b\n.c d");
        assert_eq!(&*cleaned.token, "a.b.cd");
        assert_eq!(cleaned.removed, vec![Removed::InnerWhitespace]);
        assert!(!clean("a.b.c").removed.contains(&Removed::InnerWhitespace));
    }

    #[test]
    fn a_json_serialization_keeps_its_inner_whitespace() {
        let json = "{\n  \"protected\": \"e30\",\n  \"ciphertext\": \"AA\"\n}";
        let cleaned = clean(&format!("  {json}\n"));
        assert_eq!(&*cleaned.token, json);
        assert_eq!(cleaned.removed, vec![Removed::Whitespace]);
    }

    #[test]
    fn unmatched_quote_is_kept() {
        let cleaned = clean("\"a.b.c");
        assert_eq!(&*cleaned.token, "\"a.b.c");
        assert!(cleaned.removed.is_empty());
    }

    #[test]
    fn multibyte_input_never_panics() {
        assert_eq!(&*clean("é").token, "é");
        assert_eq!(&*clean("Authorizatié").token, "Authorizatié");
    }
}
