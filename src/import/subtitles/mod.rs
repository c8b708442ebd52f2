//! Episode subtitles (SRT and WebVTT) as an article: the episode guessed from the file name,
//! the cues as readable dialogue (a line per speaker's turn, a paragraph per pause), and each
//! cue's start time kept as a source segment, so a claim tagged in it is cited as
//! "Episode: Star Trek Picard, S1E10, 00:41:12".
//!
//! A small parser of our own rather than a crate: the SRT/WebVTT crates on crates.io either
//! reject a whole file on its first broken cue or do not keep line numbers, and tolerance
//! (BOM, CRLF, missing blank lines, broken timestamps counted) is the point here.

mod clean;
mod cues;
mod episode;

pub use cues::{MAX_CUES, clock};
pub use episode::Episode;

use super::{ImportError, Imported, ImportedSegment};
use crate::model::Tier;

/// How cues become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubtitleOptions {
    /// Keep `[door opens]`, `(sighs)` and `♪` captions (they are dropped by default).
    pub keep_hearing_impaired: bool,
    /// A pause at least this long starts a new paragraph.
    pub paragraph_gap_ms: u64,
}

impl Default for SubtitleOptions {
    fn default() -> Self {
        Self { keep_hearing_impaired: false, paragraph_gap_ms: 4000 }
    }
}

/// Why a subtitle file gives no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubtitleError {
    TooManyCues,
    /// No cue could be read; `skipped` had broken timing lines.
    NoCues {
        skipped: usize,
    },
}

impl std::fmt::Display for SubtitleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooManyCues => write!(
                f,
                "it has more than {MAX_CUES} subtitle cues, more than any episode. Split it into one file per episode."
            ),
            Self::NoCues { skipped: 0 } => write!(
                f,
                "no subtitle cues were found (a cue is a line like \"00:41:12,000 --> 00:41:15,000\" followed by its text). Check that it is an SRT or WebVTT file."
            ),
            Self::NoCues { skipped } => write!(
                f,
                "none of its {skipped} cues has a readable time (like \"00:41:12,000 --> 00:41:15,000\"). Fix the timing lines in a subtitle editor and import it again."
            ),
        }
    }
}

/// Whether a file name is a subtitle file.
pub fn is_subtitle_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".srt") || lower.ends_with(".vtt") || lower.ends_with(".webvtt")
}

/// Subtitle text (already decoded) from a file called `file_name`.
pub fn import(text: &str, file_name: &str, options: &SubtitleOptions) -> Result<Imported, ImportError> {
    let text = crate::text::normalize_article_text(text);
    let parsed = cues::parse(&text).map_err(|_| ImportError::Subtitles(SubtitleError::TooManyCues))?;
    let skipped = parsed.skipped_lines.len();
    if parsed.cues.is_empty() {
        return Err(ImportError::Subtitles(SubtitleError::NoCues { skipped }));
    }
    let (body, segments, dropped) = dialogue(&parsed.cues, options);
    if body.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let episode = Episode::guess(file_name);
    let mut report = vec![
        format!("Episode: {} (guessed from the file name; correct it if needed)", describe(&episode)),
        format!("{} cues, {} words", parsed.cues.len(), body.split_whitespace().count()),
    ];
    if skipped > 0 {
        let lines: Vec<String> = parsed.skipped_lines.iter().take(5).map(usize::to_string).collect();
        let more = if skipped > 5 { ", …" } else { "" };
        report.push(format!(
            "Skipped {skipped} cue{} with a broken timing line (line {}{more})",
            if skipped == 1 { "" } else { "s" },
            lines.join(", ")
        ));
    }
    if dropped > 0 {
        let plural = if dropped == 1 { "" } else { "s" };
        report.push(format!("Dropped {dropped} hearing-impaired caption{plural} such as [door opens]"));
    }
    Ok(Imported {
        title: episode.article_title(),
        text: body,
        episode: Some(episode),
        segments,
        suggested_tier: Tier::CANON.to_owned(),
        report,
        ..Default::default()
    })
}

fn describe(episode: &Episode) -> String {
    let citation = episode.citation();
    if citation.detail.is_empty() { citation.title } else { format!("{}, {}", citation.title, citation.detail) }
}

