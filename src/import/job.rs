//! An import on a worker thread, so a slow or hostile page never freezes the window: the caller
//! starts an [`ImportJob`], polls [`ImportJob::progress`] and [`ImportJob::try_result`] each frame,
//! and may [`ImportJob::cancel`] it. Every kind of import (file, drop, paste, URL) goes through it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use super::control::{Control, Stage};
use super::{ImportError, Imported, fetch};

/// What to import.
#[derive(Debug, Clone)]
pub enum ImportSource {
    /// A file chosen in a dialog or dropped on the window.
    File(PathBuf),
    /// The clipboard: its text, and its HTML flavour when it has one.
    Clipboard {
        text: String,
        html: Option<String>,
    },
    Url {
        url: String,
        limits: fetch::Limits,
    },
}

/// The last progress a job reported.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub stage: Stage,
    /// How much of the stage is done, 0 to 1.
    pub fraction: f32,
}

/// A running import. Dropping it cancels it (its result is no longer wanted).
pub struct ImportJob {
    cancel: Arc<AtomicBool>,
    progress: Arc<Mutex<Progress>>,
    result: mpsc::Receiver<Result<Imported, ImportError>>,
    finished: Option<Result<Imported, ImportError>>,
}

impl ImportJob {
    /// Starts importing `source` on a thread named `canonry-import`.
    pub fn start(source: ImportSource) -> std::io::Result<Self> {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Mutex::new(Progress { stage: Stage::Reading, fraction: 0.0 }));
        let (send, result) = mpsc::channel();
        let (thread_cancel, thread_progress) = (Arc::clone(&cancel), Arc::clone(&progress));
        std::thread::Builder::new().name("canonry-import".into()).spawn(move || {
            let report = |stage, fraction| {
                if let Ok(mut last) = thread_progress.lock() {
                    *last = Progress { stage, fraction };
                }
            };
            let control = Control::default().with_cancel(&thread_cancel).with_progress(&report);
            let _ = send.send(run(&source, &control));
        })?;
        Ok(Self { cancel, progress, result, finished: None })
    }

    /// Asks the job to stop at its next check; [`Self::try_result`] then gives
    /// [`ImportError::Cancelled`] (or the result, if it had already finished).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn progress(&self) -> Progress {
        self.progress.lock().map(|p| *p).unwrap_or(Progress { stage: Stage::Reading, fraction: 0.0 })
    }

    /// The result once the job is done; `None` while it runs. A cancelled job's result is
    /// [`ImportError::Cancelled`] even when its thread finished the work anyway.
    pub fn try_result(&mut self) -> Option<Result<Imported, ImportError>> {
        if self.finished.is_none() {
            self.finished = match self.result.try_recv() {
                Ok(result) => Some(result),
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => {
                    Some(Err(ImportError::Io("The import stopped unexpectedly.".into())))
                }
            };
        }
        if self.cancel.load(Ordering::Relaxed) {
            self.finished = None;
            return Some(Err(ImportError::Cancelled));
        }
        self.finished.take()
    }

    /// Waits for the result (for the command line and tests).
    pub fn wait(mut self) -> Result<Imported, ImportError> {
        if let Some(result) = self.try_result() {
            return result;
        }
        let result = self.result.recv().unwrap_or(Err(ImportError::Io("The import stopped unexpectedly.".into())));
        if self.cancel.load(Ordering::Relaxed) { Err(ImportError::Cancelled) } else { result }
    }
}

impl Drop for ImportJob {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn run(source: &ImportSource, control: &Control<'_>) -> Result<Imported, ImportError> {
    match source {
        ImportSource::File(path) => super::import_file_with(path, control).map_err(|e| match e.error {
            // The file's name belongs in the message the window shows.
            ImportError::Cancelled => ImportError::Cancelled,
            _ => ImportError::Io(e.to_string()),
        }),
        ImportSource::Clipboard { text, html } => super::import_clipboard_with(text, html.as_deref(), control),
        ImportSource::Url { url, limits } => fetch::fetch_with(url, *limits, control),
    }
}
