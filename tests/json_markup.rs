//! The JSON panes' markup: one block of HTML whose text is exactly the pretty-printed JSON, with
//! everything the token says escaped (a payload is attacker-controlled text).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwt_debugger::jose::json_view::{pretty_markup, pretty_text, Markup};

fn all_coloured(json: &str) -> (String, String) {
    let Markup { html, text, .. } = pretty_markup(json, usize::MAX);
    (html, text)
}

/// The markup's text as a browser would read it: tags dropped, entities decoded.
fn text_of(markup: &str) -> String {
    let mut text = String::new();
    let mut rest = markup;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').expect("every tag closes");
            rest = &rest[end + 1..];
            continue;
        }
        if c == '&' {
            let end = rest.find(';').expect("every entity ends");
            text.push(match &rest[..=end] {
                "&amp;" => '&',
                "&lt;" => '<',
                "&gt;" => '>',
                other => panic!("unexpected entity {other}"),
            });
            rest = &rest[end + 1..];
            continue;
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    text
}

/// The tags in the markup, in order.
fn tags(markup: &str) -> Vec<&str> {
    markup
        .match_indices('<')
        .map(|(at, _)| &markup[at..=at + markup[at..].find('>').unwrap()])
        .collect()
}

#[test]
fn the_markup_reads_as_the_pretty_text_and_colours_each_kind() {
    let json = r#"{"alg":"HS256","n":12.50,"ok":true,"none":null,"list":[1,"a"]}"#;
    let (markup, text) = all_coloured(json);
    assert_eq!(text, pretty_text(json));
    assert_eq!(text_of(&markup), text);
    assert!(
        markup.contains(r#"<span class="json-key">"alg"</span>"#),
        "{markup}"
    );
    assert!(markup.contains(r#"<span class="json-number">12.50</span>"#));
    assert!(markup.contains(r#"<span class="json-bool">true</span>"#));
    assert!(markup.contains(r#"<span class="json-null">null</span>"#));
    assert!(markup.contains(r#"<span class="json-string">"HS256"</span>"#));
}

#[test]
fn markup_in_the_token_is_escaped_never_markup_of_the_page() {
    let json = r#"{"<img src=x onerror=alert(1)>":"</span><script>alert('x')</script>&amp;"}"#;
    let (markup, text) = all_coloured(json);
    assert_eq!(text_of(&markup), text);
    assert!(
        text.contains("<script>"),
        "the text shows what the token says"
    );
    // Negative twin: the only tags are the page's own spans.
    for tag in tags(&markup) {
        assert!(
            tag == "</span>" || tag.starts_with(r#"<span class="json-"#),
            "{tag}"
        );
    }
    assert!(!markup.contains("<script"));
    assert!(markup.contains("&lt;script&gt;alert('x')&lt;/script&gt;&amp;amp;"));
}

#[test]
fn text_that_is_not_json_still_comes_back_escaped() {
    let (markup, text) = all_coloured("<b>not json</b>");
    assert_eq!(text_of(&markup), text);
    assert!(!markup.contains("<b>"));
}

#[test]
fn past_the_line_limit_the_rest_is_plain_text_and_still_all_there() {
    let json = r#"{"a":1,"b":"<x>","c":[true,null]}"#;
    let whole = pretty_markup(json, usize::MAX);
    assert!(!whole.is_partly_coloured());
    assert_eq!(whole.lines, whole.text.lines().count());
    let first_two = pretty_markup(json, 2);
    assert!(first_two.is_partly_coloured());
    assert_eq!(
        (first_two.coloured_lines, first_two.lines),
        (2, whole.lines)
    );
    assert_eq!(first_two.text, whole.text);
    assert_eq!(
        text_of(&first_two.html),
        whole.text,
        "the markup still reads as all of it"
    );
    assert!(first_two
        .html
        .contains(r#"<span class="json-key">"a"</span>"#));
    // Negative twin: nothing past line 2 is coloured, and what is plain is still escaped.
    assert!(!first_two
        .html
        .contains(r#"<span class="json-key">"b"</span>"#));
    assert!(first_two.html.contains("&lt;x&gt;"));
    assert!(!first_two.html.contains("<x>"));
}

#[test]
fn long_json_is_laid_out_in_blocks_of_lines_that_read_as_the_whole() {
    use jwt_debugger::jose::json_view::CHUNK_LINES;
    // 250 members: 252 lines, so three blocks.
    let members: Vec<String> = (0..250).map(|i| format!("\"k{i}\":\"<v{i}>\"")).collect();
    let json = format!("{{{}}}", members.join(","));
    let markup = pretty_markup(&json, usize::MAX);
    assert_eq!(markup.lines, 252);
    assert_eq!(text_of(&markup.html), markup.text);
    let open = r#"<span class="json-lines">"#;
    let blocks: Vec<&str> = markup.html.split(open).skip(1).collect();
    assert_eq!(blocks.len(), markup.lines.div_ceil(CHUNK_LINES));
    for (index, block) in blocks.iter().enumerate() {
        let lines = text_of(block).lines().count();
        let expected = if index + 1 < blocks.len() {
            CHUNK_LINES
        } else {
            52
        };
        assert_eq!(lines, expected, "block {index}");
        // Each block but the last ends at a line break, the next line's indent in the next.
        if index + 1 < blocks.len() {
            assert!(block.ends_with("\n</span>"), "block {index}");
        }
    }
    assert!(markup.html.starts_with(open) && markup.html.ends_with("</span>"));
    // Negative twin: JSON shorter than a block is not wrapped in one.
    let short = pretty_markup(r#"{"a":1}"#, usize::MAX);
    assert!(!short.html.contains("json-lines"));
}

#[test]
fn nesting_deeper_than_the_ready_indents_is_still_indented_right() {
    for depth in [63, 64, 65, 90] {
        let json = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let expected = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(pretty_text(&json), expected, "depth {depth}");
        assert_eq!(
            pretty_markup(&json, usize::MAX).text,
            expected,
            "depth {depth}"
        );
    }
}
