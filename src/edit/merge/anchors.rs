//! After a merge, claims sit on the article text the merge settled on: a claim whose offsets no
//! longer hold its quote is re-anchored from the text it was made on, with the usual orphan rules.

use std::collections::HashMap;

use crate::model::{Claim, Project};
use crate::text::{CharIndex, content_hash};

/// Re-anchors the claims of `merged` whose anchors do not fit their article's text, trying the
/// article's text in each of `sources` (mine, theirs, base) as the text the claim was made on.
/// Returns how many claims moved or were orphaned.
pub fn settle(merged: &mut Project, sources: &[&Project]) -> usize {
    let mut changed = 0;
    for article in &mut merged.articles {
        let hash = content_hash(article.text.as_bytes());
        if article.content_hash != hash {
            article.content_hash = hash;
        }
    }
    let texts: HashMap<&str, &str> = merged.articles.iter().map(|a| (a.id.as_str(), a.text.as_str())).collect();
    let indexes: HashMap<&str, CharIndex> = texts.iter().map(|(id, text)| (*id, CharIndex::new(text))).collect();
    // Each source's text of the articles whose text the merge changed, indexed once.
    let source_texts: Vec<HashMap<&str, (&str, CharIndex)>> = sources
        .iter()
        .map(|source| {
            source
                .articles
                .iter()
                .filter(|a| texts.get(a.id.as_str()).is_some_and(|text| *text != a.text))
                .map(|a| (a.id.as_str(), (a.text.as_str(), CharIndex::new(&a.text))))
                .collect()
        })
        .collect();
    // Claims that do not fit, grouped by (article, the source text they fit).
    let mut moves: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, claim) in merged.claims.iter_mut().enumerate() {
        let (Some(text), Some(index)) = (texts.get(claim.article.as_str()), indexes.get(claim.article.as_str())) else {
            continue;
        };
        if claim.anchor.is_orphaned() || claim.anchor.offsets_match(text, index) {
            continue;
        }
        let old_text = source_texts
            .iter()
            .filter_map(|texts| texts.get(claim.article.as_str()))
            .find(|(old, old_index)| claim.anchor.offsets_match(old, old_index))
            .map(|(old, _)| *old);
        match old_text {
            Some(old) => moves.entry((claim.article.clone(), old.to_owned())).or_default().push(i),
            None => {
                claim.anchor.relocate(text, index);
                changed += 1;
            }
        }
    }
    for ((article, old_text), claim_indices) in moves {
        let Some(new_text) = texts.get(article.as_str()) else { continue };
        let mut claims: Vec<Claim> = claim_indices.iter().map(|&i| merged.claims[i].clone()).collect();
        crate::anchoring::reanchor(&old_text, new_text, &mut claims);
        for (i, claim) in claim_indices.into_iter().zip(claims) {
            merged.claims[i] = claim;
            changed += 1;
        }
    }
    changed
}
