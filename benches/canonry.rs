//! Canonry's performance workload. `cargo bench` prints one table: each figure, its target, and
//! pass or fail. Frame times drive the real app UI through `egui::Context::run_ui` headlessly
//! (CPU side: UI code plus tessellation; painting on the GPU is not included).

mod workload;

use std::time::{Duration, Instant};

use canonry::app::{AppState, Settings};
use canonry::export::{self, ExportOptions, Format};
use canonry::model::Tier;
use canonry::storage::{CURRENT_VERSION, parse_project, serialize_project};
use egui::{Event, Key, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2, pos2, vec2};

struct Table {
    rows: Vec<(String, String, String, Option<bool>)>,
}

impl Table {
    fn add(&mut self, name: &str, value: String, target: &str, pass: Option<bool>) {
        println!("  measured {name}: {value}");
        self.rows.push((name.to_owned(), value, target.to_owned(), pass));
    }

    fn print(&self) {
        println!("\n{:<44} {:>22}  {:<26} result", "figure", "value", "target");
        println!("{}", "-".repeat(104));
        for (name, value, target, pass) in &self.rows {
            let result = match pass {
                Some(true) => "pass",
                Some(false) => "FAIL",
                None => "-",
            };
            println!("{name:<44} {value:>22}  {target:<26} {result}");
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and maximum milliseconds of `runs` calls.
fn measure(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            ms(start.elapsed())
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() - 1])
}

/// Drives the real app UI frame by frame, measuring each frame's CPU time.
struct Driver {
    ctx: egui::Context,
    state: AppState,
    size: Vec2,
    time: f64,
}

impl Driver {
    fn frame(&mut self, events: Vec<Event>) -> f64 {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.size)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let state = &mut self.state;
        let mut output = self.ctx.run_ui(input, |ui| state.frame(ui));
        let _primitives = self.ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        let elapsed = ms(start.elapsed());
        output.textures_delta.clear();
        elapsed
    }

    fn frames(&mut self, n: usize, mut events: impl FnMut(usize, &mut Self) -> Vec<Event>) -> (f64, f64) {
        let mut times: Vec<f64> = (0..n)
            .map(|i| {
                let e = events(i, self);
                self.frame(e)
            })
            .collect();
        times.sort_by(f64::total_cmp);
        (times[times.len() / 2], times[times.len() - 1])
    }
}

fn frame_row(table: &mut Table, name: &str, (median, max): (f64, f64)) {
    table.add(
        &format!("frame: {name}"),
        format!("median {median:.2} ms, max {max:.1} ms"),
        "median <= 4 ms, max <= 16 ms",
        Some(median <= 4.0 && max <= 16.0),
    );
}

fn key(key: Key) -> Vec<Event> {
    let press = |pressed| Event::Key { key, physical_key: None, pressed, repeat: false, modifiers: Modifiers::NONE };
    vec![press(true), press(false)]
}

