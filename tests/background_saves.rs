//! Saves run on the disk writer's thread, on a snapshot: the window keeps working while one is
//! in flight, what was saved is exactly the snapshot, two saves never overlap, and quitting
//! waits for the save. A "gated" disk holds each save until the test lets it go, so "in flight"
//! is a state the test controls rather than a race it hopes to win.

mod common;

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use canonry::app::{AppState, Settings};
use canonry::storage::{Fs, RealFs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

#[derive(Default)]
struct Gate {
    open: bool,
    /// Saves inside `create_and_write`..`rename` right now, and the most at once.
    inside: usize,
    most_inside: usize,
    /// Names of the threads that wrote.
    writers: Vec<String>,
}

/// A real disk whose writes wait at the gate until the test opens it.
#[derive(Clone, Default)]
struct GatedDisk(Arc<(Mutex<Gate>, Condvar)>);

impl GatedDisk {
    fn open(&self) {
        let (gate, changed) = &*self.0;
        gate.lock().expect("gate").open = true;
        changed.notify_all();
    }

    fn gate(&self) -> std::sync::MutexGuard<'_, Gate> {
        self.0.0.lock().expect("gate")
    }
}

impl Fs for GatedDisk {
    fn create_and_write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let (gate, changed) = &*self.0;
        let mut state = gate.lock().expect("gate");
        state.inside += 1;
        state.most_inside = state.most_inside.max(state.inside);
        state.writers.push(std::thread::current().name().unwrap_or("unnamed").to_owned());
        // A save on the window's thread would wait here forever: the timeout turns that into
        // a failed assertion instead of a hung test.
        let (state, _) = changed.wait_timeout_while(state, Duration::from_secs(20), |g| !g.open).expect("gate");
        drop(state);
        RealFs.create_and_write(path, bytes)
    }
    fn sync_file(&self, path: &Path) -> std::io::Result<()> {
        RealFs.sync_file(path)
    }
    fn copy_permissions(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        RealFs.copy_permissions(from, to)
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        let renamed = RealFs.rename(from, to);
        self.gate().inside -= 1;
        renamed
    }
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()> {
        RealFs.sync_dir(dir)
    }
    fn remove_file(&self, path: &Path) -> std::io::Result<()> {
        RealFs.remove_file(path)
    }
}

struct App {
    harness: Harness<'static, AppState>,
    disk: GatedDisk,
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
    _data: tempfile::TempDir,
}

fn app_on_a_gated_disk() -> App {
    let (dir, path) = common::temp_with_sample();
    let data = tempfile::tempdir().expect("data dir");
    let mut state = AppState::new(Settings::default(), Some(path.clone()), Some(data.path().to_owned()));
    let disk = GatedDisk::default();
    state.background.project_fs = Arc::new(disk.clone());
    // This file is about saves; the periodic check is tested elsewhere.
    state.background.disk_check_interval = Duration::from_secs(3600);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, state: &mut AppState| state.frame(ui), state);
    harness.run_steps(4);
    App { harness, disk, path, _dir: dir, _data: data }
}

impl App {
    fn state(&self) -> &AppState {
        self.harness.state()
    }

    fn first_claim(&self) -> String {
        self.state().project().claims[0].id.clone()
    }

    fn edit_note(&mut self, claim: &str, note: &str) {
        let ctx = self.harness.ctx.clone();
        let edit = canonry::app::Edit::ClaimNote { claim: claim.to_owned(), text: note.to_owned() };
        self.harness.state_mut().run(&ctx, edit.into());
        self.harness.run_steps(1);
    }

    fn save(&mut self) {
        self.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
        self.harness.run_steps(1);
    }

    fn saved_note(&self, claim: &str) -> String {
        let (loaded, _) = canonry::storage::load_file(&self.path).expect("the saved file loads");
        loaded.project.claim(claim).expect("claim").note.clone()
    }

    fn finish(&mut self) {
        self.disk.open();
        let finished = self.harness.state_mut().wait_for_disk_work(Duration::from_secs(20));
        assert!(finished, "the disk writer finished");
        self.harness.run_steps(2);
    }
}

