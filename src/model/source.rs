//! Where an article's words come from, piece by piece (format 1.2, additive): an episode's cue
//! times, a novel's chapters, a wiki sentence's references. A claim tagged inside a piece gets
//! its citation filled in without typing.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Citation, ExtraFields, deserialize_keeping_extra};

/// Code points `start..end` of an article's text and what they are a part of.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SourceSegment {
    pub start: usize,
    pub end: usize,
    /// Where in the work: a cue's start time ("00:41:12") or a chapter's title. Appended to the
    /// detail of the article's `primary_source`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// Sources of this piece of its own (a wiki sentence's references and citation templates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<Citation>,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(SourceSegment {
    required: start, end;
    defaulted: detail = String::new(), citations = Vec::new(),
});

impl SourceSegment {
    pub fn new(start: usize, end: usize, detail: &str, citations: Vec<Citation>) -> Self {
        Self { start, end, detail: detail.to_owned(), citations, extra: ExtraFields::new() }
    }

    /// Whether code points `start..end` touch this piece.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// The citations a claim on code points `start..end` gets: the work (`primary`) with the detail
/// of the first piece the claim touches, then every touching piece's own citations, each once.
pub fn citations_for(
    primary: Option<&Citation>,
    segments: &[SourceSegment],
    start: usize,
    end: usize,
) -> Vec<Citation> {
    // Segments are in text order, so the touching ones are one contiguous run.
    let first = segments.partition_point(|s| s.end <= start);
    let touching: Vec<&SourceSegment> = segments[first..].iter().take_while(|s| s.start < end).collect();
    let mut citations = Vec::new();
    if let Some(primary) = primary {
        let mut citation = primary.clone();
        if let Some(detail) = touching.iter().map(|s| s.detail.trim()).find(|d| !d.is_empty()) {
            citation.detail =
                if citation.detail.is_empty() { detail.to_owned() } else { format!("{}, {detail}", citation.detail) };
        }
        citations.push(citation);
    }
    for citation in touching.iter().flat_map(|s| &s.citations) {
        if !citations.contains(citation) {
            citations.push(citation.clone());
        }
    }
    citations
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CitationKind;

    #[test]
    fn fills_the_work_with_the_first_touched_detail_and_adds_piece_sources_once() {
        let work = Citation::new(CitationKind::Episode, "Star Trek: Picard", "S1E10");
        let reference = Citation::new(CitationKind::Article, "Interview", "");
        let segments = vec![
            SourceSegment::new(0, 10, "00:41:12", vec![]),
            SourceSegment::new(11, 20, "00:41:15", vec![reference.clone()]),
            SourceSegment::new(21, 30, "00:41:19", vec![reference.clone()]),
        ];
        let cited = citations_for(Some(&work), &segments, 12, 25);
        assert_eq!(cited.len(), 2);
        assert_eq!(cited[0].detail, "S1E10, 00:41:15");
        assert_eq!(cited[1], reference);
        assert_eq!(citations_for(Some(&work), &segments, 10, 11)[0].detail, "S1E10", "between pieces: the work alone");
        assert!(citations_for(None, &segments, 0, 5).is_empty());
    }
}
