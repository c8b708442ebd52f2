//! `Special:Export` XML: the site's base address and, per page, its title and the wikitext of
//! its latest revision.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::WikiError;
use crate::import::xml::reference_text;

/// More pages than this in one export is a dump, not pages to read (each becomes an article).
pub const MAX_PAGES: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    pub title: String,
    pub wikitext: String,
    /// The page's address, from the site's base (`https://.../wiki/Main_Page`).
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Export {
    pub site_name: String,
    pub pages: Vec<Page>,
}

/// Whether bytes look like a `Special:Export` file.
pub fn looks_like_export(head: &str) -> bool {
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<mediawiki") || (head.starts_with("<?xml") && head.contains("<mediawiki"))
}

pub fn parse(xml: &str) -> Result<Export, WikiError> {
    let mut reader = Reader::from_str(xml);
    let mut export = Export::default();
    let mut base = String::new();
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut text = String::new();
    let mut page = Page::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| WikiError::BadExport { position: reader.buffer_position(), why: e.to_string() })?;
        match event {
            Event::Start(e) => {
                path.push(e.local_name().as_ref().to_vec());
                text.clear();
                if e.local_name().as_ref() == b"page" {
                    page = Page::default();
                }
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap_or_default()),
            Event::CData(t) => text.push_str(&t.decode().unwrap_or_default()),
            Event::GeneralRef(r) => text.push_str(&reference_text(&r)),
            Event::End(e) => {
                let parent = path.len().checked_sub(2).and_then(|i| path.get(i)).map(Vec::as_slice);
                match (parent, e.local_name().as_ref()) {
                    (Some(b"siteinfo"), b"sitename") => export.site_name = text.trim().to_owned(),
                    (Some(b"siteinfo"), b"base") => base = text.trim().to_owned(),
                    (Some(b"page"), b"title") => page.title = text.trim().to_owned(),
                    // Revisions come oldest first; the last one is the page as it stands.
                    (Some(b"revision"), b"text") => page.wikitext = std::mem::take(&mut text),
                    (_, b"page") => {
                        if export.pages.len() == MAX_PAGES {
                            return Err(WikiError::TooManyPages);
                        }
                        let mut done = std::mem::take(&mut page);
                        done.url = page_url(&base, &done.title);
                        export.pages.push(done);
                    }
                    _ => {}
                }
                path.pop();
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(export)
}

/// `https://memory-alpha.fandom.com/wiki/Main_Page` and "Jean-Luc Picard" give
/// `https://memory-alpha.fandom.com/wiki/Jean-Luc_Picard`.
fn page_url(base: &str, title: &str) -> String {
    let Some(at) = base.find("/wiki/") else { return String::new() };
    if !crate::text::is_web_url(base) || title.is_empty() {
        return String::new();
    }
    format!("{}{}", &base[..at + "/wiki/".len()], title.replace(' ', "_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pages_and_their_latest_revision() {
        let xml = r#"<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/"><siteinfo><sitename>Invented Wiki</sitename>
          <base>https://invented.fandom.com/wiki/Main_Page</base></siteinfo>
          <page><title>Ana Vey</title><ns>0</ns><revision><text>old</text></revision>
            <revision><text xml:space="preserve">'''Ana''' &lt;ref&gt;x&lt;/ref&gt; &amp; co</text></revision></page>
          <page><title>Second page</title><revision><text>Two</text></revision></page></mediawiki>"#;
        let export = parse(xml).expect("parses");
        assert_eq!(export.site_name, "Invented Wiki");
        assert_eq!(export.pages.len(), 2);
        assert_eq!(export.pages[0].wikitext, "'''Ana''' <ref>x</ref> & co");
        assert_eq!(export.pages[0].url, "https://invented.fandom.com/wiki/Ana_Vey");
        assert!(looks_like_export("\u{feff}<?xml version=\"1.0\"?>\n<mediawiki"));
    }

    #[test]
    fn broken_xml_says_where() {
        let err = parse("<mediawiki><page><title>x</page>").expect_err("broken");
        assert!(matches!(err, WikiError::BadExport { .. }), "{err:?}");
    }
}
