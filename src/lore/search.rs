//! Search everything: article texts, quotes, notes, sources, the glossary and the journal, with
//! filters. [`SearchIndex`] folds every text once (per project revision); each query is then a
//! plain substring scan, fast enough to run on every keystroke of a book-length project.

use std::collections::{BTreeSet, HashSet};

use crate::lore::glossary::NameMatcher;
use crate::lore::spoilers::{HIDDEN_LABEL, HiddenSpans, SpoilerRule};
use crate::model::{CitationKind, Day, Project};

/// Narrows a search. Claim filters (tier, source kind, name, dates, contradictions) leave out
/// hits that are not claims; the article filter applies to everything tied to an article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchFilters {
    /// Only claims of these tiers (`None`: all).
    pub tiers: Option<BTreeSet<String>>,
    /// Only this article (its text, notes and claims).
    pub article: Option<String>,
    /// Only claims with a source of this kind.
    pub citation_kind: Option<CitationKind>,
    /// Only claims whose quote or note mentions this glossary entry (id).
    pub name: Option<String>,
    /// Only claims created on or after this day (`YYYY-MM-DD`; empty: no limit).
    pub from_date: String,
    /// Only claims created on or before this day (`YYYY-MM-DD`; empty: no limit).
    pub to_date: String,
    /// Only claims in an unresolved contradiction.
    pub has_contradictions: bool,
}

impl SearchFilters {
    fn filters_claims(&self) -> bool {
        self.tiers.is_some()
            || self.citation_kind.is_some()
            || self.name.is_some()
            || !self.from_date.is_empty()
            || !self.to_date.is_empty()
            || self.has_contradictions
    }
}

/// Where a hit is. Offsets are code points into the text named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    ArticleText { article: String, start: usize, end: usize },
    ArticleNotes { article: String },
    Quote { claim: String },
    Note { claim: String },
    Citation { claim: String, index: usize },
    Glossary { entry: String },
    Journal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub place: Place,
    /// The text around the match, on one line.
    pub snippet: String,
}

/// Folded copies of every searchable text of one project state.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Per claim, the glossary entries (indices) its quote or note mentions: found on the first
    /// search filtered by name, as most searches never need them.
    claim_names: std::sync::OnceLock<Vec<Vec<usize>>>,
    articles: Vec<Folded>,
    article_notes: Vec<Folded>,
    claims: Vec<ClaimTexts>,
    glossary: Vec<Folded>,
    journal: Folded,
}

#[derive(Debug, Default)]
struct ClaimTexts {
    quote: Folded,
    note: Folded,
    citations: Vec<Folded>,

    open_contradiction: bool,
}

/// A text folded one char to one char (so code-point offsets carry over), with the original.
#[derive(Debug, Default)]
struct Folded {
    original: String,
    folded: String,
    /// Code points → bytes of `original`, so snippets of a long text cost no scan from its start.
    index: crate::text::CharIndex,
}

fn fold_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

impl Folded {
    fn new(text: &str) -> Self {
        Self {
            original: text.to_owned(),
            folded: text.chars().map(fold_char).collect(),
            index: crate::text::CharIndex::new(text),
        }
    }

    /// Code-point ranges of every occurrence of `needle` (already folded), in order.
    fn find_all(&self, needle: &str, limit: usize) -> Vec<(usize, usize)> {
        let needle_chars = needle.chars().count();
        let mut out = Vec::new();
        let (mut counted_bytes, mut counted_chars) = (0, 0);
        let mut from = 0;
        while out.len() < limit {
            let Some(found) = self.folded[from..].find(needle) else { break };
            let byte = from + found;
            counted_chars += self.folded[counted_bytes..byte].chars().count();
            counted_bytes = byte;
            out.push((counted_chars, counted_chars + needle_chars));
            from = byte + needle.len();
        }
        out
    }

    fn contains(&self, needle: &str) -> bool {
        self.folded.contains(needle)
    }

    /// About 80 characters around code points `start..end`, on one line.
    fn snippet(&self, start: usize, end: usize) -> String {
        self.snippet_masked(start, end, None)
    }

