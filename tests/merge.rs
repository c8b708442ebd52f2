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

// ---- Three-way merging (format 1.2): File > Merge with memory, recorded conflicts ----------

use canonry::edit::merge::memory::MergeMemory;
use canonry::edit::merge::{Choice, merge_from_file};

#[test]
fn file_merge_remembers_the_last_merge_so_a_deletion_stays_deleted() {
    let dir = tempfile::tempdir().expect("temp");
    let memory = MergeMemory::new(dir.path().join("bases"));
    let friend_file = dir.path().join("friend.canonry");
    std::fs::write(&friend_file, b"placeholder").expect("write");
    let (mine, theirs) = diverged();

    let first = merge_from_file(&mine, &theirs, memory.base_for(&friend_file).as_ref()).expect("merge");
    memory.remember(&friend_file, &theirs).expect("remember");
    // I settle the first merge and delete one of their claims.
    let mut settled = first.clone();
    merge::resolve_all(&mut settled, Choice::KeepMine).expect("resolve");
    let theirs_only = theirs.claims.iter().find(|c| mine.claim(&c.id).is_none()).expect("their new claim").id.clone();
    settled.remove_claim(&theirs_only);

    // Merging their unchanged file again changes nothing: the deleted claim does not come back.
    let again = merge_from_file(&settled, &theirs, memory.base_for(&friend_file).as_ref()).expect("merge");
    assert_eq!(again, settled);

    // A change only the friend made since is taken without asking.
    let mut friend_later = theirs.clone();
    let shared = mine.claims.iter().find(|c| c.tier == Tier::CANON).expect("a canon claim").id.clone();
    friend_later.claim_mut(&shared).expect("claim").note = "Confirmed in the finale.".into();
    let later = merge_from_file(&settled, &friend_later, memory.base_for(&friend_file).as_ref()).expect("merge");
    assert!(later.conflicts.is_empty(), "{:?}", later.conflicts);
    assert_eq!(later.claim(&shared).expect("claim").note, "Confirmed in the finale.");
    assert!(later.claim(&theirs_only).is_none());
}

#[test]
fn without_a_remembered_base_differences_are_conflicts_per_field() {
    let (mine, theirs) = diverged();
    let merged = merge_from_file(&mine, &theirs, None).expect("merge");
    // The note both versions have differently is one conflict, on the note field only.
    let notes: Vec<_> = merged.conflicts.iter().filter(|c| c.object == "claim").collect();
    assert_eq!(notes.len(), 1, "{:?}", merged.conflicts);
    assert_eq!(notes[0].field, "note");
    assert!(merged.claim(&notes[0].object_id).is_some_and(|c| c.note == "My take."), "mine stays until resolved");
    // Everything either side added is there.
    assert_eq!(ids(&merged), ids(&mine).union(&ids(&theirs)).cloned().collect());
}

