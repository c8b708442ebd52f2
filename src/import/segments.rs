//! Source segments while an import is being previewed: byte ranges of [`super::Imported::text`],
//! turned into the code-point ranges of the article's normalised text when it is accepted.

use crate::model::{Citation, SourceSegment};
use crate::text::normalize_article_text;

/// Bytes `start..end` of the imported text and where they come from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportedSegment {
    pub start: usize,
    pub end: usize,
    /// A cue's start time or a chapter's title.
    pub detail: String,
    pub citations: Vec<Citation>,
}

/// The segments as code-point ranges of `normalised` (the article's text made from `raw`).
/// Importers hand over text that is normalised already, so offsets usually carry over as they
/// are; otherwise each segment's words are looked for in order, and one not found is dropped
/// rather than pointed at the wrong words.
pub fn to_article_segments(raw: &str, normalised: &str, segments: &[ImportedSegment]) -> Vec<SourceSegment> {
    let in_bounds =
        |s: &&ImportedSegment| s.start < s.end && raw.is_char_boundary(s.start) && raw.is_char_boundary(s.end);
    if raw == normalised {
        let mut out = Vec::with_capacity(segments.len());
        // One forward pass: segments are in text order.
        let (mut byte, mut chars) = (0usize, 0usize);
        for segment in segments.iter().filter(in_bounds) {
            if segment.start < byte {
                continue;
            }
            chars += raw[byte..segment.start].chars().count();
            let start = chars;
            chars += raw[segment.start..segment.end].chars().count();
            byte = segment.end;
            out.push(SourceSegment::new(start, chars, &segment.detail, segment.citations.clone()));
        }
        return out;
    }
    let mut out = Vec::new();
    let (mut from_byte, mut from_char) = (0usize, 0usize);
    for segment in segments.iter().filter(in_bounds) {
        let words = normalize_article_text(&raw[segment.start..segment.end]);
        if words.is_empty() {
            // Nothing of it is left in the article (a cue holding only a BOM or spaces): an
            // empty segment would point between two words.
            continue;
        }
        let Some(found) = normalised.get(from_byte..).and_then(|rest| rest.find(&words)) else { continue };
        let start_byte = from_byte + found;
        let start = from_char + normalised[from_byte..start_byte].chars().count();
        let end = start + words.chars().count();
        from_byte = start_byte + words.len();
        from_char = end;
        out.push(SourceSegment::new(start, end, &segment.detail, segment.citations.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(start: usize, end: usize, detail: &str) -> ImportedSegment {
        ImportedSegment { start, end, detail: detail.into(), citations: vec![] }
    }

    #[test]
    fn byte_ranges_become_code_point_ranges() {
        let raw = "Ça va.\nOui.";
        let out = to_article_segments(raw, raw, &[segment(0, 7, "a"), segment(8, 12, "b")]);
        assert_eq!((out[0].start, out[0].end, out[1].start, out[1].end), (0, 6, 7, 11));
    }

    #[test]
    fn a_segment_normalised_to_nothing_is_dropped() {
        // Found by the 30-minute fuzz run of import_subtitles: a WebVTT cue holding only a BOM.
        let raw = "One.\n\u{feff}\nTwo.\r\n";
        let normalised = normalize_article_text(raw);
        assert_ne!(raw, normalised);
        let out =
            to_article_segments(raw, &normalised, &[segment(0, 4, "a"), segment(5, 8, "bom"), segment(9, 13, "b")]);
        assert!(out.iter().all(|s| s.start < s.end), "{out:?}");
        assert_eq!(out.iter().map(|s| s.detail.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn segments_are_found_again_when_normalising_changes_the_text() {
        let raw = "One.\r\nCafe\u{301} two.";
        let normalised = normalize_article_text(raw);
        let out = to_article_segments(raw, &normalised, &[segment(0, 4, "a"), segment(6, raw.len(), "b")]);
        let chars: Vec<char> = normalised.chars().collect();
        let words: String = chars[out[1].start..out[1].end].iter().collect();
        assert_eq!(words, "Caf\u{e9} two.");
        assert_eq!(out[0].end, 4);
    }
}
