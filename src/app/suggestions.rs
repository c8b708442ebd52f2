//! The tier suggester, with the user's own cues, and the suggestion for the words selected in
//! the reader (computed once per selection, not per frame).

use crate::model::Project;
use crate::suggest::{Lexicon, LexiconSuggester, Suggestion};
use crate::text::CharIndex;

/// A selection (article, start, end in code points), its suggestion and its words.
#[derive(Debug, Clone)]
pub struct SelectionSuggestion {
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub suggestion: Suggestion,
    pub text: String,
}

pub struct Suggestions {
    pub suggester: LexiconSuggester,
    current: Option<SelectionSuggestion>,
}

impl Default for Suggestions {
    fn default() -> Self {
        Self { suggester: LexiconSuggester::builtin(), current: None }
    }
}

impl Suggestions {
    /// The built-in cue lexicon plus the user's own cues (tier id -> one phrase a line).
    pub fn rebuild(&mut self, user_cues: &std::collections::BTreeMap<String, String>) {
        let mut lexicon = Lexicon::builtin();
        for (tier, lines) in user_cues {
            lexicon.add_user_cues(tier, lines);
        }
        self.suggester = LexiconSuggester { lexicon };
        self.current = None;
    }

    /// The suggestion for `selection` (article, start, end), recomputed only when it changes.
    pub fn for_selection(
        &mut self,
        project: &Project,
        selection: Option<(String, usize, usize)>,
    ) -> Option<&SelectionSuggestion> {
        let (article, start, end) = selection?;
        let fresh = self.current.as_ref().is_some_and(|c| c.article == article && c.start == start && c.end == end);
        if !fresh {
            let text = &project.article(&article)?.text;
            let suggestion = crate::suggest::suggest_span(&self.suggester, text, start, end);
            let words = CharIndex::new(text).slice(text, start, end).unwrap_or_default().to_owned();
            self.current = Some(SelectionSuggestion { article, start, end, suggestion, text: words });
        }
        self.current.as_ref()
    }
}
