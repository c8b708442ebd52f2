//! Sentence boundaries: Unicode's (UAX #29), then a pass that joins sentences split after
//! abbreviations and initials ("Mr.", "Dr.", "U.S.", "St.", "vs.", "J. J. Abrams").

use unicode_segmentation::UnicodeSegmentation;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "prof", "capt", "cmdr", "lt", "gen", "col", "adm", "sgt", "no",
    "vol", "ep", "eps", "pt", "fig", "etc", "e.g", "i.e", "approx", "dept", "est", "inc", "ltd", "co", "mt", "ft",
];

/// Whether `segment` ends with an abbreviation or initial that does not end a sentence.
fn ends_with_abbreviation(segment: &str) -> bool {
    let trimmed = segment.trim_end();
    let Some(before_dot) = trimmed.strip_suffix('.') else { return false };
    let last = before_dot.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“').next().unwrap_or("");
    let lower = last.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Initials and dotted abbreviations: "J." "U.S." "D.C."
    let letters: Vec<&str> = last.split('.').collect();
    !last.is_empty() && letters.iter().all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// Sentences of `text` as code-point ranges, trimmed of surrounding whitespace. Paragraph
/// breaks always end a sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut paragraph_start_char = 0;
    for paragraph in text.split('\n') {
        let mut pending: Option<(usize, usize)> = None; // byte range within paragraph
        let mut segments = Vec::new();
        for (byte, segment) in paragraph.split_sentence_bound_indices() {
            let range = (byte, byte + segment.len());
            match pending {
                Some((start, end)) if ends_with_abbreviation(&paragraph[start..end]) => {
                    pending = Some((start, range.1))
                }
                Some(done) => {
                    segments.push(done);
                    pending = Some(range);
                }
                None => pending = Some(range),
            }
        }
        segments.extend(pending);
        for (start, end) in segments {
            let piece = &paragraph[start..end];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let s = paragraph_start_char + paragraph[..start + lead].chars().count();
            out.push((s, s + trimmed.chars().count()));
        }
        paragraph_start_char += paragraph.chars().count() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        sentences(text).iter().map(|&(s, e)| text.chars().skip(s).take(e - s).collect()).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let text = "Dr. Bashir met Mr. Garak in the U.S. sector. J. J. Abrams directed it vs. the odds! Next?\nNew paragraph, St. Louis.";
        assert_eq!(
            texts(text),
            [
                "Dr. Bashir met Mr. Garak in the U.S. sector.",
                "J. J. Abrams directed it vs. the odds!",
                "Next?",
                "New paragraph, St. Louis."
            ]
        );
    }
}
