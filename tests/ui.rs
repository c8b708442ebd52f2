//! UI flows driven through egui_kittest on the real app state: mouse and keyboard in, project
//! state out.

mod common;

use std::path::PathBuf;

use canonry::app::{AppState, Dialog, DialogRequest, ImportTarget, Settings};
use canonry::model::Tier;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

struct App {
    harness: Harness<'static, AppState>,
    _data: tempfile::TempDir,
}

fn app_with(file: Option<PathBuf>, data: tempfile::TempDir) -> App {
    let state = AppState::new(Settings::default(), file, Some(data.path().to_owned()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, state: &mut AppState| state.frame(ui), state);
    harness.run_steps(4);
    App { harness, _data: data }
}

/// The app on the sample project, with its own data folder.
fn sample_app() -> App {
    app_with(None, tempfile::tempdir().expect("tmp"))
}

impl App {
    fn state(&self) -> &AppState {
        self.harness.state()
    }

    fn steps(&mut self, n: usize) {
        self.harness.run_steps(n);
    }

    /// Saves, recovery writes and disk checks run on the disk writer's thread: wait for them,
    /// then let the window show what they did.
    fn settle_disk(&mut self) {
        let finished = self.harness.state_mut().wait_for_disk_work(std::time::Duration::from_secs(20));
        assert!(finished, "the disk writer finished within 20 s");
        self.steps(2);
    }

    /// Screen position of a code point of the current article (its paragraph must be visible).
    fn pos_of(&self, char_offset: usize) -> Pos2 {
        self.state().panels.article_view.screen_pos_of(char_offset).expect("character on screen")
    }

    /// Code-point offset of `needle` in the current article.
    fn offset_of(&self, needle: &str) -> usize {
        let text = &self.state().current_article().expect("article").text;
        let byte = text.find(needle).expect("needle in article");
        text[..byte].chars().count()
    }

    /// Selects `needle` in the article by dragging the mouse across it.
    fn drag_select(&mut self, needle: &str) -> (usize, usize) {
        let start = self.offset_of(needle);
        let end = start + needle.chars().count();
        let (from, to) = (self.pos_of(start), self.pos_of(end));
        self.harness.hover_at(from);
        self.steps(1);
        self.harness.drag_at(from);
        self.steps(1);
        self.harness.hover_at(Pos2::new((from.x + to.x) / 2.0, to.y));
        self.steps(1);
        self.harness.drop_at(to);
        self.steps(2);
        (start, end)
    }

    /// Moves the pointer onto a button, then clicks it, as a person would.
    fn click_button(&mut self, label: &str) {
        let rect = self.harness.get_by_role_and_label(egui::accesskit::Role::Button, label).rect();
        self.harness.hover_at(rect.center());
        self.steps(1);
        self.harness.get_by_role_and_label(egui::accesskit::Role::Button, label).click();
        // The click's command runs at the end of its frame; a dialog it opens shows the frame after.
        self.steps(3);
    }

    /// Clicks the last button with `label` (the one on top, in a dialog over the main window).
    fn click_last_button(&mut self, label: &str) {
        let rect =
            self.harness.get_all_by_role_and_label(egui::accesskit::Role::Button, label).last().expect(label).rect();
        self.harness.hover_at(rect.center());
        self.steps(1);
        self.harness.get_all_by_role_and_label(egui::accesskit::Role::Button, label).last().expect(label).click();
        self.steps(2);
    }

    /// Steps until the background import has finished (imports run on a worker thread).
    fn wait_for_import(&mut self) {
        for _ in 0..1000 {
            if self.state().background.importing().is_none() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.steps(1);
        }
        assert!(self.state().background.importing().is_none(), "the import finished");
        self.steps(3);
    }

    fn press(&mut self, key: Key) {
        self.harness.key_press(key);
        self.steps(2);
    }

    fn press_with(&mut self, modifiers: Modifiers, key: Key) {
        self.harness.key_press_modifiers(modifiers, key);
        self.steps(2);
    }
}

#[test]
fn select_with_the_mouse_and_press_2_makes_a_comic_canon_claim() {
    let mut app = sample_app();
    let claims_before = app.state().project().claims.len();
    let (start, end) = app.drag_select("Utopia Planitia shipyards");
    assert_eq!(app.state().panels.article_view.selection.range(), (start, end));
    app.press(Key::Num2);
    let project = app.state().project();
    assert_eq!(project.claims.len(), claims_before + 1);
    let claim = project.claims.iter().find(|c| c.anchor.exact == "Utopia Planitia shipyards").expect("new claim");
    assert_eq!(claim.tier, Tier::COMIC_CANON);
    assert_eq!((claim.anchor.start, claim.anchor.end), (start, end));
    assert_eq!(app.state().selection.claim.as_deref(), Some(claim.id.as_str()), "the new claim is selected");
    assert!(app.state().doc.editor.is_dirty());
}

fn review(state: &AppState) -> Option<&canonry::app::dialogs::ReviewDialog> {
    match state.dialogs.current() {
        Some(Dialog::Review(review)) => Some(review),
        _ => None,
    }
}

fn search_hits(state: &AppState) -> &[canonry::lore::search::Hit] {
    match state.dialogs.current() {
        Some(Dialog::Search(search)) => search.hits(),
        _ => &[],
    }
}

fn claim_by_quote<'a>(state: &'a AppState, quote: &str) -> &'a canonry::model::Claim {
    state.project().claims.iter().find(|c| c.anchor.exact == quote).expect("claim with that quote")
}

