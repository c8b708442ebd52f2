//! Spoilers never leak: one oracle over every export format and option, for the sample (one
//! spoiler claim) and for a project whose whole second article is a spoiler.
//!
//! - Left out (`hide_spoilers`, `spoiler_free`): the spoiler's words appear nowhere in the
//!   output of any format, article bodies and cross-references included; a bundle still loads
//!   and every claim it keeps points at the same words as before.
//! - Shown (default HTML): the words appear only inside a `<details>` element.
//! - Dates: a mark until yesterday no longer hides, until tomorrow still does, judged on the
//!   local day of the zone (two zones on either side of midnight disagree).

mod common;

use std::collections::HashSet;

use canonry::export::{self, ExportOptions, Format};
use canonry::lore::search::{SearchFilters, SearchIndex};
use canonry::lore::spoilers::{HIDDEN_LABEL, SpoilerRule};
use canonry::model::{Article, Day, InUniverseTime, LinkKind, Project, Spoiler, Tier};
use canonry::storage::parse_project;
use canonry::text::CharIndex;

fn sample() -> Project {
    parse_project(common::sample_bytes()).expect("sample").project
}

fn day(text: &str) -> Day {
    Day::parse(text).expect("valid fixture day")
}

const SAMPLE_SECRET: &str = "The trailer confirms that Q returns";

/// A project written for this test: an ordinary article, then an article marked as a spoiler
/// as a whole. A claim of the first is superseded by one in the second, both are dated (so both
/// reach the Timeline), and a glossary name is mentioned in the spoiler.
fn whole_article_project() -> (Project, Vec<&'static str>) {
    const OPEN: &str = "The courier reached Vey Station at dusk. Nobody on the dock knew her name.\n\
        Rumour says the lighthouse keeper is her brother.";
    const SECRET_TEXT: &str = "Chapter nine settles it. The lighthouse keeper is the courier's mother in disguise.\n\
        She burned the ledger of Orrin Vale before the storm.";
    let mut project = Project::new("Vey Station notes");
    let open = Article::new("Arrival", OPEN);
    let mut secret = Article::new("Chapter nine", SECRET_TEXT);
    secret.spoiler = Some(Spoiler::default());
    let (open_id, secret_id) = (open.id.clone(), secret.id.clone());
    project.articles.push(open);
    project.articles.push(secret);
    let range = |text: &str, words: &str| {
        let byte = text.find(words).expect("words in fixture");
        let start = text[..byte].chars().count();
        (start, start + words.chars().count())
    };
    let (s, e) = range(OPEN, "the lighthouse keeper is her brother");
    let rumour = project.add_claim(&open_id, s, e, Tier::SPECULATION).expect("rumour");
    let (s, e) = range(SECRET_TEXT, "The lighthouse keeper is the courier's mother in disguise");
    let reveal = project.add_claim(&secret_id, s, e, Tier::CANON).expect("reveal");
    let (s, e) = range(SECRET_TEXT, "She burned the ledger of Orrin Vale");
    project.add_claim(&secret_id, s, e, Tier::CANON).expect("ledger");
    for id in [&rumour, &reveal] {
        if let Some(claim) = project.claim_mut(id) {
            claim.in_universe = Some(InUniverseTime::new("year 12 of the Vey calendar"));
        }
    }
    project.links.push(canonry::model::ClaimLink::new(
        &reveal,
        &rumour,
        LinkKind::Supersedes,
        "Settled in chapter nine.",
    ));
    project.glossary.push(canonry::model::GlossaryEntry::new("Orrin Vale", "person"));
    let secrets = vec!["courier's mother in disguise", "burned the ledger", "Chapter nine settles it"];
    (project, secrets)
}

fn export_text(project: &Project, format: Format, options: &ExportOptions) -> String {
    String::from_utf8(export::export(project, format, options).expect("export")).expect("utf-8")
}

