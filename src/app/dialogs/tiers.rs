//! Edit > Tiers: rename, recolour, reorder, merge and delete tiers, and add new ones.

use std::collections::HashMap;

use egui::RichText;

use super::DialogContext;
use crate::app::command::{Edit, TierEdit};
use crate::app::theme::tier_color;
use crate::model::Tier;

#[derive(Default)]
pub struct TiersDialog {
    /// Labels being typed, by tier id (renamed when the field loses focus).
    editing: HashMap<String, String>,
    new_name: String,
}

impl TiersDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Tiers");
        ui.label("Renaming keeps every claim on its tier. A tier with claims is merged into another before it goes.");
        let project = cx.doc.project();
        let mut edits = Vec::new();
        egui::Grid::new("tiers").num_columns(5).striped(true).show(ui, |ui| {
            for (i, tier) in project.tiers.iter().enumerate() {
                self.tier_row(ui, project, i, tier, &mut edits);
                ui.end_row();
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label("New tier:");
            ui.add(egui::TextEdit::singleline(&mut self.new_name).hint_text("e.g. Legends").desired_width(160.0))
                .labelled_by(label.id);
            if ui.add_enabled(!self.new_name.trim().is_empty(), egui::Button::new("Add")).clicked() {
                let label = std::mem::take(&mut self.new_name);
                edits.push(TierEdit::Add { label, color: "#8a5cc7".into() });
            }
        });
        for edit in edits {
            cx.commands.push(Edit::Tiers(edit));
        }
        !ui.button("Close").clicked()
    }

    fn tier_row(
        &mut self,
        ui: &mut egui::Ui,
        project: &crate::model::Project,
        i: usize,
        tier: &Tier,
        edits: &mut Vec<TierEdit>,
    ) {
        ui.label(RichText::new(format!("{} {}", tier.icon, tier.key)).color(tier_color(tier)));
        let label = self.editing.entry(tier.id.clone()).or_insert_with(|| tier.label.clone());
        let response = ui.add(egui::TextEdit::singleline(label).desired_width(140.0).hint_text("tier name"));
        if response.lost_focus() {
            if *label != tier.label {
                edits.push(TierEdit::Rename { tier: tier.id.clone(), label: label.clone() });
            }
            self.editing.remove(&tier.id);
        } else if !response.has_focus() {
            // Not being typed in: follow the project (undo, another rename).
            *label = tier.label.clone();
        }
        let mut rgb = tier.rgb();
        if ui.color_edit_button_srgb(&mut rgb).changed() {
            let color = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
            edits.push(TierEdit::Recolor { tier: tier.id.clone(), color });
        }
        ui.horizontal(|ui| {
            if ui.add_enabled(i > 0, egui::Button::new("⬆").small()).on_hover_text("Move up").clicked() {
                edits.push(TierEdit::Move { tier: tier.id.clone(), to: i - 1 });
            }
            let last = i + 1 >= project.tiers.len();
            if ui.add_enabled(!last, egui::Button::new("⬇").small()).on_hover_text("Move down").clicked() {
                edits.push(TierEdit::Move { tier: tier.id.clone(), to: i + 1 });
            }
        });
        ui.menu_button("Merge / delete…", |ui| {
            let claims = project.claims.iter().filter(|c| c.tier == tier.id).count();
            ui.label(format!("{claims} claim(s) on this tier"));
            for other in project.tiers.iter().filter(|t| t.id != tier.id) {
                if ui.button(format!("Merge into {}", other.label)).clicked() {
                    edits.push(TierEdit::Merge { from: tier.id.clone(), into: other.id.clone() });
                }
            }
            if claims == 0 && ui.button("Delete").clicked() {
                edits.push(TierEdit::Delete(tier.id.clone()));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::app::command::Command;
    use crate::app::dialogs::testing;

    #[test]
    fn adding_a_tier_queues_one_edit_and_clears_the_field() {
        let mut harness = testing::harness(TiersDialog::default(), TiersDialog::ui);
        harness.get_by_label("New tier:").focus();
        harness.run();
        harness.get_by_label("New tier:").type_text("Legends");
        harness.run();
        harness.get_by_label("Add").click();
        harness.run_steps(2);
        let queued = harness.state_mut().queued();
        assert!(
            matches!(queued.as_slice(), [Command::Edit(Edit::Tiers(TierEdit::Add { label, .. }))] if label == "Legends"),
            "{queued:?}"
        );
        assert!(harness.state().dialog.new_name.is_empty());
    }
}