#[test]
fn retag_records_history_and_undo_redo_restore_the_same_states() {
    let mut app = sample_app();
    let initial = app.state().project().clone();
    app.drag_select("Utopia Planitia shipyards");
    app.press(Key::Num1);
    let tagged = app.state().project().clone();
    let id = claim_by_quote(app.state(), "Utopia Planitia shipyards").id.clone();
    // The new claim stays selected: 3 retags it.
    app.press(Key::Num3);
    let claim = claim_by_quote(app.state(), "Utopia Planitia shipyards");
    assert_eq!(claim.tier, Tier::SPECULATION);
    assert_eq!(claim.history.len(), 1);
    assert_eq!((claim.history[0].from.as_str(), claim.history[0].to.as_str()), (Tier::CANON, Tier::SPECULATION));
    let retagged = app.state().project().clone();

    app.press_with(Modifiers::COMMAND, Key::Z);
    assert_eq!(app.state().project(), &tagged);
    app.press_with(Modifiers::COMMAND, Key::Z);
    assert_eq!(app.state().project(), &initial);
    assert!(!app.state().doc.editor.is_dirty());
    app.press_with(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(app.state().project(), &tagged);
    app.press_with(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(app.state().project(), &retagged);
    assert_eq!(app.state().selection.claim.as_deref(), Some(id.as_str()));
}

#[test]
fn clicking_a_tier_button_after_focusing_elsewhere_tags_what_was_selected() {
    let mut app = sample_app();
    app.drag_select("thousands died");
    // Focus moves to the claim filter field: the reader's selection must survive.
    app.harness.get_by_label("Filter:").focus();
    app.steps(2);
    app.harness.get_by_label_contains("Speculation (3)").click();
    app.steps(2);
    assert_eq!(claim_by_quote(app.state(), "thousands died").tier, Tier::SPECULATION);
}

#[test]
fn clicking_a_highlight_selects_its_claim_and_delete_removes_it() {
    let mut app = sample_app();
    let quote = "Rogue synthetics destroyed the rescue fleet under construction";
    let id = claim_by_quote(app.state(), quote).id.clone();
    let inside = app.offset_of("destroyed the rescue");
    let pos = app.pos_of(inside);
    app.harness.hover_at(pos);
    app.steps(1);
    app.harness.drag_at(pos);
    app.steps(1);
    app.harness.drop_at(pos);
    app.steps(2);
    assert_eq!(app.state().selection.claim.as_deref(), Some(id.as_str()));
    app.press(Key::Delete);
    assert!(app.state().project().claim(&id).is_none());
    assert_eq!(app.state().selection.claim, None);
    app.press_with(Modifiers::COMMAND, Key::Z);
    assert!(app.state().project().claim(&id).is_some(), "undo brings it back");
}

#[test]
fn tab_walks_claims_in_text_order() {
    let mut app = sample_app();
    app.state().panels.article_view.focus(&app.harness.ctx);
    app.steps(1);
    app.press(Key::Tab);
    let first = app.state().selection.claim.clone().expect("a claim");
    assert_eq!(
        app.state().project().claim(&first).map(|c| c.anchor.exact.as_str()),
        Some("the Federation gave up on the rescue, and that he resigned from Starfleet in protest")
    );
    app.press(Key::Tab);
    let second = app.state().selection.claim.clone().expect("a claim");
    assert_eq!(
        claim_by_quote(app.state(), "Rogue synthetics destroyed the rescue fleet under construction").id,
        second
    );
    app.harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    app.steps(2);
    assert_eq!(app.state().selection.claim.as_deref(), Some(first.as_str()));
}

#[test]
fn filtering_the_claim_list_by_text_and_tier() {
    let mut app = sample_app();
    assert!(app.harness.query_by_label("13 shown").is_some());
    app.harness.get_by_label("Filter:").focus();
    app.steps(1);
    app.harness.get_by_label("Filter:").type_text("zhat");
    app.steps(2);
    assert!(app.harness.query_by_label("2 shown").is_some());
    assert!(app.harness.query_by_label_contains("“Others expect the Zhat Vash to return”").is_some());
    // Hide speculation: only the canon Zhat Vash claim is left.
    app.harness.get_by_label_contains("? Speculation").click();
    app.steps(2);
    assert!(app.harness.query_by_label("1 shown").is_some());
    app.harness.get_by_label_contains("“the attack had been engineered").click();
    app.steps(2);
    let selected = app.state().selection.claim.clone().expect("row click selects");
    assert_eq!(claim_by_quote(app.state(), "the attack had been engineered by the Zhat Vash").id, selected);
}

#[test]
fn edit_a_note_save_and_find_it_after_reloading() {
    let data = tempfile::tempdir().expect("tmp");
    let (_dir, path) = common::temp_with_sample();
    let mut app = app_with(Some(path.clone()), data);
    app.state().panels.article_view.focus(&app.harness.ctx);
    app.steps(1);
    app.press(Key::Tab);
    let claim = app.state().selection.claim.clone().expect("claim selected");
    app.harness.get_by_label("Note").focus();
    app.steps(1);
    app.harness.get_by_label("Note").type_text(" Picard says it in the first scene.");
    app.steps(2);
    app.press_with(Modifiers::COMMAND, Key::S);
    app.settle_disk();
    assert!(!app.state().doc.editor.is_dirty(), "saved");
    let (loaded, _) = canonry::storage::load_file(&path).expect("reload");
    let note = &loaded.project.claim(&claim).expect("claim").note;
    assert!(note.ends_with("core of his backstory. Picard says it in the first scene."), "{note}");
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let mut app = sample_app();
    app.drag_select("thousands died");
    app.press(Key::Num3);
    app.press_with(Modifiers::COMMAND, Key::Q);
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::UnsavedChanges(_))));
    app.harness.get_by_label("Cancel").click();
    app.steps(2);
    assert!(app.state().dialogs.current().is_none());
    assert!(!app.state().window.close_confirmed);
    assert!(app.state().doc.editor.is_dirty(), "nothing was lost");

    // The window's own close button goes through the same question.
    app.harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    app.steps(2);
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::UnsavedChanges(_))));
    app.harness.get_by_label("Don't Save").click();
    app.steps(2);
    assert!(app.state().window.close_confirmed);
}

