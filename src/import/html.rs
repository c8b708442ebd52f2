//! Saved web pages: the main article as Firefox's reader view finds it (`dom_smoothie`, a Rust
//! port of Readability.js), with title, byline, date and site name.

use super::control::{Control, Stage};
use super::shape::{self, Budget};
pub use super::shape::{MAX_ELEMENTS, MAX_NESTING};
use super::{ImportError, Imported};

/// Extracts the article of `html`, within the default budget.
pub fn import(html: &str, source_url: &str) -> Result<Imported, ImportError> {
    import_with(html, source_url, &Control::default())
}

/// [`import`] under `control`: the page's tree is measured by an HTML5 parser first (depth and
/// element count, checked chunk by chunk, cancellable), and only a page within the budget goes
/// on to the extraction, whose cost grows with depth times size.
pub fn import_with(html: &str, source_url: &str, control: &Control<'_>) -> Result<Imported, ImportError> {
    shape::measure(html, Budget::default(), control)?;
    control.check(Stage::Extracting, 0.0)?;
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let url = Some(source_url).filter(|u| crate::text::is_web_url(u));
    let mut readability =
        dom_smoothie::Readability::new(html, url, Some(config)).map_err(|_| ImportError::NoArticleText)?;
    let article = readability.parse().map_err(|_| ImportError::NoArticleText)?;
    control.check(Stage::Done, 1.0)?;
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
    fn measures_nesting_as_the_html5_parser_builds_it() {
        let depth = |html: &str| shape::measure(html, Budget::default(), &Control::default()).map(|s| s.depth);
        // html > body > div > div > span
        assert_eq!(depth("<div><div><span>x</span></div></div>"), Ok(5));
        // `<p>` and `<li>` close an open `<p>`; void elements and comments hold nothing:
        // the deepest is html > body > p > img.
        assert_eq!(depth("<p>a<p>b<br><img src=x><li>c<!-- <div><div> -->"), Ok(4));
        // A self-closing `/` means nothing on a `<div>`, and a stray end tag closes nothing.
        assert_eq!(depth(&"<div/>".repeat(10)), Ok(12));
        assert_eq!(depth(&"<div></b>".repeat(10)), Ok(12));
        assert_eq!(depth("<script>if (a<b) { '<div><div>' }</script>"), Ok(3));
        // Comments count against the element budget (each is a node to keep).
        let comments = "<!---->".repeat(MAX_ELEMENTS + 1);
        let refused = shape::measure(&comments, Budget::default(), &Control::default());
        assert!(matches!(refused, Err(ImportError::TooManyElements { .. })), "{refused:?}");
    }

    #[test]
    fn refuses_pathologically_deep_pages_quickly() {
        let html = format!("<article>{}<p>Deep.</p>{}</article>", "<div>".repeat(50_000), "</div>".repeat(50_000));
        let refused = import(&html, "");
        assert!(matches!(refused, Err(ImportError::TooDeep { depth }) if depth > MAX_NESTING), "{refused:?}");
    }

    #[test]
    fn strips_control_characters_from_metadata() {
        assert_eq!(metadata(" Lore \u{1b}[31mred\u{7} "), "Lore [31mred");
    }
}
