//! Requests to open a dialog, with what each needs; the dialogs hub turns them into dialogs.

use super::{AfterSave, ImportTarget};
use crate::storage::recovery::Recoverable;

/// A request to open a dialog, with what it needs.
#[derive(Debug)]
pub enum DialogRequest {
    UnsavedChanges(AfterSave),
    Recovery(Vec<Recoverable>),
    RemoveArticle(String),
    RenameArticle(String),
    ChangedOnDisk,
    Tiers,
    Export,
    /// The merge resolver, on the conflicts recorded in the project.
    Conflicts,
    ImportPreview(Box<PendingImport>),
    ImportUrl {
        url: String,
        target: ImportTarget,
    },
    UpdateText(String),
    ReanchorReport {
        title: String,
        report: crate::anchoring::Report,
    },
    Review {
        article: String,
        items: Vec<ReviewItem>,
    },
    SuggestionCues,
    LinkClaim(String),
    Contradictions,
    /// The glossary list, or one name's page.
    Glossary(Option<String>),
    Search,
    Timeline,
    Dashboard,
    Shortcuts,
    About,
}

/// An import waiting for the user's check.
#[derive(Debug, Clone)]
pub struct PendingImport {
    /// What was found: one article, or one per page of a wiki `Special:Export` file, in file
    /// order. The preview lets the user correct each and leave pages out.
    pub pages: Vec<crate::import::Imported>,
    pub target: ImportTarget,
    /// The file it was read from, so the preview can read it again with other options (a
    /// subtitle file's hearing-impaired captions kept); `None` for pastes and downloads.
    pub file: Option<std::path::PathBuf>,
    /// How it was read.
    pub options: crate::import::ImportOptions,
}

/// A suggested claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub tier: String,
    pub confidence: f32,
    pub cues: Vec<String>,
}
