//! Wikitext to text, block part: headings, list items and paragraphs each become a paragraph;
//! tables and rules are left out; lines of one paragraph are joined as MediaWiki shows them.

pub fn paragraphs(rendered: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut table_depth = 0usize;
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let paragraph = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !is_empty_text(&paragraph) {
            out.push(paragraph);
        }
        current.clear();
    };
    for line in rendered.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("{|") {
            table_depth += 1;
            continue;
        }
        if table_depth > 0 {
            if trimmed.starts_with("|}") {
                table_depth -= 1;
            }
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with("----") {
            flush(&mut current, &mut out);
            continue;
        }
        if trimmed.len() >= 2 && trimmed.starts_with('=') && trimmed.ends_with('=') {
            flush(&mut current, &mut out);
            current.push_str(trimmed.trim_matches('=').trim());
            flush(&mut current, &mut out);
            continue;
        }
        if trimmed.starts_with(['*', '#', ':', ';']) {
            flush(&mut current, &mut out);
            current.push_str(trimmed.trim_start_matches(['*', '#', ':', ';']).trim());
            flush(&mut current, &mut out);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(trimmed);
    }
    flush(&mut current, &mut out);
    out.join("\n\n")
}

/// Whether a paragraph has no words, only markers, spaces and punctuation left by templates
/// that rendered to nothing.
fn is_empty_text(paragraph: &str) -> bool {
    let words = super::render::strip_markers(paragraph);
    !words.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_paragraphs() {
        let src =
            "Intro line\nsame paragraph.\n\n== History ==\n* First\n# Second\n{| class=x\n| cell\n|}\n----\nAfter.";
        assert_eq!(paragraphs(src), "Intro line same paragraph.\n\nHistory\n\nFirst\n\nSecond\n\nAfter.");
    }
}
