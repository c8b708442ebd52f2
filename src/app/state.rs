//! The app's state and the commands the UI runs on it. Everything a test needs to drive or
//! inspect is here; the panels only draw it and call these methods.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::article_view::ArticleView;
use super::file_dialogs::{FileDialogs, FileRequest};
use super::settings::Settings;
use crate::edit::Editor;
use crate::model::{Article, Claim, Project};
use crate::storage::backup::BackupDir;
use crate::storage::recovery::{Recoverable, RecoverySlot, find_recoverable, recovery_bytes};
use crate::storage::{CURRENT_VERSION, DiskStamp, FormatVersion, RealFs, SaveError, load_file, parse_project};

/// The open project.
pub struct Document {
    pub editor: Editor,
    /// `None` until first saved.
    pub path: Option<PathBuf>,
    pub stamp: Option<DiskStamp>,
    pub version: FormatVersion,
    recovery: Option<RecoverySlot>,
    /// Editor revision last written to the recovery file.
    recovery_revision: u64,
    last_seen_revision: u64,
    last_edit_at: Option<Instant>,
    /// Set when the file changed on disk under us and the user has not decided yet.
    pub changed_on_disk: bool,
    last_disk_check: Option<Instant>,
    /// Held while this window has the project open (tells other windows).
    lock: Option<crate::storage::lock::ProjectLock>,
    /// Another Canonry window had the project open when this one opened it.
    pub open_elsewhere: bool,
}

impl Document {
    pub fn new(
        project: Project,
        path: Option<PathBuf>,
        stamp: Option<DiskStamp>,
        version: FormatVersion,
        recovery_dir: Option<&Path>,
    ) -> Self {
        let recovery = recovery_dir.and_then(|dir| RecoverySlot::claim(dir).ok());
        let (lock, open_elsewhere) = match path.as_deref().map(crate::storage::lock::ProjectLock::acquire) {
            Some(Ok(lock)) => (Some(lock), false),
            Some(Err(crate::storage::lock::LockError::HeldElsewhere)) => (None, true),
            // A read-only folder cannot hold a lock file; the project still opens.
            Some(Err(crate::storage::lock::LockError::Io(_))) | None => (None, false),
        };
        Self {
            editor: Editor::new(project),
            path,
            stamp,
            version,
            recovery,
            recovery_revision: 0,
            last_seen_revision: 0,
            last_edit_at: None,
            changed_on_disk: false,
            last_disk_check: None,
            lock,
            open_elsewhere,
        }
    }

    pub fn project(&self) -> &Project {
        self.editor.project()
    }

    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.file_stem().map_or_else(|| p.display().to_string(), |s| s.to_string_lossy().into_owned()),
            None => self.project().title.clone(),
        }
    }

    pub fn recovery_path(&self) -> Option<&Path> {
        self.recovery.as_ref().map(RecoverySlot::path)
    }

    /// Writes unsaved work to the recovery file now.
    pub fn write_recovery(&mut self) -> Result<(), String> {
        let Some(slot) = &self.recovery else { return Ok(()) };
        let bytes =
            recovery_bytes(self.editor.project(), self.version, self.path.as_deref()).map_err(|e| e.to_string())?;
        slot.write(&bytes).map_err(|e| e.to_string())?;
        self.recovery_revision = self.editor.revision();
        Ok(())
    }

    fn discard_recovery(&mut self) {
        if let Some(slot) = &self.recovery {
            slot.discard();
        }
        self.recovery_revision = self.editor.revision();
    }
}

impl Drop for Document {
    fn drop(&mut self) {
        // A document closed cleanly (saved, or the user chose not to save) leaves no recovery.
        if !self.editor.is_dirty() {
            self.discard_recovery();
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// Something to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterSave {
    Open(PathBuf),
    New,
    Quit,
}

/// The dialog in front, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// "Save changes to X?" before `then`.
    UnsavedChanges {
        then: AfterSave,
    },
    /// Unsaved work from sessions that ended without saving.
    Recovery,
    ConfirmRemoveArticle {
        article: String,
    },
    RenameArticle {
        article: String,
        title: String,
    },
    /// The project file changed on disk while open.
    ChangedOnDisk,
    Tiers,
    Export,
    /// A merge to review: what it adds and the conflicts to settle.
    Merge,
    /// An extracted article to check (and correct) before it is added.
    ImportPreview,
    /// Typing a URL to import from.
    ImportUrl {
        url: String,
    },
    /// Choosing where a newer version of an article comes from.
    UpdateText {
        article: String,
    },
    /// What an update did to the article's claims.
    ReanchorReport,
    /// Suggested claims of the current article, to accept, retag or reject one by one.
    Review,
    /// The user's own suggestion cues.
    SuggestionCues,
    /// Linking the claim `from` to another, picked by searching its words.
    LinkClaim {
        from: String,
        query: String,
        kind: crate::model::LinkKind,
        note: String,
    },
    /// Unresolved contradictions across the project.
    Contradictions,
    /// The glossary: names, proposals, and one name's page.
    Glossary {
        entry: Option<String>,
    },
    /// Search everything (Ctrl+Shift+F).
    Search,
    /// Dated claims in in-universe order.
    Timeline,
    /// Counts and trends, for the project or the current article.
    Dashboard {
        article_only: bool,
    },
    Shortcuts,
    About,
}

/// The export dialog's choices (kept between exports).
#[derive(Debug, Clone)]
pub struct ExportChoices {
    pub format: crate::export::Format,
    pub current_article_only: bool,
    pub hidden_tiers: Vec<String>,
    pub notes: bool,
    pub citations: bool,
    pub history: bool,
    pub spoiler_free: bool,
    pub hide_spoilers: bool,
}

impl Default for ExportChoices {
    fn default() -> Self {
        Self {
            format: crate::export::Format::Markdown,
            current_article_only: false,
            hidden_tiers: Vec::new(),
            notes: true,
            citations: true,
            history: false,
            spoiler_free: false,
            hide_spoilers: false,
        }
    }
}

/// Where an import goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ImportTarget {
    #[default]
    NewArticle,
    /// A newer version of this article: its claims are re-anchored.
    Update(String),
}

