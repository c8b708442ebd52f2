//! Claims: a tagged span of an article with its note, sources and history.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Anchor, ExtraFields, InUniverseTime, Spoiler, deserialize_keeping_extra, new_id, now_rfc3339};

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Claim {
    /// UUID v7.
    pub id: String,
    /// Id of the article the claim is on.
    pub article: String,
    pub anchor: Anchor,
    /// Id of the claim's tier.
    pub tier: String,
    /// Markdown.
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<Citation>,
    /// Every tier change, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<TierChange>,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub modified: String,
    /// Hidden until revealed, and left out of spoiler-free exports (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoiler: Option<Spoiler>,
    /// When it happens in its universe (format 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_universe: Option<InUniverseTime>,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(Claim {
    required: id, article, anchor, tier, created, modified;
    defaulted: note = String::new(), citations = Vec::new(), history = Vec::new(), spoiler = None, in_universe = None,
});

deserialize_keeping_extra!(TierChange {
    required: from, to, when;
    defaulted: why = String::new(),
});

deserialize_keeping_extra!(Citation {
    required: kind, title;
    defaulted: detail = String::new(), url = String::new(),
});

impl Claim {
    pub fn new(article: &str, anchor: Anchor, tier: &str) -> Self {
        let now = now_rfc3339();
        Self {
            id: new_id(),
            article: article.to_owned(),
            anchor,
            tier: tier.to_owned(),
            note: String::new(),
            citations: Vec::new(),
            history: Vec::new(),
            created: now.clone(),
            modified: now,
            spoiler: None,
            in_universe: None,
            extra: ExtraFields::new(),
        }
    }

    /// Moves the claim to another tier, recording the change. Returns false when unchanged.
    pub fn retag(&mut self, tier: &str, why: &str) -> bool {
        if self.tier == tier {
            return false;
        }
        let now = now_rfc3339();
        self.history.push(TierChange {
            from: std::mem::replace(&mut self.tier, tier.to_owned()),
            to: tier.to_owned(),
            when: now.clone(),
            why: why.to_owned(),
            extra: ExtraFields::new(),
        });
        self.modified = now;
        true
    }

    /// The first line of the note, for lists.
    pub fn note_summary(&self) -> &str {
        self.note.lines().find(|l| !l.trim().is_empty()).map_or("", str::trim)
    }
}

/// One change of a claim's tier.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TierChange {
    pub from: String,
    pub to: String,
    /// RFC 3339.
    pub when: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CitationKind {
    Episode,
    Film,
    Comic,
    Novel,
    Game,
    Interview,
    Article,
    Other,
}

impl CitationKind {
    pub const ALL: [CitationKind; 8] =
        [Self::Episode, Self::Film, Self::Comic, Self::Novel, Self::Game, Self::Interview, Self::Article, Self::Other];

    pub fn label(self) -> &'static str {
        match self {
            Self::Episode => "Episode",
            Self::Film => "Film",
            Self::Comic => "Comic",
            Self::Novel => "Novel",
            Self::Game => "Game",
            Self::Interview => "Interview",
            Self::Article => "Article",
            Self::Other => "Other",
        }
    }
}

/// A source for a claim: "Episode, Star Trek: Picard, S1E10".
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Citation {
    pub kind: CitationKind,
    pub title: String,
    /// Such as "S1E10" or "issue #2".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

impl Citation {
    pub fn new(kind: CitationKind, title: &str, detail: &str) -> Self {
        Self { kind, title: title.into(), detail: detail.into(), url: String::new(), extra: ExtraFields::new() }
    }

    /// "Comic: Countdown, issue #2".
    pub fn display(&self) -> String {
        let mut s = format!("{}: {}", self.kind.label(), self.title);
        if !self.detail.is_empty() {
            s.push_str(", ");
            s.push_str(&self.detail);
        }
        s
    }
}
