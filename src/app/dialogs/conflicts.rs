//! The merge resolver: each conflict a merge recorded in the project (both sides changed the
//! same field differently, or one deleted what the other changed), settled one by one with keep
//! mine / take theirs / keep both. Each choice is one undo step; saving writes the settled file.

use egui::RichText;

use super::DialogContext;
use crate::app::command::Edit;
use crate::edit::merge::{Choice, can_keep_both};
use crate::model::MergeConflict;

#[derive(Default)]
pub struct ConflictsDialog;

impl ConflictsDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        let conflicts = &cx.doc.project().conflicts;
        ui.heading("Merge conflicts");
        if conflicts.is_empty() {
            cx.commands.push(crate::app::command::Command::Info(
                "Every merge conflict is resolved. Save to keep the merged project.".into(),
            ));
            return false;
        }
        ui.label(format!(
            "{} change(s) differ between your copy and theirs. Until you choose, your version stays.",
            conflicts.len()
        ));
        let mut chosen = None;
        egui::ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
            for (index, conflict) in conflicts.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_min_width(ui.available_width());
                    if let Some(choice) = conflict_ui(ui, conflict) {
                        chosen = Some((index, choice));
                    }
                });
            }
        });
        ui.horizontal(|ui| {
            if ui.button("Keep mine for all").clicked() {
                cx.commands.push(Edit::ResolveAllConflicts(Choice::KeepMine));
            }
            if ui.button("Take theirs for all").clicked() {
                cx.commands.push(Edit::ResolveAllConflicts(Choice::TakeTheirs));
            }
        });
        if let Some((index, choice)) = chosen {
            cx.commands.push(Edit::ResolveConflict { index, choice });
        }
        !ui.button("Later").on_hover_text("The conflicts stay recorded in the project until resolved").clicked()
    }
}

/// One conflict: what it is about, both values, and the choices it offers.
fn conflict_ui(ui: &mut egui::Ui, conflict: &MergeConflict) -> Option<Choice> {
    ui.label(RichText::new(conflict.describe()).strong());
    egui::Grid::new(("conflict-values", &conflict.object_id, &conflict.field)).num_columns(2).show(ui, |ui| {
        ui.label("Mine:");
        ui.label(shown(&conflict.mine));
        ui.end_row();
        ui.label("Theirs:");
        ui.label(shown(&conflict.theirs));
        ui.end_row();
    });
    let mut choice = None;
    ui.horizontal(|ui| {
        if ui.button("Keep mine").clicked() {
            choice = Some(Choice::KeepMine);
        }
        if ui.button("Take theirs").clicked() {
            choice = Some(Choice::TakeTheirs);
        }
        if can_keep_both(conflict) && ui.button("Keep both").clicked() {
            choice = Some(Choice::KeepBoth);
        }
    });
    choice
}

/// A recorded value as a reader sees it: text as text, a deletion as such, anything else compact.
fn shown(value: &serde_json::Value) -> String {
    let text = match value {
        serde_json::Value::Null => "(deleted)".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    crate::app::theme::quote_preview(&text, 300)
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::app::command::Command;
    use crate::app::dialogs::testing;

    #[test]
    fn each_choice_queues_its_resolution() {
        let note = MergeConflict {
            object: crate::model::object_kind::PROJECT.into(),
            object_id: String::new(),
            field: "journal".into(),
            label: String::new(),
            base: "old".into(),
            mine: "my journal".into(),
            theirs: "their journal".into(),
            extra: Default::default(),
        };
        let mut doc = crate::app::document::Document::sample(None);
        let mut project = doc.project().clone();
        project.conflicts.push(note);
        doc.editor.replace_project("test", project);
        let mut harness = testing::harness_on(ConflictsDialog, ConflictsDialog::ui, doc);
        assert!(harness.query_by_label("their journal").is_some(), "both values are shown");
        harness.get_by_label("Keep both").click();
        harness.run_steps(2);
        let queued = harness.state_mut().queued();
        assert!(
            matches!(queued.as_slice(), [Command::Edit(Edit::ResolveConflict { index: 0, choice: Choice::KeepBoth })]),
            "{queued:?}"
        );
    }
}
