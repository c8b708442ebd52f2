//! "Scroll and type through an autosave and a save": frames paced like the real window (60 a
//! second of wall-clock time, so the app's own recovery delay elapses), the reader scrolling all
//! along, a claim's note typed into, a quiet spell in which the recovery file is written, then
//! Ctrl+S in the middle of more typing. The save may finish on another thread: frames keep
//! running until the file on disk holds what was typed. Checks that the recovery file and the
//! save happened, and reports p50, p99 and max frame time over all of it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use canonry::app::{AppState, Settings};
use egui::{Event, vec2};

use crate::driver::{Driver, FrameStats, OVER_TEXT, ctrl_s, wheel};
use crate::frames::focus_first_note;
use crate::table::Table;

/// Typed before the quiet spell: the recovery file must hold it.
const BEFORE_QUIET: &str = " Typed before the autosave.";
/// Typed before Ctrl+S: the saved file must hold it.
const BEFORE_SAVE: &str = " Typed before the save.";
/// Typed while the save runs.
const DURING_SAVE: &str = " Typed while it saves.";
/// How long the save and the recovery write may take before the workload fails.
const DISK_TIMEOUT: Duration = Duration::from_secs(10);

struct Run {
    driver: Driver,
    times: Vec<f64>,
    /// Alternate scroll direction every so often, so the reader never runs out of text.
    scrolled: usize,
}

impl Run {
    /// One paced frame: the wheel over the text, plus `extra` events.
    fn frame(&mut self, extra: Vec<Event>) {
        let dy = if (self.scrolled / 120).is_multiple_of(2) { -40.0 } else { 40.0 };
        self.scrolled += 1;
        let mut events = wheel(OVER_TEXT, dy);
        events.extend(extra);
        let t = self.driver.frame(events);
        self.times.push(t);
    }

    /// Types `text`, one key every third frame, scrolling all along.
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.frame(vec![Event::Text(c.to_string())]);
            self.frame(Vec::new());
            self.frame(Vec::new());
        }
    }

    /// Scrolls until `done` holds (checked between frames, untimed) or `timeout` passes.
    fn scroll_until(&mut self, timeout: Duration, mut done: impl FnMut() -> bool) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if done() {
                return Some(start.elapsed());
            }
            self.frame(Vec::new());
        }
        None
    }
}

fn recovery_holds(dir: &Path, text: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else { return false };
    entries.flatten().any(|e| std::fs::read(e.path()).is_ok_and(|b| String::from_utf8_lossy(&b).contains(text)))
}

/// Whether the project file on disk parses and the claim's note holds `text`.
fn saved_holds(path: &Path, claim: &str, text: &str) -> bool {
    let Ok(bytes) = std::fs::read(path) else { return false };
    canonry::storage::parse_project(&bytes)
        .is_ok_and(|loaded| loaded.project.claim(claim).is_some_and(|c| c.note.contains(text)))
}

/// A cheap "did the file change" probe, so the whole file is parsed only once it did.
fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    std::fs::metadata(path).ok().map(|m| (m.modified().unwrap_or(std::time::UNIX_EPOCH), m.len()))
}

