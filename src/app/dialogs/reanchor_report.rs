//! What "Update Article Text" did to the article's claims: moved exactly, moved to changed words
//! (old and new side by side), orphaned.

use egui::RichText;

use super::DialogContext;
use crate::anchoring::{Outcome, Report};

pub struct ReanchorReportDialog {
    title: String,
    report: Report,
}

impl ReanchorReportDialog {
    pub fn new(title: String, report: Report) -> Self {
        Self { title, report }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading(format!("Updated “{}”", self.title));
        ui.label(self.report.summary());
        let project = cx.doc.project();
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            for (id, outcome) in &self.report.outcomes {
                match outcome {
                    Outcome::Exact => {}
                    Outcome::Fuzzy { old_quote, new_quote } => {
                        ui.label(RichText::new("Moved to changed words").strong());
                        ui.label(format!("was: “{old_quote}”"));
                        ui.label(format!("now: “{new_quote}”"));
                        ui.separator();
                    }
                    Outcome::Orphaned { reason } => {
                        let quote = project.claim(id).map_or("", |c| c.anchor.exact.as_str());
                        ui.label(RichText::new("Orphaned").strong().color(ui.visuals().warn_fg_color));
                        ui.label(format!("“{quote}”: {reason}"));
                        ui.separator();
                    }
                }
            }
        });
        ui.label(
            RichText::new(
                "Orphans are listed in the claim list; select the right words and use Re-attach in the note pane.",
            )
            .weak(),
        );
        !ui.button("Close").clicked()
    }
}