/// The cues as dialogue text, a segment per cue (its start time), and how many captions were
/// dropped.
fn dialogue(cues: &[cues::Cue<'_>], options: &SubtitleOptions) -> (String, Vec<ImportedSegment>, usize) {
    let mut out = String::new();
    let mut segments = Vec::with_capacity(cues.len());
    let mut dropped = 0;
    let mut speaker: Option<String> = None;
    let mut previous_end: Option<u64> = None;
    for cue in cues {
        let (turns, n) = clean::turns(&cue.lines, options.keep_hearing_impaired);
        dropped += n;
        if turns.is_empty() {
            continue;
        }
        let pause = previous_end.map(|end| cue.start_ms.saturating_sub(end));
        let new_paragraph = pause.is_some_and(|p| p >= options.paragraph_gap_ms);
        let start = out.len();
        for (i, turn) in turns.iter().enumerate() {
            let same_speaker = !turn.dash && (turn.speaker.is_none() || turn.speaker == speaker);
            let separator = if out.is_empty() {
                ""
            } else if i == 0 && new_paragraph {
                "\n\n"
            } else if same_speaker {
                " "
            } else {
                "\n"
            };
            out.push_str(separator);
            let opens_line = separator != " ";
            if opens_line && let Some(name) = &turn.speaker {
                out.push_str(name);
                out.push_str(": ");
            }
            if opens_line {
                // A new line is a new turn: an unnamed one is nobody we know.
                speaker.clone_from(&turn.speaker);
            }
            out.push_str(&turn.text);
        }
        // The segment starts after the separator so it covers exactly this cue's words.
        let start = start + out[start..].len() - out[start..].trim_start().len();
        segments.push(ImportedSegment { start, end: out.len(), detail: clock(cue.start_ms), citations: Vec::new() });
        previous_end = Some(cue.end_ms);
    }
    (out, segments, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRT: &str = "1\n00:41:10,000 --> 00:41:11,500\n<v Picard>The probe is ours.\n\n2\n00:41:12,000 --> 00:41:14,000\nPICARD: Engage.\n- RAFFI: Heading out.\n\n3\n00:41:14,200 --> 00:41:15,000\n[engine hums]\n\n4\n00:41:30,000 --> 00:41:32,000\nIt is done.\n";

    #[test]
    fn joins_cues_into_turns_and_paragraphs_with_a_segment_per_cue() {
        let imported = import(SRT, "Star.Trek.Picard.S01E10.srt", &SubtitleOptions::default()).expect("imports");
        assert_eq!(imported.text, "Picard: The probe is ours. Engage.\nRaffi: Heading out.\n\nIt is done.");
        assert_eq!(imported.title, "Star Trek Picard S1E10");
        let details: Vec<&str> = imported.segments.iter().map(|s| s.detail.as_str()).collect();
        assert_eq!(details, ["00:41:10", "00:41:12", "00:41:30"], "the caption-only cue has no words left");
        let second = &imported.segments[1];
        assert_eq!(&imported.text[second.start..second.end], "Engage.\nRaffi: Heading out.");
        assert!(imported.report.iter().any(|l| l.contains("Dropped 1 hearing-impaired")));
        assert_eq!(imported.suggested_tier, "canon");
    }

    #[test]
    fn keeps_captions_when_asked_and_reports_skipped_cues() {
        let broken = SRT.replace("00:41:30,000", "00:4l:30,000");
        let options = SubtitleOptions { keep_hearing_impaired: true, ..SubtitleOptions::default() };
        let imported = import(&broken, "x.srt", &options).expect("imports");
        assert!(imported.text.contains("[engine hums]"));
        assert!(!imported.text.contains("It is done"));
        assert!(
            imported.report.iter().any(|l| l == "Skipped 1 cue with a broken timing line (line 15)"),
            "{:?}",
            imported.report
        );
    }

    #[test]
    fn a_file_without_readable_cues_is_refused_with_a_reason() {
        let err = import("00:xx --> 00:01\nHi\n", "x.srt", &SubtitleOptions::default()).expect_err("refused");
        assert_eq!(err, ImportError::Subtitles(SubtitleError::NoCues { skipped: 1 }));
        assert!(err.to_string().contains("none of its 1 cues"));
    }
}
