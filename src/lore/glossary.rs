//! Finding glossary names in text, and proposing new ones.
//!
//! Matching is by whole words, ignoring case (Unicode simple case folding, one char to one char
//! so offsets stay code-point offsets), and accepts a possessive after the name ("Picard's",
//! "Picard’s", "the Romulans'"). One pass over the text: at each word start, only the terms
//! beginning with that word are tried, so a book-length article with hundreds of names is cheap.

use std::collections::{BTreeMap, HashMap};

use crate::model::{GlossaryEntry, Project};

/// Where a glossary entry is mentioned: code points `start..end` of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
}

/// The glossary's names and aliases, ready to be found in texts.
#[derive(Debug, Default)]
pub struct NameMatcher {
    /// First word of a term (folded) → (term chars folded, entry index), longest terms first.
    by_first_word: HashMap<Vec<char>, Vec<(Vec<char>, usize)>>,
}

fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

impl NameMatcher {
    pub fn new(glossary: &[GlossaryEntry]) -> Self {
        let mut by_first_word: HashMap<Vec<char>, Vec<(Vec<char>, usize)>> = HashMap::new();
        for (index, entry) in glossary.iter().enumerate() {
            for term in entry.terms() {
                let folded: Vec<char> = term.trim().chars().map(fold).collect();
                let first: Vec<char> = folded.iter().copied().take_while(|&c| is_word(c)).collect();
                if first.is_empty() {
                    continue;
                }
                by_first_word.entry(first).or_default().push((folded, index));
            }
        }
        for candidates in by_first_word.values_mut() {
            candidates.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        }
        Self { by_first_word }
    }

    pub fn is_empty(&self) -> bool {
        self.by_first_word.is_empty()
    }

    /// Every mention in `text`, in text order; where terms overlap the longest wins.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        if self.is_empty() {
            return Vec::new();
        }
        let chars: Vec<char> = text.chars().map(fold).collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !is_word(chars[i]) || (i > 0 && is_word(chars[i - 1])) {
                i += 1;
                continue;
            }
            let word_end = i + chars[i..].iter().take_while(|&&c| is_word(c)).count();
            let matched = self.by_first_word.get(&chars[i..word_end]).and_then(|candidates| {
                candidates.iter().find(|(term, _)| {
                    let end = i + term.len();
                    end <= chars.len() && chars[i..end] == term[..] && chars.get(end).is_none_or(|&c| !is_word(c))
                })
            });
            match matched {
                Some((term, entry)) => {
                    found.push(Mention { entry: *entry, start: i, end: i + term.len() });
                    i += term.len();
                }
                None => i = word_end,
            }
        }
        found
    }

    /// Whether `text` mentions the entry at `entry`.
    pub fn mentions_entry(&self, text: &str, entry: usize) -> bool {
        self.mentions(text).iter().any(|m| m.entry == entry)
    }
}

/// Claims (indices into `project.claims`) whose quote or note mentions each glossary entry.
pub fn claims_mentioning(project: &Project, matcher: &NameMatcher) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); project.glossary.len()];
    for (index, claim) in project.claims.iter().enumerate() {
        let mut entries: Vec<usize> = matcher.mentions(&claim.anchor.exact).iter().map(|m| m.entry).collect();
        entries.extend(matcher.mentions(&claim.note).iter().map(|m| m.entry));
        entries.sort_unstable();
        entries.dedup();
        for entry in entries {
            out[entry].push(index);
        }
    }
    out
}

/// A name Canonry noticed in the claims, for the user to accept into the glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub name: String,
    /// How many claims' quotes mention it.
    pub claims: usize,
}

/// Words that start sentences or headings capitalised without being names.
const NOT_NAMES: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "if",
    "in",
    "on",
    "at",
    "of",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "is",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "what",
    "when",
    "where",
    "who",
    "why",
    "how",
    "there",
    "here",
    "then",
    "so",
    "some",
    "according",
    "season",
    "episode",
    "chapter",
    "part",
    "after",
    "before",
    "while",
    "although",
    "however",
    "also",
    "not",
    "no",
    "yes",
    "rumour",
    "rumor",
    "rumours",
    "rumors",
    "fans",
    "one",
    "two",
    "three",
    "both",
    "all",
    "every",
    "many",
    "most",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "did",
    "does",
    "was",
    "were",
    "has",
    "have",
    "had",
    "be",
    "been",
    "mr",
    "mrs",
    "ms",
    "dr",
];

/// Capitalised phrases (one to four capitalised words, "of"/"the" allowed inside) that appear in
/// at least `min_claims` claims' quotes and are not already glossary names or aliases. Most
/// frequent first.
pub fn propose_names(project: &Project, min_claims: usize) -> Vec<Proposal> {
    let known = NameMatcher::new(&project.glossary);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for claim in &project.claims {
        let mut in_claim: Vec<String> = capitalised_phrases(&claim.anchor.exact);
        in_claim.sort();
        in_claim.dedup();
        for phrase in in_claim {
            if known.mentions(&phrase).iter().any(|m| m.start == 0 && m.end == phrase.chars().count()) {
                continue;
            }
            *counts.entry(phrase).or_default() += 1;
        }
    }
    let mut proposals: Vec<Proposal> =
        counts.into_iter().filter(|(_, n)| *n >= min_claims).map(|(name, claims)| Proposal { name, claims }).collect();
    proposals.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.name.cmp(&b.name)));
    proposals
}

