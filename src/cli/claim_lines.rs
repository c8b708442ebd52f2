//! A project as readable lines, one claim a line, for `git diff` (the textconv driver), code
//! review and `canonry diff`: `[Canon] "the synths attacked Mars" (S1E10)`.

use crate::model::{Claim, Project};

/// Every line of the rendering, in a stable order (articles in project order, claims by place).
pub fn render(project: &Project) -> Vec<String> {
    let mut lines = vec![format!("Project: {}", project.title)];
    lines.extend(project.journal.lines().map(|l| format!("  journal: {l}")));
    for tier in &project.tiers {
        lines.push(format!("Tier {}: {} {} {}", tier.id, tier.label, tier.color, tier.icon));
    }
    for article in &project.articles {
        let spoiler = if article.spoiler.is_some() { " {spoiler}" } else { "" };
        lines.push(format!("Article \"{}\"{spoiler} ({} chars)", article.title, article.text.chars().count()));
        lines.extend(article.notes.lines().map(|l| format!("  notes: {l}")));
        let mut claims: Vec<&Claim> = project.claims_of(&article.id).collect();
        claims.sort_by(|a, b| (a.anchor.start, a.anchor.end, &a.id).cmp(&(b.anchor.start, b.anchor.end, &b.id)));
        lines.extend(claims.into_iter().map(|c| claim_line(project, c)));
    }
    let quote =
        |id: &str| project.claim(id).map_or_else(|| format!("(missing claim {id})"), |c| short(&c.anchor.exact));
    for link in &project.links {
        let resolved = if link.resolved { " {resolved}" } else { "" };
        let note = if link.note.is_empty() { String::new() } else { format!(" — {}", one_line(&link.note)) };
        lines.push(format!("Link \"{}\" {} \"{}\"{resolved}{note}", quote(&link.from), link.kind, quote(&link.to)));
    }
    for entry in &project.glossary {
        let aliases =
            if entry.aliases.is_empty() { String::new() } else { format!(" aka {}", entry.aliases.join(", ")) };
        let description =
            if entry.description.is_empty() { String::new() } else { format!(" — {}", one_line(&entry.description)) };
        lines.push(format!("Name {} ({}){aliases}{description}", entry.name, entry.kind));
    }
    for conflict in &project.conflicts {
        lines.push(format!("CONFLICT {}", conflict.describe()));
    }
    lines
}

/// `[Canon] "quote" (Episode S1E10) — note {spoiler} @stardate 41153.7`.
fn claim_line(project: &Project, claim: &Claim) -> String {
    let tier = project.tier(&claim.tier).map_or(claim.tier.as_str(), |t| t.label.as_str());
    let mut line = format!("[{tier}] \"{}\"", one_line(&claim.anchor.exact));
    if !claim.citations.is_empty() {
        let sources: Vec<String> = claim
            .citations
            .iter()
            .map(|c| if c.detail.is_empty() { c.title.clone() } else { c.detail.clone() })
            .collect();
        line.push_str(&format!(" ({})", sources.join("; ")));
    }
    if !claim.note.trim().is_empty() {
        line.push_str(&format!(" — {}", one_line(&claim.note)));
    }
    if claim.spoiler.is_some() {
        line.push_str(" {spoiler}");
    }
    if let Some(time) = &claim.in_universe {
        line.push_str(&format!(" @{}", time.label));
    }
    if claim.anchor.is_orphaned() {
        line.push_str(" {orphaned}");
    }
    line
}

fn one_line(text: &str) -> String {
    text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" / ")
}

fn short(text: &str) -> String {
    let line = one_line(text);
    if line.chars().count() > 60 { format!("{}…", line.chars().take(60).collect::<String>()) } else { line }
}

/// The lines removed (`- `) and added (`+ `) from `old` to `new`, in order.
pub fn diff(old: &Project, new: &Project) -> Vec<String> {
    let (old_lines, new_lines) = (render(old), render(new));
    let old_refs: Vec<&str> = old_lines.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_lines.iter().map(String::as_str).collect();
    let diff = similar::TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_slices(&old_refs, &new_refs);
    diff.iter_all_changes()
        .filter_map(|change| match change.tag() {
            similar::ChangeTag::Delete => Some(format!("- {}", change.value())),
            similar::ChangeTag::Insert => Some(format!("+ {}", change.value())),
            similar::ChangeTag::Equal => None,
        })
        .collect()
}
