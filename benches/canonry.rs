//! Canonry's performance workload. `cargo bench --bench canonry` prints one table: each figure,
//! its target, and pass or FAIL, and exits non-zero when a target is missed or a workload did not
//! do what it says. Frame times drive the real app UI through `egui::Context::run_ui` headlessly
//! (CPU side: UI code plus tessellation; painting on the GPU is not included).

mod autosave;
mod driver;
mod frames;
mod table;
mod workload;

use std::time::Instant;

use canonry::app::{AppState, Settings};
use canonry::export::{self, ExportOptions, Format};
use canonry::model::{Project, Tier};
use canonry::storage::{CURRENT_VERSION, parse_project, serialize_project};
use driver::{Driver, ms};
use egui::vec2;
use table::Table;

/// Ratios of two timings taken in the same run still move with the load of this shared machine:
/// a ratio target is missed only when the ratio exceeds it by more than this fraction.
const RATIO_NOISE: f64 = 0.10;

/// Median milliseconds of `runs` calls.
fn measure(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            ms(start.elapsed())
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Medians of `runs` alternating calls of `ours` and `theirs` (alternating, so both see the same
/// load on the machine).
fn measure_pair(runs: usize, mut ours: impl FnMut(), mut theirs: impl FnMut()) -> (f64, f64) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        ours();
        a.push(ms(start.elapsed()));
        let start = Instant::now();
        theirs();
        b.push(ms(start.elapsed()));
    }
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    (a[a.len() / 2], b[b.len() / 2])
}

fn ratio_row(table: &mut Table, name: &str, (ours, theirs): (f64, f64), target: f64) {
    let ratio = ours / theirs;
    table.add(
        name,
        format!("{ratio:.2}x ({ours:.1} / {theirs:.1} ms)"),
        &format!("<= {target}x (+{:.0}% noise)", RATIO_NOISE * 100.0),
        Some(ratio <= target * (1.0 + RATIO_NOISE)),
    );
}

/// The fonts the app installs before its first frame.
pub fn install_fonts(driver: &mut Driver) {
    canonry::app::install_fonts(&driver.ctx);
    driver.state.window.fonts_installed = true;
}

/// Load and save against serde_json on the same typed `Project` and the same bytes: what the
/// loader adds (checking every anchor, migrations) and the writer adds, over plain serde.
fn load_and_save(table: &mut Table, project: &Project, bytes: &[u8]) {
    let typed = serde_json::from_slice::<Project>(bytes);
    let same = typed.as_ref().is_ok_and(|p| p.claims.len() == project.claims.len() && p.articles == project.articles);
    table.effect("serde_json reads the file", format!("typed Project: {same}"), "same project", same);
    let load = measure(7, || {
        parse_project(bytes).expect("load");
    });
    table.add("load (parse + check every anchor)", format!("{load:.1} ms"), "", None);
    let pair = measure_pair(
        9,
        || {
            parse_project(bytes).expect("load");
        },
        || {
            serde_json::from_slice::<Project>(bytes).expect("serde_json");
        },
    );
    ratio_row(table, "load / serde_json::from_slice::<Project>", pair, 1.5);
    let save = measure(7, || {
        serialize_project(project, CURRENT_VERSION).expect("save");
    });
    table.add("save (serialise)", format!("{save:.1} ms"), "", None);
    let pair = measure_pair(
        9,
        || {
            serialize_project(project, CURRENT_VERSION).expect("save");
        },
        || {
            serde_json::to_vec_pretty(project).expect("serde_json");
        },
    );
    ratio_row(table, "save / serde_json::to_vec_pretty(&Project)", pair, 1.5);
}

fn describe(table: &mut Table, project: &Project, bytes: &[u8]) {
    let text_bytes = project.articles[0].text.len();
    let paragraphs = project.articles[0].text.split("\n\n").count();
    table.add(
        "workload",
        format!("{:.2} MB text, {paragraphs} par.", text_bytes as f64 / 1e6),
        "~1 MB, ~2,000 paragraphs",
        None,
    );
    table.add("claims", project.claims.len().to_string(), "10,000", None);
    table.add(
        "links / glossary names",
        format!("{} / {}", project.links.len(), project.glossary.len()),
        "1,000 / 500",
        None,
    );
    table.add("project file", format!("{:.2} MB", bytes.len() as f64 / 1e6), "", None);
}

fn reanchor_and_export(table: &mut Table, project: &Project) {
    // Re-anchoring after an update: a paragraph inserted in the middle, a typo fixed in another.
    let old_text = project.articles[0].text.clone();
    let middle = old_text.len() / 2;
    let cut = old_text[middle..].find("\n\n").map_or(middle, |i| middle + i);
    let mut new_text =
        format!("{}\n\nA correction paragraph inserted by the editors.{}", &old_text[..cut], &old_text[cut..]);
    if let Some(at) = new_text.find("wormhole") {
        new_text.replace_range(at..at + 8, "wormhol");
    }
    let mut moved = 0;
    let reanchor = measure(3, || {
        let mut claims = project.claims.clone();
        canonry::anchoring::reanchor(&old_text, &new_text, &mut claims);
        moved = claims.iter().zip(&project.claims).filter(|(a, b)| a.anchor.start != b.anchor.start).count();
    });
    table.add("re-anchor 10,000 claims", format!("{reanchor:.0} ms"), "< 1000 ms", Some(reanchor < 1000.0));
    table.effect("re-anchor", format!("{moved} claims moved"), "the ones after the insert", moved > 0);
    for format in [Format::Markdown, Format::Html, Format::W3c] {
        let mut size = 0;
        let t = measure(3, || {
            size = export::export(project, format, &ExportOptions::default()).expect("export").len();
        });
        table.add(
            &format!("export {}", format.extension()),
            format!("{t:.0} ms, {:.1} MB", size as f64 / 1e6),
            "< 300 ms",
            Some(t < 300.0),
        );
    }
}

