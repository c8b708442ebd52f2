//! Recovery files: unsaved work written to the app's data folder a few seconds after each edit,
//! so a crash or a power cut loses at most those seconds.
//!
//! Each open project has one recovery file `<session>.canonry-recovery` and a lock file
//! `<session>.lock` that the running app keeps locked. At start-up, a recovery file whose lock
//! can be taken belongs to a process that is gone: it is offered for restoring.

use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::model::Project;
use crate::storage::{
    FormatVersion, LoadedProject, ParseError, RealFs, atomic_write, parse_project, serialize_project,
};

const EXTENSION: &str = "canonry-recovery";

/// Why unsaved work could not be written to, or read back from, a recovery file.
#[derive(Debug)]
pub enum RecoveryError {
    Serialize(serde_json::Error),
    Write(crate::storage::SaveError),
    Read { file: PathBuf, error: std::io::Error },
    Damaged { file: PathBuf, error: ParseError },
}

impl std::fmt::Display for RecoveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Serialize(e) => write!(f, "cannot serialise the project: {e}"),
            Self::Write(e) => write!(f, "{e}"),
            Self::Read { file, error } => write!(f, "Cannot read {}: {error}", file.display()),
            Self::Damaged { file, error } => write!(f, "Recovery file {} is damaged: {error}", file.display()),
        }
    }
}

impl std::error::Error for RecoveryError {}

impl From<serde_json::Error> for RecoveryError {
    fn from(e: serde_json::Error) -> Self {
        Self::Serialize(e)
    }
}

impl From<crate::storage::SaveError> for RecoveryError {
    fn from(e: crate::storage::SaveError) -> Self {
        Self::Write(e)
    }
}

#[derive(Serialize)]
struct RecoveryOut<'a> {
    /// The project file this is unsaved work for; `None` for a project never saved.
    recovery_of: Option<&'a Path>,
    written: String,
    project: &'a RawValue,
}

#[derive(Deserialize)]
struct RecoveryIn {
    recovery_of: Option<PathBuf>,
    written: String,
    project: Box<RawValue>,
}

/// The recovery file of one running session; dropping it keeps the file (only
/// [`RecoverySlot::discard`] removes it, after a successful save or a clean close).
pub struct RecoverySlot {
    file: PathBuf,
    lock_path: PathBuf,
    _lock: Option<File>,
}

impl RecoverySlot {
    /// Claims a new slot in `dir`, holding its lock while this process lives.
    pub fn claim(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let session = uuid::Uuid::now_v7().to_string();
        let lock_path = dir.join(format!("{session}.lock"));
        let lock = File::create(&lock_path)?;
        // Where locks are unsupported, the slot still works; it is just offered to later
        // instances while this one runs.
        let lock = lock.try_lock().is_ok().then_some(lock);
        Ok(Self { file: dir.join(format!("{session}.{EXTENSION}")), lock_path, _lock: lock })
    }

    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Writes the recovery file atomically.
    pub fn write(&self, bytes: &[u8]) -> Result<(), crate::storage::SaveError> {
        atomic_write(&RealFs, &self.file, bytes)
    }

    /// Removes the recovery file (the work is saved, or the user discarded it).
    pub fn discard(&self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

impl Drop for RecoverySlot {
    fn drop(&mut self) {
        if !self.file.exists() {
            let _ = std::fs::remove_file(&self.lock_path);
        }
    }
}

/// The bytes of a recovery file for `project`.
pub fn recovery_bytes(
    project: &Project,
    version: FormatVersion,
    recovery_of: Option<&Path>,
) -> Result<Vec<u8>, serde_json::Error> {
    let project_bytes = serialize_project(project, version)?;
    let text = String::from_utf8(project_bytes).map_err(|e| serde::ser::Error::custom(e.to_string()))?;
    let raw = RawValue::from_string(text)?;
    let out = RecoveryOut { recovery_of, written: crate::model::now_rfc3339(), project: &raw };
    let mut bytes = serde_json::to_vec(&out)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Unsaved work left by a session that ended without saving.
#[derive(Debug, Clone)]
pub struct Recoverable {
    pub file: PathBuf,
    pub recovery_of: Option<PathBuf>,
    pub written: String,
    pub title: String,
}

impl Recoverable {
    /// Parses the project inside the recovery file.
    pub fn load(&self) -> Result<LoadedProject, RecoveryError> {
        let bytes =
            std::fs::read(&self.file).map_err(|error| RecoveryError::Read { file: self.file.clone(), error })?;
        parse_recovery(&bytes)
            .map(|(_, _, loaded)| loaded)
            .map_err(|error| RecoveryError::Damaged { file: self.file.clone(), error })
    }

    /// Deletes the recovery file and its lock.
    pub fn discard(&self) {
        let _ = std::fs::remove_file(&self.file);
        let _ = std::fs::remove_file(self.file.with_extension("lock"));
    }
}

fn parse_recovery(bytes: &[u8]) -> Result<(Option<PathBuf>, String, LoadedProject), ParseError> {
    let parsed: RecoveryIn = serde_json::from_slice(bytes).map_err(|e| ParseError::Json {
        location: crate::storage::load::Location { line: e.line(), column: e.column(), json_path: String::new() },
        message: e.to_string(),
    })?;
    let loaded = parse_project(parsed.project.get().as_bytes())?;
    Ok((parsed.recovery_of, parsed.written, loaded))
}

/// Recovery files in `dir` whose session has ended (its lock is free), newest first.
pub fn find_recoverable(dir: &Path) -> Vec<Recoverable> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found = Vec::new();
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.extension().is_none_or(|e| e != EXTENSION) {
            continue;
        }
        let lock_path = path.with_extension("lock");
        if let Ok(lock) = File::options().write(true).open(&lock_path)
            && lock.try_lock().is_err()
        {
            continue; // a running Canonry owns it
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        match parse_recovery(&bytes) {
            Ok((recovery_of, written, loaded)) => {
                found.push(Recoverable { file: path, recovery_of, written, title: loaded.project.title })
            }
            // A damaged recovery file is kept for the user to inspect, never offered.
            Err(_) => continue,
        }
    }
    found.sort_by(|a, b| b.written.cmp(&a.written));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::CURRENT_VERSION;

    #[test]
    fn live_sessions_are_not_offered_ended_ones_are() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut project = Project::new("Unsaved «work» 🖖");
        project.journal = "typed before the crash".into();
        let slot = RecoverySlot::claim(dir.path()).expect("slot");
        let bytes = recovery_bytes(&project, CURRENT_VERSION, Some(Path::new("/x/lore.canonry"))).expect("bytes");
        slot.write(&bytes).expect("write");
        assert!(find_recoverable(dir.path()).is_empty(), "our own live session is not offered");
        // The process "dies": its lock is released, the file stays.
        drop(slot);
        let found = find_recoverable(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Unsaved «work» 🖖");
        assert_eq!(found[0].recovery_of.as_deref(), Some(Path::new("/x/lore.canonry")));
        assert_eq!(found[0].load().expect("loads").project, project);
        found[0].discard();
        assert!(find_recoverable(dir.path()).is_empty());
    }
}
