//! The menu bar: every entry is a [`UiCommand`] (label and shortcut from the command table),
//! except Open Recent and the View settings.

use egui::Ui;

use super::{PaneFit, PanelContext, Side};
use crate::app::command::Command;
use crate::app::settings::ThemeChoice;
use crate::app::ui_command::UiCommand;
use crate::app::widgets::command_button::{command_button, command_button_labelled};

pub fn menu_bar_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, fit: &PaneFit) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, cx));
        ui.menu_button("Edit", |ui| edit_menu(ui, cx));
        ui.menu_button("Lore", |ui| lore_menu(ui, cx));
        ui.menu_button("View", |ui| view_menu(ui, cx, fit));
        ui.menu_button("Help", |ui| {
            command_button(ui, UiCommand::Shortcuts, cx.commands);
            command_button(ui, UiCommand::About, cx.commands);
        });
    });
}

fn file_menu(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let commands = &mut *cx.commands;
    command_button(ui, UiCommand::New, commands);
    command_button(ui, UiCommand::Open, commands);
    ui.menu_button("Open Recent", |ui| {
        if cx.settings.recent.is_empty() {
            ui.label("No recent projects");
        }
        for path in &cx.settings.recent {
            if ui.button(path.display().to_string()).clicked() {
                commands.push(Command::OpenPath(path.clone()));
            }
        }
    });
    ui.separator();
    command_button(ui, UiCommand::Save, commands);
    command_button(ui, UiCommand::SaveAs, commands);
    ui.separator();
    command_button(ui, UiCommand::ImportArticle, commands);
    command_button(ui, UiCommand::ImportUrl, commands);
    command_button(ui, UiCommand::NewArticleFromClipboard, commands);
    let has_article = cx.selection.current_article(cx.doc.project()).is_some();
    let update = UiCommand::UpdateArticleText;
    command_button_labelled(ui, update, commands, update.label(), has_article);
    command_button(ui, UiCommand::Export, commands);
    command_button(ui, UiCommand::MergeProject, commands);
    ui.separator();
    command_button(ui, UiCommand::Close, commands);
    command_button(ui, UiCommand::Quit, commands);
}

fn edit_menu(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    let editor = &cx.doc.editor;
    let undo = editor.undo_label().map_or("Undo".to_owned(), |l| format!("Undo {l}"));
    command_button_labelled(ui, UiCommand::Undo, cx.commands, &undo, editor.can_undo());
    let redo = editor.redo_label().map_or("Redo".to_owned(), |l| format!("Redo {l}"));
    command_button_labelled(ui, UiCommand::Redo, cx.commands, &redo, editor.can_redo());
    ui.separator();
    command_button(ui, UiCommand::Find, cx.commands);
    let delete = UiCommand::DeleteClaim;
    command_button_labelled(ui, delete, cx.commands, "Delete Claim  (Delete)", cx.selection.claim.is_some());
    ui.separator();
    command_button(ui, UiCommand::SuggestClaims, cx.commands);
    command_button(ui, UiCommand::SuggestionCues, cx.commands);
    command_button(ui, UiCommand::Tiers, cx.commands);
}

fn lore_menu(ui: &mut Ui, cx: &mut PanelContext<'_>) {
    for command in [
        UiCommand::SearchEverything,
        UiCommand::Contradictions,
        UiCommand::Glossary,
        UiCommand::Timeline,
        UiCommand::Dashboard,
    ] {
        command_button(ui, command, cx.commands);
    }
    ui.separator();
    if let Some(article) = cx.selection.current_article(cx.doc.project()) {
        let label = if article.spoiler.is_some() { "Unmark Article as Spoiler" } else { "Mark Article as Spoiler" };
        command_button_labelled(ui, UiCommand::ToggleArticleSpoiler, cx.commands, label, true);
    }
}

fn view_menu(ui: &mut Ui, cx: &mut PanelContext<'_>, fit: &PaneFit) {
    let settings = &mut *cx.settings;
    ui.label("Theme");
    for (choice, label) in
        [(ThemeChoice::System, "Follow system"), (ThemeChoice::Light, "Light"), (ThemeChoice::Dark, "Dark")]
    {
        ui.radio_value(&mut settings.theme, choice, label);
    }
    ui.separator();
    ui.add(egui::Slider::new(&mut settings.text_size, 10.0..=32.0).text("Text size"));
    command_button(ui, UiCommand::LargerText, cx.commands);
    command_button(ui, UiCommand::SmallerText, cx.commands);
    ui.separator();
    for (side, command) in [(Side::Sidebar, UiCommand::ToggleSidebar), (Side::Notes, UiCommand::ToggleNotesPane)] {
        let mark = if fit.shows(side) { "✔ " } else { "    " };
        command_button_labelled(ui, command, cx.commands, &format!("{mark}{}", command.label()), true);
    }
    if fit.collapsed.is_some() {
        ui.weak("The window is narrow: a pane is hidden so the article stays readable.");
    }
}
