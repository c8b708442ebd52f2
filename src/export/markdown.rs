//! Markdown like a fan-wiki page, for GitHub, Reddit, Discord and wikis (CommonMark).
//!
//! Quotes and titles come from articles and must never change the layout, so their Markdown
//! metacharacters are escaped; notes are the user's own Markdown and are kept as written, except
//! for what could act in a renderer that trusts it (raw HTML tags, `javascript:`-style links)
//! or hide in a terminal (control characters): a note merged from someone else stays inert.

use super::{ExportOptions, LinkIndex, tier_counts};
use crate::model::{Claim, Project};
use crate::text::is_web_url;

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

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A note's Markdown made inert: control characters dropped, HTML tags shown as text (`\<`),
/// and link targets with a scheme other than http(s) or mailto turned into harmless fragments.
pub fn inert_note(note: &str) -> String {
    let chars: Vec<char> = note.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect();
    let rest = |i: usize| chars[i..].iter().take(12).collect::<String>().to_ascii_lowercase();
    let mut out = String::with_capacity(note.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if c == '<' && (next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')) {
            let tail = rest(i + 1);
            let autolink = tail.starts_with("http://") || tail.starts_with("https://") || tail.starts_with("mailto:");
            if !autolink {
                out.push('\\');
            }
        }
        out.push(c);
        if c == '(' && i > 0 && chars[i - 1] == ']' {
            let start = i + 1 + usize::from(chars.get(i + 1) == Some(&'<'));
            let scheme: String =
                chars[start.min(chars.len())..].iter().take_while(|c| c.is_ascii_alphanumeric()).collect();
            let has_scheme = !scheme.is_empty() && chars.get(start + scheme.chars().count()) == Some(&':');
            let safe = ["http", "https", "mailto"].contains(&scheme.to_ascii_lowercase().as_str());
            if has_scheme && !safe {
                out.push('#');
            }
        }
    }
    out
}