#[test]
fn unsaved_work_goes_to_recovery_and_is_restored_after_a_crash() {
    let data = tempfile::tempdir().expect("tmp");
    let data_path = data.path().to_owned();
    let mut app = app_with(None, data);
    app.harness.state_mut().background.recovery_delay = std::time::Duration::ZERO;
    app.drag_select("thousands died");
    app.press(Key::Num2);
    app.steps(2);
    app.settle_disk();
    let recovery = app.state().doc.recovery_path().expect("a recovery slot").to_owned();
    assert!(recovery.exists(), "recovery file written after the edit");
    let expected = app.state().project().clone();

    // "Crash": the process goes away without closing cleanly; a new start finds the work.
    let App { harness, _data } = app;
    drop(harness);
    let mut again = app_with(None, _data);
    assert!(matches!(again.state().dialogs.current(), Some(Dialog::Recovery(_))));
    again.harness.get_by_label("Restore").click();
    again.steps(2);
    assert_eq!(again.state().project(), &expected);
    assert!(again.state().doc.editor.is_dirty(), "restored work still needs saving");
    assert!(!recovery.exists(), "the old recovery file was taken over");
    assert!(data_path.join("recovery").exists());
}

#[test]
fn a_project_changed_on_disk_is_detected_and_reload_takes_the_new_file() {
    let data = tempfile::tempdir().expect("tmp");
    let (_dir, path) = common::temp_with_sample();
    let mut app = app_with(Some(path.clone()), data);
    app.harness.state_mut().background.disk_check_interval = std::time::Duration::ZERO;
    app.drag_select("thousands died");
    app.press(Key::Num3);

    // Another program rewrites the project.
    let mut theirs = canonry::storage::parse_project(common::sample_bytes()).expect("sample").project;
    theirs.title = "Edited elsewhere".into();
    let bytes = canonry::storage::serialize_project(&theirs, canonry::storage::CURRENT_VERSION).expect("ser");
    std::fs::write(&path, &bytes).expect("write");
    // A check already in flight may have read the file before it was rewritten: the next one
    // sees the change.
    for _ in 0..5 {
        app.settle_disk();
        if app.state().dialogs.current().is_some() {
            break;
        }
    }
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::ChangedOnDisk(_))));
    // A dialog is sized, unseen, on its first frame.
    app.steps(2);

    // Saving now must not overwrite their file.
    app.harness.get_by_label("Reload").click();
    app.steps(2);
    app.settle_disk();
    assert_eq!(app.state().project().title, "Edited elsewhere");
    assert!(!app.state().doc.editor.is_dirty());
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "their file untouched");
    // Reloading is one undoable step: my tag comes back with undo.
    app.press_with(Modifiers::COMMAND, Key::Z);
    assert!(app.state().project().claims.iter().any(|c| c.anchor.exact == "thousands died"));
}

#[test]
fn a_binary_file_dropped_on_the_window_is_refused_with_a_message() {
    let mut app = sample_app();
    let dir = tempfile::tempdir().expect("tmp");
    let image = dir.path().join("poster.txt");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let before = app.state().project().clone();
    app.harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(image)));
    app.steps(2);
    app.wait_for_import();
    assert_eq!(app.state().project(), &before, "nothing imported");
    assert!(app.state().notices.iter().any(|n| n.text.contains("not text")), "a message says why");
}

#[test]
fn updating_an_article_text_reanchors_its_claims_in_one_undo_step() {
    let mut app = sample_app();
    let before = app.state().project().clone();
    let article = before.articles[0].clone();
    // A newer version: a correction at the top and one claim's words rewritten.
    let new_text = format!(
        "Correction: this piece was updated.\n\n{}",
        article.text.replace("Others expect the Zhat Vash to return", "Others expect nothing of the sort")
    );
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("newer.txt");
    std::fs::write(&file, &new_text).expect("write");
    app.harness.state_mut().background.file_dialogs.scripted = Some([Some(file)].into());
    app.harness.state_mut().open_dialog(DialogRequest::UpdateText(article.id.clone()));
    app.steps(2);
    app.harness.get_by_label("From a file…").click();
    app.steps(3);
    app.wait_for_import();
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::ImportPreview(_))));
    app.click_button("Update article");
    app.steps(3);
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::ReanchorReport(_))));
    let project = app.state().project();
    assert_eq!(project.articles[0].text, canonry::text::normalize_article_text(&new_text));
    let orphans: Vec<&str> =
        project.claims.iter().filter(|c| c.anchor.is_orphaned()).map(|c| c.anchor.exact.as_str()).collect();
    assert_eq!(orphans, ["Others expect the Zhat Vash to return"]);
    for claim in project.claims.iter().filter(|c| !c.anchor.is_orphaned() && c.article == article.id) {
        let at: String = project.articles[0]
            .text
            .chars()
            .skip(claim.anchor.start)
            .take(claim.anchor.end - claim.anchor.start)
            .collect();
        assert_eq!(at, claim.anchor.exact);
    }
    app.harness.get_by_label("Close").click();
    app.steps(2);
    app.press_with(Modifiers::COMMAND, Key::Z);
    assert_eq!(app.state().project(), &before, "one undo restores the old text and anchors");
}

