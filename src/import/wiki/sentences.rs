//! Citation markers attached to the sentence they follow: "Picard took command in 2364.
//! ({{TNG|Encounter at Farpoint}})" cites the episode for that sentence. The markers leave the
//! text; their sentence becomes a source segment.

use super::render::{MARK_CLOSE, MARK_OPEN};
use crate::import::ImportedSegment;
use crate::model::Citation;

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] =
    &["dr", "mr", "mrs", "ms", "lt", "cmdr", "capt", "st", "vs", "no", "e.g", "i.e", "jr", "sr"];

/// The text without markers, and a segment per cited sentence (byte ranges, in order).
pub fn attach(text: &str, markers: &[Vec<Citation>]) -> (String, Vec<ImportedSegment>) {
    let text = without_citation_parentheses(text);
    let mut out = String::with_capacity(text.len());
    let mut segments: Vec<ImportedSegment> = Vec::new();
    let mut sentence_start = 0usize;
    let mut last_sentence: Option<(usize, usize)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == MARK_OPEN {
            let end = text[at..].find(MARK_CLOSE).map_or(text.len(), |e| at + e);
            let citations = text[at + c.len_utf8()..end].parse::<usize>().ok().and_then(|i| markers.get(i));
            while chars.peek().is_some_and(|&(i, _)| i <= end) {
                chars.next();
            }
            let current = out[sentence_start..].trim();
            let range = if current.is_empty() { last_sentence } else { Some((sentence_start, out.trim_end().len())) };
            if let (Some((start, end)), Some(citations)) = (range, citations) {
                add(&mut segments, start, end, citations);
            }
            continue;
        }
        let ends_sentence = c.is_whitespace() && ends_with_terminator(&out);
        if ends_sentence || c == '\n' {
            if !out[sentence_start..].trim().is_empty() {
                last_sentence = Some((sentence_start, out.trim_end().len()));
            }
            out.push(c);
            sentence_start = out.len();
            continue;
        }
        out.push(c);
    }
    (out, segments)
}

fn add(segments: &mut Vec<ImportedSegment>, start: usize, end: usize, citations: &[Citation]) {
    match segments.last_mut() {
        Some(last) if last.start == start && last.end == end => {
            for citation in citations {
                if !last.citations.contains(citation) {
                    last.citations.push(citation.clone());
                }
            }
        }
        // A later marker of a sentence that grew past an earlier marker: the longer range wins.
        Some(last) if last.start == start && end > last.end => {
            last.end = end;
            for citation in citations {
                if !last.citations.contains(citation) {
                    last.citations.push(citation.clone());
                }
            }
        }
        _ => segments.push(ImportedSegment { start, end, detail: String::new(), citations: citations.to_vec() }),
    }
}

fn ends_with_terminator(out: &str) -> bool {
    let trimmed = out.trim_end_matches(['"', '\'', '”', '’', ')']);
    if !trimmed.ends_with(['.', '!', '?']) {
        return false;
    }
    let word = trimmed[..trimmed.len() - 1].rsplit(|c: char| c.is_whitespace()).next().unwrap_or_default();
    let word = word.to_lowercase();
    // "Dr." and single initials ("J. Smith") do not end a sentence.
    !(ABBREVIATIONS.contains(&word.as_str()) || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)))
}

/// `(` markers `)` (Memory Alpha's "({{TNG|...}})") as the markers alone, so the text keeps no
/// empty parentheses.
fn without_citation_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('(') {
        out.push_str(&rest[..at]);
        let inner_start = at + 1;
        // Only markers, digits, spaces and separators may come before the `)`: the scan stops
        // at anything else, so each character is looked at by one `(` at most.
        let inner_len = rest[inner_start..]
            .find(|c: char| {
                !(c == MARK_OPEN || c == MARK_CLOSE || c.is_ascii_digit() || c.is_whitespace() || c == ',' || c == ';')
            })
            .unwrap_or(rest.len() - inner_start);
        let close = Some(inner_start + inner_len).filter(|&close| rest[close..].starts_with(')'));
        let only_markers = close.is_some_and(|close| rest[inner_start..close].contains(MARK_OPEN));
        match close {
            Some(close) if only_markers => {
                let trimmed = out.trim_end().len();
                out.truncate(trimmed);
                out.extend(rest[inner_start..close].chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != ';'));
                rest = &rest[close + 1..];
            }
            _ => {
                out.push('(');
                rest = &rest[inner_start..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CitationKind;

    fn mark(i: usize) -> String {
        format!("{MARK_OPEN}{i}{MARK_CLOSE}")
    }

    #[test]
    fn markers_cite_the_sentence_before_them() {
        let a = vec![Citation::new(CitationKind::Episode, "Series", "Pilot")];
        let b = vec![Citation::new(CitationKind::Article, "Interview", "")];
        let text = format!(
            "Dr. Ana took command in 2364. ({}) She left.{} Then nothing. Last one{}",
            mark(0),
            mark(1),
            mark(0)
        );
        let (out, segments) = attach(&text, &[a.clone(), b.clone()]);
        assert_eq!(out, "Dr. Ana took command in 2364. She left. Then nothing. Last one");
        let cited: Vec<(&str, &str)> =
            segments.iter().map(|s| (&out[s.start..s.end], s.citations[0].title.as_str())).collect();
        assert_eq!(
            cited,
            [("Dr. Ana took command in 2364.", "Series"), ("She left.", "Interview"), ("Last one", "Series")]
        );
    }

    #[test]
    fn ordinary_parentheses_stay() {
        let (out, _) = attach("A (really) fine day.", &[]);
        assert_eq!(out, "A (really) fine day.");
    }
}
