//! Suggesting claims and tiers from the wording of lore articles.
//!
//! [`LexiconSuggester`] is a small deterministic scorer: every cue phrase of the lexicon
//! (`assets/suggest/cues-en.json`, extensible by the user) found in a sentence adds its weight to
//! its tier; a paragraph that names its source ("According to the comics, …") lends that tier to
//! the sentences after it; the best tier wins when its score is high enough, with a confidence
//! and the cue words as reasons. No network, no model: it runs offline in microseconds. It sits
//! behind [`Suggester`] so a statistical model could replace it.

pub mod sentences;

use serde::Deserialize;

pub use sentences::sentences;

/// Why a tier was suggested: a cue found in the sentence, or its paragraph's source.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub cue: String,
    pub tier: String,
    /// Code-point range of the cue in the sentence (empty when it came from the context).
    pub start: usize,
    pub end: usize,
    pub from_context: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Suggestion {
    /// `None`: no tier suggested (no lore signal, or housekeeping).
    pub tier: Option<String>,
    /// 0..1.
    pub confidence: f32,
    pub reasons: Vec<Reason>,
    /// The sentence is housekeeping ("we'll keep an eye out"), not lore.
    pub housekeeping: bool,
}

/// What the sentences before this one in its paragraph said about the source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// (tier, cue) of the latest source named in the paragraph.
    pub source: Option<(String, String)>,
}

/// Anything that can suggest a tier for a sentence.
pub trait Suggester {
    fn suggest(&self, sentence: &str, context: &Context) -> Suggestion;
    /// The source a sentence names for the ones after it, if any.
    fn source_of(&self, sentence: &str) -> Option<(String, String)>;
}

#[derive(Debug, Clone, Deserialize)]
struct LexiconFile {
    tiers: std::collections::BTreeMap<String, TierCues>,
    #[serde(default)]
    no_lore: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
struct TierCues {
    #[serde(default)]
    sentence: Vec<(String, f32)>,
    #[serde(default)]
    source: Vec<(String, f32)>,
}

/// The cue lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// (tier, phrase, weight), phrases lowercased.
    sentence_cues: Vec<(String, String, f32)>,
    source_cues: Vec<(String, String, f32)>,
    no_lore: Vec<String>,
}

/// The built-in English lexicon.
pub const BUILTIN_LEXICON: &str = include_str!("../../assets/suggest/cues-en.json");

impl Lexicon {
    pub fn builtin() -> Self {
        Self::from_json(BUILTIN_LEXICON).unwrap_or(Self {
            sentence_cues: Vec::new(),
            source_cues: Vec::new(),
            no_lore: Vec::new(),
        })
    }

    pub fn from_json(json: &str) -> Result<Self, String> {
        let file: LexiconFile = serde_json::from_str(json).map_err(|e| format!("the cue lexicon is not valid: {e}"))?;
        let mut lexicon = Self { sentence_cues: Vec::new(), source_cues: Vec::new(), no_lore: Vec::new() };
        for (tier, cues) in file.tiers {
            for (phrase, weight) in cues.sentence {
                lexicon.sentence_cues.push((tier.clone(), normalise(&phrase), weight));
            }
            for (phrase, weight) in cues.source {
                lexicon.source_cues.push((tier.clone(), normalise(&phrase), weight));
            }
        }
        lexicon.no_lore = file.no_lore.iter().map(|p| normalise(p)).collect();
        Ok(lexicon)
    }

    /// Adds the user's own cues: one phrase per line for a tier (weight 2).
    pub fn add_user_cues(&mut self, tier: &str, lines: &str) {
        for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.sentence_cues.push((tier.to_owned(), normalise(line), 2.0));
        }
    }
}

/// Lowercase with straight apostrophes, so cues match however the text is typed.
fn normalise(text: &str) -> String {
    text.chars().map(|c| if matches!(c, '’' | '‘' | 'ʼ') { '\'' } else { c }).flat_map(char::to_lowercase).collect()
}

/// Code-point ranges where `phrase` occurs in `haystack` on word boundaries.
fn find_phrase(haystack: &[char], phrase: &[char]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if phrase.is_empty() || phrase.len() > haystack.len() {
        return found;
    }
    let word = |c: char| c.is_alphanumeric() || c == '\'';
    for i in 0..=haystack.len() - phrase.len() {
        if haystack[i..i + phrase.len()] == *phrase
            && (i == 0 || !word(haystack[i - 1]) || !word(phrase[0]))
            && (i + phrase.len() == haystack.len()
                || !word(haystack[i + phrase.len()])
                || !word(phrase[phrase.len() - 1]))
        {
            found.push((i, i + phrase.len()));
        }
    }
    found
}

/// Whether a sentence talks about something in particular: a capitalised name after its first
/// word, or a number (a year, a stardate, an episode).
fn has_lore_signal(sentence: &str) -> bool {
    let mut words = sentence.split_whitespace();
    words.next();
    words.any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(|c| c.is_uppercase()) && w != "I" || w.chars().any(|c| c.is_ascii_digit())
    })
}

/// The lexicon scorer.
#[derive(Debug, Clone)]
pub struct LexiconSuggester {
    pub lexicon: Lexicon,
}

impl LexiconSuggester {
    /// Minimum score for a suggestion.
    const THRESHOLD: f32 = 1.5;
    /// Weight of the paragraph's named source.
    const CONTEXT_WEIGHT: f32 = 1.6;

    pub fn builtin() -> Self {
        Self { lexicon: Lexicon::builtin() }
    }

