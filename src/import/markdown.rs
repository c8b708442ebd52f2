//! Markdown files: rendered to clean text (headings, paragraphs, list items and quotes each a
//! paragraph), with link targets kept as the article's links instead of noise in the text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::Imported;
use crate::model::ArticleLink;

pub fn import(markdown: &str) -> Imported {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut title = String::new();
    let mut in_title = false;
    let mut links = Vec::new();
    let mut link: Option<(String, usize)> = None; // (url, text start in `current`)
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.trim();
        if !p.is_empty() {
            paragraphs.push(p.to_owned());
        }
        current.clear();
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut paragraphs);
                in_title = title.is_empty() && level == pulldown_cmark::HeadingLevel::H1;
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::CodeBlock(_) | Tag::BlockQuote(_)) => {
                flush(&mut current, &mut paragraphs);
            }
            Event::End(TagEnd::Heading(_)) => {
                if in_title {
                    title = current.trim().to_owned();
                    in_title = false;
                }
                flush(&mut current, &mut paragraphs);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut paragraphs);
            }
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), current.len())),
            Event::End(TagEnd::Link) => {
                // Only web links are kept: `javascript:`, `file:` and targetless links (`[text]()`)
                // are nothing a reader should be offered to follow.
                if let Some((url, start)) = link.take().filter(|(url, _)| crate::text::is_web_url(url)) {
                    let text = current.get(start..).unwrap_or_default().trim().to_owned();
                    links.push(ArticleLink { text, url, extra: Default::default() });
                }
            }
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push('\n'),
            Event::Html(html) | Event::InlineHtml(html) => {
                // Raw HTML is markup, not article text; keep what it says, not its tags.
                let stripped: String = strip_tags(&html);
                current.push_str(&stripped);
            }
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    Imported { title, text: paragraphs.join("\n\n"), links, ..Default::default() }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_web_links() {
        let imported = import(
            "See [this]() and [that](https://example.org), [x](javascript:alert(1)) and [y](file:///etc/passwd).",
        );
        assert_eq!(imported.links.len(), 1);
        assert_eq!(imported.links[0].url, "https://example.org");
    }

    #[test]
    fn renders_blocks_as_paragraphs_and_keeps_links_apart() {
        let md = "# Lower Decks news\n\nThe *Cerritos* returns, says [the trailer](https://example.org/t).\n\n\
                  - Mariner is back\n- Boimler too\n\n> Quoted line\n\n## Next\n\nMore `text`.";
        let imported = import(md);
        assert_eq!(imported.title, "Lower Decks news");
        assert_eq!(
            imported.text,
            "Lower Decks news\n\nThe Cerritos returns, says the trailer.\n\nMariner is back\n\nBoimler too\n\nQuoted line\n\nNext\n\nMore text."
        );
        assert_eq!(imported.links.len(), 1);
        assert_eq!(
            (imported.links[0].text.as_str(), imported.links[0].url.as_str()),
            ("the trailer", "https://example.org/t")
        );
    }
}
