//! File commands: open, save, reload, restore, import, export and merge.

use std::path::{Path, PathBuf};

use super::command::{AfterSave, Command, ImportTarget};
use super::command::{DialogRequest, PendingImport};
use super::dialogs::Dialog;
use super::disk_work::LoadPurpose;
use super::document::Document;
use super::file_dialogs::{FileAnswer, FileRequest};
use super::state::AppState;
use crate::edit::merge::memory::MergeMemory;

impl AppState {
    pub(super) fn run_file_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenPath(path) => self.after_unsaved_check(ctx, AfterSave::Open(path)),
            Command::AfterSave(then) => self.after_unsaved_check(ctx, then),
            Command::ContinueAfterUnsaved { then, save } => {
                if !save {
                    self.doc.editor.mark_saved();
                    self.dialogs.close();
                    self.run_after_save(ctx, then);
                } else if self.doc.path.is_some() {
                    self.dialogs.close();
                    self.save(ctx, Some(then));
                } else {
                    // A Save As dialog asks where; its answer saves and continues.
                    self.save(ctx, None);
                }
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

    /// Saves to the document's path in the background, then does `then`; or asks for a path.
    pub fn save(&mut self, ctx: &egui::Context, then: Option<AfterSave>) {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path, then),
            None => self.request_save_as(ctx),
        }
    }

    /// Runs `then` now, or first asks about unsaved changes.
    pub fn after_unsaved_check(&mut self, ctx: &egui::Context, then: AfterSave) {
        if let Some(saving) = &mut self.doc.writes.saving
            && saving.then.is_none()
        {
            // Ctrl+S then Ctrl+Q: go on once the save is done, and ask then only about what it
            // did not hold.
            saving.then = Some(then);
        } else if self.doc.editor.is_dirty() {
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

    /// Opens a project file in place of the current one (which must be saved or discarded),
    /// once read in the background.
    pub fn open(&mut self, path: &Path) {
        self.start_load(path, LoadPurpose::Open);
    }

    pub(super) fn finish_open(&mut self, path: &Path, loaded: super::document::LoadResult) {
        if self.doc.editor.is_dirty() {
            // Edited while the file was being read: ask again rather than drop those edits.
            self.dialogs.open(DialogRequest::UnsavedChanges(AfterSave::Open(path.to_owned())), self.doc.project());
            return;
        }
        let held = self.held_lock_for(Some(path));
        let result = Document::open(path, loaded, self.recovery_dir().as_deref(), held);
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
        // Its writes finish first, so none lands after its recovery file is gone; nothing that
        // was to follow its save applies to the new document.
        self.doc.writes.queued_save = None;
        if let Some(saving) = &mut self.doc.writes.saving {
            saving.then = None;
        }
        if !self.wait_for_disk_work(Self::DISK_WAIT) {
            crate::log::error("the disk writer did not finish in time before another project was opened");
        }
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
                self.start_recovery_write();
                found.discard();
                self.notices.info(format!("Restored unsaved work from {}. Save it to keep it.", found.written));
                self.warn_if_open_elsewhere();
            }
            Err(e) => self.notices.error(e.to_string()),
        }
    }

    /// Reloads the project from disk, dropping unsaved changes (undoable as one step).
    fn reload_from_disk(&mut self) {
        if let Some(path) = self.doc.path.clone() {
            self.start_load(&path, LoadPurpose::Reload);
        }
    }

    pub(super) fn finish_reload(&mut self, loaded: super::document::LoadResult) {
        match loaded {
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
                // Asked for by the unsaved-changes dialog: what it was about follows the save.
                let then = match self.dialogs.current() {
                    Some(Dialog::UnsavedChanges(unsaved)) => Some(unsaved.then().clone()),
                    _ => None,
                };
                if then.is_some() {
                    self.dialogs.close();
                }
                self.save_to(&path, then);
            }
            FileRequest::ImportArticle(target) => self.import_file(ctx, path, target),
            FileRequest::Export { bytes, .. } => self.start_export_write(path, bytes),
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
