//! The window's side of the background disk writer ([`crate::storage::disk_worker`]): saves,
//! recovery writes, change checks and export writes start here on a snapshot of the project,
//! and what they did is applied when they finish. No frame waits for the disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::command::{AfterSave, Command, DialogRequest};
use super::state::AppState;
use crate::storage::backup::BackupDir;
use crate::storage::disk_job::{DiskDone, DiskJob, SaveJob};
use crate::storage::disk_worker::Finished;
use crate::storage::{SaveError, Saved};

pub use super::writes_in_flight::{LoadPurpose, Loading, SaveInFlight, WritesInFlight};

impl AppState {
    /// The longest the window waits for the disk writer: before another project replaces this
    /// one, and when quitting with a save in flight.
    pub const DISK_WAIT: Duration = Duration::from_secs(30);
    const KEEP_WINDOW_OPEN: &str = "Your work is kept in this window; do not close it until it is saved.";

    /// Saves to `path` in the background, then does `then`. A save to the document's own path
    /// refuses to overwrite changes made by another program; a save elsewhere (Save As) writes
    /// where the user chose.
    pub fn save_to(&mut self, path: &Path, then: Option<AfterSave>) {
        let request = SaveInFlight { path: path.to_owned(), then };
        let writes = &mut self.doc.writes;
        if writes.saving.is_some() {
            let then = request.then.or_else(|| writes.queued_save.take().and_then(|queued| queued.then));
            writes.queued_save = Some(SaveInFlight { path: request.path, then });
            return;
        }
        self.start_save(request);
    }

    fn start_save(&mut self, request: SaveInFlight) {
        let same_file = self.doc.path.as_deref() == Some(request.path.as_path());
        let expected = if same_file { self.doc.stamp.clone() } else { None };
        let backups = self.data_dir.as_ref().map(|d| BackupDir::new(d.join("backups")));
        // Typing from now on starts a new undo step, so undo can come back to what was saved.
        self.doc.editor.break_coalescing();
        let job = DiskJob::Save(SaveJob {
            fs: Arc::clone(&self.background.project_fs),
            path: request.path.clone(),
            project: self.doc.editor.snapshot(),
            version: self.doc.version,
            expected,
            backups,
            state: self.doc.editor.state_id(),
        });
        self.doc.writes.saving = Some(request);
        self.background.submit(self.doc.id(), job);
    }

    /// Writes the unsaved work as it is now to the recovery file, in the background.
    pub(super) fn start_recovery_write(&mut self) -> bool {
        let Some(job) = self.doc.recovery_job() else { return false };
        self.doc.writes.recovery += 1;
        self.background.submit(self.doc.id(), job);
        true
    }

    /// Asks the writer whether another program changed the project file.
    pub(super) fn start_disk_check(&mut self) {
        let writes = &self.doc.writes;
        if writes.check || writes.saving.is_some() || self.doc.changed_on_disk {
            return;
        }
        if let (Some(path), Some(stamp)) = (self.doc.path.clone(), self.doc.stamp.clone()) {
            self.doc.writes.check = true;
            self.background.submit(self.doc.id(), DiskJob::CheckChanged { path, stamp });
        }
    }

    /// Reads `path` in the background, then opens or reloads it.
    pub(super) fn start_load(&mut self, path: &Path, purpose: LoadPurpose) {
        self.background.loading = Some(Loading { path: path.to_owned(), purpose });
        self.background.submit(self.doc.id(), DiskJob::Load(path.to_owned()));
    }

    pub(super) fn start_export_write(&mut self, path: PathBuf, bytes: Vec<u8>) {
        let fs = Arc::clone(&self.background.project_fs);
        self.background.submit(self.doc.id(), DiskJob::Export { fs, path, bytes });
    }

    /// Applies the disk work that finished since the last frame.
    pub(super) fn apply_finished_disk_work(&mut self) {
        while let Some(finished) = self.background.disk.poll() {
            self.apply_finished(finished);
        }
    }

