//! The status bar: claims per tier, orphans, and whether the project is saved.

use egui::Ui;

use crate::app::command::{Command, CommandQueue};
use crate::app::document::Document;
use crate::app::theme::tier_badge;

/// Per-tier counts, recounted only when claims move or change tier.
#[derive(Debug, Default)]
pub struct StatusBar {
    counted_at: Option<u64>,
    counts: Vec<(String, usize)>,
    orphans: usize,
}

impl StatusBar {
    /// `importing`: what an import in flight is reading (a spinner and Cancel show); `opening`:
    /// a project file being read.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        (importing, opening): (Option<&str>, Option<&std::path::Path>),
        commands: &mut CommandQueue,
    ) {
        let project = doc.project();
        let revision = doc.editor.structure_revision();
        if self.counted_at != Some(revision) {
            self.counts = project.tier_counts(project.claims.iter());
            self.orphans = project.claims.iter().filter(|c| c.anchor.is_orphaned()).count();
            self.counted_at = Some(revision);
        }
        ui.horizontal(|ui| {
            for (tier_id, count) in &self.counts {
                let tier = project.tier(tier_id);
                tier_badge(ui, tier);
                ui.label(format!("{} {count}", tier.map_or(tier_id.as_str(), |t| t.label.as_str())));
                ui.add_space(8.0);
            }
            ui.label(format!("Orphans {}", self.orphans));
            if let Some(what) = importing {
                ui.add_space(12.0);
                ui.spinner();
                ui.label(format!("Importing {what}…"));
                if ui.small_button("Cancel").clicked() {
                    commands.push(Command::CancelImport);
                }
            }
            if let Some(path) = opening {
                ui.add_space(12.0);
                ui.spinner();
                let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
                ui.label(format!("Opening {name}…"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let saved = if doc.is_saving() {
                    "Saving…"
                } else if doc.editor.is_dirty() {
                    "Unsaved changes"
                } else if doc.path.is_none() {
                    "Not saved yet"
                } else {
                    "Saved"
                };
                ui.label(saved);
            });
        });
    }
}