/// An import waiting for the user's check.
#[derive(Debug, Clone)]
pub struct PendingImport {
    pub imported: crate::import::Imported,
    pub target: ImportTarget,
}

/// A page being fetched on a worker thread.
pub struct UrlFetch {
    pub url: String,
    pub target: ImportTarget,
    receiver: std::sync::mpsc::Receiver<Result<crate::import::Imported, crate::import::ImportError>>,
}

/// A suggested claim in the review panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub tier: String,
    pub confidence: f32,
    pub cues: Vec<String>,
}

/// The review panel's list.
#[derive(Debug, Clone, Default)]
pub struct Review {
    pub article: String,
    pub items: Vec<ReviewItem>,
    pub current: usize,
    pub accepted: usize,
}

/// A merge being reviewed.
#[derive(Debug, Clone)]
pub struct PendingMerge {
    pub source: PathBuf,
    pub plan: crate::edit::merge::MergePlan,
    pub resolutions: Vec<crate::edit::merge::Resolution>,
}

/// Which note the right pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NotesTab {
    #[default]
    Notes,
    Journal,
}

/// The selection (article, start, end), its suggestion and its text, computed once per selection.
pub type SelectionSuggestion = ((String, usize, usize), crate::suggest::Suggestion, String);

/// Per-tier counts and orphans for the status bar: (structure revision, counts, orphans).
pub type StatusCounts = (u64, Vec<(String, usize)>, usize);

/// Find results: (article id, query) and the matching code-point ranges.
pub type FindMatches = ((String, String), Vec<(usize, usize)>);

/// What is selected and shown.
#[derive(Debug, Default)]
pub struct ViewState {
    pub article: Option<String>,
    pub claim: Option<String>,
    pub notes_tab: NotesTab,
    pub preview_markdown: bool,
    pub claim_filter_text: String,
    /// Tier ids hidden from the claim list.
    pub hidden_tiers: Vec<String>,
    pub find_open: bool,
    pub find_text: String,
    pub find_match: usize,
    pub focus_find: bool,
    /// Matches of the find text, recomputed when the article or the query changes.
    pub find_cache: Option<FindMatches>,
    /// The current article's text, case-folded for finding: (article id, text, its index).
    pub folded_text: Option<(String, String, crate::text::CharIndex)>,
    /// Spoilers (claim or article ids) the user revealed this session.
    pub revealed: std::collections::HashSet<String>,
}

/// Results of the lore dialogs, computed once per editor revision (they scan every claim, so
/// they must not run on every frame of a book-length project).
#[derive(Debug, Default)]
pub struct LoreCache {
    pub revision: u64,
    pub dashboard: Option<(Option<String>, crate::lore::Dashboard)>,
    pub proposals: Option<Vec<crate::lore::glossary::Proposal>>,
    /// The claims (ids) mentioning the glossary entry whose page is open.
    pub name_claims: Option<(String, Vec<String>)>,
    /// Open contradictions with their two claims.
    pub contradictions: Option<Vec<(crate::model::ClaimLink, Claim, Claim)>>,
    pub timeline: Option<Vec<Claim>>,
}

impl LoreCache {
    /// Forgets everything computed for an older revision.
    pub fn at(&mut self, revision: u64) -> &mut Self {
        if self.revision != revision {
            *self = LoreCache { revision, ..LoreCache::default() };
        }
        self
    }
}

/// Search everything (Ctrl+Shift+F): the query, its filters and cached results.
#[derive(Debug, Default)]
pub struct SearchState {
    pub query: String,
    pub filters: crate::lore::search::SearchFilters,
    /// The index, built for one editor revision.
    pub index: Option<(u64, crate::lore::search::SearchIndex)>,
    /// Hits of (query, filters, revision).
    pub hits: Vec<crate::lore::search::Hit>,
    pub hits_key: Option<(String, crate::lore::search::SearchFilters, u64)>,
    /// Give the query box focus on the next frame.
    pub focus: bool,
}

impl SearchState {
    /// Hits at most this many: more would not be read, and the list stays instant.
    pub const LIMIT: usize = 300;

