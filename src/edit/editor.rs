//! Undoable editing of a project: every change the user makes goes through [`Editor`].
//!
//! Each command records the parts of the project it changes (a claim before and after, the
//! journal before and after, ...) rather than snapshots of the whole project, so undo stays cheap
//! on book-length projects. Note edits typed in quick succession coalesce into one undo step.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::model::{
    Article, Claim, ClaimLink, GlossaryEntry, InUniverseTime, LinkKind, MergeConflict, Project, Spoiler, Tier,
    TierError, now_rfc3339,
};

/// One reversible change.
// Claim changes are the most common step in the history; boxing them would add an allocation
// to each for a smaller size of the rarer variants.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// Insert (`before` none), remove (`after` none) or replace a claim.
    Claim {
        before: Option<Claim>,
        after: Option<Claim>,
    },
    /// Insert or remove an article at a position.
    Article {
        index: usize,
        before: Option<Article>,
        after: Option<Article>,
    },
    ArticleNotes {
        article: String,
        before: String,
        after: String,
    },
    ArticleTitle {
        article: String,
        before: String,
        after: String,
    },
    Journal {
        before: String,
        after: String,
    },
    Title {
        before: String,
        after: String,
    },
    /// Insert, remove or replace a link between claims.
    Link {
        before: Option<ClaimLink>,
        after: Option<ClaimLink>,
    },
    /// Insert, remove or replace a glossary entry.
    Glossary {
        before: Option<GlossaryEntry>,
        after: Option<GlossaryEntry>,
    },
    ArticleSpoiler {
        article: String,
        before: Option<Spoiler>,
        after: Option<Spoiler>,
    },
    /// Every link and glossary entry at once (replacing the project).
    Lore {
        before: (Vec<ClaimLink>, Vec<GlossaryEntry>),
        after: (Vec<ClaimLink>, Vec<GlossaryEntry>),
    },
    /// The merge conflicts recorded in the project (a merge adds them, resolving removes them).
    Conflicts {
        before: Vec<MergeConflict>,
        after: Vec<MergeConflict>,
    },
    /// Tier edits (they may move many claims): the tier list and every claim, before and after.
    Tiers {
        before: (Vec<Tier>, Vec<Claim>),
        after: (Vec<Tier>, Vec<Claim>),
    },
}

impl Change {
    fn apply(&self, project: &mut Project, forward: bool) {
        match self {
            Change::Claim { before, after } => {
                let (from, to) = if forward { (before, after) } else { (after, before) };
                if let Some(old) = from {
                    project.remove_claim(&old.id);
                }
                if let Some(new) = to {
                    project.claims.push(new.clone());
                    project.sort_claims();
                }
            }
            Change::Article { index, before, after } => {
                let (from, to) = if forward { (before, after) } else { (after, before) };
                if let Some(old) = from {
                    project.articles.retain(|a| a.id != old.id);
                }
                if let Some(new) = to {
                    project.articles.insert((*index).min(project.articles.len()), new.clone());
                }
            }
            Change::ArticleNotes { article, before, after } => {
                if let Some(a) = project.article_mut(article) {
                    a.notes = pick(forward, before, after).clone();
                }
            }
            Change::ArticleTitle { article, before, after } => {
                if let Some(a) = project.article_mut(article) {
                    a.title = pick(forward, before, after).clone();
                }
            }
            Change::Link { before, after } => {
                let (from, to) = if forward { (before, after) } else { (after, before) };
                replace_by_id(&mut project.links, from.as_ref().map(|l| l.id.as_str()), to, |l| &l.id);
            }
            Change::Glossary { before, after } => {
                let (from, to) = if forward { (before, after) } else { (after, before) };
                replace_by_id(&mut project.glossary, from.as_ref().map(|e| e.id.as_str()), to, |e| &e.id);
            }
            Change::ArticleSpoiler { article, before, after } => {
                if let Some(a) = project.article_mut(article) {
                    a.spoiler = pick(forward, before, after).clone();
                }
            }
            Change::Lore { before, after } => {
                let (links, glossary) = pick(forward, before, after).clone();
                project.links = links;
                project.glossary = glossary;
            }
            Change::Journal { before, after } => project.journal = pick(forward, before, after).clone(),
            Change::Title { before, after } => project.title = pick(forward, before, after).clone(),
            Change::Conflicts { before, after } => project.conflicts = pick(forward, before, after).clone(),
            Change::Tiers { before, after } => {
                let (tiers, claims) = pick(forward, before, after).clone();
                project.tiers = tiers;
                project.claims = claims;
            }
        }
    }
}

