//! [`AppState::run`]: the one place that runs commands, sequencing editor calls, the selection,
//! dialogs, files and notices. Files and edits have their own files (`handle_files`,
//! `handle_edits`); navigation and menu commands are here.

use super::command::DialogRequest;
use super::command::{AfterSave, Command, Edit, ImportTarget};
use super::file_dialogs::FileRequest;
use super::settings::Side;
use super::state::AppState;
use super::ui_command::UiCommand;

impl AppState {
    /// Runs every queued command, including those queued while running (a bounded number of
    /// rounds, so a command that queues itself cannot hang the frame).
    pub fn run_queued(&mut self, ctx: &egui::Context) {
        for _ in 0..8 {
            let commands = self.commands.take();
            if commands.is_empty() {
                return;
            }
            for command in commands {
                self.run(ctx, command);
            }
            // What the commands changed shows on the next frame, without waiting for input.
            ctx.request_repaint();
        }
    }

    /// Runs one command now.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Ui(command) => self.run_ui_command(ctx, command),
            Command::Edit(edit) => self.run_edit(edit),
            Command::SelectArticle(id) => self.selection.select_article(&id),
            Command::SelectClaim(id) => self.select_claim(&id),
            Command::ClearClaimSelection => self.selection.claim = None,
            Command::GoToText { article, start, end } => self.go_to_text(&article, start, end),
            Command::ShowNotesTab(tab) => self.panels.note_pane.tab = tab,
            Command::Reveal(ids) => self.selection.revealed.extend(ids),
            Command::ApplyTier(tier) => self.apply_tier(&tier),
            Command::AcceptSuggestion => self.accept_suggestion(),
            Command::StepClaim { forward } => self.step_claim(forward),
            Command::DeleteClaim(id) => self.delete_claim(&id),
            Command::OpenDialog(request) => self.dialogs.open(request, self.doc.project()),
            Command::CloseDialog => self.dialogs.close(),
            Command::CopyText(text) => ctx.copy_text(text),
            Command::RebuildSuggester => self.suggestions.rebuild(&self.settings.user_cues),
            Command::StartReview => self.start_review(),
            Command::Info(text) => self.notices.info(text),
            Command::Error(text) => self.notices.error(text),
            file_command => self.run_file_command(ctx, file_command),
        }
    }

    fn run_ui_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        let open = |state: &mut Self, request: DialogRequest| state.dialogs.open(request, state.doc.project());
        match command {
            UiCommand::New | UiCommand::Close => self.after_unsaved_check(ctx, AfterSave::New),
            UiCommand::Quit => self.after_unsaved_check(ctx, AfterSave::Quit),
            UiCommand::Open => self.request_file(ctx, FileRequest::Open),
            UiCommand::Save => {
                self.save(ctx, None);
            }
            UiCommand::SaveAs => self.request_save_as(ctx),
            UiCommand::ImportArticle => self.request_file(ctx, FileRequest::ImportArticle(ImportTarget::NewArticle)),
            UiCommand::ImportUrl => {
                open(self, DialogRequest::ImportUrl { url: String::new(), target: ImportTarget::NewArticle })
            }
            UiCommand::NewArticleFromClipboard => self.run(ctx, Command::PasteArticle(ImportTarget::NewArticle)),
            UiCommand::UpdateArticleText => {
                if let Some(id) = self.current_article_id() {
                    open(self, DialogRequest::UpdateText(id));
                }
            }
            UiCommand::Export => open(self, DialogRequest::Export),
            UiCommand::MergeProject => self.request_file(ctx, FileRequest::Merge),
            UiCommand::Undo => self.undo(),
            UiCommand::Redo => self.redo(),
            UiCommand::Find => self.panels.find_bar.open(),
            UiCommand::DeleteClaim => {
                if let Some(id) = self.selection.claim.clone() {
                    self.delete_claim(&id);
                }
            }
            UiCommand::ReattachClaim => {
                if let Some(claim) = self.selection.claim.clone() {
                    self.run_edit(Edit::Reattach { claim });
                }
            }
            UiCommand::SuggestClaims => self.start_review(),
            UiCommand::SuggestionCues => open(self, DialogRequest::SuggestionCues),
            UiCommand::Tiers => open(self, DialogRequest::Tiers),
            UiCommand::SearchEverything => open(self, DialogRequest::Search),
            UiCommand::Contradictions => open(self, DialogRequest::Contradictions),
            UiCommand::Glossary => open(self, DialogRequest::Glossary(None)),
            UiCommand::Timeline => open(self, DialogRequest::Timeline),
            UiCommand::Dashboard => open(self, DialogRequest::Dashboard),
            UiCommand::Shortcuts => open(self, DialogRequest::Shortcuts),
            UiCommand::About => open(self, DialogRequest::About),
            UiCommand::ToggleArticleSpoiler => {
                if let Some(article) = self.current_article() {
                    let spoiler = article.spoiler.is_none().then(crate::model::Spoiler::default);
                    let article = article.id.clone();
                    self.run_edit(Edit::ArticleSpoiler { article, spoiler });
                }
            }
            UiCommand::ToggleSidebar => self.settings.toggle_side(Side::Sidebar, self.panels.fit.sidebar),
            UiCommand::ToggleNotesPane => self.settings.toggle_side(Side::Notes, self.panels.fit.notes),
            UiCommand::LargerText => self.settings.text_size = (self.settings.text_size + 1.0).min(32.0),
            UiCommand::SmallerText => self.settings.text_size = (self.settings.text_size - 1.0).max(10.0),
        }
    }

    /// Opens a dialog in place of any other.
    pub fn open_dialog(&mut self, request: DialogRequest) {
        self.dialogs.open(request, self.doc.project());
    }

    // ---- Navigation ---------------------------------------------------------------------------

    pub fn current_article(&self) -> Option<&crate::model::Article> {
        self.selection.current_article(self.doc.project())
    }

    pub fn current_article_id(&self) -> Option<String> {
        self.current_article().map(|a| a.id.clone())
    }

    /// Selects a claim, shows its article and scrolls to it.
    pub fn select_claim(&mut self, id: &str) {
        if let Some(start) = self.selection.select_claim(self.doc.project(), id) {
            self.panels.article_view.scroll_to(start);
        }
    }

    /// Shows code points `start..end` of an article, selected.
    pub fn go_to_text(&mut self, article: &str, start: usize, end: usize) {
        self.selection.select_article(article);
        self.selection.claim = None;
        self.panels.article_view.pending_selection = Some((start, end));
        self.panels.article_view.scroll_to(start);
    }

    /// The selected words of the article on screen, if any: (article, start, end).
    pub fn text_selection(&self) -> Option<(String, usize, usize)> {
        let article = self.current_article()?;
        let view = &self.panels.article_view;
        if view.selection.is_empty() || view.article_id() != article.id {
            return None;
        }
        let (start, end) = view.selection.range();
        Some((article.id.clone(), start, end))
    }

    /// Tab / Shift+Tab: the next or previous claim in the text.
    fn step_claim(&mut self, forward: bool) {
        let Some(article) = self.current_article() else { return };
        let mut claims: Vec<(usize, String)> =
            self.doc.project().claims_of(&article.id).map(|c| (c.anchor.start, c.id.clone())).collect();
        if claims.is_empty() {
            return;
        }
        claims.sort();
        let current = self.selection.claim.as_ref().and_then(|id| claims.iter().position(|(_, c)| c == id));
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => claims.len() - 1,
            (Some(i), true) => (i + 1) % claims.len(),
            (Some(i), false) => (i + claims.len() - 1) % claims.len(),
        };
        let id = claims[next].1.clone();
        self.select_claim(&id);
    }

    // ---- Tagging --------------------------------------------------------------------------------

    /// The tier key or button: tags the selected words, or retags the selected claim.
    fn apply_tier(&mut self, tier: &str) {
        if let Some((article, start, end)) = self.text_selection() {
            match self.doc.editor.tag(&article, start, end, tier) {
                Some(id) => {
                    self.selection.claim = Some(id);
                    self.panels.article_view.clear_selection();
                }
                None => self.notices.info("Select some words first: the selection is empty or only spaces."),
            }
        } else if let Some(claim) = self.selection.claim.clone() {
            self.doc.editor.retag(&claim, tier);
        }
    }

    /// Enter: tags the selection with its suggested tier.
    fn accept_suggestion(&mut self) {
        let selection = self.text_selection();
        let tier =
            self.suggestions.for_selection(self.doc.project(), selection).and_then(|s| s.suggestion.tier.clone());
        if let Some(tier) = tier {
            self.apply_tier(&tier);
        }
    }

    /// Deletes a claim, saying which links went with it.
    fn delete_claim(&mut self, id: &str) {
        let links = crate::lore::links_of(self.doc.project(), id).len();
        if self.doc.editor.delete_claim(id) {
            if self.selection.claim.as_deref() == Some(id) {
                self.selection.claim = None;
            }
            if links > 0 {
                self.notices.info(format!(
                    "Deleted the claim and its {links} link{} to other claims (Undo brings them back).",
                    if links == 1 { "" } else { "s" }
                ));
            }
        }
    }

    fn undo(&mut self) {
        self.doc.editor.undo();
        self.follow_undo();
    }

    fn redo(&mut self) {
        self.doc.editor.redo();
        self.follow_undo();
    }

    /// After undo, redo, merge or reload: select the claim that changed, forget what is gone.
    pub(super) fn follow_undo(&mut self) {
        if let Some(id) = self.doc.editor.last_claim_touched().map(str::to_owned)
            && self.doc.project().claim(&id).is_some()
        {
            self.select_claim(&id);
        }
        self.selection.drop_missing(self.doc.project());
    }

    /// Opens the review panel on the current article's candidate sentences not yet claimed.
    pub fn start_review(&mut self) {
        let Some(article) = self.current_article() else { return };
        let id = article.id.clone();
        let project = self.doc.project();
        let claimed: Vec<(usize, usize)> = project.claims_of(&id).map(|c| (c.anchor.start, c.anchor.end)).collect();
        let items: Vec<super::command::ReviewItem> =
            crate::suggest::candidates(&self.suggestions.suggester, &article.text)
                .into_iter()
                .filter(|s| !claimed.iter().any(|&(a, z)| a < s.end && s.start < z))
                .filter_map(|s| {
                    Some(super::command::ReviewItem {
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
            self.notices.info("No new claim to suggest in this article.");
            return;
        }
        self.dialogs.open(DialogRequest::Review { article: id, items }, self.doc.project());
    }
}
