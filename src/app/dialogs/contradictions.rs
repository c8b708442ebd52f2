//! Lore > Contradictions: every unresolved contradiction, with a jump to either claim.

use egui::RichText;

use super::DialogContext;
use crate::app::command::{Command, Edit};
use crate::app::widgets::claim_button::claim_button;

/// An open contradiction: the link and its two claims' ids.
struct OpenContradiction {
    link: String,
    from: String,
    to: String,
}

/// The open contradictions, listed once per editor revision.
#[derive(Default)]
pub struct ContradictionsDialog {
    listed: Option<(u64, Vec<OpenContradiction>)>,
}

impl ContradictionsDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Unresolved contradictions");
        let project = cx.doc.project();
        let revision = cx.doc.editor.revision();
        if self.listed.as_ref().is_none_or(|(r, _)| *r != revision) {
            let open = crate::lore::open_contradictions(project)
                .into_iter()
                .map(|l| OpenContradiction { link: l.id.clone(), from: l.from.clone(), to: l.to.clone() })
                .collect();
            self.listed = Some((revision, open));
        }
        let Some((_, open)) = &self.listed else { return true };
        if open.is_empty() {
            ui.label("None: every contradiction is resolved. Link two claims as contradicting to track one.");
        }
        let today = crate::model::today();
        let mut go_to = None;
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for open in open {
                let (Some(link), Some(a), Some(b)) = (
                    project.links.iter().find(|l| l.id == open.link),
                    project.claim(&open.from),
                    project.claim(&open.to),
                ) else {
                    continue;
                };
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_min_width(ui.available_width());
                    if claim_button(ui, project, a, cx.selection.is_hidden(project, a, &today), 80) {
                        go_to = Some(a.id.clone());
                    }
                    ui.label(RichText::new("contradicts").weak());
                    if claim_button(ui, project, b, cx.selection.is_hidden(project, b, &today), 80) {
                        go_to = Some(b.id.clone());
                    }
                    if !link.note.is_empty() {
                        ui.label(RichText::new(&link.note).italics());
                    }
                    if ui.button("Mark resolved").clicked() {
                        cx.commands.push(Edit::LinkResolved { link: link.id.clone(), resolved: true });
                    }
                });
            }
        });
        if let Some(id) = go_to {
            cx.commands.push(Command::SelectClaim(id));
            return false;
        }
        !ui.button("Close").clicked()
    }
}