/// Every option set under which spoilers are left out, judged on `today`.
fn leaving_out(today: Day) -> Vec<(&'static str, ExportOptions)> {
    let base = ExportOptions { today, ..ExportOptions::default() };
    vec![
        ("hide_spoilers", ExportOptions { hide_spoilers: true, ..base.clone() }),
        ("spoiler_free", ExportOptions { spoiler_free: true, ..base.clone() }),
        ("hide_spoilers+history", ExportOptions { hide_spoilers: true, history: true, ..base.clone() }),
        ("spoiler_free without notes", ExportOptions { spoiler_free: true, notes: false, ..base }),
    ]
}

/// The text a reader sees outside every `<details>` element, plus every attribute value there.
fn html_outside_details(html: &str) -> (String, String) {
    let document = scraper::Html::parse_document(html);
    let mut outside = String::new();
    let mut inside = String::new();
    for node in document.tree.nodes() {
        let in_details = node.ancestors().any(|a| a.value().as_element().is_some_and(|e| e.name() == "details"));
        match node.value() {
            scraper::Node::Text(text) if in_details => inside.push_str(text),
            scraper::Node::Text(text) => outside.push_str(text),
            scraper::Node::Element(element) if !in_details => {
                for (_, value) in element.attrs() {
                    outside.push_str(value);
                    outside.push(' ');
                }
            }
            _ => {}
        }
    }
    (outside, inside)
}

/// The oracle: for `project` and `secrets` (exact words of its spoilers), judged on `today`.
fn assert_never_leaks(project: &Project, secrets: &[&str], today: Day) {
    for (name, options) in leaving_out(today) {
        for format in Format::ALL {
            let out = export_text(project, format, &options);
            for secret in secrets {
                assert!(!out.contains(secret), "{format:?} with {name} contains {secret:?}");
            }
            if format == Format::Html {
                let (outside, inside) = html_outside_details(&out);
                for secret in secrets {
                    assert!(
                        !outside.contains(secret) && !inside.contains(secret),
                        "{name}: {secret:?} in the page text"
                    );
                }
            }
        }
    }
    // Default HTML: in the page, but only inside an element opened on purpose.
    let options = ExportOptions { today, ..ExportOptions::default() };
    let (outside, inside) = html_outside_details(&export_text(project, Format::Html, &options));
    for secret in secrets {
        assert!(!outside.contains(secret), "default HTML shows {secret:?} outside <details>");
        assert!(inside.contains(secret), "default HTML lost {secret:?} altogether");
    }
}

/// A bundle that leaves spoilers out loads without a warning, and every claim it keeps has
/// offsets holding its words, the same words as in the original project.
fn assert_bundle_is_exact(project: &Project, today: Day) {
    for (name, options) in leaving_out(today) {
        let bytes = export::export(project, Format::Bundle, &options).expect("bundle");
        let loaded = parse_project(&bytes).unwrap_or_else(|e| panic!("{name}: bundle does not load: {e}"));
        assert!(loaded.warnings.is_empty(), "{name}: bundle warnings {:?}", loaded.warnings);
        assert!(!loaded.project.claims.is_empty(), "{name}: the bundle kept no claim at all");
        for claim in &loaded.project.claims {
            let article = loaded.project.article(&claim.article).expect("claim's article in bundle");
            let index = CharIndex::new(&article.text);
            let original = project.claim(&claim.id).expect("claim from the project");
            assert_eq!(claim.anchor.exact, original.anchor.exact, "{name}: words changed");
            if !claim.anchor.is_orphaned() {
                assert_eq!(
                    index.slice(&article.text, claim.anchor.start, claim.anchor.end),
                    Some(claim.anchor.exact.as_str()),
                    "{name}: offsets do not hold the quote"
                );
            }
        }
    }
}

