//! Line-level three-way merge of free Markdown (notes, journal, descriptions).

/// Merges `mine` and `theirs` against `base` line by line (the diff3 rule git uses): lines only
/// one side changed are taken; `None` when both sides changed the same lines differently.
pub fn merge_lines(base: &str, mine: &str, theirs: &str) -> Option<String> {
    if mine == theirs || theirs == base {
        return Some(mine.to_owned());
    }
    if mine == base {
        return Some(theirs.to_owned());
    }
    // diffy compares whole lines: a last line without its newline would differ from the same
    // line followed by more text, so every side gets one and it is taken off again after.
    let with_newline = |s: &str| if s.is_empty() || s.ends_with('\n') { s.to_owned() } else { format!("{s}\n") };
    let merged = diffy::merge(&with_newline(base), &with_newline(mine), &with_newline(theirs)).ok()?;
    let ends_with_newline = mine.ends_with('\n') || theirs.ends_with('\n');
    Some(if ends_with_newline { merged } else { merged.strip_suffix('\n').unwrap_or(&merged).to_owned() })
}

/// Both versions of a text, for "keep both": mine, a blank line, then theirs.
pub fn both(mine: &str, theirs: &str) -> String {
    match (mine.trim().is_empty(), theirs.trim().is_empty()) {
        (true, _) => theirs.to_owned(),
        (_, true) => mine.to_owned(),
        _ => format!("{}\n\n{}", mine.trim_end(), theirs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_to_different_lines_both_land() {
        let base = "one\ntwo\nthree";
        let merged = merge_lines(base, "ONE\ntwo\nthree", "one\ntwo\nTHREE").expect("clean");
        assert_eq!(merged, "ONE\ntwo\nTHREE");
    }

    #[test]
    fn changes_to_the_same_line_conflict() {
        assert_eq!(merge_lines("one", "mine", "theirs"), None);
    }

    #[test]
    fn additions_after_a_last_line_without_newline_merge() {
        let merged = merge_lines("a\nb", "a\nb\nmine below", "top\na\nb").expect("clean");
        assert_eq!(merged, "top\na\nb\nmine below");
    }
}
