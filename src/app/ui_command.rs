//! The app's command vocabulary: every action a menu item or a keyboard shortcut can start.
//!
//! Each [`UiCommand`] owns its label, its description for the shortcut sheet and its shortcuts
//! (per OS through [`Modifiers::COMMAND`], which is Cmd on macOS and Ctrl elsewhere), so the menus,
//! the key handling, the F1 sheet and the README's table all come from this one table
//! (rerun's `re_ui::UICommand` does the same).

use egui::{Key, KeyboardShortcut, Modifiers};

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn cmd_alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::ALT), key)
}

/// An action without arguments, started from a menu or a shortcut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    Open,
    Save,
    SaveAs,
    ImportArticle,
    ImportUrl,
    NewArticleFromClipboard,
    UpdateArticleText,
    Export,
    MergeProject,
    Close,
    Quit,
    Undo,
    Redo,
    Find,
    DeleteClaim,
    ReattachClaim,
    SuggestClaims,
    SuggestionCues,
    Tiers,
    SearchEverything,
    Contradictions,
    Glossary,
    Timeline,
    Dashboard,
    ToggleArticleSpoiler,
    ToggleSidebar,
    ToggleNotesPane,
    LargerText,
    SmallerText,
    Shortcuts,
    About,
}

impl UiCommand {
    /// Every command, in the order of the shortcut sheet.
    pub const ALL: &'static [UiCommand] = &[
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::SearchEverything,
        Self::Save,
        Self::SaveAs,
        Self::Export,
        Self::Open,
        Self::New,
        Self::NewArticleFromClipboard,
        Self::ToggleSidebar,
        Self::ToggleNotesPane,
        Self::LargerText,
        Self::SmallerText,
        Self::Quit,
        Self::Shortcuts,
        Self::ReattachClaim,
        Self::ImportArticle,
        Self::ImportUrl,
        Self::UpdateArticleText,
        Self::MergeProject,
        Self::Close,
        Self::DeleteClaim,
        Self::SuggestClaims,
        Self::SuggestionCues,
        Self::Tiers,
        Self::Contradictions,
        Self::Glossary,
        Self::Timeline,
        Self::Dashboard,
        Self::ToggleArticleSpoiler,
        Self::About,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::ImportArticle => "Import Article…",
            Self::ImportUrl => "Import Article from URL…",
            Self::NewArticleFromClipboard => "New Article from Clipboard",
            Self::UpdateArticleText => "Update Article Text…",
            Self::Export => "Export…",
            Self::MergeProject => "Merge Project…",
            Self::Close => "Close",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find",
            Self::DeleteClaim => "Delete Claim",
            Self::ReattachClaim => "Re-attach Claim to Selection",
            Self::SuggestClaims => "Suggest Claims…",
            Self::SuggestionCues => "Suggestion Cues…",
            Self::Tiers => "Tiers…",
            Self::SearchEverything => "Search Everything…",
            Self::Contradictions => "Contradictions…",
            Self::Glossary => "Glossary…",
            Self::Timeline => "Timeline…",
            Self::Dashboard => "Dashboard…",
            Self::ToggleArticleSpoiler => "Mark Article as Spoiler",
            Self::ToggleSidebar => "Articles and Claims Pane",
            Self::ToggleNotesPane => "Notes Pane",
            Self::LargerText => "Larger Text",
            Self::SmallerText => "Smaller Text",
            Self::Shortcuts => "Keyboard Shortcuts",
            Self::About => "About Canonry",
        }
    }

    /// What it does, for the shortcut sheet and tooltips.
    pub fn description(self) -> &'static str {
        match self {
            Self::New => "New project",
            Self::Open => "Open a project",
            Self::Save => "Save",
            Self::SaveAs => "Save under another name",
            Self::ImportArticle => "Add an article from a text, Markdown or saved web page file",
            Self::ImportUrl => "Add an article from a web address",
            Self::NewArticleFromClipboard => "New article from the clipboard",
            Self::UpdateArticleText => "Replace the article's text with a newer version",
            Self::Export => "Export (Markdown, HTML, W3C annotations, CSV, share bundle)",
            Self::MergeProject => "Merge a friend's project into this one",
            Self::Close => "Close the project",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find in the article",
            Self::DeleteClaim => "Delete the selected claim",
            Self::ReattachClaim => "Move the selected orphaned claim onto the selected words",
            Self::SuggestClaims => "Review suggested claims of this article",
            Self::SuggestionCues => "Your own suggestion cues",
            Self::Tiers => "Add, rename, recolour, reorder and merge tiers",
            Self::SearchEverything => "Search everything: articles, quotes, notes, sources, names",
            Self::Contradictions => "Unresolved contradictions",
            Self::Glossary => "Names: characters, ships, places…",
            Self::Timeline => "Dated claims in in-universe order",
            Self::Dashboard => "Claims per tier, contradictions, trends",
            Self::ToggleArticleSpoiler => "Mark or unmark the whole article as a spoiler",
            Self::ToggleSidebar => "Show or hide the articles and claims pane",
            Self::ToggleNotesPane => "Show or hide the notes pane",
            Self::LargerText => "Larger article text",
            Self::SmallerText => "Smaller article text",
            Self::Shortcuts => "This sheet",
            Self::About => "About Canonry",
        }
    }

    /// Its shortcuts, the one shown in menus first. Delete is a reader key (see
    /// [`READER_KEYS`]): it must not fire while a text field is edited.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const UNDO: &[KeyboardShortcut] = &[cmd(Key::Z)];
        const REDO: &[KeyboardShortcut] = &[cmd_shift(Key::Z), cmd(Key::Y)];
        const FIND: &[KeyboardShortcut] = &[cmd(Key::F)];
        const SEARCH: &[KeyboardShortcut] = &[cmd_shift(Key::F)];
        const SAVE: &[KeyboardShortcut] = &[cmd(Key::S)];
        const SAVE_AS: &[KeyboardShortcut] = &[cmd_shift(Key::S)];
        const EXPORT: &[KeyboardShortcut] = &[cmd(Key::E)];
        const OPEN: &[KeyboardShortcut] = &[cmd(Key::O)];
        const NEW: &[KeyboardShortcut] = &[cmd(Key::N)];
        const PASTE: &[KeyboardShortcut] = &[cmd_shift(Key::V)];
        const SIDEBAR: &[KeyboardShortcut] = &[cmd(Key::B)];
        const NOTES: &[KeyboardShortcut] = &[cmd_alt(Key::B)];
        const LARGER: &[KeyboardShortcut] = &[cmd(Key::Equals), cmd(Key::Plus)];
        const SMALLER: &[KeyboardShortcut] = &[cmd(Key::Minus)];
        const QUIT: &[KeyboardShortcut] = &[cmd(Key::Q)];
        const REATTACH: &[KeyboardShortcut] = &[cmd(Key::R)];
        const HELP: &[KeyboardShortcut] = &[KeyboardShortcut::new(Modifiers::NONE, Key::F1)];
        match self {
            Self::Undo => UNDO,
            Self::Redo => REDO,
            Self::Find => FIND,
            Self::SearchEverything => SEARCH,
            Self::Save => SAVE,
            Self::SaveAs => SAVE_AS,
            Self::Export => EXPORT,
            Self::Open => OPEN,
            Self::New => NEW,
            Self::NewArticleFromClipboard => PASTE,
            Self::ToggleSidebar => SIDEBAR,
            Self::ToggleNotesPane => NOTES,
            Self::LargerText => LARGER,
            Self::SmallerText => SMALLER,
            Self::Quit => QUIT,
            Self::ReattachClaim => REATTACH,
            Self::Shortcuts => HELP,
            _ => &[],
        }
    }

    /// The shortcuts as the sheet shows them ("Ctrl+Shift+Z / Ctrl+Y", "Ctrl+="; Cmd on macOS).
    pub fn shortcut_text(self, is_mac: bool) -> String {
        let names = egui::ModifierNames { is_short: true, ..egui::ModifierNames::NAMES };
        self.shortcuts().iter().map(|s| s.format(&names, is_mac)).collect::<Vec<_>>().join(" / ")
    }
}