#[test]
fn the_samples_spoiler_never_leaks_from_any_format() {
    let project = sample();
    let spoiler = project.claims.iter().find(|c| c.anchor.exact.starts_with(SAMPLE_SECRET)).expect("sample spoiler");
    assert!(spoiler.spoiler.is_some(), "the sample's spoiler claim is marked");
    assert_never_leaks(&project, &[SAMPLE_SECRET, &spoiler.anchor.exact], day("2026-12-01"));
    assert_bundle_is_exact(&project, day("2026-12-01"));
}

#[test]
fn a_whole_spoiler_article_never_leaks_from_any_format() {
    let (project, secrets) = whole_article_project();
    assert_never_leaks(&project, &secrets, day("2026-12-01"));
    assert_bundle_is_exact(&project, day("2026-12-01"));
}

#[test]
fn leaving_out_cuts_the_whole_sentence_of_a_spoiler_from_the_bundle() {
    let project = sample();
    let options = ExportOptions { hide_spoilers: true, today: day("2026-12-01"), ..ExportOptions::default() };
    let bundle = export::bundle(&project, &options);
    let spoiler = project.claims.iter().find(|c| c.anchor.exact.starts_with(SAMPLE_SECRET)).expect("sample spoiler");
    let article = bundle.article(&spoiler.article).expect("article kept");
    // The rest of the spoiler's sentence went with it; the sentence before it stayed.
    assert!(!article.text.contains("telling him the trial never ends"));
    assert!(article.text.contains("settles one rumour at once"));
    assert!(article.text.contains(export::redact::CUT_MARKER));
}

#[test]
fn an_end_date_ends_the_mark_on_the_local_day_across_zones() {
    let mut project = sample();
    let index = project.claims.iter().position(|c| c.anchor.exact.starts_with(SAMPLE_SECRET)).expect("spoiler");
    // 23:30 UTC on 31 December 2026: already 1 January in UTC+1, still 31 December in UTC-5.
    let instant: jiff::Timestamp = "2026-12-31T23:30:00Z".parse().expect("instant");
    let east = Day::local_day_of(instant, &jiff::tz::TimeZone::fixed(jiff::tz::offset(1)));
    let west = Day::local_day_of(instant, &jiff::tz::TimeZone::fixed(jiff::tz::offset(-5)));
    project.claims[index].spoiler = Some(Spoiler::until("2027-01-01").expect("valid day"));
    let hidden_on = |project: &Project, today: Day| {
        let options = ExportOptions { hide_spoilers: true, today, ..ExportOptions::default() };
        !export_text(project, Format::Html, &options).contains(SAMPLE_SECRET)
    };
    assert!(!hidden_on(&project, east), "until today (east of UTC): no longer a spoiler");
    assert!(hidden_on(&project, west), "until tomorrow (west of UTC): still a spoiler");
    assert!(!hidden_on(&project, east.next()), "until yesterday: no longer a spoiler");
    // A mark whose date cannot be read never expires, and loading says so.
    project.claims[index].spoiler = Some(Spoiler { until: "31/12/2026".into(), ..Spoiler::default() });
    assert!(hidden_on(&project, day("2099-01-01")));
    let warnings = canonry::model::spoiler_date_warnings(&project);
    assert!(warnings.len() == 1 && warnings[0].contains("2026-12-31"), "{warnings:?}");
}

#[test]
fn the_cli_judges_end_dates_on_the_local_day_of_tz() {
    // UTC+14 and UTC-11 are always on different days: until the +14 day, the mark has ended in
    // +14 and is still active in -11. POSIX TZ strings need no zone database.
    let plus_14 = Day::local_day_of(jiff::Timestamp::now(), &jiff::tz::TimeZone::fixed(jiff::tz::offset(14)));
    let mut project = sample();
    let index = project.claims.iter().position(|c| c.anchor.exact.starts_with(SAMPLE_SECRET)).expect("spoiler");
    project.claims[index].spoiler = Some(Spoiler::until(&plus_14.to_string()).expect("valid day"));
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dated.canonry");
    std::fs::write(
        &file,
        canonry::storage::serialize_project(&project, canonry::storage::CURRENT_VERSION).expect("ser"),
    )
    .expect("write");
    let export_in = |tz: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_canonry"))
            .args(["export", &file.to_string_lossy(), "--format", "csv", "--hide-spoilers"])
            .env("TZ", tz)
            .output()
            .expect("run canonry");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).contains(SAMPLE_SECRET)
    };
    assert!(export_in("XST-14"), "in UTC+14 the mark has ended today");
    assert!(!export_in("YST11"), "in UTC-11 the mark ends tomorrow");
}

