//! The one spoiler rule. A claim is a spoiler while its own mark or its article's mark is
//! active (no end date, or the end date not reached); a view hides it until the reader reveals
//! it (the claim, or its whole article). The app's article view, lists, dialogs and every export
//! ask this module, so no view can disagree with another about what is hidden.

use std::collections::HashSet;

use crate::model::{Article, Claim, Project, spoiler_active};

/// How one view judges spoilers: the day dated marks are judged on, and what this view has
/// revealed (nothing, for exports).
#[derive(Debug, Clone, Copy)]
pub struct SpoilerRule<'a> {
    today: &'a str,
    revealed: Option<&'a HashSet<String>>,
}

impl<'a> SpoilerRule<'a> {
    /// A view that reveals nothing (exports). `today` is `YYYY-MM-DD`.
    pub fn new(today: &'a str) -> Self {
        Self { today, revealed: None }
    }

    /// A view where the reader revealed the claims and articles whose ids are in `revealed`.
    pub fn with_revealed(today: &'a str, revealed: &'a HashSet<String>) -> Self {
        Self { today, revealed: Some(revealed) }
    }

    fn is_revealed(&self, id: &str) -> bool {
        self.revealed.is_some_and(|r| r.contains(id))
    }

    /// Whether the article as a whole is marked as a spoiler today (reveals aside).
    pub fn article_marked(&self, article: &Article) -> bool {
        spoiler_active(article.spoiler.as_ref(), self.today)
    }

    /// Whether the article's text is hidden in this view.
    pub fn article_hidden(&self, article: &Article) -> bool {
        self.article_marked(article) && !self.is_revealed(&article.id)
    }

    /// Whether the claim is a spoiler today, by its own mark or its article's (reveals aside).
    pub fn claim_marked(&self, project: &Project, claim: &Claim) -> bool {
        spoiler_active(claim.spoiler.as_ref(), self.today)
            || project.article(&claim.article).is_some_and(|a| self.article_marked(a))
    }

    /// Whether the claim's words and note are hidden in this view. Revealing the claim shows it;
    /// revealing its article shows the claims that are spoilers only through the article.
    pub fn claim_hidden(&self, project: &Project, claim: &Claim) -> bool {
        if self.is_revealed(&claim.id) {
            return false;
        }
        let own = spoiler_active(claim.spoiler.as_ref(), self.today);
        let through_article = project.article(&claim.article).is_some_and(|a| self.article_hidden(a));
        own || through_article
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Spoiler;

    fn project() -> Project {
        let mut project = Project::new("t");
        let article = Article::new("A", "Picard returns. Q returns.");
        let article_id = article.id.clone();
        project.articles.push(article);
        let mut claim = project.new_claim(&article_id, 16, 26, "speculation").expect("claim in range");
        claim.spoiler = Some(Spoiler::default());
        project.claims.push(claim);
        project
    }

    #[test]
    fn a_marked_claim_is_hidden_until_revealed_or_expired() {
        let project = project();
        let claim = &project.claims[0];
        assert!(SpoilerRule::new("2026-12-01").claim_hidden(&project, claim));
        let revealed: HashSet<String> = [claim.id.clone()].into();
        assert!(!SpoilerRule::with_revealed("2026-12-01", &revealed).claim_hidden(&project, claim));
        let mut dated = project.clone();
        dated.claims[0].spoiler = Some(Spoiler { until: "2026-06-01".into(), ..Spoiler::default() });
        assert!(!SpoilerRule::new("2026-12-01").claim_hidden(&dated, &dated.claims[0]));
    }

    #[test]
    fn an_article_mark_hides_every_claim_in_it() {
        let mut project = project();
        project.claims[0].spoiler = None;
        project.articles[0].spoiler = Some(Spoiler::default());
        let rule = SpoilerRule::new("2026-12-01");
        assert!(rule.claim_hidden(&project, &project.claims[0]));
        assert!(rule.article_hidden(&project.articles[0]));
        let revealed: HashSet<String> = [project.articles[0].id.clone()].into();
        assert!(!SpoilerRule::with_revealed("2026-12-01", &revealed).claim_hidden(&project, &project.claims[0]));
    }
}
