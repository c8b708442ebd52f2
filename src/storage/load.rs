//! Loading project files. Every failure says which file, where in it, and what to do; no input
//! bytes can cause a panic, and loading never modifies the file.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::format::{CURRENT_VERSION, FORMAT_ID, FormatVersion};
use super::migrate;
use super::save::DiskStamp;
use crate::model::Project;
use crate::text::CharIndex;

pub use super::format::MAX_PROJECT_BYTES;

pub use super::parse_error::{Location, ParseError};

/// A failure to load a file: which file, and why.
#[derive(Debug)]
pub enum LoadError {
    Io { path: PathBuf, error: std::io::Error },
    Parse { path: PathBuf, error: ParseError },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io { path, error } => {
                write!(f, "Cannot read {}: {error}. Check that the file exists and you may read it.", path.display())
            }
            Self::Parse { path, error } => write!(f, "Cannot open {}: {error}. {}", path.display(), error.advice()),
        }
    }
}

impl std::error::Error for LoadError {}

/// A parsed project with what was noticed while loading it.
#[derive(Debug, Clone)]
pub struct LoadedProject {
    pub project: Project,
    /// The version in the file (a newer minor is kept when saving).
    pub version: FormatVersion,
    /// Set when the file was upgraded from an older format version.
    pub migrated_from: Option<FormatVersion>,
    /// Claims re-located or orphaned on load, and similar notices.
    pub warnings: Vec<String>,
}

/// Reads and parses a project file. The file is only read.
pub fn load_file(path: &Path) -> Result<(LoadedProject, DiskStamp), LoadError> {
    let io_error = |error| LoadError::Io { path: path.to_owned(), error };
    let len = std::fs::metadata(path).map_err(io_error)?.len();
    if len > MAX_PROJECT_BYTES {
        return Err(LoadError::Parse { path: path.to_owned(), error: ParseError::TooLarge { bytes: len } });
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    let stamp = DiskStamp::of_bytes(path, &bytes);
    let loaded = parse_project(&bytes).map_err(|error| LoadError::Parse { path: path.to_owned(), error })?;
    Ok((loaded, stamp))
}

/// Parses the bytes of a project file.
pub fn parse_project(bytes: &[u8]) -> Result<LoadedProject, ParseError> {
    if bytes.len() as u64 > MAX_PROJECT_BYTES {
        return Err(ParseError::TooLarge { bytes: bytes.len() as u64 });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ParseError::NotUtf8 { location: line_column(bytes, e.valid_up_to()) })?;

    // Fast path: the current format parses straight into the model in one pass.
    let (mut project, version, migrated_from) = match deserialize_located::<Project>(text) {
        Ok(mut project) => {
            let version = take_header(&mut project)?;
            if version.major > CURRENT_VERSION.major {
                return Err(ParseError::NewerMajor { found: version });
            }
            if version < CURRENT_VERSION {
                let (project, from) = migrate_text(text)?;
                (project, CURRENT_VERSION, Some(from))
            } else {
                (project, version, None)
            }
        }
        Err(typed_error) => {
            // It may be another version whose shape differs: the header decides.
            let header = read_header(text).map_err(|_| typed_error.clone())?;
            match header {
                Some(version) if version.major > CURRENT_VERSION.major => {
                    return Err(ParseError::NewerMajor { found: version });
                }
                Some(version) if version < CURRENT_VERSION => {
                    // An older minor has the same shape as the current one, so the typed parse's
                    // error is the precise one; an older major needs the migration's.
                    let (project, from) = migrate_text(text).map_err(|migration_error| {
                        if version.major == CURRENT_VERSION.major { typed_error.clone() } else { migration_error }
                    })?;
                    (project, CURRENT_VERSION, Some(from))
                }
                _ => return Err(typed_error),
            }
        }
    };
    let warnings = check_consistency(&mut project)?;
    Ok(LoadedProject { project, version, migrated_from, warnings })
}

fn deserialize_located<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| json_error(&e))?;
    deserializer.end().map_err(|e| ParseError::Json {
        location: Location { line: e.line(), column: e.column(), json_path: String::new() },
        message: "unexpected text after the end of the project".into(),
    })?;
    Ok(value)
}

fn json_error(e: &serde_path_to_error::Error<serde_json::Error>) -> ParseError {
    let inner = e.inner();
    let message = inner.to_string();
    // serde_json appends " at line L column C"; the location is given separately.
    let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
    ParseError::Json {
        location: Location { line: inner.line(), column: inner.column(), json_path: e.path().to_string() },
        message,
    }
}

/// Removes the envelope fields from the project's unknown fields and checks them.
fn take_header(project: &mut Project) -> Result<FormatVersion, ParseError> {
    let format = project.extra.remove("format");
    let version = project.extra.remove("version");
    project.extra.remove("generator");
    if format.as_ref().and_then(Value::as_str) != Some(FORMAT_ID) {
        return Err(ParseError::NotAProject);
    }
    parse_version_value(version.as_ref())
}

fn parse_version_value(version: Option<&Value>) -> Result<FormatVersion, ParseError> {
    let found = version.and_then(Value::as_str).unwrap_or_default();
    FormatVersion::parse(found).ok_or_else(|| ParseError::BadVersion { found: found.to_owned() })
}

