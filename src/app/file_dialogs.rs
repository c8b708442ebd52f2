//! Native file dialogs, run on a worker thread so the window keeps painting (rfd's dialogs
//! block the calling thread). Tests answer them from a script instead.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRequest {
    Open,
    SaveAs,
    ImportArticle,
    /// Where to write the export prepared in `AppState::pending_export`.
    Export,
    /// A friend's project to merge into this one.
    Merge,
}

pub struct FileDialogs {
    sender: Sender<(FileRequest, Option<PathBuf>)>,
    receiver: Receiver<(FileRequest, Option<PathBuf>)>,
    busy: bool,
    /// When set, dialogs are not shown: each request takes the next answer (tests).
    pub scripted: Option<VecDeque<Option<PathBuf>>>,
}

impl Default for FileDialogs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self { sender, receiver, busy: false, scripted: None }
    }
}

impl FileDialogs {
    /// Shows a dialog; its answer arrives through [`FileDialogs::poll`].
    pub fn request(&mut self, ctx: &egui::Context, request: FileRequest, suggested_name: &str) {
        if let Some(script) = &mut self.scripted {
            let answer = script.pop_front().flatten();
            let _ = self.sender.send((request, answer));
            return;
        }
        if self.busy {
            return;
        }
        self.busy = true;
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        let name = suggested_name.to_owned();
        let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
            let dialog = rfd::FileDialog::new();
            let answer = match request {
                FileRequest::Open | FileRequest::Merge => {
                    dialog.add_filter("Canonry project", &["canonry"]).pick_file()
                }
                FileRequest::Export => dialog.set_file_name(&name).save_file(),
                FileRequest::SaveAs => {
                    dialog.add_filter("Canonry project", &["canonry"]).set_file_name(&name).save_file()
                }
                FileRequest::ImportArticle => dialog
                    .add_filter("Articles", &["txt", "md", "markdown", "text", "html", "htm"])
                    .add_filter("All files", &["*"])
                    .pick_file(),
            };
            let _ = sender.send((request, answer));
            ctx.request_repaint();
        });
        if spawned.is_err() {
            self.busy = false;
        }
    }

    pub fn poll(&mut self) -> Option<(FileRequest, Option<PathBuf>)> {
        let answer = self.receiver.try_recv().ok()?;
        self.busy = false;
        Some(answer)
    }
}
