//! A cue's lines as readable dialogue: formatting and voice tags, `{\an8}` positioning and
//! entities removed, the speaker found (`<v Picard>`, `PICARD:`), each `- ` dash a new turn,
//! and hearing-impaired captions (`[door opens]`, `(sighs)`, `♪`) kept or dropped.

/// One speaker's words within a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: Option<String>,
    pub text: String,
    /// Began with a dialogue dash: someone else speaks, even when no name is given.
    pub dash: bool,
}

/// The turns of a cue, and how many hearing-impaired captions were dropped from it.
pub fn turns(lines: &[&str], keep_hearing_impaired: bool) -> (Vec<Turn>, usize) {
    let mut turns: Vec<Turn> = Vec::new();
    let mut dropped = 0;
    for raw in lines {
        let (voice, without_tags) = strip_markup(raw);
        let mut line = decode_entities(&without_tags);
        if !keep_hearing_impaired {
            let (kept, n) = drop_captions(&line);
            dropped += n;
            line = kept;
        }
        let mut line = collapse_spaces(&line);
        let dash = line.starts_with('-') || line.starts_with('–');
        if dash {
            line = line.trim_start_matches(['-', '–']).trim_start().to_owned();
        }
        let (label, rest) = speaker_label(&line);
        let speaker = voice.or(label);
        let line = rest.to_owned();
        if line.is_empty() || (!keep_hearing_impaired && line.chars().all(|c| !c.is_alphanumeric())) {
            continue;
        }
        match turns.last_mut() {
            Some(last) if !dash && (speaker.is_none() || speaker == last.speaker) => {
                last.text.push(' ');
                last.text.push_str(&line);
            }
            _ => turns.push(Turn { speaker, text: line, dash }),
        }
    }
    (turns, dropped)
}

/// The line without `<...>` tags and `{\...}` overrides, and the `<v Name>` voice if any.
fn strip_markup(line: &str) -> (Option<String>, String) {
    let mut out = String::with_capacity(line.len());
    let mut voice = None;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let closer = match c {
            '<' => Some('>'),
            '{' if rest[1..].starts_with('\\') => Some('}'),
            _ => None,
        };
        // Tags are short; a bounded search keeps a line of "<<<<..." linear.
        if let Some(closer) = closer
            && let Some(end) = rest.bytes().take(200).position(|b| b == closer as u8)
        {
            let tag = &rest[1..end];
            if let Some(name) = tag.strip_prefix('v').filter(|t| t.starts_with([' ', '.'])) {
                // `<v.loud Ana Smith>`: classes, then the name.
                let name = name.split_once(' ').map_or("", |(_, n)| n).trim();
                if !name.is_empty() {
                    voice = Some(decode_entities(name));
                }
            }
            rest = &rest[end + closer.len_utf8()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    (voice, out)
}

/// `&amp;`, `&lt;`, `&nbsp;`, `&#233;`, `&#xE9;`; direction marks removed; unknown ones kept.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.bytes().take(11).position(|b| b == b';');
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(d)) => {
                out.push_str(d.as_str());
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<String> {
    let named = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "lrm" | "rlm" => "",
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            let c = char::from_u32(code).filter(|c| !c.is_control())?;
            return Some(c.to_string());
        }
    };
    Some(named.to_owned())
}

/// The line without `[...]`, `(...)` and `♪...♪` captions, and how many there were.
fn drop_captions(line: &str) -> (String, usize) {
    let mut out = String::with_capacity(line.len());
    let mut dropped = 0;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let closer = match c {
            '[' => Some(']'),
            '(' => Some(')'),
            '♪' | '♫' => Some(c),
            _ => None,
        };
        if let Some(closer) = closer {
            let after = &rest[c.len_utf8()..];
            // An unclosed caption runs to the end of the line, as players show it.
            let end = after.find(closer).map_or(after.len(), |e| e + closer.len_utf8());
            rest = &after[end..];
            dropped += 1;
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    (out, dropped)
}

/// `PICARD: Engage.` gives the speaker "Picard"; only capitalised labels count, so "Note: ..."
/// stays dialogue.
fn speaker_label(line: &str) -> (Option<String>, &str) {
    let Some((label, rest)) = line.split_once(':') else { return (None, line) };
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let is_label = letters >= 2
        && label.chars().count() <= 32
        && label
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '\'' || c == '-' || c.is_ascii_digit())
        && rest.starts_with([' ', '\t'])
        && !rest.trim().is_empty();
    if !is_label {
        return (None, line);
    }
    (Some(title_case(label.trim())), rest.trim_start())
}

fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == ' ' || c == '-';
    }
    out
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(turns: &[Turn]) -> Vec<(Option<&str>, &str)> {
        turns.iter().map(|t| (t.speaker.as_deref(), t.text.as_str())).collect()
    }

    #[test]
    fn strips_tags_positioning_and_entities() {
        let (turns, _) =
            turns(&["{\\an8}<i>Fish &amp; chips</i>, <font color=\"#ff0\">Captain</font>&#33; &lt;3"], true);
        assert_eq!(texts(&turns), [(None, "Fish & chips, Captain! <3")]);
        assert_eq!(decode_entities("a &bogus; b & c &#0; d"), "a &bogus; b & c &#0; d");
    }

    #[test]
    fn finds_speakers_from_voices_labels_and_dashes() {
        let (turns, _) =
            turns(&["<v.loud Raffi Musiker>We go now.</v>", "PICARD: Engage.", "- Aye.", "Note: no"], true);
        assert_eq!(
            texts(&turns),
            [(Some("Raffi Musiker"), "We go now."), (Some("Picard"), "Engage."), (None, "Aye. Note: no")]
        );
        assert!(turns[2].dash);
    }

    #[test]
    fn hearing_impaired_captions_are_an_option() {
        let lines = ["[door opens]", "(sighs) Not again. ♪ humming ♪", "♪ ♪"];
        let (dropped, n) = turns(&lines, false);
        assert_eq!(texts(&dropped), [(None, "Not again.")]);
        assert_eq!(n, 4);
        let (kept, n) = turns(&lines, true);
        assert_eq!(texts(&kept), [(None, "[door opens] (sighs) Not again. ♪ humming ♪ ♪ ♪")]);
        assert_eq!(n, 0);
    }
}
