//! The three-way merge against a simple model, over random concurrent edit scripts on both
//! sides: no change lost, conflicts exactly where both sides changed one field differently,
//! merge(b, x, x) == x, merge(b, b, x) == x, merge(b, x, b) == x, and mine/theirs symmetric
//! up to the orientation of conflicts.

use std::collections::BTreeMap;

use canonry::edit::merge::{self, Choice};
use canonry::model::{
    Article, ClaimLink, DELETED_FIELD, GlossaryEntry, InUniverseTime, LinkKind, Project, Spoiler, Tier,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

const SENTENCES: [&str; 8] = [
    "The synths attacked Mars.",
    "Picard resigned from Starfleet.",
    "Data had a daughter.",
    "Q may return.",
    "Seven joined the Fenris Rangers.",
    "Raffi tracked the synth ban.",
    "Rios captains La Sirena.",
    "Soji lived at the Borg cube.",
];
const NOTES: [&str; 3] = ["Seen on screen.", "Only in the comic.", "A rumour."];
const TIERS: [&str; 3] = [Tier::CANON, Tier::COMIC_CANON, Tier::SPECULATION];
const COLORS: [&str; 3] = ["#112233", "#445566", "#778899"];
const TIMES: [&str; 2] = ["2385", "stardate 41153.7"];

fn base() -> Project {
    let mut project = Project::new("Shared");
    let mut article = Article::new("Picard", &SENTENCES[..6].join(" "));
    article.id = "article".into();
    project.articles.push(article);
    for i in 0..6 {
        let (start, end) = span(&project, i).expect("sentence");
        let claim = project.add_claim("article", start, end, TIERS[i % 3]).expect("claim");
        let claim = project.claim_mut(&claim).expect("claim");
        claim.id = format!("claim-{i}");
        claim.created = "2026-01-01T00:00:00Z".into();
        claim.modified = claim.created.clone();
    }
    project.sort_claims();
    for (i, (from, to)) in [(0, 1), (2, 3)].into_iter().enumerate() {
        let mut link = ClaimLink::new(&format!("claim-{from}"), &format!("claim-{to}"), LinkKind::Contradicts, "");
        link.id = format!("link-{i}");
        project.links.push(link);
    }
    for (i, name) in ["Picard", "Data"].into_iter().enumerate() {
        let mut entry = GlossaryEntry::new(name, "character");
        entry.id = format!("name-{i}");
        project.glossary.push(entry);
    }
    project
}

/// Where sentence `i` is in the project's article text.
fn span(project: &Project, i: usize) -> Option<(usize, usize)> {
    let text = &project.article("article")?.text;
    let byte = text.find(SENTENCES[i])?;
    let start = text[..byte].chars().count();
    Some((start, start + SENTENCES[i].chars().count()))
}

#[derive(Debug, Clone)]
enum Edit {
    Tag { sentence: usize, tier: usize },
    Retag { claim: usize, tier: usize },
    Note { claim: usize, note: usize },
    Delete { claim: usize },
    Spoiler { claim: usize, on: bool },
    InUniverse { claim: usize, time: usize },
    LinkNote { link: usize, note: usize },
    LinkResolved { link: usize },
    AddLink { from: usize, to: usize },
    Description { entry: usize, note: usize },
    Alias { entry: usize, alias: usize },
    Recolor { tier: usize, color: usize },
    UpdateArticle { variant: usize },
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..8usize, 0..3usize).prop_map(|(sentence, tier)| Edit::Tag { sentence, tier }),
        (0..6usize, 0..3usize).prop_map(|(claim, tier)| Edit::Retag { claim, tier }),
        (0..6usize, 0..3usize).prop_map(|(claim, note)| Edit::Note { claim, note }),
        (0..6usize).prop_map(|claim| Edit::Delete { claim }),
        (0..6usize, any::<bool>()).prop_map(|(claim, on)| Edit::Spoiler { claim, on }),
        (0..6usize, 0..2usize).prop_map(|(claim, time)| Edit::InUniverse { claim, time }),
        (0..2usize, 0..3usize).prop_map(|(link, note)| Edit::LinkNote { link, note }),
        (0..2usize).prop_map(|link| Edit::LinkResolved { link }),
        (0..6usize, 0..6usize).prop_map(|(from, to)| Edit::AddLink { from, to }),
        (0..2usize, 0..3usize).prop_map(|(entry, note)| Edit::Description { entry, note }),
        (0..2usize, 0..3usize).prop_map(|(entry, alias)| Edit::Alias { entry, alias }),
        (0..3usize, 0..3usize).prop_map(|(tier, color)| Edit::Recolor { tier, color }),
        (0..2usize).prop_map(|variant| Edit::UpdateArticle { variant }),
    ]
}

