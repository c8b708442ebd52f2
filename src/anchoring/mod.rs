//! Re-anchoring claims when an article's text changes ("Update article text").
//!
//! As Hypothesis does, a claim is found by its quote and position: exact quote first, else an
//! approximate search allowing errors up to a share of the quote's length, candidates scored by
//! quote, prefix, suffix and closeness to the old place. Unlike Hypothesis, a candidate must
//! reach a minimum score and lead the runner-up clearly; otherwise the claim is orphaned rather
//! than attached to the wrong words.

pub mod fuzzy;

use crate::model::{Anchor, AnchorStatus, Claim};
use crate::text::CharIndex;

/// Errors allowed, as a share of the quote's length.
pub const MAX_ERROR_SHARE: f64 = 0.25;
/// Minimum combined score (0..1) of an accepted approximate match.
pub const MIN_SCORE: f64 = 0.70;
/// Minimum lead of the best candidate over the runner-up at another place.
pub const MIN_LEAD: f64 = 0.04;

/// Where a claim ended up after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The same words, found exactly (maybe at another offset).
    Exact,
    /// Similar words found: the old and new quote differ.
    Fuzzy { old_quote: String, new_quote: String },
    /// Not found, or not found unambiguously: the claim is orphaned.
    Orphaned { reason: String },
}

/// The result for every claim of the article.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub outcomes: Vec<(String, Outcome)>,
}

impl Report {
    pub fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes.iter().filter(|(_, o)| f(o)).count()
    }

    pub fn summary(&self) -> String {
        format!(
            "{} claim(s) found exactly, {} found with changed words, {} orphaned",
            self.count(|o| matches!(o, Outcome::Exact)),
            self.count(|o| matches!(o, Outcome::Fuzzy { .. })),
            self.count(|o| matches!(o, Outcome::Orphaned { .. }))
        )
    }
}

/// Maps positions in the old text to the new one: the unchanged start and end, and between
/// them the runs a character diff finds unchanged (when the edited region is small enough to
/// diff quickly). A claim inside an unchanged run moves exactly, with no search, even when the
/// text was edited both before and after it.
struct PositionMap {
    common_prefix: usize,
    common_suffix: usize,
    old_len: usize,
    new_len: usize,
    /// Unchanged runs inside the edited region: (old start, new start, length), by old start.
    runs: Vec<(usize, usize, usize)>,
}

impl PositionMap {
    /// Edited regions up to this many chars (each side) are diffed.
    const MAX_DIFFED: usize = 50_000;
    const DIFF_TIME: std::time::Duration = std::time::Duration::from_millis(100);

