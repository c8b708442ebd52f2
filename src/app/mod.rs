//! The desktop app: a thin egui layer over the core. [`AppState`] holds the state and the
//! commands; the modules below draw panels and turn input into those commands.

mod article_view;
mod dialogs;
mod file_dialogs;
mod lore_ui;
mod markdown;
mod note_pane;
pub(crate) mod panels;
mod reader;
mod settings;
mod state;

use std::path::PathBuf;
use std::process::ExitCode;

use egui::{Color32, Key, KeyboardShortcut, Modifiers};

pub use article_view::{ArticleView, TextSelection};
pub use dialogs::SHORTCUTS;
pub use file_dialogs::{FileDialogs, FileRequest};
pub use settings::{Settings, ThemeChoice};
pub use state::{
    AfterSave, AppState, Document, ImportTarget, Modal, NoteTarget, NotesTab, Notice, NoticeKind, Review, ReviewItem,
};

use crate::APP_ID;
use crate::model::Tier;

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
    let preloading = file.clone().map(|path| std::thread::spawn(move || state::preload(path)));
    let viewport = egui::ViewportBuilder::default()
        .with_title("Canonry")
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true)
        .with_icon(app_icon());
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
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
            state.fonts_installed = true;
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
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // If a bug panics mid-frame, the work is written to the recovery file before the
        // process ends, and offered at the next start.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.state.ui(ui)));
        if let Err(panic) = outcome {
            let _ = self.state.doc.write_recovery();
            std::panic::resume_unwind(panic);
        }
        if self.state.frames <= 3 {
            trace_startup(&format!("frame {} built", self.state.frames));
        }
        if self.exit_after_first_frame && self.state.frames >= 2 {
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

/// A tier's colour for the UI.
pub fn tier_color(tier: &Tier) -> Color32 {
    let [r, g, b] = tier.rgb();
    Color32::from_rgb(r, g, b)
}

impl AppState {
    /// One frame of the whole window.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        if !self.fonts_installed {
            // Fonts added now take effect next pass: draw nothing this once.
            install_fonts(&ctx);
            self.fonts_installed = true;
            ctx.request_repaint();
            return;
        }
        ctx.set_theme(match self.settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
        self.handle_file_dialog_answers(&ctx);
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if !dropped.is_empty() {
            self.handle_dropped(&ctx, dropped);
        }
        if self.modal.is_none() {
            self.handle_shortcuts(&ctx);
        }

        egui::Panel::top("menu").show(ui, |ui| panels::menu_bar(ui, self));
        egui::Panel::bottom("status").show(ui, |ui| panels::status_bar(ui, self));
        if self.settings.show_sidebar {
            egui::Panel::left("sidebar").resizable(true).default_size(300.0).min_size(200.0).show(ui, |ui| {
                panels::sidebar(ui, self);
            });
        }
        if self.settings.show_notes {
            egui::Panel::right("notes").resizable(true).default_size(360.0).min_size(240.0).show(ui, |ui| {
                note_pane::note_pane(ui, self);
            });
        }
        egui::CentralPanel::default().show(ui, |ui| reader::reader(ui, self));
        dialogs::show_modal(ui, self);

        self.handle_close_request(&ctx);
        self.tick(&ctx);
        self.update_window_title(&ctx);
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let command_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        let pressed = |shortcut: KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(&shortcut));
        // Longer shortcuts first: Ctrl+Shift+Z must not be read as Ctrl+Z.
        if pressed(command_shift(Key::Z)) || pressed(command(Key::Y)) {
            self.redo();
        }
        if pressed(command(Key::Z)) {
            self.undo();
        }
        if pressed(command_shift(Key::S)) {
            self.save_as(ctx);
        }
        if pressed(command(Key::S)) {
            self.save(ctx);
        }
        if pressed(command(Key::O)) {
            self.file_dialogs.request(ctx, FileRequest::Open, "");
        }
        if pressed(command(Key::N)) {
            self.after_unsaved_check(ctx, AfterSave::New);
        }
        if pressed(command(Key::Q)) {
            self.after_unsaved_check(ctx, AfterSave::Quit);
        }
        if pressed(command(Key::E)) {
            self.modal = Some(Modal::Export);
        }
        if pressed(command_shift(Key::F)) {
            self.open_search();
        }
        if pressed(command(Key::F)) {
            self.view.find_open = true;
            self.view.focus_find = true;
        }
        if pressed(command(Key::Equals)) || pressed(command(Key::Plus)) {
            self.settings.text_size = (self.settings.text_size + 1.0).min(32.0);
        }
        if pressed(command(Key::Minus)) {
            self.settings.text_size = (self.settings.text_size - 1.0).max(10.0);
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F1)) {
            self.modal = Some(Modal::Shortcuts);
        }

        if pressed(command_shift(Key::V)) {
            ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
        }
        // Single keys act on the article only while no text field is being typed in.
        if text_field_has_focus(ctx) {
            return;
        }
        // Pasting outside a text field makes a new article from the clipboard.
        let pasted = ctx.input(|i| {
            i.events.iter().find_map(|e| if let egui::Event::Paste(text) = e { Some(text.clone()) } else { None })
        });
        if let Some(text) = pasted {
            let target = std::mem::take(&mut self.import_target);
            self.import_clipboard(&text, target);
            return;
        }
        let reader_focused = ctx.memory(|m| m.focused().is_none_or(|id| id == self.article_view.id));
        if !reader_focused {
            return;
        }
        let tiers: Vec<(String, Key)> =
            self.project().tiers.iter().filter_map(|t| Key::from_name(&t.key).map(|k| (t.id.clone(), k))).collect();
        for (tier, key) in tiers {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                self.apply_tier(&tier);
            }
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)) {
            self.accept_suggestion();
        }
        if ctx.input_mut(|i| {
            i.consume_key(Modifiers::NONE, Key::Delete) || i.consume_key(Modifiers::NONE, Key::Backspace)
        }) {
            self.delete_selected_claim();
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::SHIFT, Key::Tab)) {
            self.step_claim(false);
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab)) {
            self.step_claim(true);
        }
    }

    /// The window's close button (or the OS) asks to close: with unsaved changes, ask first.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.close_confirmed {
            return;
        }
        if self.doc.editor.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::UnsavedChanges { then: AfterSave::Quit });
        } else {
            self.close_confirmed = true;
        }
    }
}

/// Whether a text field has keyboard focus (single-key shortcuts must then type instead).
fn text_field_has_focus(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.focused()).is_some_and(|id| egui::TextEdit::load_state(ctx, id).is_some())
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
