//! Writing many notes atomically, as [`crate::storage::atomic_write`] does one file (temp file
//! in the same folder, flushed, permissions kept, renamed over the note), except that each
//! folder is flushed once at the end instead of after every note: an export of thousands of
//! notes would otherwise spend most of its time waiting for the disk. Until that final flush a
//! power cut can undo a rename, never tear a note: each note is its old bytes or its new ones.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::storage::{Fs, SaveError};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

pub struct BatchWriter<'f> {
    fs: &'f dyn Fs,
    /// Folders whose entries changed, to flush at the end.
    dirs: BTreeSet<PathBuf>,
}

impl<'f> BatchWriter<'f> {
    pub fn new(fs: &'f dyn Fs) -> Self {
        Self { fs, dirs: BTreeSet::new() }
    }

    /// Replaces (or creates) `path` with `bytes`: afterwards it holds its old bytes or exactly
    /// `bytes`, whatever fails.
    pub fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
        let dir = path.parent().map_or_else(|| PathBuf::from("."), Path::to_owned);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // The same temp names as `atomic_write`, which the vault scan skips (hidden files).
        let temp =
            dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)));
        let io = |step: &'static str| move |error| SaveError::Io { path: path.to_owned(), step, error };
        let fs = self.fs;
        let written = fs
            .create_and_write(&temp, bytes)
            .map_err(io("writing the temporary file"))
            .and_then(|()| fs.sync_file(&temp).map_err(io("flushing the temporary file")))
            .and_then(|()| match fs.copy_permissions(path, &temp) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()), // a new note
                other => other.map_err(io("keeping the file's permissions")),
            })
            .and_then(|()| fs.rename(&temp, path).map_err(io("replacing the file")));
        if let Err(e) = written {
            let _ = fs.remove_file(&temp);
            return Err(e);
        }
        self.dirs.insert(dir);
        Ok(())
    }

    /// Moves `from` to `to` (same vault, so a rename).
    pub fn rename(&mut self, from: &Path, to: &Path) -> std::io::Result<()> {
        self.fs.rename(from, to)?;
        self.dirs.extend([from.parent(), to.parent()].into_iter().flatten().map(Path::to_owned));
        Ok(())
    }

    /// Flushes every folder written to, so the renames survive a power cut.
    pub fn finish(self) -> Result<(), SaveError> {
        for dir in &self.dirs {
            self.fs.sync_dir(dir).map_err(|error| SaveError::Io {
                path: dir.clone(),
                step: "flushing the folder",
                error,
            })?;
        }
        Ok(())
    }
}
