//! Saved web pages: the main article as Firefox's reader view finds it (`dom_smoothie`, a Rust
//! port of Readability.js), with title, byline, date and site name.

use super::{ImportError, Imported};

/// Pages with more elements than this are cut off rather than parsed forever.
const MAX_ELEMENTS: usize = 100_000;

pub fn import(html: &str, source_url: &str) -> Result<Imported, ImportError> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let url = Some(source_url).filter(|u| crate::export::is_web_url(u));
    let mut readability =
        dom_smoothie::Readability::new(html, url, Some(config)).map_err(|_| ImportError::NoArticleText)?;
    let article = readability.parse().map_err(|_| ImportError::NoArticleText)?;
    let text = tidy(&article.text_content);
    if text.trim().is_empty() {
        return Err(ImportError::NoArticleText);
    }
    Ok(Imported {
        title: article.title.trim().to_owned(),
        author: article.byline.map(|b| b.trim().to_owned()).unwrap_or_default(),
        published: article.published_time.map(|p| p.trim().to_owned()).unwrap_or_default(),
        site_name: article.site_name.map(|s| s.trim().to_owned()).unwrap_or_default(),
        source_url: source_url.to_owned(),
        text,
        links: Vec::new(),
    })
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
