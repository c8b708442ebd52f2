//! Why bytes are not a project: the error the loader and the migrations share, with where in
//! the file the problem is.

use super::format::{CURRENT_VERSION, FORMAT_ID, FormatVersion, MAX_PROJECT_BYTES};

/// Where in the file a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// 1-based; 0 when unknown.
    pub line: usize,
    pub column: usize,
    /// Such as `claims[3].anchor.start`; empty when unknown.
    pub json_path: String,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.line > 0 {
            parts.push(format!("line {}, column {}", self.line, self.column));
        }
        if !self.json_path.is_empty() && self.json_path != "." {
            // A hostile file can nest 128 levels deep: keep the message readable.
            const SHOWN: usize = 80;
            let path = &self.json_path;
            if path.chars().count() > SHOWN {
                let tail: String = path.chars().skip(path.chars().count() - SHOWN).collect();
                parts.push(format!("at …{tail}"));
            } else {
                parts.push(format!("at {path}"));
            }
        }
        f.write_str(&parts.join(", "))
    }
}

/// Why bytes are not a project we can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    TooLarge {
        bytes: u64,
    },
    NotUtf8 {
        location: Location,
    },
    /// Malformed JSON or a value of the wrong type.
    Json {
        location: Location,
        message: String,
    },
    NotAProject,
    BadVersion {
        found: String,
    },
    NewerMajor {
        found: FormatVersion,
    },
    /// The JSON is well formed but inconsistent (duplicate ids, a claim on a missing article).
    Invalid {
        location: Location,
        message: String,
    },
}

impl ParseError {
    /// What the user can do about it.
    pub fn advice(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "Check that this is a Canonry project; projects are far smaller.",
            Self::NotUtf8 { .. } | Self::Json { .. } | Self::Invalid { .. } => {
                "The file is damaged or was edited by hand. Fix it at that place in a text editor, or open a backup \
                 (Canonry keeps the last 10 versions in its data folder)."
            }
            Self::NotAProject => "Choose a .canonry file, or import the file as an article instead.",
            Self::BadVersion { .. } => "The file's \"version\" must look like \"1.0\".",
            Self::NewerMajor { .. } => {
                "It was written by a newer Canonry: update Canonry to open it. The file was not changed."
            }
        }
    }

    pub fn location(&self) -> Option<&Location> {
        match self {
            Self::NotUtf8 { location } | Self::Json { location, .. } | Self::Invalid { location, .. } => Some(location),
            _ => None,
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge { bytes } => {
                write!(f, "the file is {} MB, over the {} MB limit", bytes / 1_000_000, MAX_PROJECT_BYTES / 1_000_000)
            }
            Self::NotUtf8 { location } => write!(f, "{location}: the file is not valid UTF-8 text"),
            Self::Json { location, message } => write!(f, "{location}: {message}"),
            Self::NotAProject => write!(f, "this is not a Canonry project (no \"format\": \"{FORMAT_ID}\")"),
            Self::BadVersion { found } => write!(f, "unrecognised format version {found:?}"),
            Self::NewerMajor { found } => {
                write!(f, "format version {found} is newer than this Canonry supports ({}.x)", CURRENT_VERSION.major)
            }
            Self::Invalid { location, message } => write!(f, "{location}: {message}"),
        }
    }
}