/// Applies a script as one side would: new objects get ids of that side (`who`).
fn apply(mut project: Project, script: &[Edit], who: &str) -> Project {
    for (n, edit) in script.iter().enumerate() {
        let claim_id = |i: usize| format!("claim-{i}");
        match edit {
            Edit::Tag { sentence, tier } => {
                if let Some((start, end)) = span(&project, *sentence)
                    && let Some(mut claim) = project.new_claim("article", start, end, TIERS[*tier])
                {
                    claim.id = format!("{who}-claim-{n}");
                    project.claims.push(claim);
                    project.sort_claims();
                }
            }
            Edit::Retag { claim, tier } => {
                project.retag_claim(&claim_id(*claim), TIERS[*tier], who);
            }
            Edit::Note { claim, note } => {
                if let Some(c) = project.claim_mut(&claim_id(*claim)) {
                    c.note = NOTES[*note].into();
                }
            }
            Edit::Delete { claim } => {
                project.remove_claim(&claim_id(*claim));
            }
            Edit::Spoiler { claim, on } => {
                if let Some(c) = project.claim_mut(&claim_id(*claim)) {
                    c.spoiler = on.then(Spoiler::default);
                }
            }
            Edit::InUniverse { claim, time } => {
                if let Some(c) = project.claim_mut(&claim_id(*claim)) {
                    c.in_universe = Some(InUniverseTime::new(TIMES[*time]));
                }
            }
            Edit::LinkNote { link, note } => {
                if let Some(l) = project.links.iter_mut().find(|l| l.id == format!("link-{link}")) {
                    l.note = NOTES[*note].into();
                }
            }
            Edit::LinkResolved { link } => {
                if let Some(l) = project.links.iter_mut().find(|l| l.id == format!("link-{link}")) {
                    l.resolved = !l.resolved;
                }
            }
            Edit::AddLink { from, to } => {
                let mut link = ClaimLink::new(&claim_id(*from), &claim_id(*to), LinkKind::Supports, who);
                link.id = format!("{who}-link-{n}");
                project.links.push(link);
            }
            Edit::Description { entry, note } => {
                if let Some(e) = project.glossary.get_mut(*entry) {
                    e.description = NOTES[*note].into();
                }
            }
            Edit::Alias { entry, alias } => {
                if let Some(e) = project.glossary.get_mut(*entry) {
                    let alias = format!("alias {alias}");
                    if !e.aliases.contains(&alias) {
                        e.aliases.push(alias);
                    }
                }
            }
            Edit::Recolor { tier, color } => {
                if let Some(t) = project.tiers.get_mut(*tier) {
                    t.color = COLORS[*color].into();
                }
            }
            Edit::UpdateArticle { variant } => {
                // Variant 0 adds a sentence at the top, variant 1 at the end.
                let sentence = SENTENCES[6 + variant];
                let Some(article) = project.article_mut("article") else { continue };
                let old = article.text.clone();
                let new = if *variant == 0 { format!("{sentence} {old}") } else { format!("{old} {sentence}") };
                if old.contains(sentence) {
                    continue;
                }
                article.text = new.clone();
                article.content_hash = canonry::text::content_hash(new.as_bytes());
                let mut claims: Vec<_> = project.claims_of("article").cloned().collect();
                canonry::anchoring::reanchor(&old, &new, &mut claims);
                for claim in claims {
                    if let Some(slot) = project.claim_mut(&claim.id) {
                        *slot = claim;
                    }
                }
            }
        }
    }
    project
}

/// Fields the model does not treat as plain values: they merge by their own rules (checked
/// apart) or follow others (anchors follow the text, hashes the text, `modified` the latest).
fn modelled(kind: &str, field: &str) -> bool {
    !matches!(
        (kind, field),
        ("claim", "history" | "modified" | "anchor") | ("article", "content_hash") | ("glossary", "aliases")
    )
}

type Objects = BTreeMap<(String, String), Map<String, Value>>;

