//! EPUB 2 and 3 novels as one article: the chapters in spine order, each a headed section
//! ("Chapter title", then its text) made by the same reader-view HTML pipeline as saved web
//! pages, with title, author and date from the package. Each chapter is a source segment, so a
//! claim tagged in it is cited as "Novel: The Book, Chapter 3".
//!
//! One article per book rather than one per chapter: a reader tags claims across chapter
//! boundaries, the article list stays one line per book, and the chapter headings plus the
//! segments give navigation and citations anyway.
//!
//! `zip` + `quick-xml` rather than the `epub` or `rbook` crates: those read whole entries into
//! memory as the archive's headers describe them, and bounding every read (zip bombs) and
//! telling DRM apart from damage needs the archive reader in our hands.

mod archive;
mod package;
mod toc;

pub use archive::Limits;

use super::{ImportError, Imported, ImportedSegment};
use crate::model::{Citation, CitationKind, Tier};
use archive::Archive;

/// Why a book cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EpubError {
    NotZip(String),
    TooManyEntries { entries: usize, limit: usize },
    EntryTooLarge { name: String, limit: u64 },
    TooLarge { limit: u64 },
    Missing { name: String },
    Broken { name: String, why: String },
    Drm { scheme: &'static str },
    NoChapters,
}

impl std::fmt::Display for EpubError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = |bytes: u64| bytes / (1024 * 1024);
        match self {
            Self::NotZip(why) => write!(f, "it is not an EPUB book (not a readable zip archive: {why})."),
            Self::TooManyEntries { entries, limit } => write!(
                f,
                "it holds {entries} files, more than any book (the limit is {limit}); it may be a zip bomb, so it was not opened."
            ),
            Self::EntryTooLarge { name, limit } => write!(
                f,
                "its file {name} unpacks to more than {} MB, more than any chapter; it may be a zip bomb, so it was not imported.",
                mb(*limit)
            ),
            Self::TooLarge { limit } => write!(
                f,
                "its text unpacks to more than {} MB, more than any novel; it may be a zip bomb, so it was not imported.",
                mb(*limit)
            ),
            Self::Missing { name } => write!(
                f,
                "the book is damaged: {name} is missing. Re-download it, or open it in an e-book editor (such as Sigil) and save it again."
            ),
            Self::Broken { name, why } => write!(
                f,
                "the book is damaged: {name} cannot be read ({why}). Re-download it, or repair it in an e-book editor (such as Sigil)."
            ),
            Self::Drm { scheme } => write!(
                f,
                "it is protected by DRM ({scheme}), so its text cannot be read. Import a DRM-free copy of the book (many shops offer one)."
            ),
            Self::NoChapters => write!(f, "no chapter with text was found in the book's reading order."),
        }
    }
}

/// Whether a file name is an EPUB book.
pub fn is_epub_file(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".epub")
}

pub fn import(bytes: &[u8], limits: Limits) -> Result<Imported, ImportError> {
    import_book(bytes, limits).map_err(ImportError::Epub)
}

