//! "Recover unsaved work?" after a crash: restore or discard each recovery file; Enter restores
//! the first, the choice that can lose nothing.

use egui::RichText;

use super::DialogContext;
use crate::app::command::Command;
use crate::storage::recovery::Recoverable;

pub struct RecoveryDialog {
    found: Vec<Recoverable>,
}

impl RecoveryDialog {
    pub fn new(found: Vec<Recoverable>) -> Self {
        Self { found }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Recover unsaved work?");
        ui.label("Canonry did not close normally last time. This unsaved work was kept:");
        let mut action = None;
        for (i, found) in self.found.iter().enumerate() {
            ui.separator();
            ui.label(RichText::new(&found.title).strong());
            let place = found.recovery_of.as_ref().map_or("never saved".to_owned(), |p| p.display().to_string());
            ui.label(format!("{place} · written {}", found.written));
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    action = Some((i, true));
                }
                if ui.button("Discard").clicked() {
                    action = Some((i, false));
                }
            });
        }
        ui.separator();
        ui.weak("Enter restores the first (nothing is overwritten: restored work still needs saving).");
        if action.is_none() && !self.found.is_empty() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            action = Some((0, true));
        }
        if let Some((i, restore)) = action {
            let found = Box::new(self.found.remove(i));
            cx.commands.push(if restore { Command::Restore(found) } else { Command::DiscardRecovered(found) });
        }
        ui.separator();
        let later = ui.button("Decide later").clicked();
        !later && !self.found.is_empty()
    }
}
