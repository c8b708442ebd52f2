//! The lore journal in the core: links between claims, the glossary, search, spoilers, the
//! timeline, the dashboard and the 1.0 → 1.1 migration.

mod common;

use std::collections::BTreeSet;

use canonry::edit::Editor;
use canonry::export::{self, ExportOptions, Format};
use canonry::lore::search::{Place, SearchFilters, SearchIndex};
use canonry::model::{CitationKind, InUniverseTime, LinkKind, Project, Spoiler, Tier};
use canonry::storage::parse_project;

fn sample() -> Project {
    parse_project(common::sample_bytes()).expect("sample").project
}

fn claim_id(project: &Project, quote_start: &str) -> String {
    project.claims.iter().find(|c| c.anchor.exact.starts_with(quote_start)).expect("claim").id.clone()
}

#[test]
fn links_read_both_ways_and_deleting_a_claim_removes_its_links_in_one_undo_step() {
    let mut editor = Editor::new(sample());
    let rumour = claim_id(editor.project(), "Others expect the Zhat Vash");
    let fact = claim_id(editor.project(), "Rogue synthetics");
    let link = editor.add_link(&rumour, &fact, LinkKind::Contradicts, "Which is it?").expect("linked");
    assert!(editor.add_link(&fact, &rumour, LinkKind::Contradicts, "").is_none(), "the same contradiction twice");
    assert!(editor.add_link(&rumour, &rumour, LinkKind::Supports, "").is_none(), "a claim cannot link to itself");

    let from_rumour = canonry::lore::links_of(editor.project(), &rumour);
    assert!(from_rumour.iter().any(|(l, other, label)| l.id == link && *other == fact && *label == "contradicts"));
    let from_fact = canonry::lore::links_of(editor.project(), &fact);
    assert!(from_fact.iter().any(|(l, other, label)| l.id == link && *other == rumour && *label == "contradicted by"));
    assert!(canonry::lore::open_contradictions(editor.project()).iter().any(|l| l.id == link));

    editor.update_link(&link, "Resolve", false, |l| l.resolved = true);
    assert!(!canonry::lore::open_contradictions(editor.project()).iter().any(|l| l.id == link));

    let links_before = editor.project().links.len();
    assert!(editor.delete_claim(&fact));
    assert!(editor.project().links.iter().all(|l| l.from != fact && l.to != fact), "its links went with it");
    assert!(editor.project().links.len() < links_before);
    editor.undo();
    assert_eq!(editor.project().links.len(), links_before, "one undo brings the claim and its links back");
    assert!(editor.project().links.iter().any(|l| l.id == link && l.resolved));
}

#[test]
fn removing_an_article_removes_links_to_its_claims() {
    let mut editor = Editor::new(sample());
    let second = editor.project().articles[1].id.clone();
    assert!(
        editor.project().links.iter().any(|l| { editor.project().claim(&l.from).is_some_and(|c| c.article == second) })
    );
    editor.remove_article(&second);
    let project = editor.project();
    for link in &project.links {
        assert!(project.claim(&link.from).is_some() && project.claim(&link.to).is_some(), "dangling {link:?}");
    }
}

#[test]
fn supersession_chains_run_from_the_rumour_to_its_confirmation() {
    let project = sample();
    let rumour = claim_id(&project, "Rumour has it that Q");
    let chain: Vec<&str> =
        canonry::lore::supersession_chain(&project, &rumour).iter().map(|c| c.tier.as_str()).collect();
    assert_eq!(chain, [Tier::SPECULATION, Tier::CANON], "speculation, then the canon claim that superseded it");
    let dashboard = canonry::lore::dashboard(&project, None);
    assert!(dashboard.confirmed_speculation >= 1, "{dashboard:?}");
    assert_eq!(dashboard.open_contradictions, 1);
    assert_eq!(dashboard.claims, project.claims.len());
    assert_eq!(dashboard.per_tier.iter().map(|(_, _, n)| n).sum::<usize>(), project.claims.len());
    assert_eq!(dashboard.top_names.first().map(|(n, _)| n.as_str()), Some("Jean-Luc Picard"));
}

