//! The dialogs hub: which dialog is open, how a request opens one, and what dialogs remember
//! between openings (export choices, the last search).

use super::*;
use crate::app::command::DialogRequest;

/// The dialog in front.
pub enum Dialog {
    UnsavedChanges(UnsavedChangesDialog),
    Recovery(RecoveryDialog),
    RemoveArticle(RemoveArticleDialog),
    RenameArticle(RenameArticleDialog),
    ChangedOnDisk(ChangedOnDiskDialog),
    Tiers(TiersDialog),
    Export(ExportDialog),
    Conflicts(ConflictsDialog),
    ImportPreview(ImportPreviewDialog),
    ImportUrl(ImportUrlDialog),
    UpdateText(UpdateTextDialog),
    ReanchorReport(ReanchorReportDialog),
    Review(ReviewDialog),
    Cues(CuesDialog),
    LinkPicker(LinkPickerDialog),
    Contradictions(ContradictionsDialog),
    Glossary(GlossaryDialog),
    /// Boxed: the search index makes it much larger than any other dialog.
    Search(Box<SearchDialog>),
    Timeline(TimelineDialog),
    Dashboard(DashboardDialog),
    Shortcuts(ShortcutsDialog),
    About(AboutDialog),
}

impl Dialog {
    /// Draws the dialog; returns whether it stays open.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        match self {
            Self::UnsavedChanges(d) => d.ui(ui, cx),
            Self::Recovery(d) => d.ui(ui, cx),
            Self::RemoveArticle(d) => d.ui(ui, cx),
            Self::RenameArticle(d) => d.ui(ui, cx),
            Self::ChangedOnDisk(d) => d.ui(ui, cx),
            Self::Tiers(d) => d.ui(ui, cx),
            Self::Export(d) => d.ui(ui, cx),
            Self::Conflicts(d) => d.ui(ui, cx),
            Self::ImportPreview(d) => d.ui(ui, cx),
            Self::ImportUrl(d) => d.ui(ui, cx),
            Self::UpdateText(d) => d.ui(ui, cx),
            Self::ReanchorReport(d) => d.ui(ui, cx),
            Self::Review(d) => d.ui(ui, cx),
            Self::Cues(d) => d.ui(ui, cx),
            Self::LinkPicker(d) => d.ui(ui, cx),
            Self::Contradictions(d) => d.ui(ui, cx),
            Self::Glossary(d) => d.ui(ui, cx),
            Self::Search(d) => d.ui(ui, cx),
            Self::Timeline(d) => d.ui(ui, cx),
            Self::Dashboard(d) => d.ui(ui, cx),
            Self::Shortcuts(d) => d.ui(ui, cx),
            Self::About(d) => d.ui(ui, cx),
        }
    }

    /// Whether Escape (or a click outside) closes it: only dialogs that need no answer.
    fn closes_on_escape(&self) -> bool {
        matches!(
            self,
            Self::Shortcuts(_)
                | Self::About(_)
                | Self::Tiers(_)
                | Self::RenameArticle(_)
                | Self::RemoveArticle(_)
                | Self::Export(_)
                | Self::Search(_)
                | Self::Timeline(_)
                | Self::Dashboard(_)
                | Self::Contradictions(_)
                | Self::Glossary(_)
                | Self::Cues(_)
                | Self::ReanchorReport(_)
                | Self::LinkPicker(_)
                | Self::Conflicts(_)
        )
    }
}

/// The open dialog and what dialogs keep between openings.
#[derive(Default)]
pub struct Dialogs {
    open: Option<Dialog>,
    export_choices: ExportChoices,
    last_search: Option<SearchDialog>,
}

impl Dialogs {
    pub fn current(&self) -> Option<&Dialog> {
        self.open.as_ref()
    }

    pub fn current_mut(&mut self) -> Option<&mut Dialog> {
        self.open.as_mut()
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Opens the requested dialog in place of any other.
    pub fn open(&mut self, request: DialogRequest, project: &crate::model::Project) {
        self.close();
        self.open = Some(match request {
            DialogRequest::UnsavedChanges(then) => Dialog::UnsavedChanges(UnsavedChangesDialog::new(then)),
            DialogRequest::Recovery(found) => Dialog::Recovery(RecoveryDialog::new(found)),
            DialogRequest::RemoveArticle(article) => Dialog::RemoveArticle(RemoveArticleDialog::new(article)),
            DialogRequest::RenameArticle(article) => {
                let title = project.article(&article).map(|a| a.title.clone()).unwrap_or_default();
                Dialog::RenameArticle(RenameArticleDialog::new(article, title))
            }
            DialogRequest::ChangedOnDisk => Dialog::ChangedOnDisk(ChangedOnDiskDialog),
            DialogRequest::Tiers => Dialog::Tiers(TiersDialog::default()),
            DialogRequest::Export => Dialog::Export(ExportDialog::new(std::mem::take(&mut self.export_choices))),
            DialogRequest::Conflicts => Dialog::Conflicts(ConflictsDialog),
            DialogRequest::ImportPreview(pending) => Dialog::ImportPreview(ImportPreviewDialog::new(*pending)),
            DialogRequest::ImportUrl { url, target } => Dialog::ImportUrl(ImportUrlDialog::new(url, target)),
            DialogRequest::UpdateText(article) => Dialog::UpdateText(UpdateTextDialog::new(article)),
            DialogRequest::ReanchorReport { title, report } => {
                Dialog::ReanchorReport(ReanchorReportDialog::new(title, report))
            }
            DialogRequest::Review { article, items } => Dialog::Review(ReviewDialog::new(article, items)),
            DialogRequest::SuggestionCues => Dialog::Cues(CuesDialog),
            DialogRequest::LinkClaim(from) => Dialog::LinkPicker(LinkPickerDialog::new(from)),
            DialogRequest::Contradictions => Dialog::Contradictions(ContradictionsDialog::default()),
            DialogRequest::Glossary(entry) => Dialog::Glossary(GlossaryDialog::new(entry)),
            DialogRequest::Search => {
                let mut search = self.last_search.take().unwrap_or_default();
                search.focus_query();
                Dialog::Search(Box::new(search))
            }
            DialogRequest::Timeline => Dialog::Timeline(TimelineDialog::default()),
            DialogRequest::Dashboard => Dialog::Dashboard(DashboardDialog::default()),
            DialogRequest::Shortcuts => Dialog::Shortcuts(ShortcutsDialog),
            DialogRequest::About => Dialog::About(AboutDialog),
        });
    }

    /// Closes the open dialog, keeping what the next one of its kind starts from.
    pub fn close(&mut self) {
        match self.open.take() {
            Some(Dialog::Export(export)) => self.export_choices = export.into_choices(),
            Some(Dialog::Search(search)) => self.last_search = Some(*search),
            _ => {}
        }
    }

    /// Draws the open dialog as a modal window.
    pub fn ui(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) {
        let Some(dialog) = &mut self.open else { return };
        let mut keep_open = true;
        let response = egui::Modal::new(egui::Id::unique("canonry-modal")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            keep_open = dialog.ui(ui, cx);
        });
        if response.should_close() && dialog.closes_on_escape() {
            keep_open = false;
        }
        if !keep_open {
            self.close();
        }
    }
}
