//! File > Merge without git: a friend's file merged three-way against the version last merged
//! from it, so a re-merge after a deletion changes nothing and a change only the friend made
//! is taken without asking.

use std::collections::HashMap;

use super::MergeError;
use crate::model::{Project, new_id};

/// Merges `theirs` into `mine`. `last_merged` is what [`super::memory::MergeMemory::base_for`]
/// returns for the friend's file (`None` the first time: every difference is then a conflict,
/// and nothing counts as deleted). Their copies of my articles are matched by content, then by
/// source URL, as they may have been imported separately with other ids.
pub fn merge_from_file(mine: &Project, theirs: &Project, last_merged: Option<&Project>) -> Result<Project, MergeError> {
    let theirs = align_articles(mine, theirs);
    let base = last_merged.map(|base| align_articles(mine, base));
    super::merge(base.as_ref(), mine, &theirs)
}

/// `other` with its article ids changed to mine where the articles are the same (by content,
/// then by source URL), and a fresh id where its unrelated article happens to use one of mine.
pub fn align_articles(mine: &Project, other: &Project) -> Project {
    let mut renames: HashMap<String, String> = HashMap::new();
    for article in &other.articles {
        let same_id_same_text = mine.article(&article.id).is_some_and(|a| a.content_hash == article.content_hash);
        if same_id_same_text {
            continue;
        }
        let matched = mine
            .articles
            .iter()
            .find(|a| !a.content_hash.is_empty() && a.content_hash == article.content_hash)
            .or_else(|| mine.articles.iter().find(|a| !a.source_url.is_empty() && a.source_url == article.source_url));
        match matched {
            Some(mine_article) if mine_article.id != article.id => {
                renames.insert(article.id.clone(), mine_article.id.clone());
            }
            Some(_) => {}
            None if mine.article(&article.id).is_some() => {
                renames.insert(article.id.clone(), new_id());
            }
            None => {}
        }
    }
    if renames.is_empty() {
        return other.clone();
    }
    let mut out = other.clone();
    for article in &mut out.articles {
        if let Some(new) = renames.get(&article.id) {
            article.id = new.clone();
        }
    }
    for claim in &mut out.claims {
        if let Some(new) = renames.get(&claim.article) {
            claim.article = new.clone();
        }
    }
    out
}
