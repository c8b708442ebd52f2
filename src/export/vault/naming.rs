//! File names for notes: readable (from titles and quotes), the same on every export, unique
//! without regard to case, and safe on Windows, macOS and Linux.
//!
//! A name is a single path component: separators, `..`, leading dots (hidden files), trailing
//! dots and spaces (dropped by Windows), reserved device names (`CON`, `COM1`, ...), characters
//! Windows refuses (`<>:"/\|?*`) and characters that break `[[wikilinks]]` (`[]|#^`) never get
//! through, so a note can only be written inside the vault folder.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Longest stem in UTF-8 bytes: well under the 255-byte limit of a path component, leaving room
/// for a " (12)" suffix and ".md", and short enough for Windows' 260-char paths in most vaults.
pub const MAX_STEM_BYTES: usize = 100;

/// The stem used when nothing readable is left of a title.
pub const FALLBACK_STEM: &str = "Untitled";

/// Characters that Windows refuses in names, or that Obsidian and Logseq read as link syntax
/// (`[[a|b]]`, `[[a#heading]]`, `[[a^block]]`), or that Logseq's file names encode (`%`).
fn is_forbidden(c: char) -> bool {
    matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' | '[' | ']' | '#' | '^' | '%')
}

/// Invisible characters that would make two names look alike or reorder text on screen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Device names Windows reserves whatever the extension ("con.md" cannot be created).
fn is_reserved_on_windows(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or(stem).trim_end().to_ascii_uppercase();
    let numbered = |prefix: &str| {
        base.strip_prefix(prefix).is_some_and(|n| {
            let mut chars = n.chars();
            matches!((chars.next(), chars.next()), (Some('0'..='9' | '¹' | '²' | '³'), None))
        })
    };
    matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$") || numbered("COM") || numbered("LPT")
}

/// A safe, readable stem (file name without `.md`) for `title`.
pub fn safe_stem(title: &str) -> String {
    let mut cleaned = String::with_capacity(title.len());
    for c in title.nfc() {
        if is_invisible(c) {
            continue;
        }
        if c.is_control() || c.is_whitespace() || is_forbidden(c) {
            cleaned.push(' ');
        } else {
            cleaned.push(c);
        }
    }
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = trim_ends(&collapsed);
    let mut stem = truncate_graphemes(trimmed, MAX_STEM_BYTES);
    stem = trim_ends(&stem).to_owned();
    if stem.is_empty() {
        stem = FALLBACK_STEM.to_owned();
    }
    if is_reserved_on_windows(&stem) {
        stem.insert(0, '_');
    }
    stem
}

/// Without leading dots (hidden files, `..`) and trailing dots and spaces (Windows drops them).
fn trim_ends(text: &str) -> &str {
    text.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' '])
}

/// The longest prefix of whole grapheme clusters within `max_bytes` (no emoji cut in half).
fn truncate_graphemes(text: &str, max_bytes: usize) -> String {
    let mut out = String::new();
    for grapheme in text.graphemes(true) {
        if out.len() + grapheme.len() > max_bytes {
            break;
        }
        out.push_str(grapheme);
    }
    out
}

/// How two names compare on a case-insensitive file system (NTFS, APFS) and in Obsidian's and
/// Logseq's link resolution.
pub fn fold(stem: &str) -> String {
    stem.nfc().flat_map(char::to_lowercase).collect()
}

/// The stems in use in the vault (any case), so a new note never takes an existing name.
#[derive(Debug, Default)]
pub struct NameRegistry {
    taken: HashSet<String>,
}

impl NameRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks a stem found in the vault (a note of the user's or of an earlier export) as used.
    pub fn reserve(&mut self, stem: &str) {
        self.taken.insert(fold(stem));
    }

    pub fn is_taken(&self, stem: &str) -> bool {
        self.taken.contains(&fold(stem))
    }

    /// A free stem for `title`: its safe stem, or that stem with " (2)", " (3)", ... added.
    pub fn claim(&mut self, title: &str) -> String {
        let base = safe_stem(title);
        if self.taken.insert(fold(&base)) {
            return base;
        }
        for n in 2u64.. {
            let suffix = format!(" ({n})");
            let shortened = truncate_graphemes(&base, MAX_STEM_BYTES - suffix.len());
            let candidate = format!("{}{suffix}", shortened.trim_end_matches(['.', ' ']));
            if self.taken.insert(fold(&candidate)) {
                return candidate;
            }
        }
        unreachable!("u64 suffixes cannot all be taken")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_titles_become_single_safe_components() {
        assert_eq!(safe_stem("../../etc/passwd"), "etc passwd");
        assert_eq!(safe_stem(".."), FALLBACK_STEM);
        assert_eq!(safe_stem("CON"), "_CON");
        assert_eq!(safe_stem("com1.txt"), "_com1.txt");
        assert_eq!(safe_stem("Console"), "Console");
        assert_eq!(safe_stem("a:b|c]]#d^e"), "a b c d e");
        assert_eq!(safe_stem("  trailing dots... "), "trailing dots");
        assert_eq!(safe_stem("line\nbreak\ttab"), "line break tab");
        assert_eq!(safe_stem("🖖 Live long"), "🖖 Live long");
        let long = "🖖".repeat(300);
        let stem = safe_stem(&long);
        assert!(stem.len() <= MAX_STEM_BYTES && stem.chars().all(|c| c == '🖖'), "{stem}");
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        let mut names = NameRegistry::new();
        names.reserve("picard");
        assert_eq!(names.claim("Picard"), "Picard (2)");
        assert_eq!(names.claim("PICARD"), "PICARD (3)");
        assert_eq!(names.claim("Q"), "Q");
        let long = "x".repeat(400);
        let first = names.claim(&long);
        let second = names.claim(&long);
        assert_ne!(fold(&first), fold(&second));
        assert!(second.len() <= MAX_STEM_BYTES);
    }
}
