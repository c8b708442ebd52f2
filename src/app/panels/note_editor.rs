//! The Markdown note editor of the note pane. Its buffer follows the project, so undo and redo
//! show at once; typing queues one edit per change, coalesced into one undo step.

use egui::{RichText, Ui};

use crate::app::command::{CommandQueue, Edit};
use crate::app::widgets::markdown;

/// Whose note the note editor edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    Claim(String),
    Article(String),
    Journal,
}

/// A note to edit: whose, its text in the project, and the editor's label.
pub struct Note<'a> {
    pub target: NoteTarget,
    pub current: &'a str,
    pub label: &'a str,
}

#[derive(Debug, Default)]
pub struct NoteEditor {
    /// Note text being edited (a stable buffer for the TextEdit).
    buffer: String,
    target: Option<NoteTarget>,
}

impl NoteEditor {
    /// A Markdown note editor for `target`, whose text in the project is `current`.
    pub fn ui(&mut self, ui: &mut Ui, commands: &mut CommandQueue, note: Note<'_>, preview: bool) {
        let Note { target, current, label } = note;
        if self.target.as_ref() != Some(&target) {
            commands.push(Edit::BreakCoalescing);
            self.target = Some(target.clone());
        }
        if self.buffer != current {
            self.buffer = current.to_owned();
        }
        let label = ui.label(RichText::new(label).strong());
        if preview {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_min_width(ui.available_width());
                markdown::show(ui, &self.buffer);
            });
            return;
        }
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut self.buffer)
                    .desired_rows(8)
                    .desired_width(f32::INFINITY)
                    .hint_text("Markdown: **bold**, *italic*, - lists, [links](https://…)"),
            )
            .labelled_by(label.id);
        if response.changed() {
            let text = self.buffer.clone();
            commands.push(match target {
                NoteTarget::Claim(claim) => Edit::ClaimNote { claim, text },
                NoteTarget::Article(article) => Edit::ArticleNotes { article, text },
                NoteTarget::Journal => Edit::Journal(text),
            });
        }
        if response.lost_focus() {
            commands.push(Edit::BreakCoalescing);
        }
    }
}