impl Change {
    /// Whether the change can move highlights or change counts (not just notes and sources).
    fn is_structural(&self) -> bool {
        match self {
            Change::Claim { before: Some(b), after: Some(a) } => {
                b.anchor != a.anchor || b.tier != a.tier || b.article != a.article || b.spoiler != a.spoiler
            }
            Change::ArticleNotes { .. } | Change::Journal { .. } | Change::Title { .. } | Change::Conflicts { .. } => {
                false
            }
            _ => true,
        }
    }
}

/// Replaces the item with id `old` by `new` in place (keeping the order), removes it when `new`
/// is `None`, or appends `new` when there was no `old`.
fn replace_by_id<T: Clone>(items: &mut Vec<T>, old: Option<&str>, new: &Option<T>, id: impl Fn(&T) -> &String) {
    let position = old.and_then(|old| items.iter().position(|item| id(item) == old));
    match (position, new) {
        (Some(i), Some(new)) => items[i] = new.clone(),
        (Some(i), None) => {
            items.remove(i);
        }
        (None, Some(new)) => items.push(new.clone()),
        (None, None) => {}
    }
}

fn pick<'a, T>(forward: bool, before: &'a T, after: &'a T) -> &'a T {
    if forward { after } else { before }
}

/// A user action: one undo step.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    changes: Vec<Change>,
    /// Steps with the same key made within [`Editor::COALESCE_WINDOW`] merge (typing a note).
    coalesce_key: Option<String>,
    at: Instant,
    /// Identifies the project state after this step, for the unsaved-changes marker.
    state: u64,
}

/// The open project with its undo and redo history.
#[derive(Debug)]
pub struct Editor {
    /// Shared with a save or recovery write in flight ([`Editor::snapshot`]); the next change
    /// copies it only if that write still holds it.
    project: Arc<Project>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_state: u64,
    saved_state: u64,
    /// Bumped on every change, undo and redo: views rebuild caches when it moves.
    revision: u64,
    /// Bumped only when claims appear, disappear, move or change tier, or tiers or articles
    /// change: what highlights, counts and lists depend on. Typing a note leaves it alone, so
    /// those caches survive keystrokes.
    structure_revision: u64,
    /// The claim the last undo or redo changed, if it changed exactly one (to select it).
    last_claim_touched: Option<String>,
}

impl Editor {
    /// Typing pauses shorter than this stay in one undo step.
    pub const COALESCE_WINDOW: Duration = Duration::from_millis(1500);
    /// Undo steps kept.
    pub const MAX_UNDO: usize = 500;

