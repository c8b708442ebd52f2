//! Typing a web address to import (or update an article) from. The download runs in the
//! background; the dialog stays open with a spinner until the page arrives or fails.

use super::DialogContext;
use crate::app::command::{Command, ImportTarget};

pub struct ImportUrlDialog {
    url: String,
    target: ImportTarget,
}

impl ImportUrlDialog {
    pub fn new(url: String, target: ImportTarget) -> Self {
        Self { url, target }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Import from a web address");
        ui.label("Canonry downloads this one page and extracts its article. It makes no other network requests.");
        let label = ui.label("URL:");
        let response = ui
            .add(egui::TextEdit::singleline(&mut self.url).desired_width(480.0).hint_text("https://…"))
            .labelled_by(label.id);
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut open = true;
        ui.horizontal(|ui| {
            if cx.fetching {
                ui.spinner();
                ui.label("Downloading…");
            } else if ui.button("Fetch").clicked() || enter {
                cx.commands.push(Command::FetchUrl { url: self.url.clone(), target: self.target.clone() });
            }
            if ui.button("Cancel").clicked() {
                cx.commands.push(Command::CancelImport);
                open = false;
            }
        });
        open
    }
}
