//! The cue-only scorer: each cue found adds its weight to its tier, the paragraph's named
//! source adds its own, and the best tier wins above a threshold. Unlike the first version it
//! abstains when there is no cue: a sentence with no evidence gets no suggestion rather than
//! "canon". It is the baseline the learned model must beat on dev, and the fallback if the
//! bundled model were ever missing.

use super::lexicon::{Lexicon, normalise};
use super::{Context, Reason, Suggester, Suggestion};

/// Minimum score for a suggestion.
const THRESHOLD: f32 = 1.5;
/// Weight of the paragraph's named source.
const CONTEXT_WEIGHT: f32 = 1.6;

/// The cue-only scorer.
#[derive(Debug, Clone)]
pub struct CueSuggester {
    pub lexicon: Lexicon,
}

impl Suggester for CueSuggester {
    fn suggest(&self, sentence: &str, context: &Context) -> Suggestion {
        let chars: Vec<char> = normalise(sentence).chars().collect();
        if !self.lexicon.no_lore_matches(&chars).is_empty() {
            return Suggestion { housekeeping: true, ..Default::default() };
        }
        let mut scores: std::collections::BTreeMap<String, f32> = std::collections::BTreeMap::new();
        let mut reasons = Vec::new();
        for m in self.lexicon.sentence_matches(&chars) {
            *scores.entry(m.tier.clone()).or_default() += m.weight;
            reasons.push(Reason { cue: m.cue, tier: m.tier, start: m.start, end: m.end, from_context: false });
        }
        if let Some((tier, cue)) = &context.source {
            *scores.entry(tier.clone()).or_default() += CONTEXT_WEIGHT;
            reasons.push(Reason { cue: cue.clone(), tier: tier.clone(), start: 0, end: 0, from_context: true });
        }
        let total: f32 = scores.values().sum();
        match scores.into_iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
            Some((tier, score)) if score >= THRESHOLD => {
                reasons.retain(|r| r.tier == tier);
                let confidence = (score / (total + 1.0)).clamp(0.0, 1.0);
                Suggestion { tier: Some(tier), confidence, reasons, housekeeping: false }
            }
            _ => Suggestion::default(),
        }
    }

    fn source_of(&self, sentence: &str) -> Option<(String, String)> {
        source_of(&self.lexicon, sentence)
    }
}

/// The strongest source cue a sentence names, as (tier, cue).
pub fn source_of(lexicon: &Lexicon, sentence: &str) -> Option<(String, String)> {
    let chars: Vec<char> = normalise(sentence).chars().collect();
    lexicon.source_matches(&chars).into_iter().max_by(|a, b| a.weight.total_cmp(&b.weight)).map(|m| (m.tier, m.cue))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_cue_means_no_suggestion() {
        let scorer = CueSuggester { lexicon: Lexicon::builtin() };
        let s = scorer.suggest("The showrunner Alex Kurtzman leaves in 2027.", &Context::default());
        assert_eq!(s.tier, None);
    }
}
