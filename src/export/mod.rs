//! Exports to share notes: Markdown (fan-wiki style), self-contained HTML, W3C Web Annotation
//! JSON-LD, CSV, and share bundles (a subset of the project file).
//!
//! Every exporter takes the same [`ExportOptions`] and is deterministic: the same project and
//! options give the same bytes (no timestamps of the export itself), so golden tests can pin them.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod vault;
pub mod w3c;

use std::collections::HashMap;

use crate::model::{Article, Claim, Project, Tier};
use crate::storage::{CURRENT_VERSION, serialize_project};

/// The formats, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    W3c,
    Csv,
    Bundle,
}

impl Format {
    pub const ALL: [Format; 5] = [Self::Markdown, Self::Html, Self::W3c, Self::Csv, Self::Bundle];

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Self::Markdown,
            "html" => Self::Html,
            "w3c" | "jsonld" | "json-ld" | "annotations" => Self::W3c,
            "csv" => Self::Csv,
            "bundle" | "canonry" | "json" => Self::Bundle,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Html => "HTML page",
            Self::W3c => "W3C Web Annotation (JSON-LD)",
            Self::Csv => "CSV",
            Self::Bundle => "Share bundle (.canonry)",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::W3c => "jsonld",
            Self::Csv => "csv",
            Self::Bundle => "canonry",
        }
    }
}

/// What goes into an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// One article, or the whole project when `None`.
    pub article: Option<String>,
    /// Tier ids to include; all when `None`.
    pub tiers: Option<Vec<String>>,
    pub notes: bool,
    pub citations: bool,
    pub history: bool,
    /// Quotes only: no notes, sources or history (for sharing without giving things away).
    /// Implies `hide_spoilers`.
    pub spoiler_free: bool,
    /// Leave out claims and articles marked as spoilers (still hidden on `today`).
    pub hide_spoilers: bool,
    /// `YYYY-MM-DD`: the day spoiler marks with an end date are judged on.
    pub today: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            article: None,
            tiers: None,
            notes: true,
            citations: true,
            history: false,
            spoiler_free: false,
            hide_spoilers: false,
            today: crate::model::today(),
        }
    }
}

impl ExportOptions {
    pub fn with_notes(&self) -> bool {
        self.notes && !self.spoiler_free
    }

    pub fn with_citations(&self) -> bool {
        self.citations && !self.spoiler_free
    }

    pub fn with_history(&self) -> bool {
        self.history && !self.spoiler_free
    }

    /// Whether content marked with `spoiler` is left out.
    pub fn hides(&self, spoiler: Option<&crate::model::Spoiler>) -> bool {
        (self.hide_spoilers || self.spoiler_free) && crate::model::spoiler_active(spoiler, &self.today)
    }

    /// Whether a claim is exported (its tier, and not a hidden spoiler).
    pub fn includes_claim(&self, claim: &Claim) -> bool {
        self.includes_tier(&claim.tier) && !self.hides(claim.spoiler.as_ref())
    }

    pub fn includes_tier(&self, tier: &str) -> bool {
        self.tiers.as_ref().is_none_or(|t| t.iter().any(|id| id == tier))
    }

    /// The articles to export, in project order.
    pub fn articles<'p>(&self, project: &'p Project) -> Vec<&'p Article> {
        project
            .articles
            .iter()
            .filter(|a| self.article.as_ref().is_none_or(|id| *id == a.id) && !self.hides(a.spoiler.as_ref()))
            .collect()
    }

    /// The claims of an article to export, in text order.
    pub fn claims<'p>(&self, project: &'p Project, article: &str) -> Vec<&'p Claim> {
        let mut claims: Vec<&Claim> =
            project.claims.iter().filter(|c| c.article == article && self.includes_claim(c)).collect();
        claims.sort_by_key(|c| (c.anchor.is_orphaned(), c.anchor.start, c.anchor.end));
        claims
    }

    /// The tiers to export, in tier order, plus claims' tiers the project does not define.
    pub fn tiers<'p>(&self, project: &'p Project) -> Vec<&'p Tier> {
        project.tiers.iter().filter(|t| self.includes_tier(&t.id)).collect()
    }
}

/// Exports in `format`.
pub fn export(project: &Project, format: Format, options: &ExportOptions) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Markdown => markdown::export(project, options).into_bytes(),
        Format::Html => html::export(project, options).into_bytes(),
        Format::W3c => w3c::export(project, options).into_bytes(),
        Format::Csv => csv::export(project, options)?.into_bytes(),
        Format::Bundle => serialize_project(&bundle(project, options), CURRENT_VERSION).map_err(|e| e.to_string())?,
    })
}

