//! Three-way merge of one object, field by field, on its JSON form. Unknown fields (a newer
//! Canonry's) merge like any other, so nothing is lost.

use serde_json::{Map, Value};

use super::{lists, text};

/// How a field merges when both sides changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// One value: different changes are a conflict.
    Scalar,
    /// Free Markdown: a line-level merge, a conflict only where the same lines changed.
    Lines,
    /// A list merged by item (citations, aliases, an article's links).
    Items,
    /// A time-ordered union (tier history).
    History,
    /// The later timestamp wins (`modified`): it only says when the object last changed.
    Latest,
    /// Mine is kept without a conflict; a later pass fixes it (anchors follow the chosen text,
    /// content hashes are recomputed).
    Derived,
}

/// A field both sides changed differently; the merged object holds `mine`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    pub field: String,
    pub base: Value,
    pub mine: Value,
    pub theirs: Value,
}

/// Merges `mine` and `theirs` against `base` (`None`: no common ancestor, so every field that
/// differs and cannot be combined is a conflict).
pub fn merge_object(
    base: Option<&Map<String, Value>>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    rule: impl Fn(&str) -> Rule,
) -> (Map<String, Value>, Vec<FieldConflict>) {
    let mut out = Map::new();
    let mut conflicts = Vec::new();
    let keys = mine.keys().chain(theirs.keys().filter(|k| !mine.contains_key(*k)));
    for key in keys {
        let (m, t) = (mine.get(key), theirs.get(key));
        let b = base.and_then(|b| b.get(key));
        let merged = if m == t || (base.is_some() && t == b) {
            m.cloned()
        } else if base.is_some() && m == b {
            t.cloned()
        } else {
            match merge_field(rule(key), b, m, t) {
                Some(value) => value,
                None => {
                    let json = |v: Option<&Value>| v.cloned().unwrap_or(Value::Null);
                    conflicts.push(FieldConflict { field: key.clone(), base: json(b), mine: json(m), theirs: json(t) });
                    m.cloned()
                }
            }
        };
        if let Some(value) = merged {
            out.insert(key.clone(), value);
        }
    }
    (out, conflicts)
}

/// Both sides changed the field: `Some(merged)` (which may be "absent"), or `None` for a conflict.
fn merge_field(rule: Rule, b: Option<&Value>, m: Option<&Value>, t: Option<&Value>) -> Option<Option<Value>> {
    let array = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let string = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_owned();
    let non_empty_array = |items: Vec<Value>| if items.is_empty() { None } else { Some(Value::Array(items)) };
    match rule {
        Rule::Scalar => None,
        Rule::Derived => Some(m.or(t).cloned()),
        Rule::Latest => Some(std::cmp::max_by_key(m, t, |v| v.and_then(Value::as_str).map(str::to_owned)).cloned()),
        Rule::Lines => {
            let merged = text::merge_lines(&string(b), &string(m), &string(t))?;
            Some(Some(Value::String(merged)))
        }
        Rule::Items => Some(non_empty_array(lists::merge_items(&array(b), &array(m), &array(t)))),
        Rule::History => Some(non_empty_array(lists::merge_history(&array(m), &array(t)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn each_field_is_merged_on_its_own() {
        let base = map(json!({"tier": "canon", "note": "a", "spoiler": null}));
        let mine = map(json!({"tier": "speculation", "note": "a", "spoiler": null}));
        let theirs = map(json!({"tier": "canon", "note": "b", "spoiler": {"until": ""}}));
        let (out, conflicts) = merge_object(Some(&base), &mine, &theirs, |_| Rule::Scalar);
        assert!(conflicts.is_empty());
        assert_eq!(Value::Object(out), json!({"tier": "speculation", "note": "b", "spoiler": {"until": ""}}));
    }

    #[test]
    fn different_changes_of_one_field_conflict_and_keep_mine() {
        let base = map(json!({"tier": "canon"}));
        let (out, conflicts) =
            merge_object(Some(&base), &map(json!({"tier": "a"})), &map(json!({"tier": "b"})), |_| Rule::Scalar);
        assert_eq!(out.get("tier"), Some(&json!("a")));
        assert_eq!(conflicts.len(), 1);
        assert_eq!((conflicts[0].field.as_str(), &conflicts[0].theirs), ("tier", &json!("b")));
    }
}
