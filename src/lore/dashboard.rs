//! The dashboard's figures: claims per tier, canon share, contradictions, orphans,
//! confirmations and retcons, the most-mentioned names and recent activity.

use std::collections::HashMap;

use super::links::open_contradictions;
use crate::lore::glossary::NameMatcher;
use crate::lore::spoilers::{HIDDEN_LABEL, SpoilerRule};
use crate::model::{Claim, Day, LinkKind, Project, Tier};

/// The project's figures, for the dashboard.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dashboard {
    /// Claims per tier, in tier order: (tier id, label, count).
    pub per_tier: Vec<(String, String, usize)>,
    pub claims: usize,
    /// Share of claims in the canon tier, 0..=1.
    pub canon_share: f64,
    pub open_contradictions: usize,
    pub orphans: usize,
    /// Speculation later confirmed: retagged from speculation to canon, or superseded by a canon
    /// claim.
    pub confirmed_speculation: usize,
    /// Canon later retconned: retagged away from canon, or superseded by another claim.
    pub retconned_canon: usize,
    /// Glossary names by the number of claims mentioning them, most first (at most 10).
    pub top_names: Vec<(String, usize)>,
    /// Latest changes: (RFC 3339 time, what happened), newest first (at most 10).
    pub recent: Vec<(String, String)>,
}

/// [`dashboard_with`] under the spoiler rule of a view that revealed nothing, today.
pub fn dashboard(project: &Project, article: Option<&str>) -> Dashboard {
    dashboard_with(project, article, &SpoilerRule::on(Day::today_local()))
}

/// The figures for the whole project, or for one article. "Recent activity" names a claim that
/// `rule` hides by [`HIDDEN_LABEL`], never by its words.
pub fn dashboard_with(project: &Project, article: Option<&str>, rule: &SpoilerRule) -> Dashboard {
    let claims: Vec<&Claim> = project.claims.iter().filter(|c| article.is_none_or(|a| c.article == a)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for claim in &claims {
        *counts.entry(claim.tier.as_str()).or_default() += 1;
    }
    let per_tier: Vec<(String, String, usize)> = project
        .tiers
        .iter()
        .map(|t| (t.id.clone(), t.label.clone(), counts.get(t.id.as_str()).copied().unwrap_or(0)))
        .collect();
    let canon = counts.get(Tier::CANON).copied().unwrap_or(0);
    let ids: std::collections::HashSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    let tier_of: HashMap<&str, &str> = project.claims.iter().map(|c| (c.id.as_str(), c.tier.as_str())).collect();

    let supersessions = project.links.iter().filter(|l| l.kind() == Some(LinkKind::Supersedes));
    let mut superseded = std::collections::HashSet::new();
    let mut superseded_by_canon = std::collections::HashSet::new();
    for link in supersessions {
        superseded.insert(link.to.as_str());
        if tier_of.get(link.from.as_str()) == Some(&Tier::CANON) {
            superseded_by_canon.insert(link.to.as_str());
        }
    }
    let superseded_by_canon = |id: &str| superseded_by_canon.contains(id);
    let superseded = |id: &str| superseded.contains(id);
    let confirmed_speculation = claims
        .iter()
        .filter(|c| {
            c.history.iter().any(|h| h.from == Tier::SPECULATION && h.to == Tier::CANON)
                || (c.tier == Tier::SPECULATION && superseded_by_canon(&c.id))
        })
        .count();
    let retconned_canon = claims
        .iter()
        .filter(|c| {
            c.history.iter().any(|h| h.from == Tier::CANON && h.to != Tier::CANON)
                || (c.tier == Tier::CANON && superseded(&c.id))
        })
        .count();

    let matcher = NameMatcher::new(&project.glossary);
    let mut mentions = vec![0usize; project.glossary.len()];
    for claim in &claims {
        let mut entries: Vec<usize> = matcher.mentions(&claim.anchor.exact).iter().map(|m| m.entry).collect();
        entries.sort_unstable();
        entries.dedup();
        for e in entries {
            mentions[e] += 1;
        }
    }
    let mut top_names: Vec<(String, usize)> =
        project.glossary.iter().zip(mentions).filter(|(_, n)| *n > 0).map(|(e, n)| (e.name.clone(), n)).collect();
    top_names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top_names.truncate(10);

    let label = |tier: &str| project.tier(tier).map_or_else(|| tier.to_owned(), |t| t.label.clone());
    let concealed = rule.concealed_claims(project);
    let short = |c: &Claim| {
        if concealed.contains(c.id.as_str()) {
            return HIDDEN_LABEL.to_owned();
        }
        let quote: String = c.anchor.exact.chars().take(50).collect();
        if c.anchor.exact.chars().count() > 50 { format!("“{quote}…”") } else { format!("“{quote}”") }
    };
    let mut recent: Vec<(String, String)> = Vec::new();
    for claim in &claims {
        recent.push((claim.created.clone(), format!("Tagged {} as {}", short(claim), label(&claim.tier))));
        for change in &claim.history {
            recent.push((
                change.when.clone(),
                format!("Retagged {} from {} to {}", short(claim), label(&change.from), label(&change.to)),
            ));
        }
    }
    let by_id: HashMap<&str, &Claim> = project.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    for link in project.links.iter().filter(|l| ids.contains(l.from.as_str()) || ids.contains(l.to.as_str())) {
        if let (Some(from), Some(kind)) = (by_id.get(link.from.as_str()), link.kind()) {
            recent.push((link.created.clone(), format!("Linked {} ({})", short(from), kind.forward_label())));
        }
    }
    recent.sort_by(|a, b| b.0.cmp(&a.0));
    recent.truncate(10);

    Dashboard {
        per_tier,
        claims: claims.len(),
        canon_share: if claims.is_empty() { 0.0 } else { canon as f64 / claims.len() as f64 },
        open_contradictions: open_contradictions(project)
            .iter()
            .filter(|l| ids.contains(l.from.as_str()) || ids.contains(l.to.as_str()))
            .count(),
        orphans: claims.iter().filter(|c| c.anchor.is_orphaned()).count(),
        confirmed_speculation,
        retconned_canon,
        top_names,
        recent,
    }
}
