//! Merging a friend's project: both directions agree, twice is a no-op, conflicts are reported.

mod common;

use canonry::edit::merge::{self, Resolution};
use canonry::model::{Project, Tier};
use canonry::storage::parse_project;
use std::collections::BTreeSet;

fn sample() -> Project {
    parse_project(common::sample_bytes()).expect("sample").project
}

fn ids(project: &Project) -> BTreeSet<String> {
    project.claims.iter().map(|c| c.id.clone()).collect()
}

/// Two diverging copies: each adds claims; one edits a shared claim's note; one adds a tier.
fn diverged() -> (Project, Project) {
    let base = sample();
    let article = base.articles[0].id.clone();
    let mut mine = base.clone();
    mine.add_claim(&article, 0, 6, Tier::CANON).expect("claim");
    mine.claims.iter_mut().find(|c| c.tier == Tier::SPECULATION).expect("spec").note = "My take.".into();
    let mut theirs = base;
    theirs.add_claim(&article, 10, 20, Tier::SPECULATION).expect("claim");
    let legends = theirs.add_tier("Legends", "#884488").expect("tier");
    let claim = theirs.add_claim(&article, 30, 40, &legends).expect("claim");
    theirs.claim_mut(&claim).expect("claim").note = "Old EU.".into();
    (mine, theirs)
}

#[test]
fn merging_both_ways_gives_the_same_claims() {
    let (mine, theirs) = diverged();
    let ab = merge::plan(&mine, &theirs);
    let ba = merge::plan(&theirs, &mine);
    assert_eq!(ab.conflicts.len(), 1, "the edited note is a conflict, not silently resolved");
    assert_eq!(ba.conflicts.len(), 1);
    assert_eq!(ab.new_tiers.len(), 1);
    let merged_ab = merge::apply(&mine, &ab, &[Resolution::KeepMine]);
    let merged_ba = merge::apply(&theirs, &ba, &[Resolution::TakeTheirs]);
    assert_eq!(ids(&merged_ab), ids(&merged_ba));
    assert_eq!(merged_ab.claims.len(), sample().claims.len() + 3);
    // Keeping mine in one direction and taking theirs in the other gives the same project.
    let a: Vec<_> = merged_ab.claims.iter().map(|c| (&c.id, &c.note, &c.tier)).collect();
    let b: Vec<_> = merged_ba.claims.iter().map(|c| (&c.id, &c.note, &c.tier)).collect();
    assert_eq!(a, b);
    assert!(merged_ab.tier("legends").is_some());
}

#[test]
fn merging_twice_changes_nothing_the_second_time() {
    let (mine, theirs) = diverged();
    let once = merge::apply(&mine, &merge::plan(&mine, &theirs), &[Resolution::TakeTheirs]);
    let second = merge::plan(&once, &theirs);
    assert!(second.is_empty(), "{}", second.summary());
    assert_eq!(merge::apply(&once, &second, &[]), once);
}

#[test]
fn keep_both_adds_their_version_beside_mine() {
    let (mine, theirs) = diverged();
    let plan = merge::plan(&mine, &theirs);
    let merged = merge::apply(&mine, &plan, &[Resolution::KeepBoth]);
    let conflict = &plan.conflicts[0];
    assert!(merged.claim(&conflict.mine.id).is_some_and(|c| c.note == "My take."));
    assert!(merged.claims.iter().any(|c| c.id != conflict.mine.id
        && c.note == conflict.theirs.note
        && c.anchor.exact == conflict.theirs.anchor.exact));
}

#[test]
fn articles_match_by_content_even_with_other_ids_and_new_ones_are_added() {
    let mine = sample();
    let mut theirs = sample();
    // Their copy of the same article got another id (imported separately).
    let old_id = theirs.articles[0].id.clone();
    theirs.articles[0].id = "their-article".into();
    for claim in theirs.claims.iter_mut().filter(|c| c.article == old_id) {
        claim.article = "their-article".into();
    }
    let mut extra = canonry::model::Article::new("Another piece", "Seven of Nine leads Fenris Rangers.");
    extra.id = old_id.clone(); // and an unrelated article that happens to use my article's id
    let extra_id = extra.id.clone();
    theirs.articles.push(extra);
    let claim = theirs.add_claim(&extra_id, 0, 13, Tier::CANON).expect("claim");

    let plan = merge::plan(&mine, &theirs);
    assert_eq!(plan.unchanged, mine.claims.len(), "matched by content hash");
    assert_eq!(plan.new_articles.len(), 1);
    assert_ne!(plan.new_articles[0].id, old_id, "an id clash gets a fresh id");
    let merged = merge::apply(&mine, &plan, &[]);
    let added = merged.claim(&claim).expect("their claim added");
    assert_eq!(added.article, plan.new_articles[0].id);
    assert_eq!(merged.articles.len(), mine.articles.len() + 1);
}
