//! The disk work the window hands to [`super::disk_worker::DiskWorker`], and what comes back.
//!
//! Each job carries everything it needs (a snapshot of the project, the paths, the stamp to
//! check), so it can run on another thread while the user goes on editing; each outcome names
//! what it was about, so the window can tell a stale answer from the current one.

use std::path::PathBuf;
use std::sync::Arc;

use super::backup::BackupDir;
use super::recovery::{RecoveryError, recovery_bytes};
use super::save::{
    DiskStamp, DurabilityWarning, Fs, RealFs, SaveError, Saved, atomic_write, atomic_write_reporting,
    save_bytes_reporting,
};
use super::{FormatVersion, LoadError, LoadedProject, load_file, serialize_project};
use crate::model::Project;

/// A file system the worker thread can use.
pub type SharedFs = Arc<dyn Fs + Send + Sync>;

/// Saving the project to its file.
pub struct SaveJob {
    pub fs: SharedFs,
    pub path: PathBuf,
    pub project: Arc<Project>,
    pub version: FormatVersion,
    /// The file as last read or written by this window: the save refuses to overwrite a file
    /// another program changed since. `None` for Save As to a new place.
    pub expected: Option<DiskStamp>,
    pub backups: Option<BackupDir>,
    /// [`crate::edit::Editor::state_id`] of the snapshot: what counts as saved afterwards.
    pub state: u64,
}

/// Writing unsaved work to this session's recovery file.
pub struct RecoveryJob {
    pub file: PathBuf,
    pub project: Arc<Project>,
    pub version: FormatVersion,
    /// The project file the work belongs to, if it was ever saved.
    pub recovery_of: Option<PathBuf>,
    /// [`crate::edit::Editor::revision`] of the snapshot.
    pub revision: u64,
}

pub enum DiskJob {
    Save(SaveJob),
    Recovery(RecoveryJob),
    /// Removing the recovery file once the work it held is saved.
    DiscardRecovery(PathBuf),
    /// Whether another program changed the project file (reads and hashes it).
    CheckChanged {
        path: PathBuf,
        stamp: DiskStamp,
    },
    /// Writing an export the user asked for.
    Export {
        fs: SharedFs,
        path: PathBuf,
        bytes: Vec<u8>,
    },
    /// Reading and parsing a project file (File > Open, a reload).
    Load(PathBuf),
}

/// What a [`DiskJob`] did.
pub enum DiskDone {
    Saved {
        path: PathBuf,
        state: u64,
        result: Result<Saved, SaveError>,
    },
    RecoveryWritten {
        revision: u64,
        result: Result<(), RecoveryError>,
    },
    RecoveryDiscarded,
    /// `Ok(true)` when the file is as this window last saw it.
    Checked {
        path: PathBuf,
        stamp: DiskStamp,
        result: std::io::Result<bool>,
    },
    Exported {
        path: PathBuf,
        result: Result<Option<DurabilityWarning>, SaveError>,
    },
    Loaded {
        path: PathBuf,
        /// Boxed: a loaded project is much larger than the other outcomes.
        result: Box<Result<(LoadedProject, DiskStamp), LoadError>>,
    },
}

impl DiskJob {
    /// Does the work, on whichever thread calls it.
    pub fn run(self) -> DiskDone {
        match self {
            DiskJob::Save(job) => {
                let SaveJob { fs, path, project, version, expected, backups, state } = job;
                let serialized = serialize_project(&project, version).map_err(|e| SaveError::Serialize(e.to_string()));
                // Let go of the snapshot before the slow part, so an edit made meanwhile does
                // not have to copy the project.
                drop(project);
                let result = serialized.and_then(|bytes| {
                    save_bytes_reporting(fs.as_ref(), &path, &bytes, expected.as_ref(), backups.as_ref())
                });
                DiskDone::Saved { path, state, result }
            }
            DiskJob::Recovery(job) => {
                let (revision, result) = write_recovery(job);
                DiskDone::RecoveryWritten { revision, result }
            }
            DiskJob::DiscardRecovery(file) => {
                // Already gone is fine: there is nothing left to offer.
                let _ = std::fs::remove_file(file);
                DiskDone::RecoveryDiscarded
            }
            DiskJob::CheckChanged { path, stamp } => {
                let result = stamp.still_matches(&path);
                DiskDone::Checked { path, stamp, result }
            }
            DiskJob::Export { fs, path, bytes } => {
                let result = atomic_write_reporting(fs.as_ref(), &path, &bytes);
                DiskDone::Exported { path, result }
            }
            DiskJob::Load(path) => {
                let result = Box::new(load_file(&path));
                DiskDone::Loaded { path, result }
            }
        }
    }
}

fn write_recovery(job: RecoveryJob) -> (u64, Result<(), RecoveryError>) {
    let RecoveryJob { file, project, version, recovery_of, revision } = job;
    let bytes = recovery_bytes(&project, version, recovery_of.as_deref());
    drop(project);
    let result = bytes.map_err(RecoveryError::from).and_then(|bytes| Ok(atomic_write(&RealFs, &file, &bytes)?));
    (revision, result)
}
