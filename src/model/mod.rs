//! The project model: plain data, serialisable, with no knowledge of files or the UI.
//!
//! Every struct keeps the JSON fields it does not know in `extra`, so a file written by a newer
//! Canonry survives being opened and saved by this one (forward compatibility).

mod anchor;
mod claim;
mod conflict;
mod date;
mod extra_fields;
mod lore;
mod source;
mod tier;

use extra_fields::deserialize_keeping_extra;

pub use anchor::{Anchor, AnchorStatus, QUOTE_CONTEXT_CHARS};
pub use claim::{Citation, CitationKind, Claim, TierChange};
pub use conflict::{DELETED_FIELD, MergeConflict, object_kind};
pub use date::{Day, DayError};
pub use lore::{
    ClaimLink, GlossaryEntry, InUniverseTime, LinkKind, NAME_KINDS, Spoiler, in_universe_sort_key, spoiler_active,
    spoiler_date_warnings,
};
pub use source::{SourceSegment, citations_for};
pub use tier::{Tier, TierCue, TierError};

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

use crate::text::{CharIndex, content_hash, normalize_article_text};

/// Today's date in the user's local time zone, `YYYY-MM-DD` (spoiler end dates are judged on
/// it: a mark "until 2026-12-25" ends at local midnight, not at midnight UTC).
pub fn today() -> String {
    Day::today_local().to_string()
}

/// Unknown JSON fields, kept in sorted order so saving stays deterministic.
pub type ExtraFields = BTreeMap<String, Value>;

/// A Canonry project: everything in one `.canonry` file.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Project {
    pub title: String,
    /// Free Markdown notes about the whole project.
    #[serde(default)]
    pub journal: String,
    /// Ordered: the order is the order of the legend, the exports and the shortcut keys.
    #[serde(default = "Tier::builtin")]
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub articles: Vec<Article>,
    /// Claims in a stable order: by article, then by creation.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Relations between claims (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ClaimLink>,
    /// Names of the universe (format 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryEntry>,
    /// Merge conflicts waiting to be resolved (format 1.2). Last, so a conflict's lines never
    /// sit among the claims' lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<MergeConflict>,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

/// An article the user reads and annotates.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Article {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// As the source gives it (free form, usually `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub published: String,
    /// RFC 3339 time the text was imported.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub retrieved: String,
    /// Normalised once at import (NFC, `\n` line ends); never changed afterwards.
    pub text: String,
    /// `sha256:` hash of `text`, used to match articles across projects.
    #[serde(default)]
    pub content_hash: String,
    /// The article's own Markdown notes.
    #[serde(default)]
    pub notes: String,
    /// Links the article made (from Markdown or web pages), kept apart from its text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ArticleLink>,
    /// The whole article is a spoiler (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoiler: Option<Spoiler>,
    /// The work the text is (format 1.2): an episode ("Star Trek: Picard", "S1E10") or a novel.
    /// Claims get it as a citation, with the detail of the segment they fall in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_source: Option<Citation>,
    /// Pieces of the text and where they come from, in text order (format 1.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_segments: Vec<SourceSegment>,
    /// The text's licence, shown in every export of it ("CC BY-SA 3.0" for fan wikis).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub licence: String,
    /// The tier the source suggests for claims in it (an episode is canon; a wiki page may be
    /// marked Legends). A tier id; only a suggestion, never applied by itself.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suggested_tier: String,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

/// A link an article made: its text and target.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ArticleLink {
    pub text: String,
    pub url: String,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(ArticleLink {
    required: url;
    defaulted: text = String::new(),
});

deserialize_keeping_extra!(Project {
    required: title;
    defaulted: journal = String::new(), tiers = Tier::builtin(), articles = Vec::new(), claims = Vec::new(),
        links = Vec::new(), glossary = Vec::new(), conflicts = Vec::new(),
});

deserialize_keeping_extra!(Article {
    required: id, title, text;
    defaulted: source_url = String::new(), author = String::new(), published = String::new(),
        retrieved = String::new(), content_hash = String::new(), notes = String::new(), links = Vec::new(),
        spoiler = None, primary_source = None, source_segments = Vec::new(), licence = String::new(),
        suggested_tier = String::new(),
});

impl Article {
    /// A new article from raw text, normalising the text and computing its hash.
    pub fn new(title: &str, raw_text: &str) -> Self {
        let text = normalize_article_text(raw_text);
        Self {
            id: new_id(),
            title: title.trim().to_owned(),
            source_url: String::new(),
            author: String::new(),
            published: String::new(),
            retrieved: now_rfc3339(),
            content_hash: content_hash(text.as_bytes()),
            text,
            notes: String::new(),
            links: Vec::new(),
            spoiler: None,
            primary_source: None,
            source_segments: Vec::new(),
            licence: String::new(),
            suggested_tier: String::new(),
            extra: ExtraFields::new(),
        }
    }

