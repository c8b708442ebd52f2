//! Merging a friend's project (or share bundle) into one's own.
//!
//! Articles match by content hash, then by source URL; claims match by id; tiers by id. New
//! things are added. A claim both sides have but that differs is a [`Conflict`] for the user to
//! settle (keep mine, take theirs, keep both): nothing is resolved silently. Merging the same
//! file twice adds nothing the second time.

use std::collections::BTreeMap;

use crate::model::{Article, Claim, Project, Tier, new_id};
use crate::text::CharIndex;

/// A claim both projects have, with different content.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub mine: Claim,
    /// Their version, already moved onto my copy of the article.
    pub theirs: Claim,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Resolution {
    #[default]
    KeepMine,
    TakeTheirs,
    /// Their version is added as a new claim beside mine.
    KeepBoth,
}

/// What a merge would do.
#[derive(Debug, Clone, Default)]
pub struct MergePlan {
    pub new_articles: Vec<Article>,
    pub new_tiers: Vec<Tier>,
    /// Their claims that I do not have, moved onto my articles.
    pub new_claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
    /// Their links between claims that I do not have (both claims exist after the merge).
    pub new_links: Vec<crate::model::ClaimLink>,
    /// Their glossary names that I do not have (by id or by name).
    pub new_names: Vec<crate::model::GlossaryEntry>,
    /// Their claims identical to mine.
    pub unchanged: usize,
    /// Their claims that could not be placed on my copy of the article (listed as orphans).
    pub orphaned: usize,
}

impl MergePlan {
    pub fn is_empty(&self) -> bool {
        self.new_articles.is_empty()
            && self.new_tiers.is_empty()
            && self.new_claims.is_empty()
            && self.conflicts.is_empty()
            && self.new_links.is_empty()
            && self.new_names.is_empty()
    }

    /// "2 articles, 5 claims and 1 tier added; 3 conflicts".
    pub fn summary(&self) -> String {
        format!(
            "{} article(s), {} claim(s), {} link(s), {} name(s) and {} tier(s) to add; {} conflict(s); {} claim(s) already the same",
            self.new_articles.len(),
            self.new_claims.len(),
            self.new_links.len(),
            self.new_names.len(),
            self.new_tiers.len(),
            self.conflicts.len(),
            self.unchanged
        )
    }
}

/// The fields that make two versions of a claim "the same" (not `modified`, which a mere
/// re-save may change).
fn same_content(a: &Claim, b: &Claim) -> bool {
    a.tier == b.tier
        && a.note == b.note
        && a.citations == b.citations
        && a.history == b.history
        && a.article == b.article
        && (a.anchor.start, a.anchor.end, &a.anchor.exact) == (b.anchor.start, b.anchor.end, &b.anchor.exact)
        && a.extra == b.extra
}

