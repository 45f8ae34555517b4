//! Distinguished names as RFC 4514 strings, written as x509-cert writes them, from a short
//! table of the attribute types certificates carry. x509-cert's own `Display` looks each type
//! up in const-oid's database of every registered OID, which would put all of its names into
//! the page's WebAssembly; a type missing here is written as its dotted OID with the value's
//! DER in hex, as RFC 4514 §2.4 allows.

use der::asn1::Utf8StringRef;
use der::asn1::{Ia5StringRef, ObjectIdentifier, PrintableStringRef, TeletexStringRef};
use der::{Encode, Tag, Tagged};
use std::fmt::Write;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::Name;

/// Attribute types and the name x509-cert gives each (the database's shortest, in capitals).
const ATTRIBUTE_TYPES: [(ObjectIdentifier, &str); 22] = [
    (oid("2.5.4.3"), "CN"),
    (oid("2.5.4.4"), "SN"),
    (oid("2.5.4.5"), "SERIALNUMBER"),
    (oid("2.5.4.6"), "C"),
    (oid("2.5.4.7"), "L"),
    (oid("2.5.4.8"), "ST"),
    (oid("2.5.4.9"), "STREET"),
    (oid("2.5.4.10"), "O"),
    (oid("2.5.4.11"), "OU"),
    (oid("2.5.4.12"), "TITLE"),
    (oid("2.5.4.13"), "DESCRIPTION"),
    (oid("2.5.4.15"), "BUSINESSCATEGORY"),
    (oid("2.5.4.17"), "POSTALCODE"),
    (oid("2.5.4.41"), "NAME"),
    (oid("2.5.4.42"), "GN"),
    (oid("2.5.4.43"), "INITIALS"),
    (oid("2.5.4.44"), "GENERATIONQUALIFIER"),
    (oid("2.5.4.46"), "DNQUALIFIER"),
    (oid("2.5.4.65"), "PSEUDONYM"),
    (oid("0.9.2342.19200300.100.1.1"), "UID"),
    (oid("0.9.2342.19200300.100.1.25"), "DC"),
    (oid("1.2.840.113549.1.9.1"), "EMAIL"),
];

const fn oid(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(dotted)
}

/// The name as RFC 4514 writes it: the last RDN first, RDNs joined by `,`, the attributes of
/// one RDN by `+`.
pub fn rfc4514(name: &Name) -> String {
    let mut text = String::new();
    let rdns: Vec<_> = name.iter_rdn().collect();
    for (index, rdn) in rdns.into_iter().rev().enumerate() {
        if index > 0 {
            text.push(',');
        }
        for (position, attribute) in rdn.iter().enumerate() {
            if position > 0 {
                text.push('+');
            }
            write_attribute(&mut text, attribute);
        }
    }
    text
}

fn write_attribute(text: &mut String, attribute: &AttributeTypeAndValue) {
    let short_name = ATTRIBUTE_TYPES
        .iter()
        .find(|(known, _)| *known == attribute.oid)
        .map(|(_, name)| *name);
    match (short_name, string_value(attribute)) {
        (Some(short_name), Some(value)) => {
            text.push_str(short_name);
            text.push('=');
            escape_into(text, &value);
        }
        _ => {
            let _ = write!(text, "{}=#", attribute.oid);
            for byte in attribute.value.to_der().unwrap_or_default() {
                let _ = write!(text, "{byte:02x}");
            }
        }
    }
}

/// The value when it is one of the string types x509-cert writes as text.
fn string_value(attribute: &AttributeTypeAndValue) -> Option<String> {
    let value = &attribute.value;
    let text = match value.tag() {
        Tag::PrintableString => PrintableStringRef::try_from(value)
            .ok()?
            .as_str()
            .to_owned(),
        Tag::Utf8String => Utf8StringRef::try_from(value).ok()?.as_str().to_owned(),
        Tag::Ia5String => Ia5StringRef::try_from(value).ok()?.as_str().to_owned(),
        Tag::TeletexString => TeletexStringRef::try_from(value).ok()?.as_str().to_owned(),
        _ => return None,
    };
    Some(text)
}

/// RFC 4514 §2.4's escapes, as x509-cert applies them.
fn escape_into(text: &mut String, value: &str) {
    let mut chars = value.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        match c {
            '#' if index == 0 => text.push_str("\\#"),
            ' ' if index == 0 || chars.peek().is_none() => text.push_str("\\ "),
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                text.push('\\');
                text.push(c);
            }
            '\x00'..='\x1f' | '\x7f' => {
                let _ = write!(text, "\\{:02x}", c as u8);
            }
            // Beyond x509-cert: C1 controls and bidirectional overrides, which could make a
            // certificate's name read as another on screen, as RFC 4514 §2.4 hex pairs.
            '\u{80}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => {
                for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                    let _ = write!(text, "\\{byte:02x}");
                }
            }
            _ => text.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// Every type in the table, with the values RFC 4514 escapes, is written as x509-cert's
    /// `Display` (which reads const-oid's database) writes it.
    #[test]
    fn writes_names_as_x509_cert_does() {
        let values = [
            "Example CA",
            "#lead",
            " both ",
            "a,b+c;d<e>f\"g\\h",
            "tab\there",
        ];
        for (oid, _) in ATTRIBUTE_TYPES {
            for value in values {
                let der_value = der::asn1::Utf8StringRef::new(value).unwrap();
                let attribute = AttributeTypeAndValue {
                    oid,
                    value: der::Any::encode_from(&der_value).unwrap(),
                };
                let mut ours = String::new();
                write_attribute(&mut ours, &attribute);
                assert_eq!(ours, attribute.to_string(), "{oid}");
            }
        }
        let name = Name::from_str("CN=leaf+UID=7,OU=Unit,O=Org\\, Inc,C=GB").unwrap();
        assert_eq!(rfc4514(&name), name.to_string());
        // Not in the table: the dotted OID and the value's DER, as x509-cert writes an OID its
        // database lacks (for one it has, such as id-at-role 2.5.4.72, it writes the name).
        // A right-to-left override or a C1 control cannot make the name read as another.
        let spoof = Name::from_str("CN=evil\u{202e}moc.elgoog\u{85}").unwrap();
        assert_eq!(rfc4514(&spoof), "CN=evil\\e2\\80\\aemoc.elgoog\\c2\\85");
        let unknown = Name::from_str("2.5.4.97=#0c0141").unwrap();
        assert_eq!(rfc4514(&unknown), "2.5.4.97=#0c0141");
        assert_eq!(rfc4514(&unknown), unknown.to_string());
    }
}