/// The version of a file whose body did not parse: `None` when it is not a project at all.
fn read_header(text: &str) -> Result<Option<FormatVersion>, serde_json::Error> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<Value>,
        version: Option<Value>,
    }
    let header: Header = serde_json::from_str(text)?;
    if header.format.as_ref().and_then(Value::as_str) != Some(FORMAT_ID) {
        return Ok(None);
    }
    Ok(parse_version_value(header.version.as_ref()).ok())
}

fn migrate_text(text: &str) -> Result<(Project, FormatVersion), ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ParseError::Json {
        location: Location { line: e.line(), column: e.column(), json_path: String::new() },
        message: e.to_string(),
    })?;
    let (value, from) = migrate::to_current(value)?;
    let mut project: Project = serde_path_to_error::deserialize(value).map_err(|e| {
        let message = e.inner().to_string();
        ParseError::Json { location: Location { json_path: e.path().to_string(), ..Location::default() }, message }
    })?;
    take_header(&mut project)?;
    Ok((project, from))
}

/// Refuses inconsistent ids and re-checks every anchor against its article's text.
fn check_consistency(project: &mut Project) -> Result<Vec<String>, ParseError> {
    let invalid = |json_path: String, message: String| ParseError::Invalid {
        location: Location { json_path, ..Location::default() },
        message,
    };
    let mut article_ids = std::collections::BTreeSet::new();
    for (i, article) in project.articles.iter().enumerate() {
        if !article_ids.insert(article.id.as_str()) {
            return Err(invalid(format!("articles[{i}].id"), format!("duplicate article id {:?}", article.id)));
        }
    }
    let mut claim_ids = std::collections::BTreeSet::new();
    for (i, claim) in project.claims.iter().enumerate() {
        if !claim_ids.insert(claim.id.as_str()) {
            return Err(invalid(format!("claims[{i}].id"), format!("duplicate claim id {:?}", claim.id)));
        }
        if !article_ids.contains(claim.article.as_str()) {
            return Err(invalid(format!("claims[{i}].article"), format!("no article has the id {:?}", claim.article)));
        }
    }
    let mut link_ids = std::collections::BTreeSet::new();
    for (i, link) in project.links.iter().enumerate() {
        if !link_ids.insert(link.id.as_str()) {
            return Err(invalid(format!("links[{i}].id"), format!("duplicate link id {:?}", link.id)));
        }
    }
    let mut entry_ids = std::collections::BTreeSet::new();
    for (i, entry) in project.glossary.iter().enumerate() {
        if !entry_ids.insert(entry.id.as_str()) {
            return Err(invalid(format!("glossary[{i}].id"), format!("duplicate glossary id {:?}", entry.id)));
        }
    }
    if project.tiers.is_empty() {
        return Err(invalid("tiers".into(), "a project needs at least one tier".into()));
    }

    let mut warnings = Vec::new();
    for (i, link) in project.links.iter().enumerate() {
        for end in [&link.from, &link.to] {
            if !claim_ids.contains(end.as_str()) {
                warnings.push(format!(
                    "links[{i}]: it refers to claim {end:?}, which does not exist; the link is kept but shown nowhere"
                ));
            }
        }
    }
    let tier_ids: std::collections::HashSet<&str> = project.tiers.iter().map(|t| t.id.as_str()).collect();
    for (i, claim) in project.claims.iter().enumerate() {
        if !tier_ids.contains(claim.tier.as_str()) {
            warnings.push(format!(
                "claims[{i}]: its tier {:?} is not one of the project's tiers; it is shown in grey until you retag it",
                claim.tier
            ));
        }
    }
    // Claims grouped by article in one pass: scanning every claim per article would be
    // quadratic on a hostile file with many of both.
    let mut claims_by_article: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, claim) in project.claims.iter().enumerate() {
        claims_by_article.entry(claim.article.as_str()).or_default().push(i);
    }
    let claims_by_article: Vec<Vec<usize>> =
        project.articles.iter().map(|a| claims_by_article.remove(a.id.as_str()).unwrap_or_default()).collect();
    for (article, claim_indices) in project.articles.iter().zip(claims_by_article) {
        let index = CharIndex::new(&article.text);
        for i in claim_indices {
            let claim = &mut project.claims[i];
            let was_orphaned = claim.anchor.is_orphaned();
            let (start, end) = (claim.anchor.start, claim.anchor.end);
            if claim.anchor.relocate(&article.text, &index) {
                warnings.push(if claim.anchor.is_orphaned() {
                    format!(
                        "claims[{i}]: its quote {:?} is not in the article any more; listed as an orphan",
                        claim.anchor.exact
                    )
                } else if was_orphaned && (start, end) == (claim.anchor.start, claim.anchor.end) {
                    format!("claims[{i}]: its quote was found again; anchored")
                } else {
                    format!(
                        "claims[{i}]: offsets {start}..{end} did not hold its quote; re-located to {}..{}",
                        claim.anchor.start, claim.anchor.end
                    )
                });
            }
        }
    }
    // An end date that cannot be read keeps the mark on; the user is told which one.
    warnings.extend(crate::model::spoiler_date_warnings(project));
    Ok(warnings)
}

/// 1-based line and column (in chars) of a byte offset.
fn line_column(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    Location { line, column, json_path: String::new() }
}