#[test]
fn search_filters_combine_and_hits_point_at_the_right_offsets() {
    let mut project = sample();
    let index = SearchIndex::new(&project);
    let all = index.search(&project, "zhat vash", &SearchFilters::default(), 500);
    assert!(all.iter().any(|h| matches!(h.place, Place::Quote { .. })));
    assert!(all.iter().any(|h| matches!(h.place, Place::Glossary { .. })));
    for hit in &all {
        if let Place::ArticleText { article, start, end } = &hit.place {
            let text = &project.article(article).expect("article").text;
            let found: String = text.chars().skip(*start).take(end - start).collect();
            assert_eq!(found.to_lowercase(), "zhat vash", "offsets point at the match");
        }
    }

    // Tier and name filters combine: speculation claims mentioning the Zhat Vash.
    let zhat_vash = project.glossary.iter().find(|e| e.name == "Zhat Vash").expect("entry").id.clone();
    let filters = SearchFilters {
        tiers: Some(BTreeSet::from([Tier::SPECULATION.to_owned()])),
        name: Some(zhat_vash.clone()),
        ..SearchFilters::default()
    };
    let hits = index.search(&project, "expect", &filters, 500);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let Place::Quote { claim } = &hits[0].place else { panic!("{hits:?}") };
    assert_eq!(project.claim(claim).expect("claim").anchor.exact, "Others expect the Zhat Vash to return");
    // The same words in canon claims are filtered out; no article text when filtering claims.
    let canon_only = SearchFilters { tiers: Some(BTreeSet::from([Tier::CANON.to_owned()])), ..filters.clone() };
    assert!(index.search(&project, "expect", &canon_only, 500).is_empty());

    // Contradictions and dates.
    let contradicted = SearchFilters { has_contradictions: true, ..SearchFilters::default() };
    let hits = index.search(&project, "laris", &contradicted, 500);
    assert_eq!(hits.len(), 2, "both sides of the open contradiction mention Laris: {hits:?}");
    let future = SearchFilters { from_date: "2099-01-01".into(), ..SearchFilters::default() };
    assert!(index.search(&project, "picard", &future, 500).is_empty());

    // Source kinds.
    project.claims[0].citations.push(canonry::model::Citation::new(CitationKind::Comic, "Countdown #1", "p. 3"));
    let index = SearchIndex::new(&project);
    let comics = SearchFilters { citation_kind: Some(CitationKind::Comic), ..SearchFilters::default() };
    let hits = index.search(&project, "countdown", &comics, 500);
    assert!(hits.iter().any(|h| matches!(&h.place, Place::Citation { claim, .. } if *claim == project.claims[0].id)));
}

#[test]
fn search_is_case_insensitive_across_unicode() {
    let mut project = Project::new("t");
    let article = canonry::model::Article::new("a", "Der KAPITÄN traf ÆLFRIDA auf der Brücke. 🖖 Kapitän!");
    let id = article.id.clone();
    project.articles.push(article);
    let index = SearchIndex::new(&project);
    let hits = index.search(&project, "kapitän", &SearchFilters::default(), 10);
    let offsets: Vec<(usize, usize)> = hits
        .iter()
        .filter_map(|h| match &h.place {
            Place::ArticleText { article, start, end } if *article == id => Some((*start, *end)),
            _ => None,
        })
        .collect();
    assert_eq!(offsets, [(4, 11), (43, 50)]);
}

#[test]
fn spoilers_are_left_out_of_exports_that_ask_for_it_until_their_date() {
    let mut project = sample();
    let spoiler = claim_id(&project, "The trailer confirms that Q returns");
    let quote = project.claim(&spoiler).expect("claim").anchor.exact.clone();
    let everything = ExportOptions::default();
    let hidden = ExportOptions { hide_spoilers: true, ..ExportOptions::default() };
    let markdown = |p: &Project, o: &ExportOptions| {
        String::from_utf8(export::export(p, Format::Markdown, o).expect("md")).expect("utf-8")
    };
    assert!(markdown(&project, &everything).contains(&quote));
    assert!(markdown(&project, &everything).contains("*(spoiler)*"));
    assert!(!markdown(&project, &hidden).contains(&quote), "a spoiler is left out");
    let w3c = String::from_utf8(export::export(&project, Format::W3c, &hidden).expect("w3c")).expect("utf-8");
    assert!(!w3c.contains(&quote));

    // A spoiler "until" a past day is no longer one.
    project.claim_mut(&spoiler).expect("claim").spoiler =
        Some(Spoiler { until: "2020-01-01".into(), ..Spoiler::default() });
    assert!(markdown(&project, &hidden).contains(&quote));

    // A whole article marked as a spoiler goes, with its claims.
    let article = project.articles[1].clone();
    project.articles[1].spoiler = Some(Spoiler::default());
    let md = markdown(&project, &hidden);
    assert!(!md.contains(&article.title) && !md.contains(&quote));
}

