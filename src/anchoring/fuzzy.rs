//! Approximate substring search over `char`s: Myers' bit-parallel algorithm (1999), with
//! multi-word bit vectors so quotes of any length work, plus plain dynamic-programming helpers.
//! Tested against a simple DP reference on random inputs, astral characters included.

use std::collections::HashMap;

/// An approximate occurrence: `text[start..end]` is within `errors` edits of the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
}

/// For every end position `j` (a match ending just before `text[j + 1]`), the fewest edits
/// turning the pattern into some substring of `text` that ends at `j`.
pub fn end_scores(pattern: &[char], text: &[char]) -> Vec<usize> {
    let m = pattern.len();
    if m == 0 {
        return vec![0; text.len()];
    }
    let words = m.div_ceil(64);
    let mut peq: HashMap<char, Vec<u64>> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        peq.entry(c).or_insert_with(|| vec![0; words])[i / 64] |= 1 << (i % 64);
    }
    let zeros = vec![0u64; words];
    let last_word = words - 1;
    let last_bit = (m - 1) % 64;
    let mut pv = vec![!0u64; words];
    let mut mv = vec![0u64; words];
    let mut score = m;
    let mut scores = Vec::with_capacity(text.len());
    for c in text {
        let eq = peq.get(c).unwrap_or(&zeros);
        let mut add_carry = 0u64;
        let mut ph_carry = 0u64; // search: the top row is all zeros, so no horizontal delta enters
        let mut mh_carry = 0u64;
        for w in 0..words {
            let (e, p, n) = (eq[w], pv[w], mv[w]);
            let xv = e | n;
            let (sum, c1) = (e & p).overflowing_add(p);
            let (sum, c2) = sum.overflowing_add(add_carry);
            add_carry = u64::from(c1 || c2);
            let xh = (sum ^ p) | e;
            let mut ph = n | !(xh | p);
            let mut mh = p & xh;
            if w == last_word {
                if (ph >> last_bit) & 1 == 1 {
                    score += 1;
                } else if (mh >> last_bit) & 1 == 1 {
                    score -= 1;
                }
            }
            let (ph_out, mh_out) = (ph >> 63, mh >> 63);
            ph = (ph << 1) | ph_carry;
            mh = (mh << 1) | mh_carry;
            ph_carry = ph_out;
            mh_carry = mh_out;
            pv[w] = mh | !(xv | ph);
            mv[w] = ph & xv;
        }
        scores.push(score);
    }
    scores
}

/// The reference: plain dynamic programming, the same result as [`end_scores`].
pub fn end_scores_reference(pattern: &[char], text: &[char]) -> Vec<usize> {
    let m = pattern.len();
    let mut column: Vec<usize> = (0..=m).collect();
    let mut scores = Vec::with_capacity(text.len());
    for &c in text {
        let mut diagonal = column[0];
        column[0] = 0;
        for i in 1..=m {
            let up = column[i];
            let cost = usize::from(pattern[i - 1] != c);
            column[i] = (diagonal + cost).min(up + 1).min(column[i - 1] + 1);
            diagonal = up;
        }
        scores.push(column[m]);
    }
    scores
}

/// Levenshtein distance.
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diagonal = up;
        }
    }
    row[b.len()]
}

/// The start of the best alignment of `pattern` ending exactly at `end` (exclusive).
fn best_start(pattern: &[char], text: &[char], end: usize, max_errors: usize) -> (usize, usize) {
    let m = pattern.len();
    let window_start = end.saturating_sub(m + max_errors);
    let window: Vec<char> = text[window_start..end].iter().rev().copied().collect();
    let reversed: Vec<char> = pattern.iter().rev().copied().collect();
    // Anchored at the window's start (the match's end), free at its other end.
    let mut column: Vec<usize> = (0..=m).collect();
    let mut best: (usize, usize) = (column[m], 0);
    for (j, &c) in window.iter().enumerate() {
        let mut diagonal = column[0];
        column[0] = j + 1;
        for i in 1..=m {
            let up = column[i];
            column[i] = (diagonal + usize::from(reversed[i - 1] != c)).min(up + 1).min(column[i - 1] + 1);
            diagonal = up;
        }
        // Prefer the match closest to the pattern's length on ties.
        let consumed = j + 1;
        if column[m] < best.0 || (column[m] == best.0 && consumed.abs_diff(m) < best.1.abs_diff(m)) {
            best = (column[m], consumed);
        }
    }
    (end - best.1, best.0)
}

/// The best approximate occurrences of `pattern` in `text` with at most `max_errors` edits: one
/// per run of qualifying end positions (its lowest score).
pub fn find_all(pattern: &[char], text: &[char], max_errors: usize) -> Vec<Match> {
    let scores = end_scores(pattern, text);
    let mut matches = Vec::new();
    let mut j = 0;
    while j < scores.len() {
        if scores[j] > max_errors {
            j += 1;
            continue;
        }
        let mut best = j;
        while j < scores.len() && scores[j] <= max_errors {
            if scores[j] < scores[best] {
                best = j;
            }
            j += 1;
        }
        let end = best + 1;
        let (start, errors) = best_start(pattern, text, end, max_errors);
        matches.push(Match { start, end, errors });
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_a_typo() {
        let text = chars("the Romulan sun went supernova");
        let found = find_all(&chars("Romulan star went"), &text, 3);
        assert_eq!(found.len(), 1);
        let m = found[0];
        assert_eq!(text[m.start..m.end].iter().collect::<String>(), "Romulan sun went");
        assert_eq!(m.errors, 3);
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
    }

    fn alphabet() -> impl Strategy<Value = char> {
        prop::sample::select(vec!['a', 'b', 'c', ' ', 'é', '🖖', '日', '\u{10348}'])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn myers_agrees_with_dynamic_programming(
            pattern in prop::collection::vec(alphabet(), 1..150),
            text in prop::collection::vec(alphabet(), 0..400),
        ) {
            prop_assert_eq!(end_scores(&pattern, &text), end_scores_reference(&pattern, &text));
        }

        #[test]
        fn found_matches_are_within_their_errors(
            pattern in prop::collection::vec(alphabet(), 4..90),
            text in prop::collection::vec(alphabet(), 0..300),
        ) {
            let k = pattern.len() / 4;
            for m in find_all(&pattern, &text, k) {
                prop_assert!(m.errors <= k);
                prop_assert_eq!(edit_distance(&pattern, &text[m.start..m.end]), m.errors);
            }
        }
    }
}
