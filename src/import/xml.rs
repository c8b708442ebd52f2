//! Small helpers over `quick-xml` shared by the EPUB and MediaWiki importers.

use quick_xml::events::{BytesRef, BytesStart};

/// An attribute's value by its local name (`epub:type` matches `type`), entities resolved.
pub fn attr(element: &BytesStart<'_>, local_name: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local_name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The text an entity or character reference stands for (`&amp;`, `&#233;`); unknown named
/// entities (HTML ones in XHTML) stay as written.
pub fn reference_text(reference: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return c.to_string();
    }
    let name = reference.decode().unwrap_or_default();
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(text) => text.to_owned(),
        None if name == "nbsp" => " ".to_owned(),
        None => format!("&{name};"),
    }
}
