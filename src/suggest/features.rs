//! What the learned model sees of a sentence: its words and word pairs (names and numbers
//! folded into placeholders so the model learns wording, not franchises), the lexicon's cues
//! per tier, real-world and housekeeping phrases, the paragraph's named source, and its shape
//! (a question, a speaker label).

use super::Context;
use super::lexicon::{CueMatch, Lexicon, normalise};

/// Placeholder for a capitalised word after the first one: a name.
const NAME: &str = "<name>";
/// Placeholder for a word with a digit: a year, a season, a stardate.
const NUMBER: &str = "<num>";
/// Cue weights are summed per tier and capped, so one long sentence of cues does not dominate.
const CUE_CAP: f32 = 4.0;

/// The features of one sentence and the cues behind them.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    /// (name, value); a name appears once.
    pub values: Vec<(String, f32)>,
    /// Tier cues found in the sentence (shown as reasons).
    pub cues: Vec<CueMatch>,
    /// Whether a housekeeping phrase was found.
    pub housekeeping_cue: bool,
}

/// The features of `sentence` read with its paragraph's `context`.
pub fn extract(lexicon: &Lexicon, sentence: &str, context: &Context) -> SentenceFeatures {
    let (speaker, body) = strip_speaker(sentence);
    // Cues are matched on the whole sentence so their ranges are the sentence's own.
    let chars: Vec<char> = normalise(sentence).chars().collect();
    let mut values: Vec<(String, f32)> = vec![("bias".to_owned(), 1.0)];
    let mut push = |name: String, value: f32| {
        if !values.iter().any(|(n, _)| *n == name) {
            values.push((name, value));
        }
    };
    let tokens = tokens(body);
    let mut previous = "^".to_owned();
    for token in &tokens {
        push(format!("w:{token}"), 1.0);
        push(format!("b:{previous} {token}"), 1.0);
        previous.clone_from(token);
    }
    if body.trim_end().ends_with('?') {
        push("shape:question".to_owned(), 1.0);
    }
    if speaker {
        push("shape:speaker".to_owned(), 1.0);
    }
    if has_lore_signal(body) {
        push("shape:names-something".to_owned(), 1.0);
    }
    let cues = lexicon.sentence_matches(&chars);
    let mut per_tier: std::collections::BTreeMap<&str, f32> = std::collections::BTreeMap::new();
    for cue in &cues {
        *per_tier.entry(cue.tier.as_str()).or_default() += cue.weight;
    }
    for (tier, weight) in per_tier {
        push(format!("cue:{tier}"), weight.min(CUE_CAP) / 2.0);
    }
    for source in lexicon.source_matches(&chars) {
        push(format!("source:{}", source.tier), 1.0);
    }
    let real_world = lexicon.real_world_matches(&chars).len();
    if real_world > 0 {
        push("real-world".to_owned(), (real_world as f32).min(3.0));
    }
    let housekeeping_cue = !lexicon.no_lore_matches(&chars).is_empty();
    if housekeeping_cue {
        push("housekeeping".to_owned(), 1.0);
    }
    let own_cue = !cues.is_empty();
    if let Some((tier, _)) = &context.source {
        push(format!("context:{tier}"), 1.0);
        // The paragraph's source speaks for a sentence that names none of its own.
        if !own_cue {
            push(format!("context-only:{tier}"), 2.0);
        }
    }
    // A bare statement: no tier cue, nothing about the making of the work, no housekeeping.
    if !own_cue && real_world == 0 && !housekeeping_cue {
        push("shape:bare".to_owned(), 1.0);
    }
    SentenceFeatures { values, cues, housekeeping_cue }
}

/// Whether a sentence opens with a speaker label or a forum "Reply:".
pub fn starts_new_voice(sentence: &str) -> bool {
    strip_speaker(sentence).0
}

/// Drops a transcript speaker label ("HOST:", "HEAD WRITER:") or a forum "Reply:" prefix,
/// and says whether there was one.
fn strip_speaker(sentence: &str) -> (bool, &str) {
    let trimmed = sentence.trim_start();
    if let Some((label, rest)) = trimmed.split_once(':') {
        let letters = label.chars().filter(|c| c.is_alphabetic());
        let is_label = !label.is_empty()
            && label.chars().count() <= 24
            && label.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
            && (letters.clone().all(char::is_uppercase) || label.eq_ignore_ascii_case("reply"));
        if is_label {
            return (true, rest.trim_start());
        }
    }
    (false, trimmed)
}

/// Lowercase words; a capitalised word after the first becomes [`NAME`], one with a digit
/// [`NUMBER`]. "I" stays a pronoun.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (index, raw) in text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let word = raw.trim_matches(|c: char| matches!(c, '\'' | '’' | '-'));
        if word.is_empty() {
            continue;
        }
        let token = if word.chars().any(|c| c.is_ascii_digit()) {
            NUMBER.to_owned()
        } else if index > 0 && word != "I" && word.chars().next().is_some_and(char::is_uppercase) {
            NAME.to_owned()
        } else {
            normalise(word)
        };
        out.push(token);
    }
    out
}

/// Whether a sentence talks about something in particular: a capitalised name after its first
/// word, or a number (a year, a stardate, an episode).
pub fn has_lore_signal(sentence: &str) -> bool {
    let mut words = sentence.split_whitespace();
    words.next();
    words.any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(|c| c.is_uppercase()) && w != "I" || w.chars().any(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sentence: &str, context: &Context) -> Vec<String> {
        extract(&Lexicon::builtin(), sentence, context).values.into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn names_and_numbers_become_placeholders() {
        let f = names("In 2552 the Covenant glassed Reach.", &Context::default());
        assert!(f.contains(&"w:<num>".to_owned()) && f.contains(&"w:<name>".to_owned()));
        assert!(!f.iter().any(|n| n.contains("covenant")));
    }

    #[test]
    fn speaker_labels_questions_and_context_are_features() {
        let context = Context { source: Some(("comic-canon".to_owned(), "the novel".to_owned())) };
        let f = names("HOST: Will Geralt appear at all?", &context);
        for expected in ["shape:speaker", "shape:question", "context:comic-canon"] {
            assert!(f.contains(&expected.to_owned()), "{expected} in {f:?}");
        }
        assert!(!f.iter().any(|n| n.contains("host")));
    }
}
