//! Rotating backups: before a save replaces a project file, a copy of the old file goes to the
//! app's data folder, and only the newest [`BackupDir::KEEP`] copies per project are kept.

use std::path::{Path, PathBuf};

use crate::text::content_hash;

pub struct BackupDir {
    root: PathBuf,
}

impl BackupDir {
    pub const KEEP: usize = 10;

    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    /// The folder holding backups of the project at `path`: its name plus a short hash of its
    /// full path, so two projects with the same name never mix.
    pub fn folder_for(&self, path: &Path) -> PathBuf {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let hash = content_hash(absolute.to_string_lossy().as_bytes());
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let safe: String = stem.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
        self.root.join(format!("{safe}-{}", &hash[7..19]))
    }

    /// Copies the file at `path` (if it exists) into its backup folder and prunes old copies.
    /// Returns the copy's path.
    pub fn keep_copy_of(&self, path: &Path) -> std::io::Result<Option<PathBuf>> {
        if !path.exists() {
            return Ok(None);
        }
        let folder = self.folder_for(path);
        std::fs::create_dir_all(&folder)?;
        let stamp = humantime::format_rfc3339_micros(std::time::SystemTime::now()).to_string().replace(':', "-");
        let copy = folder.join(format!("{stamp}.canonry"));
        std::fs::copy(path, &copy)?;
        self.prune(&folder)?;
        Ok(Some(copy))
    }

    /// The backups of `path`, newest first.
    pub fn list(&self, path: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder_for(path))
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "canonry"));
        // Names are timestamps, so name order is time order.
        files.sort();
        files.reverse();
        files
    }

    fn prune(&self, folder: &Path) -> std::io::Result<()> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?.filter_map(Result::ok).map(|e| e.path()).collect();
        files.retain(|p| p.extension().is_some_and(|e| e == "canonry"));
        files.sort();
        let excess = files.len().saturating_sub(Self::KEEP);
        for old in &files[..excess] {
            std::fs::remove_file(old)?;
        }
        Ok(())
    }
}
