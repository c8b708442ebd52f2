//! Work that is not drawing: answers of file dialogs, imports (files, pastes, downloads) on a
//! worker thread, the disk writer (saves, recovery writes, disk checks; see `disk_work`), and
//! the timers of the recovery file and the disk check. [`super::AppState::logic`] runs it every frame, and eframe
//! runs that even while the window is hidden.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::command::ImportTarget;
use super::file_dialogs::FileDialogs;
use crate::import::Imported;

/// An import running on a worker thread: reading and extracting a file, a pasted page or a
/// downloaded one can take seconds on a hostile page, and the window must keep painting.
pub struct ImportJob {
    /// What is being imported, for the progress line ("Star.Trek.S01E01.srt", a URL).
    pub what: String,
    pub target: ImportTarget,
    /// The file being read, if it is one (the preview may read it again with other options).
    file: Option<std::path::PathBuf>,
    receiver: Receiver<Result<Vec<Imported>, String>>,
}

/// A finished import: one article, or one per page of a wiki export.
pub struct ImportDone {
    pub target: ImportTarget,
    pub file: Option<std::path::PathBuf>,
    pub result: Result<Vec<Imported>, String>,
}

pub struct Background {
    pub file_dialogs: FileDialogs,
    /// Where projects and exports are written: the real file system, or in tests one that fails
    /// like a full or read-only disk.
    pub project_fs: Arc<dyn crate::storage::Fs + Send + Sync>,
    /// Time and size limits of URL imports.
    pub fetch_limits: crate::import::fetch::Limits,
    /// Quiet time after an edit before the recovery file is written.
    pub recovery_delay: Duration,
    /// How often the project file is checked for changes by other programs.
    pub disk_check_interval: Duration,
    import: Option<ImportJob>,
    /// Saves, recovery writes, change checks and export writes, one at a time, off this thread.
    pub(super) disk: crate::storage::disk_worker::DiskWorker,
    /// Woken when a background job finishes, so its outcome shows without waiting for input.
    repaint: Option<egui::Context>,
    /// The project file being read, and why.
    pub(super) loading: Option<super::writes_in_flight::Loading>,
    /// A vault export writing notes (thousands of small files take seconds).
    vault_export: Option<Receiver<Result<crate::export::vault::VaultReport, String>>>,
    /// Where the next pasted text goes (the system answers a paste request a frame later).
    pub paste_target: Option<ImportTarget>,
    pub(super) last_seen_revision: u64,
    pub(super) last_edit_at: Option<Instant>,
    pub(super) last_disk_check: Option<Instant>,
}

impl Default for Background {
    fn default() -> Self {
        Self {
            file_dialogs: FileDialogs::default(),
            project_fs: Arc::new(crate::storage::RealFs),
            fetch_limits: crate::import::fetch::Limits::default(),
            recovery_delay: Self::RECOVERY_DELAY,
            disk_check_interval: Self::DISK_CHECK_INTERVAL,
            import: None,
            disk: crate::storage::disk_worker::DiskWorker::default(),
            repaint: None,
            loading: None,
            vault_export: None,
            paste_target: None,
            last_seen_revision: 0,
            last_edit_at: None,
            last_disk_check: None,
        }
    }
}

impl Background {
    /// Seconds of quiet after an edit before unsaved work goes to the recovery file.
    pub const RECOVERY_DELAY: Duration = Duration::from_secs(3);
    const DISK_CHECK_INTERVAL: Duration = Duration::from_secs(2);

    /// The window's context, to wake it when disk work finishes.
    pub(super) fn wake_with(&mut self, ctx: &egui::Context) {
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
        }
    }

    /// Gives `job` to the disk writer on behalf of document `owner`.
    pub(super) fn submit(&mut self, owner: u64, job: crate::storage::disk_job::DiskJob) {
        let repaint = self.repaint.clone();
        self.disk.submit(owner, job, move || {
            Box::new(move || {
                if let Some(ctx) = &repaint {
                    ctx.request_repaint();
                }
            })
        });
    }

    /// Runs `work` (an import) on a worker thread; [`Background::poll_import`] gives its result.
    /// One import at a time: a new one replaces the one in flight, whose result is dropped.
    pub fn start_import(
        &mut self,
        ctx: &egui::Context,
        what: String,
        target: ImportTarget,
        work: impl FnOnce() -> Result<Imported, String> + Send + 'static,
    ) -> std::io::Result<()> {
        self.start_import_pages(ctx, what, target, None, move || work().map(|imported| vec![imported]))
    }

    /// [`Background::start_import`] of `file`, which may hold several articles (a wiki export's
    /// pages).
    pub fn start_import_pages(
        &mut self,
        ctx: &egui::Context,
        what: String,
        target: ImportTarget,
        file: Option<std::path::PathBuf>,
        work: impl FnOnce() -> Result<Vec<Imported>, String> + Send + 'static,
    ) -> std::io::Result<()> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::Builder::new().name("import-article".into()).spawn(move || {
            sender.send(work()).ok();
            ctx.request_repaint();
        })?;
        self.import = Some(ImportJob { what, target, file, receiver });
        Ok(())
    }

    /// Downloads and extracts `url` in the background.
    pub fn fetch_url(&mut self, ctx: &egui::Context, url: &str, target: ImportTarget) -> std::io::Result<()> {
        let (url, limits) = (url.trim().to_owned(), self.fetch_limits);
        let what = url.clone();
        self.start_import(ctx, what, target, move || {
            crate::import::fetch::fetch(&url, limits).map_err(|e| format!("Cannot import {url}: {e}"))
        })
    }

    /// Forgets the import in flight: its result is never shown (the worker ends on its own,
    /// within the import's time budget).
    pub fn cancel_import(&mut self) {
        self.import = None;
    }

    /// The project file being read, if any.
    pub fn opening(&self) -> Option<&std::path::Path> {
        self.loading.as_ref().map(|loading| loading.path.as_path())
    }

    /// What is being imported, if anything.
    pub fn importing(&self) -> Option<&str> {
        self.import.as_ref().map(|job| job.what.as_str())
    }

    /// Exports `project` into the vault `folder` on a worker thread.
    pub fn start_vault_export(
        &mut self,
        ctx: &egui::Context,
        project: crate::model::Project,
        options: crate::export::ExportOptions,
        folder: std::path::PathBuf,
    ) -> std::io::Result<()> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::Builder::new().name("vault-export".into()).spawn(move || {
            let result = crate::export::vault::export_vault(&project, &options, &folder).map_err(|e| e.to_string());
            sender.send(result).ok();
            ctx.request_repaint();
        })?;
        self.vault_export = Some(receiver);
        Ok(())
    }

    /// The vault export, once it has finished.
    pub fn poll_vault_export(&mut self) -> Option<Result<crate::export::vault::VaultReport, String>> {
        let result = match self.vault_export.as_ref()?.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err("The vault export stopped unexpectedly.".into()),
        };
        self.vault_export = None;
        Some(result)
    }

    /// The import, once it has finished.
    pub fn poll_import(&mut self) -> Option<ImportDone> {
        let job = self.import.as_ref()?;
        let result = match job.receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err(format!("Importing {} stopped unexpectedly.", job.what)),
        };
        let job = self.import.take()?;
        Some(ImportDone { target: job.target, file: job.file, result })
    }
}