    /// [`Self::snippet`] with the hidden words of `mask` blanked out.
    fn snippet_masked(&self, start: usize, end: usize, mask: Option<&HiddenSpans>) -> String {
        let len = self.index.char_len();
        let mut from = start.saturating_sub(30);
        let to = (end + 50).min(len);
        let window = self.index.slice(&self.original, from, to).unwrap_or_default();
        let masked;
        let text = match mask.filter(|m| m.overlaps(from, to)) {
            Some(mask) => {
                let shifted = HiddenSpans {
                    ranges: mask
                        .ranges
                        .iter()
                        .filter(|r| r.end > from && r.start < to)
                        .map(|r| r.start.saturating_sub(from)..(r.end - from).min(to - from))
                        .collect(),
                };
                masked = shifted.mask(window, '█');
                masked.as_str()
            }
            None => window,
        };
        // Start at a word: skip the cut word's tail.
        let mut text = text;
        if from > 0 {
            let skip: usize =
                text.chars().take(start - from).take_while(|c| !c.is_whitespace()).map(char::len_utf8).sum();
            if skip < text.len() && text[..skip].chars().count() < start - from {
                from += text[..skip].chars().count();
                text = &text[skip..];
            }
        }
        let mut snippet = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if from > 0 {
            snippet.insert(0, '…');
        }
        if to < len {
            snippet.push('…');
        }
        snippet
    }

    fn head(&self) -> String {
        self.snippet(0, 0)
    }
}

impl SearchIndex {
    pub fn new(project: &Project) -> Self {
        let contradicted: HashSet<&str> = crate::lore::open_contradictions(project)
            .into_iter()
            .flat_map(|l| [l.from.as_str(), l.to.as_str()])
            .collect();
        let claims = project
            .claims
            .iter()
            .map(|claim| ClaimTexts {
                quote: Folded::new(&claim.anchor.exact),
                note: Folded::new(&claim.note),
                citations: claim.citations.iter().map(|c| Folded::new(&format!("{} {}", c.display(), c.url))).collect(),
                open_contradiction: contradicted.contains(claim.id.as_str()),
            })
            .collect();
        Self {
            claim_names: std::sync::OnceLock::new(),
            articles: project.articles.iter().map(|a| Folded::new(&a.text)).collect(),
            article_notes: project.articles.iter().map(|a| Folded::new(&format!("{}\n{}", a.title, a.notes))).collect(),
            claims,
            glossary: project
                .glossary
                .iter()
                .map(|e| Folded::new(&format!("{} {} {}", e.name, e.aliases.join(" "), e.description)))
                .collect(),
            journal: Folded::new(&project.journal),
        }
    }

    /// [`Self::search_with`] under the spoiler rule of a view that revealed nothing, today.
    pub fn search(&self, project: &Project, query: &str, filters: &SearchFilters, limit: usize) -> Vec<Hit> {
        self.search_with(project, query, filters, limit, &SpoilerRule::on(Day::today_local()))
    }