    /// Waits up to `timeout` for all disk work given so far and applies it; returns whether it
    /// all finished. For moments that cannot wait for a later frame: before another document
    /// replaces this one, when quitting, and in tests.
    pub fn wait_for_disk_work(&mut self, timeout: Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.background.disk.is_busy() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.background.disk.wait(left) {
                Some(finished) => self.apply_finished(finished),
                None => return false,
            }
        }
        true
    }

    fn apply_finished(&mut self, (owner, done): Finished) {
        let current = owner == self.doc.id();
        match done {
            DiskDone::Saved { path, state, result } if current => self.finish_save(path, state, result),
            DiskDone::Saved { result: Err(e), .. } => self.notices.error(e.to_string()),
            DiskDone::Saved { .. } | DiskDone::RecoveryDiscarded => {}
            DiskDone::RecoveryWritten { revision, result } if current => {
                self.doc.writes.recovery = self.doc.writes.recovery.saturating_sub(1);
                match (self.doc.writes.failed_save.take(), &result) {
                    (Some(failed), Ok(())) => {
                        self.notices
                            .error(format!("{failed} Your work is kept in this window and in the recovery file."));
                    }
                    (Some(failed), Err(_)) => self.notices.error(format!("{failed} {}", Self::KEEP_WINDOW_OPEN)),
                    (None, Err(e)) => self.notices.error(format!("Cannot write the recovery file: {e}")),
                    (None, Ok(())) => {}
                }
                // After a failure too: the next attempt waits for the next edit, not the next frame.
                self.doc.recovery_revision = self.doc.recovery_revision.max(revision);
            }
            DiskDone::RecoveryWritten { .. } => {}
            DiskDone::Checked { path, stamp, result } if current => {
                self.doc.writes.check = false;
                let still_ours = self.doc.path.as_ref() == Some(&path) && self.doc.stamp.as_ref() == Some(&stamp);
                let changed = matches!(result, Ok(false));
                if changed && still_ours && !self.doc.is_saving() && !self.doc.changed_on_disk {
                    self.doc.changed_on_disk = true;
                    if !self.dialogs.is_open() {
                        self.dialogs.open(DialogRequest::ChangedOnDisk, self.doc.project());
                    }
                }
            }
            DiskDone::Checked { .. } => {}
            DiskDone::Loaded { path, result } => {
                let Some(loading) = self.background.loading.take_if(|loading| loading.path == path) else { return };
                match loading.purpose {
                    LoadPurpose::Open => self.finish_open(&path, *result),
                    LoadPurpose::Reload if current => self.finish_reload(*result),
                    LoadPurpose::Reload => {}
                }
            }
            DiskDone::Exported { path, result } => match result {
                Ok(None) => self.notices.info(format!("Exported to {}.", path.display())),
                Ok(Some(warning)) => self.notices.info(format!("Exported to {}. {warning}", path.display())),
                Err(e) => self.notices.error(e.to_string()),
            },
        }
    }

    fn finish_save(&mut self, path: PathBuf, state: u64, result: Result<Saved, SaveError>) {
        let then = self.doc.writes.saving.take().and_then(|request| request.then);
        let queued = self.doc.writes.queued_save.take();
        match result {
            Ok(saved) => {
                if let Some(warning) = saved.warning {
                    // Saved, but the folder could not be flushed: say so, without calling it a failure.
                    self.notices.info(format!("Saved {}. {warning}", path.display()));
                }
                self.doc.stamp = Some(saved.stamp);
                // Saved under a new name: that file is now the one this window holds.
                self.doc.lock_saved_path(&path);
                self.doc.path = Some(path.clone());
                self.doc.editor.mark_saved_state(state);
                self.doc.changed_on_disk = false;
                self.settings.add_recent(&path);
                if !self.doc.editor.is_dirty()
                    && let Some(file) = self.doc.recovery_path()
                {
                    let job = DiskJob::DiscardRecovery(file.to_owned());
                    self.doc.recovery_revision = self.doc.editor.revision();
                    self.background.submit(self.doc.id(), job);
                }
                match queued {
                    // Saved again from the new stamp; what was to follow waits for that save.
                    Some(next) => self.start_save(SaveInFlight { then: next.then.or(then), ..next }),
                    // Asks again if the user edited while it saved.
                    None => {
                        if let Some(then) = then {
                            self.commands.push(Command::AfterSave(then));
                        }
                    }
                }
            }
            Err(SaveError::ChangedOnDisk { .. }) => {
                // Not overwritten: the work stays in the window and goes to the recovery file
                // while the user decides.
                self.start_recovery_write();
                self.doc.changed_on_disk = true;
                self.dialogs.open(DialogRequest::ChangedOnDisk, self.doc.project());
            }
            Err(e) => {
                // Said once the recovery write is back, so the message tells where the work is.
                if self.start_recovery_write() {
                    self.doc.writes.failed_save = Some(e.to_string());
                } else {
                    self.notices.error(format!("{e} {}", Self::KEEP_WINDOW_OPEN));
                }
            }
        }
    }
}
