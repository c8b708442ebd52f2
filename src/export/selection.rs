//! What one export holds, decided once with the one spoiler rule: the articles, the claims,
//! which words of each article are spoilers (cut when leaving spoilers out, covered otherwise),
//! and which exported claims must sit behind a cover.

use std::collections::{HashMap, HashSet};

use super::ExportOptions;
use super::redact::Redacted;
use crate::lore::spoilers::{HiddenSpans, SpoilerRule};
use crate::model::{Article, Claim, Project};

/// The export's content, built once per export.
pub struct Selection<'p> {
    pub project: &'p Project,
    pub options: &'p ExportOptions,
    rule: SpoilerRule<'static>,
    articles: Vec<&'p Article>,
    /// Per exported article: the spoiler words (widened to sentences when they are left out).
    spans: HashMap<&'p str, HiddenSpans>,
    claims: HashSet<&'p str>,
    covered: HashSet<&'p str>,
}

impl<'p> Selection<'p> {
    pub fn new(project: &'p Project, options: &'p ExportOptions) -> Self {
        let rule = SpoilerRule::on(options.today);
        let leave_out = options.leaves_out_spoilers();
        let articles: Vec<&Article> = project
            .articles
            .iter()
            .filter(|a| options.article.as_ref().is_none_or(|id| *id == a.id))
            .filter(|a| !(leave_out && rule.article_hidden(a)))
            .collect();
        // One pass over the claims for every article's spoiler words (a per-article scan would
        // be quadratic on big projects).
        let mut all_spans = rule.all_hidden_spans(project);
        let spans: HashMap<&str, HiddenSpans> = articles
            .iter()
            .map(|a| {
                let spans = all_spans.remove(a.id.as_str()).unwrap_or_default();
                let spans = if leave_out && !spans.is_empty() {
                    spans.widened_to(&crate::suggest::sentences::sentences(&a.text))
                } else {
                    spans
                };
                (a.id.as_str(), spans)
            })
            .collect();
        let hidden_articles: HashSet<&str> =
            articles.iter().filter(|a| rule.article_hidden(a)).map(|a| a.id.as_str()).collect();
        let mut claims = HashSet::new();
        let mut covered = HashSet::new();
        for claim in &project.claims {
            let Some(article_spans) = spans.get(claim.article.as_str()) else { continue };
            if !options.includes_tier(&claim.tier) {
                continue;
            }
            let concealed = rule.claim_hidden_given(claim, hidden_articles.contains(claim.article.as_str()))
                || (!claim.anchor.is_orphaned() && article_spans.overlaps(claim.anchor.start, claim.anchor.end));
            if concealed && leave_out {
                continue;
            }
            claims.insert(claim.id.as_str());
            if concealed {
                covered.insert(claim.id.as_str());
            }
        }
        Self { project, options, rule, articles, spans, claims, covered }
    }

    /// The exported articles, in project order.
    pub fn articles(&self) -> &[&'p Article] {
        &self.articles
    }

    /// Whether the claim is exported.
    pub fn includes(&self, claim: &Claim) -> bool {
        self.claims.contains(claim.id.as_str())
    }

    /// Whether an exported claim is a spoiler shown only behind a cover (never when leaving
    /// spoilers out: those are not exported at all).
    pub fn covered(&self, claim: &Claim) -> bool {
        self.covered.contains(claim.id.as_str())
    }

    /// Whether the article's whole text is a spoiler shown behind a cover.
    pub fn article_covered(&self, article: &Article) -> bool {
        !self.options.leaves_out_spoilers() && self.rule.article_hidden(article)
    }

    /// The spoiler words of an exported article: cut (whole sentences) when spoilers are left
    /// out, covered otherwise.
    pub fn spans(&self, article: &Article) -> &HiddenSpans {
        static NONE: HiddenSpans = HiddenSpans { ranges: Vec::new() };
        self.spans.get(article.id.as_str()).unwrap_or(&NONE)
    }

    /// The article's text as exported: spoiler sentences cut when spoilers are left out.
    pub fn text(&self, article: &Article) -> Redacted {
        let none = HiddenSpans::default();
        Redacted::new(&article.text, if self.options.leaves_out_spoilers() { self.spans(article) } else { &none })
    }

    /// The exported claims of an article, in text order (orphans last).
    pub fn claims(&self, article: &str) -> Vec<&'p Claim> {
        let mut claims: Vec<&Claim> =
            self.project.claims.iter().filter(|c| c.article == article && self.includes(c)).collect();
        claims.sort_by_key(|c| (c.anchor.is_orphaned(), c.anchor.start, c.anchor.end));
        claims
    }

    /// A claim's first words for a cross-reference, or a placeholder for a covered spoiler.
    pub fn mention(&self, claim: &Claim) -> String {
        if self.covered(claim) { crate::lore::spoilers::HIDDEN_LABEL.to_owned() } else { super::first_words(claim) }
    }
}