#[test]
fn the_window_keeps_working_while_a_save_is_in_flight_and_the_save_holds_its_snapshot() {
    let mut app = app_on_a_gated_disk();
    let claim = app.first_claim();
    app.edit_note(&claim, "Saved words.");
    app.save();

    // The save waits at the gate, yet frames go on: the status says so and typing works.
    assert!(app.state().doc.is_saving());
    assert!(app.harness.query_by_label("Saving…").is_some(), "the status bar says a save is running");
    app.edit_note(&claim, "Saved words. Typed during the save.");
    assert_eq!(
        app.state().project().claim(&claim).map(|c| c.note.as_str()),
        Some("Saved words. Typed during the save.")
    );

    app.finish();
    assert_eq!(app.disk.gate().writers, ["disk-writer"], "written by the disk writer, not the window's thread");
    assert_eq!(app.saved_note(&claim), "Saved words.", "the file holds the snapshot taken when Save was pressed");
    assert!(app.state().doc.editor.is_dirty(), "what was typed during the save is still unsaved");
    assert!(app.state().window_title().starts_with('●'), "and the title says so");

    app.save();
    app.finish();
    assert_eq!(app.saved_note(&claim), "Saved words. Typed during the save.");
    assert!(!app.state().doc.editor.is_dirty());
}

#[test]
fn a_second_save_waits_for_the_first_and_neither_is_refused_as_a_change_on_disk() {
    let mut app = app_on_a_gated_disk();
    let claim = app.first_claim();
    app.edit_note(&claim, "First.");
    app.save();
    app.edit_note(&claim, "Second.");
    app.save();
    app.finish();
    let gate = app.disk.gate();
    assert_eq!(gate.writers.len(), 2, "both saves ran");
    assert_eq!(gate.most_inside, 1, "never two saves at once");
    drop(gate);
    assert!(app.state().dialogs.current().is_none(), "the second save started from the first one's stamp");
    assert_eq!(app.saved_note(&claim), "Second.");
    assert!(!app.state().doc.editor.is_dirty());
}

#[test]
fn closing_the_window_waits_for_the_save_in_flight_then_closes() {
    let mut app = app_on_a_gated_disk();
    let claim = app.first_claim();
    app.edit_note(&claim, "Keep me.");
    app.save();
    app.harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    app.harness.run_steps(2);
    assert!(!app.state().window.close_confirmed, "not closed while the save is in flight");
    assert!(app.state().dialogs.current().is_none(), "and not asked about: the save is on its way");

    app.finish();
    assert!(app.state().window.close_confirmed, "closed once the save is done");
    assert_eq!(app.saved_note(&claim), "Keep me.");
}

#[test]
fn closing_after_edits_made_during_the_save_asks_about_them_once_it_is_done() {
    let mut app = app_on_a_gated_disk();
    let claim = app.first_claim();
    app.edit_note(&claim, "Saved.");
    app.save();
    app.harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    app.harness.run_steps(2);
    app.edit_note(&claim, "Saved. And more.");
    app.finish();
    assert!(!app.state().window.close_confirmed, "a quit never drops edits the save did not hold");
    assert!(
        matches!(app.state().dialogs.current(), Some(canonry::app::Dialog::UnsavedChanges(_))),
        "the user is asked about them"
    );
    assert_eq!(app.saved_note(&claim), "Saved.");
}

#[test]
fn quit_pressed_during_a_save_quits_once_it_is_done_without_asking() {
    let mut app = app_on_a_gated_disk();
    let claim = app.first_claim();
    app.edit_note(&claim, "Saved, then quit.");
    app.save();
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    app.harness.run_steps(2);
    assert!(app.state().dialogs.current().is_none(), "no unsaved-changes question for work being saved");
    assert!(!app.state().window.close_confirmed, "not before the save is done");
    app.finish();
    assert!(app.state().window.close_confirmed, "quit once saved");
    assert_eq!(app.saved_note(&claim), "Saved, then quit.");
}