#[test]
fn app_views_ask_the_rule_search_dashboard_chain_and_copy() {
    let project = sample();
    let rule = SpoilerRule::on(day("2026-12-01"));
    let spoiler = project.claims.iter().find(|c| c.anchor.exact.starts_with(SAMPLE_SECRET)).expect("spoiler");

    // Search: neither the quote hit nor the article-text hit shows the words.
    let index = SearchIndex::new(&project);
    let hits = index.search_with(&project, "trailer confirms", &SearchFilters::default(), 50, &rule);
    assert!(hits.len() >= 2, "a quote hit and an article-text hit: {hits:?}");
    assert!(hits.iter().all(|h| !h.snippet.contains("Q returns")), "{hits:?}");
    assert!(hits.iter().all(|h| h.snippet == HIDDEN_LABEL));
    // Nearby words found by another query are blanked.
    let near = index.search_with(&project, "settles one rumour", &SearchFilters::default(), 50, &rule);
    assert!(!near.is_empty() && near.iter().all(|h| !h.snippet.contains("Q returns")), "{near:?}");
    // Revealed, it shows.
    let revealed: HashSet<String> = [spoiler.id.clone()].into();
    let shown = SpoilerRule::on_with_revealed(day("2026-12-01"), &revealed);
    let hits = index.search_with(&project, "trailer confirms", &SearchFilters::default(), 50, &shown);
    assert!(hits.iter().any(|h| h.snippet.contains("Q returns")));

    // Whole spoiler article: its text hits are hidden too.
    let (whole, secrets) = whole_article_project();
    let whole_index = SearchIndex::new(&whole);
    let hits = whole_index.search_with(&whole, "lighthouse keeper", &SearchFilters::default(), 50, &rule);
    assert!(hits.iter().all(|h| secrets.iter().all(|s| !h.snippet.contains(s))), "{hits:?}");
    assert!(hits.iter().any(|h| h.snippet == HIDDEN_LABEL));

    // Dashboard "Recent activity".
    let dashboard = canonry::lore::dashboard_with(&project, None, &rule);
    assert!(dashboard.recent.iter().all(|(_, line)| !line.contains("Q returns")), "{:?}", dashboard.recent);
    let dashboard = canonry::lore::dashboard_with(&whole, None, &rule);
    assert!(dashboard.recent.iter().all(|(_, l)| secrets.iter().all(|s| !l.contains(s))), "{:?}", dashboard.recent);

    // "Canon status over time".
    let chain = canonry::lore::supersession_chain(&project, &spoiler.id);
    assert!(chain.len() > 1, "the sample's spoiler supersedes a rumour");
    let lines = rule.redact_chain(&project, &chain);
    assert!(lines.iter().all(|(_, quote)| !quote.contains("Q returns")));
    assert!(lines.iter().any(|(_, quote)| *quote == HIDDEN_LABEL));

    // "Copy shown as Markdown": the spoiler is left out, and so is its cross-reference.
    let ids: Vec<String> = project.claims.iter().map(|c| c.id.clone()).collect();
    let copied = canonry::export::markdown::copy_shown_claims(&project, &ids, &rule);
    assert!(!copied.contains("Q returns") && !copied.is_empty());
    let copied = canonry::export::markdown::copy_shown_claims(&project, &ids, &shown);
    assert!(copied.contains(SAMPLE_SECRET), "a revealed spoiler is copied");
}
