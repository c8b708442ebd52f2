//! Bookkeeping of the disk work given to the disk writer and not answered yet (see
//! `disk_work`): plain data, so the document and the background can hold it.

use std::path::PathBuf;

use super::command::AfterSave;

/// A save given to the writer, or waiting for the one before it.
#[derive(Debug, Clone)]
pub struct SaveInFlight {
    pub path: PathBuf,
    /// What to do once saved (quit, open another project, ...), when the save came first.
    pub then: Option<AfterSave>,
}

/// Why a project file is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadPurpose {
    /// To open it in place of the current document.
    Open,
    /// To take the file's content into the current document as an undoable step.
    Reload,
}

/// A project file being read in the background. One at a time: a newer request wins.
#[derive(Debug, Clone)]
pub struct Loading {
    pub path: PathBuf,
    pub purpose: LoadPurpose,
}

/// A document's disk work that has not been answered yet.
#[derive(Debug, Default)]
pub struct WritesInFlight {
    pub saving: Option<SaveInFlight>,
    /// A save asked for while one was running: it starts when that one is done, from the stamp
    /// that one left (two saves never overlap).
    pub queued_save: Option<SaveInFlight>,
    /// Recovery writes given and not answered.
    pub recovery: usize,
    /// A failed save's message, said once the recovery write it started tells where the work is.
    pub failed_save: Option<String>,
    pub check: bool,
}