/// Keys of the article reader, not menu commands: they act only while no text field has focus,
/// or are the text widget's own gestures.
pub const READER_KEYS: &[(&str, &str)] = &[
    ("1, 2, 3 …", "Tag the selected words with that tier, or retag the selected claim"),
    ("Delete", "Delete the selected claim"),
    ("Alt+click / Alt+Shift+click", "Select a sentence / extend by sentences"),
    ("Enter", "Accept the suggested tier for the selection"),
    ("Tab / Shift+Tab", "Next / previous claim in the article"),
    ("Shift+Arrows", "Extend the selection (Ctrl: by word)"),
    ("Double-click / triple-click", "Select a word / a paragraph"),
    ("Shift+click", "Extend the selection to the pointer"),
    ("Escape", "Clear the selection"),
    ("Ctrl+C", "Copy the selected text"),
];

/// The shortcut sheet as (keys, what) rows: reader keys, then every command with a shortcut.
pub fn shortcut_sheet(is_mac: bool) -> Vec<(String, String)> {
    let reader = READER_KEYS.iter().map(|(k, w)| ((*k).to_owned(), (*w).to_owned()));
    let commands = UiCommand::ALL
        .iter()
        .filter(|c| !c.shortcuts().is_empty())
        .map(|c| (c.shortcut_text(is_mac), c.description().to_owned()));
    reader.chain(commands).collect()
}

/// The sheet as a Markdown table (Windows and Linux names), as the README carries it.
pub fn shortcut_sheet_markdown() -> String {
    let mut out = String::from("| keys | what |\n| --- | --- |\n");
    for (keys, what) in shortcut_sheet(false) {
        out.push_str(&format!("| {keys} | {what} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_shortcut_table_is_the_command_table() {
        let readme = include_str!("../../README.md");
        let (start, end) = ("<!-- shortcuts:start -->", "<!-- shortcuts:end -->");
        let table = readme
            .split_once(start)
            .and_then(|(_, rest)| rest.split_once(end))
            .map(|(table, _)| table.trim())
            .expect("README.md has the shortcut table between its markers");
        let expected = shortcut_sheet_markdown();
        assert_eq!(table, expected.trim(), "README.md's shortcut table is out of date; it should read:\n{expected}");
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let all: Vec<_> = UiCommand::ALL.iter().flat_map(|c| c.shortcuts().iter().map(move |s| (*c, *s))).collect();
        for (i, (a, sa)) in all.iter().enumerate() {
            for (b, sb) in &all[i + 1..] {
                assert!(sa != sb, "{a:?} and {b:?} share {sa:?}");
            }
        }
        let listed: std::collections::HashSet<_> = UiCommand::ALL.iter().collect();
        assert_eq!(listed.len(), UiCommand::ALL.len(), "each command listed once");
    }
}
