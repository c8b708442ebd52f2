//! What an export did to the vault, for the command line and the app to show.

use std::path::PathBuf;

/// Why a note of Canonry's was not touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftAlone {
    /// Its claim, article, name or tier still exists but this export leaves it out (another
    /// article or tier, a hidden spoiler).
    NotInThisExport,
    /// Its generated block's markers were edited away or duplicated: nobody can tell where the
    /// user's text starts, so nothing is replaced.
    DamagedBlock,
    /// Another note has the same `canonry-id` (a copy the user made); the first one by path is
    /// the one updated.
    DuplicateId { updated: PathBuf },
    /// It is a symbolic link; Canonry never writes through one.
    SymbolicLink,
}

impl std::fmt::Display for LeftAlone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotInThisExport => {
                f.write_str("not part of this export (other article or tier, or a hidden spoiler)")
            }
            Self::DamagedBlock => {
                f.write_str("its generated block's begin/end markers were changed; restore them to get updates")
            }
            Self::DuplicateId { updated } => write!(f, "a copy of {}, which was updated instead", updated.display()),
            Self::SymbolicLink => f.write_str("a symbolic link; Canonry does not write through links"),
        }
    }
}

/// Paths are relative to the vault folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VaultReport {
    pub folder: PathBuf,
    pub created: Vec<PathBuf>,
    pub updated: Vec<PathBuf>,
    /// Notes whose bytes were already what this export would write: not written at all.
    pub unchanged: Vec<PathBuf>,
    /// (from, to): notes of deleted claims, articles, names or tiers, moved to the archive.
    pub archived: Vec<(PathBuf, PathBuf)>,
    pub left_alone: Vec<(PathBuf, LeftAlone)>,
    /// Notes of earlier exports whose claim or article this export hides as a spoiler: Canonry's
    /// words were taken out of them (in `updated` when that changed the file), but their file
    /// names still come from the quote or title: rename them if that gives too much away.
    pub hidden_spoilers: Vec<PathBuf>,
    /// Markdown files of the user's own (no `canonry-id`), never touched.
    pub user_notes: usize,
}

impl VaultReport {
    /// Whether the export changed any file.
    pub fn changed_anything(&self) -> bool {
        !(self.created.is_empty() && self.updated.is_empty() && self.archived.is_empty())
    }
}

/// Paths listed per kind of change; a first export of thousands of notes says "and N more".
const LINES_PER_LIST: usize = 25;

impl std::fmt::Display for VaultReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "Vault {}: {} created, {} updated, {} unchanged, {} archived, {} left alone, {} notes of your own untouched",
            self.folder.display(),
            self.created.len(),
            self.updated.len(),
            self.unchanged.len(),
            self.archived.len(),
            self.left_alone.len(),
            self.user_notes
        )?;
        let created: Vec<String> = self.created.iter().map(|p| format!("created   {}", p.display())).collect();
        let updated: Vec<String> = self.updated.iter().map(|p| format!("updated   {}", p.display())).collect();
        let archived: Vec<String> = self
            .archived
            .iter()
            .map(|(from, to)| format!("archived  {} -> {}", from.display(), to.display()))
            .collect();
        let hidden: Vec<String> = self
            .hidden_spoilers
            .iter()
            .map(|p| format!("spoiler hidden {} (its file name still comes from its quote or title)", p.display()))
            .collect();
        let left: Vec<String> =
            self.left_alone.iter().map(|(p, why)| format!("left alone {}: {why}", p.display())).collect();
        for lines in [created, updated, archived, hidden, left] {
            for line in lines.iter().take(LINES_PER_LIST) {
                writeln!(f, "  {line}")?;
            }
            if lines.len() > LINES_PER_LIST {
                writeln!(f, "  ... and {} more", lines.len() - LINES_PER_LIST)?;
            }
        }
        Ok(())
    }
}
