//! The cue lexicon: phrases that hint at a tier, at housekeeping or at real-world talk about
//! the making of a work, matched on word boundaries whatever the case and apostrophes.

use serde::Deserialize;

/// The built-in English lexicon.
pub const BUILTIN_LEXICON: &str = include_str!("../../assets/suggest/cues-en.json");

/// Weight of a cue the user adds in the app.
const USER_CUE_WEIGHT: f32 = 2.0;

/// Why a lexicon could not be read.
#[derive(Debug)]
pub struct LexiconError(serde_json::Error);

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the cue lexicon is not valid JSON of the expected shape ({}); fix or remove it", self.0)
    }
}

impl std::error::Error for LexiconError {}

#[derive(Debug, Clone, Deserialize)]
struct LexiconFile {
    tiers: std::collections::BTreeMap<String, TierCues>,
    #[serde(default)]
    no_lore: Vec<String>,
    #[serde(default)]
    real_world: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
struct TierCues {
    #[serde(default)]
    sentence: Vec<(String, f32)>,
    #[serde(default)]
    source: Vec<(String, f32)>,
}

/// One phrase of the lexicon, kept as code points for matching.
#[derive(Debug, Clone)]
struct Cue {
    tier: String,
    phrase: String,
    chars: Vec<char>,
    weight: f32,
}

impl Cue {
    fn new(tier: &str, phrase: &str, weight: f32) -> Self {
        let phrase = normalise(phrase);
        Self { tier: tier.to_owned(), chars: phrase.chars().collect(), phrase, weight }
    }
}

/// A cue found in a sentence: code points `start..end` of the normalised sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct CueMatch {
    pub tier: String,
    pub cue: String,
    pub weight: f32,
    pub start: usize,
    pub end: usize,
}

/// The cue lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    sentence_cues: Vec<Cue>,
    source_cues: Vec<Cue>,
    no_lore: Vec<Cue>,
    real_world: Vec<Cue>,
}

impl Lexicon {
    /// The built-in lexicon (empty if the bundled file were ever broken; a test guards it).
    pub fn builtin() -> Self {
        Self::from_json(BUILTIN_LEXICON).unwrap_or(Self {
            sentence_cues: Vec::new(),
            source_cues: Vec::new(),
            no_lore: Vec::new(),
            real_world: Vec::new(),
        })
    }

    pub fn from_json(json: &str) -> Result<Self, LexiconError> {
        let file: LexiconFile = serde_json::from_str(json).map_err(LexiconError)?;
        let mut lexicon = Self {
            sentence_cues: Vec::new(),
            source_cues: Vec::new(),
            no_lore: file.no_lore.iter().map(|p| Cue::new("", p, 1.0)).collect(),
            real_world: file.real_world.iter().map(|p| Cue::new("", p, 1.0)).collect(),
        };
        for (tier, cues) in file.tiers {
            lexicon.sentence_cues.extend(cues.sentence.iter().map(|(p, w)| Cue::new(&tier, p, *w)));
            lexicon.source_cues.extend(cues.source.iter().map(|(p, w)| Cue::new(&tier, p, *w)));
        }
        Ok(lexicon)
    }

    /// Adds the user's own cues: one phrase per line for a tier.
    pub fn add_user_cues(&mut self, tier: &str, lines: &str) {
        for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.sentence_cues.push(Cue::new(tier, line, USER_CUE_WEIGHT));
        }
    }

    /// Tier cues in a normalised sentence, longest first, overlapping ones dropped.
    pub fn sentence_matches(&self, sentence: &[char]) -> Vec<CueMatch> {
        non_overlapping(&self.sentence_cues, sentence)
    }

    /// Source cues in a normalised sentence ("according to the comics"), longest first.
    pub fn source_matches(&self, sentence: &[char]) -> Vec<CueMatch> {
        non_overlapping(&self.source_cues, sentence)
    }

    /// Housekeeping phrases ("follow us") in a normalised sentence.
    pub fn no_lore_matches(&self, sentence: &[char]) -> Vec<CueMatch> {
        non_overlapping(&self.no_lore, sentence)
    }

    /// Real-world phrases ("renewed", "box office") in a normalised sentence.
    pub fn real_world_matches(&self, sentence: &[char]) -> Vec<CueMatch> {
        non_overlapping(&self.real_world, sentence)
    }
}

/// Lowercase with straight apostrophes, so cues match however the text is typed. One code
/// point in gives one code point out for the characters that matter here, so ranges line up
/// with the sentence for all but rare letters whose lowercase is longer.
pub fn normalise(text: &str) -> String {
    text.chars().map(|c| if matches!(c, '’' | '‘' | 'ʼ') { '\'' } else { c }).flat_map(char::to_lowercase).collect()
}

/// First code-point range where `phrase` occurs in `haystack` on word boundaries.
fn find_phrase(haystack: &[char], phrase: &[char]) -> Option<(usize, usize)> {
    if phrase.is_empty() || phrase.len() > haystack.len() {
        return None;
    }
    let word = |c: char| c.is_alphanumeric() || c == '\'';
    (0..=haystack.len() - phrase.len())
        .find(|&i| {
            haystack[i..i + phrase.len()] == *phrase
                && (i == 0 || !word(haystack[i - 1]) || !word(phrase[0]))
                && (i + phrase.len() == haystack.len()
                    || !word(haystack[i + phrase.len()])
                    || !word(phrase[phrase.len() - 1]))
        })
        .map(|i| (i, i + phrase.len()))
}

/// Matches of `cues` in `sentence`, longest first, a match overlapping a longer one dropped.
fn non_overlapping(cues: &[Cue], sentence: &[char]) -> Vec<CueMatch> {
    let mut all: Vec<CueMatch> = cues
        .iter()
        .filter_map(|cue| {
            find_phrase(sentence, &cue.chars).map(|(start, end)| CueMatch {
                tier: cue.tier.clone(),
                cue: cue.phrase.clone(),
                weight: cue.weight,
                start,
                end,
            })
        })
        .collect();
    all.sort_by(|a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)));
    let mut kept: Vec<CueMatch> = Vec::new();
    for m in all {
        if !kept.iter().any(|k| m.start < k.end && k.start < m.end) {
            kept.push(m);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_lexicon_parses_and_has_cues_of_every_kind() {
        let lexicon = Lexicon::from_json(BUILTIN_LEXICON).expect("bundled lexicon");
        assert!(!lexicon.sentence_cues.is_empty() && !lexicon.source_cues.is_empty());
        assert!(!lexicon.no_lore.is_empty() && !lexicon.real_world.is_empty());
    }

    #[test]
    fn cues_match_on_word_boundaries_only() {
        let lexicon = Lexicon::builtin();
        let hit = |s: &str| lexicon.sentence_matches(&normalise(s).chars().collect::<Vec<_>>());
        assert!(hit("The comic shows it.").iter().any(|m| m.cue == "comic"));
        assert!(!hit("A comical scene.").iter().any(|m| m.cue == "comic"));
    }

    #[test]
    fn a_broken_lexicon_is_a_clear_error() {
        let error = Lexicon::from_json("{\"tiers\": 3}").expect_err("not a lexicon");
        assert!(error.to_string().contains("cue lexicon"));
    }
}
