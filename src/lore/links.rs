//! A claim's links seen from both ends, open contradictions, and chains of supersession.

use crate::model::{Claim, ClaimLink, LinkKind, Project};

/// The links to and from a claim, each with the other claim's id and how it reads from here
/// ("contradicts", "superseded by"). Links to claims that no longer exist are left out.
pub fn links_of<'p>(project: &'p Project, claim: &str) -> Vec<(&'p ClaimLink, &'p str, &'static str)> {
    project
        .links
        .iter()
        .filter_map(|link| link.seen_from(claim).map(|(other, label)| (link, other, label)))
        .filter(|(_, other, _)| project.claim(other).is_some())
        .collect()
}

/// Contradictions not yet resolved whose two claims both exist.
pub fn open_contradictions(project: &Project) -> Vec<&ClaimLink> {
    let claims: std::collections::HashSet<&str> = project.claims.iter().map(|c| c.id.as_str()).collect();
    project
        .links
        .iter()
        .filter(|l| l.is_open_contradiction() && claims.contains(l.from.as_str()) && claims.contains(l.to.as_str()))
        .collect()
}

/// The chain of claims that supersede one another through `claim`, oldest first: what it
/// replaced, itself, and what replaced it (a rumour, then its confirmation, then a retcon).
pub fn supersession_chain<'p>(project: &'p Project, claim: &str) -> Vec<&'p Claim> {
    let supersedes = |id: &str| {
        project.links.iter().find(|l| l.kind() == Some(LinkKind::Supersedes) && l.from == id).map(|l| l.to.clone())
    };
    let superseded_by = |id: &str| {
        project.links.iter().find(|l| l.kind() == Some(LinkKind::Supersedes) && l.to == id).map(|l| l.from.clone())
    };
    let mut chain = vec![claim.to_owned()];
    while let Some(older) = supersedes(&chain[0]).filter(|o| !chain.contains(o)) {
        chain.insert(0, older);
    }
    while let Some(newer) = superseded_by(chain.last().map_or("", String::as_str)).filter(|n| !chain.contains(n)) {
        chain.push(newer);
    }
    chain.iter().filter_map(|id| project.claim(id)).collect()
}
