//! "Save changes to X?" before opening, closing or quitting.

use super::DialogContext;
use crate::app::command::{AfterSave, Command};

pub struct UnsavedChangesDialog {
    then: AfterSave,
}

impl UnsavedChangesDialog {
    pub fn new(then: AfterSave) -> Self {
        Self { then }
    }

    /// What happens once the changes are dealt with.
    pub fn then(&self) -> &AfterSave {
        &self.then
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading(format!("Save changes to “{}”?", cx.doc.display_name()));
        ui.label("Your changes will be lost if you don't save them.");
        ui.add_space(8.0);
        let mut open = true;
        ui.horizontal(|ui| {
            // Saving may first ask where (Save As): the dialog stays until the save is done.
            if ui.button("Save").clicked() {
                cx.commands.push(Command::ContinueAfterUnsaved { then: self.then.clone(), save: true });
            }
            if ui.button("Don't Save").clicked() {
                cx.commands.push(Command::ContinueAfterUnsaved { then: self.then.clone(), save: false });
            }
            if ui.button("Cancel").clicked() {
                open = false;
            }
        });
        open
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::app::dialogs::testing;

    #[test]
    fn save_and_dont_save_continue_cancel_closes() {
        for (button, save) in [("Save", true), ("Don't Save", false)] {
            let mut harness = testing::harness(UnsavedChangesDialog::new(AfterSave::Quit), UnsavedChangesDialog::ui);
            harness.get_by_label(button).click();
            harness.run_steps(2);
            assert!(harness.state().open, "{button}: stays until the save is done");
            let queued = harness.state_mut().queued();
            assert!(
                matches!(queued.as_slice(), [Command::ContinueAfterUnsaved { then: AfterSave::Quit, save: s }] if *s == save),
                "{button}: {queued:?}"
            );
        }
        let mut harness = testing::harness(UnsavedChangesDialog::new(AfterSave::New), UnsavedChangesDialog::ui);
        harness.get_by_label("Cancel").click();
        harness.run_steps(2);
        assert!(!harness.state().open);
        assert!(harness.state_mut().queued().is_empty());
    }
}
