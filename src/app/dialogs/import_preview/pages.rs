//! The pages of a wiki `Special:Export` file in the import preview: each becomes an article
//! unless the user unticks it, and clicking one shows it for checking.

use egui::Ui;

use crate::import::Imported;

/// Which page is shown and which are kept.
#[derive(Debug)]
pub struct PageChoice {
    pub shown: usize,
    pub kept: Vec<bool>,
}

impl PageChoice {
    pub fn new(pages: usize) -> Self {
        Self { shown: 0, kept: vec![true; pages] }
    }

    pub fn kept_count(&self) -> usize {
        self.kept.iter().filter(|k| **k).count()
    }

    /// The list, when there is more than one page; `ticks` offers leaving pages out (not when
    /// the import updates one article's text).
    pub fn ui(&mut self, ui: &mut Ui, pages: &[Imported], ticks: bool) {
        if pages.len() < 2 {
            return;
        }
        let each = if ticks { "each ticked page becomes an article" } else { "choose the page to use" };
        ui.label(format!("The file holds {} pages; {each}:", pages.len()));
        egui::ScrollArea::vertical().id_salt("import-pages").max_height(110.0).show(ui, |ui| {
            for (i, page) in pages.iter().enumerate() {
                ui.horizontal(|ui| {
                    if ticks && let Some(kept) = self.kept.get_mut(i) {
                        ui.checkbox(kept, "").on_hover_text("Import this page");
                    }
                    let title = if page.title.trim().is_empty() { "(untitled)" } else { page.title.as_str() };
                    if ui.selectable_label(self.shown == i, title).clicked() {
                        self.shown = i;
                    }
                });
            }
        });
        ui.separator();
    }
}
