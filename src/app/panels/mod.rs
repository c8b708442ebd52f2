//! The window's panels, each owning its state and caches: menu bar, status bar, the articles
//! and claims pane, the reader (with its find bar) and the note pane. They read the document
//! and the selection and queue commands; they never change either themselves.

mod claim_details;
mod claim_list;
mod claim_lore;
mod find_bar;
mod layout_width;
mod menu_bar;
mod note_editor;
mod note_pane;
mod reader;
mod sidebar;
mod status_bar;

pub use claim_list::ClaimList;
pub use find_bar::{FindBar, find_all_folded, fold_case};
pub use layout_width::{PaneFit, Side};
pub use note_pane::NotePane;
pub use status_bar::StatusBar;

use super::command::CommandQueue;
use super::document::Document;
use super::notices::Notices;
use super::selection::Selection;
use super::settings::Settings;
use super::suggestions::SelectionSuggestion;
use super::widgets::article_view::ArticleView;

/// What the panels read and may edit this frame.
pub struct PanelContext<'a> {
    pub doc: &'a Document,
    pub selection: &'a Selection,
    pub settings: &'a mut Settings,
    pub notices: &'a mut Notices,
    /// The suggested tier for the words selected in the reader.
    pub suggestion: Option<&'a SelectionSuggestion>,
    /// What is being imported in the background, if anything.
    pub importing: Option<&'a str>,
    /// A project file being read in the background (File > Open, a reload).
    pub opening: Option<&'a std::path::Path>,
    pub commands: &'a mut CommandQueue,
}

#[derive(Default)]
pub struct Panels {
    pub article_view: ArticleView,
    pub claim_list: ClaimList,
    pub status_bar: StatusBar,
    pub find_bar: FindBar,
    pub note_pane: NotePane,
    /// Which side panels fit the window this frame.
    pub fit: PaneFit,
}

impl Panels {
    /// Side panels never take less than this; below it they collapse instead.
    pub const SIDEBAR_MIN: f32 = 200.0;
    pub const NOTES_MIN: f32 = 240.0;

    /// Lays out the whole window.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut PanelContext<'_>) {
        egui::Panel::top("menu").show(ui, |ui| menu_bar::menu_bar_ui(ui, cx, &self.fit));
        egui::Panel::bottom("status")
            .show(ui, |ui| self.status_bar.ui(ui, cx.doc, (cx.importing, cx.opening), cx.commands));
        let reader_min = layout_width::reader_min_width(ui, cx.settings.text_size);
        self.fit = PaneFit::for_width(ui.available_width(), reader_min, cx.settings);
        // Each side panel may grow only as far as leaves the reader its minimum.
        let room = |ui: &egui::Ui, other: f32| (ui.available_width() - reader_min - other).max(0.0);
        if self.fit.sidebar {
            let max = room(ui, if self.fit.notes { Self::NOTES_MIN } else { 0.0 }).max(Self::SIDEBAR_MIN);
            egui::Panel::left("sidebar")
                .resizable(true)
                .default_size(300.0_f32.min(max))
                .size_range(Self::SIDEBAR_MIN..=max)
                .show(ui, |ui| sidebar::sidebar_ui(ui, cx, &mut self.claim_list));
        }
        if self.fit.notes {
            let max = room(ui, 0.0).max(Self::NOTES_MIN);
            egui::Panel::right("notes")
                .resizable(true)
                .default_size(360.0_f32.min(max))
                .size_range(Self::NOTES_MIN..=max)
                .show(ui, |ui| self.note_pane.ui(ui, cx, &self.article_view));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            reader::reader_ui(ui, cx, &mut self.article_view, &mut self.find_bar, &self.fit);
        });
    }

    /// A new document: views of the old one go.
    pub fn reset(&mut self) {
        let note_tab = self.note_pane.tab;
        *self = Self::default();
        self.note_pane.tab = note_tab;
    }
}