#[test]
fn each_kind_of_conflict_resolves_and_the_file_loads_again() {
    let base = sample();
    let claim = base.claims[0].id.clone();
    let other = base.claims[1].id.clone();
    let mut mine = base.clone();
    let mut theirs = base.clone();
    // A scalar field (tier), a text field (note), and a deletion against a change.
    mine.retag_claim(&claim, Tier::SPECULATION, "");
    theirs.retag_claim(&claim, Tier::COMIC_CANON, "");
    mine.claim_mut(&claim).expect("claim").note = "mine".into();
    theirs.claim_mut(&claim).expect("claim").note = "theirs".into();
    mine.remove_claim(&other);
    theirs.claim_mut(&other).expect("claim").note = "they care about it".into();
    mine.journal = "my journal".into();
    theirs.journal = "their journal".into();
    let merged = merge::merge(Some(&base), &mine, &theirs).expect("merge");
    let fields: BTreeSet<(String, String)> =
        merged.conflicts.iter().map(|c| (c.object_id.clone(), c.field.clone())).collect();
    let expected: BTreeSet<(String, String)> = [
        (claim.clone(), "tier".to_owned()),
        (claim.clone(), "note".to_owned()),
        (other.clone(), canonry::model::DELETED_FIELD.to_owned()),
        (String::new(), "journal".to_owned()),
    ]
    .into_iter()
    .collect();
    assert_eq!(fields, expected);
    // Recorded in the file: it saves and loads with them, and they say what they are about.
    let bytes = canonry::storage::serialize_project(&merged, canonry::storage::CURRENT_VERSION).expect("save");
    let reloaded = parse_project(&bytes).expect("a file with conflicts loads").project;
    assert_eq!(reloaded.conflicts, merged.conflicts);

    let find =
        |p: &canonry::model::Project, field: &str| p.conflicts.iter().position(|c| c.field == field).expect("conflict");
    let mut p = reloaded;
    let i = find(&p, "tier");
    merge::resolve(&mut p, i, Choice::TakeTheirs).expect("tier");
    assert_eq!(p.claim(&claim).expect("claim").tier, Tier::COMIC_CANON);
    assert!(merge::can_keep_both(&p.conflicts[find(&p, "note")]));
    let i = find(&p, "note");
    merge::resolve(&mut p, i, Choice::KeepBoth).expect("note");
    assert_eq!(p.claim(&claim).expect("claim").note, "mine\n\ntheirs");
    let deleted = find(&p, canonry::model::DELETED_FIELD);
    assert!(!merge::can_keep_both(&p.conflicts[deleted]));
    assert!(merge::resolve(&mut p, deleted, Choice::KeepBoth).is_err(), "keep both is refused where it makes no sense");
    merge::resolve(&mut p, deleted, Choice::KeepMine).expect("deletion");
    assert!(p.claim(&other).is_none(), "keeping mine keeps it deleted");
    let i = find(&p, "journal");
    merge::resolve(&mut p, i, Choice::KeepMine).expect("journal");
    assert_eq!(p.journal, "my journal");
    assert!(p.conflicts.is_empty());
    let bytes = canonry::storage::serialize_project(&p, canonry::storage::CURRENT_VERSION).expect("save");
    assert!(parse_project(&bytes).expect("loads").project.conflicts.is_empty());
}

#[test]
fn taking_their_article_text_re_anchors_the_claims_on_it() {
    let base = sample();
    let article = base.articles[0].id.clone();
    let old_text = base.articles[0].text.clone();
    let update = |p: &mut canonry::model::Project, prefix: &str| {
        let a = p.article_mut(&article).expect("article");
        a.text = format!("{prefix}\n\n{old_text}");
        a.content_hash = canonry::text::content_hash(a.text.as_bytes());
        let new_text = a.text.clone();
        let mut claims: Vec<_> = p.claims_of(&article).cloned().collect();
        canonry::anchoring::reanchor(&old_text, &new_text, &mut claims);
        for c in claims {
            let id = c.id.clone();
            *p.claim_mut(&id).expect("claim") = c;
        }
    };
    let mut mine = base.clone();
    update(&mut mine, "My preface.");
    let mut theirs = base.clone();
    update(&mut theirs, "Their much longer preface, which moves every claim.");
    let merged = merge::merge(Some(&base), &mine, &theirs).expect("merge");
    let text_conflict = merged.conflicts.iter().position(|c| c.field == "text").expect("a conflict on the text");
    let mut p = merged;
    merge::resolve(&mut p, text_conflict, Choice::TakeTheirs).expect("resolve");
    let text = &p.article(&article).expect("article").text;
    assert!(text.starts_with("Their much longer preface"));
    let index = canonry::text::CharIndex::new(text);
    for claim in p.claims_of(&article) {
        assert!(claim.anchor.offsets_match(text, &index), "claim {:?} sits on their text", claim.anchor.exact);
    }
}

#[test]
fn a_share_bundle_never_carries_unresolved_conflicts() {
    let base = sample();
    let claim = base.claims[0].id.clone();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.claim_mut(&claim).expect("claim").note = "my secret reading".into();
    theirs.claim_mut(&claim).expect("claim").note = "their secret reading".into();
    let merged = merge::merge(Some(&base), &mine, &theirs).expect("merge");
    assert_eq!(merged.conflicts.len(), 1);
    let options = canonry::export::ExportOptions { spoiler_free: true, ..Default::default() };
    let bundle = canonry::export::bundle(&merged, &options);
    assert!(bundle.conflicts.is_empty());
    let bytes = canonry::export::export(&merged, canonry::export::Format::Bundle, &options).expect("bundle");
    assert!(!String::from_utf8_lossy(&bytes).contains("secret reading"));
}
