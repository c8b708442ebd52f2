//! The desktop app: a thin egui layer over the core.
//!
//! [`AppState`] owns a dozen parts (document, selection, settings, panels, dialogs, ...). Each
//! frame, [`AppState::logic`] does the non-drawing work and [`AppState::ui`] draws: panels and
//! dialogs read their parts and queue [`Command`]s, which `command_handling` runs at the end of
//! the frame. Menus, shortcuts and the F1 sheet come from one table, [`UiCommand`].

mod background;
mod command;
mod command_handling;
mod deferred_fonts;
pub mod dialogs;
mod disk_work;
mod document;
mod file_dialogs;
mod handle_edits;
mod handle_files;
mod layout;
mod logic;
mod notices;
pub mod panels;
mod selection;
mod settings;
mod shortcuts;
mod state;
mod suggestions;
mod theme;
mod ui_command;
pub mod widgets;
mod writes_in_flight;

use std::path::PathBuf;
use std::process::ExitCode;

pub use background::Background;
pub use command::{AfterSave, Command, CommandQueue, DialogRequest, Edit, ImportTarget, TierEdit};
pub use deferred_fonts::DeferredFonts;
pub use dialogs::{Dialog, Dialogs};
pub use disk_work::{LoadPurpose, Loading, SaveInFlight, WritesInFlight};
pub use document::Document;
pub use file_dialogs::{FileDialogs, FileRequest};
pub use notices::{Notice, NoticeKind, Notices};
pub use selection::{NotesTab, Selection};
pub use settings::{Settings, Side, ThemeChoice};
pub use state::{AppState, WindowState};
pub use theme::tier_color;
pub use ui_command::{READER_KEYS, UiCommand, shortcut_sheet, shortcut_sheet_markdown};
pub use widgets::article_view::{ArticleView, TextSelection};

use crate::APP_ID;

/// `CANONRY_TRACE_STARTUP`: prints how long each start-up phase took (benches/startup.sh).
fn trace_startup(phase: &str) {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let start = *START.get_or_init(std::time::Instant::now);
    if std::env::var_os("CANONRY_TRACE_STARTUP").is_some() {
        eprintln!("startup: {:7.1} ms  {phase}", start.elapsed().as_secs_f64() * 1000.0);
    }
}

/// Opens the main window; returns when it closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    trace_startup("main");
    install_panic_log();
    // Read and parse the project while the window and OpenGL start up (each takes tens of
    // milliseconds with a book-length project; on two cores they overlap).
    let preloading = file.clone().and_then(|path| {
        std::thread::Builder::new().name("preload-project".into()).spawn(move || state::preload(path)).ok()
    });
    let viewport = egui::ViewportBuilder::default()
        // Titled after the project from the start, before the first frame sets the full title.
        .with_title(initial_title(file.as_deref()))
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true)
        .with_icon(app_icon());
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        // Ours (`DeferredFonts`) looks fallback fonts up off the window's thread.
        system_font_fallback: false,
        // Window layout and preferences live beside our other files (and follow
        // CANONRY_DATA_DIR); the project itself is never stored there.
        persistence_path: crate::paths::data_dir().map(|d| d.join("app.ron")),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Canonry",
        options,
        Box::new(move |cc| {
            trace_startup("window and OpenGL ready");
            let settings: Settings = cc.storage.and_then(|s| eframe::get_value(s, Settings::KEY)).unwrap_or_default();
            install_fonts(&cc.egui_ctx);
            trace_startup("fonts installed");
            let preloaded = preloading.and_then(|thread| thread.join().ok());
            let mut state = AppState::with_preloaded(settings, file, crate::paths::data_dir(), preloaded);
            trace_startup("project loaded");
            state.window.fonts_installed = true;
            let fallback = std::sync::Arc::new(DeferredFonts::new(egui_system_font_provider::SystemFontProvider::new));
            cc.egui_ctx.add_font_provider(fallback.clone());
            state.window.fallback_fonts = Some(fallback);
            let exit_after_first_frame = std::env::var_os("CANONRY_EXIT_AFTER_FIRST_FRAME").is_some();
            Ok(Box::new(CanonryApp { state, exit_after_first_frame }))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::log::error(&format!("cannot open a window: {e}"));
            ExitCode::FAILURE
        }
    }
}

struct CanonryApp {
    state: AppState,
    /// `CANONRY_EXIT_AFTER_FIRST_FRAME` (benches/startup.sh): close once the first full frame
    /// has been painted, to time start-up.
    exit_after_first_frame: bool,
}

impl eframe::App for CanonryApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.state.logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // If a bug panics mid-frame, the work is written to the recovery file before the
        // process ends, and offered at the next start.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.state.ui(ui)));
        if let Err(panic) = outcome {
            self.state.doc.write_recovery().ok();
            std::panic::resume_unwind(panic);
        }
        if self.state.window.frames <= 3 {
            trace_startup(&format!("frame {} built", self.state.window.frames));
        }
        if self.exit_after_first_frame && self.state.window.frames >= 2 {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::KEY, &self.state.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.state.on_exit();
    }
}

/// "NAME — Canonry" for a project file given on the command line, else "Canonry".
fn initial_title(file: Option<&std::path::Path>) -> String {
    match file.and_then(std::path::Path::file_stem) {
        Some(stem) => format!("{} — Canonry", stem.to_string_lossy()),
        None => "Canonry".to_owned(),
    }
}

/// Adds the symbols font as a fallback, so tier icons (■ ◆ …) never show as boxes.
pub fn install_fonts(ctx: &egui::Context) {
    let symbols = egui::FontData::from_static(include_bytes!("../../assets/fonts/CanonrySymbols-Subset.ttf"));
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace].map(|family| {
        egui::epaint::text::InsertFontFamily { family, priority: egui::epaint::text::FontPriority::Lowest }
    });
    ctx.add_font(egui::epaint::text::FontInsert::new("canonry-symbols", symbols, families.to_vec()));
}

/// The window icon: the app icon generated from `assets/icons/canonry.svg`.
fn app_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/png/256/canonry.png")).unwrap_or_default()
}

/// Writes panics to a log file in the data folder (a double-clicked app has no terminal).
fn install_panic_log() {
    let Some(log_path) = crate::log::log_path() else { return };
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        crate::log::append(&log_path, &format!("{} panic: {info}\n", crate::model::now_rfc3339()));
        default_hook(info);
    }));
}
