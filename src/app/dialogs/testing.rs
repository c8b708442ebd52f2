//! Driving one dialog alone in a kittest harness, on the sample project, and reading the
//! commands it queued.

use egui_kittest::Harness;

use super::DialogContext;
use crate::app::command::{Command, CommandQueue};
use crate::app::document::Document;
use crate::app::selection::Selection;
use crate::app::settings::Settings;

/// A dialog with the parts of the app it may see.
pub struct Alone<D> {
    pub dialog: D,
    pub doc: Document,
    pub selection: Selection,
    pub settings: Settings,
    pub commands: CommandQueue,
    /// What the dialog's last frame returned.
    pub open: bool,
    fonts_installed: bool,
}

impl<D> Alone<D> {
    /// Takes the commands queued so far.
    pub fn queued(&mut self) -> Vec<Command> {
        self.commands.take()
    }
}

/// A harness drawing `dialog` with `show` (its `ui` method) on the sample project.
pub fn harness<D: 'static>(
    dialog: D,
    show: fn(&mut D, &mut egui::Ui, &mut DialogContext<'_>) -> bool,
) -> Harness<'static, Alone<D>> {
    harness_on(dialog, show, Document::sample(None))
}

/// [`harness`] on another document.
pub fn harness_on<D: 'static>(
    dialog: D,
    show: fn(&mut D, &mut egui::Ui, &mut DialogContext<'_>) -> bool,
    doc: Document,
) -> Harness<'static, Alone<D>> {
    let state = Alone {
        dialog,
        doc,
        selection: Selection::default(),
        settings: Settings::default(),
        commands: CommandQueue::default(),
        open: true,
        fonts_installed: false,
    };
    let mut harness = Harness::builder().with_size(egui::vec2(700.0, 700.0)).build_ui_state(
        move |ui, state: &mut Alone<D>| {
            let Alone { dialog, doc, selection, settings, commands, open, fonts_installed } = state;
            if !*fonts_installed {
                // The tier icons' font, as the app installs it; it takes effect next pass.
                crate::app::install_fonts(ui.ctx());
                *fonts_installed = true;
                return;
            }
            // As in the hub: a dialog that closed is no longer drawn.
            if *open {
                let mut cx = DialogContext { doc, selection, settings, commands, fetching: false };
                *open = show(dialog, ui, &mut cx);
            }
        },
        state,
    );
    harness.run_steps(2);
    harness
}
