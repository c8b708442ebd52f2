//! Where a newer version of an article comes from: a file, a URL or the clipboard.

use super::DialogContext;
use crate::app::command::DialogRequest;
use crate::app::command::{Command, ImportTarget};
use crate::app::file_dialogs::FileRequest;

pub struct UpdateTextDialog {
    article: String,
}

impl UpdateTextDialog {
    pub fn new(article: String) -> Self {
        Self { article }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        let project = cx.doc.project();
        let Some(article) = project.article(&self.article) else { return false };
        let claims = project.claims_of(&self.article).count();
        ui.heading("Update article text");
        ui.label(format!(
            "Replace the text of “{}” with a newer version. Its {claims} claim(s) move to their words in the new \
             text; any that cannot be placed with confidence become orphans for you to re-attach.",
            article.title
        ));
        let target = ImportTarget::Update(self.article.clone());
        let mut open = true;
        ui.horizontal(|ui| {
            if ui.button("From a file…").clicked() {
                cx.commands.push(Command::RequestFile(FileRequest::ImportArticle(target.clone())));
                open = false;
            }
            if ui.button("From a URL…").clicked() {
                let url = article.source_url.clone();
                cx.commands.push(DialogRequest::ImportUrl { url, target: target.clone() });
            }
            if ui.button("From the clipboard").clicked() {
                cx.commands.push(Command::PasteArticle(target.clone()));
                open = false;
            }
            if ui.button("Cancel").clicked() {
                open = false;
            }
        });
        open
    }
}
