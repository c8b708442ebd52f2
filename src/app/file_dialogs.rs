//! Native file dialogs, run on a worker thread so the window keeps painting (rfd's dialogs
//! block the calling thread). Tests answer them from a script instead. A request carries what
//! its answer needs (where an import goes, the bytes of an export), so nothing waits in a field
//! between the click and the answer.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

pub use super::command::FileRequest;

/// A dialog's answer: the request it answers and the chosen path (`None`: cancelled).
pub type FileAnswer = (FileRequest, Option<PathBuf>);

pub struct FileDialogs {
    sender: Sender<FileAnswer>,
    receiver: Receiver<FileAnswer>,
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
    pub fn request(&mut self, ctx: &egui::Context, request: FileRequest) {
        if let Some(script) = &mut self.scripted {
            let answer = script.pop_front().flatten();
            self.sender.send((request, answer)).ok();
            return;
        }
        if self.busy {
            return;
        }
        self.busy = true;
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
            let answer = show_native(&request);
            sender.send((request, answer)).ok();
            ctx.request_repaint();
        });
        if spawned.is_err() {
            self.busy = false;
        }
    }

    pub fn poll(&mut self) -> Option<FileAnswer> {
        let answer = self.receiver.try_recv().ok()?;
        self.busy = false;
        Some(answer)
    }
}

fn show_native(request: &FileRequest) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    match request {
        FileRequest::Open | FileRequest::Merge => dialog.add_filter("Canonry project", &["canonry"]).pick_file(),
        FileRequest::Export { suggested_name, .. } => dialog.set_file_name(suggested_name).save_file(),
        FileRequest::SaveAs { suggested_name } => {
            dialog.add_filter("Canonry project", &["canonry"]).set_file_name(suggested_name).save_file()
        }
        FileRequest::VaultFolder(_) => dialog.set_title("Export to a vault folder").pick_folder(),
        FileRequest::ImportArticle(_) => dialog
            .add_filter(
                "Articles",
                &["txt", "md", "markdown", "text", "html", "htm", "srt", "vtt", "epub", "wiki", "mediawiki", "xml"],
            )
            .add_filter("All files", &["*"])
            .pick_file(),
    }
}
