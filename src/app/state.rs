//! [`AppState`]: the app, as a dozen owned parts. Panels and dialogs each get only the parts
//! they need; only the layout, the logic and the command handling see the whole.

use std::path::PathBuf;

use super::background::Background;
use super::command::CommandQueue;
use super::command::DialogRequest;
use super::dialogs::Dialogs;
use super::document::{Document, LoadResult};
use super::notices::Notices;
use super::panels::Panels;
use super::selection::Selection;
use super::settings::Settings;
use super::suggestions::Suggestions;
use crate::storage::recovery::find_recoverable;

/// Frame bookkeeping of the window.
#[derive(Debug, Default)]
pub struct WindowState {
    pub frames: u64,
    /// The symbols font is registered with egui.
    pub fonts_installed: bool,
    /// System fonts for characters the bundled ones lack, found off the window's thread (none
    /// in tests, which run without a window).
    pub fallback_fonts: Option<std::sync::Arc<super::deferred_fonts::DeferredFonts>>,
    /// Set when the user agreed to close; the window may then close.
    pub close_confirmed: bool,
    pub last_title: String,
}

/// A project file read and parsed ahead of the window: its path and what loading it gave.
pub type Preloaded = (PathBuf, LoadResult);

/// Reads and parses a project file (for [`AppState::with_preloaded`], on another thread).
pub fn preload(path: PathBuf) -> Preloaded {
    let loaded = Document::read(&path);
    (path, loaded)
}

pub struct AppState {
    pub doc: Document,
    pub selection: Selection,
    pub settings: Settings,
    pub panels: Panels,
    pub dialogs: Dialogs,
    pub notices: Notices,
    /// Commands queued this frame, run after drawing.
    pub commands: CommandQueue,
    pub background: Background,
    pub suggestions: Suggestions,
    /// The app's data folder (backups, recovery); `None` keeps nothing.
    pub data_dir: Option<PathBuf>,
    pub window: WindowState,
}

impl AppState {
    /// Opens `file`, else the most recent project, else the sample; and looks for recoverable
    /// work from earlier sessions.
    pub fn new(settings: Settings, file: Option<PathBuf>, data_dir: Option<PathBuf>) -> Self {
        Self::with_preloaded(settings, file, data_dir, None)
    }

    /// [`AppState::new`], with the project file possibly read and parsed already (on another
    /// thread while the window was being created).
    pub fn with_preloaded(
        settings: Settings,
        file: Option<PathBuf>,
        data_dir: Option<PathBuf>,
        preloaded: Option<Preloaded>,
    ) -> Self {
        let recovery_dir = data_dir.as_ref().map(|d| d.join("recovery"));
        let recovery_dir = recovery_dir.as_deref();
        let mut notices = Notices::default();
        let recent = settings.recent.first().filter(|p| p.exists()).cloned();
        let doc = match file.or(recent) {
            Some(path) => {
                let loaded = match preloaded {
                    Some((preloaded_path, loaded)) if preloaded_path == path => loaded,
                    _ => Document::read(&path),
                };
                match Document::open(&path, loaded, recovery_dir, None) {
                    Ok((doc, warnings)) => {
                        warnings.into_iter().for_each(|w| notices.info(w));
                        doc
                    }
                    Err(e) => {
                        notices.error(e.to_string());
                        Document::sample(recovery_dir)
                    }
                }
            }
            None => Document::sample(recovery_dir),
        };
        let recoverable = recovery_dir.map(find_recoverable).unwrap_or_default();
        let mut state = Self {
            doc,
            selection: Selection::default(),
            settings,
            panels: Panels::default(),
            dialogs: Dialogs::default(),
            notices,
            commands: CommandQueue::default(),
            background: Background::default(),
            suggestions: Suggestions::default(),
            data_dir,
            window: WindowState::default(),
        };
        if !recoverable.is_empty() {
            state.dialogs.open(DialogRequest::Recovery(recoverable), state.doc.project());
        }
        if let Some(path) = state.doc.path.clone() {
            state.settings.add_recent(&path);
        }
        state.warn_if_open_elsewhere();
        state.offer_recorded_conflicts();
        state.suggestions.rebuild(&state.settings.user_cues);
        state
    }

    pub fn project(&self) -> &crate::model::Project {
        self.doc.project()
    }

    /// One whole frame as eframe runs it: [`AppState::logic`], then [`AppState::ui`] (for
    /// tests and benchmarks, which drive the state without eframe).
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        self.logic(&ui.ctx().clone());
        self.ui(ui);
    }
}
