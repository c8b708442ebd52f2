//! "Remove article?" with its claim count; undoable.

use super::DialogContext;
use crate::app::command::Edit;

pub struct RemoveArticleDialog {
    article: String,
}

impl RemoveArticleDialog {
    pub fn new(article: String) -> Self {
        Self { article }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        let project = cx.doc.project();
        let Some(article) = project.article(&self.article) else { return false };
        let claims = project.claims_of(&self.article).count();
        ui.heading("Remove article?");
        ui.label(format!("“{}” and its {claims} claim(s) will be removed. You can undo this.", article.title));
        let mut open = true;
        ui.horizontal(|ui| {
            if ui.button("Remove").clicked() {
                cx.commands.push(Edit::RemoveArticle(self.article.clone()));
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
    fn remove_asks_the_editor_and_cancel_changes_nothing() {
        let article = crate::app::document::Document::sample(None).project().articles[0].id.clone();
        let mut harness = testing::harness(RemoveArticleDialog::new(article.clone()), RemoveArticleDialog::ui);
        assert!(harness.query_by_label_contains("claim(s) will be removed").is_some(), "the claim count is shown");
        harness.get_by_label("Cancel").click();
        harness.run_steps(2);
        assert!(!harness.state().open);
        assert!(harness.state_mut().queued().is_empty(), "cancel queues nothing");

        let mut harness = testing::harness(RemoveArticleDialog::new(article.clone()), RemoveArticleDialog::ui);
        harness.get_by_label("Remove").click();
        harness.run_steps(2);
        let queued = harness.state_mut().queued();
        assert!(matches!(queued.as_slice(), [Command::Edit(Edit::RemoveArticle(a))] if *a == article), "{queued:?}");
    }
}