#[test]
fn the_timeline_orders_years_stardates_and_eras() {
    let mut editor = Editor::new(sample());
    let ids: Vec<String> = editor.project().claims.iter().take(4).map(|c| c.id.clone()).collect();
    for (id, label) in ids.iter().zip(["the Dominion War", "2387", "stardate 41153.7", "19 BBY"]) {
        editor.set_claim_time(id, Some(InUniverseTime::new(label)));
    }
    let project = editor.project();
    let labels: Vec<String> = canonry::lore::timeline::timeline(project, None)
        .iter()
        .map(|c| c.in_universe.as_ref().expect("time").label.clone())
        .collect();
    let position = |label: &str| labels.iter().position(|l| l == label).expect(label);
    assert!(position("19 BBY") < position("stardate 41153.7"), "{labels:?}");
    assert!(position("stardate 41153.7") < position("2387"), "41153.7 is 2364, before 2387: {labels:?}");
    assert_eq!(labels.last().map(String::as_str), Some("the Dominion War"), "undated eras come last");
    // Clearing a time takes the claim off the timeline.
    editor.set_claim_time(&ids[0], None);
    assert!(!canonry::lore::timeline::timeline(editor.project(), None).iter().any(|c| c.id == ids[0]));
}

#[test]
fn a_1_0_file_is_migrated_and_keeps_everything() {
    let old = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-1.0/picard-1.0.canonry"),
    )
    .expect("1.0 sample");
    let loaded = parse_project(&old).expect("a 1.0 file opens");
    assert_eq!(loaded.migrated_from, Some(canonry::storage::FormatVersion { major: 1, minor: 0 }));
    assert_eq!(loaded.version, canonry::storage::CURRENT_VERSION);
    assert_eq!(loaded.project.claims.len(), 13);
    assert!(loaded.project.links.is_empty() && loaded.project.glossary.is_empty());
    // Its own top-level "links" key is kept, renamed so it is not misread.
    assert!(loaded.project.extra.contains_key("x_1_0_links"));
    let saved = canonry::storage::serialize_project(&loaded.project, loaded.version).expect("save");
    let text = String::from_utf8(saved).expect("utf-8");
    assert!(text.contains(&format!("\"version\": \"{}\"", canonry::storage::CURRENT_VERSION)));
    let again = parse_project(text.as_bytes()).expect("the upgraded file opens");
    assert_eq!(again.project, loaded.project);
    assert_eq!(again.migrated_from, None);
}

#[test]
fn a_link_to_a_missing_claim_is_reported_not_fatal() {
    let mut value: serde_json::Value = serde_json::from_slice(common::sample_bytes()).expect("json");
    value["links"][0]["to"] = serde_json::json!("no-such-claim");
    let loaded = parse_project(&serde_json::to_vec(&value).expect("bytes")).expect("loads");
    assert!(
        loaded.warnings.iter().any(|w| w.contains("links[0]") && w.contains("does not exist")),
        "{:?}",
        loaded.warnings
    );
    assert!(
        canonry::lore::links_of(&loaded.project, &loaded.project.links[0].from)
            .iter()
            .all(|(l, _, _)| l.to != "no-such-claim")
    );
}

#[test]
fn a_1_1_file_is_migrated_and_its_own_conflicts_key_is_kept_aside() {
    let old = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-1.1/picard-1.1.canonry"),
    )
    .expect("1.1 sample");
    let loaded = parse_project(&old).expect("a 1.1 file opens");
    assert_eq!(loaded.migrated_from, Some(canonry::storage::FormatVersion { major: 1, minor: 1 }));
    assert_eq!(loaded.version, canonry::storage::CURRENT_VERSION);
    assert!(loaded.project.conflicts.is_empty(), "a 1.1 file has no merge conflicts");
    assert_eq!(
        loaded.project.extra.get("x_1_1_conflicts").and_then(|v| v.as_str()),
        Some("my own list of things to check")
    );
    let current = parse_project(common::sample_bytes()).expect("sample").project;
    assert_eq!(loaded.project.claims, current.claims, "every claim comes through the upgrade unchanged");
    let saved = canonry::storage::serialize_project(&loaded.project, loaded.version).expect("save");
    let again = parse_project(&saved).expect("the upgraded file opens");
    assert_eq!((again.project, again.migrated_from), (loaded.project, None));
}
