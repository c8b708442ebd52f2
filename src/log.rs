//! A small append-only log in the data folder (`logs/canonry.log`). A release build on Windows
//! has no console, so errors written only to stderr would vanish; the log keeps them everywhere.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The log is started afresh (the old one kept as `canonry.log.old`) past this size.
const MAX_LOG_BYTES: u64 = 1024 * 1024;

/// The log file, when the platform has a data folder.
pub fn log_path() -> Option<PathBuf> {
    crate::paths::data_dir().map(|d| d.join("logs").join("canonry.log"))
}

/// Writes `message` to stderr and appends it, timestamped, to the log. Never fails: logging
/// must not turn one problem into two.
pub fn error(message: &str) {
    eprintln!("canonry: {message}");
    if let Some(path) = log_path() {
        append(&path, &format!("{} {message}\n", crate::model::now_rfc3339()));
    }
}

/// Appends `line` to the log at `path`, rotating it once it grows past [`MAX_LOG_BYTES`].
pub fn append(path: &Path, line: &str) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
        let _ = std::fs::rename(path, path.with_extension("log.old"));
    }
    let _ = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(line.as_bytes()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_lines_and_rotates_a_full_log() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("logs").join("canonry.log");
        append(&path, "first\n");
        append(&path, "second\n");
        assert_eq!(std::fs::read_to_string(&path).expect("log"), "first\nsecond\n");

        std::fs::write(&path, vec![b'x'; MAX_LOG_BYTES as usize + 1]).expect("fill");
        append(&path, "after rotation\n");
        assert_eq!(std::fs::read_to_string(&path).expect("log"), "after rotation\n");
        assert!(path.with_extension("log.old").exists());
    }
}
