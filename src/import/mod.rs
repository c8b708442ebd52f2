//! Getting articles in: plain text, Markdown, saved web pages (reader-view extraction), the
//! clipboard, URLs, and the primary sources fans quote: episode subtitles (SRT, WebVTT), EPUB
//! novels and MediaWiki pages, whose pieces keep their citation. Every path ends in an [`Imported`] the user previews (and can correct)
//! before it becomes an [`Article`]. Bad input gives an [`ImportError`] that says what and what
//! to do, and changes nothing.

pub mod control;
pub mod encoding;
pub mod epub;
pub mod fetch;
pub mod html;
pub mod job;
pub mod markdown;
pub mod shape;

pub use control::{Control, Stage};
pub use job::{ImportJob, ImportSource};
pub mod segments;
pub mod subtitles;
pub mod wiki;
mod xml;

pub use segments::ImportedSegment;
pub use subtitles::Episode;

use crate::model::{Article, ArticleLink, Citation};

/// Files larger than this are refused (a long novel is a few MB of text).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// An article extracted from some input, before the user accepts it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    pub title: String,
    pub author: String,
    pub published: String,
    pub site_name: String,
    pub source_url: String,
    /// Normalised by [`Article::new`] when accepted.
    pub text: String,
    pub links: Vec<ArticleLink>,
    /// An episode's series, season and number, guessed from the file name; editable in the
    /// preview. Becomes the article's primary source (kind episode).
    pub episode: Option<Episode>,
    /// The work otherwise (a novel: its title and author); `episode` wins when both are set.
    pub primary_source: Option<Citation>,
    /// Pieces of `text` (byte ranges, in order) and where each comes from.
    pub segments: Vec<ImportedSegment>,
    pub licence: String,
    /// A tier id the source suggests ("canon" for an episode).
    pub suggested_tier: String,
    /// What the importer found and what it skipped, one line each, for the preview
    /// ("Found 412 cues; skipped 2 with broken timestamps").
    pub report: Vec<String>,
}

impl Imported {
    /// The first `n` paragraphs, for the preview.
    pub fn first_paragraphs(&self, n: usize) -> Vec<&str> {
        self.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).take(n).collect()
    }

    /// The citation a claim gets from this source's work, as the preview's fields now say.
    pub fn work_citation(&self) -> Option<Citation> {
        self.episode.as_ref().map(Episode::citation).or_else(|| self.primary_source.clone())
    }

    pub fn into_article(self) -> Article {
        let mut article = Article::new(&self.title, &self.text);
        article.primary_source = self.work_citation();
        article.source_segments = segments::to_article_segments(&self.text, &article.text, &self.segments);
        article.licence = self.licence;
        article.suggested_tier = self.suggested_tier;
        article.author = self.author;
        article.published = self.published;
        article.source_url = self.source_url;
        article.links = self.links;
        if article.title.is_empty() {
            article.title = "Untitled article".into();
        }
        article
    }
}

/// Why an input cannot become an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
    },
    Binary,
    Empty,
    NoArticleText,
    NotUtf8 {
        offset: usize,
    },
    /// Elements nested deeper than any real article; reader-view extraction is quadratic in
    /// the depth, so such a page would stall the import.
    TooDeep {
        depth: usize,
    },
    /// More elements than any article has; the extraction's cost grows with them.
    TooManyElements {
        elements: usize,
    },
    /// The import ran past its time budget ([`control::MAX_IMPORT_TIME`]).
    TooSlow {
        seconds: u64,
    },
    /// The user cancelled it.
    Cancelled,
    Network(String),
    Io(String),
    Subtitles(subtitles::SubtitleError),
    Epub(epub::EpubError),
    Wiki(wiki::WikiError),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge { bytes } => write!(
                f,
                "it is {} MB; articles up to {} MB can be imported. Split it into parts first.",
                bytes / 1_000_000,
                MAX_IMPORT_BYTES / 1_000_000
            ),
            Self::Binary => write!(
                f,
                "it is not text (it looks like an image, archive or program). Import a .txt, .md or .html file."
            ),
            Self::Empty => write!(f, "it is empty: there is no text to import."),
            Self::NoArticleText => write!(
                f,
                "no article text was found on the page. Select the article's text in your browser, copy it, and use New Article from Clipboard."
            ),
            Self::NotUtf8 { offset } => write!(
                f,
                "it is not UTF-8 text (invalid byte at offset {offset}). Save it as UTF-8 in your editor and import it again."
            ),
            Self::TooDeep { depth } => write!(
                f,
                "its elements are nested {depth} levels deep, more than any article (the limit is {}). Select the article's text in your browser, copy it, and use New Article from Clipboard.",
                html::MAX_NESTING
            ),
            Self::TooManyElements { elements } => write!(
                f,
                "it has more than {elements} elements, more than any article (the limit is {}). Select the article's text in your browser, copy it, and use New Article from Clipboard.",
                html::MAX_ELEMENTS
            ),
            Self::TooSlow { seconds } => write!(
                f,
                "reading the page took more than {seconds} seconds, so it was stopped. Select the article's text in your browser, copy it, and use New Article from Clipboard."
            ),
            Self::Cancelled => write!(f, "the import was cancelled; nothing was changed."),
            Self::Network(e) => write!(f, "{e}"),
            Self::Io(e) => write!(f, "{e}"),
            Self::Subtitles(e) => write!(f, "{e}"),
            Self::Epub(e) => write!(f, "{e}"),
            Self::Wiki(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// What kind of input bytes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
    /// SRT or WebVTT.
    Subtitles,
    Epub,
    /// MediaWiki wikitext.
    Wikitext,
    /// A MediaWiki `Special:Export` XML file.
    WikiExport,
}

