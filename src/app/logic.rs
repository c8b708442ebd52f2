//! [`AppState::logic`]: everything that is not drawing, run before each frame and while the
//! window is hidden: file-dialog answers, a finished import, the recovery file after a quiet
//! spell, noticing changes to the project file on disk, the close button, the window title.

use std::time::Instant;

use super::command::Command;
use super::command::DialogRequest;
use super::dialogs::Dialog;
use super::state::AppState;

impl AppState {
    pub fn logic(&mut self, ctx: &egui::Context) {
        self.background.wake_with(ctx);
        if let Some(fonts) = &self.window.fallback_fonts {
            fonts.install_found(ctx);
        }
        self.apply_finished_disk_work();
        while let Some(answer) = self.background.file_dialogs.poll() {
            self.handle_file_answer(ctx, answer);
        }
        if let Some(done) = self.background.poll_import() {
            match done.result {
                Ok(pages) => self.preview_import(pages, done.target, done.file),
                Err(e) => self.commands.push(Command::Error(e)),
            }
        }
        if let Some(done) = self.background.poll_vault_export() {
            match done {
                Ok(report) => {
                    let summary = report.to_string().lines().next().unwrap_or_default().to_owned();
                    self.commands.push(Command::Info(summary));
                }
                Err(e) => self.commands.push(Command::Error(e)),
            }
        }
        self.write_recovery_when_quiet(ctx);
        self.check_disk();
        self.handle_close_request(ctx);
        self.run_queued(ctx);
        self.update_window_title(ctx);
    }

    fn write_recovery_when_quiet(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        let revision = self.doc.editor.revision();
        let background = &mut self.background;
        if revision != background.last_seen_revision {
            background.last_seen_revision = revision;
            background.last_edit_at = Some(now);
        }
        // One write at a time: edits made during one are written once it is back.
        if !self.doc.editor.is_dirty() || self.doc.recovery_revision == revision || self.doc.writes.recovery > 0 {
            return;
        }
        match background.last_edit_at {
            Some(at) if now.duration_since(at) >= background.recovery_delay => {
                self.start_recovery_write();
            }
            Some(at) => ctx.request_repaint_after(background.recovery_delay.saturating_sub(now.duration_since(at))),
            None => {}
        }
    }

    fn check_disk(&mut self) {
        let now = Instant::now();
        let background = &mut self.background;
        let due = background.last_disk_check.is_none_or(|t| now.duration_since(t) >= background.disk_check_interval);
        if due {
            background.last_disk_check = Some(now);
            self.start_disk_check();
        }
    }

    /// The window's close button (or the OS) asks to close: with unsaved changes, ask first.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.window.close_confirmed {
            return;
        }
        if let Some(saving) = &mut self.doc.writes.saving
            && saving.then.is_none()
        {
            // Quitting waits for the save in flight, then asks only if there is more to save.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            saving.then = Some(super::command::AfterSave::Quit);
        } else if self.doc.is_saving() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        } else if self.doc.editor.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            let asking = matches!(self.dialogs.current(), Some(Dialog::UnsavedChanges(_)));
            if !asking {
                let then = super::command::AfterSave::Quit;
                self.dialogs.open(DialogRequest::UnsavedChanges(then), self.doc.project());
            }
        } else {
            self.window.close_confirmed = true;
        }
    }

    /// "Title — Canonry", with a marker for unsaved changes.
    pub fn window_title(&self) -> String {
        let marker = if self.doc.editor.is_dirty() { "● " } else { "" };
        format!("{marker}{} — Canonry", self.doc.display_name())
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.window.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window.last_title = title;
        }
    }

    /// Called when the app is about to exit after the user agreed.
    pub fn on_exit(&mut self) {
        // A save or recovery write in flight finishes (and counts) before the last word.
        if !self.wait_for_disk_work(Self::DISK_WAIT) {
            crate::log::error("the disk writer did not finish in time while quitting");
        }
        if self.doc.editor.is_dirty() {
            // The user chose "Don't Save", or the system is shutting down: keep the work
            // recoverable rather than lose it.
            if let Err(e) = self.doc.write_recovery() {
                crate::log::error(&format!("cannot write the recovery file on exit: {e}"));
            }
        }
    }
}