    fn new(old: &[char], new: &[char]) -> Self {
        let common_prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let max_suffix = old.len().min(new.len()) - common_prefix;
        let common_suffix = old.iter().rev().zip(new.iter().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
        let old_mid = &old[common_prefix..old.len() - common_suffix];
        let new_mid = &new[common_prefix..new.len() - common_suffix];
        let mut runs = Vec::new();
        if !old_mid.is_empty() && !new_mid.is_empty() && old_mid.len().max(new_mid.len()) <= Self::MAX_DIFFED {
            let deadline = std::time::Instant::now() + Self::DIFF_TIME;
            for op in similar::capture_diff_slices_deadline(similar::Algorithm::Myers, old_mid, new_mid, Some(deadline))
            {
                if let similar::DiffOp::Equal { old_index, new_index, len } = op {
                    runs.push((common_prefix + old_index, common_prefix + new_index, len));
                }
            }
        }
        Self { common_prefix, common_suffix, old_len: old.len(), new_len: new.len(), runs }
    }

    /// The unchanged run of the edited region holding old position `p`, if any.
    fn run_at(&self, p: usize) -> Option<(usize, usize, usize)> {
        let i = self.runs.partition_point(|&(old, _, _)| old <= p).checked_sub(1)?;
        let run = self.runs[i];
        (p < run.0 + run.2).then_some(run)
    }

    /// Whether old chars `p..p + len` lie in the unchanged start or end of the text.
    fn unchanged_around(&self, p: usize, len: usize) -> bool {
        p + len <= self.common_prefix || p >= self.old_len - self.common_suffix
    }

    /// Whether old chars `p..p + len` lie in one unchanged run inside the edited region.
    fn in_unchanged_run(&self, p: usize, len: usize) -> bool {
        self.run_at(p).is_some_and(|(old, _, run_len)| p + len <= old + run_len)
    }

    /// Whether new chars `q..q + len` were carried over from the old text (not inserted).
    fn new_is_carried_over(&self, q: usize, len: usize) -> bool {
        if q + len <= self.common_prefix || q >= self.new_len - self.common_suffix {
            return true;
        }
        let i = self.runs.partition_point(|&(_, new, _)| new <= q);
        i.checked_sub(1).is_some_and(|i| {
            let (_, new, run_len) = self.runs[i];
            q + len <= new + run_len
        })
    }

    /// Where old position `p` most likely is now.
    fn map(&self, p: usize) -> usize {
        // The char at `common_prefix` itself was edited or moved: it is not in the prefix.
        if p < self.common_prefix {
            p
        } else if p >= self.old_len - self.common_suffix {
            p + self.new_len - self.old_len
        } else if let Some((old, new, _)) = self.run_at(p) {
            new + (p - old)
        } else {
            // Inside an edit: scale proportionally.
            let old_mid = (self.old_len - self.common_suffix - self.common_prefix).max(1) as f64;
            let new_mid = (self.new_len - self.common_suffix - self.common_prefix) as f64;
            self.common_prefix + ((p - self.common_prefix) as f64 * new_mid / old_mid) as usize
        }
    }
}

/// Maps unchanged paragraphs (lines) from the old text to the new one: a line whose text
/// appears exactly once in each, matched in order. A claim inside such a line has its offset
/// shifted exactly, with no search.
struct ParagraphMap {
    /// Old lines: (start, end) in code points.
    old_lines: Vec<(usize, usize)>,
    /// For each old line, the start of the same line in the new text.
    new_start: Vec<Option<usize>>,
}

impl ParagraphMap {
    fn new(old_text: &str, new_text: &str) -> Self {
        use std::collections::HashMap;
        let lines = |text: &str| -> Vec<(usize, usize, String)> {
            let mut at = 0;
            text.split('\n')
                .map(|line| {
                    let len = line.chars().count();
                    let entry = (at, at + len, line.to_owned());
                    at += len + 1;
                    entry
                })
                .collect()
        };
        let (old, new) = (lines(old_text), lines(new_text));
        fn count(lines: &[(usize, usize, String)]) -> HashMap<&str, (usize, usize)> {
            let mut map: HashMap<&str, (usize, usize)> = HashMap::new();
            for (i, (_, _, text)) in lines.iter().enumerate() {
                map.entry(text.as_str()).or_insert((0, i)).0 += 1;
            }
            map
        }
        let (old_count, new_count) = (count(&old), count(&new));
        let mut next_new = 0;
        let mut new_start = Vec::with_capacity(old.len());
        for (_, _, text) in &old {
            let unique_here = old_count.get(text.as_str()).is_some_and(|(n, _)| *n == 1);
            let mapped = match new_count.get(text.as_str()) {
                Some(&(1, j)) if unique_here && !text.trim().is_empty() && j >= next_new => {
                    next_new = j + 1;
                    Some(new[j].0)
                }
                _ => None,
            };
            new_start.push(mapped);
        }
        Self { old_lines: old.iter().map(|(s, e, _)| (*s, *e)).collect(), new_start }
    }