    /// A clean editor: the project counts as saved.
    pub fn new(project: Project) -> Self {
        Self {
            project: Arc::new(project),
            undo: Vec::new(),
            redo: Vec::new(),
            next_state: 1,
            saved_state: 0,
            revision: 0,
            structure_revision: 0,
            last_claim_touched: None,
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The project as it is now, to save or write to the recovery file on another thread.
    pub fn snapshot(&self) -> Arc<Project> {
        Arc::clone(&self.project)
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// See the field: changes with claims' places and tiers, not with their notes.
    pub fn structure_revision(&self) -> u64 {
        self.structure_revision
    }

    fn bump(&mut self, changes: &[Change]) {
        self.revision += 1;
        if changes.iter().any(Change::is_structural) {
            self.structure_revision += 1;
        }
    }

    fn current_state(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.state)
    }

    /// Whether there are changes since the last [`Editor::mark_saved`].
    pub fn is_dirty(&self) -> bool {
        self.current_state() != self.saved_state
    }

    pub fn mark_saved(&mut self) {
        // A later keystroke must not merge into the step that was saved.
        self.break_coalescing();
        self.saved_state = self.current_state();
    }

    /// Identifies the project's current content: equal ids, equal projects (undo returns to an
    /// earlier id). A save started now reports this id back to [`Editor::mark_saved_state`].
    pub fn state_id(&self) -> u64 {
        self.current_state()
    }

    /// A save of the state `state` finished; edits made since keep the project unsaved.
    pub fn mark_saved_state(&mut self, state: u64) {
        self.saved_state = state;
    }

    /// Marks the project as changed though no step records it (e.g. restored from recovery).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The one claim the last undo or redo changed, if it changed exactly one.
    pub fn last_claim_touched(&self) -> Option<&str> {
        self.last_claim_touched.as_deref()
    }

    fn note_claim_touched(&mut self, step: &Step) {
        self.last_claim_touched = match step.changes.as_slice() {
            [Change::Claim { before, after }] => after.as_ref().or(before.as_ref()).map(|c| c.id.clone()),
            _ => None,
        };
    }

    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else { return false };
        self.note_claim_touched(&step);
        for change in step.changes.iter().rev() {
            change.apply(Arc::make_mut(&mut self.project), false);
        }
        self.bump(&step.changes);
        self.redo.push(step);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(mut step) = self.redo.pop() else { return false };
        self.note_claim_touched(&step);
        for change in &step.changes {
            change.apply(Arc::make_mut(&mut self.project), true);
        }
        self.bump(&step.changes);
        step.coalesce_key = None;
        self.undo.push(step);
        true
    }

    fn commit(&mut self, label: &str, changes: Vec<Change>, coalesce_key: Option<String>) {
        if changes.is_empty() {
            return;
        }
        for change in &changes {
            change.apply(Arc::make_mut(&mut self.project), true);
        }
        self.bump(&changes);
        self.redo.clear();
        let state = self.next_state;
        self.next_state += 1;
        let now = Instant::now();
        if let (Some(key), Some(top)) = (&coalesce_key, self.undo.last_mut())
            && top.coalesce_key.as_ref() == Some(key)
            && now.duration_since(top.at) < Self::COALESCE_WINDOW
            && merge_changes(&mut top.changes, &changes)
        {
            top.at = now;
            top.state = state;
            return;
        }
        self.undo.push(Step { label: label.to_owned(), changes, coalesce_key, at: now, state });
        if self.undo.len() > Self::MAX_UNDO {
            self.undo.remove(0);
        }
    }

    /// Ends the current typing run: the next note edit starts a new undo step.
    pub fn break_coalescing(&mut self) {
        if let Some(step) = self.undo.last_mut() {
            step.coalesce_key = None;
        }
    }

    // ---- Commands -------------------------------------------------------------------------

    /// Tags code points `start..end` of an article with a tier. Returns the new claim's id.
    pub fn tag(&mut self, article: &str, start: usize, end: usize, tier: &str) -> Option<String> {
        let claim = self.project.new_claim(article, start, end, tier)?;
        let id = claim.id.clone();
        let label = format!("Tag as {}", self.tier_label(tier));
        self.commit(&label, vec![Change::Claim { before: None, after: Some(claim) }], None);
        Some(id)
    }

    /// Changes a claim's tier, recording it in the claim's history.
    pub fn retag(&mut self, claim_id: &str, tier: &str) -> bool {
        if self.project.tier(tier).is_none() {
            return false;
        }
        let Some(before) = self.project.claim(claim_id).cloned() else { return false };
        let mut after = before.clone();
        if !after.retag(tier, "") {
            return false;
        }
        let label = format!("Retag as {}", self.tier_label(tier));
        self.commit(&label, vec![Change::Claim { before: Some(before), after: Some(after) }], None);
        true
    }

    /// Deletes a claim and the links to and from it (one undo step).
    pub fn delete_claim(&mut self, claim_id: &str) -> bool {
        let Some(before) = self.project.claim(claim_id).cloned() else { return false };
        let mut changes = self.link_removals(|l| l.from == claim_id || l.to == claim_id);
        changes.push(Change::Claim { before: Some(before), after: None });
        self.commit("Delete claim", changes, None);
        true
    }

    fn link_removals(&self, touches: impl Fn(&ClaimLink) -> bool) -> Vec<Change> {
        self.project
            .links
            .iter()
            .filter(|l| touches(l))
            .map(|l| Change::Link { before: Some(l.clone()), after: None })
            .collect()
    }

    // ---- Links between claims ---------------------------------------------------------------

    /// Links two claims. `None` when either is missing, they are the same claim, or the same
    /// link already exists (either way round for the symmetric kinds).
    pub fn add_link(&mut self, from: &str, to: &str, kind: LinkKind, note: &str) -> Option<String> {
        if from == to || self.project.claim(from).is_none() || self.project.claim(to).is_none() {
            return None;
        }
        let symmetric = matches!(kind, LinkKind::Contradicts | LinkKind::SameAs);
        let exists = self.project.links.iter().any(|l| {
            l.kind == kind.id() && ((l.from == from && l.to == to) || (symmetric && l.from == to && l.to == from))
        });
        if exists {
            return None;
        }
        let link = ClaimLink::new(from, to, kind, note);
        let id = link.id.clone();
        let label = format!("Link: {}", kind.forward_label());
        self.commit(&label, vec![Change::Link { before: None, after: Some(link) }], None);
        Some(id)
    }

    /// Edits a link (note, resolved, kind); typing its note coalesces.
    pub fn update_link(
        &mut self,
        link_id: &str,
        label: &str,
        coalesce: bool,
        edit: impl FnOnce(&mut ClaimLink),
    ) -> bool {
        let Some(before) = self.project.links.iter().find(|l| l.id == link_id).cloned() else { return false };
        let mut after = before.clone();
        edit(&mut after);
        if after == before {
            return false;
        }
        let key = coalesce.then(|| format!("link:{link_id}:{label}"));
        self.commit(label, vec![Change::Link { before: Some(before), after: Some(after) }], key);
        true
    }

    pub fn remove_link(&mut self, link_id: &str) -> bool {
        let changes = self.link_removals(|l| l.id == link_id);
        if changes.is_empty() {
            return false;
        }
        self.commit("Remove link", changes, None);
        true
    }

    // ---- Glossary -----------------------------------------------------------------------------

    pub fn add_glossary_entry(&mut self, entry: GlossaryEntry) -> String {
        let id = entry.id.clone();
        let label = format!("Add name {}", entry.name);
        self.commit(&label, vec![Change::Glossary { before: None, after: Some(entry) }], None);
        id
    }

    /// Edits a glossary entry; typing in the same field coalesces.
    pub fn update_glossary_entry(
        &mut self,
        entry_id: &str,
        label: &str,
        coalesce: bool,
        edit: impl FnOnce(&mut GlossaryEntry),
    ) -> bool {
        let Some(before) = self.project.glossary.iter().find(|e| e.id == entry_id).cloned() else { return false };
        let mut after = before.clone();
        edit(&mut after);
        if after == before {
            return false;
        }
        let key = coalesce.then(|| format!("glossary:{entry_id}:{label}"));
        self.commit(label, vec![Change::Glossary { before: Some(before), after: Some(after) }], key);
        true
    }

    pub fn remove_glossary_entry(&mut self, entry_id: &str) -> bool {
        let Some(before) = self.project.glossary.iter().find(|e| e.id == entry_id).cloned() else { return false };
        self.commit("Remove name", vec![Change::Glossary { before: Some(before), after: None }], None);
        true
    }

    // ---- Spoilers and in-universe time -------------------------------------------------------

    pub fn set_claim_spoiler(&mut self, claim_id: &str, spoiler: Option<Spoiler>) -> bool {
        let label = if spoiler.is_some() { "Mark as spoiler" } else { "Unmark spoiler" };
        self.update_claim(claim_id, label, false, |c| c.spoiler = spoiler)
    }

    /// Sets the end date of a claim's spoiler mark as the user typed it (`YYYY-MM-DD`; empty:
    /// no end). A text that is not a day is refused, with a message saying what to type, and
    /// nothing changes. Marks the claim as a spoiler when it was not. Typing coalesces into one
    /// undo step.
    pub fn set_claim_spoiler_until(&mut self, claim_id: &str, until: &str) -> Result<bool, crate::model::DayError> {
        let spoiler = Spoiler::until(until)?;
        Ok(self.update_claim(claim_id, "Spoiler date", true, |c| {
            let extra = c.spoiler.take().map(|s| s.extra).unwrap_or_default();
            c.spoiler = Some(Spoiler { extra, ..spoiler });
        }))
    }

    /// [`Self::set_claim_spoiler_until`] for a whole article's mark.
    pub fn set_article_spoiler_until(&mut self, article: &str, until: &str) -> Result<bool, crate::model::DayError> {
        let spoiler = Spoiler::until(until)?;
        let Some(current) = self.project.article(article).map(|a| a.spoiler.clone()) else { return Ok(false) };
        let extra = current.map(|s| s.extra).unwrap_or_default();
        Ok(self.set_article_spoiler(article, Some(Spoiler { extra, ..spoiler })))
    }

    pub fn set_article_spoiler(&mut self, article: &str, spoiler: Option<Spoiler>) -> bool {
        let Some(before) = self.project.article(article).map(|a| a.spoiler.clone()) else { return false };
        if before == spoiler {
            return false;
        }
        let label = if spoiler.is_some() { "Mark article as spoiler" } else { "Unmark article spoiler" };
        let change = Change::ArticleSpoiler { article: article.to_owned(), before, after: spoiler };
        self.commit(label, vec![change], None);
        true
    }

    /// Sets (or, with an empty label, clears) when a claim happens in its universe.
    pub fn set_claim_time(&mut self, claim_id: &str, time: Option<InUniverseTime>) -> bool {
        let time = time.filter(|t| !t.label.trim().is_empty());
        self.update_claim(claim_id, "Set in-universe time", true, |c| c.in_universe = time)
    }

    /// Re-creates a deleted or changed claim as given (merges, recovery of orphans).
    pub fn put_claim(&mut self, label: &str, claim: Claim) {
        let before = self.project.claim(&claim.id).cloned();
        self.commit(label, vec![Change::Claim { before, after: Some(claim) }], None);
    }

    /// Edits a claim through `edit`; typing in the same claim's note coalesces.
    pub fn update_claim(&mut self, claim_id: &str, label: &str, coalesce: bool, edit: impl FnOnce(&mut Claim)) -> bool {
        let Some(before) = self.project.claim(claim_id).cloned() else { return false };
        let mut after = before.clone();
        edit(&mut after);
        if after == before {
            return false;
        }
        after.modified = now_rfc3339();
        let key = coalesce.then(|| format!("claim:{claim_id}:{label}"));
        self.commit(label, vec![Change::Claim { before: Some(before), after: Some(after) }], key);
        true
    }

    pub fn set_claim_note(&mut self, claim_id: &str, note: &str) -> bool {
        self.update_claim(claim_id, "Edit note", true, |c| c.note = note.to_owned())
    }

    pub fn set_article_notes(&mut self, article: &str, notes: &str) -> bool {
        let Some(before) = self.project.article(article).map(|a| a.notes.clone()) else { return false };
        if before == notes {
            return false;
        }
        let change = Change::ArticleNotes { article: article.to_owned(), before, after: notes.to_owned() };
        self.commit("Edit article notes", vec![change], Some(format!("article-notes:{article}")));
        true
    }

    pub fn rename_article(&mut self, article: &str, title: &str) -> bool {
        let title = title.trim();
        let Some(before) = self.project.article(article).map(|a| a.title.clone()) else { return false };
        if before == title || title.is_empty() {
            return false;
        }
        let change = Change::ArticleTitle { article: article.to_owned(), before, after: title.to_owned() };
        self.commit("Rename article", vec![change], None);
        true
    }

    pub fn set_journal(&mut self, journal: &str) -> bool {
        if self.project.journal == journal {
            return false;
        }
        let change = Change::Journal { before: self.project.journal.clone(), after: journal.to_owned() };
        self.commit("Edit journal", vec![change], Some("journal".into()));
        true
    }

    pub fn set_title(&mut self, title: &str) -> bool {
        if self.project.title == title {
            return false;
        }
        let change = Change::Title { before: self.project.title.clone(), after: title.to_owned() };
        self.commit("Rename project", vec![change], Some("title".into()));
        true
    }

    pub fn add_article(&mut self, article: Article) -> String {
        let id = article.id.clone();
        let index = self.project.articles.len();
        self.commit("Add article", vec![Change::Article { index, before: None, after: Some(article) }], None);
        id
    }

    /// Replaces an article's text with a newer version and moves every claim to its words, or
    /// orphans it (one undo step). Returns what happened to each claim.
    pub fn update_article_text(&mut self, article: &str, raw_text: &str) -> Option<crate::anchoring::Report> {
        let index = self.project.articles.iter().position(|a| a.id == article)?;
        let before = self.project.articles[index].clone();
        let mut after = before.clone();
        after.text = crate::text::normalize_article_text(raw_text);
        after.content_hash = crate::text::content_hash(after.text.as_bytes());
        after.retrieved = now_rfc3339();
        if after.text != before.text {
            // Segment offsets point into the old words; a wrong citation is worse than none.
            after.source_segments.clear();
        }
        let old_claims: Vec<Claim> = self.project.claims_of(article).cloned().collect();
        let mut new_claims = old_claims.clone();
        let report = crate::anchoring::reanchor(&before.text, &after.text, &mut new_claims);
        let mut changes = vec![Change::Article { index, before: Some(before), after: Some(after) }];
        for (old, new) in old_claims.into_iter().zip(new_claims) {
            if old != new {
                changes.push(Change::Claim { before: Some(old), after: Some(new) });
            }
        }
        self.commit("Update article text", changes, None);
        Some(report)
    }

    /// Removes an article and its claims (one undo step).
    pub fn remove_article(&mut self, article: &str) -> bool {
        let Some(index) = self.project.articles.iter().position(|a| a.id == article) else { return false };
        let claims: std::collections::HashSet<&str> = self.project.claims_of(article).map(|c| c.id.as_str()).collect();
        let mut changes = self.link_removals(|l| claims.contains(l.from.as_str()) || claims.contains(l.to.as_str()));
        changes.extend(self.project.claims_of(article).map(|c| Change::Claim { before: Some(c.clone()), after: None }));
        let before = Some(self.project.articles[index].clone());
        changes.push(Change::Article { index, before, after: None });
        self.commit("Remove article", changes, None);
        true
    }

    /// Runs a tier operation of [`Project`] as one undo step.
    pub fn edit_tiers<T>(
        &mut self,
        label: &str,
        op: impl FnOnce(&mut Project) -> Result<T, TierError>,
    ) -> Result<T, TierError> {
        let before = (self.project.tiers.clone(), self.project.claims.clone());
        // Tier operations touch only tiers and claims: the scratch copy needs nothing else.
        let mut scratch = Project::new("");
        scratch.tiers = before.0.clone();
        scratch.claims = before.1.clone();
        let result = op(&mut scratch)?;
        let after = (scratch.tiers, scratch.claims);
        if after != before {
            self.commit(label, vec![Change::Tiers { before, after }], None);
        }
        Ok(result)
    }

    /// Replaces the whole project as one undoable step (merge, reload).
    pub fn replace_project(&mut self, label: &str, project: Project) {
        let mut changes = Vec::new();
        changes.push(Change::Tiers {
            before: (self.project.tiers.clone(), self.project.claims.clone()),
            after: (project.tiers.clone(), project.claims.clone()),
        });
        for (index, a) in self.project.articles.iter().enumerate().rev() {
            changes.insert(0, Change::Article { index, before: Some(a.clone()), after: None });
        }
        for (index, a) in project.articles.iter().enumerate() {
            changes.push(Change::Article { index, before: None, after: Some(a.clone()) });
        }
        changes.push(Change::Journal { before: self.project.journal.clone(), after: project.journal.clone() });
        changes.push(Change::Title { before: self.project.title.clone(), after: project.title.clone() });
        changes.push(Change::Conflicts { before: self.project.conflicts.clone(), after: project.conflicts.clone() });
        changes.push(Change::Lore {
            before: (self.project.links.clone(), self.project.glossary.clone()),
            after: (project.links.clone(), project.glossary.clone()),
        });
        self.commit(label, changes, None);
        Arc::make_mut(&mut self.project).extra = project.extra;
    }

    fn tier_label(&self, tier: &str) -> String {
        self.project.tier(tier).map_or_else(|| tier.to_owned(), |t| t.label.clone())
    }
}

/// Merges `newer` into `older` when both edit the same things: keeps the first `before` and the
/// last `after`. Returns false when they cannot merge.
fn merge_changes(older: &mut [Change], newer: &[Change]) -> bool {
    if older.len() != 1 || newer.len() != 1 {
        return false;
    }
    match (&mut older[0], &newer[0]) {
        (Change::Claim { before: Some(_), after: Some(a) }, Change::Claim { before: Some(nb), after: Some(na) })
            if a.id == na.id && *a == *nb =>
        {
            *a = na.clone();
            true
        }
        (Change::Link { before: Some(_), after: Some(a) }, Change::Link { before: Some(nb), after: Some(na) })
            if a.id == na.id && *a == *nb =>
        {
            *a = na.clone();
            true
        }
        (
            Change::Glossary { before: Some(_), after: Some(a) },
            Change::Glossary { before: Some(nb), after: Some(na) },
        ) if a.id == na.id && *a == *nb => {
            *a = na.clone();
            true
        }
        (Change::ArticleNotes { article, after, .. }, Change::ArticleNotes { article: n, after: na, .. })
            if article == n =>
        {
            *after = na.clone();
            true
        }
        (Change::Journal { after, .. }, Change::Journal { after: na, .. })
        | (Change::Title { after, .. }, Change::Title { after: na, .. }) => {
            *after = na.clone();
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor() -> (Editor, String) {
        let mut project = Project::new("Edit");
        let article = Article::new("A", "Picard resigned. The synths attacked Mars. Q may return.");
        let id = article.id.clone();
        project.articles.push(article);
        (Editor::new(project), id)
    }

    #[test]
    fn a_spoiler_end_date_is_validated_where_it_is_typed() {
        let (mut editor, article) = editor();
        let claim = editor.tag(&article, 43, 56, Tier::SPECULATION).expect("tag");
        let refused = editor.set_claim_spoiler_until(&claim, "31/12/2026");
        assert!(refused.as_ref().is_err_and(|e| e.to_string().contains("2026-12-31")), "{refused:?}");
        assert_eq!(editor.project().claim(&claim).and_then(|c| c.spoiler.clone()), None);
        assert_eq!(editor.set_claim_spoiler_until(&claim, " 2026-12-31 "), Ok(true));
        let until = editor.project().claim(&claim).and_then(|c| c.spoiler.as_ref()).map(|s| s.until.clone());
        assert_eq!(until.as_deref(), Some("2026-12-31"));
        assert!(editor.set_article_spoiler_until(&article, "2026-02-30").is_err());
        assert_eq!(editor.set_article_spoiler_until(&article, ""), Ok(true));
        assert!(editor.project().article(&article).is_some_and(|a| a.spoiler.is_some()));
    }

    #[test]
    fn tag_retag_delete_undo_redo_round_trip() {
        let (mut editor, article) = editor();
        let initial = editor.project().clone();
        let claim = editor.tag(&article, 0, 16, Tier::CANON).expect("tag");
        assert!(editor.is_dirty());
        assert!(editor.retag(&claim, Tier::SPECULATION));
        assert_eq!(editor.project().claim(&claim).map(|c| c.history.len()), Some(1));
        let tagged = editor.project().clone();
        assert!(editor.delete_claim(&claim));
        assert!(editor.project().claims.is_empty());
        assert!(editor.undo());
        assert_eq!(editor.project(), &tagged);
        assert!(editor.undo() && editor.undo());
        assert_eq!(editor.project(), &initial);
        assert!(!editor.is_dirty());
        assert!(editor.redo() && editor.redo());
        assert_eq!(editor.project(), &tagged);
    }

    #[test]
    fn note_typing_coalesces_into_one_step() {
        let (mut editor, article) = editor();
        let claim = editor.tag(&article, 17, 42, Tier::CANON).expect("tag");
        for note in ["S", "Sh", "Sho", "Shown"] {
            assert!(editor.set_claim_note(&claim, note));
        }
        assert_eq!(editor.project().claim(&claim).map(|c| c.note.as_str()), Some("Shown"));
        assert!(editor.undo());
        assert_eq!(editor.project().claim(&claim).map(|c| c.note.as_str()), Some(""));
        editor.break_coalescing();
        assert!(editor.redo());
        assert!(editor.set_claim_note(&claim, "Shown on screen"));
        assert!(editor.undo());
        assert_eq!(editor.project().claim(&claim).map(|c| c.note.as_str()), Some("Shown"));
    }

    #[test]
    fn saved_state_tracks_undo() {
        let (mut editor, article) = editor();
        editor.tag(&article, 0, 6, Tier::CANON).expect("tag");
        editor.mark_saved();
        assert!(!editor.is_dirty());
        editor.undo();
        assert!(editor.is_dirty());
        editor.redo();
        assert!(!editor.is_dirty());
    }

    #[test]
    fn tier_edits_and_article_removal_undo() {
        let (mut editor, article) = editor();
        editor.tag(&article, 0, 6, Tier::SPECULATION).expect("tag");
        let before = editor.project().clone();
        editor.edit_tiers("Merge", |p| p.merge_tier(Tier::SPECULATION, Tier::CANON)).expect("merge");
        assert_eq!(editor.project().tiers.len(), 2);
        editor.undo();
        assert_eq!(editor.project(), &before);
        assert!(editor.remove_article(&article));
        assert!(editor.project().articles.is_empty() && editor.project().claims.is_empty());
        editor.undo();
        assert_eq!(editor.project(), &before);
    }
}

#[cfg(test)]
mod conflict_steps {
    use super::*;

    #[test]
    fn replacing_the_project_records_its_merge_conflicts_undoably() {
        let mut editor = Editor::new(Project::new("t"));
        let mut merged = editor.project().clone();
        merged.conflicts.push(MergeConflict {
            object: "project".into(),
            object_id: String::new(),
            field: "journal".into(),
            label: String::new(),
            base: "a".into(),
            mine: "b".into(),
            theirs: "c".into(),
            extra: Default::default(),
        });
        editor.replace_project("Merge", merged);
        assert_eq!(editor.project().conflicts.len(), 1);
        let mut resolved = editor.project().clone();
        resolved.conflicts.clear();
        editor.replace_project("Resolve", resolved);
        assert!(editor.project().conflicts.is_empty());
        editor.undo();
        assert_eq!(editor.project().conflicts.len(), 1, "undo brings the conflict back");
        editor.undo();
        assert!(editor.project().conflicts.is_empty());
    }
}