    /// Matches of one cue list in a sentence, longest first, overlapping ones dropped.
    fn matches(cues: &[(String, String, f32)], sentence: &[char]) -> Vec<(String, String, f32, usize, usize)> {
        let mut all = Vec::new();
        for (tier, phrase, weight) in cues {
            let phrase_chars: Vec<char> = phrase.chars().collect();
            if let Some(&(s, e)) = find_phrase(sentence, &phrase_chars).first() {
                all.push((tier.clone(), phrase.clone(), *weight, s, e));
            }
        }
        all.sort_by(|a, b| (b.4 - b.3).cmp(&(a.4 - a.3)).then(a.3.cmp(&b.3)));
        let mut kept: Vec<(String, String, f32, usize, usize)> = Vec::new();
        for m in all {
            if !kept.iter().any(|k| m.3 < k.4 && k.3 < m.4) {
                kept.push(m);
            }
        }
        kept
    }
}

impl Suggester for LexiconSuggester {
    fn suggest(&self, sentence: &str, context: &Context) -> Suggestion {
        let chars: Vec<char> = normalise(sentence).chars().collect();
        let housekeeping =
            self.lexicon.no_lore.iter().any(|p| !find_phrase(&chars, &p.chars().collect::<Vec<_>>()).is_empty());
        if housekeeping {
            return Suggestion { housekeeping: true, ..Default::default() };
        }
        let mut scores: std::collections::BTreeMap<String, f32> = std::collections::BTreeMap::new();
        let mut reasons = Vec::new();
        for (tier, phrase, weight, start, end) in Self::matches(&self.lexicon.sentence_cues, &chars) {
            *scores.entry(tier.clone()).or_default() += weight;
            reasons.push(Reason { cue: phrase, tier, start, end, from_context: false });
        }
        if let Some((tier, cue)) = &context.source {
            *scores.entry(tier.clone()).or_default() += Self::CONTEXT_WEIGHT;
            reasons.push(Reason { cue: cue.clone(), tier: tier.clone(), start: 0, end: 0, from_context: true });
        }
        // A sentence about the lore that names no source and no hedge states what the show
        // established: canon, with little confidence.
        if scores.is_empty() && has_lore_signal(sentence) {
            return Suggestion {
                tier: Some(crate::model::Tier::CANON.to_owned()),
                confidence: 0.3,
                reasons: Vec::new(),
                housekeeping: false,
            };
        }
        let total: f32 = scores.values().sum();
        let best = scores.iter().max_by(|a, b| a.1.total_cmp(b.1)).map(|(t, s)| (t.clone(), *s));
        match best {
            Some((tier, score)) if score >= Self::THRESHOLD => {
                reasons.retain(|r| r.tier == tier);
                let confidence = (score / (total + 1.0)).clamp(0.0, 1.0);
                Suggestion { tier: Some(tier), confidence, reasons, housekeeping: false }
            }
            // Only weak cues: a lore sentence with no real hedge or tie-in source is a plain
            // statement, as above.
            _ if has_lore_signal(sentence)
                && scores.get(crate::model::Tier::SPECULATION).copied().unwrap_or(0.0) < Self::THRESHOLD
                && scores.get(crate::model::Tier::COMIC_CANON).copied().unwrap_or(0.0) < Self::THRESHOLD =>
            {
                reasons.retain(|r| r.tier == crate::model::Tier::CANON);
                Suggestion {
                    tier: Some(crate::model::Tier::CANON.to_owned()),
                    confidence: 0.35,
                    reasons,
                    housekeeping: false,
                }
            }
            _ => Suggestion { reasons: Vec::new(), ..Default::default() },
        }
    }

    fn source_of(&self, sentence: &str) -> Option<(String, String)> {
        let chars: Vec<char> = normalise(sentence).chars().collect();
        Self::matches(&self.lexicon.source_cues, &chars)
            .into_iter()
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(tier, phrase, ..)| (tier, phrase))
    }
}

/// A sentence of an article with its suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceSuggestion {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub suggestion: Suggestion,
}

/// Every sentence of `text` with a suggestion, carrying each paragraph's named source forward.
pub fn suggest_text(suggester: &dyn Suggester, text: &str) -> Vec<SentenceSuggestion> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut context = Context::default();
    let mut last_end = 0;
    for (start, end) in sentences(text) {
        // A paragraph break resets the source.
        if chars[last_end..start].contains(&'\n') {
            context = Context::default();
        }
        last_end = end;
        let sentence: String = chars[start..end].iter().collect();
        let suggestion = suggester.suggest(&sentence, &context);
        if let Some(source) = suggester.source_of(&sentence) {
            context.source = Some(source);
        }
        out.push(SentenceSuggestion { start, end, text: sentence, suggestion });
    }
    out
}

/// Sentences worth proposing as claims: a suggested tier, not housekeeping.
pub fn candidates(suggester: &dyn Suggester, text: &str) -> Vec<SentenceSuggestion> {
    suggest_text(suggester, text).into_iter().filter(|s| s.suggestion.tier.is_some()).collect()
}

/// The suggestion for code points `start..end` of `text`, with the source named by the
/// sentences before it in its paragraph.
pub fn suggest_span(suggester: &dyn Suggester, text: &str, start: usize, end: usize) -> Suggestion {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (start.min(chars.len()), end.min(chars.len()));
    let paragraph_start = chars[..start].iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1);
    let before: String = chars[paragraph_start..start].iter().collect();
    let mut context = Context::default();
    for (s, e) in sentences(&before) {
        let sentence: String = before.chars().skip(s).take(e - s).collect();
        if let Some(source) = suggester.source_of(&sentence) {
            context.source = Some(source);
        }
    }
    let span: String = chars[start..end].iter().collect();
    suggester.suggest(&span, &context)
}
