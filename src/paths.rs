//! Where Canonry keeps its own files (never the user's projects): backups, recovery, logs.

use std::path::PathBuf;

use crate::APP_ID;

/// The app's data folder: `$CANONRY_DATA_DIR` when set (tests, portable installs), else the
/// platform's data folder named after the app id (e.g. `~/.local/share/io.github.canonry.Canonry`).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CANONRY_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from_path(PathBuf::from(APP_ID)).map(|d| d.data_dir().to_owned())
}

/// Copies of project files replaced by saves.
pub fn backups_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("backups"))
}

/// Unsaved work, written a few seconds after each edit.
pub fn recovery_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("recovery"))
}