/// A file "dropped" on the window in tests.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_text_file_dropped_on_the_window_becomes_an_article() {
    let mut app = sample_app();
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("ds9.md");
    std::fs::write(&file, "# Deep Space Nine returns\r\n\r\nSisko may be back, rumour says.\r\n").expect("write");
    app.harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(file)));
    app.steps(3);
    app.wait_for_import();
    // A preview shows the extracted title first; the user can fix it.
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::ImportPreview(_))));
    app.click_button("Add article");
    app.steps(3);
    let project = app.state().project();
    assert_eq!(project.articles.len(), 3);
    assert_eq!(project.articles[2].title, "Deep Space Nine returns");
    assert_eq!(app.state().current_article().map(|a| a.title.as_str()), Some("Deep Space Nine returns"));
}

#[test]
fn export_from_the_dialog_writes_the_chosen_format() {
    let mut app = sample_app();
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("notes.html");
    app.harness.state_mut().background.file_dialogs.scripted = Some([Some(out.clone())].into());
    app.press_with(Modifiers::COMMAND, Key::E);
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::Export(_))));
    app.steps(2);
    app.harness.get_by_label("Format").hover();
    app.steps(1);
    app.harness.get_by_label("Format").click();
    app.steps(2);
    app.harness.get_by_label("HTML page").click();
    app.steps(2);
    app.harness.get_by_label("Quotes only (no notes, sources, history or spoilers)").click();
    app.steps(2);
    app.harness.get_by_label("Save…").click();
    app.steps(3);
    app.settle_disk();
    let html = std::fs::read_to_string(&out).expect("export written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Rogue synthetics destroyed the rescue fleet under construction"));
    assert!(!html.contains("Shown in flashback"), "spoiler-free: no notes");
}

#[test]
fn merging_a_friends_copy_reports_conflicts_and_is_one_undo_step() {
    let mut app = sample_app();
    let dir = tempfile::tempdir().expect("tmp");
    // The friend's copy: a changed note on a shared claim and one new claim.
    let mut theirs = canonry::storage::parse_project(common::sample_bytes()).expect("sample").project;
    theirs.claims[0].note = "Friend's note.".into();
    let article = theirs.articles[0].id.clone();
    let new_claim = theirs.add_claim(&article, 0, 6, Tier::SPECULATION).expect("claim");
    let path = dir.path().join("friend.canonry");
    canonry::storage::save_project(
        &canonry::storage::RealFs,
        &path,
        &theirs,
        canonry::storage::CURRENT_VERSION,
        None,
        None,
    )
    .expect("save");
    let before = app.state().project().clone();

    app.harness.state_mut().background.file_dialogs.scripted = Some([Some(path)].into());
    app.harness.get_by_label("File").click();
    app.steps(2);
    app.harness.get_by_label("Merge Project…").click();
    app.steps(3);
    // The merge is applied as one undo step; what both changed differently opens the resolver.
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::Conflicts(_))));
    let notices: Vec<_> = app.state().notices.iter().map(|n| n.text.clone()).collect();
    assert_eq!(app.state().project().conflicts.len(), 1, "{notices:?}");
    assert!(app.state().project().claim(&new_claim).is_some(), "their new claim arrives without asking");
    let merged = app.state().project().clone();
    app.click_button("Take theirs");
    let project = app.state().project();
    assert!(project.conflicts.is_empty());
    assert_eq!(project.claim(&before.claims[0].id).map(|c| c.note.as_str()), Some("Friend's note."));
    let undo = |app: &mut App| {
        let ctx = app.harness.ctx.clone();
        app.harness.state_mut().run(&ctx, canonry::app::Command::Ui(canonry::app::UiCommand::Undo));
        app.steps(2);
    };
    undo(&mut app);
    assert_eq!(app.state().project().conflicts, merged.conflicts, "undo takes back the choice");
    undo(&mut app);
    assert_eq!(app.state().project(), &before, "one more undo undoes the whole merge");
}

#[test]
fn a_file_with_recorded_conflicts_opens_in_the_resolver_and_stays_resolved_after_saving() {
    use canonry::edit::merge::can_keep_both;
    let base = canonry::storage::parse_project(common::sample_bytes()).expect("sample").project;
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    let (note_id, tier_id, gone_id) = (base.claims[0].id.clone(), base.claims[1].id.clone(), base.claims[2].id.clone());
    mine.claims[0].note = "My reading.".into();
    theirs.claims[0].note = "Their reading.".into();
    mine.claims[1].tier = Tier::SPECULATION.into();
    theirs.claims[1].tier = Tier::COMIC_CANON.into();
    mine.claims.retain(|c| c.id != gone_id);
    if let Some(c) = theirs.claims.iter_mut().find(|c| c.id == gone_id) {
        c.note = "They kept this one.".into();
    }
    let merged = canonry::edit::merge::merge(Some(&base), &mine, &theirs).expect("merge");
    assert_eq!(merged.conflicts.len(), 3, "{:?}", merged.conflicts);
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("merged.canonry");
    let version = canonry::storage::CURRENT_VERSION;
    canonry::storage::save_project(&canonry::storage::RealFs, &path, &merged, version, None, None).expect("save");

    let mut app = app_with(Some(path.clone()), tempfile::tempdir().expect("tmp"));
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::Conflicts(_))), "opens straight into the resolver");
    while let Some(first) = app.state().project().conflicts.first().cloned() {
        // The note keeps both, the deletion keeps mine (deleted), the tier takes theirs.
        use canonry::edit::merge::Choice;
        let choice = if first.field == canonry::model::DELETED_FIELD {
            Choice::KeepMine
        } else if first.field == "note" && can_keep_both(&first) {
            Choice::KeepBoth
        } else {
            Choice::TakeTheirs
        };
        let left = app.state().project().conflicts.len();
        // The resolver's buttons queue exactly this (dialogs/conflicts.rs tests the buttons).
        let ctx = app.harness.ctx.clone();
        app.harness.state_mut().run(&ctx, canonry::app::Edit::ResolveConflict { index: 0, choice }.into());
        app.steps(2);
        let notices: Vec<_> = app.state().notices.iter().map(|n| n.text.clone()).collect();
        assert_eq!(
            app.state().project().conflicts.len(),
            left - 1,
            "{choice:?} settles one conflict: {first:?} {notices:?}"
        );
    }
    app.press_with(Modifiers::COMMAND, Key::S);
    app.settle_disk();
    app.harness.state_mut().open(&path);
    app.settle_disk();
    let project = app.state().project();
    assert!(project.conflicts.is_empty(), "saved without conflicts");
    let note = &project.claim(&note_id).expect("claim").note;
    assert!(note.contains("My reading.") && note.contains("Their reading."), "both notes kept: {note:?}");
    assert_eq!(project.claim(&tier_id).map(|c| c.tier.as_str()), Some(Tier::COMIC_CANON), "their tier");
    assert!(project.claim(&gone_id).is_none(), "my deletion stands");
    assert!(app.state().dialogs.current().is_none(), "nothing left to resolve");
}

