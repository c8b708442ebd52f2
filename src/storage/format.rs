//! The file envelope and deterministic serialisation.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Project;

/// The `format` value of every project file.
pub const FORMAT_ID: &str = "canonry-project";

/// The format version this build writes. A newer minor still loads (unknown fields are kept); a
/// newer major is refused.
pub const CURRENT_VERSION: FormatVersion = FormatVersion { major: 1, minor: 2 };

/// The MIME type of project files.
pub const MIME_TYPE: &str = "application/x-canonry+json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FormatVersion {
    pub major: u32,
    pub minor: u32,
}

impl FormatVersion {
    /// Parses `"MAJOR.MINOR"`.
    pub fn parse(s: &str) -> Option<Self> {
        let (major, minor) = s.split_once('.')?;
        Some(Self { major: major.parse().ok()?, minor: minor.parse().ok()? })
    }
}

impl std::fmt::Display for FormatVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The whole file: the envelope, then the project's fields. Also the root of the JSON Schema.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "Canonry project", description = "A Canonry project file (.canonry)")]
pub struct ProjectFile<'a> {
    /// Always `canonry-project`.
    pub format: &'a str,
    /// `MAJOR.MINOR` of the file format.
    pub version: String,
    /// The program that wrote the file, e.g. `canonry 0.1.0`.
    pub generator: String,
    #[serde(flatten)]
    pub project: &'a Project,
}

/// The generator string of this build.
pub fn generator() -> String {
    format!("canonry {}", env!("CARGO_PKG_VERSION"))
}

/// Serialises a project: pretty printed, two-space indent, trailing newline, fields in a fixed
/// order and unknown fields sorted, so one edit changes few lines and `save(load(f)) == f`.
/// `version` is the newer of this build's version and the version the file was loaded with
/// (a newer minor's fields are kept, so the file still is that version).
pub fn serialize_project(project: &Project, version: FormatVersion) -> Result<Vec<u8>, serde_json::Error> {
    let file = ProjectFile {
        format: FORMAT_ID,
        version: version.max(CURRENT_VERSION).to_string(),
        generator: generator(),
        project,
    };
    let mut out = Vec::with_capacity(project.articles.iter().map(|a| a.text.len()).sum::<usize>() * 2 + 4096);
    serde_json::to_writer_pretty(&mut out, &file)?;
    out.push(b'\n');
    Ok(out)
}

/// The JSON Schema of the current format, as committed in `assets/canonry.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ProjectFile<'static>);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Larger files are refused before parsing (a book-length project is a few MB).
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024 * 1024;