impl Kind {
    /// From a file name, else by looking at the bytes.
    pub fn detect(name: &str, bytes: &[u8]) -> Kind {
        let lower = name.to_ascii_lowercase();
        if subtitles::is_subtitle_file(&lower) {
            return Kind::Subtitles;
        }
        if epub::is_epub_file(&lower) {
            return Kind::Epub;
        }
        if wiki::is_wikitext_file(&lower) {
            return Kind::Wikitext;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).into_owned();
        if wiki::looks_like_export(&head) {
            return Kind::WikiExport;
        }
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            return Kind::Markdown;
        }
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            return Kind::Html;
        }
        if lower.ends_with(".txt") || lower.ends_with(".text") {
            return Kind::Text;
        }
        if looks_like_html(bytes) { Kind::Html } else { Kind::Text }
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// How the primary-source importers read their input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    pub subtitles: subtitles::SubtitleOptions,
    pub epub: epub::Limits,
}

/// Refuses input that is too large, binary or empty.
fn check_bytes(bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    // UTF-16 text has NULs but a byte-order mark; anything else with NULs is binary.
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(ImportError::Binary);
    }
    Ok(())
}

/// Imports bytes of a known kind. `source_url` is where they came from, if known.
pub fn import_bytes(kind: Kind, bytes: &[u8], source_url: &str) -> Result<Imported, ImportError> {
    import_bytes_with(kind, bytes, source_url, &Control::default())
}

/// [`import_bytes`] under `control` (cancel flag, time budget, progress).
pub fn import_bytes_with(
    kind: Kind,
    bytes: &[u8],
    source_url: &str,
    control: &Control<'_>,
) -> Result<Imported, ImportError> {
    let mut all = import_named_with(kind, bytes, "", source_url, &ImportOptions::default(), control)?;
    Ok(all.swap_remove(0))
}

/// Imports bytes of a known kind from a file called `file_name` (subtitles guess the episode
/// from it): one article, or one per page of a wiki export. Never an empty list.
pub fn import_named(
    kind: Kind,
    bytes: &[u8],
    file_name: &str,
    source_url: &str,
    options: &ImportOptions,
) -> Result<Vec<Imported>, ImportError> {
    import_named_with(kind, bytes, file_name, source_url, options, &Control::default())
}

/// [`import_named`] under `control` (cancel flag, time budget, progress).
pub fn import_named_with(
    kind: Kind,
    bytes: &[u8],
    file_name: &str,
    source_url: &str,
    options: &ImportOptions,
    control: &Control<'_>,
) -> Result<Vec<Imported>, ImportError> {
    control.check(Stage::Decoding, 0.0)?;
    if kind == Kind::Epub {
        // A zip archive is binary by nature; its own reader bounds it.
        if bytes.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge { bytes: bytes.len() });
        }
    } else {
        check_bytes(bytes)?;
    }
    let mut all = match kind {
        Kind::Html => vec![html::import_with(&encoding::decode_html(bytes, None), source_url, control)?],
        Kind::Markdown => vec![markdown::import(&encoding::decode_text(bytes)?)],
        Kind::Text => vec![plain_text(&encoding::decode_text(bytes)?)],
        Kind::Subtitles => vec![subtitles::import(&decode_lenient(bytes), file_name, &options.subtitles)?],
        Kind::Epub => vec![epub::import(bytes, options.epub)?],
        Kind::Wikitext => {
            // A saved page is named after it (`Ana_Vey.wiki`), as its address is.
            let stem = std::path::Path::new(file_name).file_stem().map(|s| s.to_string_lossy().replace('_', " "));
            vec![wiki::import_wikitext(
                &encoding::decode_text(bytes)?,
                stem.as_deref().unwrap_or_default(),
                source_url,
            )?]
        }
        Kind::WikiExport => wiki::import_export(&encoding::decode_text(bytes)?)?,
    };
    for imported in &mut all {
        if imported.source_url.is_empty() {
            imported.source_url = source_url.to_owned();
        }
        if imported.text.trim().is_empty() {
            return Err(if kind == Kind::Html { ImportError::NoArticleText } else { ImportError::Empty });
        }
    }
    Ok(all)
}

