//! Commands: what the UI asks the app to do. Panels and dialogs push them on a
//! [`CommandQueue`] while they draw; [`super::AppState::run`] runs them once per frame, in order,
//! in `command_handling` (egui_demo_app's `Command` + `run_cmd`, rerun's `SystemCommand`). So the
//! UI never changes the project, the selection or the open dialog itself, and every follow-up
//! (selecting what was tagged, saying how many links went with a claim) happens in one place.

mod dialog_request;
mod edit;
mod file_request;

use std::path::PathBuf;

pub use dialog_request::{DialogRequest, PendingImport, ReviewItem};
pub use edit::{Edit, TierEdit};
pub use file_request::{AfterSave, FileRequest, ImportTarget};

use super::selection::NotesTab;
use super::ui_command::UiCommand;
use crate::storage::recovery::Recoverable;

/// What the UI asks for, with its arguments.
#[derive(Debug)]
pub enum Command {
    Ui(UiCommand),
    Edit(Edit),
    // ---- Navigation and selection
    SelectArticle(String),
    SelectClaim(String),
    ClearClaimSelection,
    /// Shows code points `start..end` of an article, selected.
    GoToText {
        article: String,
        start: usize,
        end: usize,
    },
    ShowNotesTab(NotesTab),
    /// Shows a hidden spoiler (a claim, its article, or both) for this session.
    Reveal(Vec<String>),
    /// The tier key or button: tags the reader's selection, or retags the selected claim.
    ApplyTier(String),
    AcceptSuggestion,
    StepClaim {
        forward: bool,
    },
    DeleteClaim(String),
    // ---- Files
    OpenPath(PathBuf),
    /// A save asked for first has finished: go on (asking again if the user edited meanwhile).
    AfterSave(AfterSave),
    /// The unsaved-changes dialog's answer: save first (or not), then continue.
    ContinueAfterUnsaved {
        then: AfterSave,
        save: bool,
    },
    ReloadFromDisk,
    Restore(Box<Recoverable>),
    DiscardRecovered(Box<Recoverable>),
    RequestFile(FileRequest),
    ImportFile {
        path: PathBuf,
        target: ImportTarget,
    },
    ImportClipboard {
        text: String,
        target: ImportTarget,
    },
    /// Asks the system for the clipboard; the pasted text becomes an article for `target`.
    PasteArticle(ImportTarget),
    FetchUrl {
        url: String,
        target: ImportTarget,
    },
    /// Stops waiting for the import in flight (its result is dropped).
    CancelImport,
    AcceptImport(Box<PendingImport>),
    /// Writes an export made with these choices to a file the user picks.
    ExportToFile {
        format: crate::export::Format,
        options: Box<crate::export::ExportOptions>,
    },
    PrepareMerge(PathBuf),
    StartReview,
    RebuildSuggester,
    CopyText(String),
    // ---- Dialogs and messages
    OpenDialog(DialogRequest),
    CloseDialog,
    Info(String),
    Error(String),
}

impl From<UiCommand> for Command {
    fn from(command: UiCommand) -> Self {
        Command::Ui(command)
    }
}

impl From<Edit> for Command {
    fn from(edit: Edit) -> Self {
        Command::Edit(edit)
    }
}

impl From<DialogRequest> for Command {
    fn from(request: DialogRequest) -> Self {
        Command::OpenDialog(request)
    }
}

/// Commands queued during a frame, run after it is drawn.
#[derive(Debug, Default)]
pub struct CommandQueue {
    queued: Vec<Command>,
}

impl CommandQueue {
    pub fn push(&mut self, command: impl Into<Command>) {
        self.queued.push(command.into());
    }

    /// Takes every queued command, oldest first.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.queued)
    }

    pub fn is_empty(&self) -> bool {
        self.queued.is_empty()
    }
}
