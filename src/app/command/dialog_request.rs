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
    pub imported: crate::import::Imported,
    pub target: ImportTarget,
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
