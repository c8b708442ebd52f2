//! Running [`Edit`] commands through the undoable editor, with their follow-ups.

use super::command::DialogRequest;
use super::command::{Edit, TierEdit};
use super::state::AppState;

impl AppState {
    /// Runs one edit now (commands normally arrive through the queue).
    pub fn run_edit(&mut self, edit: Edit) {
        let editor = &mut self.doc.editor;
        match edit {
            Edit::Tag { article, start, end, tier } => {
                editor.tag(&article, start, end, &tier);
            }
            Edit::Retag { claim, tier } => {
                editor.retag(&claim, &tier);
            }
            Edit::ClaimNote { claim, text } => {
                editor.set_claim_note(&claim, &text);
            }
            Edit::ArticleNotes { article, text } => {
                editor.set_article_notes(&article, &text);
            }
            Edit::Journal(text) => {
                editor.set_journal(&text);
            }
            Edit::ClaimSpoiler { claim, spoiler } => {
                let dated = spoiler.is_some() && editor.project().claim(&claim).is_some_and(|c| c.spoiler.is_some());
                if dated {
                    // Typing the end date of an existing mark: one undo step for the typing.
                    editor.update_claim(&claim, "Spoiler date", true, |c| c.spoiler = spoiler);
                } else {
                    editor.set_claim_spoiler(&claim, spoiler);
                }
            }
            Edit::ClaimTime { claim, time } => {
                editor.set_claim_time(&claim, time);
            }
            Edit::Citations { claim, citations } => {
                editor.update_claim(&claim, "Edit sources", true, |c| c.citations = citations);
            }
            Edit::Reattach { claim } => self.reattach(&claim),
            Edit::AddLink { from, to, kind, note } => match editor.add_link(&from, &to, kind, &note) {
                Some(_) => self.notices.info(format!("Linked: this claim {} the other.", kind.forward_label())),
                None => self.notices.info("Those claims are already linked that way."),
            },
            Edit::LinkNote { link, note } => {
                editor.update_link(&link, "Edit link note", true, |l| l.note = note);
            }
            Edit::LinkResolved { link, resolved } => {
                let label = if resolved { "Resolve contradiction" } else { "Reopen contradiction" };
                editor.update_link(&link, label, false, |l| l.resolved = resolved);
            }
            Edit::RemoveLink(link) => {
                editor.remove_link(&link);
            }
            Edit::ArticleSpoiler { article, spoiler } => {
                editor.set_article_spoiler(&article, spoiler);
            }
            Edit::RenameArticle { article, title } => {
                editor.rename_article(&article, &title);
            }
            Edit::RemoveArticle(article) => {
                if editor.remove_article(&article) {
                    self.selection.drop_missing(self.doc.project());
                }
            }
            Edit::AddName(entry) => {
                let id = editor.add_glossary_entry(entry);
                self.dialogs.open(DialogRequest::Glossary(Some(id)), self.doc.project());
            }
            Edit::UpdateName { entry, updated } => {
                editor.update_glossary_entry(&entry, "Edit name", true, |e| *e = updated);
            }
            Edit::RemoveName(entry) => {
                editor.remove_glossary_entry(&entry);
            }
            Edit::Tiers(edit) => self.edit_tiers(edit),
            Edit::ResolveConflict { index, choice } => {
                let mut project = editor.project().clone();
                match crate::edit::merge::resolve(&mut project, index, choice) {
                    Ok(()) => editor.replace_project("Resolve merge conflict", project),
                    Err(e) => self.notices.error(e.to_string()),
                }
            }
            Edit::ResolveAllConflicts(choice) => {
                let mut project = editor.project().clone();
                match crate::edit::merge::resolve_all(&mut project, choice) {
                    Ok(()) => editor.replace_project("Resolve merge conflicts", project),
                    Err(e) => self.notices.error(e.to_string()),
                }
            }
            Edit::BreakCoalescing => editor.break_coalescing(),
        }
    }

    fn edit_tiers(&mut self, edit: TierEdit) {
        let editor = &mut self.doc.editor;
        let result = match edit {
            TierEdit::Add { label, color } => editor.edit_tiers("Add tier", |p| p.add_tier(&label, &color)).map(drop),
            TierEdit::Rename { tier, label } => {
                editor.edit_tiers("Rename tier", |p| p.rename_tier(&tier, &label)).map(drop)
            }
            TierEdit::Recolor { tier, color } => {
                editor.edit_tiers("Recolour tier", |p| p.recolor_tier(&tier, &color)).map(drop)
            }
            TierEdit::Move { tier, to } => editor.edit_tiers("Reorder tiers", |p| p.move_tier(&tier, to)),
            TierEdit::Merge { from, into } => {
                editor.edit_tiers("Merge tiers", |p| p.merge_tier(&from, &into)).map(drop)
            }
            TierEdit::Delete(tier) => editor.edit_tiers("Delete tier", |p| p.delete_tier(&tier, None)).map(drop),
        };
        if let Err(e) = result {
            self.notices.error(format!("{}.", capitalise(&e.to_string())));
        }
    }

    /// Moves an orphaned claim onto the words now selected.
    fn reattach(&mut self, claim: &str) {
        let Some((article, start, end)) = self.text_selection() else {
            self.notices.info("Select the words to re-attach the claim to first.");
            return;
        };
        let Some(text) = self.doc.project().article(&article).map(|a| a.text.clone()) else { return };
        let index = crate::text::CharIndex::new(&text);
        let Some(anchor) = crate::model::Anchor::from_range(&text, &index, start, end) else { return };
        self.doc.editor.update_claim(claim, "Re-attach claim", false, |c| {
            c.article = article;
            c.anchor = anchor;
        });
        self.panels.article_view.clear_selection();
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
