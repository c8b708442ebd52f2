//! Exports to share notes: Markdown (fan-wiki style), self-contained HTML, W3C Web Annotation
//! JSON-LD, CSV, and share bundles (a subset of the project file).
//!
//! Every exporter takes the same [`ExportOptions`] and is deterministic: the same project and
//! options give the same bytes (no timestamps of the export itself), so golden tests can pin them.

pub mod csv;
mod error;
pub mod html;
pub mod markdown;
mod markdown_escape;
mod markdown_inert;
pub mod redact;
mod selection;
pub mod vault;
pub mod w3c;

pub use error::ExportError;
use std::collections::HashMap;

pub use selection::Selection;

use crate::model::{Anchor, Claim, Day, Project, Tier};
use crate::storage::{CURRENT_VERSION, serialize_project};
use crate::text::{CharIndex, content_hash};

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
    /// Leave out claims and articles marked as spoilers (still hidden on `today`), and their
    /// words everywhere: sentences of an article's text holding them are cut.
    pub hide_spoilers: bool,
    /// The day spoiler marks with an end date are judged on (the user's local today).
    pub today: Day,
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
            today: Day::today_local(),
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

    /// Whether spoilers (and their words) are left out rather than shown behind a cover.
    pub fn leaves_out_spoilers(&self) -> bool {
        self.hide_spoilers || self.spoiler_free
    }

    pub fn includes_tier(&self, tier: &str) -> bool {
        self.tiers.as_ref().is_none_or(|t| t.iter().any(|id| id == tier))
    }

    /// The tiers to export, in tier order, plus claims' tiers the project does not define.
    pub fn tiers<'p>(&self, project: &'p Project) -> Vec<&'p Tier> {
        project.tiers.iter().filter(|t| self.includes_tier(&t.id)).collect()
    }
}

/// Exports in `format`.
pub fn export(project: &Project, format: Format, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Markdown => markdown::export(project, options).into_bytes(),
        Format::Html => html::export(project, options).into_bytes(),
        Format::W3c => w3c::export(project, options).into_bytes(),
        Format::Csv => csv::export(project, options)?.into_bytes(),
        Format::Bundle => {
            serialize_project(&bundle(project, options), CURRENT_VERSION).map_err(ExportError::Serialize)?
        }
    })
}

/// A share bundle: the project restricted to the chosen articles and tiers (notes and sources
/// dropped in spoiler-free mode). It is an ordinary `.canonry` file. When spoilers are left
/// out, their sentences are cut from the article texts and every kept claim's anchor is
/// recomputed on the cut text, so the bundle loads and its claims point at the same words.
pub fn bundle(project: &Project, options: &ExportOptions) -> Project {
    let selection = Selection::new(project, options);
    let mut out = project.clone();
    // Unresolved merge conflicts hold whole versions of claims (notes, spoilers): they are
    // this copy's business, never part of what is shared.
    out.conflicts.clear();
    let articles: std::collections::HashSet<&str> = selection.articles().iter().map(|a| a.id.as_str()).collect();
    out.articles.retain(|a| articles.contains(a.id.as_str()));
    out.claims.retain(|c| selection.includes(c));
    let claims: std::collections::HashSet<&str> = out.claims.iter().map(|c| c.id.as_str()).collect();
    out.links.retain(|l| claims.contains(l.from.as_str()) && claims.contains(l.to.as_str()));
    if options.leaves_out_spoilers() {
        for article in &mut out.articles {
            let Some(original) = project.article(&article.id) else { continue };
            let redacted = selection.text(original);
            if !redacted.is_cut() {
                continue;
            }
            article.text = redacted.text.clone();
            article.content_hash = content_hash(article.text.as_bytes());
            // A link whose words were cut would carry them: kept only when its words remain.
            article.links.retain(|l| l.text.trim().is_empty() || article.text.contains(l.text.trim()));
            let index = CharIndex::new(&article.text);
            for claim in out.claims.iter_mut().filter(|c| c.article == article.id) {
                move_anchor(&mut claim.anchor, &redacted, &article.text, &index);
            }
        }
    }
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

/// Moves a kept claim's anchor onto the cut text: same words, new offsets and context. An
/// orphan's context came from an older text and may hold cut words, so it is dropped.
fn move_anchor(anchor: &mut Anchor, redacted: &redact::Redacted, text: &str, index: &CharIndex) {
    if anchor.is_orphaned() {
        anchor.prefix.clear();
        anchor.suffix.clear();
        return;
    }
    let moved = redacted
        .map(anchor.start)
        .zip(redacted.map(anchor.end))
        .and_then(|(start, end)| Anchor::from_range(text, index, start, end))
        .filter(|moved| moved.exact == anchor.exact);
    match moved {
        Some(moved) => {
            anchor.start = moved.start;
            anchor.end = moved.end;
            anchor.prefix = moved.prefix;
            anchor.suffix = moved.suffix;
        }
        // Not reachable for a claim the selection kept (it overlaps no cut); kept as an orphan
        // rather than pointing at other words.
        None => {
            anchor.status = crate::model::AnchorStatus::Orphaned;
            anchor.prefix.clear();
            anchor.suffix.clear();
        }
    }
}

/// Counts per exported tier, for summaries: (tier, count).
pub fn tier_counts<'p>(selection: &Selection<'p>) -> Vec<(&'p Tier, usize)> {
    let project = selection.project;
    selection
        .options
        .tiers(project)
        .into_iter()
        .map(|tier| {
            let n = project.claims.iter().filter(|c| c.tier == tier.id && selection.includes(c)).count();
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
pub fn timeline<'p>(selection: &Selection<'p>) -> Vec<&'p Claim> {
    crate::lore::timeline::timeline(selection.project, None).into_iter().filter(|c| selection.includes(c)).collect()
}

/// One link of an exported claim: the link, the other claim, how it reads from this claim.
pub type LinkEnd<'p> = (&'p crate::model::ClaimLink, &'p Claim, &'static str);

/// The links of every exported claim whose other end is exported too, built once per export.
pub struct LinkIndex<'p>(HashMap<&'p str, Vec<LinkEnd<'p>>>);

impl<'p> LinkIndex<'p> {
    pub fn new(selection: &Selection<'p>) -> Self {
        let project = selection.project;
        let mut index: HashMap<&str, Vec<_>> = HashMap::new();
        if project.links.is_empty() {
            return Self(index);
        }
        let exported: HashMap<&str, &Claim> =
            project.claims.iter().filter(|c| selection.includes(c)).map(|c| (c.id.as_str(), c)).collect();
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

    pub fn of(&self, claim: &str) -> &[LinkEnd<'p>] {
        self.0.get(claim).map_or(&[], Vec::as_slice)
    }
}

/// The glossary with, for each name, how many exported claims mention it.
pub fn glossary<'p>(selection: &Selection<'p>) -> Vec<(&'p crate::model::GlossaryEntry, usize)> {
    let project = selection.project;
    let matcher = crate::lore::glossary::NameMatcher::new(&project.glossary);
    let mentioning = crate::lore::glossary::claims_mentioning(project, &matcher);
    project
        .glossary
        .iter()
        .zip(mentioning)
        .map(|(entry, claims)| (entry, claims.iter().filter(|&&i| selection.includes(&project.claims[i])).count()))
        .collect()
}