impl App {
    fn alt_click(&mut self, offset: usize, shift: bool) {
        let pos = self.pos_of(offset);
        let modifiers = if shift { Modifiers::ALT | Modifiers::SHIFT } else { Modifiers::ALT };
        self.harness.hover_at(pos);
        self.steps(1);
        for pressed in [true, false] {
            self.harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers,
            });
        }
        self.steps(2);
    }
}

#[test]
fn alt_click_selects_a_sentence_and_enter_accepts_the_suggestion() {
    let mut app = sample_app();
    let sentence = "Fans suspect that Q has one last appearance left in him.";
    // Not in the sample: add the words to a fresh article first.
    let text = format!("A short piece about Picard.\n\nThe show ended its run. {sentence} Dr. Jurati may return too.");
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("piece.txt");
    std::fs::write(&file, &text).expect("write");
    app.harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(file)));
    app.steps(3);
    app.wait_for_import();
    app.click_button("Add article");
    let inside = app.offset_of("one last appearance");
    app.alt_click(inside, false);
    let start = app.offset_of("Fans suspect");
    assert_eq!(app.state().panels.article_view.selection.range(), (start, start + sentence.chars().count()));
    // The abbreviation "Dr." does not end a sentence: Alt+Shift+click extends to the next one.
    app.alt_click(app.offset_of("may return"), true);
    let end = app.offset_of("too.") + 4;
    assert_eq!(app.state().panels.article_view.selection.range(), (start, end));
    app.alt_click(inside, false);
    app.press(Key::Enter);
    let claim = claim_by_quote(app.state(), sentence);
    assert_eq!(claim.tier, Tier::SPECULATION, "suggested from “fans suspect”");
}

#[test]
fn the_review_panel_adds_only_what_is_accepted() {
    let mut app = sample_app();
    let before = app.state().project().claims.len();
    app.harness.state_mut().start_review();
    app.steps(2);
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::Review(_))));
    let total = review(app.state()).map(|r| r.items.len()).expect("review");
    assert!(total >= 3, "the sample has unclaimed lore sentences to suggest");
    let first = review(app.state()).map(|r| r.items[0].clone()).expect("item");
    let second = review(app.state()).map(|r| r.items[1].clone()).expect("item");
    // Reject the first, retag the second as comic-canon and accept it.
    app.press(Key::Delete);
    app.press(Key::Num2);
    app.press(Key::Enter);
    let project = app.state().project();
    assert_eq!(project.claims.len(), before + 1, "one claim accepted, one rejected");
    assert!(!project.claims.iter().any(|c| c.anchor.exact == first.text));
    let accepted = project.claims.iter().find(|c| c.anchor.exact == second.text).expect("accepted claim");
    assert_eq!(accepted.tier, Tier::COMIC_CANON);
    assert_eq!(review(app.state()).map(|r| r.items.len()), Some(total - 2));
    assert!(
        !review(app.state()).expect("review").items.iter().any(|i| i.text.to_lowercase().contains("keep an eye out")),
        "housekeeping is never proposed"
    );
}

#[test]
fn a_project_open_in_another_window_is_flagged() {
    let (_dir, path) = common::temp_with_sample();
    let first = app_with(Some(path.clone()), tempfile::tempdir().expect("tmp"));
    assert!(first.state().notices.is_empty());
    let second = app_with(Some(path.clone()), tempfile::tempdir().expect("tmp"));
    assert!(second.state().notices.iter().any(|n| n.text.contains("already open in another Canonry window")));
    drop(second);
    drop(first);
    let third = app_with(Some(path), tempfile::tempdir().expect("tmp"));
    assert!(third.state().notices.is_empty(), "the lock went with the first window");
}

/// The real file system, except that creating a file fails as a full or read-only disk does.
struct FailingDisk(i32);

impl canonry::storage::Fs for FailingDisk {
    fn create_and_write(&self, _: &std::path::Path, _: &[u8]) -> std::io::Result<()> {
        Err(std::io::Error::from_raw_os_error(self.0))
    }
    fn sync_file(&self, path: &std::path::Path) -> std::io::Result<()> {
        canonry::storage::RealFs.sync_file(path)
    }
    fn copy_permissions(&self, from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
        canonry::storage::RealFs.copy_permissions(from, to)
    }
    fn rename(&self, from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
        canonry::storage::RealFs.rename(from, to)
    }
    fn sync_dir(&self, dir: &std::path::Path) -> std::io::Result<()> {
        canonry::storage::RealFs.sync_dir(dir)
    }
    fn remove_file(&self, path: &std::path::Path) -> std::io::Result<()> {
        canonry::storage::RealFs.remove_file(path)
    }
}

