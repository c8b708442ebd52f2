//! What is in the vault folder already: every Markdown file's name (so new notes never take one)
//! and the `canonry-id` of the notes an earlier export wrote (so they are found again whatever
//! the user renamed or moved them to).
//!
//! Symbolic links are never followed (a linked folder could lead outside the vault), and hidden
//! entries (`.obsidian`, `.trash`, temp files of unfinished writes) and Logseq's own `logseq/`
//! folder (which holds backup copies of pages) are skipped.

use std::path::{Path, PathBuf};

use super::error::VaultError;
use super::front_matter::Note;

/// The folder deleted claims' notes are moved to.
pub const ARCHIVE_FOLDER: &str = "Canonry archive";

/// A Markdown file in the vault.
#[derive(Debug)]
pub struct FoundNote {
    /// Relative to the vault folder.
    pub path: PathBuf,
    pub stem: String,
    /// Its `canonry-id`, when it is a note of Canonry's.
    pub id: Option<String>,
    /// A regular file (not a symbolic link), so Canonry may update or move it.
    pub regular: bool,
}

impl FoundNote {
    pub fn in_archive(&self) -> bool {
        self.path.components().next().is_some_and(|c| c.as_os_str() == ARCHIVE_FOLDER)
    }
}

/// Every Markdown file under `folder`, sorted by path.
pub fn scan(folder: &Path) -> Result<Vec<FoundNote>, VaultError> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let dir = folder.join(&relative);
        let entries = std::fs::read_dir(&dir).map_err(|error| VaultError::Read { path: dir.clone(), error })?;
        for entry in entries {
            let entry = entry.map_err(|error| VaultError::Read { path: dir.clone(), error })?;
            let name = entry.file_name();
            let name_text = name.to_string_lossy();
            let skipped = name_text.starts_with('.') || (relative.as_os_str().is_empty() && name_text == "logseq");
            if skipped {
                continue;
            }
            // `DirEntry::file_type` does not follow symbolic links.
            let kind = entry.file_type().map_err(|error| VaultError::Read { path: entry.path(), error })?;
            if kind.is_dir() {
                pending.push(relative.join(&name));
                continue;
            }
            let Some(stem) = name_text.strip_suffix(".md") else { continue };
            let path = relative.join(&name);
            let id = if kind.is_file() { read_id(&folder.join(&path))? } else { None };
            found.push(FoundNote { stem: stem.to_owned(), path, id, regular: kind.is_file() });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

fn read_id(path: &Path) -> Result<Option<String>, VaultError> {
    let bytes = std::fs::read(path).map_err(|error| VaultError::Read { path: path.to_owned(), error })?;
    Ok(std::str::from_utf8(&bytes).ok().and_then(Note::parse).and_then(|note| note.canonry_id()))
}