    /// Brings the hits up to date with the query, filters and project (cheap when nothing changed).
    pub fn refresh(&mut self, project: &Project, revision: u64) {
        if self.index.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.index = Some((revision, crate::lore::search::SearchIndex::new(project)));
        }
        let key = (self.query.clone(), self.filters.clone(), revision);
        if self.hits_key.as_ref() != Some(&key) {
            if let Some((_, index)) = &self.index {
                self.hits = index.search(project, &self.query, &self.filters, Self::LIMIT);
            }
            self.hits_key = Some(key);
        }
    }
}

pub struct AppState {
    /// The app's data folder (backups, recovery); `None` keeps nothing.
    pub data_dir: Option<PathBuf>,
    pub search: SearchState,
    pub lore_cache: LoreCache,
    pub settings: Settings,
    pub doc: Document,
    pub view: ViewState,
    pub article_view: ArticleView,
    pub notices: Vec<Notice>,
    pub modal: Option<Modal>,
    pub file_dialogs: FileDialogs,
    pub recoverable: Vec<Recoverable>,
    /// Set when the user agreed to close; the window may then close.
    pub close_confirmed: bool,
    /// Note text being edited (kept apart so the TextEdit owns a stable buffer).
    pub note_buffer: String,
    pub note_target: Option<NoteTarget>,
    last_title: String,
    pub frames: u64,
    /// The symbols font is registered with egui.
    pub fonts_installed: bool,
    /// Quiet time after an edit before the recovery file is written.
    pub recovery_delay: Duration,
    /// How often the project file is checked for changes by other programs.
    pub disk_check_interval: Duration,
    /// Where projects and exports are written: the real file system, or in tests one that fails
    /// like a full or read-only disk.
    pub project_fs: std::sync::Arc<dyn crate::storage::Fs + Send + Sync>,
    /// Time and size limits of URL imports.
    pub fetch_limits: crate::import::fetch::Limits,
    pub export_choices: ExportChoices,
    /// Bytes of an export waiting for the user to choose where to save them.
    pub pending_export: Option<Vec<u8>>,
    pub pending_merge: Option<PendingMerge>,
    /// The export dialog's preview and what it was made from.
    pub export_preview: Option<ExportPreview>,
    pub pending_import: Option<PendingImport>,
    /// The claim list's rows and what they were built from.
    pub claim_rows: Option<(super::panels::ClaimListKey, Vec<usize>)>,
    /// Each claim's quote and note, lowercased for filtering, at an editor revision.
    pub claim_haystack: Option<(u64, Vec<String>)>,
    pub status_counts: Option<StatusCounts>,
    /// Where the next imported file goes.
    pub import_target: ImportTarget,
    pub url_fetch: Option<UrlFetch>,
    /// The last "Update article text": the article's title and what happened to its claims.
    pub reanchor_report: Option<(String, crate::anchoring::Report)>,
    pub suggester: crate::suggest::LexiconSuggester,
    /// The suggestion for the current selection: ((article, start, end), suggestion, the text).
    pub selection_suggestion: Option<SelectionSuggestion>,
    pub review: Option<Review>,
}

/// (format, options, editor revision) and the export they gave.
pub type ExportPreview = ((crate::export::Format, crate::export::ExportOptions, u64), Result<Vec<u8>, String>);

/// Whose note the note editor edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    Claim(String),
    Article(String),
    Journal,
}

