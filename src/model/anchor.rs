//! Anchors: where a claim sits in its article, as W3C position + quote selectors.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::deserialize_keeping_extra;

use super::ExtraFields;
use crate::text::CharIndex;

/// Chars of context kept before and after a quote (as Hypothesis does).
pub const QUOTE_CONTEXT_CHARS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AnchorStatus {
    #[default]
    Anchored,
    /// The quote could not be found in the article: the claim is kept, listed apart, and never
    /// silently attached to other words.
    Orphaned,
}

deserialize_keeping_extra!(Anchor {
    required: start, end, exact;
    defaulted: prefix = String::new(), suffix = String::new(), status = AnchorStatus::Anchored,
});

/// A claim's place: code-point offsets (`TextPositionSelector`) and the quote with its context
/// (`TextQuoteSelector`). The quote is the truth; offsets are a fast path to it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(default)]
    pub status: AnchorStatus,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

impl Anchor {
    /// An anchor for code points `start..end` of `text`; `None` when the range is out of bounds.
    pub fn from_range(text: &str, index: &CharIndex, start: usize, end: usize) -> Option<Self> {
        let exact = index.slice(text, start, end)?.to_owned();
        let prefix = index.slice(text, start.saturating_sub(QUOTE_CONTEXT_CHARS), start)?.to_owned();
        let suffix = index.slice(text, end, (end + QUOTE_CONTEXT_CHARS).min(index.char_len()))?.to_owned();
        Some(Self { start, end, exact, prefix, suffix, status: AnchorStatus::Anchored, extra: ExtraFields::new() })
    }

    pub fn is_orphaned(&self) -> bool {
        self.status == AnchorStatus::Orphaned
    }

    /// Whether the offsets still point at the exact quote.
    pub fn offsets_match(&self, text: &str, index: &CharIndex) -> bool {
        !self.exact.is_empty() && index.slice(text, self.start, self.end) == Some(self.exact.as_str())
    }

    /// Checks the anchor against `text`: keeps it when its offsets hold the quote, else moves it
    /// to the exact occurrence whose context matches best (ties: nearest the old place), else
    /// marks it orphaned. Returns whether anything changed.
    pub fn relocate(&mut self, text: &str, index: &CharIndex) -> bool {
        let before = (self.start, self.end, self.status);
        if self.offsets_match(text, index) {
            self.status = AnchorStatus::Anchored;
        } else if let Some(start) = self.best_exact_occurrence(text, index) {
            let end = start + self.exact.chars().count();
            if let Some(moved) = Anchor::from_range(text, index, start, end) {
                self.start = moved.start;
                self.end = moved.end;
                self.prefix = moved.prefix;
                self.suffix = moved.suffix;
                self.status = AnchorStatus::Anchored;
            }
        } else {
            self.status = AnchorStatus::Orphaned;
        }
        before != (self.start, self.end, self.status)
    }

    fn best_exact_occurrence(&self, text: &str, index: &CharIndex) -> Option<usize> {
        if self.exact.is_empty() {
            return None;
        }
        let mut best: Option<(usize, usize, usize)> = None; // (context score, distance, start)
        for (byte, _) in text.match_indices(self.exact.as_str()) {
            let before = &text[..byte];
            let after = &text[byte + self.exact.len()..];
            let score = common_suffix_chars(before, &self.prefix) + common_prefix_chars(after, &self.suffix);
            let start = index.char_offset(text, byte);
            let distance = start.abs_diff(self.start);
            let better = match best {
                None => true,
                Some((s, d, _)) => score > s || (score == s && distance < d),
            };
            if better {
                best = Some((score, distance, start));
            }
        }
        best.map(|(_, _, start)| start)
    }
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_at(text: &str, start: usize, end: usize) -> Anchor {
        Anchor::from_range(text, &CharIndex::new(text), start, end).expect("in range")
    }

    #[test]
    fn builds_quote_and_context() {
        let text = "The Romulan sun went supernova in 2387.";
        let anchor = anchor_at(text, 4, 11);
        assert_eq!(anchor.exact, "Romulan");
        assert_eq!(anchor.prefix, "The ");
        assert_eq!(anchor.suffix, " sun went supernova in 2387.");
        assert!(Anchor::from_range(text, &CharIndex::new(text), 4, 400).is_none());
    }

    #[test]
    fn relocates_by_exact_quote_and_context() {
        let old = "Alpha ship. Beta ship. Gamma ship.";
        let mut anchor = anchor_at(old, 17, 21); // the second "ship"
        let new = "Prologue. Alpha ship. Beta ship. Gamma ship.";
        let index = CharIndex::new(new);
        assert!(anchor.relocate(new, &index));
        assert_eq!(index.slice(new, anchor.start, anchor.end), Some("ship"));
        assert_eq!(&new[..anchor.start], "Prologue. Alpha ship. Beta ");
        assert_eq!(anchor.status, AnchorStatus::Anchored);
    }

    #[test]
    fn missing_quote_orphans_and_never_moves() {
        let text = "Picard commands the Enterprise.";
        let mut anchor = anchor_at(text, 20, 30);
        let new = "Picard commands La Sirena.";
        assert!(anchor.relocate(new, &CharIndex::new(new)));
        assert_eq!(anchor.status, AnchorStatus::Orphaned);
        assert_eq!((anchor.start, anchor.end), (20, 30));
        assert_eq!(anchor.exact, "Enterprise");
    }

    #[test]
    fn offsets_past_the_end_do_not_panic() {
        let text = "Short.";
        let mut anchor = anchor_at(text, 0, 5);
        anchor.start = 1_000_000;
        anchor.end = usize::MAX;
        assert!(anchor.relocate(text, &CharIndex::new(text)));
        assert_eq!((anchor.start, anchor.end), (0, 5));
    }
}
