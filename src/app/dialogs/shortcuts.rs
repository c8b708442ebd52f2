//! Help > Keyboard Shortcuts (F1): the sheet, from the command table.

use egui::RichText;

use super::DialogContext;
use crate::app::ui_command::shortcut_sheet;

pub struct ShortcutsDialog;

impl ShortcutsDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, _cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Keyboard shortcuts");
        let is_mac = ui.ctx().os() == egui::os::OperatingSystem::Mac;
        egui::ScrollArea::vertical().max_height(440.0).show(ui, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for (keys, what) in shortcut_sheet(is_mac) {
                    ui.label(RichText::new(keys).monospace());
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
        !ui.button("Close").clicked()
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::app::dialogs::testing;
    use crate::app::ui_command::UiCommand;

    #[test]
    fn the_sheet_lists_every_command_shortcut_from_the_table() {
        let mut harness = testing::harness(ShortcutsDialog, ShortcutsDialog::ui);
        for command in UiCommand::ALL.iter().filter(|c| !c.shortcuts().is_empty()) {
            let keys = command.shortcut_text(false);
            assert!(harness.query_by_label(&keys).is_some(), "{command:?}: {keys} on the sheet");
        }
        assert!(harness.query_by_label("Ctrl+Shift+Z / Ctrl+Y").is_some());
        harness.get_by_label("Close").click();
        harness.run_steps(2);
        assert!(!harness.state().open);
    }
}
