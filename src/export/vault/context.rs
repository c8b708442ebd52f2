//! What every note of one export is rendered from: the exported articles, claims and names, the
//! links between them, and the file name (stem) each note has in the vault.

use std::collections::HashMap;

use crate::export::{ExportOptions, LinkIndex};
use crate::lore::glossary::NameMatcher;
use crate::model::{Article, Claim, GlossaryEntry, Project, Tier};

/// Which kind of note, and what it is about.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'p> {
    Project,
    Tier(&'p Tier),
    Article(&'p Article),
    Name(&'p GlossaryEntry),
    Claim(&'p Claim),
}

impl Subject<'_> {
    /// The note's `canonry-id`: the entity's id (tiers and the project index get prefixed ids,
    /// as a tier id such as `canon` is not unique on its own).
    pub fn note_id(&self) -> String {
        match self {
            Self::Project => PROJECT_NOTE_ID.to_owned(),
            Self::Tier(tier) => tier_note_id(&tier.id),
            Self::Article(article) => article.id.clone(),
            Self::Name(entry) => entry.id.clone(),
            Self::Claim(claim) => claim.id.clone(),
        }
    }

    /// The `canonry-type` property.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Project => "project",
            Self::Tier(_) => "tier",
            Self::Article(_) => "article",
            Self::Name(_) => "name",
            Self::Claim(_) => "claim",
        }
    }

    /// The folder (inside the vault) new notes of this kind go to; empty for the vault's top.
    pub fn folder(&self) -> &'static str {
        match self {
            Self::Project => "",
            Self::Tier(_) => "Tiers",
            Self::Article(_) => "Articles",
            Self::Name(_) => "Names",
            Self::Claim(_) => "Claims",
        }
    }

    /// What a new note's file name is made from.
    pub fn title(&self, project: &Project) -> String {
        const CLAIM_NAME_WORDS: usize = 10;
        match self {
            Self::Project => project.title.clone(),
            Self::Tier(tier) => tier.label.clone(),
            Self::Article(article) => article.title.clone(),
            Self::Name(entry) => entry.name.clone(),
            Self::Claim(claim) => {
                let words: Vec<&str> = claim.anchor.exact.split_whitespace().take(CLAIM_NAME_WORDS).collect();
                // A name cut mid-sentence reads better without the comma it was cut at.
                let name = words.join(" ");
                let name = name.trim_end_matches([',', ';', ':', '-', '–', '—', '(', ' ']);
                if name.is_empty() { "Claim".to_owned() } else { name.to_owned() }
            }
        }
    }
}

pub const PROJECT_NOTE_ID: &str = "project";

pub fn tier_note_id(tier: &str) -> String {
    format!("tier:{tier}")
}

/// Everything one export renders from.
pub struct Context<'p> {
    pub project: &'p Project,
    pub options: &'p ExportOptions,
    pub articles: Vec<&'p Article>,
    pub tiers: Vec<&'p Tier>,
    /// Exported claims, article by article in text order.
    pub claims: Vec<&'p Claim>,
    pub links: LinkIndex<'p>,
    /// Claim id → the glossary entries (indices) its quote (and note, when notes are exported)
    /// mentions.
    mentions: HashMap<&'p str, Vec<usize>>,
    /// Note id → its file stem in the vault.
    stems: HashMap<String, String>,
}

impl<'p> Context<'p> {
    pub fn new(project: &'p Project, options: &'p ExportOptions) -> Self {
        let selection = crate::export::selection::Selection::new(project, options);
        let articles = selection.articles().to_vec();
        let claims: Vec<&Claim> = articles.iter().flat_map(|a| selection.claims(&a.id)).collect();
        let matcher = NameMatcher::new(&project.glossary);
        let mentions = claims
            .iter()
            .map(|claim| {
                let mut entries: Vec<usize> = matcher.mentions(&claim.anchor.exact).iter().map(|m| m.entry).collect();
                if options.with_notes() {
                    entries.extend(matcher.mentions(&claim.note).iter().map(|m| m.entry));
                }
                entries.sort_unstable();
                entries.dedup();
                (claim.id.as_str(), entries)
            })
            .collect();
        Self {
            project,
            options,
            tiers: options.tiers(project),
            links: LinkIndex::new(&selection),
            articles,
            claims,
            mentions,
            stems: HashMap::new(),
        }
    }

    /// Every note this export writes, in the order new names are handed out (indexes, then
    /// articles and names, then claims: the shorter, more important names come first).
    pub fn subjects(&self) -> Vec<Subject<'p>> {
        let mut subjects = vec![Subject::Project];
        subjects.extend(self.tiers.iter().map(|t| Subject::Tier(t)));
        subjects.extend(self.articles.iter().map(|a| Subject::Article(a)));
        subjects.extend(self.project.glossary.iter().map(Subject::Name));
        subjects.extend(self.claims.iter().map(|c| Subject::Claim(c)));
        subjects
    }

    pub fn set_stem(&mut self, note_id: String, stem: String) {
        self.stems.insert(note_id, stem);
    }

    /// `[[stem]]` of a note in this export. Plain links (no `|label`) because Logseq reads
    /// `[[a|b]]` as a page named "a|b".
    pub fn link(&self, note_id: &str) -> Option<String> {
        self.stems.get(note_id).map(|stem| format!("[[{stem}]]"))
    }

    /// The glossary entries a claim mentions.
    pub fn names_in(&self, claim: &str) -> &[usize] {
        self.mentions.get(claim).map_or(&[], Vec::as_slice)
    }

    /// The exported claims that mention glossary entry `entry`.
    pub fn claims_mentioning(&self, entry: usize) -> impl Iterator<Item = &'p Claim> + '_ {
        self.claims.iter().copied().filter(move |c| self.names_in(&c.id).contains(&entry))
    }
}