/// A block quote holding `text` exactly, one `>` line per line of text.
pub fn block_quote(text: &str) -> String {
    escape(text.trim())
        .lines()
        .map(|l| if l.is_empty() { ">".to_owned() } else { format!("> {l}") })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A link target that CommonMark accepts as written (`<...>` with no spaces or brackets).
fn link_target(url: &str) -> String {
    url.trim().replace(' ', "%20").replace('<', "%3C").replace('>', "%3E")
}

/// The whole export.
pub fn export(project: &Project, options: &ExportOptions) -> String {
    let mut md = String::new();
    md.push_str(&format!("# {}\n\n", escape(&project.title)));
    let counts = tier_counts(project, options);
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let summary: Vec<String> = counts.iter().map(|(t, n)| format!("{} {}", escape(&t.label), n)).collect();
    md.push_str(&format!("*{total} claims: {}*\n", summary.join(" · ")));
    let links = LinkIndex::new(project, options);

    for article in options.articles(project) {
        md.push_str(&format!("\n## {}\n\n", escape(&article.title)));
        let mut source = Vec::new();
        if is_web_url(&article.source_url) {
            source.push(format!("[Source](<{}>)", link_target(&article.source_url)));
        }
        if !article.author.is_empty() {
            source.push(escape(&article.author));
        }
        if !article.published.is_empty() {
            source.push(escape(&article.published));
        }
        if !article.licence.is_empty() {
            // Quoting a CC BY-SA wiki page obliges to name its licence wherever its words go.
            source.push(format!("Licence: {}", escape(&article.licence)));
        }
        if !source.is_empty() {
            md.push_str(&format!("{}\n", source.join(" · ")));
        }
        let claims = options.claims(project, &article.id);
        for tier in options.tiers(project) {
            let of_tier: Vec<&&Claim> = claims.iter().filter(|c| c.tier == tier.id).collect();
            if of_tier.is_empty() {
                continue;
            }
            md.push_str(&format!("\n### {} {}\n", tier.icon, escape(&tier.label)));
            for claim in of_tier {
                md.push('\n');
                md.push_str(&claim_block_with(project, claim, options, &links));
            }
        }
    }
    md.push_str(&timeline_section(project, options));
    md.push_str(&glossary_section(project, options));
    md
}

/// A short quote for cross-references: the first words, in quotation marks.
fn short_quote(claim: &Claim) -> String {
    format!("“{}”", escape(&super::first_words(claim)))
}

/// Claims with an in-universe time, in in-universe order.
fn timeline_section(project: &Project, options: &ExportOptions) -> String {
    let claims = super::timeline(project, options);
    if claims.is_empty() {
        return String::new();
    }
    let mut md = String::from("\n## Timeline\n\n");
    for claim in claims {
        let when = claim.in_universe.as_ref().map(|t| t.label.as_str()).unwrap_or_default();
        let tier = project.tier(&claim.tier).map_or_else(|| claim.tier.clone(), |t| format!("{} {}", t.icon, t.label));
        md.push_str(&format!("- **{}**: {} ({})\n", escape(when), short_quote(claim), escape(&tier)));
    }
    md
}

/// The glossary: each name with its aliases, description and how many claims mention it.
fn glossary_section(project: &Project, options: &ExportOptions) -> String {
    let entries = super::glossary(project, options);
    if entries.is_empty() {
        return String::new();
    }
    let mut md = String::from("\n## Glossary\n");
    for (entry, mentions) in entries {
        md.push_str(&format!("\n### {}\n\n*{}*", escape(&entry.name), escape(&entry.kind)));
        if !entry.aliases.is_empty() {
            let aliases: Vec<String> = entry.aliases.iter().map(|a| escape(a)).collect();
            md.push_str(&format!(" · also: {}", aliases.join(", ")));
        }
        md.push_str(&format!(" · mentioned in {mentions} claim{}\n", if mentions == 1 { "" } else { "s" }));
        if options.with_notes() && !entry.description.trim().is_empty() {
            md.push('\n');
            md.push_str(&inert_note(entry.description.trim()));
            md.push('\n');
        }
    }
    md
}

/// One claim: its quote as a block quote, then note, sources and history.
pub fn claim_block(project: &Project, claim: &Claim, options: &ExportOptions) -> String {
    claim_block_with(project, claim, options, &LinkIndex::new(project, options))
}

fn claim_block_with(project: &Project, claim: &Claim, options: &ExportOptions, links: &LinkIndex) -> String {
    let mut md = block_quote(&claim.anchor.exact);
    md.push('\n');
    if claim.anchor.is_orphaned() {
        md.push_str("\n*(orphaned: no longer found in the article)*\n");
    }
    if crate::model::spoiler_active(claim.spoiler.as_ref(), &options.today) {
        md.push_str("\n*(spoiler)*\n");
    }
    if options.with_notes() && !claim.note.trim().is_empty() {
        md.push('\n');
        md.push_str(&inert_note(claim.note.trim()));
        md.push('\n');
    }
    if let Some(time) = claim.in_universe.as_ref().filter(|t| !t.label.trim().is_empty()) {
        md.push_str(&format!("\n*In-universe: {}*\n", escape(&time.label)));
    }
    let links = links.of(&claim.id);
    if !links.is_empty() {
        md.push('\n');
        for &(link, other, label) in links {
            let mut line = format!("- {} {}{}", capitalise(label), short_quote(other), super::link_status(link));
            if options.with_notes() && !link.note.trim().is_empty() {
                line.push_str(&format!(
                    ": {}",
                    inert_note(&link.note.split_whitespace().collect::<Vec<_>>().join(" "))
                ));
            }
            md.push_str(&line);
            md.push('\n');
        }
    }
    if options.with_citations() && !claim.citations.is_empty() {
        md.push('\n');
        for citation in &claim.citations {
            let text = escape(&citation.display());
            if is_web_url(&citation.url) {
                md.push_str(&format!("- Source: [{text}](<{}>)\n", link_target(&citation.url)));
            } else {
                md.push_str(&format!("- Source: {text}\n"));
            }
        }
    }
    if options.with_history() && !claim.history.is_empty() {
        md.push('\n');
        for change in &claim.history {
            let label = |id: &str| project.tier(id).map_or_else(|| id.to_owned(), |t| t.label.clone());
            let why = if change.why.is_empty() { String::new() } else { format!(": {}", change.why) };
            md.push_str(&escape(&format!("- {} → {} ({}){why}", label(&change.from), label(&change.to), change.when)));
            md.push('\n');
        }
    }
    md
}

/// "Copy as Markdown" for chosen claims: their blocks, each with its tier, ready for a chat.
pub fn copy_claims(project: &Project, claim_ids: &[String]) -> String {
    let options = ExportOptions::default();
    let mut blocks = Vec::new();
    for id in claim_ids {
        let Some(claim) = project.claim(id) else { continue };
        let tier = project.tier(&claim.tier).map_or_else(|| claim.tier.clone(), |t| format!("{} {}", t.icon, t.label));
        let article = project.article(&claim.article).map(|a| escape(&a.title)).unwrap_or_default();
        blocks.push(format!("**{}** · {article}\n\n{}", escape(&tier), claim_block(project, claim, &options)));
    }
    blocks.join("\n---\n\n")
}

#[cfg(test)]
mod inert_note_tests {
    use super::inert_note;

    #[test]
    fn keeps_ordinary_markdown_and_defuses_the_rest() {
        assert_eq!(
            inert_note("*Seen* in [ep 1](https://example.org) <https://memory-alpha.fandom.com>"),
            "*Seen* in [ep 1](https://example.org) <https://memory-alpha.fandom.com>"
        );
        assert_eq!(inert_note("a < b <script>x</script>"), "a < b \\<script>x\\</script>");
        assert_eq!(
            inert_note("[x](javascript:alert(1)) [y](<file:///etc>)"),
            "[x](#javascript:alert(1)) [y](#\\<file:///etc>)"
        );
        assert_eq!(inert_note("bell\u{7} esc\u{1b}[2J\nnext"), "bell esc[2J\nnext");
    }
}
