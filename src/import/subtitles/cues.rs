//! SRT and WebVTT cues, read tolerantly: a byte-order mark, CRLF, missing blank lines between
//! cues, WebVTT headers, NOTE/STYLE/REGION blocks and cue settings are all fine; a cue whose
//! timing line cannot be read is skipped and counted, never guessed.

/// One cue: its times in milliseconds and its raw text lines (tags not yet removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue<'a> {
    pub start_ms: u64,
    pub end_ms: u64,
    pub lines: Vec<&'a str>,
}

/// Every cue that could be read, and where the unreadable ones were.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed<'a> {
    pub cues: Vec<Cue<'a>>,
    /// 1-based line numbers of timing lines that could not be read.
    pub skipped_lines: Vec<usize>,
}

/// More cues than this is not one episode (a two-hour film has about 1,500); refusing early
/// keeps time and memory bounded on hostile files.
pub const MAX_CUES: usize = 100_000;

/// Why no cues come out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueError {
    TooMany,
}

pub fn parse(text: &str) -> Result<Parsed<'_>, CueError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut parsed = Parsed::default();
    let mut i = 0;
    if lines.first().is_some_and(|l| l.starts_with("WEBVTT")) {
        i = skip_block(&lines, 0);
    }
    let mut block_start = true;
    while i < lines.len() {
        let line = lines[i];
        if is_timing(line) {
            let mut j = i + 1;
            while j < lines.len() && !lines[j].trim().is_empty() && !starts_cue(&lines, j) {
                j += 1;
            }
            match timing(line) {
                Some((start_ms, end_ms)) => {
                    if parsed.cues.len() == MAX_CUES {
                        return Err(CueError::TooMany);
                    }
                    parsed.cues.push(Cue { start_ms, end_ms, lines: lines[i + 1..j].to_vec() });
                }
                None => parsed.skipped_lines.push(i + 1),
            }
            block_start = false;
            i = j;
            continue;
        }
        let trimmed = line.trim();
        if block_start
            && ["NOTE", "STYLE", "REGION"].iter().any(|k| trimmed == *k || trimmed.starts_with(&format!("{k} ")))
        {
            i = skip_block(&lines, i);
            continue;
        }
        block_start = trimmed.is_empty();
        i += 1;
    }
    Ok(parsed)
}

/// The index after the block starting at `i` (up to the next blank line).
fn skip_block(lines: &[&str], i: usize) -> usize {
    lines[i..].iter().position(|l| l.trim().is_empty()).map_or(lines.len(), |p| i + p)
}

fn is_timing(line: &str) -> bool {
    line.contains("-->")
}

/// Whether line `j` begins the next cue when the blank line before it is missing: a timing
/// line, or a cue number or identifier right before one.
fn starts_cue(lines: &[&str], j: usize) -> bool {
    is_timing(lines[j])
        || (lines.get(j + 1).is_some_and(|next| is_timing(next)) && lines[j].trim().bytes().all(|b| b.is_ascii_digit()))
}

/// `00:41:12,345 --> 00:41:15,000 align:start` as milliseconds; `None` when broken or backwards.
fn timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    let (start, end) = (time(start.trim())?, time(end)?);
    (end >= start).then_some((start, end))
}

/// `HH:MM:SS,mmm`, `HH:MM:SS.mmm` or `MM:SS.mmm` (WebVTT leaves the hours out).
pub fn time(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split(':').collect();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m, s] => (number(h, 5)?, number(m, 2)?, *s),
        [m, s] => (0, number(m, 2)?, *s),
        _ => return None,
    };
    let (whole, fraction) = seconds.split_once([',', '.']).unwrap_or((seconds, ""));
    let whole = number(whole, 2)?;
    if minutes >= 60 || whole >= 60 || fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let millis = if fraction.is_empty() { 0 } else { format!("{fraction:0<3}").parse::<u64>().ok()? };
    Some(((hours * 60 + minutes) * 60 + whole) * 1000 + millis)
}

fn number(text: &str, max_digits: usize) -> Option<u64> {
    let ok = !text.is_empty() && text.len() <= max_digits && text.bytes().all(|b| b.is_ascii_digit());
    if ok { text.parse().ok() } else { None }
}

/// `00:41:12`, the form citations use.
pub fn clock(ms: u64) -> String {
    let seconds = ms / 1000;
    format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_times_in_both_notations() {
        assert_eq!(time("00:41:12,345"), Some(2_472_345));
        assert_eq!(time("41:12.5"), Some(2_472_500));
        assert_eq!(time("1:02:03"), Some(3_723_000));
        for broken in ["00:61:00,000", "00:00:00,0000", "aa:bb:cc", "12", "", "1:2:3:4", "00:00:-1,000"] {
            assert_eq!(time(broken), None, "{broken:?}");
        }
        assert_eq!(clock(2_472_345), "00:41:12");
    }

    #[test]
    fn tolerates_bom_crlf_missing_blank_lines_and_skips_broken_cues() {
        let srt = "\u{feff}1\r\n00:00:01,000 --> 00:00:02,000\r\nFirst.\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nSecond.\r\n\r\n3\r\n00:00:xx,000 --> 00:00:06,000\r\nBroken.\r\n\r\n4\r\n00:00:09,000 --> 00:00:08,000\r\nBackwards.\r\n\r\n5\r\n00:00:10,000 --> 00:00:11,000\r\nLast.";
        let parsed = parse(srt).expect("parses");
        let texts: Vec<&str> = parsed.cues.iter().flat_map(|c| c.lines.iter().copied()).collect();
        assert_eq!(texts, ["First.", "Second.", "Last."]);
        assert_eq!(parsed.skipped_lines, [9, 13]);
    }

    #[test]
    fn skips_webvtt_header_notes_styles_and_cue_settings() {
        let vtt = "WEBVTT - an invented episode\nKind: captions\n\nNOTE written for the tests\nstill the note\n\nSTYLE\n::cue { color: red }\n\nintro\n00:01.000 --> 00:02.500 align:start position:10%\n<v Ana>Hello.\n\n00:03.000 --> 00:04.000\nBye.\n";
        let parsed = parse(vtt).expect("parses");
        assert_eq!(parsed.cues.len(), 2);
        assert_eq!((parsed.cues[0].start_ms, parsed.cues[0].end_ms), (1000, 2500));
        assert_eq!(parsed.cues[0].lines, ["<v Ana>Hello."]);
        assert!(parsed.skipped_lines.is_empty());
    }

    #[test]
    fn refuses_more_cues_than_an_episode_has() {
        let vtt = "0:0.0 --> 0:1.0\na\n\n".repeat(MAX_CUES + 1);
        assert_eq!(parse(&vtt), Err(CueError::TooMany));
    }
}