    /// The new start of old chars `start..end`, if they lie in one unchanged line.
    fn map(&self, start: usize, end: usize) -> Option<usize> {
        let line = self.old_lines.partition_point(|(_, e)| *e < start);
        let (line_start, line_end) = *self.old_lines.get(line)?;
        if start < line_start || end > line_end {
            return None;
        }
        Some(self.new_start.get(line).copied().flatten()? + (start - line_start))
    }
}

/// Re-anchors `claims` (all on one article) from `old_text` to `new_text`, updating them in
/// place, and reports what happened to each.
pub fn reanchor(old_text: &str, new_text: &str, claims: &mut [Claim]) -> Report {
    let old: Vec<char> = old_text.chars().collect();
    let new: Vec<char> = new_text.chars().collect();
    let positions = PositionMap::new(&old, &new);
    let paragraphs = ParagraphMap::new(old_text, new_text);
    let index = CharIndex::new(new_text);
    let mut report = Report::default();
    for claim in claims.iter_mut() {
        let outcome = match best_place(&claim.anchor, &new, new_text, &index, &positions, &paragraphs) {
            Ok((found, exact)) => {
                let outcome = if exact {
                    Outcome::Exact
                } else {
                    let new_quote: String = new[found.start..found.end].iter().collect();
                    Outcome::Fuzzy { old_quote: claim.anchor.exact.clone(), new_quote }
                };
                if let Some(anchor) = Anchor::from_range(new_text, &index, found.start, found.end) {
                    let extra = std::mem::take(&mut claim.anchor.extra);
                    claim.anchor = Anchor { extra, ..anchor };
                }
                outcome
            }
            Err(reason) => {
                claim.anchor.status = AnchorStatus::Orphaned;
                Outcome::Orphaned { reason }
            }
        };
        report.outcomes.push((claim.id.clone(), outcome));
    }
    report
}

/// A scored place for a quote.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    score: f64,
}

/// The unambiguous best place of an anchor's quote in the new text, and whether it is exact.
fn best_place(
    anchor: &Anchor,
    new: &[char],
    new_text: &str,
    index: &CharIndex,
    positions: &PositionMap,
    paragraphs: &ParagraphMap,
) -> Result<(Candidate, bool), String> {
    let quote: Vec<char> = anchor.exact.chars().collect();
    if quote.is_empty() {
        return Err("the claim has no quote".into());
    }
    // Fastest: the claim's paragraph is unchanged (and unique) in the new text.
    if let Some(start) = paragraphs.map(anchor.start, anchor.end)
        && new.get(start..start + quote.len()) == Some(&quote[..])
    {
        return Ok((Candidate { start, end: start + quote.len(), score: 1.0 }, true));
    }
    let expected = positions.map(anchor.start);
    // Fast path: outside the edited region the quote is exactly where the old one maps to.
    let mapped_end = expected + quote.len();
    if mapped_end <= new.len()
        && new[expected..mapped_end] == quote[..]
        && positions.unchanged_around(anchor.start, quote.len())
    {
        return Ok((Candidate { start: expected, end: mapped_end, score: 1.0 }, true));
    }
    // Exact occurrences next.
    let exact: Vec<usize> =
        occurrences(new_text, &anchor.exact).map(|b| index.char_offset(new_text, b)).take(1000).collect();
    // The diff carried the claim's words over unchanged, between edits: that is where it is,
    // unless an edit inserted another copy of the words (then no telling which is meant).
    if positions.in_unchanged_run(anchor.start, quote.len())
        && exact.contains(&expected)
        && exact.iter().all(|&o| o == expected || positions.new_is_carried_over(o, quote.len()))
    {
        return Ok((Candidate { start: expected, end: mapped_end, score: 1.0 }, true));
    }
    if !exact.is_empty() {
        let mut candidates: Vec<Candidate> =
            exact.iter().map(|&start| score(anchor, &quote, new, start, start + quote.len(), 0, expected)).collect();
        return pick(&mut candidates).map(|c| (c, true));
    }
    // Then approximate matches.
    let max_errors = ((quote.len() as f64 * MAX_ERROR_SHARE).floor() as usize).max(1).min(quote.len() - 1);
    if quote.len() < 4 {
        return Err("the words are gone and the quote is too short to search for approximately".into());
    }
    let mut candidates: Vec<Candidate> = fuzzy::find_all(&quote, new, max_errors)
        .into_iter()
        .map(|m| score(anchor, &quote, new, m.start, m.end, m.errors, expected))
        .collect();
    if candidates.is_empty() {
        return Err("the words are no longer in the article".into());
    }
    let best = pick(&mut candidates)?;
    if best.score < MIN_SCORE {
        return Err(format!("the closest words match only {:.0}%", best.score * 100.0));
    }
    Ok((best, false))
}

/// Byte offsets of every occurrence of `needle`, overlapping ones included (`match_indices`
/// skips those, and in repetitive text the right one may overlap another).
fn occurrences<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + haystack.get(from..)?.find(needle)?;
        from = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
}

