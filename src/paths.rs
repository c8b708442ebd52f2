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

/// The longest file name suggested, in bytes: under every common file system's 255 (bytes on
/// Linux, UTF-16 units on Windows), with room for a " (2)" a dialog may add.
const MAX_FILE_NAME_BYTES: usize = 240;

/// Names Windows reserves for devices, with any extension ("con.txt" is the console too).
const WINDOWS_DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "com¹", "com²",
    "com³", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³", "conin$",
    "conout$",
];

/// A bare file name to suggest in a Save As or Export dialog for a project titled `title`: one
/// path component on every platform (no separators, no `..`, no drive or device name, no control
/// or bidi characters that could disguise the extension), at most 240 bytes, ending in
/// `.extension`. The dialog puts it in the folder the user picks; it can never point elsewhere.
pub fn suggested_file_name(title: &str, extension: &str) -> String {
    let extension: String = extension.chars().filter(char::is_ascii_alphanumeric).take(16).collect();
    let mut stem = String::with_capacity(title.len().min(MAX_FILE_NAME_BYTES));
    let mut last_was_space = true; // trims leading spaces
    for c in title.chars() {
        let c = if is_unsafe_in_file_names(c) { ' ' } else { c };
        if c.is_whitespace() {
            if !last_was_space {
                stem.push(' ');
            }
            last_was_space = true;
        } else {
            stem.push(c);
            last_was_space = false;
        }
    }
    let budget = MAX_FILE_NAME_BYTES - extension.len() - 1;
    if stem.len() > budget {
        let mut end = budget;
        while !stem.is_char_boundary(end) {
            end -= 1;
        }
        stem.truncate(end);
    }
    // Windows drops trailing dots and spaces; leading dots hide a file or make `..`.
    let stem = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
    // Windows reads the part before the first dot ("con" of "con.txt") as a device name.
    let base_len = stem.find('.').unwrap_or(stem.len());
    let device = WINDOWS_DEVICE_NAMES.contains(&stem[..base_len].trim().to_lowercase().as_str());
    let stem = match (stem.is_empty(), device) {
        (true, _) => "Untitled".to_owned(),
        (false, true) => format!("{} project{}", &stem[..base_len], &stem[base_len..]),
        (false, false) => stem.to_owned(),
    };
    if extension.is_empty() { stem } else { format!("{stem}.{extension}") }
}

/// Characters no file name should carry: separators and Windows' reserved punctuation, control
/// characters, and invisible format characters (bidi overrides can make `txt.exe` read `exe.txt`).
fn is_unsafe_in_file_names(c: char) -> bool {
    matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        || c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::suggested_file_name;

    #[test]
    fn suggests_bare_safe_file_names() {
        assert_eq!(suggested_file_name("Picard: the Romulan rescue", "canonry"), "Picard the Romulan rescue.canonry");
        assert_eq!(suggested_file_name("../../etc/passwd", "html"), "etc passwd.html");
        assert_eq!(suggested_file_name("CON", "md"), "CON project.md");
        assert_eq!(suggested_file_name("nul.tar", "md"), "nul project.tar.md");
        assert_eq!(suggested_file_name("  ...  ", "csv"), "Untitled.csv");
        assert_eq!(suggested_file_name("evil\u{202e}txt.exe", "html"), "evil txt.exe.html");
        assert_eq!(suggested_file_name("a", "../x"), "a.x");
        let long = suggested_file_name(&"é".repeat(300), "canonry");
        assert!(long.len() <= 240 && long.ends_with("é.canonry"), "{long}");
    }
}