fn import_book(bytes: &[u8], limits: Limits) -> Result<Imported, EpubError> {
    let mut archive = Archive::open(bytes, limits)?;
    check_drm(&mut archive)?;
    let package = package::read(&mut archive)?;
    let titles = table_of_contents(&mut archive, &package);
    let mut text = String::new();
    let mut segments = Vec::new();
    let mut chapter_titles = Vec::new();
    let mut skipped = 0;
    for (number, path) in package.spine.iter().enumerate() {
        let xhtml = match archive.read_text(path) {
            Ok(xhtml) => xhtml,
            // A spine entry whose file is absent is a damaged book, but its other chapters are
            // still worth reading: skip it and say so.
            Err(EpubError::Missing { .. }) => {
                skipped += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        let Ok(chapter) = crate::import::html::import(&xhtml, "") else {
            // A cover, an image page or an empty separator: nothing to read.
            skipped += 1;
            continue;
        };
        let title = toc::title_of(&titles, path)
            .map(str::to_owned)
            .or_else(|| Some(chapter.title.trim().to_owned()).filter(|t| !t.is_empty()))
            .unwrap_or_else(|| format!("Chapter {}", number + 1));
        let body = without_leading_title(&chapter.text, &title);
        if body.trim().is_empty() {
            skipped += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&title);
        text.push_str("\n\n");
        text.push_str(body);
        segments.push(ImportedSegment { start, end: text.len(), detail: title.clone(), citations: Vec::new() });
        chapter_titles.push(title);
    }
    if chapter_titles.is_empty() {
        return Err(EpubError::NoChapters);
    }
    let title = if package.title.is_empty() { "Untitled book".to_owned() } else { package.title.clone() };
    let author = package.authors.join(", ");
    let mut report =
        vec![if author.is_empty() { format!("Book: {title}") } else { format!("Book: {title} by {author}") }];
    let shown: Vec<&str> = chapter_titles.iter().take(8).map(String::as_str).collect();
    let more = if chapter_titles.len() > shown.len() { ", …" } else { "" };
    report.push(format!("{} chapters: {}{more}", chapter_titles.len(), shown.join(", ")));
    if skipped > 0 {
        report.push(format!("Skipped {skipped} spine entries without text (cover, images, missing files)"));
    }
    Ok(Imported {
        title: title.clone(),
        author,
        published: package.date,
        text,
        primary_source: Some(Citation::new(CitationKind::Novel, &title, "")),
        segments,
        // Tie-in novels are the licensed material the comic-canon tier is for.
        suggested_tier: Tier::COMIC_CANON.to_owned(),
        report,
        ..Default::default()
    })
}

/// The chapter's text without a first paragraph that only repeats its title.
fn without_leading_title<'t>(text: &'t str, title: &str) -> &'t str {
    let text = text.trim_start();
    match text.split_once("\n\n") {
        Some((first, rest)) if first.trim().eq_ignore_ascii_case(title.trim()) => rest,
        None if text.trim().eq_ignore_ascii_case(title.trim()) => "",
        _ => text,
    }
}

fn table_of_contents(archive: &mut Archive<'_>, package: &package::Package) -> toc::Titles {
    let nav = package.nav.as_ref().and_then(|path| archive.read_text(path).ok().map(|x| toc::from_nav(&x, path)));
    match nav.filter(|t| !t.is_empty()) {
        Some(titles) => titles,
        None => package
            .ncx
            .as_ref()
            .and_then(|path| archive.read_text(path).ok().map(|x| toc::from_ncx(&x, path)))
            .unwrap_or_default(),
    }
}

/// Font obfuscation (IDPF and Adobe) scrambles only fonts and is not DRM.
const FONT_OBFUSCATION: &[&str] = &["http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"];

/// Refuses books whose text is encrypted: Adobe ADEPT (`rights.xml`), Apple FairPlay
/// (`sinf.xml`), or any `encryption.xml` entry that is not font obfuscation.
fn check_drm(archive: &mut Archive<'_>) -> Result<(), EpubError> {
    if archive.has("META-INF/rights.xml") {
        return Err(EpubError::Drm { scheme: "Adobe ADEPT" });
    }
    if archive.has("META-INF/sinf.xml") {
        return Err(EpubError::Drm { scheme: "Apple FairPlay" });
    }
    if !archive.has("META-INF/encryption.xml") {
        return Ok(());
    }
    let encryption = archive.read_text("META-INF/encryption.xml")?;
    let mut reader = quick_xml::Reader::from_str(&encryption);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e))
                if e.local_name().as_ref() == b"EncryptionMethod" =>
            {
                let algorithm = crate::import::xml::attr(&e, b"Algorithm").unwrap_or_default();
                if !FONT_OBFUSCATION.contains(&algorithm.as_str()) {
                    return Err(EpubError::Drm { scheme: "encrypted content" });
                }
            }
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Err(e) => return Err(EpubError::Broken { name: "META-INF/encryption.xml".into(), why: e.to_string() }),
            _ => {}
        }
    }
}
