//! Saved web pages: the main article as Firefox's reader view finds it (`dom_smoothie`, a Rust
//! port of Readability.js), with title, byline, date and site name.

use super::{ImportError, Imported};

/// Pages with more elements than this are cut off rather than parsed forever.
const MAX_ELEMENTS: usize = 100_000;

/// Deeper element nesting than this is refused (browsers' parsers stop nesting at 512 too).
pub const MAX_NESTING: usize = 512;

pub fn import(html: &str, source_url: &str) -> Result<Imported, ImportError> {
    let depth = nesting_depth(html);
    if depth > MAX_NESTING {
        return Err(ImportError::TooDeep { depth });
    }
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let url = Some(source_url).filter(|u| crate::text::is_web_url(u));
    let mut readability =
        dom_smoothie::Readability::new(html, url, Some(config)).map_err(|_| ImportError::NoArticleText)?;
    let article = readability.parse().map_err(|_| ImportError::NoArticleText)?;
    let text = tidy(&article.text_content);
    if text.trim().is_empty() {
        return Err(ImportError::NoArticleText);
    }
    Ok(Imported {
        title: metadata(&article.title),
        author: article.byline.as_deref().map(metadata).unwrap_or_default(),
        published: article.published_time.as_deref().map(metadata).unwrap_or_default(),
        site_name: article.site_name.as_deref().map(metadata).unwrap_or_default(),
        source_url: source_url.to_owned(),
        text,
        ..Default::default()
    })
}

/// A one-line metadata field: trimmed, control characters (terminal escapes, NULs) removed.
fn metadata(value: &str) -> String {
    value.trim().chars().filter(|c| !c.is_control()).collect()
}

/// Elements whose end tag may be left out, or which have none: they do not deepen the tree in
/// a way that can be counted from tags alone, so they are not counted.
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rt", "rp",
    "html", "head", "body",
];

/// How deeply the page nests its elements, estimated from its tags in one pass (a parser is
/// what we are protecting). Comments and the insides of `<script>` and `<style>` are skipped.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        i += offset + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = find(bytes, name_start, b">").unwrap_or(bytes.len());
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        i = (tag_end + 1).min(bytes.len());
        if UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
            if name == "script" || name == "style" {
                let end_tag = format!("</{name}");
                i = find_ascii_case_insensitive(bytes, i, end_tag.as_bytes()).unwrap_or(bytes.len());
            }
        }
    }
    deepest
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn find_ascii_case_insensitive(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| p + from)
}

/// One paragraph per block with a blank line between, no trailing spaces, no runs of blank lines.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line.trim_start());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_nesting_from_tags() {
        assert_eq!(nesting_depth("<div><div><span>x</span></div></div>"), 3);
        // Void and optional-end elements do not deepen; comments and scripts are skipped.
        assert_eq!(nesting_depth("<p>a<p>b<br><img src=x><li>c<!-- <div><div> -->"), 0);
        assert_eq!(nesting_depth("<script>if (a<b) { '<div><div>' }</script><div/>"), 1);
        assert_eq!(nesting_depth("<DIV>"), 1);
        assert_eq!(nesting_depth("a < b and <"), 0);
    }

    #[test]
    fn refuses_pathologically_deep_pages_quickly() {
        let html = format!("<article>{}<p>Deep.</p>{}</article>", "<div>".repeat(50_000), "</div>".repeat(50_000));
        assert!(matches!(import(&html, ""), Err(ImportError::TooDeep { depth: 50_001 })));
    }

    #[test]
    fn strips_control_characters_from_metadata() {
        assert_eq!(metadata(" Lore \u{1b}[31mred\u{7} "), "Lore [31mred");
    }
}
