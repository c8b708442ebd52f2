//! Merging lists: by item (citations, aliases), as a time-ordered union (tier history), and the
//! order of objects matched by id (tiers, articles, links, glossary).

use std::collections::HashSet;

use serde_json::Value;

/// Item-wise three-way merge: an item stays unless a side removed it; items either side added
/// are appended (mine first). Never a conflict: two additions are both kept.
pub fn merge_items(base: &[Value], mine: &[Value], theirs: &[Value]) -> Vec<Value> {
    let in_list = |list: &[Value], item: &Value| list.iter().any(|x| x == item);
    let mut out: Vec<Value> =
        mine.iter().filter(|item| in_list(theirs, item) || !in_list(base, item)).cloned().collect();
    for item in theirs {
        if !in_list(mine, item) && !in_list(base, item) && !in_list(&out, item) {
            out.push(item.clone());
        }
    }
    out
}

/// Tier history: every change either side recorded, oldest first, each once. Sorting is stable,
/// so changes at the same second keep mine's order.
pub fn merge_history(mine: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = mine.to_vec();
    for item in theirs {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    let when = |v: &Value| v.get("when").and_then(Value::as_str).unwrap_or_default().to_owned();
    out.sort_by_key(when);
    out
}

/// The merged order of the ids in `kept`: the order of the side that reordered (when only one
/// did), else mine's; ids only in the other side are placed after their nearest predecessor there.
pub fn merge_order<'a>(
    base: &[&'a str],
    mine: &[&'a str],
    theirs: &[&'a str],
    kept: &HashSet<&'a str>,
) -> Vec<&'a str> {
    let same_order = |a: &[&str], b: &[&str]| {
        let b_set: HashSet<&str> = b.iter().copied().collect();
        let a_set: HashSet<&str> = a.iter().copied().collect();
        a.iter().filter(|id| b_set.contains(*id)).eq(b.iter().filter(|id| a_set.contains(*id)))
    };
    let (first, second) =
        if same_order(mine, base) && !same_order(theirs, base) { (theirs, mine) } else { (mine, theirs) };
    let mut out: Vec<&str> = first.iter().copied().filter(|id| kept.contains(id)).collect();
    let mut placed: HashSet<&str> = out.iter().copied().collect();
    for (i, id) in second.iter().enumerate() {
        if placed.contains(id) || !kept.contains(id) {
            continue;
        }
        let after = second[..i].iter().rev().find_map(|p| out.iter().position(|o| o == p));
        out.insert(after.map_or(0, |p| p + 1), id);
        placed.insert(id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_removed_on_one_side_go_and_added_ones_come() {
        let base = [json!("a"), json!("b")];
        let merged = merge_items(&base, &[json!("a"), json!("c")], &[json!("a"), json!("b"), json!("d")]);
        assert_eq!(merged, vec![json!("a"), json!("c"), json!("d")]);
    }

    #[test]
    fn order_keeps_new_ids_after_their_neighbour() {
        let kept: HashSet<&str> = ["a", "b", "x", "c"].into_iter().collect();
        let order = merge_order(&["a", "b", "c"], &["a", "b", "c"], &["a", "x", "b", "c"], &kept);
        assert_eq!(order, ["a", "x", "b", "c"]);
    }
}
