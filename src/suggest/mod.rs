//! Suggesting claims and tiers from the wording of lore articles.
//!
//! [`LexiconSuggester`] scores a sentence with a small learned model ([`model`], a logistic
//! regression over words, word pairs and the cues of the [`Lexicon`], trained on the train
//! split of `tests/fixtures/suggest/v2/` and stored in `assets/suggest/model-en.json`). The
//! paragraph's named source ("According to the comics, …") is one of its features. It abstains
//! when the evidence is weak (no suggestion beats a wrong "canon"), shows a confidence
//! calibrated on the dev split, and gives the cue words of the chosen tier as reasons. No
//! network: it runs offline in microseconds. The cue-only [`cue_scorer`] is the baseline and
//! the fallback. Both sit behind [`Suggester`].

pub mod cue_scorer;
pub mod evaluation;
pub mod features;
pub mod labelled;
pub mod lexicon;
pub mod model;
pub mod sentences;
pub mod train;

pub use lexicon::{BUILTIN_LEXICON, Lexicon, LexiconError};
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

/// Prepares `context` for the next sentence of a paragraph: a new voice (a transcript speaker
/// label, a forum "Reply:") speaks for itself, so the source the previous voice named no
/// longer applies.
pub fn enter_sentence(context: &mut Context, sentence: &str) {
    if features::starts_new_voice(sentence) {
        *context = Context::default();
    }
}

/// Anything that can suggest a tier for a sentence.
pub trait Suggester {
    fn suggest(&self, sentence: &str, context: &Context) -> Suggestion;
    /// The source a sentence names for the ones after it, if any.
    fn source_of(&self, sentence: &str) -> Option<(String, String)>;
}

/// The scorer the app and the CLI use: the bundled model over the lexicon's cues (with the
/// user's own cues added), or the cue-only scorer if no model is bundled.
#[derive(Debug, Clone)]
pub struct LexiconSuggester {
    pub lexicon: Lexicon,
}

impl LexiconSuggester {
    pub fn builtin() -> Self {
        Self { lexicon: Lexicon::builtin() }
    }

    /// The suggestion of `model` for a sentence.
    pub fn suggest_with(&self, model: &model::LinearModel, sentence: &str, context: &Context) -> Suggestion {
        let features = features::extract(&self.lexicon, sentence, context);
        let probabilities = model.probabilities(&features.values);
        let best = (0..4).max_by(|&a, &b| probabilities[a].total_cmp(&probabilities[b])).unwrap_or(model::NONE);
        let confidence = model.calibration.apply(probabilities[best]);
        if best == model::NONE || confidence < model.min_confidence {
            let housekeeping = best == model::NONE && features.housekeeping_cue;
            return Suggestion { housekeeping, ..Default::default() };
        }
        let tier = model::CLASSES[best].to_owned();
        let mut reasons: Vec<Reason> = features
            .cues
            .into_iter()
            .filter(|m| m.tier == tier)
            .map(|m| Reason { cue: m.cue, tier: m.tier, start: m.start, end: m.end, from_context: false })
            .collect();
        if let Some((source_tier, cue)) = &context.source
            && *source_tier == tier
        {
            reasons.push(Reason { cue: cue.clone(), tier: tier.clone(), start: 0, end: 0, from_context: true });
        }
        Suggestion { tier: Some(tier), confidence, reasons, housekeeping: false }
    }
}

/// A title, heading, byline or caption of an article rather than a sentence: no sentence-final punctuation.
/// Imported articles start with these ("Star Trek: Picard"), and a claim is a sentence; the
/// labelled sets hold sentences only, so the model never learned what a heading looks like.
fn is_heading(text: &str) -> bool {
    let trimmed = text.trim_end();
    !trimmed.is_empty() && !trimmed.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', '…', ':', ';'])
}

/// The suggestion for one sentence of an article: none for a heading, which is not a claim.
/// (Only for whole articles: a selection the user makes in the app may well be part of a
/// sentence, and [`suggest_span`] scores it as it is.)
pub fn suggest_in_article(suggester: &dyn Suggester, sentence: &str, context: &Context) -> Suggestion {
    if is_heading(sentence) { Suggestion::default() } else { suggester.suggest(sentence, context) }
}

impl Suggester for LexiconSuggester {
    fn suggest(&self, sentence: &str, context: &Context) -> Suggestion {
        match model::builtin() {
            Some(model) => self.suggest_with(model, sentence, context),
            None => cue_scorer::CueSuggester { lexicon: self.lexicon.clone() }.suggest(sentence, context),
        }
    }

    fn source_of(&self, sentence: &str) -> Option<(String, String)> {
        cue_scorer::source_of(&self.lexicon, sentence)
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
        enter_sentence(&mut context, &sentence);
        let suggestion = suggest_in_article(suggester, &sentence, &context);
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
        enter_sentence(&mut context, &sentence);
        if let Some(source) = suggester.source_of(&sentence) {
            context.source = Some(source);
        }
    }
    let span: String = chars[start..end].iter().collect();
    enter_sentence(&mut context, &span);
    suggester.suggest(&span, &context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_an_article_get_no_suggestion_but_a_selection_does() {
        let text = "Star Trek: Picard\nIn the episode, Picard met Soji on the Artifact.";
        let suggester = LexiconSuggester::builtin();
        let all = suggest_text(&suggester, text);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].suggestion.tier, None, "a heading is not a claim");
        assert_eq!(all[1].suggestion.tier.as_deref(), Some("canon"));
        let selection = suggest_span(&suggester, text, 18, 50);
        assert_eq!(selection.tier.as_deref(), Some("canon"), "a partial selection is still scored");
    }

    #[test]
    fn production_news_and_housekeeping_are_not_canon() {
        let suggester = LexiconSuggester::builtin();
        for sentence in [
            "Netflix has renewed the series for a third season, with filming to begin in Prague.",
            "Follow us for more news as it breaks.",
        ] {
            let s = suggester.suggest(sentence, &Context::default());
            assert_eq!(s.tier, None, "{sentence}: {s:?}");
        }
        let hedge = suggester.suggest("Fans suspect that Q has one last appearance left in him.", &Context::default());
        assert_eq!(hedge.tier.as_deref(), Some("speculation"));
        assert!(hedge.reasons.iter().any(|r| r.cue == "fans suspect"), "{hedge:?}");
    }

    #[test]
    fn the_paragraph_source_carries_to_the_next_sentence_until_a_new_voice() {
        let suggester = LexiconSuggester::builtin();
        let text = "In this novel, the crew of the Cerritos visits a moon made of glass. Tendi finds a door there that should not exist.";
        let all = suggest_text(&suggester, text);
        assert_eq!(all[1].suggestion.tier.as_deref(), Some("comic-canon"), "{:?}", all[1]);
        assert!(all[1].suggestion.reasons.iter().any(|r| r.from_context));
        let mut context = Context { source: Some(("comic-canon".to_owned(), "the novel".to_owned())) };
        enter_sentence(&mut context, "Reply: lol this thread again.");
        assert_eq!(context, Context::default());
    }
}
