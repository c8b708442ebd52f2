//! Merging one kind of object matched by id (claims, links, glossary entries, tiers, articles).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::MergeError;
use super::fields::{self, Rule};
use crate::model::{DELETED_FIELD, ExtraFields, MergeConflict};

/// An object the merge matches by id and merges field by field.
pub trait Mergeable: Serialize + DeserializeOwned + Clone + PartialEq {
    /// As in [`crate::model::object_kind`].
    const KIND: &'static str;
    fn id(&self) -> &str;
    /// What the user recognises it by (quote, name, title).
    fn label(&self) -> String;
    fn rule(field: &str) -> Rule;
}

/// The merged objects, in merged order, and the conflicts found.
#[derive(Debug)]
pub struct Merged<T> {
    pub items: Vec<T>,
    pub conflicts: Vec<MergeConflict>,
}

pub fn to_map<T: Serialize>(item: &T) -> Result<Map<String, Value>, MergeError> {
    match serde_json::to_value(item) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(MergeError::NotAnObject),
        Err(e) => Err(MergeError::Json(e.to_string())),
    }
}

pub fn from_map<T: DeserializeOwned>(map: Map<String, Value>) -> Result<T, MergeError> {
    serde_json::from_value(Value::Object(map)).map_err(|e| MergeError::Json(e.to_string()))
}

pub fn to_json<T: Serialize>(item: &T) -> Value {
    serde_json::to_value(item).unwrap_or(Value::Null)
}

pub fn conflict<T: Mergeable>(item: &T, field: &str, base: Value, mine: Value, theirs: Value) -> MergeConflict {
    MergeConflict {
        object: T::KIND.to_owned(),
        object_id: item.id().to_owned(),
        field: field.to_owned(),
        label: item.label(),
        base,
        mine,
        theirs,
        extra: ExtraFields::new(),
    }
}

/// Merges three versions of a list of objects. `base` is `None` when there is no common
/// ancestor at all (then an object missing on one side was added by the other, never deleted).
pub fn merge_by_id<T: Mergeable>(base: Option<&[T]>, mine: &[T], theirs: &[T]) -> Result<Merged<T>, MergeError> {
    let index = |list: &[T]| -> HashMap<String, usize> {
        list.iter().enumerate().map(|(i, item)| (item.id().to_owned(), i)).collect()
    };
    let base_list = base.unwrap_or(&[]);
    let (base_ix, mine_ix, theirs_ix) = (index(base_list), index(mine), index(theirs));
    let mut merged: HashMap<String, T> = HashMap::new();
    let mut conflicts = Vec::new();
    let all_ids = mine.iter().chain(theirs.iter()).map(|item| item.id());
    for id in all_ids {
        if merged.contains_key(id) {
            continue;
        }
        let b = base_ix.get(id).map(|&i| &base_list[i]);
        let m = mine_ix.get(id).map(|&i| &mine[i]);
        let t = theirs_ix.get(id).map(|&i| &theirs[i]);
        let kept = match (m, t) {
            (Some(m), Some(t)) => Some(merge_one(b, m, t, &mut conflicts)?),
            (Some(only), None) | (None, Some(only)) => {
                let mine_side = m.is_some();
                match b {
                    None => Some(only.clone()), // added on one side
                    // Deleted on the other side, unchanged here (a moved anchor or a new
                    // `modified` is not a change the user made).
                    Some(b) if b == only || same_but_derived(b, only)? => None,
                    Some(b) => {
                        // Deleted against changed: keep the changed one until the user decides.
                        let (mine_value, theirs_value) =
                            if mine_side { (to_json(only), Value::Null) } else { (Value::Null, to_json(only)) };
                        conflicts.push(conflict(only, DELETED_FIELD, to_json(b), mine_value, theirs_value));
                        Some(only.clone())
                    }
                }
            }
            (None, None) => None,
        };
        if let Some(item) = kept {
            merged.insert(id.to_owned(), item);
        }
    }
    let ids = |list: &[T]| -> Vec<String> { list.iter().map(|item| item.id().to_owned()).collect() };
    let (base_ids, mine_ids, theirs_ids) = (ids(base_list), ids(mine), ids(theirs));
    let kept: HashSet<&str> = merged.keys().map(String::as_str).collect();
    let order: Vec<String> = super::lists::merge_order(&refs(&base_ids), &refs(&mine_ids), &refs(&theirs_ids), &kept)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let items = order.iter().filter_map(|id| merged.remove(id)).collect();
    Ok(Merged { items, conflicts })
}

/// Whether two versions differ only in fields that follow others (anchors, hashes, times).
fn same_but_derived<T: Mergeable>(a: &T, b: &T) -> Result<bool, MergeError> {
    let chosen = |item: &T| -> Result<Map<String, Value>, MergeError> {
        let mut map = to_map(item)?;
        map.retain(|field, _| !matches!(T::rule(field), Rule::Derived | Rule::Latest));
        Ok(map)
    };
    Ok(chosen(a)? == chosen(b)?)
}

fn refs(ids: &[String]) -> Vec<&str> {
    ids.iter().map(String::as_str).collect()
}

/// One object both sides have.
fn merge_one<T: Mergeable>(
    base: Option<&T>,
    mine: &T,
    theirs: &T,
    conflicts: &mut Vec<MergeConflict>,
) -> Result<T, MergeError> {
    // The common cases, without touching JSON.
    if mine == theirs || base == Some(theirs) {
        return Ok(mine.clone());
    }
    if base == Some(mine) {
        return Ok(theirs.clone());
    }
    let base_map = base.map(to_map).transpose()?;
    let (map, found) = fields::merge_object(base_map.as_ref(), &to_map(mine)?, &to_map(theirs)?, T::rule);
    let merged: T = from_map(map)?;
    conflicts.extend(found.into_iter().map(|c| conflict(&merged, &c.field, c.base, c.mine, c.theirs)));
    Ok(merged)
}
