//! Settling recorded conflicts: what the app's merge resolver calls for each one.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::MergeError;
use super::fields::Rule;
use super::objects::{Mergeable, from_map, to_map};
use crate::model::{
    Article, Claim, ClaimLink, DELETED_FIELD, GlossaryEntry, MergeConflict, Project, new_id, object_kind,
};

/// What the user chose for one conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    KeepMine,
    TakeTheirs,
    /// Texts: mine, then theirs. Claims: their version is added as a new claim beside mine.
    KeepBoth,
}

/// Whether "keep both" makes sense for this conflict (see [`Choice::KeepBoth`]).
pub fn can_keep_both(conflict: &MergeConflict) -> bool {
    if conflict.field == DELETED_FIELD {
        return false;
    }
    conflict.object == object_kind::CLAIM || is_text_field(conflict)
}

fn is_text_field(conflict: &MergeConflict) -> bool {
    let rule = match conflict.object.as_str() {
        object_kind::PROJECT => {
            if conflict.field == "journal" {
                Rule::Lines
            } else {
                Rule::Scalar
            }
        }
        object_kind::ARTICLE => Article::rule(&conflict.field),
        object_kind::CLAIM => Claim::rule(&conflict.field),
        object_kind::LINK => ClaimLink::rule(&conflict.field),
        object_kind::GLOSSARY => GlossaryEntry::rule(&conflict.field),
        _ => Rule::Scalar,
    };
    rule == Rule::Lines
}

/// Settles `project.conflicts[index]` and removes it from the list. Claims on an article whose
/// text changes are re-anchored on the chosen text.
pub fn resolve(project: &mut Project, index: usize, choice: Choice) -> Result<(), MergeError> {
    let conflict = project.conflicts.get(index).cloned().ok_or(MergeError::NoSuchConflict { index })?;
    if choice == Choice::KeepBoth && !can_keep_both(&conflict) {
        return Err(MergeError::KeepBothNotOffered { conflict: conflict.describe() });
    }
    let value = match choice {
        Choice::KeepMine => conflict.mine.clone(),
        Choice::TakeTheirs => conflict.theirs.clone(),
        Choice::KeepBoth if is_text_field(&conflict) => Value::String(super::text::both(
            conflict.mine.as_str().unwrap_or_default(),
            conflict.theirs.as_str().unwrap_or_default(),
        )),
        Choice::KeepBoth => return keep_both_claims(project, index, &conflict),
    };
    match conflict.object.as_str() {
        object_kind::PROJECT => set_project_field(project, &conflict.field, value)?,
        object_kind::ARTICLE => {
            let old_text = project.article(&conflict.object_id).map(|a| a.text.clone());
            if conflict.field == DELETED_FIELD && value.is_null() {
                project.remove_article(&conflict.object_id);
            } else {
                set_field(&mut project.articles, &conflict, value)?;
            }
            if let (Some(old_text), Some(article)) = (old_text, project.article_mut(&conflict.object_id))
                && article.text != old_text
            {
                article.content_hash = crate::text::content_hash(article.text.as_bytes());
                let new_text = article.text.clone();
                let id = article.id.clone();
                let mut claims: Vec<Claim> = project.claims_of(&id).cloned().collect();
                crate::anchoring::reanchor(&old_text, &new_text, &mut claims);
                for claim in claims {
                    if let Some(slot) = project.claim_mut(&claim.id) {
                        *slot = claim;
                    }
                }
            }
        }
        object_kind::CLAIM => {
            set_field(&mut project.claims, &conflict, value)?;
            project.sort_claims();
        }
        object_kind::LINK => set_field(&mut project.links, &conflict, value)?,
        object_kind::GLOSSARY => set_field(&mut project.glossary, &conflict, value)?,
        object_kind::TIER => set_field(&mut project.tiers, &conflict, value)?,
        other => return Err(MergeError::UnknownObject { kind: other.to_owned() }),
    }
    remove_settled(project, &conflict);
    Ok(())
}

/// Settles every conflict the same way (the resolver's "keep all mine" / "take all theirs").
pub fn resolve_all(project: &mut Project, choice: Choice) -> Result<(), MergeError> {
    while !project.conflicts.is_empty() {
        let choice =
            if choice == Choice::KeepBoth && !can_keep_both(&project.conflicts[0]) { Choice::KeepMine } else { choice };
        resolve(project, 0, choice)?;
    }
    Ok(())
}

/// Drops the conflict, and those of objects that are gone with it (claims of a deleted article).
fn remove_settled(project: &mut Project, settled: &MergeConflict) {
    let claims: std::collections::HashSet<String> = project.claims.iter().map(|c| c.id.clone()).collect();
    let articles: std::collections::HashSet<String> = project.articles.iter().map(|a| a.id.clone()).collect();
    project.conflicts.retain(|c| {
        c.key() != settled.key()
            && match c.object.as_str() {
                object_kind::CLAIM => claims.contains(&c.object_id),
                object_kind::ARTICLE => articles.contains(&c.object_id),
                _ => true,
            }
    });
}

/// Sets one field of the object the conflict names (`null`: the field's default), or for a
/// deletion conflict, removes the object (`null`) or puts the chosen version back.
fn set_field<T: Mergeable + Serialize + DeserializeOwned>(
    list: &mut Vec<T>,
    conflict: &MergeConflict,
    value: Value,
) -> Result<(), MergeError> {
    let position = list.iter().position(|item| item.id() == conflict.object_id);
    if conflict.field == DELETED_FIELD {
        match (position, value.is_null()) {
            (Some(i), true) => {
                list.remove(i);
            }
            (Some(i), false) => list[i] = serde_json::from_value(value).map_err(|e| MergeError::Json(e.to_string()))?,
            (None, false) => list.push(serde_json::from_value(value).map_err(|e| MergeError::Json(e.to_string()))?),
            (None, true) => {}
        }
        return Ok(());
    }
    let i = position.ok_or_else(|| MergeError::ObjectMissing { conflict: conflict.describe() })?;
    let mut map = to_map(&list[i])?;
    if value.is_null() {
        map.remove(&conflict.field);
    } else {
        map.insert(conflict.field.clone(), value);
    }
    list[i] = from_map(map)?;
    Ok(())
}

fn set_project_field(project: &mut Project, field: &str, value: Value) -> Result<(), MergeError> {
    let text = || value.as_str().map(str::to_owned).unwrap_or_default();
    match field {
        "title" => project.title = text(),
        "journal" => project.journal = text(),
        _ if value.is_null() => {
            project.extra.remove(field);
        }
        _ => {
            project.extra.insert(field.to_owned(), value.clone());
        }
    }
    Ok(())
}

/// Keeps my claim as it is and adds their version of it as a new claim.
fn keep_both_claims(project: &mut Project, index: usize, conflict: &MergeConflict) -> Result<(), MergeError> {
    let mine = project
        .claim(&conflict.object_id)
        .cloned()
        .ok_or_else(|| MergeError::ObjectMissing { conflict: conflict.describe() })?;
    let mut map = to_map(&mine)?;
    map.insert(conflict.field.clone(), conflict.theirs.clone());
    let mut theirs: Claim = from_map(map)?;
    theirs.id = new_id();
    project.claims.push(theirs);
    project.sort_claims();
    project.conflicts.remove(index);
    Ok(())
}
