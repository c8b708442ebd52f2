//! Work that is not drawing: answers of file dialogs, the URL download, and the timers of the
//! recovery file and the disk check. [`super::AppState::logic`] runs it every frame, and eframe
//! runs that even while the window is hidden.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::command::ImportTarget;
use super::file_dialogs::FileDialogs;
use crate::import::{ImportError, Imported};

/// A page being fetched on a worker thread.
pub struct UrlFetch {
    pub url: String,
    pub target: ImportTarget,
    receiver: Receiver<Result<Imported, ImportError>>,
}

/// A finished download.
pub struct FetchDone {
    pub url: String,
    pub target: ImportTarget,
    pub result: Result<Imported, ImportError>,
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
    url_fetch: Option<UrlFetch>,
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
            url_fetch: None,
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

    /// Downloads `url` on a worker thread; [`Background::poll_fetch`] gives the result.
    pub fn fetch_url(&mut self, ctx: &egui::Context, url: &str, target: ImportTarget) -> std::io::Result<()> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let (url, ctx, limits) = (url.trim().to_owned(), ctx.clone(), self.fetch_limits);
        std::thread::Builder::new().name("fetch-article".into()).spawn({
            let url = url.clone();
            move || {
                sender.send(crate::import::fetch::fetch(&url, limits)).ok();
                ctx.request_repaint();
            }
        })?;
        self.url_fetch = Some(UrlFetch { url, target, receiver });
        Ok(())
    }

    /// Forgets the download in flight (its thread ends on its own, its result unread).
    pub fn cancel_fetch(&mut self) {
        self.url_fetch = None;
    }

    pub fn is_fetching(&self) -> bool {
        self.url_fetch.is_some()
    }

    /// The download, once it has finished.
    pub fn poll_fetch(&mut self) -> Option<FetchDone> {
        let fetch = self.url_fetch.as_ref()?;
        let result = match fetch.receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err(ImportError::Network("The download stopped unexpectedly.".into())),
        };
        let fetch = self.url_fetch.take()?;
        Some(FetchDone { url: fetch.url, target: fetch.target, result })
    }
}
