//! What the reader has chosen: the article on screen, the selected claim, and the spoilers
//! revealed this session. (The selected words are the article view's own.)

use std::collections::HashSet;

use crate::model::{Article, Project};

/// Which note the pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NotesTab {
    #[default]
    Notes,
    Journal,
}

#[derive(Debug, Default)]
pub struct Selection {
    /// The chosen article; `None` shows the first.
    pub article: Option<String>,
    pub claim: Option<String>,
    /// Spoilers (claim or article ids) the user revealed this session.
    pub revealed: HashSet<String>,
}

impl Selection {
    /// The article on screen: the chosen one, else the first.
    pub fn current_article<'p>(&self, project: &'p Project) -> Option<&'p Article> {
        self.article.as_deref().and_then(|id| project.article(id)).or_else(|| project.articles.first())
    }

    pub fn current_article_id(&self, project: &Project) -> Option<String> {
        self.current_article(project).map(|a| a.id.clone())
    }

    /// Shows another article; a claim of the old one is no longer selected.
    pub fn select_article(&mut self, id: &str) {
        if self.article.as_deref() != Some(id) {
            self.article = Some(id.to_owned());
            self.claim = None;
        }
    }

    /// Selects a claim and shows its article; returns where it starts, to scroll there.
    pub fn select_claim(&mut self, project: &Project, id: &str) -> Option<usize> {
        let claim = project.claim(id)?;
        let (article, start) = (claim.article.clone(), claim.anchor.start);
        self.select_article(&article);
        self.claim = Some(id.to_owned());
        Some(start)
    }

    /// Forgets a claim or article that no longer exists (after undo, merge, reload).
    pub fn drop_missing(&mut self, project: &Project) {
        if self.claim.as_ref().is_some_and(|id| project.claim(id).is_none()) {
            self.claim = None;
        }
        if self.article.as_ref().is_some_and(|id| project.article(id).is_none()) {
            self.article = None;
        }
    }

    /// The spoiler rule as this view applies it today.
    pub fn is_hidden(&self, project: &Project, claim: &crate::model::Claim, today: &str) -> bool {
        crate::lore::spoilers::SpoilerRule::with_revealed(today, &self.revealed).claim_hidden(project, claim)
    }
}
