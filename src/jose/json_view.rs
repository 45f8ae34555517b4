//! Pretty-printed JSON as a list of classified pieces, for syntax highlighting.
//! For canonical input, joined pieces equal `serde_json::to_string_pretty` of the value.

/// What a piece of JSON text is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    Key,
    String,
    Number,
    Bool,
    Null,
    Punctuation,
    Space,
}

impl JsonKind {
    /// A stable short name, used as a CSS class suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            JsonKind::Key => "key",
            JsonKind::String => "string",
            JsonKind::Number => "number",
            JsonKind::Bool => "bool",
            JsonKind::Null => "null",
            JsonKind::Punctuation => "punct",
            JsonKind::Space => "space",
        }
    }
}

/// One classified run of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonPiece {
    pub kind: JsonKind,
    pub text: String,
}

/// The same layout as [`pretty`], as plain text: what the page shows and copies.
pub fn pretty_text(json: &str) -> String {
    let mut text = String::with_capacity(json.len() * 2);
    walk(json, |_, piece| text.push_str(piece));
    text
}

/// Pretty JSON as HTML markup: coloured up to a number of lines, plain text after that.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Markup {
    /// A `span class="json-KIND"` per coloured piece, white space bare, every piece's text
    /// escaped; past `coloured_lines`, the rest as escaped plain text.
    pub html: String,
    /// The whole pretty-printed text (what the markup reads as, and what is copied).
    pub text: String,
    pub coloured_lines: usize,
    pub lines: usize,
}

impl Markup {
    /// Whether some lines are shown without colours.
    pub fn is_partly_coloured(&self) -> bool {
        self.coloured_lines < self.lines
    }
}

/// Lines per `json-lines` block: a long JSON text is laid out in blocks that the page's CSS
/// gives `content-visibility: auto`, so the browser lays out only the blocks in view.
pub const CHUNK_LINES: usize = 100;
const CHUNK_OPEN: &str = "<span class=\"json-lines\">";

/// The same layout as [`pretty`], as one block of HTML markup, coloured for its first
/// `colour_lines` lines (all of them with `usize::MAX`). One block rather than an element per
/// piece, and plain text past the limit: a 1 MB payload's hundreds of thousands of pieces
/// would otherwise each be a node for the browser to build and lay out.
pub fn pretty_markup(json: &str, colour_lines: usize) -> Markup {
    let mut total_lines = 1;
    walk(json, |_, text| total_lines += text.matches('\n').count());
    let chunked = total_lines > CHUNK_LINES;
    let mut html = String::with_capacity(json.len() * 3);
    let mut text = String::with_capacity(json.len() * 2);
    if chunked {
        html.push_str(CHUNK_OPEN);
    }
    let mut line = 1;
    walk(json, |kind, piece| {
        text.push_str(piece);
        let colour = line <= colour_lines;
        match kind {
            JsonKind::Space => match piece.split_once('\n') {
                // A new chunk starts after the line break, before the next line's indent.
                Some((before, indent)) if chunked && line % CHUNK_LINES == 0 => {
                    escape_into(&mut html, before);
                    html.push('\n');
                    html.push_str("</span>");
                    html.push_str(CHUNK_OPEN);
                    escape_into(&mut html, indent);
                }
                _ => escape_into(&mut html, piece),
            },
            _ if !colour => escape_into(&mut html, piece),
            kind => {
                html.push_str("<span class=\"json-");
                html.push_str(kind.as_str());
                html.push_str("\">");
                escape_into(&mut html, piece);
                html.push_str("</span>");
            }
        }
        line += piece.matches('\n').count();
    });
    if chunked {
        html.push_str("</span>");
    }
    Markup {
        html,
        text,
        coloured_lines: colour_lines.min(line),
        lines: line,
    }
}

/// Appends `text` with the characters that HTML text gives a meaning escaped (quotes mean
/// something only inside attributes, and the only attributes here are the fixed classes).
fn escape_into(markup: &mut String, text: &str) {
    if !text.contains(['&', '<', '>']) {
        markup.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => markup.push_str("&amp;"),
            '<' => markup.push_str("&lt;"),
            '>' => markup.push_str("&gt;"),
            c => markup.push(c),
        }
    }
}

/// Pretty-prints JSON text with two-space indentation into classified pieces.
///
/// It re-indents the received text rather than re-serializing a parsed value, so strings,
/// escapes, numbers and even duplicate members appear exactly as the token has them.
/// Call it on text that parsed as JSON; on other text it still returns, never panics.
pub fn pretty(json: &str) -> Vec<JsonPiece> {
    let mut pieces = Vec::new();
    walk(json, |kind, text| {
        pieces.push(JsonPiece {
            kind,
            text: text.to_owned(),
        })
    });
    pieces
}

