//! Tiers: the kinds of claim (canon, comic-canon, speculation, and the user's own).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ExtraFields, Project, TierChange, deserialize_keeping_extra, now_rfc3339};

/// How a tier shows without colour, so tags never rely on colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TierCue {
    SolidUnderline,
    DashedUnderline,
    DottedUnderline,
    DoubleUnderline,
    Outline,
}

impl TierCue {
    pub const ALL: [TierCue; 5] =
        [Self::SolidUnderline, Self::DashedUnderline, Self::DottedUnderline, Self::DoubleUnderline, Self::Outline];

    pub fn label(self) -> &'static str {
        match self {
            Self::SolidUnderline => "solid underline",
            Self::DashedUnderline => "dashed underline",
            Self::DottedUnderline => "dotted underline",
            Self::DoubleUnderline => "double underline",
            Self::Outline => "outline",
        }
    }
}

/// A kind of claim. The id never changes, so renaming a tier keeps every claim on it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Tier {
    pub id: String,
    pub label: String,
    /// `#RRGGBB`.
    pub color: String,
    /// The key that tags a selection with this tier (`1`, `2`, ...), if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    pub cue: TierCue,
    /// A short symbol shown beside the label (legend, claim list, exports).
    #[serde(default)]
    pub icon: String,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(Tier {
    required: id, label, color, cue;
    defaulted: key = String::new(), icon = String::new(),
});

impl Tier {
    pub const CANON: &'static str = "canon";
    pub const COMIC_CANON: &'static str = "comic-canon";
    pub const SPECULATION: &'static str = "speculation";

    fn make(id: &str, label: &str, color: &str, key: &str, cue: TierCue, icon: &str) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            color: color.into(),
            key: key.into(),
            cue,
            icon: icon.into(),
            extra: ExtraFields::new(),
        }
    }

    /// The built-in tiers, in their order.
    pub fn builtin() -> Vec<Tier> {
        vec![
            Self::make(Self::CANON, "Canon", "#2e9e4f", "1", TierCue::SolidUnderline, "■"),
            Self::make(Self::COMIC_CANON, "Comic-canon", "#2f6fd0", "2", TierCue::DashedUnderline, "◆"),
            Self::make(Self::SPECULATION, "Speculation", "#d08a1f", "3", TierCue::DottedUnderline, "?"),
        ]
    }

    /// The colour as RGB bytes; a malformed colour reads as grey.
    pub fn rgb(&self) -> [u8; 3] {
        parse_hex_color(&self.color).unwrap_or([128, 128, 128])
    }
}

pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Why a tier operation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TierError {
    UnknownTier(String),
    EmptyLabel,
    DuplicateLabel(String),
    BadColor(String),
    /// Deleting a tier that still has claims needs a tier to move them to.
    HasClaims {
        tier: String,
        claims: usize,
    },
    LastTier,
    SameTier,
}

impl std::fmt::Display for TierError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownTier(id) => write!(f, "there is no tier \"{id}\""),
            Self::EmptyLabel => write!(f, "a tier needs a name"),
            Self::DuplicateLabel(l) => write!(f, "a tier named \"{l}\" already exists; choose another name"),
            Self::BadColor(c) => write!(f, "\"{c}\" is not a colour; use the form #RRGGBB"),
            Self::HasClaims { tier, claims } => {
                write!(f, "tier \"{tier}\" still has {claims} claim(s); choose a tier to move them to first")
            }
            Self::LastTier => write!(f, "a project needs at least one tier"),
            Self::SameTier => write!(f, "a tier cannot be merged into itself"),
        }
    }
}

impl std::error::Error for TierError {}

impl Project {
    fn tier_index(&self, id: &str) -> Result<usize, TierError> {
        self.tiers.iter().position(|t| t.id == id).ok_or_else(|| TierError::UnknownTier(id.to_owned()))
    }

