//! The three-way merge of whole projects: what the git merge driver and File > Merge run.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::MergeError;
use super::fields::{self, Rule};
use super::objects::{self, merge_by_id};
use crate::model::{DELETED_FIELD, ExtraFields, MergeConflict, Project, object_kind};

/// The merged project. Conflicts are recorded in its `conflicts` (my value stays in place until
/// resolved), next to any either side still had unresolved. `base` is `None` when the two
/// versions share no ancestor (then nothing counts as deleted).
pub fn merge(base: Option<&Project>, mine: &Project, theirs: &Project) -> Result<Project, MergeError> {
    // No shortcut for identical projects: every merge goes through the same path, so the
    // properties merge(b, x, x) == x and merge(b, b, x) == x test it (objects still take theirs
    // or mine without touching JSON when unchanged, see `objects`).
    let mut new_conflicts = Vec::new();
    let mut out = Project::new(&mine.title);
    merge_header(base, mine, theirs, &mut out, &mut new_conflicts)?;

    let tiers = merge_by_id(base.map(|b| b.tiers.as_slice()), &mine.tiers, &theirs.tiers)?;
    let articles = merge_by_id(base.map(|b| b.articles.as_slice()), &mine.articles, &theirs.articles)?;
    let claims = merge_by_id(base.map(|b| b.claims.as_slice()), &mine.claims, &theirs.claims)?;
    let links = merge_by_id(base.map(|b| b.links.as_slice()), &mine.links, &theirs.links)?;
    let glossary = merge_by_id(base.map(|b| b.glossary.as_slice()), &mine.glossary, &theirs.glossary)?;
    out.tiers = tiers.items;
    out.articles = articles.items;
    out.claims = claims.items;
    out.links = links.items;
    out.glossary = glossary.items;
    for found in [tiers.conflicts, articles.conflicts, claims.conflicts, links.conflicts, glossary.conflicts] {
        new_conflicts.extend(found);
    }
    if out.tiers.is_empty() {
        // Both sides' deletions together removed every tier: a project needs one.
        out.tiers = mine.tiers.clone();
    }
    keep_articles_of_kept_claims(base, mine, theirs, &mut out, &mut new_conflicts);
    super::anchors::settle(&mut out, &[mine, theirs].into_iter().chain(base).collect::<Vec<_>>());
    out.sort_claims();
    label_links(&out, &mut new_conflicts);
    out.conflicts = union_of_conflicts([&mine.conflicts, &theirs.conflicts, &new_conflicts]);
    Ok(out)
}

/// A link is recognised by the quotes of its claims, not by their ids.
fn label_links(project: &Project, conflicts: &mut [MergeConflict]) {
    let quote = |id: &str| {
        project.claim(id).map_or_else(|| id.to_owned(), |c| c.anchor.exact.chars().take(40).collect::<String>())
    };
    for conflict in conflicts.iter_mut().filter(|c| c.object == object_kind::LINK) {
        if let Some(link) = project.links.iter().find(|l| l.id == conflict.object_id) {
            conflict.label = format!("{} → {} ({})", quote(&link.from), quote(&link.to), link.kind);
        }
    }
}

/// The project's own fields: title, journal and unknown top-level fields.
fn header(project: &Project) -> Map<String, Value> {
    let mut map: Map<String, Value> = project.extra.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    map.insert("title".into(), Value::String(project.title.clone()));
    map.insert("journal".into(), Value::String(project.journal.clone()));
    map
}

fn merge_header(
    base: Option<&Project>,
    mine: &Project,
    theirs: &Project,
    out: &mut Project,
    conflicts: &mut Vec<MergeConflict>,
) -> Result<(), MergeError> {
    let base_map = base.map(header);
    let rule = |field: &str| if field == "journal" { Rule::Lines } else { Rule::Scalar };
    let (mut map, found) = fields::merge_object(base_map.as_ref(), &header(mine), &header(theirs), rule);
    let text = |v: Option<Value>| match v {
        Some(Value::String(s)) => Ok(s),
        None => Ok(String::new()),
        Some(_) => Err(MergeError::NotAnObject),
    };
    out.title = text(map.remove("title"))?;
    out.journal = text(map.remove("journal"))?;
    out.extra = map.into_iter().collect::<ExtraFields>();
    conflicts.extend(found.into_iter().map(|c| MergeConflict {
        object: object_kind::PROJECT.to_owned(),
        object_id: String::new(),
        field: c.field,
        label: String::new(),
        base: c.base,
        mine: c.mine,
        theirs: c.theirs,
        extra: ExtraFields::new(),
    }));
    Ok(())
}

/// A claim the merge keeps needs its article: when one side deleted the article while the
/// other added or changed claims on it, the article comes back and the deletion is a conflict.
fn keep_articles_of_kept_claims(
    base: Option<&Project>,
    mine: &Project,
    theirs: &Project,
    out: &mut Project,
    conflicts: &mut Vec<MergeConflict>,
) {
    let present: HashSet<String> = out.articles.iter().map(|a| a.id.clone()).collect();
    let missing: Vec<String> = out
        .claims
        .iter()
        .map(|c| c.article.clone())
        .filter(|id| !present.contains(id))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for id in missing {
        let (in_mine, in_theirs) = (mine.article(&id), theirs.article(&id));
        let Some(article) = in_mine.or(in_theirs) else {
            // Neither side has the article: the claims cannot be shown anywhere.
            out.claims.retain(|c| c.article != id);
            continue;
        };
        let already = conflicts.iter().any(|c| c.object == object_kind::ARTICLE && c.object_id == id);
        if !already {
            let base_value = base.and_then(|b| b.article(&id)).map_or(Value::Null, objects::to_json);
            let json = |a: Option<&crate::model::Article>| a.map_or(Value::Null, objects::to_json);
            conflicts.push(objects::conflict(article, DELETED_FIELD, base_value, json(in_mine), json(in_theirs)));
        }
        out.articles.push(article.clone());
    }
}

/// Conflicts of every list, each (object, field) once, the first list's first.
fn union_of_conflicts(lists: [&Vec<MergeConflict>; 3]) -> Vec<MergeConflict> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for conflict in lists.into_iter().flatten() {
        let key = (conflict.object.clone(), conflict.object_id.clone(), conflict.field.clone());
        if seen.insert(key) {
            out.push(conflict.clone());
        }
    }
    out
}