/// The best candidate if it leads every candidate at another place clearly.
fn pick(candidates: &mut [Candidate]) -> Result<Candidate, String> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let best = candidates[0];
    let runner_up = candidates.iter().skip(1).find(|c| c.end <= best.start || c.start >= best.end);
    match runner_up {
        Some(r) if best.score - r.score < MIN_LEAD => {
            Err(format!("the words appear in several places that fit equally well (at {} and {})", best.start, r.start))
        }
        _ => Ok(best),
    }
}

/// Hypothesis's weights: quote 50, prefix 20, suffix 20, position 2; normalised to 0..1.
fn score(
    anchor: &Anchor,
    quote: &[char],
    new: &[char],
    start: usize,
    end: usize,
    errors: usize,
    expected: usize,
) -> Candidate {
    let quote_similarity = 1.0 - errors as f64 / quote.len() as f64;
    let prefix: Vec<char> = anchor.prefix.chars().collect();
    let suffix: Vec<char> = anchor.suffix.chars().collect();
    let before = &new[start.saturating_sub(prefix.len())..start];
    let after = &new[end..(end + suffix.len()).min(new.len())];
    // The words right next to the quote tell repeated quotes apart best, so they count as much
    // as the whole 32-character context.
    const NEAR: usize = 8;
    let near_before = |c: &[char]| c[c.len().saturating_sub(NEAR)..].to_vec();
    let near_after = |c: &[char]| c[..c.len().min(NEAR)].to_vec();
    let prefix_similarity =
        (context_similarity(&prefix, before) + context_similarity(&near_before(&prefix), &near_before(before))) / 2.0;
    let suffix_similarity =
        (context_similarity(&suffix, after) + context_similarity(&near_after(&suffix), &near_after(after))) / 2.0;
    let distance = start.abs_diff(expected) as f64;
    let position = 1.0 - (distance / new.len().max(1) as f64).min(1.0);
    let score = (50.0 * quote_similarity + 20.0 * prefix_similarity + 20.0 * suffix_similarity + 2.0 * position) / 92.0;
    Candidate { start, end, score }
}

/// 1 - edit distance / length; an empty expected context counts as a full match.
fn context_similarity(expected: &[char], found: &[char]) -> f64 {
    if expected.is_empty() {
        return 1.0;
    }
    1.0 - fuzzy::edit_distance(expected, found) as f64 / expected.len().max(found.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Project, Tier};

    fn claim_on(text: &str, quote: &str) -> (Project, String) {
        let mut project = Project::new("t");
        let article = Article::new("a", text);
        let id = article.id.clone();
        project.articles.push(article);
        let start = text[..text.find(quote).expect("quote")].chars().count();
        let claim = project.add_claim(&id, start, start + quote.chars().count(), Tier::CANON).expect("claim");
        (project, claim)
    }

    #[test]
    fn typo_fix_inside_the_quote_is_found_fuzzily() {
        let old = "Intro. The Romulan star went supernova in 2387, destroying the homeworld. Outro.";
        let new = "Intro. The Romulan sun went supernova in 2387, destroying the homeworld. Outro.";
        let (mut project, id) = claim_on(old, "The Romulan star went supernova in 2387");
        let report = reanchor(old, new, &mut project.claims);
        assert!(
            matches!(&report.outcomes[0].1, Outcome::Fuzzy { new_quote, .. } if new_quote == "The Romulan sun went supernova in 2387")
        );
        let claim = project.claim(&id).expect("claim");
        assert_eq!(claim.anchor.exact, "The Romulan sun went supernova in 2387");
        assert_eq!(claim.anchor.status, AnchorStatus::Anchored);
    }

    #[test]
    fn ambiguous_copies_are_orphaned_not_guessed() {
        let a = "Alpha context sentence, forty chars long. ";
        let b = " Beta context sentence, also forty chars.";
        let old = format!("{a}Q appears.{b}");
        let (mut project, id) = claim_on(&old, "Q appears.");
        // The article now holds the passage twice, with the same context, and nothing else of
        // the old text around it: there is no telling which copy the claim meant.
        let new = format!("New opening paragraph. {a}Q appears.{b} Middle part. {a}Q appears.{b} The end.");
        let report = reanchor(&old, &new, &mut project.claims);
        assert!(
            matches!(&report.outcomes[0].1, Outcome::Orphaned { reason } if reason.contains("several places")),
            "{report:?}"
        );
        assert!(project.claim(&id).expect("claim").anchor.is_orphaned());
    }
}
