//! [`AppState::ui`]: one frame of drawing. Input becomes commands (shortcuts, dropped files),
//! the panels and the open dialog draw from their parts of the state and queue commands, and the
//! commands run at the end of the frame.

use std::path::PathBuf;

use super::command::{Command, ImportTarget};
use super::dialogs::DialogContext;
use super::panels::PanelContext;
use super::settings::ThemeChoice;
use super::state::AppState;

impl AppState {
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.window.frames += 1;
        if !self.window.fonts_installed {
            // Fonts added now take effect next pass: draw nothing this once.
            super::install_fonts(&ctx);
            self.window.fonts_installed = true;
            ctx.request_repaint();
            return;
        }
        ctx.set_theme(match self.settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
        self.queue_dropped_files(&ctx);
        if !self.dialogs.is_open() {
            let reader = self.panels.article_view.id;
            let tiers = &self.doc.project().tiers;
            super::shortcuts::listen(&ctx, &mut self.commands, tiers, reader, &mut self.background.paste_target);
        }
        let text_selection = self.text_selection();
        let AppState { doc, selection, settings, panels, dialogs, notices, commands, background, suggestions, .. } =
            self;
        let suggestion = suggestions.for_selection(doc.project(), text_selection);
        let importing = background.importing();
        let opening = background.opening();
        let mut panel_cx = PanelContext { doc, selection, settings, notices, suggestion, importing, opening, commands };
        panels.ui(ui, &mut panel_cx);
        let mut dialog_cx =
            DialogContext { doc, selection, settings, commands, fetching: background.importing().is_some() };
        dialogs.ui(&ctx, &mut dialog_cx);
        self.run_queued(&ctx);
    }

    /// Files dropped on the window: a project opens, another file imports as an article.
    fn queue_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        let Some(path) = dropped.into_iter().next() else { return };
        if path.extension().is_some_and(|e| e == "canonry") {
            self.commands.push(Command::OpenPath(path));
        } else {
            self.commands.push(Command::ImportFile { path, target: ImportTarget::NewArticle });
        }
    }
}