/// A share bundle: the project restricted to the chosen articles and tiers (notes and sources
/// dropped in spoiler-free mode). It is an ordinary `.canonry` file.
pub fn bundle(project: &Project, options: &ExportOptions) -> Project {
    let mut out = project.clone();
    // Unresolved merge conflicts hold whole versions of claims (notes, spoilers): they are
    // this copy's business, never part of what is shared.
    out.conflicts.clear();
    let articles: std::collections::HashSet<String> = options.articles(project).iter().map(|a| a.id.clone()).collect();
    out.articles.retain(|a| articles.contains(&a.id));
    out.claims.retain(|c| articles.contains(&c.article) && options.includes_claim(c));
    let claims: std::collections::HashSet<&str> = out.claims.iter().map(|c| c.id.as_str()).collect();
    out.links.retain(|l| claims.contains(l.from.as_str()) && claims.contains(l.to.as_str()));
    for claim in &mut out.claims {
        if !options.with_notes() {
            claim.note.clear();
        }
        if !options.with_citations() {
            claim.citations.clear();
        }
        if options.spoiler_free {
            claim.history.clear();
        }
    }
    if options.spoiler_free {
        out.journal.clear();
        for article in &mut out.articles {
            article.notes.clear();
        }
        for link in &mut out.links {
            link.note.clear();
        }
        for entry in &mut out.glossary {
            entry.description.clear();
        }
    }
    out
}

/// Counts per exported tier, for summaries: (tier, count).
pub fn tier_counts<'p>(project: &'p Project, options: &ExportOptions) -> Vec<(&'p Tier, usize)> {
    let articles = options.articles(project);
    options
        .tiers(project)
        .into_iter()
        .map(|tier| {
            let n = project
                .claims
                .iter()
                .filter(|c| {
                    c.tier == tier.id && options.includes_claim(c) && articles.iter().any(|a| a.id == c.article)
                })
                .count();
            (tier, n)
        })
        .collect()
}

/// The first words of a claim's quote, for cross-references (unescaped).
pub fn first_words(claim: &Claim) -> String {
    const WORDS: usize = 12;
    let words: Vec<&str> = claim.anchor.exact.split_whitespace().collect();
    let mut quote = words.iter().take(WORDS).copied().collect::<Vec<_>>().join(" ");
    if words.len() > WORDS {
        quote.push('…');
    }
    quote
}

/// " (unresolved)" for an open contradiction, " (resolved)" for a settled one, else nothing.
pub fn link_status(link: &crate::model::ClaimLink) -> &'static str {
    if link.is_open_contradiction() {
        " (unresolved)"
    } else if link.resolved {
        " (resolved)"
    } else {
        ""
    }
}

/// The exported claims with an in-universe time, in timeline order.
pub fn timeline<'p>(project: &'p Project, options: &ExportOptions) -> Vec<&'p Claim> {
    let articles: Vec<&str> = options.articles(project).iter().map(|a| a.id.as_str()).collect();
    crate::lore::timeline::timeline(project, None)
        .into_iter()
        .filter(|c| articles.contains(&c.article.as_str()) && options.includes_claim(c))
        .collect()
}

/// The links of every exported claim whose other end is exported too, built once per export:
/// claim id → (link, other claim, how it reads from this claim).
pub struct LinkIndex<'p>(HashMap<&'p str, Vec<(&'p crate::model::ClaimLink, &'p Claim, &'static str)>>);

impl<'p> LinkIndex<'p> {
    pub fn new(project: &'p Project, options: &ExportOptions) -> Self {
        let mut index: HashMap<&str, Vec<_>> = HashMap::new();
        if project.links.is_empty() {
            return Self(index);
        }
        let articles: std::collections::HashSet<&str> =
            options.articles(project).iter().map(|a| a.id.as_str()).collect();
        let exported: HashMap<&str, &Claim> = project
            .claims
            .iter()
            .filter(|c| articles.contains(c.article.as_str()) && options.includes_claim(c))
            .map(|c| (c.id.as_str(), c))
            .collect();
        for link in &project.links {
            let (Some(kind), Some(from), Some(to)) =
                (link.kind(), exported.get(link.from.as_str()), exported.get(link.to.as_str()))
            else {
                continue;
            };
            index.entry(link.from.as_str()).or_default().push((link, *to, kind.forward_label()));
            index.entry(link.to.as_str()).or_default().push((link, *from, kind.backward_label()));
        }
        Self(index)
    }

    pub fn of(&self, claim: &str) -> &[(&'p crate::model::ClaimLink, &'p Claim, &'static str)] {
        self.0.get(claim).map_or(&[], Vec::as_slice)
    }
}

/// The glossary with, for each name, how many exported claims mention it.
pub fn glossary<'p>(project: &'p Project, options: &ExportOptions) -> Vec<(&'p crate::model::GlossaryEntry, usize)> {
    let matcher = crate::lore::glossary::NameMatcher::new(&project.glossary);
    let mentioning = crate::lore::glossary::claims_mentioning(project, &matcher);
    let articles: Vec<&str> = options.articles(project).iter().map(|a| a.id.as_str()).collect();
    project
        .glossary
        .iter()
        .zip(mentioning)
        .map(|(entry, claims)| {
            let n = claims
                .iter()
                .filter(|&&i| {
                    let c = &project.claims[i];
                    articles.contains(&c.article.as_str()) && options.includes_claim(c)
                })
                .count();
            (entry, n)
        })
        .collect()
}