// The workloads in the order the table prints them.
#[expect(clippy::too_many_lines)]
fn main() {
    let mut table = Table { rows: Vec::new() };
    println!("Generating the book-length project…");
    let project = workload::book_project();
    let text_bytes = project.articles[0].text.len();
    let paragraphs = project.articles[0].text.split("\n\n").count();
    let bytes = serialize_project(&project, CURRENT_VERSION).expect("serialise");
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

    // Load and save against plain serde_json on the same bytes.
    let (json_parse, _) = measure(7, || {
        let _: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    });
    let (load, _) = measure(7, || {
        parse_project(&bytes).expect("load");
    });
    table.add("load (parse + check every anchor)", format!("{load:.1} ms"), "", None);
    table.add(
        "load / serde_json::Value parse",
        format!("{:.2}x ({json_parse:.1} ms)", load / json_parse),
        "<= 1.5x",
        Some(load / json_parse <= 1.5),
    );
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    let (json_write, _) = measure(7, || {
        serde_json::to_vec_pretty(&value).expect("json");
    });
    let (save, _) = measure(7, || {
        serialize_project(&project, CURRENT_VERSION).expect("save");
    });
    table.add("save (serialise)", format!("{save:.1} ms"), "", None);
    table.add(
        "save / serde_json write",
        format!("{:.2}x ({json_write:.1} ms)", save / json_write),
        "<= 1.5x",
        Some(save / json_write <= 1.5),
    );

    // Re-anchoring after an update: a paragraph inserted in the middle, a typo fixed in another.
    let old_text = project.articles[0].text.clone();
    let middle = old_text.len() / 2;
    let cut = old_text[middle..].find("\n\n").map_or(middle, |i| middle + i);
    let mut new_text =
        format!("{}\n\nA correction paragraph inserted by the editors.{}", &old_text[..cut], &old_text[cut..]);
    if let Some(at) = new_text.find("wormhole") {
        new_text.replace_range(at..at + 8, "wormhol");
    }
    let (reanchor, _) = measure(3, || {
        let mut claims = project.claims.clone();
        canonry::anchoring::reanchor(&old_text, &new_text, &mut claims);
    });
    table.add("re-anchor 10,000 claims", format!("{reanchor:.0} ms"), "< 1000 ms", Some(reanchor < 1000.0));

    for format in [Format::Markdown, Format::Html, Format::W3c] {
        let (t, _) = measure(3, || {
            export::export(&project, format, &ExportOptions::default()).expect("export");
        });
        table.add(&format!("export {}", format.extension()), format!("{t:.0} ms"), "< 300 ms", Some(t < 300.0));
    }

    // Search everything: the index is built once per project change, then each keystroke
    // searches it.
    let (index_build, _) = measure(3, || {
        canonry::lore::search::SearchIndex::new(&project);
    });
    table.add("search index build (once per edit)", format!("{index_build:.0} ms"), "", None);
    let index = canonry::lore::search::SearchIndex::new(&project);
    let query = "wormhole Prophets";
    let mut keystrokes = Vec::new();
    for n in 1..=query.chars().count() {
        let typed: String = query.chars().take(n).collect();
        let start = Instant::now();
        index.search(&project, &typed, &canonry::lore::search::SearchFilters::default(), 300);
        keystrokes.push(ms(start.elapsed()));
    }
    keystrokes.sort_by(f64::total_cmp);
    let (median, max) = (keystrokes[keystrokes.len() / 2], keystrokes[keystrokes.len() - 1]);
    table.add("search per keystroke (median / max)", format!("{median:.1} / {max:.1} ms"), "< 30 ms", Some(max < 30.0));
    let filtered = canonry::lore::search::SearchFilters {
        tiers: Some([Tier::SPECULATION.to_owned()].into()),
        has_contradictions: true,
        ..Default::default()
    };
    let (t, _) = measure(5, || {
        index.search(&project, "the", &filtered, 300);
    });
    table.add("search with tier + contradiction filters", format!("{t:.1} ms"), "< 30 ms", Some(t < 30.0));
    let (t, _) = measure(3, || {
        canonry::lore::glossary::NameMatcher::new(&project.glossary).mentions(&project.articles[0].text);
    });
    table.add("find 500 names in the article", format!("{t:.0} ms"), "on open / glossary edit", None);
    let (t, _) = measure(3, || {
        canonry::lore::dashboard(&project, None);
    });
    table.add("dashboard figures", format!("{t:.0} ms"), "once per edit", None);

    // The real UI, headless.
    let dir = std::env::temp_dir().join(format!("canonry-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("book.canonry");
    std::fs::write(&path, &bytes).expect("write");
    let open_start = Instant::now();
    let state = AppState::new(Settings::default(), Some(path), Some(dir.join("data")));
    let mut driver = Driver { ctx: egui::Context::default(), state, size: vec2(1280.0, 800.0), time: 0.0 };
    canonry::app::install_fonts(&driver.ctx);
    driver.state.window.fonts_installed = true;
    let first = driver.frame(Vec::new());
    table.add("open project + first frame (headless)", format!("{:.0} ms", ms(open_start.elapsed())), "", None);
    table.add("first frame", format!("{first:.1} ms"), "", None);
    driver.frames(5, |_, _| Vec::new());

    frame_row(&mut table, "steady (nothing happens)", driver.frames(60, |_, _| Vec::new()));
    let over_text = pos2(640.0, 400.0);
    frame_row(
        &mut table,
        "scrolling the article",
        driver.frames(120, |_, _| {
            vec![
                Event::PointerMoved(over_text),
                Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: vec2(0.0, -90.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: Modifiers::NONE,
                },
            ]
        }),
    );
    let press = |pos, pressed| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    frame_row(
        &mut table,
        "selecting by dragging",
        driver.frames(60, |i, _| match i % 12 {
            0 => vec![Event::PointerMoved(pos2(420.0, 300.0)), press(pos2(420.0, 300.0), true)],
            11 => vec![press(pos2(800.0, 340.0), false)],
            n => vec![Event::PointerMoved(pos2(420.0 + 30.0 * n as f32, 300.0 + 3.0 * n as f32))],
        }),
    );
    frame_row(
        &mut table,
        "tagging (select a word, press 1)",
        driver.frames(60, |i, _| {
            let at = pos2(450.0 + (i % 7) as f32 * 20.0, 260.0 + (i % 5) as f32 * 30.0);
            match i % 3 {
                0 => {
                    vec![Event::PointerMoved(at), press(at, true), press(at, false), press(at, true), press(at, false)]
                }
                1 => key(Key::Num1),
                _ => Vec::new(),
            }
        }),
    );
    frame_row(
        &mut table,
        "typing a note",
        driver.frames(60, |i, d| {
            let claim = d.state.project().claims[0].id.clone();
            let note = format!("{}{}", d.state.project().claims[0].note, ["a", "b", " "][i % 3]);
            d.state.selection.claim = Some(claim.clone());
            d.state.run_edit(canonry::app::Edit::ClaimNote { claim, text: note });
            Vec::new()
        }),
    );
    frame_row(
        &mut table,
        "filtering claims as one types",
        driver.frames(30, |i, d| {
            d.state.panels.claim_list.filter_text = "wormhole Prophets".chars().take(i % 18).collect();
            Vec::new()
        }),
    );
    frame_row(
        &mut table,
        "finding in the article as one types",
        driver.frames(30, |i, d| {
            d.state.panels.find_bar.open = true;
            d.state.panels.find_bar.text = "Dominion treaty".chars().take(1 + i % 15).collect();
            Vec::new()
        }),
    );
    frame_row(
        &mut table,
        "resizing the window",
        driver.frames(60, |i, d| {
            d.size = vec2(1280.0 - (i % 30) as f32 * 9.0, 800.0);
            Vec::new()
        }),
    );
    driver.size = vec2(1280.0, 800.0);
    frame_row(
        &mut table,
        "dragging the side pane",
        driver.frames(60, |i, _| match i {
            0 => vec![Event::PointerMoved(pos2(301.0, 400.0)), press(pos2(301.0, 400.0), true)],
            59 => vec![press(pos2(301.0, 400.0), false)],
            n => vec![Event::PointerMoved(pos2(301.0 + ((n % 20) as f32 - 10.0) * 6.0, 400.0))],
        }),
    );

    driver.state.open_dialog(canonry::app::DialogRequest::Search);
    driver.frame(Vec::new());
    let (median, max) = driver.frames(30, |i, d| {
        if let Some(canonry::app::Dialog::Search(search)) = d.state.dialogs.current_mut() {
            search.query = query.chars().take(1 + i % query.chars().count()).collect();
        }
        Vec::new()
    });
    // Each of these frames runs a search: the search target applies to them.
    table.add(
        "frame: searching everything as one types",
        format!("median {median:.2} ms, max {max:.1} ms"),
        "max < 30 ms (search target)",
        Some(max < 30.0),
    );
    for (name, dialog) in [
        ("timeline open", canonry::app::DialogRequest::Timeline),
        ("dashboard open", canonry::app::DialogRequest::Dashboard),
        ("contradictions open", canonry::app::DialogRequest::Contradictions),
    ] {
        driver.state.open_dialog(dialog);
        driver.frame(Vec::new());
        frame_row(&mut table, name, driver.frames(30, |_, _| Vec::new()));
    }
    driver.state.dialogs.close();

    let binary = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/canonry");
    if let Ok(meta) = std::fs::metadata(&binary) {
        table.add("release binary (stripped)", format!("{:.1} MB", meta.len() as f64 / 1e6), "reported", None);
    }
    let _ = std::fs::remove_dir_all(&dir);
    table.print();
    // A missed target fails the run, so a regression cannot pass unnoticed.
    let missed: Vec<&str> = table.rows.iter().filter(|r| r.3 == Some(false)).map(|r| r.0.as_str()).collect();
    if !missed.is_empty() {
        eprintln!("targets missed: {}", missed.join("; "));
        std::process::exit(1);
    }
}
