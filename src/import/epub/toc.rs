//! Chapter titles from the table of contents: the EPUB 3 navigation document's `toc` nav, else
//! the EPUB 2 NCX. Each chapter file gets the first title that points into it.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::package::resolve;
use crate::import::xml::{attr, reference_text};

/// (archive path, title) pairs in the table's order.
pub type Titles = Vec<(String, String)>;

/// Links of the `<nav epub:type="toc">` (or of the first nav when none says so).
pub fn from_nav(xhtml: &str, nav_path: &str) -> Titles {
    let mut reader = Reader::from_str(xhtml);
    let (mut all, mut toc): (Titles, Titles) = (Vec::new(), Vec::new());
    let (mut nav_depth, mut in_toc, mut seen_toc) = (0usize, false, false);
    let mut link: Option<(String, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"nav" => {
                    nav_depth += 1;
                    if nav_depth == 1 && !seen_toc {
                        in_toc = attr(&e, b"type").is_some_and(|t| t.split_whitespace().any(|t| t == "toc"));
                        seen_toc |= in_toc;
                    }
                }
                b"a" if nav_depth > 0 => link = attr(&e, b"href").map(|href| (resolve(nav_path, &href), String::new())),
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some((_, title)) = &mut link {
                    title.push_str(&t.decode().unwrap_or_default());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some((_, title)) = &mut link {
                    title.push_str(&reference_text(&r));
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"a" => {
                    if let Some((path, title)) = link.take() {
                        let title = tidy(&title);
                        if !title.is_empty() {
                            all.push((path.clone(), title.clone()));
                            if in_toc {
                                toc.push((path, title));
                            }
                        }
                    }
                }
                b"nav" => {
                    nav_depth = nav_depth.saturating_sub(1);
                    if nav_depth == 0 {
                        in_toc = false;
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    if toc.is_empty() { all } else { toc }
}

/// `navPoint`s of an NCX: `<navLabel><text>` and `<content src>`.
pub fn from_ncx(ncx: &str, ncx_path: &str) -> Titles {
    let mut reader = Reader::from_str(ncx);
    let mut titles = Vec::new();
    let (mut label, mut in_text) = (String::new(), false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() != b"content" => match e.local_name().as_ref() {
                b"navPoint" => label.clear(),
                b"text" => in_text = true,
                _ => {}
            },
            Ok(Event::Empty(e)) | Ok(Event::Start(e)) if e.local_name().as_ref() == b"content" => {
                if let Some(src) = attr(&e, b"src") {
                    let title = tidy(&label);
                    if !title.is_empty() {
                        titles.push((resolve(ncx_path, &src), title));
                    }
                }
                label.clear();
            }
            Ok(Event::Text(t)) if in_text => label.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::GeneralRef(r)) if in_text => label.push_str(&reference_text(&r)),
            Ok(Event::End(e)) if e.local_name().as_ref() == b"text" => in_text = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    titles
}

/// The title of the chapter at `path`: the first entry pointing into it.
pub fn title_of<'t>(titles: &'t Titles, path: &str) -> Option<&'t str> {
    titles.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
}

fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_toc_nav_not_the_landmarks() {
        let nav = r#"<html xmlns:epub="http://www.idpf.org/2007/ops"><body>
          <nav epub:type="landmarks"><ol><li><a href="cover.xhtml">Cover</a></li></ol></nav>
          <nav epub:type="toc"><ol><li><a href="text/one.xhtml">One: The <em>Quiet</em> Start</a>
            <ol><li><a href="text/one.xhtml#part2">One, part two</a></li></ol></li>
            <li><a href="text/two.xhtml">Two &amp; Three</a></li></ol></nav></body></html>"#;
        let titles = from_nav(nav, "OEBPS/nav.xhtml");
        assert_eq!(title_of(&titles, "OEBPS/text/one.xhtml"), Some("One: The Quiet Start"));
        assert_eq!(title_of(&titles, "OEBPS/text/two.xhtml"), Some("Two & Three"));
        assert_eq!(title_of(&titles, "OEBPS/cover.xhtml"), None);
    }

    #[test]
    fn reads_ncx_nav_points() {
        let ncx = r#"<ncx><navMap><navPoint id="a"><navLabel><text>Prologue</text></navLabel><content src="pro.xhtml"/>
          <navPoint id="b"><navLabel><text>Inner</text></navLabel><content src="pro.xhtml#x"/></navPoint></navPoint>
          <navPoint id="c"><navLabel><text>Chapter 1</text></navLabel><content src="c1.xhtml"/></navPoint></navMap></ncx>"#;
        let titles = from_ncx(ncx, "toc.ncx");
        assert_eq!(title_of(&titles, "pro.xhtml"), Some("Prologue"));
        assert_eq!(title_of(&titles, "c1.xhtml"), Some("Chapter 1"));
    }
}
