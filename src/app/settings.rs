//! Preferences kept between runs in eframe's storage (never the project itself).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// A side panel of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Sidebar,
    Notes,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub theme: ThemeChoice,
    pub text_size: f32,
    pub show_sidebar: bool,
    pub show_notes: bool,
    /// The side panel the user showed last: kept when the window is too narrow for both.
    pub last_side_shown: Option<Side>,
    /// The claim list shows the whole project rather than the current article.
    pub claims_of_all_articles: bool,
    /// The user's own suggestion cues: tier id -> one phrase per line.
    pub user_cues: std::collections::BTreeMap<String, String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            theme: ThemeChoice::System,
            text_size: 16.0,
            show_sidebar: true,
            show_notes: true,
            last_side_shown: None,
            claims_of_all_articles: false,
            user_cues: Default::default(),
        }
    }
}

impl Settings {
    pub const MAX_RECENT: usize = 10;
    pub const KEY: &'static str = "canonry-settings";

    /// Shows or hides a side panel (View menu, Ctrl+B, Ctrl+Alt+B). A panel collapsed because the
    /// window is narrow is shown again, in place of the other one.
    pub fn toggle_side(&mut self, side: Side, on_screen: bool) {
        let shown = match side {
            Side::Sidebar => &mut self.show_sidebar,
            Side::Notes => &mut self.show_notes,
        };
        *shown = !on_screen;
        if *shown {
            self.last_side_shown = Some(side);
        }
    }

    pub fn add_recent(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::MAX_RECENT);
    }
}
