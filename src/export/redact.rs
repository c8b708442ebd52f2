//! An article's text with its spoiler sentences cut out, and where the words that remain moved
//! to, so claims kept in a share bundle still point at their words.

use std::ops::Range;

use crate::lore::spoilers::HiddenSpans;
use crate::text::CharIndex;

/// What stands where a spoiler sentence was cut.
pub const CUT_MARKER: &str = "[spoiler left out]";

/// A text with some code-point ranges replaced by [`CUT_MARKER`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    /// Per cut, in order: where it ended in the original text, and how far every later offset
    /// moves (new = old - shift).
    shifts: Vec<(usize, isize)>,
    cuts: Vec<Range<usize>>,
}

impl Redacted {
    /// `text` with every range of `cut` (sorted, merged, code points) replaced by the marker.
    pub fn new(text: &str, cut: &HiddenSpans) -> Self {
        let index = CharIndex::new(text);
        let marker_len = CUT_MARKER.chars().count() as isize;
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::with_capacity(cut.ranges.len());
        let mut cuts = Vec::with_capacity(cut.ranges.len());
        let (mut from, mut shift) = (0usize, 0isize);
        for range in cut.ranges.iter().filter(|r| r.start < r.end && r.end <= index.char_len()) {
            out.push_str(index.slice(text, from, range.start).unwrap_or_default());
            out.push_str(CUT_MARKER);
            shift += (range.end - range.start) as isize - marker_len;
            shifts.push((range.end, shift));
            cuts.push(range.clone());
            from = range.end;
        }
        out.push_str(index.slice(text, from, index.char_len()).unwrap_or_default());
        Self { text: out, shifts, cuts }
    }

    /// Where code point `old` of the original text is now; `None` inside a cut.
    pub fn map(&self, old: usize) -> Option<usize> {
        if self.cuts.iter().any(|r| r.start < old && old < r.end) {
            return None;
        }
        let shift = self.shifts.iter().take_while(|(end, _)| *end <= old).last().map_or(0, |(_, s)| *s);
        usize::try_from(old as isize - shift).ok()
    }

    /// Whether anything was cut.
    pub fn is_cut(&self) -> bool {
        !self.cuts.is_empty()
    }

    /// The original `prefix` (ending at `start`) shortened so it holds no cut word.
    pub fn clean_prefix<'t>(&self, prefix: &'t str, start: usize) -> &'t str {
        let prefix_start = start.saturating_sub(prefix.chars().count());
        let keep_from = self.cuts.iter().filter(|r| r.start < start && r.end > prefix_start).map(|r| r.end).max();
        match keep_from {
            Some(from) => skip_chars(prefix, from.min(start) - prefix_start),
            None => prefix,
        }
    }

    /// The original `suffix` (starting at `end`) shortened so it holds no cut word.
    pub fn clean_suffix<'t>(&self, suffix: &'t str, end: usize) -> &'t str {
        let suffix_end = end + suffix.chars().count();
        let keep_to = self.cuts.iter().filter(|r| r.end > end && r.start < suffix_end).map(|r| r.start).min();
        match keep_to {
            Some(to) => take_chars(suffix, to.max(end) - end),
            None => suffix,
        }
    }
}

fn skip_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or("", |(byte, _)| &text[byte..])
}

fn take_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(byte, _)| &text[..byte])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_ranges_and_maps_the_offsets_around_them() {
        let text = "One. Two é. Three.";
        let cut = HiddenSpans { ranges: std::iter::once(5..11).collect() };
        let redacted = Redacted::new(text, &cut);
        assert_eq!(redacted.text, format!("One. {CUT_MARKER} Three."));
        assert_eq!(redacted.map(0), Some(0));
        assert_eq!(redacted.map(8), None);
        // Code point 12 is the "T" of "Three", after the cut.
        let moved = redacted.map(12).expect("after the cut");
        assert_eq!(redacted.text.chars().skip(moved).take(5).collect::<String>(), "Three");
        assert_eq!(redacted.clean_prefix("Two é. ", 12), " ");
        assert_eq!(redacted.clean_suffix(" Two é", 4), " ");
    }
}
