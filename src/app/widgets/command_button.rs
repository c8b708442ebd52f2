//! A menu entry or button for a [`UiCommand`]: its label, its shortcut in the platform's style
//! (`ctx.format_shortcut`: Cmd on macOS) and its description as tooltip; a click queues it.

use crate::app::command::CommandQueue;
use crate::app::ui_command::UiCommand;

/// The command's own label.
pub fn command_button(ui: &mut egui::Ui, command: UiCommand, commands: &mut CommandQueue) {
    command_button_labelled(ui, command, commands, command.label(), true);
}

/// Another label (Undo names what it undoes), or disabled.
pub fn command_button_labelled(
    ui: &mut egui::Ui,
    command: UiCommand,
    commands: &mut CommandQueue,
    label: &str,
    enabled: bool,
) {
    let mut button = egui::Button::new(label);
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add_enabled(enabled, button).on_hover_text(command.description()).clicked() {
        commands.push(command);
    }
}