#[test]
fn a_save_that_fails_keeps_the_old_file_and_the_work_in_memory_and_in_recovery() {
    const ENOSPC: i32 = 28;
    const EROFS: i32 = 30;
    // (what goes wrong, what the message must advise)
    let troubles = ["full disk", "read-only disk", "folder vanished", "file replaced by a folder"];
    for trouble in troubles {
        let root = tempfile::tempdir().expect("tmp");
        let folder = root.path().join("journals");
        std::fs::create_dir_all(&folder).expect("mkdir");
        let path = folder.join("lore.canonry");
        std::fs::write(&path, common::sample_bytes()).expect("write");
        let mut app = app_with(Some(path.clone()), tempfile::tempdir().expect("data"));
        // This test is about the save; the periodic disk check (which would rightly flag a file
        // replaced by a folder first) is tested on its own.
        app.harness.state_mut().background.disk_check_interval = std::time::Duration::from_secs(3600);
        app.drag_select("thousands died");
        app.press(Key::Num3);
        let edited = app.state().project().clone();

        let advice = match trouble {
            "full disk" => {
                app.harness.state_mut().background.project_fs = std::sync::Arc::new(FailingDisk(ENOSPC));
                "The disk is full"
            }
            "read-only disk" => {
                app.harness.state_mut().background.project_fs = std::sync::Arc::new(FailingDisk(EROFS));
                "read-only"
            }
            "folder vanished" => {
                std::fs::remove_dir_all(&folder).expect("remove folder");
                "no longer exists"
            }
            _ => {
                std::fs::remove_file(&path).expect("remove");
                std::fs::create_dir(&path).expect("a folder where the file was");
                "Cannot save"
            }
        };
        app.press_with(Modifiers::COMMAND, Key::S);
        app.settle_disk();

        if trouble == "file replaced by a folder" {
            // Another program replaced the file: that is a change on disk, never overwritten.
            assert!(matches!(app.state().dialogs.current(), Some(Dialog::ChangedOnDisk(_))), "{trouble}");
        } else {
            let error = app.state().notices.last().map(|n| n.text.clone()).unwrap_or_default();
            assert!(error.contains(advice) && error.contains("lore.canonry"), "{trouble}: {error:?}");
            assert!(error.contains("kept in this window and in the recovery file"), "{trouble}: {error:?}");
        }
        assert!(app.state().doc.editor.is_dirty(), "{trouble}: the work is still unsaved in memory");
        assert_eq!(app.state().project(), &edited, "{trouble}: nothing lost in memory");
        match trouble {
            "full disk" | "read-only disk" => {
                assert_eq!(std::fs::read(&path).expect("old file"), common::sample_bytes(), "{trouble}: old file")
            }
            "folder vanished" => assert!(!folder.exists(), "{trouble}: nothing recreated behind the user's back"),
            _ => assert!(path.is_dir(), "{trouble}: the other program's folder is untouched"),
        }
        let leftovers = std::fs::read_dir(root.path().join("journals")).map_or(0, |d| {
            d.filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).count()
        });
        assert_eq!(leftovers, 0, "{trouble}: no temp file left behind");

        let recovery = app.state().doc.recovery_path().expect("a recovery slot").to_owned();
        let recoverable = canonry::storage::recovery::Recoverable {
            file: recovery,
            recovery_of: None,
            written: String::new(),
            title: String::new(),
        };
        let recovered = recoverable.load().unwrap_or_else(|e| panic!("{trouble}: {e}"));
        assert_eq!(recovered.project, edited, "{trouble}: the recovery file holds the unsaved work");
    }
}

// ---- The lore journal ------------------------------------------------------------------------

fn claim_id(app: &App, quote_start: &str) -> String {
    app.state().project().claims.iter().find(|c| c.anchor.exact.starts_with(quote_start)).expect("claim").id.clone()
}

#[test]
fn linking_two_claims_as_contradicting_shows_in_the_contradictions_view() {
    let mut app = sample_app();
    let rumour = claim_id(&app, "Others expect the Zhat Vash");
    let fact = claim_id(&app, "the Federation banned synthetic life");
    app.harness.state_mut().select_claim(&rumour);
    app.steps(3);
    app.click_button("Link to another claim…");
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::LinkPicker(_))));
    // Contradicts is the default relation; find the other claim by its words and pick it.
    app.harness.get_by_label("Find the other claim by its words").focus();
    app.steps(1);
    app.harness.get_by_label("Find the other claim by its words").type_text("banned synthetic");
    app.steps(2);
    app.click_last_button("“the Federation banned synthetic life outright”");
    assert!(app.state().dialogs.current().is_none());
    let link = app
        .state()
        .project()
        .links
        .iter()
        .find(|l| l.from == rumour && l.to == fact)
        .expect("the link was made")
        .clone();
    assert_eq!(link.kind, "contradicts");

    app.harness.state_mut().open_dialog(DialogRequest::Contradictions);
    app.steps(2);
    assert_eq!(app.harness.query_all_by_label("Mark resolved").count(), 2, "the sample's and the new one");
    assert!(app.harness.query_all_by_label("“Others expect the Zhat Vash to return”").count() >= 1);
    // Clicking one side goes to that claim.
    app.click_last_button("“the Federation banned synthetic life outright”");
    assert_eq!(app.state().selection.claim.as_deref(), Some(fact.as_str()));
    // Both claims now show the link in the note pane, from each side.
    app.steps(2);
    assert!(app.harness.query_by_label("contradicted by").is_some());
    app.press_with(Modifiers::COMMAND, Key::Z);
    assert!(!app.state().project().links.iter().any(|l| l.id == link.id), "undo removes the link");
}

