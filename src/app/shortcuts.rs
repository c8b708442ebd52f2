//! Keyboard input outside text fields and dialogs: the command table's shortcuts, then the
//! reader's single keys (tier keys, Enter, Delete, Tab) and pasting an article.

use egui::{Key, Modifiers};

use super::command::{Command, CommandQueue, ImportTarget};
use super::ui_command::UiCommand;
use crate::model::Tier;

/// Turns this frame's key presses into commands. `reader` is the article view's id: single
/// keys act only while it (or nothing) has focus.
pub fn listen(
    ctx: &egui::Context,
    commands: &mut CommandQueue,
    tiers: &[Tier],
    reader: egui::Id,
    paste_target: &mut Option<ImportTarget>,
) {
    // Longer shortcuts first (Redo's Shift+Z must not be read as Undo): sort by modifier count.
    let mut shortcuts: Vec<(UiCommand, egui::KeyboardShortcut)> =
        UiCommand::ALL.iter().flat_map(|c| c.shortcuts().iter().map(move |s| (*c, *s))).collect();
    shortcuts.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
    for (command, shortcut) in shortcuts {
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
            commands.push(command);
        }
    }
    // Single keys act on the article only while no text field is being typed in.
    if text_field_has_focus(ctx) {
        return;
    }
    // Pasting outside a text field makes an article from the clipboard.
    let pasted = ctx.input(|i| {
        i.events.iter().find_map(|e| if let egui::Event::Paste(text) = e { Some(text.clone()) } else { None })
    });
    if let Some(text) = pasted {
        let target = paste_target.take().unwrap_or_default();
        commands.push(Command::ImportClipboard { text, target });
        return;
    }
    if !ctx.memory(|m| m.focused().is_none_or(|id| id == reader)) {
        return;
    }
    for tier in tiers {
        if let Some(key) = Key::from_name(&tier.key)
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key))
        {
            commands.push(Command::ApplyTier(tier.id.clone()));
        }
    }
    if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)) {
        commands.push(Command::AcceptSuggestion);
    }
    if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete) || i.consume_key(Modifiers::NONE, Key::Backspace))
    {
        commands.push(UiCommand::DeleteClaim);
    }
    if ctx.input_mut(|i| i.consume_key(Modifiers::SHIFT, Key::Tab)) {
        commands.push(Command::StepClaim { forward: false });
    }
    if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab)) {
        commands.push(Command::StepClaim { forward: true });
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.ctrl) + u8::from(m.shift) + u8::from(m.mac_cmd) + u8::from(m.command)
}

/// Whether a text field has keyboard focus (single-key shortcuts must then type instead).
fn text_field_has_focus(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.focused()).is_some_and(|id| egui::TextEdit::load_state(ctx, id).is_some())
}