/// Works out what merging `theirs` into `mine` would change.
pub fn plan(mine: &Project, theirs: &Project) -> MergePlan {
    let mut plan = MergePlan::default();
    // Their article id -> my article (id), matching by content, then by source URL.
    let mut article_map: BTreeMap<&str, &Article> = BTreeMap::new();
    // Their article id -> the id their unmatched article gets here (fresh if the id is taken).
    let mut added_ids: BTreeMap<&str, String> = BTreeMap::new();
    for article in &theirs.articles {
        let matched = mine
            .articles
            .iter()
            .find(|a| a.id == article.id && a.content_hash == article.content_hash)
            .or_else(|| {
                mine.articles.iter().find(|a| !a.content_hash.is_empty() && a.content_hash == article.content_hash)
            })
            .or_else(|| mine.articles.iter().find(|a| !a.source_url.is_empty() && a.source_url == article.source_url));
        match matched {
            Some(my_article) => {
                article_map.insert(&article.id, my_article);
            }
            None => {
                let taken = mine.article(&article.id).is_some();
                let mut added = article.clone();
                if taken {
                    added.id = new_id();
                }
                added_ids.insert(&article.id, added.id.clone());
                plan.new_articles.push(added);
            }
        }
    }
    for tier in &theirs.tiers {
        if mine.tier(&tier.id).is_none() {
            let mut added = tier.clone();
            if mine.tiers.iter().any(|t| t.key == added.key) {
                added.key.clear();
            }
            plan.new_tiers.push(added);
        }
    }
    let indexes: BTreeMap<&str, CharIndex> =
        mine.articles.iter().map(|a| (a.id.as_str(), CharIndex::new(&a.text))).collect();
    for claim in &theirs.claims {
        let mut moved = claim.clone();
        if let Some(my_article) = article_map.get(claim.article.as_str()) {
            moved.article = my_article.id.clone();
            if let Some(index) = indexes.get(my_article.id.as_str())
                && my_article.content_hash
                    != theirs.article(&claim.article).map(|a| a.content_hash.clone()).unwrap_or_default()
            {
                moved.anchor.relocate(&my_article.text, index);
            }
        } else if let Some(added_id) = added_ids.get(claim.article.as_str()) {
            moved.article = added_id.clone();
        } else {
            continue; // a claim on an article their file does not have
        }
        match mine.claim(&claim.id) {
            Some(my_claim) if same_content(my_claim, &moved) => plan.unchanged += 1,
            Some(my_claim) => plan.conflicts.push(Conflict { mine: my_claim.clone(), theirs: moved }),
            None => {
                if moved.anchor.is_orphaned() {
                    plan.orphaned += 1;
                }
                plan.new_claims.push(moved);
            }
        }
    }
    // Links whose two claims exist once merged (claim ids are kept, so theirs still match).
    let exists = |id: &str| mine.claim(id).is_some() || plan.new_claims.iter().any(|c| c.id == id);
    for link in &theirs.links {
        let duplicate = mine
            .links
            .iter()
            .any(|l| l.id == link.id || (l.from == link.from && l.to == link.to && l.kind == link.kind));
        if !duplicate && exists(&link.from) && exists(&link.to) {
            plan.new_links.push(link.clone());
        }
    }
    for entry in &theirs.glossary {
        let known =
            mine.glossary.iter().any(|e| e.id == entry.id || e.name.to_lowercase() == entry.name.to_lowercase());
        if !known {
            plan.new_names.push(entry.clone());
        }
    }
    plan
}

/// The merged project. `resolutions[i]` settles `plan.conflicts[i]` (missing ones keep mine).
pub fn apply(mine: &Project, plan: &MergePlan, resolutions: &[Resolution]) -> Project {
    let mut out = mine.clone();
    out.articles.extend(plan.new_articles.iter().cloned());
    out.tiers.extend(plan.new_tiers.iter().cloned());
    out.claims.extend(plan.new_claims.iter().cloned());
    out.links.extend(plan.new_links.iter().cloned());
    out.glossary.extend(plan.new_names.iter().cloned());
    for (i, conflict) in plan.conflicts.iter().enumerate() {
        match resolutions.get(i).copied().unwrap_or_default() {
            Resolution::KeepMine => {}
            Resolution::TakeTheirs => {
                if let Some(claim) = out.claim_mut(&conflict.mine.id) {
                    *claim = conflict.theirs.clone();
                }
            }
            Resolution::KeepBoth => {
                let mut theirs = conflict.theirs.clone();
                theirs.id = new_id();
                out.claims.push(theirs);
            }
        }
    }
    out.sort_claims();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tier;

    fn base() -> Project {
        let mut p = Project::new("Base");
        p.articles.push(Article::new("A", "Picard resigned. The synths attacked Mars. Q may return."));
        p
    }

    #[test]
    fn their_links_and_names_come_along_once() {
        let mut mine = base();
        let a = mine.articles[0].id.clone();
        let first = mine.add_claim(&a, 0, 16, Tier::CANON).expect("claim");
        let mut theirs = mine.clone();
        let second = theirs.add_claim(&a, 17, 41, Tier::CANON).expect("claim");
        theirs.links.push(crate::model::ClaimLink::new(&second, &first, crate::model::LinkKind::Supports, ""));
        theirs.glossary.push(crate::model::GlossaryEntry::new("Picard", "character"));
        let plan = plan(&mine, &theirs);
        assert_eq!((plan.new_links.len(), plan.new_names.len()), (1, 1));
        let merged = apply(&mine, &plan, &[]);
        assert_eq!((merged.links.len(), merged.glossary.len()), (1, 1));
        assert!(super::plan(&merged, &theirs).is_empty(), "merging again changes nothing");
    }

    #[test]
    fn same_project_merges_to_nothing() {
        let mut p = base();
        let a = p.articles[0].id.clone();
        p.add_claim(&a, 0, 16, Tier::CANON).expect("claim");
        let plan = plan(&p, &p.clone());
        assert!(plan.is_empty());
        assert_eq!(plan.unchanged, 1);
    }
}
