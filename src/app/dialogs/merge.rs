//! A merge to review: what it adds, and the claims both sides changed, each settled by keep
//! mine / take theirs / keep both. Merging is one undo step.

use egui::RichText;

use super::DialogContext;
use crate::app::command::{Command, PendingMerge};
use crate::edit::merge::Resolution;

pub struct MergeDialog {
    pending: Option<PendingMerge>,
}

impl MergeDialog {
    pub fn new(pending: PendingMerge) -> Self {
        Self { pending: Some(pending) }
    }

    /// The merge under review (until it is applied or cancelled).
    pub fn pending(&self) -> Option<&PendingMerge> {
        self.pending.as_ref()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        let Some(pending) = self.pending.as_mut() else { return false };
        ui.heading("Merge project");
        ui.label(format!("From {}", pending.source.display()));
        ui.label(pending.plan.summary());
        if pending.plan.orphaned > 0 {
            ui.label(format!(
                "{} of their claims are not in your copy of the article: they arrive as orphans.",
                pending.plan.orphaned
            ));
        }
        if !pending.plan.conflicts.is_empty() {
            ui.separator();
            ui.label(RichText::new("Claims you both changed").strong());
            egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                for (conflict, choice) in pending.plan.conflicts.iter().zip(pending.resolutions.iter_mut()) {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(RichText::new(format!("“{}”", conflict.mine.anchor.exact)).italics());
                        ui.label(format!("Mine: {} · {}", conflict.mine.tier, conflict.mine.note_summary()));
                        ui.label(format!("Theirs: {} · {}", conflict.theirs.tier, conflict.theirs.note_summary()));
                        if conflict.mine.anchor.exact != conflict.theirs.anchor.exact {
                            ui.label(format!("Their quote: “{}”", conflict.theirs.anchor.exact));
                        }
                        ui.horizontal(|ui| {
                            ui.radio_value(choice, Resolution::KeepMine, "Keep mine");
                            ui.radio_value(choice, Resolution::TakeTheirs, "Take theirs");
                            ui.radio_value(choice, Resolution::KeepBoth, "Keep both");
                        });
                    });
                }
            });
        }
        let mut open = true;
        ui.horizontal(|ui| {
            if ui.button("Merge").clicked()
                && let Some(pending) = self.pending.take()
            {
                cx.commands.push(Command::ApplyMerge(Box::new(pending)));
                open = false;
            }
            if ui.button("Cancel").clicked() {
                open = false;
            }
        });
        open
    }
}
