//! Markdown like a fan-wiki page, for GitHub, Reddit, Discord and wikis (CommonMark).
//!
//! Quotes and titles come from articles and must never change the layout, so their Markdown
//! metacharacters are escaped; notes are the user's own Markdown and are kept as written, except
//! for what could act in a renderer that trusts it (raw HTML, links and images to anything but
//! http(s), mailto or a `#fragment`) or hide in a terminal (control characters): a note merged
//! from someone else stays inert (see [`inert_note`], which works on the parser's events).
//!
//! Markdown has no cover that every renderer honours, so a spoiler in a default export is
//! labelled "(spoiler)" and written out; `hide_spoilers`/`spoiler_free` leave it out.

pub use super::markdown_inert::inert_note;
use super::{ExportOptions, LinkIndex, Selection, tier_counts};
use crate::model::{Claim, Project};
use crate::text::is_web_url;

pub use super::markdown_escape::escape;

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
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
    let selection = Selection::new(project, options);
    let counts = tier_counts(&selection);
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let summary: Vec<String> = counts.iter().map(|(t, n)| format!("{} {}", escape(&t.label), n)).collect();
    md.push_str(&format!("*{total} claims: {}*\n", summary.join(" · ")));
    let links = LinkIndex::new(&selection);

    for article in selection.articles() {
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
        let claims = selection.claims(&article.id);
        for tier in options.tiers(project) {
            let of_tier: Vec<&&Claim> = claims.iter().filter(|c| c.tier == tier.id).collect();
            if of_tier.is_empty() {
                continue;
            }
            md.push_str(&format!("\n### {} {}\n", tier.icon, escape(&tier.label)));
            for claim in of_tier {
                md.push('\n');
                md.push_str(&claim_block_with(&selection, claim, &links));
            }
        }
    }
    md.push_str(&timeline_section(&selection));
    md.push_str(&glossary_section(&selection));
    md
}

/// A short quote for cross-references: the first words, in quotation marks.
fn short_quote(claim: &Claim) -> String {
    format!("“{}”", escape(&super::first_words(claim)))
}

/// Claims with an in-universe time, in in-universe order.
fn timeline_section(selection: &Selection) -> String {
    let project = selection.project;
    let claims = super::timeline(selection);
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
fn glossary_section(selection: &Selection) -> String {
    let options = selection.options;
    let entries = super::glossary(selection);
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
    let selection = Selection::new(project, options);
    claim_block_with(&selection, claim, &LinkIndex::new(&selection))
}

fn claim_block_with(selection: &Selection, claim: &Claim, links: &LinkIndex) -> String {
    let (project, options) = (selection.project, selection.options);
    let mut md = block_quote(&claim.anchor.exact);
    md.push('\n');
    if claim.anchor.is_orphaned() {
        md.push_str("\n*(orphaned: no longer found in the article)*\n");
    }
    if selection.covered(claim) {
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
/// Spoilers hidden today (with nothing revealed) are left out; see [`copy_shown_claims`].
pub fn copy_claims(project: &Project, claim_ids: &[String]) -> String {
    copy_shown_claims(project, claim_ids, &crate::lore::spoilers::SpoilerRule::on(crate::model::Day::today_local()))
}

/// "Copy shown as Markdown": the blocks of the chosen claims that `rule` (the view's, with what
/// the reader revealed) shows; hidden spoilers, and claims whose words overlap them, are left
/// out, so a copy never carries what the screen hides.
pub fn copy_shown_claims(project: &Project, claim_ids: &[String], rule: &crate::lore::spoilers::SpoilerRule) -> String {
    // Cross-references to spoilers this export rule hides are left out of the blocks too.
    let options = ExportOptions { today: rule.today(), hide_spoilers: true, ..ExportOptions::default() };
    let mut blocks = Vec::new();
    for claim in rule.shown_claims(project, claim_ids) {
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
        let kept = inert_note("*Seen* in [ep 1](https://example.org) <https://memory-alpha.fandom.com>");
        assert!(kept.contains("[ep 1](https://example.org)"), "{kept}");
        assert!(kept.contains("<https://memory-alpha.fandom.com>"), "{kept}");
        for hostile in ["[x](javascript:alert(1))", "[x]( javascript:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)"] {
            let out = inert_note(hostile);
            assert!(!out.contains("](") && !out.contains("]:"), "{hostile:?} gave {out:?}");
        }
        assert!(!inert_note("bell\u{7} esc\u{1b}[2J\nnext").contains('\u{1b}'));
        // Raw HTML shown as text keeps its brackets literal, and no `](` is left in the source.
        let html_line = inert_note("<script>x</script> [x](javascript:alert(3))");
        assert!(html_line.contains("\\<script>") && !html_line.contains("]("), "{html_line:?}");
    }
}
