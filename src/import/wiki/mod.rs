//! MediaWiki pages (Memory Alpha, Memory Beta, Wookieepedia): a saved `.wiki`/`.mediawiki`
//! file, a `Special:Export` XML file of one or more pages, or pasted wikitext. The body becomes
//! readable text (templates rendered to their words); references, cite templates and Memory
//! Alpha's series templates become the sources of the sentence they follow; Wookieepedia's
//! continuity markers suggest a tier; the page title, address and licence are kept.
//!
//! A renderer of our own rather than `parse_wiki_text` (unmaintained since 2019; its forks
//! are young) or a full MediaWiki: fan-wiki prose needs links, quotes, headings, lists, refs
//! and a few dozen templates, and the bounds (nesting, time) are easier to prove on ~600
//! lines we own.

mod blocks;
mod dump;
mod render;
mod sentences;
mod templates;

pub use dump::{MAX_PAGES, looks_like_export};
pub use render::MAX_TEMPLATE_DEPTH;
pub use templates::Continuity;

use super::{ImportError, Imported};

/// Why wikitext gives no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WikiError {
    TooDeep { depth: usize },
    TooManyPages,
    BadExport { position: u64, why: String },
    NoPages,
}

impl std::fmt::Display for WikiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooDeep { depth } => write!(
                f,
                "its templates are nested {depth} deep, more than any wiki page (the limit is {MAX_TEMPLATE_DEPTH}). Export the page again from the wiki (Special:Export) and import that file."
            ),
            Self::TooManyPages => write!(
                f,
                "it holds more than {MAX_PAGES} pages, which is a whole-wiki dump. Export only the pages you want to read (Special:Export)."
            ),
            Self::BadExport { position, why } => write!(
                f,
                "it is not a readable Special:Export file (XML error at byte {position}: {why}). Export the pages again from the wiki."
            ),
            Self::NoPages => {
                write!(f, "it is a Special:Export file without pages. Export the pages again from the wiki.")
            }
        }
    }
}

/// Whether a file name is saved wikitext.
pub fn is_wikitext_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".wiki") || lower.ends_with(".mediawiki") || lower.ends_with(".wikitext")
}

/// Whether pasted text is wikitext rather than prose: wiki links together with templates,
/// bold markup or headings.
pub fn looks_like_wikitext(text: &str) -> bool {
    let links = text.matches("[[").count();
    links >= 1
        && (text.contains("{{") || text.contains("'''") || text.lines().any(|l| l.trim_start().starts_with("==")))
}

/// The licence fan wikis publish under, from the page's address. Fandom (Memory Alpha, Memory
/// Beta, Wookieepedia) is CC BY-SA 3.0, Wikipedia 4.0; elsewhere, what these wikis use.
pub fn licence_for(url: &str) -> &'static str {
    let host = url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_default().to_ascii_lowercase();
    if host.ends_with("fandom.com") || host.ends_with("wikia.com") || host.ends_with("wikia.org") {
        "CC BY-SA 3.0"
    } else if host.ends_with("wikipedia.org") {
        "CC BY-SA 4.0"
    } else {
        "CC BY-SA"
    }
}

/// Wikitext of the page `title` (may be empty) found at `url` (may be empty).
pub fn import_wikitext(wikitext: &str, title: &str, url: &str) -> Result<Imported, ImportError> {
    let depth = render::template_depth(wikitext);
    if depth > MAX_TEMPLATE_DEPTH {
        return Err(ImportError::Wiki(WikiError::TooDeep { depth }));
    }
    let wikitext = crate::text::normalize_article_text(wikitext);
    let rendered = render::render(&wikitext, title);
    let with_markers = blocks::paragraphs(&rendered.text);
    let (text, segments) = sentences::attach(&with_markers, &rendered.markers);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let sources: usize = segments.iter().map(|s| s.citations.len()).sum();
    let licence = licence_for(url);
    let mut report = vec![format!("{} cited sentences, {sources} sources", segments.len())];
    if let Some(continuity) = rendered.continuity {
        report.push(format!("Continuity: {} (suggests the {} tier)", continuity.label(), continuity.tier()));
    }
    report.push(format!("Licence: {licence} (shown in every export of this text)"));
    let title = if title.trim().is_empty() { first_words(&text) } else { title.trim().to_owned() };
    Ok(Imported {
        title,
        source_url: url.to_owned(),
        site_name: site_name(url),
        text,
        links: rendered.links,
        segments,
        licence: licence.to_owned(),
        suggested_tier: rendered.continuity.map(|c| c.tier().to_owned()).unwrap_or_default(),
        report,
        ..Default::default()
    })
}

