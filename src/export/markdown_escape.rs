//! Escaping text so CommonMark shows it literally, for every Markdown the exports write.

/// Escapes text so CommonMark shows it literally (inline and at the start of a line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split('\n') {
        if !out.is_empty() || text.starts_with('\n') {
            out.push('\n');
        }
        escape_line(line.trim_start(), &mut out);
    }
    out
}

fn escape_line(line: &str, out: &mut String) {
    // A line starting with "1." or "1)" would become a list item.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.chars().enumerate().filter(|(_, c)| !c.is_control() || *c == '\t') {
        let at_start = i == 0;
        let needs = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '&' | '~' | '|' | '#')
            || (at_start && matches!(c, '+' | '-' | '='))
            || (digits > 0 && i == digits && matches!(c, '.' | ')'));
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
}
