//! JSON text as people type it in the encoder: whether it reads as an object (and where not),
//! its compact form, and edits of one member that keep the others' order and number text.
//! The UI asks these rather than parsing JSON itself.

use serde_json::{Map, Value};

/// Why the text is not a JSON object, with its line and column; `None` when it is one.
pub fn object_error(part: &str, text: &str) -> Option<String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(_)) => None,
        Ok(_) => Some(format!("The {part} must be a JSON object.")),
        Err(err) => Some(format!(
            "The {part} is not valid JSON at line {}, column {}: {err}",
            err.line(),
            err.column()
        )),
    }
}

/// The JSON text without insignificant whitespace, keeping member order and number text; the
/// text as it is when it does not read.
pub fn compact(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .map(|value| value.to_string())
        .unwrap_or_else(|_| text.to_owned())
}

/// A string member of the object the text holds.
pub fn string_member(text: &str, name: &str) -> Option<String> {
    let members: Map<String, Value> = serde_json::from_str(text).ok()?;
    members.get(name)?.as_str().map(str::to_owned)
}

/// The member names of the object the text holds, in order; none when it does not read.
pub fn member_names(text: &str) -> Vec<String> {
    serde_json::from_str::<Map<String, Value>>(text)
        .map(|members| members.keys().cloned().collect())
        .unwrap_or_default()
}

/// The object with `name` set to `value` (in place, or last), pretty-printed; `None` while the
/// text does not read as an object.
pub fn with_member(text: &str, name: &str, value: impl Into<Value>) -> Option<String> {
    let mut members: Map<String, Value> = serde_json::from_str(text).ok()?;
    members.insert(name.to_owned(), value.into());
    serde_json::to_string_pretty(&Value::Object(members)).ok()
}

/// A JSON object's members, in order.
pub type JsonObject = Map<String, Value>;

/// A JSON object's members as compact text.
pub fn object_text(members: &JsonObject) -> String {
    Value::Object(members.clone()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_member_order_and_report_where_text_breaks() {
        let text = "{\n  \"b\": 1.50,\n  \"a\": \"x\"\n}";
        assert_eq!(compact(text), r#"{"b":1.50,"a":"x"}"#);
        assert_eq!(member_names(text), ["b", "a"]);
        assert_eq!(string_member(text, "a").as_deref(), Some("x"));
        assert_eq!(string_member(text, "b"), None);
        let edited = with_member(text, "b", 7).unwrap_or_default();
        assert_eq!(compact(&edited), r#"{"b":7,"a":"x"}"#);
        assert_eq!(object_error("header", text), None);
        let broken = object_error("payload", "{\n  \"a\": }").unwrap_or_default();
        assert!(broken.contains("line 2, column 8"), "{broken}");
        assert_eq!(
            object_error("header", "[]").as_deref(),
            Some("The header must be a JSON object.")
        );
        assert_eq!(with_member("[", "a", 1), None);
    }
}
