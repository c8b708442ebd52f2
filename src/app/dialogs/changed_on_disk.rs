//! The project file changed on disk while open: reload it, or keep ours under another name.

use super::DialogContext;
use crate::app::command::Command;
use crate::app::ui_command::UiCommand;

pub struct ChangedOnDiskDialog;

impl ChangedOnDiskDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("The project changed on disk");
        let path = cx.doc.path.as_ref().map_or(String::new(), |p| p.display().to_string());
        ui.label(format!("Another program changed {path} since Canonry opened it."));
        ui.label(
            "Reload it (your unsaved changes go, and can be undone), or keep yours and save them under another name.",
        );
        let mut open = true;
        ui.horizontal(|ui| {
            if ui.button("Reload").clicked() {
                cx.commands.push(Command::ReloadFromDisk);
                open = false;
            }
            if ui.button("Keep mine (Save As…)").clicked() {
                cx.commands.push(UiCommand::SaveAs);
                open = false;
            }
        });
        open
    }
}