    fn check_label(&self, label: &str, except: Option<&str>) -> Result<String, TierError> {
        let label = label.trim();
        if label.is_empty() {
            return Err(TierError::EmptyLabel);
        }
        let taken =
            self.tiers.iter().any(|t| Some(t.id.as_str()) != except && t.label.to_lowercase() == label.to_lowercase());
        if taken {
            return Err(TierError::DuplicateLabel(label.to_owned()));
        }
        Ok(label.to_owned())
    }

    /// Adds a custom tier after the others; it gets the next free digit key. Returns its id.
    pub fn add_tier(&mut self, label: &str, color: &str) -> Result<String, TierError> {
        let label = self.check_label(label, None)?;
        parse_hex_color(color).ok_or_else(|| TierError::BadColor(color.to_owned()))?;
        let base = slug(&label);
        let mut id = base.clone();
        let mut n = 2;
        while self.tier(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        let key = (1..=9).map(|d| d.to_string()).find(|k| !self.tiers.iter().any(|t| &t.key == k)).unwrap_or_default();
        let cue = TierCue::ALL[self.tiers.len() % TierCue::ALL.len()];
        self.tiers.push(Tier {
            id: id.clone(),
            label,
            color: color.to_lowercase(),
            key,
            cue,
            icon: "•".into(),
            extra: ExtraFields::new(),
        });
        Ok(id)
    }

    pub fn rename_tier(&mut self, id: &str, label: &str) -> Result<(), TierError> {
        let index = self.tier_index(id)?;
        self.tiers[index].label = self.check_label(label, Some(id))?;
        Ok(())
    }

    pub fn recolor_tier(&mut self, id: &str, color: &str) -> Result<(), TierError> {
        let index = self.tier_index(id)?;
        parse_hex_color(color).ok_or_else(|| TierError::BadColor(color.to_owned()))?;
        self.tiers[index].color = color.to_lowercase();
        Ok(())
    }

    /// Moves a tier to position `to` (clamped to the list).
    pub fn move_tier(&mut self, id: &str, to: usize) -> Result<(), TierError> {
        let index = self.tier_index(id)?;
        let tier = self.tiers.remove(index);
        self.tiers.insert(to.min(self.tiers.len()), tier);
        Ok(())
    }

    /// Moves every claim of `from` to `into` (recorded in their histories) and removes `from`.
    /// Returns how many claims moved.
    pub fn merge_tier(&mut self, from: &str, into: &str) -> Result<usize, TierError> {
        if from == into {
            return Err(TierError::SameTier);
        }
        let from_index = self.tier_index(from)?;
        self.tier_index(into)?;
        let why = format!("tier \"{}\" merged into \"{}\"", self.tiers[from_index].label, self.tier_label(into));
        let moved = self.reassign_claims(from, into, &why);
        self.tiers.remove(from_index);
        Ok(moved)
    }

    /// Deletes a tier. A tier with claims needs `reassign_to`; its claims move there first.
    pub fn delete_tier(&mut self, id: &str, reassign_to: Option<&str>) -> Result<usize, TierError> {
        let index = self.tier_index(id)?;
        if self.tiers.len() == 1 {
            return Err(TierError::LastTier);
        }
        let claims = self.claims.iter().filter(|c| c.tier == id).count();
        match reassign_to {
            _ if claims == 0 => {
                self.tiers.remove(index);
                Ok(0)
            }
            None => Err(TierError::HasClaims { tier: self.tiers[index].label.clone(), claims }),
            Some(target) => {
                if target == id {
                    return Err(TierError::SameTier);
                }
                self.tier_index(target)?;
                let why = format!("tier \"{}\" deleted", self.tiers[index].label);
                let moved = self.reassign_claims(id, target, &why);
                self.tiers.retain(|t| t.id != id);
                Ok(moved)
            }
        }
    }

    fn tier_label(&self, id: &str) -> String {
        self.tier(id).map_or_else(|| id.to_owned(), |t| t.label.clone())
    }

    fn reassign_claims(&mut self, from: &str, into: &str, why: &str) -> usize {
        let now = now_rfc3339();
        let mut moved = 0;
        for claim in self.claims.iter_mut().filter(|c| c.tier == from) {
            claim.history.push(TierChange {
                from: from.to_owned(),
                to: into.to_owned(),
                when: now.clone(),
                why: why.to_owned(),
                extra: ExtraFields::new(),
            });
            claim.tier = into.to_owned();
            claim.modified = now.clone();
            moved += 1;
        }
        moved
    }
}

/// A lowercase ASCII id from a label ("Legends (old EU)" -> "legends-old-eu").
fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "tier".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    fn project_with_claims() -> (Project, String) {
        let mut project = Project::new("Tiers");
        let article = Article::new("A", "One two three four five six.");
        let article_id = article.id.clone();
        project.articles.push(article);
        project.add_claim(&article_id, 0, 3, Tier::CANON).expect("claim");
        project.add_claim(&article_id, 4, 7, Tier::SPECULATION).expect("claim");
        (project, article_id)
    }