pub fn run(table: &mut Table, book: &[u8], dir: &Path) {
    const NAME: &str = "scroll + type through an autosave and a save";
    let path: PathBuf = dir.join("autosave-book.canonry");
    let data = dir.join("autosave-data");
    if let Err(e) = std::fs::write(&path, book) {
        table.effect(NAME, format!("cannot write {}: {e}", path.display()), "a project file", false);
        return;
    }
    let state = AppState::new(Settings::default(), Some(path.clone()), Some(data.clone()));
    let delay = state.background.recovery_delay;
    let mut driver = Driver::new(state, vec2(1280.0, 800.0));
    crate::install_fonts(&mut driver);
    driver.frames(5, |_, _| Vec::new());
    let Some(claim) = focus_first_note(&mut driver) else {
        table.effect(NAME, "no note field shown".into(), "the note field", false);
        return;
    };
    let before_view = driver.visible_chars(64);
    driver.pace();
    let mut run = Run { driver, times: Vec::new(), scrolled: 0 };
    let start = Instant::now();

    run.type_text(BEFORE_QUIET);
    // Quiet (scrolling only): the recovery file is due `delay` after the last keystroke.
    let recovery = data.join("recovery");
    let recovered = run.scroll_until(delay + DISK_TIMEOUT, || recovery_holds(&recovery, BEFORE_QUIET));
    let scrolled_view = run.driver.visible_chars(64);

    run.type_text(BEFORE_SAVE);
    let on_disk = stamp(&path);
    run.frame(ctrl_s());
    let save_start = Instant::now();
    let mut saved = false;
    let mut typed_during = String::new();
    for c in DURING_SAVE.chars() {
        // Keep typing (one key every third frame) while the save runs, then just scroll.
        if saved || save_start.elapsed() > DISK_TIMEOUT {
            break;
        }
        run.frame(vec![Event::Text(c.to_string())]);
        typed_during.push(c);
        run.frame(Vec::new());
        run.frame(Vec::new());
        saved = stamp(&path) != on_disk && saved_holds(&path, &claim, BEFORE_SAVE);
    }
    let saved_after = if saved {
        Some(save_start.elapsed())
    } else {
        run.scroll_until(DISK_TIMEOUT.saturating_sub(save_start.elapsed()), || {
            stamp(&path) != on_disk && saved_holds(&path, &claim, BEFORE_SAVE)
        })
        .map(|_| save_start.elapsed())
    };
    // A second of scrolling after the save, and never shorter in all than the recovery delay.
    let tail = Instant::now();
    while tail.elapsed() < Duration::from_secs(1) || start.elapsed() < delay + Duration::from_secs(1) {
        run.frame(Vec::new());
    }
    let elapsed = start.elapsed();
    report(table, NAME, &run, elapsed, delay);
    let note = run.driver.state.project().claim(&claim).map(|c| c.note.clone()).unwrap_or_default();
    let typed = note.contains(BEFORE_QUIET) && note.contains(&format!("{BEFORE_SAVE}{typed_during}"));
    table.effect(NAME, format!("typed into the note: {typed}"), "every key, in order", typed);
    // Scrolling back and forth overlaps the two views: the first character in view must move.
    let moved = matches!((before_view, scrolled_view), (Some(b), Some(a)) if a.0 > b.0);
    table.effect(NAME, format!("chars in view {before_view:?} -> {scrolled_view:?}"), "the reader scrolled", moved);
    table.effect(
        NAME,
        recovered
            .map_or("recovery file: never".into(), |t| format!("recovery file after {:.1} s quiet", t.as_secs_f64())),
        &format!("written (delay {:.0} s)", delay.as_secs_f64()),
        recovered.is_some(),
    );
    table.effect(
        NAME,
        saved_after.map_or("saved file: never".into(), |t| {
            format!("saved, on disk {:.0} ms after Ctrl+S", t.as_secs_f64() * 1e3)
        }),
        "file re-parsed holds the text",
        saved_after.is_some(),
    );
}

fn report(table: &mut Table, name: &str, run: &Run, elapsed: Duration, delay: Duration) {
    let s = FrameStats::of(&run.times);
    table.add(
        &format!("frame: {name}"),
        format!("{} frames in {:.1} s", s.frames, elapsed.as_secs_f64()),
        &format!("longer than the {:.0} s recovery delay", delay.as_secs_f64()),
        Some(elapsed > delay),
    );
    table.add("  p50 / p99 frame", format!("{:.2} / {:.2} ms", s.p50, s.p99), "p99 <= 8 ms", Some(s.p99 <= 8.0));
    table.add("  max frame", format!("{:.1} ms", s.max), "<= 16 ms", Some(s.max <= 16.0));
}