/// Every page of a `Special:Export` file, in file order (redirects left out).
pub fn import_export(xml: &str) -> Result<Vec<Imported>, ImportError> {
    let export = dump::parse(xml).map_err(ImportError::Wiki)?;
    let mut pages = Vec::new();
    for page in export.pages.iter().filter(|p| !p.wikitext.trim_start().to_ascii_uppercase().starts_with("#REDIRECT")) {
        let mut imported = match import_wikitext(&page.wikitext, &page.title, &page.url) {
            Ok(imported) => imported,
            Err(ImportError::Empty) => continue,
            Err(e) => return Err(e),
        };
        if !export.site_name.is_empty() {
            imported.site_name.clone_from(&export.site_name);
        }
        pages.push(imported);
    }
    if pages.is_empty() {
        return Err(ImportError::Wiki(WikiError::NoPages));
    }
    Ok(pages)
}

fn site_name(url: &str) -> String {
    let host = url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_default();
    match host {
        "memory-alpha.fandom.com" => "Memory Alpha".into(),
        "memory-beta.fandom.com" => "Memory Beta".into(),
        "starwars.fandom.com" => "Wookieepedia".into(),
        _ => String::new(),
    }
}

fn first_words(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    first.chars().take(80).collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "{{Top|real|leg}}\n'''Ana Vey''' was a [[starship captain]] of the [[Invented Fleet]].<ref>{{cite book|title=The Long Patrol|author=A. Writer|page=12}}</ref> She commanded the {{USS|Meridian|NX-9}} in 2390. ({{TNG|The Invented Episode}})\n\n== Later life ==\nShe retired.";

    #[test]
    fn a_page_becomes_text_with_cited_sentences_and_a_tier() {
        let imported =
            import_wikitext(PAGE, "Ana Vey", "https://memory-alpha.fandom.com/wiki/Ana_Vey").expect("imports");
        assert_eq!(
            imported.text,
            "Ana Vey was a starship captain of the Invented Fleet. She commanded the USS Meridian in 2390.\n\nLater life\n\nShe retired."
        );
        let cited: Vec<(&str, String)> = imported
            .segments
            .iter()
            .map(|s| {
                (
                    &imported.text[s.start..s.end],
                    s.citations.iter().map(|c| c.display()).collect::<Vec<_>>().join(" | "),
                )
            })
            .collect();
        assert_eq!(
            cited,
            [
                ("Ana Vey was a starship captain of the Invented Fleet.", "Novel: The Long Patrol, p. 12".to_owned()),
                (
                    "She commanded the USS Meridian in 2390.",
                    "Episode: Star Trek: The Next Generation, The Invented Episode".to_owned()
                ),
            ]
        );
        assert_eq!(imported.suggested_tier, "comic-canon");
        assert_eq!((imported.licence.as_str(), imported.site_name.as_str()), ("CC BY-SA 3.0", "Memory Alpha"));
    }

    #[test]
    fn ten_thousand_nested_templates_are_refused_quickly() {
        let src = format!("{}x{}", "{{a|".repeat(10_000), "}}".repeat(10_000));
        let started = std::time::Instant::now();
        assert_eq!(import_wikitext(&src, "", ""), Err(ImportError::Wiki(WikiError::TooDeep { depth: 10_000 })));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn detects_pasted_wikitext_but_not_prose() {
        assert!(looks_like_wikitext(PAGE));
        assert!(!looks_like_wikitext("A plain paragraph about [brackets] and {braces}."));
    }
}
