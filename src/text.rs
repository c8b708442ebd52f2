//! Article text: normalisation at import, and code-point offsets.
//!
//! Offsets everywhere in Canonry count Unicode code points, as the W3C Web Annotation
//! `TextPositionSelector` does (and as egui's `CharIndex` does). [`CharIndex`] maps them to
//! byte offsets in O(1) amortised time so long articles stay fast.

use unicode_normalization::UnicodeNormalization;

/// Normalises text once, at import: strips a byte-order mark, turns `\r\n` and `\r` into `\n`,
/// drops C0 control characters other than tab and newline, and applies Unicode NFC.
pub fn normalize_article_text(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut unified = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                unified.push('\n');
            }
            '\n' | '\t' => unified.push(c),
            c if c.is_control() && (c as u32) < 0x20 || c == '\u{7f}' => {}
            c => unified.push(c),
        }
    }
    if unified.is_ascii() { unified } else { unified.nfc().collect() }
}

/// Number of code points in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// Maps code-point offsets to byte offsets. Stores one checkpoint every [`Self::STRIDE`] chars.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    checkpoints: Vec<usize>,
    char_len: usize,
    ascii: bool,
}

impl CharIndex {
    const STRIDE: usize = 64;

    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self { checkpoints: Vec::new(), char_len: text.len(), ascii: true };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / Self::STRIDE + 1);
        let mut count = 0;
        for (byte, _) in text.char_indices() {
            if count % Self::STRIDE == 0 {
                checkpoints.push(byte);
            }
            count += 1;
        }
        Self { checkpoints, char_len: count, ascii: false }
    }

    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of code point `char_offset`; `None` past the end (the end itself is valid).
    pub fn byte_offset(&self, text: &str, char_offset: usize) -> Option<usize> {
        if char_offset > self.char_len {
            return None;
        }
        if self.ascii || char_offset == self.char_len {
            return Some(if self.ascii { char_offset } else { text.len() });
        }
        let checkpoint = char_offset / Self::STRIDE;
        let start = *self.checkpoints.get(checkpoint)?;
        let rest = char_offset - checkpoint * Self::STRIDE;
        text.get(start..)?.char_indices().nth(rest).map(|(b, _)| start + b)
    }

    /// Code-point offset of a byte offset that lies on a char boundary.
    pub fn char_offset(&self, text: &str, byte_offset: usize) -> usize {
        if self.ascii {
            return byte_offset.min(text.len());
        }
        let checkpoint = self.checkpoints.partition_point(|&b| b <= byte_offset).saturating_sub(1);
        let start = self.checkpoints.get(checkpoint).copied().unwrap_or(0);
        let end = byte_offset.min(text.len());
        checkpoint * Self::STRIDE + text.get(start..end).map_or(0, |s| s.chars().count())
    }

    /// The text between two code-point offsets, or `None` when the range is out of bounds.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        if start > end {
            return None;
        }
        let s = self.byte_offset(text, start)?;
        let e = self.byte_offset(text, end)?;
        text.get(s..e)
    }
}

/// Content hash of an article's text or a file's bytes: `sha256:` and 64 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Whether a URL may become a link: only http and https.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_line_ends_bom_controls_and_nfc() {
        let raw = "\u{feff}A\r\nB\rC\u{0}D\te\u{301}";
        assert_eq!(normalize_article_text(raw), "A\nB\nCD\t\u{e9}");
    }

    #[test]
    fn char_index_round_trips_on_mixed_text() {
        let text = "Pïcard 🖖 said: «Engage» — 日本語 ".repeat(20);
        let index = CharIndex::new(&text);
        assert_eq!(index.char_len(), text.chars().count());
        for (char_offset, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.byte_offset(&text, char_offset), Some(byte));
            assert_eq!(index.char_offset(&text, byte), char_offset);
        }
        assert_eq!(index.byte_offset(&text, index.char_len()), Some(text.len()));
        assert_eq!(index.byte_offset(&text, index.char_len() + 1), None);
        assert_eq!(index.slice(&text, 7, 8), Some("🖖"));
        assert_eq!(index.slice(&text, 8, 7), None);
    }
}