/// Every object of the project as JSON, by (kind, id).
fn objects(project: &Project) -> Objects {
    let mut out = Objects::new();
    let mut add = |kind: &str, id: &str, value: Value| {
        if let Value::Object(map) = value {
            out.insert((kind.to_owned(), id.to_owned()), map);
        }
    };
    let json = |v: &dyn erased::Json| v.json();
    for c in &project.claims {
        add("claim", &c.id, json(c));
    }
    for l in &project.links {
        add("link", &l.id, json(l));
    }
    for e in &project.glossary {
        add("glossary", &e.id, json(e));
    }
    for t in &project.tiers {
        add("tier", &t.id, json(t));
    }
    for a in &project.articles {
        add("article", &a.id, json(a));
    }
    out
}

mod erased {
    pub trait Json {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or_default()
        }
    }
}

fn conflict_keys(project: &Project) -> BTreeMap<(String, String, String), (Value, Value)> {
    project
        .conflicts
        .iter()
        .map(|c| ((c.object.clone(), c.object_id.clone(), c.field.clone()), (c.mine.clone(), c.theirs.clone())))
        .collect()
}

/// Checks the merge of `mine` and `theirs` against what the model says, object by object.
fn check_against_model(
    base: &Project,
    mine: &Project,
    theirs: &Project,
    merged: &Project,
) -> Result<(), TestCaseError> {
    let (b, m, t, out) = (objects(base), objects(mine), objects(theirs), objects(merged));
    let conflicts = conflict_keys(merged);
    let mut expected_conflicts = std::collections::BTreeSet::new();
    let keys: std::collections::BTreeSet<_> = m.keys().chain(t.keys()).chain(b.keys()).cloned().collect();
    for key in keys {
        let (kind, id) = (&key.0, &key.1);
        let (bo, mo, to) = (b.get(&key), m.get(&key), t.get(&key));
        match (mo, to) {
            (None, None) => prop_assert!(!out.contains_key(&key), "{kind} {id} deleted on both sides is gone"),
            (Some(only), None) | (None, Some(only)) => match bo {
                None => prop_assert_eq!(
                    out.get(&key).map(|o| strip(kind, o)),
                    Some(strip(kind, only)),
                    "{} {} added on one side",
                    kind,
                    id
                ),
                Some(bo) if strip_derived(kind, bo) == strip_derived(kind, only) => {
                    prop_assert!(!out.contains_key(&key), "{kind} {id}: deleted vs unchanged is deleted")
                }
                Some(_) => {
                    expected_conflicts.insert((kind.clone(), id.clone(), DELETED_FIELD.to_owned()));
                    prop_assert!(out.contains_key(&key), "{kind} {id}: deleted vs changed keeps the changed one");
                }
            },
            (Some(mo), Some(to)) => {
                let merged_object = out.get(&key);
                prop_assert!(merged_object.is_some(), "{} {} kept", kind, id);
                let merged_object = merged_object.cloned().unwrap_or_default();
                let fields: std::collections::BTreeSet<&String> = mo.keys().chain(to.keys()).collect();
                for field in fields {
                    if !modelled(kind, field) {
                        continue;
                    }
                    let (bv, mv, tv) = (bo.and_then(|o| o.get(field)), mo.get(field), to.get(field));
                    let got = merged_object.get(field);
                    let base_known = bo.is_some();
                    if mv == tv {
                        prop_assert_eq!(got, mv, "{} {}.{}: same on both sides", kind, id, field);
                    } else if base_known && mv == bv {
                        prop_assert_eq!(got, tv, "{} {}.{}: only theirs changed", kind, id, field);
                    } else if base_known && tv == bv {
                        prop_assert_eq!(got, mv, "{} {}.{}: only mine changed", kind, id, field);
                    } else {
                        expected_conflicts.insert((kind.clone(), id.clone(), field.clone()));
                        prop_assert_eq!(got, mv, "{} {}.{}: a conflict keeps mine until resolved", kind, id, field);
                    }
                }
                if kind == "glossary" {
                    // Aliases merge by item: every alias a side added is there.
                    let aliases = |o: &Map<String, Value>| {
                        o.get("aliases").and_then(Value::as_array).cloned().unwrap_or_default()
                    };
                    let base_aliases = bo.map(aliases).unwrap_or_default();
                    for added in aliases(mo).into_iter().chain(aliases(to)).filter(|a| !base_aliases.contains(a)) {
                        prop_assert!(
                            aliases(&merged_object).contains(&added),
                            "alias {added} added on one side is kept"
                        );
                    }
                }
                if kind == "claim" {
                    // History is the union of both sides'.
                    let history = |o: &Map<String, Value>| {
                        o.get("history").and_then(Value::as_array).cloned().unwrap_or_default()
                    };
                    for change in history(mo).into_iter().chain(history(to)) {
                        prop_assert!(history(&merged_object).contains(&change), "a tier change of one side is kept");
                    }
                }
            }
        }
    }
    let found: std::collections::BTreeSet<_> = conflicts.keys().cloned().collect();
    prop_assert_eq!(found, expected_conflicts, "conflicts exactly where both sides changed a field differently");
    Ok(())
}

