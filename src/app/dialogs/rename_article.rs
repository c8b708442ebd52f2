//! Renaming an article; Enter renames.

use super::DialogContext;
use crate::app::command::Edit;

pub struct RenameArticleDialog {
    article: String,
    title: String,
}

impl RenameArticleDialog {
    pub fn new(article: String, title: String) -> Self {
        Self { article, title }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Rename article");
        let label = ui.label("Title:");
        let response = ui.add(egui::TextEdit::singleline(&mut self.title).desired_width(400.0)).labelled_by(label.id);
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut open = true;
        ui.horizontal(|ui| {
            if ui.button("Rename").clicked() || enter {
                cx.commands.push(Edit::RenameArticle { article: self.article.clone(), title: self.title.clone() });
                open = false;
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
    use crate::app::command::Command;
    use crate::app::dialogs::testing;

    #[test]
    fn enter_renames_and_closes() {
        let article = crate::app::document::Document::sample(None).project().articles[0].id.clone();
        let dialog = RenameArticleDialog::new(article.clone(), "Old".into());
        let mut harness = testing::harness(dialog, RenameArticleDialog::ui);
        harness.get_by_label("Title:").focus();
        harness.run();
        harness.get_by_label("Title:").type_text(" and new");
        harness.key_press(egui::Key::Enter);
        harness.run_steps(2);
        let state = harness.state_mut();
        assert!(!state.open, "the dialog closes");
        let queued = state.queued();
        assert!(
            queued.iter().any(|c| matches!(c, Command::Edit(Edit::RenameArticle { article: a, title })
                if *a == article && title == "Old and new")),
            "{queued:?}"
        );
    }
}