#[test]
fn accepting_a_proposed_name_and_opening_its_page() {
    let mut app = sample_app();
    app.harness.state_mut().open_dialog(DialogRequest::Glossary(None));
    app.steps(3);
    // "Tal Shiar" is in several claims but not in the sample's glossary.
    assert!(app.state().project().glossary.iter().all(|e| e.name != "Tal Shiar"));
    app.click_button("Accept Tal Shiar");
    let entry = app.state().project().glossary.iter().find(|e| e.name == "Tal Shiar").expect("accepted").clone();
    assert!(
        matches!(app.state().dialogs.current(), Some(Dialog::Glossary(g)) if g.entry() == Some(entry.id.as_str())),
        "its page opens"
    );
    app.steps(2);
    assert!(app.harness.query_by_label("Claims mentioning it").is_some());
    // Its page lists the claims that mention it, grouped by tier.
    let quote = "he first met Laris and Zhaban, the two former Tal Shiar agents who later run his vineyard";
    let shown = format!("“{}…”", quote.chars().take(80).collect::<String>());
    assert!(app.harness.query_by_label(&shown).is_some(), "the claim is listed under its tier");
    app.click_button("◀ All names");
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::Glossary(g)) if g.entry().is_none()));
    app.steps(2);
    assert!(app.harness.query_by_label("Accept Tal Shiar").is_none(), "no longer proposed");
}

