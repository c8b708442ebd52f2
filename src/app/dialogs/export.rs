//! File > Export: format, scope, tiers and options, with a live preview; Save writes a file,
//! Copy puts the text on the clipboard.

use egui::RichText;

use super::DialogContext;
use crate::app::command::Command;
use crate::export::{ExportOptions, Format};

/// The export dialog's choices, kept between exports.
#[derive(Debug, Clone)]
pub struct ExportChoices {
    pub format: Format,
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
            format: Format::Markdown,
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

impl ExportChoices {
    /// The export options these choices mean for `project`, whose current article is `current`.
    pub fn options(&self, project: &crate::model::Project, current: Option<String>) -> ExportOptions {
        let tiers = (!self.hidden_tiers.is_empty())
            .then(|| project.tiers.iter().map(|t| t.id.clone()).filter(|t| !self.hidden_tiers.contains(t)).collect());
        ExportOptions {
            article: if self.current_article_only { current } else { None },
            tiers,
            notes: self.notes,
            citations: self.citations,
            history: self.history,
            spoiler_free: self.spoiler_free,
            hide_spoilers: self.hide_spoilers,
            ..ExportOptions::default()
        }
    }
}

/// (format, options, editor revision) a preview was made from, and what it gave.
struct Preview {
    key: (Format, ExportOptions, u64),
    result: Result<Vec<u8>, String>,
}

pub struct ExportDialog {
    pub choices: ExportChoices,
    preview: Option<Preview>,
}

impl ExportDialog {
    pub fn new(choices: ExportChoices) -> Self {
        Self { choices, preview: None }
    }

    pub fn into_choices(self) -> ExportChoices {
        self.choices
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Export");
        ui.set_min_width(560.0);
        let project = cx.doc.project();
        self.choices_ui(ui, project);
        ui.separator();
        let options = self.choices.options(project, cx.selection.current_article_id(project));
        let format = self.choices.format;
        // Exporting a book-length project takes a while: only when the options or project change.
        let key = (format, options.clone(), cx.doc.editor.revision());
        if self.preview.as_ref().is_none_or(|p| p.key != key) {
            let result = crate::export::export(project, format, &options).map_err(|e| e.to_string());
            self.preview = Some(Preview { key, result });
        }
        ui.label(RichText::new("Preview").strong());
        let preview = self.preview.as_ref().map(|p| &p.result);
        egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| match preview {
            Some(Ok(bytes)) => {
                let text = String::from_utf8_lossy(&bytes[..bytes.len().min(20_000)]);
                ui.add(egui::Label::new(RichText::new(text.as_ref()).monospace().small()).wrap());
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {}
        });
        let mut open = true;
        ui.horizontal(|ui| {
            if ui.button("Save…").clicked() {
                cx.commands.push(Command::ExportToFile { format, options: Box::new(options.clone()) });
                open = false;
            }
            if let Some(Ok(bytes)) = preview
                && format != Format::Bundle
                && ui.button("Copy").on_hover_text("Copy to the clipboard, to paste into a chat or wiki").clicked()
            {
                cx.commands.push(Command::CopyText(String::from_utf8_lossy(bytes).into_owned()));
                cx.commands.push(Command::Info(format!("Copied the {} export.", format.label())));
            }
            let vault = ui.button("Export to a Vault Folder…").on_hover_text(
                "One note per article, claim and name for Obsidian or Logseq; exporting again keeps what you wrote there",
            );
            if vault.clicked() {
                let request = crate::app::command::FileRequest::VaultFolder(Box::new(options.clone()));
                cx.commands.push(Command::RequestFile(request));
                open = false;
            }
            if ui.button("Close").clicked() {
                open = false;
            }
        });
        open
    }

    fn choices_ui(&mut self, ui: &mut egui::Ui, project: &crate::model::Project) {
        let choices = &mut self.choices;
        egui::ComboBox::from_label("Format").selected_text(choices.format.label()).show_ui(ui, |ui| {
            for format in Format::ALL {
                ui.selectable_value(&mut choices.format, format, format.label());
            }
        });
        ui.horizontal(|ui| {
            ui.radio_value(&mut choices.current_article_only, false, "Whole project");
            ui.radio_value(&mut choices.current_article_only, true, "Current article");
        });
        ui.horizontal_wrapped(|ui| {
            for tier in &project.tiers {
                let mut shown = !choices.hidden_tiers.contains(&tier.id);
                if ui.checkbox(&mut shown, format!("{} {}", tier.icon, tier.label)).changed() {
                    if shown {
                        choices.hidden_tiers.retain(|t| *t != tier.id);
                    } else {
                        choices.hidden_tiers.push(tier.id.clone());
                    }
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut choices.notes, "Notes");
            ui.checkbox(&mut choices.citations, "Sources");
            ui.checkbox(&mut choices.history, "Tier history");
            ui.checkbox(&mut choices.hide_spoilers, "Leave out spoilers (claims and articles marked as spoilers)");
            ui.checkbox(&mut choices.spoiler_free, "Quotes only (no notes, sources, history or spoilers)");
        });
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::app::dialogs::testing;

    #[test]
    fn the_preview_follows_the_choices_and_save_queues_the_same_export() {
        let choices = ExportChoices { format: Format::Csv, notes: false, ..ExportChoices::default() };
        let mut harness = testing::harness(ExportDialog::new(choices), ExportDialog::ui);
        assert!(harness.query_by_label_contains("article,source_url,tier,quote").is_some(), "a CSV preview is shown");
        harness.get_by_label("Save…").click();
        harness.run_steps(2);
        let state = harness.state_mut();
        assert!(!state.open);
        let queued = state.queued();
        assert!(
            matches!(queued.as_slice(), [Command::ExportToFile { format: Format::Csv, options }] if !options.notes),
            "{queued:?}"
        );
    }
}