    /// Up to `limit` hits for `query` (case-insensitive) under `filters`: claims first (quote,
    /// note, sources), then article texts in text order, then notes, glossary and journal.
    /// `project` must be the state the index was built from. What `rule` hides is never in a
    /// snippet: a hidden claim's hit, or an article-text hit on hidden words (a whole spoiler
    /// article's included), reads [`HIDDEN_LABEL`]; hidden words near a shown hit are blanked.
    pub fn search_with(
        &self,
        project: &Project,
        query: &str,
        filters: &SearchFilters,
        limit: usize,
        rule: &SpoilerRule,
    ) -> Vec<Hit> {
        let needle: String = query.trim().chars().map(fold_char).collect();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        let hidden = rule.all_hidden_spans(project);
        let concealed_claims = rule.concealed_claims(project);
        let entry = filters.name.as_ref().and_then(|id| project.glossary.iter().position(|e| &e.id == id));
        let names = filters.name.as_ref().map(|_| {
            self.claim_names.get_or_init(|| {
                let matcher = NameMatcher::new(&project.glossary);
                project
                    .claims
                    .iter()
                    .map(|claim| {
                        let mut names: Vec<usize> =
                            matcher.mentions(&claim.anchor.exact).iter().map(|m| m.entry).collect();
                        names.extend(matcher.mentions(&claim.note).iter().map(|m| m.entry));
                        names.sort_unstable();
                        names.dedup();
                        names
                    })
                    .collect()
            })
        });
        for (i, (claim, texts)) in project.claims.iter().zip(&self.claims).enumerate() {
            if hits.len() >= limit {
                return hits;
            }
            let article_ok = filters.article.as_ref().is_none_or(|a| *a == claim.article);
            let tier_ok = filters.tiers.as_ref().is_none_or(|t| t.contains(&claim.tier));
            let kind_ok = filters.citation_kind.is_none_or(|k| claim.citations.iter().any(|c| c.kind == k));
            let name_ok = names.is_none_or(|names| entry.is_some_and(|e| names.get(i).is_some_and(|n| n.contains(&e))));
            let day = claim.created.get(..10).unwrap_or_default();
            let dates_ok = (filters.from_date.is_empty() || day >= filters.from_date.as_str())
                && (filters.to_date.is_empty() || day <= filters.to_date.as_str());
            let contradiction_ok = !filters.has_contradictions || texts.open_contradiction;
            if !(article_ok && tier_ok && kind_ok && name_ok && dates_ok && contradiction_ok) {
                continue;
            }
            let concealed = concealed_claims.contains(claim.id.as_str());
            let hit_count = hits.len();
            if let Some(&(start, end)) = texts.quote.find_all(&needle, 1).first() {
                hits.push(Hit {
                    place: Place::Quote { claim: claim.id.clone() },
                    snippet: texts.quote.snippet(start, end),
                });
            } else if let Some(&(start, end)) = texts.note.find_all(&needle, 1).first() {
                hits.push(Hit {
                    place: Place::Note { claim: claim.id.clone() },
                    snippet: texts.note.snippet(start, end),
                });
            } else if let Some(index) = texts.citations.iter().position(|c| c.contains(&needle)) {
                let snippet = texts.citations[index].head();
                hits.push(Hit { place: Place::Citation { claim: claim.id.clone(), index }, snippet });
            }
            if concealed && let Some(hit) = hits.get_mut(hit_count) {
                hit.snippet = HIDDEN_LABEL.to_owned();
            }
        }
        if filters.filters_claims() {
            return hits;
        }
        for (article, text) in project.articles.iter().zip(&self.articles) {
            if filters.article.as_ref().is_some_and(|a| *a != article.id) {
                continue;
            }
            let spans = hidden.get(article.id.as_str());
            for (start, end) in text.find_all(&needle, limit.saturating_sub(hits.len())) {
                let place = Place::ArticleText { article: article.id.clone(), start, end };
                let snippet = if spans.is_some_and(|s| s.overlaps(start, end)) {
                    HIDDEN_LABEL.to_owned()
                } else {
                    text.snippet_masked(start, end, spans)
                };
                hits.push(Hit { place, snippet });
            }
        }
        for (article, notes) in project.articles.iter().zip(&self.article_notes) {
            if filters.article.as_ref().is_none_or(|a| *a == article.id) && notes.contains(&needle) {
                hits.push(Hit { place: Place::ArticleNotes { article: article.id.clone() }, snippet: notes.head() });
            }
        }
        if filters.article.is_none() {
            for (entry, text) in project.glossary.iter().zip(&self.glossary) {
                if text.contains(&needle) {
                    hits.push(Hit { place: Place::Glossary { entry: entry.id.clone() }, snippet: text.head() });
                }
            }
            if let Some(&(start, end)) = self.journal.find_all(&needle, 1).first() {
                hits.push(Hit { place: Place::Journal, snippet: self.journal.snippet(start, end) });
            }
        }
        hits.truncate(limit);
        hits
    }
}