/// Capitalised phrases of a text, possessives stripped ("Picard's" → "Picard").
fn capitalised_phrases(text: &str) -> Vec<String> {
    let mut phrases = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, phrases: &mut Vec<String>| {
        while current.last().is_some_and(|w| is_connector(w)) {
            current.pop();
        }
        while current.first().is_some_and(|w| NOT_NAMES.contains(&w.to_lowercase().as_str())) {
            current.remove(0);
        }
        if !current.is_empty() {
            phrases.push(current.join(" "));
        }
        current.clear();
    };
    for raw in text.split_whitespace() {
        let ends_clause = raw.ends_with(['.', ',', ';', ':', '!', '?', ')', '"', '”']);
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’');
        let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
        let word = word.trim_end_matches(['\'', '’']);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() > 1;
        let continues = (capitalised && current.len() < 4) || (is_connector(word) && (1..3).contains(&current.len()));
        if continues {
            current.push(word);
        } else {
            flush(&mut current, &mut phrases);
            if capitalised {
                current.push(word);
            }
        }
        if ends_clause {
            flush(&mut current, &mut phrases);
        }
    }
    flush(&mut current, &mut phrases);
    phrases
}

fn is_connector(word: &str) -> bool {
    matches!(word, "of" | "the")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GlossaryEntry;

    fn entry(name: &str, aliases: &[&str]) -> GlossaryEntry {
        let mut e = GlossaryEntry::new(name, "character");
        e.aliases = aliases.iter().map(|a| a.to_string()).collect();
        e
    }

    fn found(matcher: &NameMatcher, text: &str) -> Vec<(usize, String)> {
        matcher
            .mentions(text)
            .iter()
            .map(|m| (m.entry, text.chars().skip(m.start).take(m.end - m.start).collect()))
            .collect()
    }

    #[test]
    fn matches_names_and_aliases_ignoring_case_with_possessives() {
        let glossary = [
            entry("Jean-Luc Picard", &["Picard", "Jean-Luc", "the Admiral"]),
            entry("Romulan Star Empire", &["Romulans"]),
        ];
        let matcher = NameMatcher::new(&glossary);
        assert_eq!(
            found(&matcher, "Picard's plan: THE ADMIRAL met Jean-Luc Picard’s crew and the Romulans' envoy."),
            [(0, "Picard".into()), (0, "THE ADMIRAL".into()), (0, "Jean-Luc Picard".into()), (1, "Romulans".into())]
        );
        // Whole words only.
        assert!(found(&matcher, "Picardy and Romulansk").is_empty());
    }

    #[test]
    fn offsets_are_code_points_in_unicode_text() {
        let matcher = NameMatcher::new(&[entry("Ælfrida Ōkami", &["Ōkami"])]);
        let text = "🖖 Der Kapitän traf ÆLFRIDA ŌKAMI; ōkami lächelte.";
        let mentions = matcher.mentions(text);
        assert_eq!(mentions.len(), 2);
        let chars: Vec<char> = text.chars().collect();
        let first: String = chars[mentions[0].start..mentions[0].end].iter().collect();
        assert_eq!(first, "ÆLFRIDA ŌKAMI");
        let second: String = chars[mentions[1].start..mentions[1].end].iter().collect();
        assert_eq!(second, "ōkami");
    }

    #[test]
    fn proposes_capitalised_names_repeated_across_claims() {
        let mut project = crate::model::Project::new("t");
        let article = crate::model::Article::new(
            "a",
            "Admiral Picard left Starfleet. The Romulan Star Empire fell. Picard's ship, La Sirena, flew. \
             The Romulan Star Empire was gone; La Sirena docked.",
        );
        let id = article.id.clone();
        let text = article.text.clone();
        project.articles.push(article);
        for sentence in text.split(". ") {
            let start = text.find(sentence).map(|b| text[..b].chars().count()).unwrap_or(0);
            project.add_claim(&id, start, start + sentence.chars().count(), "canon");
        }
        let names: Vec<String> = propose_names(&project, 2).into_iter().map(|p| p.name).collect();
        assert!(names.contains(&"La Sirena".to_string()), "{names:?}");
        assert!(names.contains(&"Romulan Star Empire".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n == "The"), "{names:?}");

        project.glossary.push(entry("La Sirena", &[]));
        let names: Vec<String> = propose_names(&project, 2).into_iter().map(|p| p.name).collect();
        assert!(!names.contains(&"La Sirena".to_string()), "accepted names are not proposed again");
    }
}
