//! Narrow windows: the reader keeps at least about 40 characters a line; side panels shrink to
//! their minimum first, then collapse, the one asked for least recently first.

use crate::app::settings::Settings;
pub use crate::app::settings::Side;

/// Which side panels are shown this frame, and which were collapsed for want of room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneFit {
    pub sidebar: bool,
    pub notes: bool,
    pub collapsed: Option<Side>,
    pub both_collapsed: bool,
}

impl Default for PaneFit {
    fn default() -> Self {
        Self { sidebar: true, notes: true, collapsed: None, both_collapsed: false }
    }
}

/// Characters a line the reader keeps at any window size.
pub const READER_MIN_CHARS: f32 = 42.0;

/// The reader's minimum width for the article's text size: 42 average characters plus margins.
pub fn reader_min_width(ui: &egui::Ui, text_size: f32) -> f32 {
    let font = egui::FontId::proportional(text_size);
    let sample = "the quick brown fox jumps over a lazy dog";
    let width = ui.fonts_mut(|f| f.layout_no_wrap(sample.to_owned(), font, egui::Color32::WHITE).size().x);
    let per_char = width / sample.chars().count() as f32;
    READER_MIN_CHARS * per_char + 40.0
}

impl PaneFit {
    pub fn for_width(available: f32, reader_min: f32, settings: &Settings) -> Self {
        let (mut sidebar, mut notes) = (settings.show_sidebar, settings.show_notes);
        let need = |s: bool, n: bool| {
            reader_min
                + if s { super::Panels::SIDEBAR_MIN } else { 0.0 }
                + if n { super::Panels::NOTES_MIN } else { 0.0 }
        };
        let mut collapsed = None;
        let mut both_collapsed = false;
        if need(sidebar, notes) > available && sidebar && notes {
            // Keep the panel the user asked for last.
            if settings.last_side_shown == Some(Side::Sidebar) {
                notes = false;
                collapsed = Some(Side::Notes);
            } else {
                sidebar = false;
                collapsed = Some(Side::Sidebar);
            }
        }
        if need(sidebar, notes) > available && (sidebar || notes) {
            collapsed = Some(if sidebar { Side::Sidebar } else { Side::Notes });
            both_collapsed = settings.show_sidebar && settings.show_notes;
            sidebar = false;
            notes = false;
        }
        Self { sidebar, notes, collapsed, both_collapsed }
    }

    /// Whether a side panel is on screen.
    pub fn shows(&self, side: Side) -> bool {
        match side {
            Side::Sidebar => self.sidebar,
            Side::Notes => self.notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_collapse_the_least_recently_asked_first_and_never_squeeze_the_reader() {
        let mut settings = Settings::default();
        assert_eq!(PaneFit::for_width(1600.0, 400.0, &settings), PaneFit::default());
        let narrow = PaneFit::for_width(700.0, 400.0, &settings);
        assert!(!narrow.sidebar && narrow.notes, "notes kept, sidebar collapsed: {narrow:?}");
        settings.last_side_shown = Some(Side::Sidebar);
        let narrow = PaneFit::for_width(700.0, 400.0, &settings);
        assert!(narrow.sidebar && !narrow.notes, "the pane asked for last is kept: {narrow:?}");
        let tiny = PaneFit::for_width(450.0, 400.0, &settings);
        assert!(!tiny.sidebar && !tiny.notes);
    }
}
