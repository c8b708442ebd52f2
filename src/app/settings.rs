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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub theme: ThemeChoice,
    pub text_size: f32,
    pub show_sidebar: bool,
    pub show_notes: bool,
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
            claims_of_all_articles: false,
            user_cues: Default::default(),
        }
    }
}

impl Settings {
    pub const MAX_RECENT: usize = 10;
    pub const KEY: &'static str = "canonry-settings";

    pub fn add_recent(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::MAX_RECENT);
    }
}
