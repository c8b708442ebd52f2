//! Which episode a subtitle file is, guessed from its name: `Star.Trek.Picard.S01E10.srt`,
//! `Picard - 1x10 - Et in Arcadia Ego.vtt`. Only a guess: the preview lets the user fix it.

use crate::model::{Citation, CitationKind};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Episode {
    pub series: String,
    pub season: Option<u32>,
    pub number: Option<u32>,
    /// The episode's own title, when the file name has one.
    pub title: String,
}

/// Release-group tokens that end an episode title in a file name (`...Ego.720p.WEB.x264`).
const RELEASE_TOKENS: &[&str] = &[
    "480p", "576p", "720p", "1080p", "2160p", "4k", "web", "webrip", "web-dl", "webdl", "bluray", "bdrip", "brrip",
    "hdtv", "dvdrip", "x264", "x265", "h264", "h265", "hevc", "aac", "ac3", "dd5", "amzn", "nf", "dsnp", "atvp",
    "pmtp", "proper", "repack", "hi", "sdh", "cc", "forced",
];

impl Episode {
    /// "S1E10", or "" when the number is unknown.
    pub fn code(&self) -> String {
        match (self.season, self.number) {
            (Some(s), Some(e)) => format!("S{s}E{e}"),
            (None, Some(e)) => format!("E{e}"),
            (Some(s), None) => format!("S{s}"),
            (None, None) => String::new(),
        }
    }

    /// "Star Trek Picard S1E10: Et in Arcadia Ego", for the article's title.
    pub fn article_title(&self) -> String {
        let code = self.code();
        let head = [self.series.trim(), code.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>();
        let head = head.join(" ");
        match (head.is_empty(), self.title.trim().is_empty()) {
            (false, false) => format!("{head}: {}", self.title.trim()),
            (false, true) => head,
            (true, _) => self.title.trim().to_owned(),
        }
    }

    /// The citation every claim in the episode starts from: kind episode, the series, "S1E10".
    pub fn citation(&self) -> Citation {
        let series = self.series.trim();
        let title = if series.is_empty() { self.title.trim() } else { series };
        let title = if title.is_empty() { "Unknown series" } else { title };
        // As the sample project writes them: `S1E1 "Remembrance"`.
        let mut detail = self.code();
        if !series.is_empty() && !self.title.trim().is_empty() {
            let quoted = format!("\"{}\"", self.title.trim());
            detail = if detail.is_empty() { quoted } else { format!("{detail} {quoted}") };
        }
        Citation::new(CitationKind::Episode, title, &detail)
    }

    /// The guess from a file name (with or without folders and extension).
    pub fn guess(file_name: &str) -> Episode {
        let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        let stem = strip_extensions(base);
        let words: Vec<String> = stem
            .split(|c: char| c == '.' || c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        for (at, word) in words.iter().enumerate() {
            if let Some((season, number)) = season_episode(word) {
                let series = tidy_name(&words[..at].join(" "));
                let title = tidy_name(
                    &words[at + 1..]
                        .iter()
                        .take_while(|w| {
                            !RELEASE_TOKENS.contains(&w.to_ascii_lowercase().as_str()) && !w.starts_with('[')
                        })
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                return Episode { series, season: Some(season), number: Some(number), title };
            }
        }
        Episode { title: tidy_name(&words.join(" ")), ..Episode::default() }
    }
}

/// `S01E10`, `s1e10`, `1x10` (also `S01E10E11`, taking the first number).
fn season_episode(word: &str) -> Option<(u32, u32)> {
    let lower = word.to_ascii_lowercase();
    let digits = |s: &str| -> Option<(u32, usize)> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 4 { None } else { s[..n].parse().ok().map(|v| (v, n)) }
    };
    if let Some(rest) = lower.strip_prefix('s') {
        let (season, n) = digits(rest)?;
        let rest = rest[n..].strip_prefix('e')?;
        let (episode, _) = digits(rest)?;
        return Some((season, episode));
    }
    let (season, n) = digits(&lower)?;
    let rest = lower[n..].strip_prefix('x')?;
    let (episode, m) = digits(rest)?;
    (m == rest.len() && n <= 2).then_some((season, episode))
}

/// The name without `.srt`/`.vtt` and a language tag before it (`.en.srt`, `.eng.forced.srt`).
fn strip_extensions(base: &str) -> &str {
    let mut stem = base;
    for _ in 0..3 {
        let Some((head, ext)) = stem.rsplit_once('.') else { break };
        let ext_lower = ext.to_ascii_lowercase();
        let known = matches!(ext_lower.as_str(), "srt" | "vtt" | "webvtt" | "forced" | "sdh" | "hi" | "cc")
            || (ext.len() <= 3 && ext.chars().all(|c| c.is_ascii_alphabetic()) && stem != base);
        if !known || head.is_empty() {
            break;
        }
        stem = head;
    }
    stem
}

/// Separators at the ends trimmed and runs of spaces collapsed: "Picard - " becomes "Picard".
fn tidy_name(name: &str) -> String {
    let joined = name.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace()).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_dotted_release_names() {
        let e = Episode::guess("/tmp/Star.Trek.Picard.S01E10.srt");
        assert_eq!(
            (e.series.as_str(), e.season, e.number, e.title.as_str()),
            ("Star Trek Picard", Some(1), Some(10), "")
        );
        assert_eq!(e.code(), "S1E10");
        let e = Episode::guess("Star.Trek.Picard.S01E10.Et.in.Arcadia.Ego.1080p.WEB.x264.en.srt");
        assert_eq!(e.title, "Et in Arcadia Ego");
    }

    #[test]
    fn guesses_season_x_episode_names() {
        let e = Episode::guess("Picard - 1x10 - Et in Arcadia Ego.vtt");
        assert_eq!(
            (e.series.as_str(), e.season, e.number, e.title.as_str()),
            ("Picard", Some(1), Some(10), "Et in Arcadia Ego")
        );
        assert_eq!(e.article_title(), "Picard S1E10: Et in Arcadia Ego");
        assert_eq!(e.citation().display(), "Episode: Picard, S1E10 \"Et in Arcadia Ego\"");
    }

    #[test]
    fn a_name_without_an_episode_code_is_kept_as_the_title() {
        let e = Episode::guess("Some Film (2009).srt");
        assert_eq!((e.series.as_str(), e.season, e.title.as_str()), ("", None, "Some Film (2009)"));
        assert_eq!(e.citation().title, "Some Film (2009)");
        assert_eq!(Episode::guess("1080p.srt").season, None, "a resolution is not an episode code");
    }
}