#[test]
fn search_everything_with_a_tier_filter_jumps_to_the_claim() {
    let mut app = sample_app();
    app.press_with(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    assert!(matches!(app.state().dialogs.current(), Some(Dialog::Search(_))));
    app.steps(1);
    app.harness.get_by_label("Search for").type_text("zhat vash");
    app.steps(2);
    let all = search_hits(app.state()).len();
    assert!(all >= 4, "quotes, article text and the glossary: {all}");
    // Only speculation: untick Canon and Comic-canon. (The dialog re-centres as results change,
    // so these are clicked the way assistive technology does, by node rather than position.)
    app.harness.get_by_label("Canon").click_accesskit();
    app.steps(2);
    app.harness.get_by_label("Comic-canon").click_accesskit();
    app.steps(2);
    let hits = search_hits(app.state()).to_vec();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let rumour = claim_id(&app, "Others expect the Zhat Vash");
    assert_eq!(hits[0].place, canonry::lore::search::Place::Quote { claim: rumour.clone() });
    app.click_last_button("Others expect the Zhat Vash to return");
    assert!(app.state().dialogs.current().is_none());
    assert_eq!(app.state().selection.claim.as_deref(), Some(rumour.as_str()));
}

#[test]
fn a_spoiler_stays_hidden_until_revealed() {
    let mut app = sample_app();
    let spoiler = claim_id(&app, "The trailer confirms that Q returns");
    app.harness.state_mut().select_claim(&spoiler);
    app.steps(3);
    // The note pane hides the quote and note behind a button.
    assert!(app.harness.query_by_label("Spoiler: this claim and its note are hidden.").is_some());
    assert!(app.harness.query_by_label("Link to another claim…").is_none());
    // The claim list hides it too.
    assert!(app.harness.query_by_label("“spoiler (hidden)”").is_some());
    app.click_button("Reveal spoiler");
    assert!(app.state().selection.revealed.contains(&spoiler));
    app.steps(2);
    assert!(app.harness.query_by_label("Spoiler: this claim and its note are hidden.").is_none());
    assert!(app.harness.query_by_label("Link to another claim…").is_some());
    assert!(app.harness.query_by_label("“spoiler (hidden)”").is_none(), "revealed in the list as well");
    // Unmarking it makes it an ordinary claim, one undo step away.
    app.harness.get_by_label("Spoiler").click();
    app.steps(2);
    assert!(app.state().project().claim(&spoiler).expect("claim").spoiler.is_none());
    app.press_with(Modifiers::COMMAND, Key::Z);
    assert!(app.state().project().claim(&spoiler).expect("claim").spoiler.is_some());
}

/// Characters of the body font that fit the reader's wrap width.
fn reader_chars_per_line(app: &App) -> f32 {
    let size = app.state().settings.text_size;
    let sample = "the quick brown fox jumps over a lazy dog";
    let width = app.harness.ctx.fonts_mut(|f| {
        f.layout_no_wrap(sample.to_owned(), egui::FontId::proportional(size), egui::Color32::WHITE).size().x
    });
    app.state().panels.article_view.wrap_width() / (width / sample.chars().count() as f32)
}

fn app_of_size(width: f32, height: f32) -> App {
    let data = tempfile::tempdir().expect("tmp");
    let state = AppState::new(Settings::default(), None, Some(data.path().to_owned()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, state: &mut AppState| state.frame(ui), state);
    harness.run_steps(4);
    App { harness, _data: data }
}

#[test]
fn the_reader_stays_readable_in_a_narrow_window_and_panes_come_back_by_keyboard() {
    let mut wide = app_of_size(1600.0, 1000.0);
    wide.steps(2);
    assert!(wide.state().panels.fit.sidebar && wide.state().panels.fit.notes, "both panes fit at 1600 x 1000");
    assert!(reader_chars_per_line(&wide) >= 40.0, "{} chars", reader_chars_per_line(&wide));

    let mut narrow = app_of_size(700.0, 500.0);
    narrow.steps(2);
    let chars = reader_chars_per_line(&narrow);
    assert!(chars >= 40.0, "the reader keeps 40 characters a line at 700 x 500, got {chars:.0}");
    let fit = narrow.state().panels.fit;
    assert!(fit.notes && !fit.sidebar, "the notes pane stays, the sidebar collapses: {fit:?}");
    // Ctrl+B brings the articles pane back, in place of the notes pane, and the reader stays readable.
    narrow.press_with(Modifiers::COMMAND, Key::B);
    narrow.steps(3);
    let fit = narrow.state().panels.fit;
    assert!(fit.sidebar && !fit.notes, "the pane asked for is shown: {fit:?}");
    assert!(reader_chars_per_line(&narrow) >= 40.0);
    narrow.press_with(Modifiers::COMMAND | Modifiers::ALT, Key::B);
    narrow.steps(3);
    assert!(narrow.state().panels.fit.notes, "Ctrl+Alt+B brings the notes back");
}

#[test]
fn an_import_runs_off_the_ui_thread_shows_progress_and_can_be_cancelled() {
    let mut app = sample_app();
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let ctx = app.harness.ctx.clone();
    let work = move || {
        wait.recv().ok(); // a page that takes as long as the test wants
        Ok(canonry::import::Imported { title: "Slow page".into(), text: "Slow text.".into(), ..Default::default() })
    };
    app.harness
        .state_mut()
        .background
        .start_import(&ctx, "slow.html".into(), ImportTarget::NewArticle, work)
        .expect("start");
    let frames = app.state().window.frames;
    app.steps(5);
    assert!(app.state().window.frames >= frames + 5, "the window keeps drawing while the page is read");
    assert!(app.harness.query_by_label("Importing slow.html…").is_some(), "progress is shown");
    app.click_button("Cancel");
    assert!(app.state().background.importing().is_none(), "cancelled");
    release.send(()).ok();
    app.steps(5);
    assert!(app.state().dialogs.current().is_none(), "a cancelled import shows no preview");
    assert_eq!(app.state().project().articles.len(), 2, "and adds nothing");
}

#[test]
fn an_orphan_is_reattached_to_new_words_with_the_mouse_and_with_the_keyboard() {
    let mut app = sample_app();
    let orphan = claim_id(&app, "Rumour has it that Q");
    let orphan_it = |app: &mut App| {
        app.harness.state_mut().doc.editor.update_claim(&orphan, "Orphan", false, |c| {
            c.anchor.status = canonry::model::AnchorStatus::Orphaned;
        });
        app.harness.state_mut().select_claim(&orphan); // as a click on its row does
        app.steps(30); // the scroll to the claim settles
    };
    orphan_it(&mut app);
    assert!(app.harness.query_by_label_contains("Orphaned: these words").is_some());

    // Mouse: a click on plain text (the first click of a double-click) keeps the orphan selected,
    // then the words are selected by dragging.
    let word = "refugees";
    let pos = app.pos_of(app.offset_of(word) + 2);
    app.harness.hover_at(pos);
    app.steps(1);
    app.harness.drag_at(pos);
    app.harness.drop_at(pos);
    app.steps(2);
    assert_eq!(app.state().selection.claim.as_deref(), Some(orphan.as_str()), "the orphan stays selected");
    let (at, end) = app.drag_select(word);
    assert_eq!(app.state().selection.claim.as_deref(), Some(orphan.as_str()));
    assert_eq!(app.state().panels.article_view.selection.range(), (at, end));
    // The button shows its shortcut beside the label.
    app.harness.get_by_label_contains("Re-attach to selection").click();
    app.steps(3);
    let claim = claim_by_quote(app.state(), word);
    assert_eq!((claim.id.as_str(), claim.anchor.is_orphaned()), (orphan.as_str(), false));
    assert_eq!((claim.anchor.start, claim.anchor.end), (at, at + word.chars().count()));

    // Keyboard: Shift+arrows select the words, Ctrl+R re-attaches.
    orphan_it(&mut app);
    let target = "predict";
    let start = app.offset_of(target);
    app.harness.state_mut().panels.article_view.set_selection(start, start);
    app.state().panels.article_view.focus(&app.harness.ctx);
    app.steps(1);
    for _ in 0..target.chars().count() {
        app.harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
        app.steps(1);
    }
    app.press_with(Modifiers::COMMAND, Key::R);
    app.steps(2);
    let claim = claim_by_quote(app.state(), target);
    assert_eq!((claim.id.as_str(), claim.anchor.is_orphaned()), (orphan.as_str(), false));
}

#[test]
fn export_to_a_vault_folder_from_the_export_dialog() {
    let mut app = sample_app();
    let dir = tempfile::tempdir().expect("tmp");
    let vault = dir.path().join("My vault");
    app.harness.state_mut().background.file_dialogs.scripted = Some([Some(vault.clone())].into());
    app.press_with(Modifiers::COMMAND, Key::E);
    app.steps(2);
    app.click_button("Export to a Vault Folder…");
    for _ in 0..400 {
        if app.state().notices.iter().any(|n| n.text.starts_with("Vault ")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.steps(1);
    }
    let summary = app.state().notices.last().map(|n| n.text.clone()).unwrap_or_default();
    assert!(summary.contains("created"), "the report is shown: {summary:?}");
    let claims = std::fs::read_dir(vault.join("Claims")).expect("claim notes").count();
    assert_eq!(claims, app.state().project().claims.len(), "one note per claim");
}

#[test]
fn a_spoiler_end_date_is_checked_where_it_is_typed() {
    let mut app = sample_app();
    let spoiler = claim_id(&app, "The trailer confirms that Q returns");
    app.harness.state_mut().select_claim(&spoiler);
    app.steps(3);
    app.click_button("Reveal spoiler");
    app.harness.get_by_label("until").focus();
    app.steps(1);
    app.harness.get_by_label("until").type_text("31/12/2026");
    app.steps(3);
    let until = |app: &App| app.state().project().claim(&spoiler).and_then(|c| c.spoiler.clone()).map(|s| s.until);
    assert_eq!(until(&app), Some(String::new()), "an unreadable date is not stored");
    assert!(app.harness.query_by_label_contains("2026-12-31").is_some(), "the field says what to type");
    for _ in 0.."31/12/2026".len() {
        app.harness.key_press(Key::Backspace);
        app.steps(1);
    }
    app.harness.get_by_label("until").type_text("2026-12-31");
    app.steps(3);
    assert_eq!(until(&app).as_deref(), Some("2026-12-31"), "a valid date is stored");
}
