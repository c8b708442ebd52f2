//! Lore > Timeline: dated claims in in-universe order; only visible rows are laid out.

use egui::RichText;

use super::DialogContext;
use crate::app::command::Command;
use crate::app::widgets::claim_button::claim_button;

/// The dated claims' ids in timeline order, computed once per editor revision.
#[derive(Default)]
pub struct TimelineDialog {
    ordered: Option<(u64, Vec<String>)>,
}

impl TimelineDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Timeline");
        ui.label(RichText::new("Claims with an in-universe time, in in-universe order.").weak());
        let project = cx.doc.project();
        let revision = cx.doc.editor.revision();
        if self.ordered.as_ref().is_none_or(|(r, _)| *r != revision) {
            let ids = crate::lore::timeline::timeline(project, None).into_iter().map(|c| c.id.clone()).collect();
            self.ordered = Some((revision, ids));
        }
        let Some((_, ids)) = &self.ordered else { return true };
        if ids.is_empty() {
            ui.label("No dated claims yet: give a claim an in-universe time in the note pane.");
        }
        let today = crate::model::today();
        let mut go_to = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical().max_height(420.0).auto_shrink([false, true]).show_rows(
            ui,
            row_height,
            ids.len(),
            |ui, rows| {
                for claim in ids[rows].iter().filter_map(|id| project.claim(id)) {
                    ui.horizontal(|ui| {
                        let when = claim.in_universe.as_ref().map(|t| t.label.as_str()).unwrap_or_default();
                        ui.add_sized([130.0, row_height], egui::Label::new(RichText::new(when).strong()).truncate());
                        if claim_button(ui, project, claim, cx.selection.is_hidden(project, claim, &today), 70) {
                            go_to = Some(claim.id.clone());
                        }
                    });
                }
            },
        );
        if let Some(id) = go_to {
            cx.commands.push(Command::SelectClaim(id));
            return false;
        }
        !ui.button("Close").clicked()
    }
}
