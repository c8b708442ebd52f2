//! Edit > Suggestion Cues: the user's own phrases per tier, added to the built-in cues.

use egui::RichText;

use super::DialogContext;
use crate::app::command::Command;
use crate::app::theme::tier_color;

pub struct CuesDialog;

impl CuesDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Suggestion cues");
        ui.label("Words and phrases that signal a tier, one per line, added to the built-in English cues.");
        let mut changed = false;
        for tier in &cx.doc.project().tiers {
            let label = ui.label(RichText::new(format!("{} {}", tier.icon, tier.label)).color(tier_color(tier)));
            let lines = cx.settings.user_cues.entry(tier.id.clone()).or_default();
            let edit =
                egui::TextEdit::multiline(lines).desired_rows(3).desired_width(460.0).hint_text("e.g. the holonovel");
            changed |= ui.add(edit).labelled_by(label.id).changed();
        }
        if changed {
            cx.commands.push(Command::RebuildSuggester);
        }
        !ui.button("Close").clicked()
    }
}