/// Subtitle files are often Windows-1252 or Latin-1 rather than UTF-8: decode them as web pages
/// are (BOM, then UTF-8, then a statistical guess) instead of refusing them.
fn decode_lenient(bytes: &[u8]) -> String {
    encoding::decode_html(bytes, None)
}

/// Imports a file, naming it in errors. A wiki export of several pages gives its first page,
/// with a report line saying so; [`import_file_all`] gives them all.
pub fn import_file(path: &std::path::Path) -> Result<Imported, String> {
    let mut all = import_file_all(path, &ImportOptions::default())?;
    let others = all.len() - 1;
    let mut first = all.swap_remove(0);
    if others > 0 {
        first
            .report
            .push(format!("The file holds {others} more pages; import it with canonry add-article to get them all"));
    }
    Ok(first)
}

/// A file that could not be imported, with its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileImportError {
    pub path: std::path::PathBuf,
    pub error: ImportError,
}

impl std::fmt::Display for FileImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.error {
            ImportError::Io(e) => write!(f, "Cannot read {}: {e}", self.path.display()),
            error => write!(f, "Cannot import {}: {error}", self.path.display()),
        }
    }
}

impl std::error::Error for FileImportError {}

/// [`import_file`] under `control` (cancel flag, time budget, progress), with a typed error: the
/// file's first article (a wiki export's first page).
pub fn import_file_with(path: &std::path::Path, control: &Control<'_>) -> Result<Imported, FileImportError> {
    let failed = |error| FileImportError { path: path.to_owned(), error };
    control.check(Stage::Reading, 0.0).map_err(failed)?;
    let len = std::fs::metadata(path).map_err(|e| failed(ImportError::Io(e.to_string())))?.len();
    if len as usize > MAX_IMPORT_BYTES {
        return Err(failed(ImportError::TooLarge { bytes: len as usize }));
    }
    let bytes = std::fs::read(path).map_err(|e| failed(ImportError::Io(e.to_string())))?;
    let file_name = path.to_string_lossy();
    let kind = Kind::detect(&file_name, &bytes);
    let options = ImportOptions::default();
    let mut all = import_named_with(kind, &bytes, &file_name, "", &options, control).map_err(failed)?;
    let mut first = all.swap_remove(0);
    if first.title.is_empty() {
        first.title = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    }
    Ok(first)
}

/// Imports a file as one article, or one per page of a wiki export, naming it in errors.
pub fn import_file_all(path: &std::path::Path, options: &ImportOptions) -> Result<Vec<Imported>, String> {
    let name = path.display();
    let len = std::fs::metadata(path).map_err(|e| format!("Cannot read {name}: {e}"))?.len();
    if len as usize > MAX_IMPORT_BYTES {
        return Err(format!("Cannot import {name}: {}", ImportError::TooLarge { bytes: len as usize }));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("Cannot read {name}: {e}"))?;
    let file_name = path.to_string_lossy();
    let kind = Kind::detect(&file_name, &bytes);
    let mut all =
        import_named(kind, &bytes, &file_name, "", options).map_err(|e| format!("Cannot import {name}: {e}"))?;
    for imported in &mut all {
        if imported.title.is_empty() {
            imported.title = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        }
    }
    Ok(all)
}

/// Clipboard contents as an article: its HTML flavour when there is one, else its text.
pub fn import_clipboard(text: &str, html: Option<&str>) -> Result<Imported, ImportError> {
    import_clipboard_with(text, html, &Control::default())
}

/// [`import_clipboard`] under `control` (cancel flag, time budget, progress).
pub fn import_clipboard_with(text: &str, html: Option<&str>, control: &Control<'_>) -> Result<Imported, ImportError> {
    if let Some(html) = html.filter(|h| !h.trim().is_empty()) {
        match import_bytes_with(Kind::Html, html.as_bytes(), "", control) {
            Ok(imported) => return Ok(imported),
            Err(ImportError::Cancelled) => return Err(ImportError::Cancelled),
            Err(_) => {} // the text flavour may still hold the article
        }
    }
    let kind = if looks_like_html(text.as_bytes()) {
        Kind::Html
    } else if wiki::looks_like_wikitext(text) {
        Kind::Wikitext
    } else {
        Kind::Text
    };
    import_bytes_with(kind, text.as_bytes(), "", control)
}

/// Pasted wikitext of the page `title` at `url` (either may be empty), as an article.
pub fn import_wikitext(text: &str, title: &str, url: &str) -> Result<Imported, ImportError> {
    check_bytes(text.as_bytes())?;
    wiki::import_wikitext(text, title, url)
}

/// Plain text: the first line is the title when it is short, like a headline.
fn plain_text(text: &str) -> Imported {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    let title = if first.chars().count() <= 150 { first.to_owned() } else { String::new() };
    Imported { title, text: text.to_owned(), ..Default::default() }
}
