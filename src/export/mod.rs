//! Exports to share notes: Markdown (fan-wiki style), self-contained HTML, W3C Web Annotation
//! JSON-LD, CSV, and share bundles (a subset of the project file).
//!
//! Every exporter takes the same [`ExportOptions`] and is deterministic: the same project and
//! options give the same bytes (no timestamps of the export itself), so golden tests can pin them.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod w3c;

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
    pub spoiler_free: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self { article: None, tiers: None, notes: true, citations: true, history: false, spoiler_free: false }
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

    pub fn includes_tier(&self, tier: &str) -> bool {
        self.tiers.as_ref().is_none_or(|t| t.iter().any(|id| id == tier))
    }

    /// The articles to export, in project order.
    pub fn articles<'p>(&self, project: &'p Project) -> Vec<&'p Article> {
        project.articles.iter().filter(|a| self.article.as_ref().is_none_or(|id| *id == a.id)).collect()
    }

    /// The claims of an article to export, in text order.
    pub fn claims<'p>(&self, project: &'p Project, article: &str) -> Vec<&'p Claim> {
        let mut claims: Vec<&Claim> =
            project.claims.iter().filter(|c| c.article == article && self.includes_tier(&c.tier)).collect();
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
    out.articles.retain(|a| options.article.as_ref().is_none_or(|id| *id == a.id));
    out.claims.retain(|c| out.articles.iter().any(|a| a.id == c.article) && options.includes_tier(&c.tier));
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
                .filter(|c| c.tier == tier.id && articles.iter().any(|a| a.id == c.article))
                .count();
            (tier, n)
        })
        .collect()
}

/// Whether a URL may become a link: only http and https.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.chars().any(char::is_control)
}
