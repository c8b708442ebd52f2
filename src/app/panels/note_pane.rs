//! The right pane: the selected claim (see `claim_details`), else the article's notes with the
//! suggestion for the selected words; and the project journal on its own tab.

use egui::{RichText, Ui};

use super::PanelContext;
use super::note_editor::{Note, NoteEditor, NoteTarget};
use crate::app::selection::NotesTab;
use crate::app::suggestions::SelectionSuggestion;
use crate::app::theme::tier_color;
use crate::app::widgets::article_view::ArticleView;

#[derive(Debug, Default)]
pub struct NotePane {
    pub tab: NotesTab,
    pub preview_markdown: bool,
    pub editor: NoteEditor,
}

impl NotePane {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelContext<'_>, view: &ArticleView) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, NotesTab::Notes, "Notes");
            ui.selectable_value(&mut self.tab, NotesTab::Journal, "Journal");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.toggle_value(&mut self.preview_markdown, "Preview");
            });
        });
        ui.separator();
        let project = cx.doc.project();
        egui::ScrollArea::vertical().id_salt("note-pane").auto_shrink(false).show(ui, |ui| match self.tab {
            NotesTab::Journal => {
                let note = Note { target: NoteTarget::Journal, current: &project.journal, label: "Project journal" };
                self.editor.ui(ui, cx.commands, note, self.preview_markdown);
            }
            NotesTab::Notes => match cx.selection.claim.as_deref().and_then(|id| project.claim(id)) {
                Some(claim) => {
                    super::claim_details::claim_details_ui(ui, cx, &mut self.editor, self.preview_markdown, claim, view)
                }
                None => self.article_notes(ui, cx),
            },
        });
    }

    fn article_notes(&mut self, ui: &mut Ui, cx: &mut PanelContext<'_>) {
        let project = cx.doc.project();
        let Some(article) = cx.selection.current_article(project) else {
            ui.label("No article yet. Use File > Import Article, or drop a text file on the window.");
            return;
        };
        ui.label(RichText::new(&article.title).strong());
        ui.label(
            RichText::new(
                "Select words in the article and press 1, 2 or 3 to tag a claim; Alt+click selects a sentence.",
            )
            .weak(),
        );
        if let Some(suggestion) = cx.suggestion {
            suggestion_box(ui, project, suggestion);
        }
        ui.add_space(6.0);
        let note =
            Note { target: NoteTarget::Article(article.id.clone()), current: &article.notes, label: "Article notes" };
        self.editor.ui(ui, cx.commands, note, self.preview_markdown);
    }
}

/// The suggested tier for the selected words, with the cue words highlighted.
fn suggestion_box(ui: &mut Ui, project: &crate::model::Project, selected: &SelectionSuggestion) {
    let suggestion = &selected.suggestion;
    let Some(tier) = suggestion.tier.as_deref().and_then(|t| project.tier(t)) else { return };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "Suggested for the selection: {} {} ({:.0}%)",
                tier.icon,
                tier.label,
                suggestion.confidence * 100.0
            ))
            .color(tier_color(tier)),
        );
        cue_highlighted_sentence(ui, &selected.text, suggestion, tier_color(tier));
        for reason in &suggestion.reasons {
            let text = if reason.from_context {
                format!("the paragraph names its source: “{}”", reason.cue)
            } else {
                format!("“{}”", reason.cue)
            };
            ui.label(RichText::new(text).small());
        }
        if suggestion.reasons.is_empty() {
            ui.label(RichText::new("states a fact plainly, naming no source or hedge").small());
        }
        ui.label(RichText::new("Press Enter to accept.").weak().small());
    });
}

/// The selected sentence with the cue words behind the suggestion highlighted.
fn cue_highlighted_sentence(
    ui: &mut Ui,
    sentence: &str,
    suggestion: &crate::suggest::Suggestion,
    color: egui::Color32,
) {
    let chars: Vec<char> = sentence.chars().collect();
    let mut cues: Vec<(usize, usize)> = suggestion
        .reasons
        .iter()
        .filter(|r| !r.from_context && r.end <= chars.len())
        .map(|r| (r.start, r.end))
        .collect();
    cues.sort_unstable();
    let mut job = egui::text::LayoutJob::default();
    let plain = egui::TextFormat { color: ui.visuals().text_color(), ..Default::default() };
    let cue = egui::TextFormat {
        color: ui.visuals().strong_text_color(),
        background: color.gamma_multiply(0.35),
        underline: egui::Stroke::new(1.0, color),
        ..Default::default()
    };
    let mut at = 0;
    for (start, end) in cues {
        if start < at {
            continue;
        }
        job.append(&chars[at..start].iter().collect::<String>(), 0.0, plain.clone());
        job.append(&chars[start..end].iter().collect::<String>(), 0.0, cue.clone());
        at = end;
    }
    job.append(&chars[at..].iter().collect::<String>(), 0.0, plain);
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}