impl AppState {
    /// Seconds of quiet after an edit before unsaved work goes to the recovery file.
    pub const RECOVERY_DELAY: Duration = Duration::from_secs(3);
    const DISK_CHECK_INTERVAL: Duration = Duration::from_secs(2);

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
        let mut notices = Vec::new();
        let recent = settings.recent.first().filter(|p| p.exists()).cloned();
        let doc = match file.or(recent) {
            Some(path) => match match preloaded {
                Some((preloaded_path, loaded)) if preloaded_path == path => document_from(&path, loaded, recovery_dir),
                _ => open_document(&path, recovery_dir),
            } {
                Ok((doc, warnings)) => {
                    notices.extend(warnings.into_iter().map(|text| Notice { kind: NoticeKind::Info, text }));
                    doc
                }
                Err(e) => {
                    notices.push(Notice { kind: NoticeKind::Error, text: e });
                    sample_document(recovery_dir)
                }
            },
            None => sample_document(recovery_dir),
        };
        let recoverable = recovery_dir.map(find_recoverable).unwrap_or_default();
        let mut state = Self {
            data_dir,
            settings,
            doc,
            view: ViewState::default(),
            article_view: ArticleView::default(),
            notices,
            modal: None,
            file_dialogs: FileDialogs::default(),
            recoverable,
            close_confirmed: false,
            note_buffer: String::new(),
            note_target: None,
            last_title: String::new(),
            frames: 0,
            fonts_installed: false,
            recovery_delay: Self::RECOVERY_DELAY,
            disk_check_interval: Self::DISK_CHECK_INTERVAL,
            project_fs: std::sync::Arc::new(RealFs),
            search: SearchState::default(),
            lore_cache: LoreCache::default(),
            fetch_limits: crate::import::fetch::Limits::default(),
            export_choices: ExportChoices::default(),
            pending_export: None,
            pending_merge: None,
            export_preview: None,
            pending_import: None,
            claim_rows: None,
            claim_haystack: None,
            status_counts: None,
            import_target: ImportTarget::NewArticle,
            url_fetch: None,
            reanchor_report: None,
            suggester: crate::suggest::LexiconSuggester::builtin(),
            selection_suggestion: None,
            review: None,
        };
        if !state.recoverable.is_empty() {
            state.modal = Some(Modal::Recovery);
        }
        if let Some(path) = state.doc.path.clone() {
            state.settings.add_recent(&path);
        }
        state.warn_if_open_elsewhere();
        state.rebuild_suggester();
        state
    }

    /// The built-in cue lexicon plus the user's own cues.
    pub fn rebuild_suggester(&mut self) {
        let mut lexicon = crate::suggest::Lexicon::builtin();
        for (tier, lines) in &self.settings.user_cues {
            lexicon.add_user_cues(tier, lines);
        }
        self.suggester = crate::suggest::LexiconSuggester { lexicon };
        self.selection_suggestion = None;
    }

    /// The suggested tier for the selected text (cached per selection).
    pub fn suggestion_for_selection(&mut self) -> Option<crate::suggest::Suggestion> {
        let (article, start, end) = self.text_selection()?;
        let key = (article.clone(), start, end);
        if self.selection_suggestion.as_ref().is_none_or(|(k, ..)| *k != key) {
            let text = &self.project().article(&article)?.text;
            let suggestion = crate::suggest::suggest_span(&self.suggester, text, start, end);
            let selected = crate::text::CharIndex::new(text).slice(text, start, end).unwrap_or_default().to_owned();
            self.selection_suggestion = Some((key, suggestion, selected));
        }
        self.selection_suggestion.as_ref().map(|(_, s, _)| s.clone())
    }

    /// The selected text (after [`AppState::suggestion_for_selection`] this frame).
    pub fn selected_text(&self) -> Option<&str> {
        self.selection_suggestion.as_ref().map(|(_, _, text)| text.as_str())
    }

    /// Enter: tags the selection with its suggested tier.
    pub fn accept_suggestion(&mut self) {
        if let Some(tier) = self.suggestion_for_selection().and_then(|s| s.tier) {
            self.apply_tier(&tier);
        }
    }

    /// Opens the review panel on the current article's candidate sentences not yet claimed.
    pub fn start_review(&mut self) {
        let Some(article) = self.current_article() else { return };
        let id = article.id.clone();
        let claimed: Vec<(usize, usize)> =
            self.project().claims_of(&id).map(|c| (c.anchor.start, c.anchor.end)).collect();
        let items: Vec<ReviewItem> = crate::suggest::candidates(&self.suggester, &article.text)
            .into_iter()
            .filter(|s| !claimed.iter().any(|&(a, z)| a < s.end && s.start < z))
            .filter_map(|s| {
                Some(ReviewItem {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    tier: s.suggestion.tier?,
                    confidence: s.suggestion.confidence,
                    cues: s.suggestion.reasons.iter().map(|r| r.cue.clone()).collect(),
                })
            })
            .collect();
        if items.is_empty() {
            self.info("No new claim to suggest in this article.");
            return;
        }
        self.review = Some(Review { article: id, items, current: 0, accepted: 0 });
        self.modal = Some(Modal::Review);
    }

    /// Accepts the current review item as a claim (its tier as shown), then moves on.
    pub fn review_accept(&mut self) {
        let Some(review) = &mut self.review else { return };
        let Some(item) = review.items.get(review.current).cloned() else { return };
        review.items.remove(review.current);
        review.accepted += 1;
        let article = review.article.clone();
        self.doc.editor.tag(&article, item.start, item.end, &item.tier);
        self.clamp_review();
    }

    /// Rejects the current review item: it leaves the list, nothing enters the project.
    pub fn review_reject(&mut self) {
        if let Some(review) = &mut self.review
            && review.current < review.items.len()
        {
            review.items.remove(review.current);
        }
        self.clamp_review();
    }

    fn clamp_review(&mut self) {
        if let Some(review) = &mut self.review {
            review.current = review.current.min(review.items.len().saturating_sub(1));
        }
    }

    pub fn project(&self) -> &Project {
        self.doc.project()
    }

    pub fn recovery_dir(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("recovery"))
    }

    pub fn backups_dir(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("backups"))
    }

    pub fn editor(&mut self) -> &mut Editor {
        &mut self.doc.editor
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        crate::log::error(&text);
        self.notices.push(Notice { kind: NoticeKind::Error, text });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.notices.push(Notice { kind: NoticeKind::Info, text: text.into() });
    }

    /// The article on screen: the chosen one, else the first.
    pub fn current_article(&self) -> Option<&Article> {
        let project = self.project();
        self.view.article.as_deref().and_then(|id| project.article(id)).or_else(|| project.articles.first())
    }

    pub fn current_article_id(&self) -> Option<String> {
        self.current_article().map(|a| a.id.clone())
    }

    pub fn select_article(&mut self, id: &str) {
        if self.view.article.as_deref() != Some(id) {
            self.view.article = Some(id.to_owned());
            self.view.claim = None;
        }
    }

    /// Selects a claim, shows its article and scrolls to it.
    /// Opens Search everything with the query box focused.
    pub fn open_search(&mut self) {
        self.modal = Some(Modal::Search);
        self.search.focus = true;
    }

    /// Shows code points `start..end` of an article, selected.
    pub fn go_to_text(&mut self, article: &str, start: usize, end: usize) {
        self.select_article(article);
        self.view.claim = None;
        self.article_view.pending_selection = Some((start, end));
        self.article_view.scroll_to(start);
    }

    /// Deletes a claim, saying which links went with it.
    pub fn delete_claim_with_message(&mut self, id: &str) {
        let links = crate::lore::links_of(self.project(), id).len();
        if self.doc.editor.delete_claim(id) && links > 0 {
            self.info(format!(
                "Deleted the claim and its {links} link{} to other claims (Ctrl+Z brings them back).",
                if links == 1 { "" } else { "s" }
            ));
        }
    }

    pub fn select_claim(&mut self, id: &str) {
        let Some(claim) = self.project().claim(id) else { return };
        let (article, start) = (claim.article.clone(), claim.anchor.start);
        self.select_article(&article);
        self.view.claim = Some(id.to_owned());
        self.article_view.scroll_to(start);
    }

    /// The selected text range of the current article, if any.
    pub fn text_selection(&self) -> Option<(String, usize, usize)> {
        let article = self.current_article()?;
        let selection = self.article_view.selection;
        if selection.is_empty() || self.article_view.article_id() != article.id {
            return None;
        }
        let (start, end) = selection.range();
        Some((article.id.clone(), start, end))
    }

    // ---- Tagging ----------------------------------------------------------------------------

    /// The tier key `key` was pressed (or a tier button clicked): tags the selected text, or
    /// retags the selected claim.
    pub fn apply_tier(&mut self, tier: &str) {
        if let Some((article, start, end)) = self.text_selection() {
            match self.doc.editor.tag(&article, start, end, tier) {
                Some(id) => {
                    self.view.claim = Some(id);
                    self.article_view.clear_selection();
                }
                None => self.info("Select some words first: the selection is empty or only spaces."),
            }
        } else if let Some(claim) = self.view.claim.clone() {
            self.doc.editor.retag(&claim, tier);
        }
    }

    pub fn delete_selected_claim(&mut self) {
        if let Some(claim) = self.view.claim.take() {
            self.delete_claim_with_message(&claim);
        }
    }

    /// Claims of the current article in text order.
    pub fn claims_in_text_order(&self) -> Vec<(String, usize)> {
        let Some(article) = self.current_article() else { return Vec::new() };
        let mut claims: Vec<(String, usize)> =
            self.project().claims_of(&article.id).map(|c| (c.id.clone(), c.anchor.start)).collect();
        claims.sort_by_key(|(_, start)| *start);
        claims
    }

    /// Tab / Shift+Tab: the next or previous claim in the text.
    pub fn step_claim(&mut self, forward: bool) {
        let claims = self.claims_in_text_order();
        if claims.is_empty() {
            return;
        }
        let current = self.view.claim.as_ref().and_then(|id| claims.iter().position(|(c, _)| c == id));
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => claims.len() - 1,
            (Some(i), true) => (i + 1) % claims.len(),
            (Some(i), false) => (i + claims.len() - 1) % claims.len(),
        };
        let id = claims[next].0.clone();
        self.select_claim(&id);
    }

    pub fn undo(&mut self) {
        self.doc.editor.undo();
        self.drop_stale_selection();
    }

    pub fn redo(&mut self) {
        self.doc.editor.redo();
        self.drop_stale_selection();
    }

    fn drop_stale_selection(&mut self) {
        // Follow the claim an undo or redo changed, so the user sees what happened.
        if let Some(id) = self.doc.editor.last_claim_touched().map(str::to_owned)
            && self.project().claim(&id).is_some()
        {
            self.select_claim(&id);
        }
        if let Some(id) = &self.view.claim
            && self.project().claim(id).is_none()
        {
            self.view.claim = None;
        }
        if let Some(id) = &self.view.article
            && self.project().article(id).is_none()
        {
            self.view.article = None;
        }
    }

    // ---- Files ------------------------------------------------------------------------------

    /// Saves to the document's path, or asks for one. Returns whether the project is now saved.
    pub fn save(&mut self, ctx: &egui::Context) -> bool {
        let Some(path) = self.doc.path.clone() else {
            self.file_dialogs.request(ctx, FileRequest::SaveAs, &format!("{}.canonry", self.doc.display_name()));
            return false;
        };
        self.save_to(&path)
    }

    pub fn save_as(&mut self, ctx: &egui::Context) {
        self.file_dialogs.request(ctx, FileRequest::SaveAs, &format!("{}.canonry", self.doc.display_name()));
    }

    /// Saves to `path`. A save to the document's own path refuses to overwrite changes made by
    /// another program; a save elsewhere (Save As) writes where the user chose.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let same_file = self.doc.path.as_deref() == Some(path);
        let expected = if same_file { self.doc.stamp.clone() } else { None };
        let backups = self.backups_dir().map(BackupDir::new);
        let result = crate::storage::save_project(
            self.project_fs.as_ref(),
            path,
            self.doc.editor.project(),
            self.doc.version,
            expected.as_ref(),
            backups.as_ref(),
        );
        match result {
            Ok(stamp) => {
                self.doc.stamp = Some(stamp);
                if !same_file {
                    // Saved under a new name: that file is now the one this window holds.
                    self.doc.lock = crate::storage::lock::ProjectLock::acquire(path).ok();
                }
                self.doc.path = Some(path.to_owned());
                self.doc.editor.mark_saved();
                self.doc.changed_on_disk = false;
                self.doc.discard_recovery();
                self.settings.add_recent(path);
                true
            }
            Err(SaveError::ChangedOnDisk { .. }) => {
                self.doc.changed_on_disk = true;
                self.modal = Some(Modal::ChangedOnDisk);
                false
            }
            Err(e) => {
                // The work stays in memory and goes to the recovery file.
                let kept = match self.doc.write_recovery() {
                    Ok(()) => "Your work is kept in this window and in the recovery file.",
                    Err(_) => "Your work is kept in this window; do not close it until it is saved.",
                };
                self.error(format!("{e} {kept}"));
                false
            }
        }
    }

    /// Runs `then` now, or first asks about unsaved changes.
    pub fn after_unsaved_check(&mut self, ctx: &egui::Context, then: AfterSave) {
        if self.doc.editor.is_dirty() {
            self.modal = Some(Modal::UnsavedChanges { then });
        } else {
            self.run_after_save(ctx, then);
        }
    }

    pub fn run_after_save(&mut self, ctx: &egui::Context, then: AfterSave) {
        match then {
            AfterSave::Open(path) => self.open(&path),
            AfterSave::New => {
                let recovery_dir = self.recovery_dir();
                let doc =
                    Document::new(Project::new("Untitled lore"), None, None, CURRENT_VERSION, recovery_dir.as_deref());
                self.replace_document(doc);
            }
            AfterSave::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a project file in place of the current one (which must be saved or discarded).
    pub fn open(&mut self, path: &Path) {
        match open_document(path, self.recovery_dir().as_deref()) {
            Ok((doc, warnings)) => {
                self.replace_document(doc);
                self.settings.add_recent(path);
                for w in warnings {
                    self.info(w);
                }
                self.warn_if_open_elsewhere();
            }
            Err(e) => self.error(e),
        }
    }

    /// Tells the user when another window has the project open too.
    pub fn warn_if_open_elsewhere(&mut self) {
        if self.doc.open_elsewhere {
            self.error(format!(
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
        self.view = ViewState { notes_tab: self.view.notes_tab, ..ViewState::default() };
        self.article_view = ArticleView::default();
        self.note_target = None;
    }

    /// Imports a file (text, Markdown or a saved web page) for `target`, via the preview.
    pub fn import_file(&mut self, path: &Path, target: ImportTarget) {
        match crate::import::import_file(path) {
            Ok(imported) => self.preview_import(imported, target),
            Err(e) => self.error(e),
        }
    }

    /// Shows an extracted article for checking before it goes into the project.
    pub fn preview_import(&mut self, imported: crate::import::Imported, target: ImportTarget) {
        self.pending_import = Some(PendingImport { imported, target });
        self.modal = Some(Modal::ImportPreview);
    }

    /// Clipboard text (or its HTML) as a new article, via the preview.
    pub fn import_clipboard(&mut self, text: &str, target: ImportTarget) {
        match crate::import::import_clipboard(text, None) {
            Ok(imported) => self.preview_import(imported, target),
            Err(e) => self.error(format!("Cannot make an article from the clipboard: {e}")),
        }
    }

    /// Fetches `url` on a worker thread; the result arrives in [`AppState::tick`].
    pub fn fetch_url(&mut self, ctx: &egui::Context, url: &str, target: ImportTarget) {
        let (sender, receiver) = std::sync::mpsc::channel();
        let (url_owned, ctx) = (url.trim().to_owned(), ctx.clone());
        let limits = self.fetch_limits;
        let spawned = std::thread::Builder::new().name("fetch-article".into()).spawn({
            let url = url_owned.clone();
            move || {
                let _ = sender.send(crate::import::fetch::fetch(&url, limits));
                ctx.request_repaint();
            }
        });
        match spawned {
            Ok(_) => self.url_fetch = Some(UrlFetch { url: url_owned, target, receiver }),
            Err(e) => self.error(format!("Cannot start the download: {e}")),
        }
    }

    fn poll_url_fetch(&mut self) {
        let Some(fetch) = &self.url_fetch else { return };
        let result = match fetch.receiver.try_recv() {
            Ok(result) => result,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(crate::import::ImportError::Network("The download stopped unexpectedly.".into()))
            }
        };
        let Some(fetch) = self.url_fetch.take() else { return };
        match result {
            Ok(imported) => self.preview_import(imported, fetch.target),
            Err(e) => {
                self.error(format!("Cannot import {}: {e}", fetch.url));
                if matches!(self.modal, Some(Modal::ImportUrl { .. })) {
                    self.modal = Some(Modal::ImportUrl { url: fetch.url });
                }
            }
        }
    }

    /// Adds the previewed article, or updates the target article's text.
    pub fn accept_import(&mut self) {
        let Some(pending) = self.pending_import.take() else { return };
        self.modal = None;
        match pending.target {
            ImportTarget::NewArticle => {
                let id = self.doc.editor.add_article(pending.imported.into_article());
                self.select_article(&id);
            }
            ImportTarget::Update(article) => {
                let title = self.project().article(&article).map(|a| a.title.clone()).unwrap_or_default();
                match self.doc.editor.update_article_text(&article, &pending.imported.text) {
                    Some(report) => {
                        self.article_view = super::ArticleView::default();
                        self.select_article(&article);
                        self.reanchor_report = Some((title, report));
                        self.modal = Some(Modal::ReanchorReport);
                    }
                    None => self.error("The article to update no longer exists."),
                }
            }
        }
    }

    /// Files dropped on the window: a project opens, another file imports as an article.
    pub fn handle_dropped(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        let Some(path) = paths.into_iter().next() else { return };
        if path.extension().is_some_and(|e| e == "canonry") {
            self.after_unsaved_check(ctx, AfterSave::Open(path));
        } else {
            self.import_file(&path, ImportTarget::NewArticle);
        }
    }

    pub fn handle_file_dialog_answers(&mut self, ctx: &egui::Context) {
        while let Some((request, answer)) = self.file_dialogs.poll() {
            let Some(path) = answer else {
                // Cancelled: a later paste or import must not update an article by surprise.
                self.import_target = ImportTarget::NewArticle;
                continue;
            };
            match request {
                FileRequest::Open => self.after_unsaved_check(ctx, AfterSave::Open(path)),
                FileRequest::SaveAs => {
                    let path = with_canonry_extension(path);
                    if self.save_to(&path)
                        && let Some(Modal::UnsavedChanges { then }) = self.modal.take()
                    {
                        self.run_after_save(ctx, then);
                    }
                }
                FileRequest::ImportArticle => {
                    let target = std::mem::take(&mut self.import_target);
                    self.import_file(&path, target);
                }
                FileRequest::Export => {
                    if let Some(bytes) = self.pending_export.take() {
                        match crate::storage::atomic_write(self.project_fs.as_ref(), &path, &bytes) {
                            Ok(()) => self.info(format!("Exported to {}.", path.display())),
                            Err(e) => self.error(e.to_string()),
                        }
                    }
                }
                FileRequest::Merge => self.prepare_merge(&path),
            }
        }
    }

    /// The export options from the dialog's choices.
    pub fn export_options(&self) -> crate::export::ExportOptions {
        let choices = &self.export_choices;
        let tiers = if choices.hidden_tiers.is_empty() {
            None
        } else {
            Some(
                self.project()
                    .tiers
                    .iter()
                    .map(|t| t.id.clone())
                    .filter(|t| !choices.hidden_tiers.contains(t))
                    .collect(),
            )
        };
        crate::export::ExportOptions {
            article: if choices.current_article_only { self.current_article_id() } else { None },
            tiers,
            notes: choices.notes,
            citations: choices.citations,
            history: choices.history,
            spoiler_free: choices.spoiler_free,
            hide_spoilers: choices.hide_spoilers,
            ..crate::export::ExportOptions::default()
        }
    }

    /// Runs the export and asks where to save it.
    pub fn export_to_file(&mut self, ctx: &egui::Context) {
        let format = self.export_choices.format;
        match crate::export::export(self.project(), format, &self.export_options()) {
            Ok(bytes) => {
                self.pending_export = Some(bytes);
                let name = format!("{}.{}", self.doc.display_name(), format.extension());
                self.file_dialogs.request(ctx, FileRequest::Export, &name);
            }
            Err(e) => self.error(format!("Cannot export: {e}")),
        }
    }

    /// Reads a friend's project and shows what merging it would do.
    pub fn prepare_merge(&mut self, path: &Path) {
        match load_file(path) {
            Ok((loaded, _)) => {
                let plan = crate::edit::merge::plan(self.project(), &loaded.project);
                if plan.is_empty() {
                    self.info(format!("{} has nothing new: {}.", path.display(), plan.summary()));
                    return;
                }
                let resolutions = vec![crate::edit::merge::Resolution::KeepMine; plan.conflicts.len()];
                self.pending_merge = Some(PendingMerge { source: path.to_owned(), plan, resolutions });
                self.modal = Some(Modal::Merge);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Applies the reviewed merge as one undoable step.
    pub fn apply_merge(&mut self) {
        let Some(pending) = self.pending_merge.take() else { return };
        let merged = crate::edit::merge::apply(self.project(), &pending.plan, &pending.resolutions);
        self.doc.editor.replace_project("Merge project", merged);
        self.info(format!("Merged {}: {}.", pending.source.display(), pending.plan.summary()));
        self.drop_stale_selection();
    }

    /// Restores unsaved work from a recovery file as the open document.
    pub fn restore(&mut self, index: usize) {
        if index >= self.recoverable.len() {
            return;
        }
        let found = self.recoverable.remove(index);
        match found.load() {
            Ok(loaded) => {
                // The restored work belongs to its original file if it still exists and is
                // readable; saving then checks that file was not changed meanwhile.
                let stamp = found.recovery_of.as_deref().and_then(|p| load_file(p).ok()).map(|(_, s)| s);
                let path = stamp.as_ref().and(found.recovery_of.clone());
                let recovery_dir = self.recovery_dir();
                let mut doc = Document::new(loaded.project, path, stamp, loaded.version, recovery_dir.as_deref());
                doc.editor.mark_unsaved();
                self.replace_document(doc);
                self.doc.editor.mark_unsaved();
                let _ = self.doc.write_recovery();
                found.discard();
                self.info(format!("Restored unsaved work from {}. Save it to keep it.", found.written));
            }
            Err(e) => self.error(e),
        }
        if self.recoverable.is_empty() && self.modal == Some(Modal::Recovery) {
            self.modal = None;
        }
    }

    pub fn discard_recoverable(&mut self, index: usize) {
        if index < self.recoverable.len() {
            self.recoverable.remove(index).discard();
        }
        if self.recoverable.is_empty() && self.modal == Some(Modal::Recovery) {
            self.modal = None;
        }
    }

    /// Reloads the project from disk, dropping unsaved changes (undoable as one step).
    pub fn reload_from_disk(&mut self) {
        let Some(path) = self.doc.path.clone() else { return };
        match load_file(&path) {
            Ok((loaded, stamp)) => {
                self.doc.editor.replace_project("Reload from disk", loaded.project);
                self.doc.editor.mark_saved();
                self.doc.stamp = Some(stamp);
                self.doc.changed_on_disk = false;
                self.drop_stale_selection();
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Background duties once per frame: the recovery file after a quiet spell, and noticing
    /// changes to the project file on disk.
    pub fn tick(&mut self, ctx: &egui::Context) {
        self.poll_url_fetch();
        let now = Instant::now();
        let revision = self.doc.editor.revision();
        if revision != self.doc.last_seen_revision {
            self.doc.last_seen_revision = revision;
            self.doc.last_edit_at = Some(now);
        }
        if self.doc.editor.is_dirty() && self.doc.recovery_revision != revision {
            match self.doc.last_edit_at {
                Some(at) if now.duration_since(at) >= self.recovery_delay => {
                    if let Err(e) = self.doc.write_recovery() {
                        self.error(format!("Cannot write the recovery file: {e}"));
                        self.doc.recovery_revision = revision;
                    }
                }
                Some(at) => ctx.request_repaint_after(self.recovery_delay.saturating_sub(now.duration_since(at))),
                None => {}
            }
        }
        let check_due = self.doc.last_disk_check.is_none_or(|t| now.duration_since(t) >= self.disk_check_interval);
        if check_due && !self.doc.changed_on_disk {
            self.doc.last_disk_check = Some(now);
            if let (Some(path), Some(stamp)) = (&self.doc.path, &self.doc.stamp)
                && matches!(stamp.still_matches(path), Ok(false))
            {
                self.doc.changed_on_disk = true;
                if self.modal.is_none() {
                    self.modal = Some(Modal::ChangedOnDisk);
                }
            }
        }
    }

    /// "Title — Canonry", with a marker for unsaved changes.
    pub fn window_title(&self) -> String {
        let marker = if self.doc.editor.is_dirty() { "● " } else { "" };
        format!("{marker}{} — Canonry", self.doc.display_name())
    }

    pub(super) fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// Called when the app is about to exit after the user agreed.
    pub fn on_exit(&mut self) {
        if self.doc.editor.is_dirty() {
            // The user chose "Don't Save", or the system is shutting down: keep the work
            // recoverable rather than lose it.
            let _ = self.doc.write_recovery();
        }
    }
}

/// Loads a project file into a document, with the notices to show.
/// A project file read and parsed ahead of the window: its path and what loading it gave.
pub type Preloaded = (PathBuf, Result<(crate::storage::LoadedProject, DiskStamp), crate::storage::LoadError>);

/// Reads and parses a project file (for [`AppState::with_preloaded`], on another thread).
pub fn preload(path: PathBuf) -> Preloaded {
    let loaded = load_file(&path);
    (path, loaded)
}

pub fn open_document(path: &Path, recovery_dir: Option<&Path>) -> Result<(Document, Vec<String>), String> {
    document_from(path, load_file(path), recovery_dir)
}

fn document_from(
    path: &Path,
    loaded: Result<(crate::storage::LoadedProject, DiskStamp), crate::storage::LoadError>,
    recovery_dir: Option<&Path>,
) -> Result<(Document, Vec<String>), String> {
    let (loaded, stamp) = loaded.map_err(|e| e.to_string())?;
    let mut notices: Vec<String> = loaded.warnings.iter().map(|w| format!("{}: {w}", path.display())).collect();
    if let Some(old) = loaded.migrated_from {
        notices.push(format!(
            "{} uses the older format {old}; it will be saved in format {}.",
            path.display(),
            loaded.version
        ));
    }
    let mut doc = Document::new(loaded.project, Some(path.to_owned()), Some(stamp), loaded.version, recovery_dir);
    if loaded.migrated_from.is_some() {
        doc.editor.mark_unsaved();
    }
    Ok((doc, notices))
}

/// The sample project, as a new untitled document.
pub fn sample_document(recovery_dir: Option<&Path>) -> Document {
    match parse_project(crate::SAMPLE_PROJECT.as_bytes()) {
        Ok(loaded) => Document::new(loaded.project, None, None, loaded.version, recovery_dir),
        Err(_) => Document::new(Project::new("Untitled lore"), None, None, CURRENT_VERSION, recovery_dir),
    }
}

fn with_canonry_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|e| e == "canonry") { path } else { path.with_extension("canonry") }
}