/// Two spaces per level, for the indents of up to 64 levels without an allocation each.
const INDENTS: &str = "\n                                                                                                                                ";

/// `pretty`'s walk: each piece handed to `emit` as it is found, borrowed from `json` (or from
/// `INDENTS`) rather than collected, so a megabyte payload's markup costs no allocation a piece.
fn walk(json: &str, mut emit: impl FnMut(JsonKind, &str)) {
    let mut depth = 0usize;
    let mut rest = json.trim_start();
    while let Some(c) = rest.chars().next() {
        let len = match c {
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                let after = rest.get(1..).unwrap_or("").trim_start();
                if after.starts_with(close) {
                    emit(JsonKind::Punctuation, if c == '{' { "{}" } else { "[]" });
                    rest = after.get(1..).unwrap_or("").trim_start();
                    continue;
                }
                emit(JsonKind::Punctuation, if c == '{' { "{" } else { "[" });
                depth += 1;
                newline(&mut emit, depth);
                1
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut emit, depth);
                emit(JsonKind::Punctuation, if c == '}' { "}" } else { "]" });
                1
            }
            ',' => {
                emit(JsonKind::Punctuation, ",");
                newline(&mut emit, depth);
                1
            }
            ':' => {
                emit(JsonKind::Punctuation, ":");
                emit(JsonKind::Space, " ");
                1
            }
            '"' => {
                let len = string_len(rest);
                let after = rest.get(len..).unwrap_or("").trim_start();
                let kind = if after.starts_with(':') {
                    JsonKind::Key
                } else {
                    JsonKind::String
                };
                emit(kind, rest.get(..len).unwrap_or(rest));
                len
            }
            _ => {
                let len = rest
                    .find(|c: char| c.is_whitespace() || ",:{}[]\"".contains(c))
                    .unwrap_or(rest.len())
                    .max(c.len_utf8());
                let word = rest.get(..len).unwrap_or(rest);
                let kind = match word {
                    "true" | "false" => JsonKind::Bool,
                    "null" => JsonKind::Null,
                    _ => JsonKind::Number,
                };
                emit(kind, word);
                len
            }
        };
        rest = rest.get(len..).unwrap_or("").trim_start();
    }
}

/// A line break and the indent of `depth` levels.
fn newline(emit: &mut impl FnMut(JsonKind, &str), depth: usize) {
    match INDENTS.get(..1 + 2 * depth) {
        Some(indent) => emit(JsonKind::Space, indent),
        None => emit(JsonKind::Space, &format!("\n{}", "  ".repeat(depth))),
    }
}

/// Joins pieces back into text.
pub fn to_text(pieces: &[JsonPiece]) -> String {
    pieces.iter().map(|piece| piece.text.as_str()).collect()
}

/// Byte length of the string literal at the start of `text`, quotes included.
fn string_len(text: &str) -> usize {
    let mut escaped = false;
    for (index, c) in text.char_indices().skip(1) {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') => return index + 1,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_pieces_equal_serde_pretty_output() {
        let text = r#" {"z":1, "a":[true,null,{"k":"v\n\"q\\\\"},[ ]],"n":-1.5,"big":123456789012345678901234567890,"e":{ },"u":"\u00e9é"}"#;
        let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let expected = serde_json::to_string_pretty(&value).unwrap_or_default();
        assert_eq!(to_text(&pretty(text)).replace("\\u00e9", "é"), expected);
    }

    #[test]
    fn member_order_and_number_text_are_kept() {
        let text = to_text(&pretty(r#"{"z":1.50,"a":1e3,"a":2}"#));
        assert_eq!(text, "{\n  \"z\": 1.50,\n  \"a\": 1e3,\n  \"a\": 2\n}");
        assert_ne!(text, "{\n  \"a\": 1000.0,\n  \"z\": 1.5\n}");
    }

    #[test]
    fn garbage_never_panics() {
        for text in ["", "\"", "{", "]]]", "\"\\", "é", "{\"a\":tru"] {
            let _ = pretty(text);
        }
    }

    #[test]
    fn keys_and_string_values_are_told_apart() {
        let pieces = pretty(r#"{"k" : "v"}"#);
        let kind_of = |text: &str| pieces.iter().find(|p| p.text == text).map(|p| p.kind);
        assert_eq!(kind_of("\"k\""), Some(JsonKind::Key));
        assert_eq!(kind_of("\"v\""), Some(JsonKind::String));
    }
}
