//! What File > Merge remembers between merges: the version last merged from each source file,
//! the common ancestor of the next merge from it. Kept in the app's data folder, never in the
//! user's project, so sharing a file shares none of it.

use std::path::{Path, PathBuf};

use crate::model::Project;
use crate::storage::{self, CURRENT_VERSION, RealFs, SaveError};

/// Base versions, one file per source, named by a hash of the source's absolute path.
pub struct MergeMemory {
    dir: PathBuf,
}

impl MergeMemory {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// In the app's data folder (`merge-bases/`), when there is one.
    pub fn in_data_dir() -> Option<Self> {
        crate::paths::data_dir().map(|d| Self::new(d.join("merge-bases")))
    }

    fn file_for(&self, source: &Path) -> PathBuf {
        let absolute = std::fs::canonicalize(source).unwrap_or_else(|_| source.to_owned());
        let hash = crate::text::content_hash(absolute.to_string_lossy().as_bytes());
        let name: String = hash.chars().filter(char::is_ascii_alphanumeric).skip(6).take(32).collect();
        self.dir.join(format!("{name}.canonry"))
    }

    /// The version of `source` merged last time, if any (an unreadable one counts as none: the
    /// merge then asks about every difference instead of guessing).
    pub fn base_for(&self, source: &Path) -> Option<Project> {
        let path = self.file_for(source);
        storage::load_file(&path).ok().map(|(loaded, _)| loaded.project)
    }

    /// Remembers `theirs` as merged from `source`.
    pub fn remember(&self, source: &Path, theirs: &Project) -> Result<(), SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(|error| SaveError::Io {
            path: self.dir.clone(),
            step: "creating the folder",
            error,
        })?;
        let mut snapshot = theirs.clone();
        snapshot.conflicts.clear();
        storage::save_project(&RealFs, &self.file_for(source), &snapshot, CURRENT_VERSION, None, None)?;
        Ok(())
    }
}