/// An object without the fields that only follow others (a moved anchor, a new `modified`, a
/// recomputed hash): a change of those alone is not a change the user made.
fn strip_derived(kind: &str, object: &Map<String, Value>) -> Map<String, Value> {
    let derived = |k: &str| matches!((kind, k), ("claim", "modified" | "anchor") | ("article", "content_hash"));
    object.iter().filter(|(k, _)| !derived(k)).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// An object without the fields the model leaves to their own rules.
fn strip(kind: &str, object: &Map<String, Value>) -> Map<String, Value> {
    object.iter().filter(|(k, _)| modelled(kind, k)).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// The project in a form independent of the order in which the two sides' additions were
/// combined: lists by id, aliases and history sorted, anchors left out (re-anchoring a claim
/// from one text or the other may pick other context characters).
fn normalised(project: &Project) -> Value {
    let mut p = project.clone();
    p.tiers.sort_by(|a, b| a.id.cmp(&b.id));
    p.links.sort_by(|a, b| a.id.cmp(&b.id));
    p.glossary.sort_by(|a, b| a.id.cmp(&b.id));
    for e in &mut p.glossary {
        e.aliases.sort();
    }
    for c in &mut p.claims {
        c.history.sort_by(|a, b| (&a.when, &a.from, &a.to, &a.why).cmp(&(&b.when, &b.from, &b.to, &b.why)));
        c.anchor = canonry::model::Anchor { start: 0, end: 0, exact: c.anchor.exact.clone(), ..c.anchor.clone() };
        c.anchor.prefix.clear();
        c.anchor.suffix.clear();
    }
    p.claims.sort_by(|a, b| a.id.cmp(&b.id));
    p.conflicts.clear();
    serde_json::to_value(&p).unwrap_or_default()
}

fn script() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit_strategy(), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn concurrent_scripts_merge_as_the_model_says(mine_script in script(), theirs_script in script()) {
        let base = base();
        let mine = apply(base.clone(), &mine_script, "mine");
        let theirs = apply(base.clone(), &theirs_script, "theirs");
        let merged = merge::merge(Some(&base), &mine, &theirs).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_against_model(&base, &mine, &theirs, &merged)?;

        // The merged file saves and loads back as it is.
        let bytes = canonry::storage::serialize_project(&merged, canonry::storage::CURRENT_VERSION).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = canonry::storage::parse_project(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded.project.conflicts, &merged.conflicts);

        // Symmetric up to orientation: taking theirs everywhere here is keeping mine everywhere
        // in the merge the other way round.
        let mut here = merged.clone();
        merge::resolve_all(&mut here, Choice::TakeTheirs).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut there = merge::merge(Some(&base), &theirs, &mine).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(there.conflicts.len(), merged.conflicts.len());
        merge::resolve_all(&mut there, Choice::KeepMine).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(here.conflicts.is_empty() && there.conflicts.is_empty());
        prop_assert_eq!(normalised(&here), normalised(&there));
    }

    #[test]
    fn merging_with_an_unchanged_side_or_the_same_change_gives_that_change(script in script()) {
        let base = base();
        let x = apply(base.clone(), &script, "x");
        let m = |b: &Project, a: &Project, c: &Project| merge::merge(Some(b), a, c).map_err(|e| TestCaseError::fail(e.to_string()));
        prop_assert_eq!(&m(&base, &x, &x)?, &x, "merge(b, x, x) == x");
        prop_assert_eq!(&m(&base, &base, &x)?, &x, "merge(b, b, x) == x");
        prop_assert_eq!(&m(&base, &x, &base)?, &x, "merge(b, x, b) == x");
    }
}
