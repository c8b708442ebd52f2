//! Requests that wait for an answer from outside the app: what to do after unsaved changes are
//! dealt with, where an import goes, and what a native file dialog is for.

use std::path::PathBuf;

/// Something to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterSave {
    Open(PathBuf),
    New,
    Quit,
}

/// Where an import goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ImportTarget {
    #[default]
    NewArticle,
    /// A newer version of this article: its claims are re-anchored.
    Update(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRequest {
    Open,
    /// Save the project under a new name, suggesting this file name.
    SaveAs {
        suggested_name: String,
    },
    ImportArticle(ImportTarget),
    /// Where to write these export bytes.
    Export {
        bytes: Vec<u8>,
        suggested_name: String,
    },
    /// A friend's project to merge into this one.
    Merge,
    /// An Obsidian or Logseq vault folder to export into, with these options.
    VaultFolder(Box<crate::export::ExportOptions>),
}
