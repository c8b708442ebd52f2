//! UI flows driven through egui_kittest on the real app state: mouse and keyboard in, project
//! state out.

mod common;

use std::path::PathBuf;

use canonry::app::{AppState, Modal, Settings};
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
        .build_ui_state(|ui, state: &mut AppState| state.ui(ui), state);
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

    /// Screen position of a code point of the current article (its paragraph must be visible).
    fn pos_of(&self, char_offset: usize) -> Pos2 {
        self.state().article_view.screen_pos_of(char_offset).expect("character on screen")
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
    assert_eq!(app.state().article_view.selection.range(), (start, end));
    app.press(Key::Num2);
    let project = app.state().project();
    assert_eq!(project.claims.len(), claims_before + 1);
    let claim = project.claims.iter().find(|c| c.anchor.exact == "Utopia Planitia shipyards").expect("new claim");
    assert_eq!(claim.tier, Tier::COMIC_CANON);
    assert_eq!((claim.anchor.start, claim.anchor.end), (start, end));
    assert_eq!(app.state().view.claim.as_deref(), Some(claim.id.as_str()), "the new claim is selected");
    assert!(app.state().doc.editor.is_dirty());
}
