//! The book's package: `META-INF/container.xml` points at the OPF document, whose metadata,
//! manifest and spine say what the book is and in which order its chapters are read.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::EpubError;
use super::archive::Archive;
use crate::import::xml::{attr, reference_text};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Package {
    pub title: String,
    pub authors: Vec<String>,
    pub date: String,
    /// Spine order: archive paths of the chapters' XHTML documents.
    pub spine: Vec<String>,
    /// The EPUB 3 navigation document's path, if any.
    pub nav: Option<String>,
    /// The EPUB 2 NCX's path, if any.
    pub ncx: Option<String>,
}

struct Item {
    id: String,
    path: String,
    media_type: String,
    properties: String,
}

pub fn read(archive: &mut Archive<'_>) -> Result<Package, EpubError> {
    let container = archive.read_text("META-INF/container.xml")?;
    let opf_path = rootfile(&container)?;
    let opf = archive.read_text(&opf_path)?;
    parse_opf(&opf, &opf_path)
}

fn rootfile(container: &str) -> Result<String, EpubError> {
    let mut reader = Reader::from_str(container);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"rootfile" => {
                if let Some(path) = attr(&e, b"full-path").filter(|p| !p.trim().is_empty()) {
                    return Ok(path);
                }
            }
            Ok(Event::Eof) => return Err(EpubError::Missing { name: "the package document (OPF)".into() }),
            Err(e) => return Err(bad_xml("META-INF/container.xml", &e)),
            _ => {}
        }
    }
}

fn bad_xml(name: &str, e: &quick_xml::Error) -> EpubError {
    EpubError::Broken { name: name.to_owned(), why: e.to_string() }
}

fn parse_opf(opf: &str, opf_path: &str) -> Result<Package, EpubError> {
    let mut reader = Reader::from_str(opf);
    let mut package = Package::default();
    let mut items: Vec<Item> = Vec::new();
    let mut spine_ids: Vec<String> = Vec::new();
    let mut toc_id = None;
    // The Dublin Core element whose text is being read.
    let mut reading: Option<&'static str> = None;
    let mut text = String::new();
    loop {
        let event = reader.read_event().map_err(|e| bad_xml(opf_path, &e))?;
        match event {
            Event::Start(e) => {
                reading = match e.local_name().as_ref() {
                    b"title" if package.title.is_empty() => Some("title"),
                    b"creator" => Some("creator"),
                    b"date" if package.date.is_empty() => Some("date"),
                    _ => None,
                };
                text.clear();
                item_or_itemref(&e, &mut items, &mut spine_ids, &mut toc_id, opf_path);
            }
            Event::Empty(e) => item_or_itemref(&e, &mut items, &mut spine_ids, &mut toc_id, opf_path),
            Event::Text(t) if reading.is_some() => text.push_str(&t.decode().unwrap_or_default()),
            Event::CData(t) if reading.is_some() => text.push_str(&t.decode().unwrap_or_default()),
            Event::GeneralRef(r) if reading.is_some() => text.push_str(&reference_text(&r)),
            Event::End(_) => {
                let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
                match reading.take() {
                    Some("title") => package.title = value,
                    Some("creator") if !value.is_empty() => package.authors.push(value),
                    Some("date") => package.date = value,
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let by_id = |id: &str| items.iter().find(|i| i.id == id);
    package.spine = spine_ids
        .iter()
        .filter_map(|id| by_id(id))
        .filter(|i| i.media_type.contains("html") || i.path.ends_with(".xhtml") || i.path.ends_with(".html"))
        .map(|i| i.path.clone())
        .collect();
    package.nav = items.iter().find(|i| i.properties.split_whitespace().any(|p| p == "nav")).map(|i| i.path.clone());
    package.ncx = toc_id
        .as_deref()
        .and_then(by_id)
        .or_else(|| items.iter().find(|i| i.media_type == "application/x-dtbncx+xml"))
        .map(|i| i.path.clone());
    Ok(package)
}

fn item_or_itemref(
    e: &quick_xml::events::BytesStart<'_>,
    items: &mut Vec<Item>,
    spine_ids: &mut Vec<String>,
    toc_id: &mut Option<String>,
    opf_path: &str,
) {
    match e.local_name().as_ref() {
        b"item" => {
            if let (Some(id), Some(href)) = (attr(e, b"id"), attr(e, b"href")) {
                items.push(Item {
                    id,
                    path: resolve(opf_path, &href),
                    media_type: attr(e, b"media-type").unwrap_or_default(),
                    properties: attr(e, b"properties").unwrap_or_default(),
                });
            }
        }
        // Items marked non-linear (pop-up notes, answer keys) are not part of the reading order.
        b"itemref" if attr(e, b"linear").as_deref() != Some("no") => {
            if let Some(id) = attr(e, b"idref") {
                spine_ids.push(id);
            }
        }
        b"spine" => *toc_id = attr(e, b"toc"),
        _ => {}
    }
}

/// `href` (relative to the document at `base`, percent-encoded, maybe with a `#fragment`) as
/// an archive path without the fragment.
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let href = percent_decode(href);
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        base.rsplit_once('/').map_or_else(Vec::new, |(dir, _)| dir.split('/').collect())
    };
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_percent_encoded_hrefs() {
        assert_eq!(resolve("OEBPS/content.opf", "text/ch%201.xhtml#start"), "OEBPS/text/ch 1.xhtml");
        assert_eq!(resolve("OEBPS/text/nav.xhtml", "../text/ch2.xhtml"), "OEBPS/text/ch2.xhtml");
        assert_eq!(resolve("content.opf", "ch3.xhtml"), "ch3.xhtml");
        assert_eq!(resolve("a/b.opf", "../../../x.xhtml"), "x.xhtml");
    }

    #[test]
    fn reads_metadata_manifest_and_linear_spine() {
        let opf = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <metadata><dc:title>The Long &amp; Quiet Patrol</dc:title><dc:creator>A. Writer</dc:creator><dc:creator>B. Writer</dc:creator><dc:date>2031-04-01</dc:date></metadata>
          <manifest><item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>
            <item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="two.xhtml" media-type="application/xhtml+xml"/>
            <item id="notes" href="notes.xhtml" media-type="application/xhtml+xml"/><item id="img" href="c.jpg" media-type="image/jpeg"/></manifest>
          <spine toc="ncx"><itemref idref="c2"/><itemref idref="img"/><itemref idref="c1"/><itemref idref="notes" linear="no"/><itemref idref="missing"/></spine></package>"#;
        let package = parse_opf(opf, "OEBPS/content.opf").expect("parses");
        assert_eq!(package.title, "The Long & Quiet Patrol");
        assert_eq!(package.authors, ["A. Writer", "B. Writer"]);
        assert_eq!(package.date, "2031-04-01");
        assert_eq!(package.spine, ["OEBPS/two.xhtml", "OEBPS/one.xhtml"]);
        assert_eq!(package.nav.as_deref(), Some("OEBPS/nav.xhtml"));
        assert_eq!(package.ncx, None);
    }
}
