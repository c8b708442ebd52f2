//! The open project: its editor (undo history), where it lives on disk, the stamp that tells
//! whether another program changed the file, its recovery slot and its lock.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::writes_in_flight::WritesInFlight;
use crate::edit::Editor;
use crate::model::Project;
use crate::storage::disk_job::{DiskJob, RecoveryJob};
use crate::storage::lock::{LockError, ProjectLock};
use crate::storage::recovery::{RecoverySlot, recovery_bytes};
use crate::storage::{CURRENT_VERSION, DiskStamp, FormatVersion, LoadError, LoadedProject, load_file, parse_project};

/// A project file read and parsed (perhaps on another thread), with its stamp.
pub type LoadResult = Result<(LoadedProject, DiskStamp), LoadError>;

/// Where a document comes from when it is made.
pub struct DocumentSource {
    pub project: Project,
    /// `None` until first saved.
    pub path: Option<PathBuf>,
    pub stamp: Option<DiskStamp>,
    pub version: FormatVersion,
}

pub struct Document {
    /// Tells this document's disk outcomes from those of the one it replaced.
    id: u64,
    pub editor: Editor,
    /// `None` until first saved.
    pub path: Option<PathBuf>,
    pub stamp: Option<DiskStamp>,
    pub version: FormatVersion,
    recovery: Option<RecoverySlot>,
    /// Editor revision last written to the recovery file.
    pub(super) recovery_revision: u64,
    /// Set when the file changed on disk under us and the user has not decided yet.
    pub changed_on_disk: bool,
    /// Held while this window has the project open (tells other windows).
    lock: Option<ProjectLock>,
    /// Another Canonry window had the project open when this one opened it.
    pub open_elsewhere: bool,
    /// Saves, recovery writes and disk checks given to the background writer.
    pub(super) writes: WritesInFlight,
}

impl Document {
    /// A document for `source`. `held` is the lock of the document it replaces: kept when both
    /// are the same file, since the OS would refuse this process a second lock on it.
    pub fn new(source: DocumentSource, recovery_dir: Option<&Path>, held: Option<ProjectLock>) -> Self {
        let DocumentSource { project, path, stamp, version } = source;
        let recovery = recovery_dir.and_then(|dir| RecoverySlot::claim(dir).ok());
        let (lock, open_elsewhere) = match path.as_deref() {
            Some(path) => match held.filter(|lock| lock.is_for(path)) {
                Some(lock) => (Some(lock), false),
                None => match ProjectLock::acquire(path) {
                    Ok(lock) => (Some(lock), false),
                    Err(LockError::HeldElsewhere) => (None, true),
                    // A read-only folder cannot hold a lock file; the project still opens.
                    Err(LockError::Io(_)) => (None, false),
                },
            },
            None => (None, false),
        };
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            editor: Editor::new(project),
            path,
            stamp,
            version,
            recovery,
            recovery_revision: 0,
            changed_on_disk: false,
            lock,
            open_elsewhere,
            writes: WritesInFlight::default(),
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    /// Whether a save of this document is running in the background.
    pub fn is_saving(&self) -> bool {
        self.writes.saving.is_some()
    }

    /// An untitled, empty project.
    pub fn untitled(recovery_dir: Option<&Path>) -> Self {
        let source = DocumentSource {
            project: Project::new("Untitled lore"),
            path: None,
            stamp: None,
            version: CURRENT_VERSION,
        };
        Self::new(source, recovery_dir, None)
    }

    /// The sample project, as a new untitled document.
    pub fn sample(recovery_dir: Option<&Path>) -> Self {
        match parse_project(crate::SAMPLE_PROJECT.as_bytes()) {
            Ok(loaded) => {
                let source =
                    DocumentSource { project: loaded.project, path: None, stamp: None, version: loaded.version };
                Self::new(source, recovery_dir, None)
            }
            Err(_) => Self::untitled(recovery_dir),
        }
    }

    /// Opens a project file, with the notices to show (warnings, an upgrade from an older format).
    pub fn open(
        path: &Path,
        loaded: LoadResult,
        recovery_dir: Option<&Path>,
        held: Option<ProjectLock>,
    ) -> Result<(Self, Vec<String>), LoadError> {
        let (loaded, stamp) = loaded?;
        let mut notices: Vec<String> = loaded.warnings.iter().map(|w| format!("{}: {w}", path.display())).collect();
        if let Some(old) = loaded.migrated_from {
            notices.push(format!(
                "{} uses the older format {old}; it will be saved in format {}.",
                path.display(),
                loaded.version
            ));
        }
        let source = DocumentSource {
            project: loaded.project,
            path: Some(path.to_owned()),
            stamp: Some(stamp),
            version: loaded.version,
        };
        let mut doc = Self::new(source, recovery_dir, held);
        if loaded.migrated_from.is_some() {
            doc.editor.mark_unsaved();
        }
        Ok((doc, notices))
    }

    /// Reads a project file (for [`Document::open`], possibly on another thread).
    pub fn read(path: &Path) -> LoadResult {
        load_file(path)
    }

    pub fn project(&self) -> &Project {
        self.editor.project()
    }

    /// Gives up the lock, for a document that replaces this one on the same file.
    pub fn take_lock(&mut self) -> Option<ProjectLock> {
        self.lock.take()
    }

    /// Holds the lock of the file this document was just saved as.
    pub fn lock_saved_path(&mut self, path: &Path) {
        if self.lock.as_ref().is_none_or(|lock| !lock.is_for(path)) {
            self.lock = ProjectLock::acquire(path).ok();
        }
    }

    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.file_stem().map_or_else(|| p.display().to_string(), |s| s.to_string_lossy().into_owned()),
            None => self.project().title.clone(),
        }
    }

    pub fn recovery_path(&self) -> Option<&Path> {
        self.recovery.as_ref().map(RecoverySlot::path)
    }

    /// The job that writes unsaved work as it is now to the recovery file (in the background).
    pub fn recovery_job(&self) -> Option<DiskJob> {
        let slot = self.recovery.as_ref()?;
        Some(DiskJob::Recovery(RecoveryJob {
            file: slot.path().to_owned(),
            project: self.editor.snapshot(),
            version: self.version,
            recovery_of: self.path.clone(),
            revision: self.editor.revision(),
        }))
    }

    /// Writes unsaved work to the recovery file now, on this thread: for the last moments of a
    /// process (quitting, a panic), when there is no later frame to hear back from the writer.
    pub fn write_recovery(&mut self) -> Result<(), crate::storage::recovery::RecoveryError> {
        let Some(slot) = &self.recovery else { return Ok(()) };
        let bytes = recovery_bytes(self.editor.project(), self.version, self.path.as_deref())?;
        slot.write(&bytes)?;
        self.recovery_revision = self.editor.revision();
        Ok(())
    }

    pub fn discard_recovery(&mut self) {
        if let Some(slot) = &self.recovery {
            slot.discard();
        }
        self.recovery_revision = self.editor.revision();
    }
}

impl Drop for Document {
    fn drop(&mut self) {
        // A document closed cleanly (saved, or the user chose not to save) leaves no recovery.
        if !self.editor.is_dirty() {
            self.discard_recovery();
        }
    }
}
