//! File commands: open, save, reload, restore, import, export and merge.

use std::path::{Path, PathBuf};

use super::command::{AfterSave, Command, ImportTarget};
use super::command::{DialogRequest, PendingImport};
use super::dialogs::Dialog;
use super::document::Document;
use super::file_dialogs::{FileAnswer, FileRequest};
use super::state::AppState;
use crate::edit::merge::memory::MergeMemory;
use crate::storage::SaveError;
use crate::storage::backup::BackupDir;

impl AppState {
    pub(super) fn run_file_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenPath(path) => self.after_unsaved_check(ctx, AfterSave::Open(path)),
            Command::SaveTo(path) => {
                self.save_to(&path);
            }
            Command::ContinueAfterUnsaved { then, save } => {
                if !save {
                    self.doc.editor.mark_saved();
                    self.dialogs.close();
                    self.run_after_save(ctx, then);
                } else if self.save(ctx) {
                    self.dialogs.close();
                    self.run_after_save(ctx, then);
                }
                // Otherwise a Save As dialog is asking where; its answer continues.
            }
            Command::ReloadFromDisk => self.reload_from_disk(),
            Command::Restore(found) => self.restore(*found),
            Command::DiscardRecovered(found) => found.discard(),
            Command::RequestFile(request) => self.request_file(ctx, request),
            Command::ImportFile { path, target } => self.import_file(ctx, path, target),
            Command::ImportClipboard { text, target } => {
                let work = move || {
                    crate::import::import_clipboard(&text, None)
                        .map_err(|e| format!("Cannot make an article from the clipboard: {e}"))
                };
                self.start_import(ctx, "the clipboard".into(), target, work);
            }
            Command::PasteArticle(target) => {
                self.background.paste_target = Some(target);
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            Command::FetchUrl { url, target } => {
                if let Err(e) = self.background.fetch_url(ctx, &url, target) {
                    self.notices.error(format!("Cannot start the download: {e}"));
                }
            }
            Command::CancelImport => self.background.cancel_import(),
            Command::AcceptImport(pending) => self.accept_import(*pending),
            Command::ExportToFile { format, options } => {
                match crate::export::export(self.doc.project(), format, &options) {
                    Ok(bytes) => {
                        let suggested_name =
                            crate::paths::suggested_file_name(&self.doc.display_name(), format.extension());
                        self.request_file(ctx, FileRequest::Export { bytes, suggested_name });
                    }
                    Err(e) => self.notices.error(format!("Cannot export: {e}")),
                }
            }
            Command::PrepareMerge(path) => self.prepare_merge(&path),
            other => crate::log::error(&format!("not a file command: {other:?}")),
        }
    }

    pub(super) fn request_file(&mut self, ctx: &egui::Context, request: FileRequest) {
        self.background.file_dialogs.request(ctx, request);
    }

    pub(super) fn request_save_as(&mut self, ctx: &egui::Context) {
        // A bare, safe file name whatever the title holds ("../", "CON", control characters).
        let suggested_name = crate::paths::suggested_file_name(&self.doc.display_name(), "canonry");
        self.request_file(ctx, FileRequest::SaveAs { suggested_name });
    }

    /// Saves to the document's path, or asks for one. Returns whether the project is now saved.
    pub fn save(&mut self, ctx: &egui::Context) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path),
            None => {
                self.request_save_as(ctx);
                false
            }
        }
    }

    /// Saves to `path`. A save to the document's own path refuses to overwrite changes made by
    /// another program; a save elsewhere (Save As) writes where the user chose.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let same_file = self.doc.path.as_deref() == Some(path);
        let expected = if same_file { self.doc.stamp.clone() } else { None };
        let backups = self.data_dir.as_ref().map(|d| BackupDir::new(d.join("backups")));
        let fs = self.background.project_fs.clone();
        let result = crate::storage::save_project_reporting(
            fs.as_ref(),
            path,
            self.doc.project(),
            self.doc.version,
            expected.as_ref(),
            backups.as_ref(),
        );
        match result {
            Ok(saved) => {
                if let Some(warning) = saved.warning {
                    // Saved, but the folder could not be flushed: say so, without calling it a failure.
                    self.notices.info(format!("Saved {}. {warning}", path.display()));
                }
                self.doc.stamp = Some(saved.stamp);
                // Saved under a new name: that file is now the one this window holds.
                self.doc.lock_saved_path(path);
                self.doc.path = Some(path.to_owned());
                self.doc.editor.mark_saved();
                self.doc.changed_on_disk = false;
                self.doc.discard_recovery();
                self.settings.add_recent(path);
                true
            }
            Err(SaveError::ChangedOnDisk { .. }) => {
                // Not overwritten: the work stays in the window and goes to the recovery file
                // while the user decides.
                if let Err(e) = self.doc.write_recovery() {
                    self.notices.error(format!("Cannot write the recovery file: {e}"));
                }
                self.doc.changed_on_disk = true;
                self.dialogs.open(DialogRequest::ChangedOnDisk, self.doc.project());
                false
            }
            Err(e) => {
                // The work stays in memory and goes to the recovery file.
                let kept = match self.doc.write_recovery() {
                    Ok(()) => "Your work is kept in this window and in the recovery file.",
                    Err(_) => "Your work is kept in this window; do not close it until it is saved.",
                };
                self.notices.error(format!("{e} {kept}"));
                false
            }
        }
    }

    /// Runs `then` now, or first asks about unsaved changes.
    pub fn after_unsaved_check(&mut self, ctx: &egui::Context, then: AfterSave) {
        if self.doc.editor.is_dirty() {
            self.dialogs.open(DialogRequest::UnsavedChanges(then), self.doc.project());
        } else {
            self.run_after_save(ctx, then);
        }
    }

    fn run_after_save(&mut self, ctx: &egui::Context, then: AfterSave) {
        match then {
            AfterSave::Open(path) => self.open(&path),
            AfterSave::New => {
                let doc = Document::untitled(self.recovery_dir().as_deref());
                self.replace_document(doc);
            }
            AfterSave::Quit => {
                self.window.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a project file in place of the current one (which must be saved or discarded).
    pub fn open(&mut self, path: &Path) {
        let held = self.held_lock_for(Some(path));
        let result = Document::open(path, Document::read(path), self.recovery_dir().as_deref(), held);
        match result {
            Ok((doc, warnings)) => {
                self.replace_document(doc);
                self.settings.add_recent(path);
                for warning in warnings {
                    self.notices.info(warning);
                }
                self.warn_if_open_elsewhere();
                self.offer_recorded_conflicts();
            }
            Err(e) => self.notices.error(e.to_string()),
        }
    }

    /// A project with conflicts recorded by a merge (git's merge driver, File > Merge) opens
    /// straight into the resolver.
    pub(super) fn offer_recorded_conflicts(&mut self) {
        if !self.doc.project().conflicts.is_empty() && !self.dialogs.is_open() {
            self.dialogs.open(DialogRequest::Conflicts, self.doc.project());
        }
    }

    /// The current document's lock, when the next document is the same file.
    fn held_lock_for(&mut self, path: Option<&Path>) -> Option<crate::storage::lock::ProjectLock> {
        let same = path.is_some_and(|p| self.doc.path.as_deref().is_some_and(|own| same_file(own, p)));
        if same { self.doc.take_lock() } else { None }
    }

    /// Tells the user when another window has the project open too.
    pub(super) fn warn_if_open_elsewhere(&mut self) {
        if self.doc.open_elsewhere {
            self.notices.error(format!(
                "{} is already open in another Canonry window. Edit it in one window only: Canonry will not \
                 overwrite changes saved from the other window, but you would have to choose between them.",
                self.doc.display_name()
            ));
        }
    }

    fn replace_document(&mut self, doc: Document) {
        // The old document's recovery file goes: the user saved or discarded its changes.
        self.doc.editor.mark_saved();
        self.doc = doc;
        self.selection = super::selection::Selection::default();
        self.panels.reset();
    }

    /// Restores unsaved work from a recovery file as the open document.
    fn restore(&mut self, found: crate::storage::recovery::Recoverable) {
        match found.load() {
            Ok(loaded) => {
                // The restored work belongs to its original file if it still exists and is
                // readable; saving then checks that file was not changed meanwhile.
                let stamp = found.recovery_of.as_deref().and_then(|p| Document::read(p).ok()).map(|(_, s)| s);
                let path = stamp.as_ref().and(found.recovery_of.clone());
                let held = self.held_lock_for(path.as_deref());
                let source =
                    super::document::DocumentSource { project: loaded.project, path, stamp, version: loaded.version };
                let doc = Document::new(source, self.recovery_dir().as_deref(), held);
                self.replace_document(doc);
                self.doc.editor.mark_unsaved();
                if let Err(e) = self.doc.write_recovery() {
                    self.notices.error(format!("Cannot write the recovery file: {e}"));
                }
                found.discard();
                self.notices.info(format!("Restored unsaved work from {}. Save it to keep it.", found.written));
                self.warn_if_open_elsewhere();
            }
            Err(e) => self.notices.error(e.to_string()),
        }
    }

    /// Reloads the project from disk, dropping unsaved changes (undoable as one step).
    fn reload_from_disk(&mut self) {
        let Some(path) = self.doc.path.clone() else { return };
        match Document::read(&path) {
            Ok((loaded, stamp)) => {
                self.doc.editor.replace_project("Reload from disk", loaded.project);
                self.doc.editor.mark_saved();
                self.doc.stamp = Some(stamp);
                self.doc.changed_on_disk = false;
                self.follow_undo();
            }
            Err(e) => self.notices.error(e.to_string()),
        }
    }

    pub(super) fn recovery_dir(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("recovery"))
    }

    /// Imports a file (text, Markdown, a saved web page, subtitles, an EPUB, wikitext or a wiki
    /// export of several pages) for `target` in the background; the preview opens when it is read.
    fn import_file(&mut self, ctx: &egui::Context, path: PathBuf, target: ImportTarget) {
        let what = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let file = path.clone();
        let work = move || crate::import::import_file_all(&path, &crate::import::ImportOptions::default());
        if let Err(e) = self.background.start_import_pages(ctx, what, target, Some(file), work) {
            self.notices.error(format!("Cannot start the import: {e}"));
        }
    }

    fn start_import(
        &mut self,
        ctx: &egui::Context,
        what: String,
        target: ImportTarget,
        work: impl FnOnce() -> Result<crate::import::Imported, String> + Send + 'static,
    ) {
        if let Err(e) = self.background.start_import(ctx, what, target, work) {
            self.notices.error(format!("Cannot start the import: {e}"));
        }
    }

    /// Shows what an import found (an article, or a wiki export's pages) for checking before it
    /// goes into the project.
    pub(super) fn preview_import(
        &mut self,
        pages: Vec<crate::import::Imported>,
        target: ImportTarget,
        file: Option<PathBuf>,
    ) {
        if pages.is_empty() {
            return self.notices.error("Nothing to import was found.");
        }
        let options = crate::import::ImportOptions::default();
        let pending = Box::new(PendingImport { pages, target, file, options });
        self.dialogs.open(DialogRequest::ImportPreview(pending), self.doc.project());
    }

    /// Adds the previewed articles (one per page the user kept), or updates the target
    /// article's text.
    fn accept_import(&mut self, pending: PendingImport) {
        match pending.target {
            ImportTarget::NewArticle => {
                let count = pending.pages.len();
                let mut first = None;
                for imported in pending.pages {
                    let id = self.doc.editor.add_article(imported.into_article());
                    first.get_or_insert(id);
                }
                if let Some(id) = first {
                    self.selection.select_article(&id);
                }
                if count > 1 {
                    self.notices.info(format!("Added {count} articles (each is one undo step)."));
                }
            }
            ImportTarget::Update(article) => {
                // The preview sends only the page shown when it updates an article.
                let Some(imported) = pending.pages.into_iter().next() else { return };
                let title = self.doc.project().article(&article).map(|a| a.title.clone()).unwrap_or_default();
                match self.doc.editor.update_article_text(&article, &imported.text) {
                    Some(report) => {
                        self.panels.article_view = Default::default();
                        self.selection.select_article(&article);
                        self.dialogs.open(DialogRequest::ReanchorReport { title, report }, self.doc.project());
                    }
                    None => self.notices.error("The article to update no longer exists."),
                }
            }
        }
    }

    /// A native file dialog answered.
    pub(super) fn handle_file_answer(&mut self, ctx: &egui::Context, (request, answer): FileAnswer) {
        let Some(path) = answer else { return };
        match request {
            FileRequest::Open => self.after_unsaved_check(ctx, AfterSave::Open(path)),
            FileRequest::SaveAs { .. } => {
                let path = with_canonry_extension(path);
                if self.save_to(&path)
                    && let Some(Dialog::UnsavedChanges(unsaved)) = self.dialogs.current()
                {
                    let then = unsaved.then().clone();
                    self.dialogs.close();
                    self.run_after_save(ctx, then);
                }
            }
            FileRequest::ImportArticle(target) => self.import_file(ctx, path, target),
            FileRequest::Export { bytes, .. } => {
                match crate::storage::atomic_write(self.background.project_fs.as_ref(), &path, &bytes) {
                    Ok(()) => self.notices.info(format!("Exported to {}.", path.display())),
                    Err(e) => self.notices.error(e.to_string()),
                }
            }
            FileRequest::Merge => self.prepare_merge(&path),
            FileRequest::VaultFolder(options) => {
                let project = self.doc.project().clone();
                if let Err(e) = self.background.start_vault_export(ctx, project, *options, path) {
                    self.notices.error(format!("Cannot start the vault export: {e}"));
                }
            }
        }
    }

    /// Merges a friend's project or bundle into this one as one undo step: three-way, against the
    /// version last merged from the same file, so a change only they made is taken without asking
    /// and what I deleted stays deleted. What both changed differently goes to the resolver.
    fn prepare_merge(&mut self, path: &Path) {
        let theirs = match Document::read(path) {
            Ok((loaded, _)) => loaded.project,
            Err(e) => return self.notices.error(e.to_string()),
        };
        let memory = self.data_dir.as_ref().map(|d| MergeMemory::new(d.join("merge-bases")));
        let base = memory.as_ref().and_then(|m| m.base_for(path));
        let merged = match crate::edit::merge::merge_from_file(self.doc.project(), &theirs, base.as_ref()) {
            Ok(merged) => merged,
            Err(e) => return self.notices.error(format!("Cannot merge {}: {e}", path.display())),
        };
        if &merged == self.doc.project() {
            self.notices.info(format!("{} has nothing new.", path.display()));
        } else {
            let conflicts = merged.conflicts.len();
            self.doc.editor.replace_project("Merge project", merged);
            self.follow_undo();
            let open = if conflicts > 0 { format!(", {conflicts} conflict(s) to settle") } else { String::new() };
            self.notices.info(format!("Merged {}{open} (one undo step).", path.display()));
            if conflicts > 0 {
                self.dialogs.open(DialogRequest::Conflicts, self.doc.project());
            }
        }
        if let Some(Err(e)) = memory.map(|m| m.remember(path, &theirs)) {
            self.notices.error(format!("Merged, but cannot remember this merge for the next one: {e}"));
        }
    }
}

fn with_canonry_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|e| e == "canonry") { path } else { path.with_extension("canonry") }
}

/// Whether two paths name the same file (comparing absolute forms, resolving links when both exist).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}
