//! Dialogs: one struct per dialog, one file each, behind the [`Dialogs`] hub, which alone
//! decides which dialog is open (Ruffle's desktop `gui/dialogs`). Each dialog owns its state
//! (the export dialog its choices and preview, the merge dialog its plan, search its index),
//! draws itself with `ui(...) -> bool` (whether it stays open) and says whether Escape closes it.
//! Dialogs read the document and queue commands; they change nothing themselves.

mod about;
mod changed_on_disk;
mod conflicts;
mod contradictions;
mod cues;
mod dashboard;
mod export;
mod glossary;
mod hub;
mod import_preview;
mod import_url;
mod link_picker;
mod reanchor_report;
mod recovery;
mod remove_article;
mod rename_article;
mod review;
mod search;
mod shortcuts;
mod tiers;
mod timeline;
mod unsaved;
mod update_text;

pub use about::AboutDialog;
pub use changed_on_disk::ChangedOnDiskDialog;
pub use conflicts::ConflictsDialog;
pub use contradictions::ContradictionsDialog;
pub use cues::CuesDialog;
pub use dashboard::DashboardDialog;
pub use export::{ExportChoices, ExportDialog};
pub use glossary::GlossaryDialog;
pub use hub::{Dialog, Dialogs};
pub use import_preview::ImportPreviewDialog;
pub use import_url::ImportUrlDialog;
pub use link_picker::LinkPickerDialog;
pub use reanchor_report::ReanchorReportDialog;
pub use recovery::RecoveryDialog;
pub use remove_article::RemoveArticleDialog;
pub use rename_article::RenameArticleDialog;
pub use review::ReviewDialog;
pub use search::SearchDialog;
pub use shortcuts::ShortcutsDialog;
pub use tiers::TiersDialog;
pub use timeline::TimelineDialog;
pub use unsaved::UnsavedChangesDialog;
pub use update_text::UpdateTextDialog;

use super::command::CommandQueue;
use super::document::Document;
use super::selection::Selection;
use super::settings::Settings;

/// What a dialog reads and may edit while it is drawn.
pub struct DialogContext<'a> {
    pub doc: &'a Document,
    pub selection: &'a Selection,
    pub settings: &'a mut Settings,
    pub commands: &'a mut CommandQueue,
    /// A page is being downloaded (the URL dialog shows a spinner).
    pub fetching: bool,
}

#[cfg(test)]
pub(crate) mod testing;
