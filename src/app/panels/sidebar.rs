//! The left pane: the project's articles (select, update, rename, remove) above the claim list.

use egui::Ui;

use super::{ClaimList, PanelContext};
use crate::app::command::DialogRequest;
use crate::app::command::{Command, ImportTarget};
use crate::app::file_dialogs::FileRequest;
use crate::app::theme::quote_preview;

pub fn sidebar_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, claim_list: &mut ClaimList) {
    ui.heading("Articles");
    let project = cx.doc.project();
    let current = cx.selection.current_article_id(project);
    egui::ScrollArea::vertical().id_salt("articles").max_height(ui.available_height() * 0.3).show(ui, |ui| {
        for article in &project.articles {
            let selected = current.as_deref() == Some(article.id.as_str());
            let response = ui.selectable_label(selected, quote_preview(&article.title, 60));
            if response.clicked() {
                cx.commands.push(Command::SelectArticle(article.id.clone()));
            }
            response.context_menu(|ui| {
                if ui.button("Update text…").clicked() {
                    cx.commands.push(DialogRequest::UpdateText(article.id.clone()));
                }
                if ui.button("Rename…").clicked() {
                    cx.commands.push(DialogRequest::RenameArticle(article.id.clone()));
                }
                if ui.button("Remove…").clicked() {
                    cx.commands.push(DialogRequest::RemoveArticle(article.id.clone()));
                }
            });
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Add…").on_hover_text("Import a text, Markdown or saved web page file").clicked() {
            cx.commands.push(Command::RequestFile(FileRequest::ImportArticle(ImportTarget::NewArticle)));
        }
        if let Some(id) = current {
            if ui.button("Rename…").clicked() {
                cx.commands.push(DialogRequest::RenameArticle(id.clone()));
            }
            if ui.button("Remove…").clicked() {
                cx.commands.push(DialogRequest::RemoveArticle(id));
            }
        }
    });
    ui.separator();
    claim_list.ui(ui, cx);
}
