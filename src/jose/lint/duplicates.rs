//! Finds JSON object members named twice, on the raw text: parsers disagree on which one wins
//! (the first, the last, or an error), so a token can mean different things to different
//! verifiers. serde_json reads the text; a visitor remembers each object's names.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The names that appear more than once in some object of the JSON text, in the order found.
/// Text that is not JSON, or nested past serde_json's limit, yields none (the decoder reports it).
pub fn duplicate_members(json: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let seed = Walk { found: &mut found };
    match seed.deserialize(&mut deserializer) {
        Ok(()) => found,
        Err(_) => Vec::new(),
    }
}

struct Walk<'a> {
    found: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            if !seen.insert(name.clone()) && !self.found.contains(&name) {
                self.found.push(name);
            }
            map.next_value_seed(Walk { found: self.found })?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Walk { found: self.found })?.is_some() {}
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_member_is_found_at_any_depth_and_a_clean_object_has_none() {
        assert_eq!(
            duplicate_members(r#"{"alg":"HS256","alg":"none"}"#),
            ["alg"]
        );
        assert_eq!(
            duplicate_members(r#"{"a":{"b":1,"b":2},"c":[{"d":1,"d":1}]}"#),
            ["b", "d"]
        );
        assert!(duplicate_members(r#"{"a":{"a":1},"b":[{"a":2}]}"#).is_empty());
        assert!(duplicate_members("not json").is_empty());
    }
}
