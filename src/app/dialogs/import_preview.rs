//! An extracted article to check, and correct, before it is added (or replaces an article's text).

use egui::RichText;

use super::DialogContext;
use crate::app::command::{Command, ImportTarget, PendingImport};

pub struct ImportPreviewDialog {
    pending: Option<PendingImport>,
}

impl ImportPreviewDialog {
    pub fn new(pending: PendingImport) -> Self {
        Self { pending: Some(pending) }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        let Some(pending) = self.pending.as_mut() else { return false };
        let updating = matches!(pending.target, ImportTarget::Update(_));
        ui.heading(if updating { "Update article text" } else { "Add article" });
        ui.set_min_width(560.0);
        let imported = &mut pending.imported;
        egui::Grid::new("import-metadata").num_columns(2).show(ui, |ui| {
            for (name, field) in [
                ("Title", &mut imported.title),
                ("Author", &mut imported.author),
                ("Published", &mut imported.published),
                ("Source URL", &mut imported.source_url),
            ] {
                let label = ui.label(name);
                ui.add(egui::TextEdit::singleline(field).desired_width(420.0)).labelled_by(label.id);
                ui.end_row();
            }
        });
        if !imported.site_name.is_empty() {
            ui.label(RichText::new(format!("Site: {}", imported.site_name)).weak());
        }
        let words = imported.text.split_whitespace().count();
        ui.label(RichText::new(format!("{words} words, {} links", imported.links.len())).weak());
        ui.separator();
        egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
            for paragraph in imported.first_paragraphs(4) {
                ui.label(paragraph);
                ui.add_space(4.0);
            }
        });
        ui.separator();
        let mut open = true;
        ui.horizontal(|ui| {
            let accept = if updating { "Update article" } else { "Add article" };
            if ui.button(accept).clicked()
                && let Some(pending) = self.pending.take()
            {
                cx.commands.push(Command::AcceptImport(Box::new(pending)));
                open = false;
            }
            if ui.button("Cancel").clicked() {
                open = false;
            }
        });
        open
    }
}