    #[test]
    fn rename_keeps_id_and_claims() {
        let (mut project, _) = project_with_claims();
        project.rename_tier(Tier::CANON, "On screen").expect("rename");
        assert_eq!(project.tiers[0].id, Tier::CANON);
        assert_eq!(project.tiers[0].label, "On screen");
        assert_eq!(project.claims.iter().filter(|c| c.tier == Tier::CANON).count(), 1);
        assert_eq!(
            project.rename_tier(Tier::CANON, "speculation"),
            Err(TierError::DuplicateLabel("speculation".into()))
        );
        assert_eq!(project.rename_tier(Tier::CANON, "  "), Err(TierError::EmptyLabel));
    }

    #[test]
    fn add_custom_tier_gets_next_key_and_unique_id() {
        let (mut project, _) = project_with_claims();
        let id = project.add_tier("Legends (old EU)", "#884488").expect("add");
        assert_eq!(id, "legends-old-eu");
        assert_eq!(project.tier(&id).map(|t| t.key.as_str()), Some("4"));
        assert!(project.add_tier("Fanon", "red").is_err());
        project.recolor_tier(&id, "#AABBCC").expect("recolor");
        assert_eq!(project.tier(&id).map(|t| t.color.as_str()), Some("#aabbcc"));
        project.move_tier(&id, 0).expect("move");
        assert_eq!(project.tiers[0].id, id);
    }

    #[test]
    fn merge_moves_claims_and_records_history() {
        let (mut project, _) = project_with_claims();
        let moved = project.merge_tier(Tier::SPECULATION, Tier::CANON).expect("merge");
        assert_eq!(moved, 1);
        assert!(project.tier(Tier::SPECULATION).is_none());
        assert!(project.claims.iter().all(|c| c.tier == Tier::CANON));
        let moved_claim = project.claims.iter().find(|c| !c.history.is_empty()).expect("history");
        assert_eq!(moved_claim.history[0].from, Tier::SPECULATION);
        assert_eq!(project.merge_tier(Tier::CANON, Tier::CANON), Err(TierError::SameTier));
    }

    #[test]
    fn delete_requires_reassign_when_tier_has_claims() {
        let (mut project, _) = project_with_claims();
        assert!(matches!(project.delete_tier(Tier::CANON, None), Err(TierError::HasClaims { claims: 1, .. })));
        assert_eq!(project.tiers.len(), 3);
        assert_eq!(project.delete_tier(Tier::CANON, Some(Tier::COMIC_CANON)), Ok(1));
        assert_eq!(project.tiers.len(), 2);
        assert_eq!(project.claims.iter().filter(|c| c.tier == Tier::COMIC_CANON).count(), 1);
        assert_eq!(project.delete_tier(Tier::COMIC_CANON, Some(Tier::SPECULATION)), Ok(1));
        assert_eq!(project.delete_tier(Tier::SPECULATION, None), Err(TierError::LastTier));
    }
}