    /// The citations a claim on code points `start..end` gets from where the text came from.
    pub fn citations_for(&self, start: usize, end: usize) -> Vec<Citation> {
        citations_for(self.primary_source.as_ref(), &self.source_segments, start, end)
    }
}

impl Project {
    /// An empty project with the three built-in tiers.
    pub fn new(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            journal: String::new(),
            tiers: Tier::builtin(),
            articles: Vec::new(),
            claims: Vec::new(),
            links: Vec::new(),
            glossary: Vec::new(),
            conflicts: Vec::new(),
            extra: ExtraFields::new(),
        }
    }

    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    pub fn article_mut(&mut self, id: &str) -> Option<&mut Article> {
        self.articles.iter_mut().find(|a| a.id == id)
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn claim_mut(&mut self, id: &str) -> Option<&mut Claim> {
        self.claims.iter_mut().find(|c| c.id == id)
    }

    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id == id)
    }

    pub fn claims_of<'p>(&'p self, article_id: &'p str) -> impl Iterator<Item = &'p Claim> + 'p {
        self.claims.iter().filter(move |c| c.article == article_id)
    }

    /// Adds a claim on `article_id` covering code points `start..end` of its text.
    /// Returns the new claim's id, or `None` when the article or tier is unknown or the range is
    /// empty or out of bounds.
    pub fn add_claim(&mut self, article_id: &str, start: usize, end: usize, tier: &str) -> Option<String> {
        let claim = self.new_claim(article_id, start, end, tier)?;
        let id = claim.id.clone();
        self.claims.push(claim);
        self.sort_claims();
        Some(id)
    }

    /// A claim on code points `start..end` of an article, not yet added. `None` when the article
    /// or tier is unknown, or the range is out of bounds or only whitespace.
    pub fn new_claim(&self, article_id: &str, start: usize, end: usize, tier: &str) -> Option<Claim> {
        self.tier(tier)?;
        let article = self.article(article_id)?;
        let anchor = Anchor::from_range(&article.text, &CharIndex::new(&article.text), start, end)?;
        if anchor.exact.trim().is_empty() {
            return None;
        }
        let mut claim = Claim::new(article_id, anchor, tier);
        // Tagged in an episode, novel or wiki page: the source is already known.
        claim.citations = article.citations_for(start, end);
        Some(claim)
    }

    /// Keeps claims in the stable file order: articles in project order, then by creation time
    /// and id (UUID v7 ids sort by creation too).
    pub fn sort_claims(&mut self) {
        let order: BTreeMap<&str, usize> = self.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
        let mut claims = std::mem::take(&mut self.claims);
        claims.sort_by(|a, b| {
            let oa = order.get(a.article.as_str()).copied().unwrap_or(usize::MAX);
            let ob = order.get(b.article.as_str()).copied().unwrap_or(usize::MAX);
            (oa, &a.created, &a.id).cmp(&(ob, &b.created, &b.id))
        });
        self.claims = claims;
    }

    /// Changes a claim's tier, recording the change in its history. No-op when unchanged.
    pub fn retag_claim(&mut self, claim_id: &str, tier: &str, why: &str) -> bool {
        if self.tier(tier).is_none() {
            return false;
        }
        self.claim_mut(claim_id).is_some_and(|claim| claim.retag(tier, why))
    }

    pub fn remove_claim(&mut self, claim_id: &str) -> Option<Claim> {
        let index = self.claims.iter().position(|c| c.id == claim_id)?;
        Some(self.claims.remove(index))
    }

    /// Removes an article and its claims.
    pub fn remove_article(&mut self, article_id: &str) -> Option<(Article, Vec<Claim>)> {
        let index = self.articles.iter().position(|a| a.id == article_id)?;
        let article = self.articles.remove(index);
        let (removed, kept) = std::mem::take(&mut self.claims).into_iter().partition(|c| c.article == article_id);
        self.claims = kept;
        Some((article, removed))
    }

    /// Re-checks every anchor against its article's text: offsets first, then an exact search
    /// for the quote, else the claim is marked orphaned. Returns how many claims changed.
    pub fn reanchor_all(&mut self) -> usize {
        let mut changed = 0;
        for article in &self.articles {
            let index = CharIndex::new(&article.text);
            for claim in self.claims.iter_mut().filter(|c| c.article == article.id) {
                if claim.anchor.relocate(&article.text, &index) {
                    changed += 1;
                }
            }
        }
        changed
    }

    /// Number of claims per tier id, in tier order, plus claims whose tier is unknown.
    pub fn tier_counts<'p>(&'p self, claims: impl Iterator<Item = &'p Claim>) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = self.tiers.iter().map(|t| (t.id.clone(), 0)).collect();
        for claim in claims {
            match counts.iter_mut().find(|(id, _)| *id == claim.tier) {
                Some((_, n)) => *n += 1,
                None => counts.push((claim.tier.clone(), 1)),
            }
        }
        counts
    }
}

/// A new stable id: a UUID v7, which sorts by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time as RFC 3339 in UTC, to the second (e.g. `2026-11-26T01:02:03Z`).
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}
