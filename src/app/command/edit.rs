//! Edits: changes to the project the UI asks for, run through the undoable editor.

use crate::model::{Citation, GlossaryEntry, InUniverseTime, LinkKind, Spoiler};

/// A change to the project, run through the undoable editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Tag code points `start..end` of an article (the review panel; the reader uses
    /// [`Command::ApplyTier`] on its own selection).
    Tag {
        article: String,
        start: usize,
        end: usize,
        tier: String,
    },
    Retag {
        claim: String,
        tier: String,
    },
    ClaimNote {
        claim: String,
        text: String,
    },
    ArticleNotes {
        article: String,
        text: String,
    },
    Journal(String),
    ClaimSpoiler {
        claim: String,
        spoiler: Option<Spoiler>,
    },
    ClaimTime {
        claim: String,
        time: Option<InUniverseTime>,
    },
    Citations {
        claim: String,
        citations: Vec<Citation>,
    },
    /// Moves an orphaned claim onto the words selected in the reader.
    Reattach {
        claim: String,
    },
    AddLink {
        from: String,
        to: String,
        kind: LinkKind,
        note: String,
    },
    LinkNote {
        link: String,
        note: String,
    },
    LinkResolved {
        link: String,
        resolved: bool,
    },
    RemoveLink(String),
    ArticleSpoiler {
        article: String,
        spoiler: Option<Spoiler>,
    },
    RenameArticle {
        article: String,
        title: String,
    },
    RemoveArticle(String),
    /// Adds a name and opens its glossary page.
    AddName(GlossaryEntry),
    UpdateName {
        entry: String,
        updated: GlossaryEntry,
    },
    RemoveName(String),
    Tiers(TierEdit),
    /// Settles `project.conflicts[index]` of a merge.
    ResolveConflict {
        index: usize,
        choice: crate::edit::merge::Choice,
    },
    ResolveAllConflicts(crate::edit::merge::Choice),
    /// Ends the current undo step (a note editor lost focus or changed target).
    BreakCoalescing,
}

/// A change to the tier list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TierEdit {
    Add { label: String, color: String },
    Rename { tier: String, label: String },
    Recolor { tier: String, color: String },
    Move { tier: String, to: usize },
    Merge { from: String, into: String },
    Delete(String),
}
