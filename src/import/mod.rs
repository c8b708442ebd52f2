//! Getting articles in: plain text, Markdown, saved web pages (reader-view extraction), the
//! clipboard and URLs. Every path ends in an [`Imported`] the user previews (and can correct)
//! before it becomes an [`Article`]. Bad input gives an [`ImportError`] that says what and what
//! to do, and changes nothing.

pub mod control;
pub mod encoding;
pub mod fetch;
pub mod html;
pub mod job;
pub mod markdown;
pub mod shape;

pub use control::{Control, Stage};
pub use job::{ImportJob, ImportSource};

use crate::model::{Article, ArticleLink};

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
}

impl Imported {
    /// The first `n` paragraphs, for the preview.
    pub fn first_paragraphs(&self, n: usize) -> Vec<&str> {
        self.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).take(n).collect()
    }

    pub fn into_article(self) -> Article {
        let mut article = Article::new(&self.title, &self.text);
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
}

impl Kind {
    /// From a file name, else by looking at the bytes.
    pub fn detect(name: &str, bytes: &[u8]) -> Kind {
        let lower = name.to_ascii_lowercase();
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
    check_bytes(bytes)?;
    control.check(Stage::Decoding, 0.0)?;
    let mut imported = match kind {
        Kind::Html => html::import_with(&encoding::decode_html(bytes, None), source_url, control)?,
        Kind::Markdown => markdown::import(&encoding::decode_text(bytes)?),
        Kind::Text => plain_text(&encoding::decode_text(bytes)?),
    };
    if imported.source_url.is_empty() {
        imported.source_url = source_url.to_owned();
    }
    if imported.text.trim().is_empty() {
        return Err(if kind == Kind::Html { ImportError::NoArticleText } else { ImportError::Empty });
    }
    Ok(imported)
}

/// Imports a file, naming it in errors.
pub fn import_file(path: &std::path::Path) -> Result<Imported, String> {
    import_file_with(path, &Control::default()).map_err(|e| e.to_string())
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

/// [`import_file`] under `control` (cancel flag, time budget, progress), with a typed error.
pub fn import_file_with(path: &std::path::Path, control: &Control<'_>) -> Result<Imported, FileImportError> {
    let failed = |error| FileImportError { path: path.to_owned(), error };
    control.check(Stage::Reading, 0.0).map_err(failed)?;
    let len = std::fs::metadata(path).map_err(|e| failed(ImportError::Io(e.to_string())))?.len();
    if len as usize > MAX_IMPORT_BYTES {
        return Err(failed(ImportError::TooLarge { bytes: len as usize }));
    }
    let bytes = std::fs::read(path).map_err(|e| failed(ImportError::Io(e.to_string())))?;
    let kind = Kind::detect(&path.to_string_lossy(), &bytes);
    let mut imported = import_bytes_with(kind, &bytes, "", control).map_err(failed)?;
    if imported.title.is_empty() {
        imported.title = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    }
    Ok(imported)
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
    let kind = if looks_like_html(text.as_bytes()) { Kind::Html } else { Kind::Text };
    import_bytes_with(kind, text.as_bytes(), "", control)
}

/// Plain text: the first line is the title when it is short, like a headline.
fn plain_text(text: &str) -> Imported {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    let title = if first.chars().count() <= 150 { first.to_owned() } else { String::new() };
    Imported { title, text: text.to_owned(), ..Default::default() }
}
