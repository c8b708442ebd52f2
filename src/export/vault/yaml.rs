//! The few YAML shapes Canonry writes in front matter, written so any YAML 1.2 parser (and
//! Obsidian, Dataview and Logseq) reads back exactly the value: strings are always
//! double-quoted with escapes, so titles like `a: b`, `- x`, `'`, `"`, `{`, `#` or `null` stay
//! strings.

/// A property value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlValue {
    Text(String),
    Bool(bool),
    Count(usize),
    /// An RFC 3339 date-time or `YYYY-MM-DD` date, written unquoted so Obsidian and Dataview
    /// show it as a date; anything that does not look like one is written as text.
    DateTime(String),
    /// A list of strings, written one `  - "item"` per line (as Obsidian writes lists).
    List(Vec<String>),
}

/// `key: value` lines for one property, ending with a newline.
pub fn property(key: &str, value: &YamlValue) -> String {
    match value {
        YamlValue::Text(text) => format!("{key}: {}\n", quoted(text)),
        YamlValue::Bool(b) => format!("{key}: {b}\n"),
        YamlValue::Count(n) => format!("{key}: {n}\n"),
        YamlValue::DateTime(when) if looks_like_date_time(when) => format!("{key}: {when}\n"),
        YamlValue::DateTime(when) => format!("{key}: {}\n", quoted(when)),
        YamlValue::List(items) if items.is_empty() => format!("{key}: []\n"),
        YamlValue::List(items) => {
            let mut out = format!("{key}:\n");
            for item in items {
                out.push_str(&format!("  - {}\n", quoted(item)));
            }
            out
        }
    }
}

/// A YAML double-quoted scalar holding `text` exactly.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Not printable in YAML, or line breaks YAML 1.1 readers would fold.
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `2026-11-30`, `2026-11-30T10:00:00Z`, `2026-11-30T10:00:00.123+01:00`.
fn looks_like_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    let date =
        bytes.len() >= 10 && digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10);
    if !date {
        return false;
    }
    let rest = &text[10..];
    rest.is_empty()
        || (rest.starts_with('T')
            && rest.len() > 1
            && rest[1..].chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-')))
}

/// The value of a plain or quoted scalar as Canonry writes it (`canonry-id` when looking notes up
/// again); `None` for anything else.
pub fn read_scalar(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Some(inner) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            }
        }
        return Some(out);
    }
    if let Some(inner) = raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        return Some(inner.replace("''", "'"));
    }
    let plain = raw.split(" #").next().unwrap_or(raw).trim();
    (!plain.is_empty()).then(|| plain.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_round_trips_through_read_scalar() {
        for text in ["plain", "a: b", "- x", "'\"{}[]#&*!|>%@`", "line\nbreak\ttab", "bell\u{7}", "🖖"] {
            assert_eq!(read_scalar(&quoted(text)).as_deref(), Some(text), "{text:?}");
        }
        assert_eq!(read_scalar("'it''s'").as_deref(), Some("it's"));
        assert_eq!(read_scalar("abc # comment").as_deref(), Some("abc"));
    }

    #[test]
    fn dates_are_plain_only_when_they_look_like_dates() {
        assert_eq!(
            property("created", &YamlValue::DateTime("2026-11-30T10:00:00Z".into())),
            "created: 2026-11-30T10:00:00Z\n"
        );
        assert_eq!(property("created", &YamlValue::DateTime("soon: ok".into())), "created: \"soon: ok\"\n");
        assert_eq!(property("x", &YamlValue::List(vec![])), "x: []\n");
    }
}