fn search_and_lore(table: &mut Table, project: &Project, query: &str) {
    // Search everything: the index is built once per project change, then each keystroke
    // searches it.
    let index_build = measure(3, || {
        canonry::lore::search::SearchIndex::new(project);
    });
    table.add("search index build (once per edit)", format!("{index_build:.0} ms"), "", None);
    let index = canonry::lore::search::SearchIndex::new(project);
    let mut keystrokes = Vec::new();
    let mut found = 0;
    for n in 1..=query.chars().count() {
        let typed: String = query.chars().take(n).collect();
        let start = Instant::now();
        found = index.search(project, &typed, &canonry::lore::search::SearchFilters::default(), 300).len();
        keystrokes.push(ms(start.elapsed()));
    }
    keystrokes.sort_by(f64::total_cmp);
    let (median, max) = (keystrokes[keystrokes.len() / 2], keystrokes[keystrokes.len() - 1]);
    table.add("search per keystroke (median / max)", format!("{median:.1} / {max:.1} ms"), "< 30 ms", Some(max < 30.0));
    table.effect("search", format!("{found} hits for \"{query}\""), "some", found > 0);
    let filtered = canonry::lore::search::SearchFilters {
        tiers: Some([Tier::SPECULATION.to_owned()].into()),
        has_contradictions: true,
        ..Default::default()
    };
    let t = measure(5, || {
        index.search(project, "the", &filtered, 300);
    });
    table.add("search with tier + contradiction filters", format!("{t:.1} ms"), "< 30 ms", Some(t < 30.0));
    let t = measure(3, || {
        canonry::lore::glossary::NameMatcher::new(&project.glossary).mentions(&project.articles[0].text);
    });
    table.add("find 500 names in the article", format!("{t:.0} ms"), "on open / glossary edit", None);
    let t = measure(3, || {
        canonry::lore::dashboard(project, None);
    });
    table.add("dashboard figures", format!("{t:.0} ms"), "once per edit", None);
}

/// The real UI, headless, on the book saved to a temporary file.
fn frame_workloads(table: &mut Table, bytes: &[u8], dir: &std::path::Path, query: &str) {
    let path = dir.join("book.canonry");
    std::fs::write(&path, bytes).expect("write the book to a temporary file");
    let open_start = Instant::now();
    let state = AppState::new(Settings::default(), Some(path), Some(dir.join("data")));
    let mut driver = Driver::new(state, vec2(1280.0, 800.0));
    install_fonts(&mut driver);
    let first = driver.frame(Vec::new());
    table.add("open project + first frame (headless)", format!("{:.0} ms", ms(open_start.elapsed())), "", None);
    table.add("first frame", format!("{first:.1} ms"), "", None);
    driver.frames(5, |_, _| Vec::new());
    frames::steady(&mut driver, table);
    frames::scrolling(&mut driver, table);
    frames::dragging_selection(&mut driver, table);
    frames::tagging(&mut driver, table);
    frames::typing(&mut driver, table);
    frames::editing_notes(&mut driver, table);
    frames::filtering(&mut driver, table);
    frames::finding(&mut driver, table);
    frames::resizing(&mut driver, table);
    frames::dragging_pane(&mut driver, table);
    frames::searching(&mut driver, table, query);
    frames::dialogs(&mut driver, table);
}

fn main() {
    let mut table = Table::default();
    println!("Generating the book-length project…");
    let project = workload::book_project();
    let bytes = serialize_project(&project, CURRENT_VERSION).expect("serialise");
    describe(&mut table, &project, &bytes);
    load_and_save(&mut table, &project, &bytes);
    reanchor_and_export(&mut table, &project);
    let query = "wormhole Prophets";
    search_and_lore(&mut table, &project, query);

    let dir = std::env::temp_dir().join(format!("canonry-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    frame_workloads(&mut table, &bytes, &dir, query);
    autosave::run(&mut table, &bytes, &dir);

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"), std::path::PathBuf::from);
    let binary = target.join("release/canonry");
    if let Ok(meta) = std::fs::metadata(&binary) {
        table.add("release binary (stripped)", format!("{:.1} MB", meta.len() as f64 / 1e6), "reported", None);
    }
    let _ = std::fs::remove_dir_all(&dir);
    table.print();
    // A missed target or a workload that did not do its work fails the run, so a regression
    // cannot pass unnoticed.
    let missed = table.missed();
    if !missed.is_empty() {
        eprintln!("\ncargo bench --bench canonry: FAILED, {} row(s) missed: {}", missed.len(), missed.join("; "));
        std::process::exit(1);
    }
    println!("\nAll targets met and every workload did its work.");
}
