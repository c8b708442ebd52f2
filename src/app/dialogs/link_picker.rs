//! Linking a claim to another, found by typing its words: supports, contradicts, same as,
//! supersedes, with an optional note.

use egui::RichText;

use super::DialogContext;
use crate::app::command::Edit;
use crate::app::theme::short_quote;
use crate::app::widgets::claim_button::claim_button;
use crate::model::LinkKind;

pub struct LinkPickerDialog {
    from: String,
    query: String,
    kind: LinkKind,
    note: String,
}

impl LinkPickerDialog {
    pub fn new(from: String) -> Self {
        Self { from, query: String::new(), kind: LinkKind::Contradicts, note: String::new() }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        let project = cx.doc.project();
        let Some(source) = project.claim(&self.from) else { return false };
        ui.heading("Link to another claim");
        ui.label(short_quote(&source.anchor.exact, 90));
        ui.horizontal(|ui| {
            let label = ui.label("This claim");
            let combo = egui::ComboBox::from_id_salt("link-kind").selected_text(self.kind.forward_label());
            let shown = combo.show_ui(ui, |ui| {
                for k in LinkKind::ALL {
                    ui.selectable_value(&mut self.kind, k, k.forward_label());
                }
            });
            shown.response.labelled_by(label.id);
            ui.label("…");
        });
        let label = ui.label("Find the other claim by its words");
        let search = ui
            .add(egui::TextEdit::singleline(&mut self.query).hint_text("Type words of the other claim"))
            .labelled_by(label.id);
        if self.query.is_empty() && ui.memory(|m| m.focused().is_none()) {
            search.request_focus();
        }
        let needle = self.query.trim().to_lowercase();
        let today = crate::model::today();
        let mut chosen = None;
        egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
            let matches = project
                .claims
                .iter()
                .filter(|c| c.id != self.from && (needle.is_empty() || c.anchor.exact.to_lowercase().contains(&needle)))
                .take(50);
            for claim in matches {
                let article = project.article(&claim.article).map(|a| a.title.as_str()).unwrap_or_default();
                let hidden = cx.selection.is_hidden(project, claim, &today);
                ui.horizontal(|ui| {
                    if claim_button(ui, project, claim, hidden, 70) {
                        chosen = Some(claim.id.clone());
                    }
                    ui.label(RichText::new(short_quote(article, 30)).weak().small());
                });
            }
        });
        let note_label = ui.label("Note (optional)");
        ui.add(egui::TextEdit::singleline(&mut self.note).hint_text("How they relate")).labelled_by(note_label.id);
        let cancel = ui.button("Cancel").clicked();
        if let Some(to) = chosen {
            let note = self.note.trim().to_owned();
            cx.commands.push(Edit::AddLink { from: self.from.clone(), to, kind: self.kind, note });
            return false;
        }
        !cancel
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::app::command::Command;
    use crate::app::dialogs::testing;

    #[test]
    fn typing_words_then_clicking_a_claim_links_them() {
        let project = crate::app::document::Document::sample(None).project().clone();
        let from = project.claims[0].id.clone();
        let target = &project.claims[1];
        let words: String = target.anchor.exact.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        let mut harness = testing::harness(LinkPickerDialog::new(from.clone()), LinkPickerDialog::ui);
        harness.get_by_label("Find the other claim by its words").focus();
        harness.run();
        harness.get_by_label("Find the other claim by its words").type_text(&words);
        harness.run();
        let shown = short_quote(&target.anchor.exact, 70);
        harness.get_by_label(&shown).click();
        harness.run_steps(2);
        let state = harness.state_mut();
        assert!(!state.open, "choosing closes the picker");
        let queued = state.queued();
        assert!(
            matches!(queued.as_slice(), [Command::Edit(Edit::AddLink { from: f, to, kind: LinkKind::Contradicts, .. })]
                if *f == from && *to == target.id),
            "{queued:?}"
        );
    }
}
