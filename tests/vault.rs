//! Vault export (Obsidian / Logseq): a vault exported again and again keeps every user edit,
//! shows the project's new state, archives deleted claims' notes, and stays safe and valid.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

use canonry::export::ExportOptions;
use canonry::export::vault::naming::{MAX_STEM_BYTES, fold, safe_stem};
use canonry::export::vault::scan::ARCHIVE_FOLDER;
use canonry::export::vault::{VaultError, VaultReport, export_vault};
use canonry::model::{Article, GlossaryEntry, Project, Tier};
use canonry::storage::parse_project;
use proptest::prelude::*;
use saphyr::{LoadableYamlNode, Yaml};

fn sample() -> Project {
    parse_project(common::sample_bytes()).expect("sample").project
}

fn export(project: &Project, options: &ExportOptions, folder: &Path) -> VaultReport {
    export_vault(project, options, folder).expect("vault export")
}

/// Every file under `dir` (relative path → bytes and modification time).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).expect("read dir") {
            let entry = entry.expect("entry");
            let kind = entry.file_type().expect("type");
            if kind.is_dir() {
                pending.push(entry.path());
            } else {
                let meta = std::fs::symlink_metadata(entry.path()).expect("meta");
                let relative = entry.path().strip_prefix(dir).expect("inside").to_owned();
                files.insert(relative, (std::fs::read(entry.path()).expect("read"), meta.modified().expect("mtime")));
            }
        }
    }
    files
}

fn markdown_files(dir: &Path) -> Vec<(PathBuf, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "md"))
        .map(|(p, (bytes, _))| (p, String::from_utf8(bytes).expect("notes are UTF-8")))
        .collect()
}

/// The front matter of a note, parsed by a real YAML 1.2 parser; `None` without front matter.
fn front_matter(text: &str) -> Option<Yaml<'static>> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let yaml = rest[..end + 1].to_owned();
    let docs = Yaml::load_from_str(Box::leak(yaml.into_boxed_str()))
        .unwrap_or_else(|e| panic!("front matter is not YAML ({e}):\n{text}"));
    let doc = docs.into_iter().next().expect("one document");
    assert!(doc.as_mapping().is_some(), "front matter is a mapping:\n{text}");
    Some(doc)
}

fn property(yaml: &Yaml, key: &str) -> Option<String> {
    yaml.as_mapping_get(key).and_then(|v| v.as_str()).map(str::to_owned)
}

fn list_property(yaml: &Yaml, key: &str) -> Vec<String> {
    yaml.as_mapping_get(key)
        .and_then(|v| v.as_vec())
        .map(|items| items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// The note (path and text) whose `canonry-id` is `id`, outside the archive.
fn note_of(dir: &Path, id: &str) -> (PathBuf, String) {
    markdown_files(dir)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(ARCHIVE_FOLDER))
        .find(|(_, text)| front_matter(text).is_some_and(|y| property(&y, "canonry-id").as_deref() == Some(id)))
        .unwrap_or_else(|| panic!("no note with canonry-id {id}"))
}

/// The wikilinks of a note, as Obsidian and Logseq read them: `[[target]]` in the body (escaped
/// `\[\[` is not a link; targets without `|label`/`#part`), and in the front matter the values
/// that are links as a whole (a title that merely contains `[[` is text).
fn wikilinks(text: &str) -> Vec<String> {
    let (yaml, body) = match text.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")) {
        Some((yaml, body)) => (Some(yaml), body),
        None => (None, text),
    };
    let mut links = Vec::new();
    for line in yaml.into_iter().flat_map(str::lines) {
        let value = line.split_once(": ").map_or(line, |(_, v)| v).trim().trim_start_matches("- ").trim_matches('"');
        if let Some(target) = value.strip_prefix("[[").and_then(|v| v.strip_suffix("]]")) {
            links.push(target.to_owned());
        }
    }
    let mut rest = body;
    while let Some(start) = rest.find("[[") {
        let escaped = rest[..start].ends_with('\\');
        rest = &rest[start + 2..];
        if escaped {
            continue;
        }
        let Some(end) = rest.find("]]") else { break };
        let target = rest[..end].split(['|', '#']).next().unwrap_or_default();
        links.push(target.to_owned());
        rest = &rest[end + 2..];
    }
    links
}

/// Every note's front matter parses, and every wikilink names a note of the vault.
fn assert_vault_is_consistent(dir: &Path) {
    let notes = markdown_files(dir);
    let stems: HashSet<String> =
        notes.iter().filter_map(|(p, _)| p.file_stem()).map(|s| fold(&s.to_string_lossy())).collect();
    let mut links = 0;
    for (path, text) in &notes {
        front_matter(text);
        for link in wikilinks(text) {
            links += 1;
            assert!(stems.contains(&fold(&link)), "[[{link}]] in {} resolves to no note", path.display());
        }
    }
    assert!(links > 0, "the vault has links to check");
}

fn expected_note_count(project: &Project) -> usize {
    1 + project.tiers.len() + project.articles.len() + project.glossary.len() + project.claims.len()
}

#[test]
fn re_export_keeps_user_edits_and_shows_the_new_state() {
    let dir = tempfile::tempdir().expect("tmp");
    let vault = dir.path();
    let mut project = sample();
    let options = ExportOptions::default();
    let first = export(&project, &options, vault);
    assert_eq!(first.created.len(), expected_note_count(&project));
    assert_vault_is_consistent(vault);

    // The user edits the vault.
    let retagged = project.claims.iter().find(|c| c.tier == Tier::CANON).expect("a canon claim").id.clone();
    let deleted = project.claims.iter().find(|c| c.tier == Tier::SPECULATION).expect("a speculation").id.clone();
    let renamed = project.articles[1].id.clone();
    let (retagged_path, text) = note_of(vault, &retagged);
    let user_text = "\n## My thoughts\n\nPicard would never. See [[My theories]].\n";
    let user_property = "rating: 5\nmy-tags:\n  - favourite\n";
    let edited = text.replacen("\n---\n", &format!("\n{user_property}---\n"), 1) + user_text;
    std::fs::write(vault.join(&retagged_path), &edited).expect("edit");
    let (deleted_path, text) = note_of(vault, &deleted);
    let deleted_edited = format!("{text}\nI wrote this before the claim went away.\n");
    std::fs::write(vault.join(&deleted_path), &deleted_edited).expect("edit");
    let (article_path, text) = note_of(vault, &renamed);
    std::fs::write(vault.join(&article_path), format!("{text}\nMy article notes.\n")).expect("edit");
    let own_note = "---\nmood: curious\n---\n# My theories\n\nQ is behind it all: [[Q]].\n";
    std::fs::write(vault.join("My theories.md"), own_note).expect("new note");

    // The project changes.
    assert!(project.claim_mut(&retagged).expect("claim").retag(Tier::SPECULATION, "doubts"));
    let article_text = project.articles[1].text.clone();
    let start = article_text.find("Laris").map(|b| article_text[..b].chars().count()).expect("word");
    let added = project.add_claim(&renamed, start, start + 5, Tier::COMIC_CANON).expect("new claim");
    project.claims.retain(|c| c.id != deleted);
    project.links.retain(|l| l.from != deleted && l.to != deleted);
    project.article_mut(&renamed).expect("article").title = "Trailer, revisited".into();

    let second = export(&project, &options, vault);
    assert_vault_is_consistent(vault);

    // Every user edit is still there, byte for byte.
    let (path, text) = note_of(vault, &retagged);
    assert_eq!(path, retagged_path, "found by id, not moved");
    assert!(text.ends_with(user_text), "user text below the note kept:\n{text}");
    assert!(text.contains(&format!("\n{user_property}---\n")), "user properties kept:\n{text}");
    assert_eq!(std::fs::read_to_string(vault.join("My theories.md")).expect("own note"), own_note);
    let (path, text) = note_of(vault, &renamed);
    assert_eq!(path, article_path, "the renamed article's note is updated where it is");
    assert!(text.ends_with("\nMy article notes.\n"));

    // Every generated part shows the new state.
    let yaml = front_matter(&note_of(vault, &retagged).1).expect("front matter");
    assert_eq!(property(&yaml, "tier").as_deref(), Some(Tier::SPECULATION));
    assert_eq!(yaml.as_mapping_get("rating").and_then(|v| v.as_integer()), Some(5));
    let retagged_text = note_of(vault, &retagged).1;
    assert!(retagged_text.contains("**Tier:** [[Speculation]]"), "{retagged_text}");
    let article_yaml = front_matter(&text).expect("front matter");
    assert_eq!(property(&article_yaml, "title").as_deref(), Some("Trailer, revisited"));
    assert!(text.contains("# Trailer, revisited\n"), "{text}");
    let (added_path, added_text) = note_of(vault, &added);
    assert!(second.created.contains(&added_path), "{second}");
    let added_yaml = front_matter(&added_text).expect("front matter");
    let article_stem = article_path.file_stem().expect("stem").to_string_lossy().into_owned();
    assert_eq!(property(&added_yaml, "article"), Some(format!("[[{article_stem}]]")));
    assert_eq!(list_property(&added_yaml, "mentions"), vec!["[[Laris]]".to_owned()]);
    assert!(text.contains(&format!("[[{}]]", added_path.file_stem().expect("stem").to_string_lossy())));
    assert!(second.updated.contains(&retagged_path));

    // The deleted claim's note is archived with what the user wrote in it.
    assert!(!vault.join(&deleted_path).exists());
    let (from, to) = second.archived.iter().find(|(from, _)| *from == deleted_path).expect("archived");
    assert_eq!(from, &deleted_path);
    assert!(to.starts_with(ARCHIVE_FOLDER));
    assert_eq!(std::fs::read_to_string(vault.join(to)).expect("archived note"), deleted_edited);
    for (_, text) in markdown_files(vault).iter().filter(|(p, _)| !p.starts_with(ARCHIVE_FOLDER)) {
        let stem = deleted_path.file_stem().expect("stem").to_string_lossy().into_owned();
        assert!(!wikilinks(text).contains(&stem), "no live note links to the deleted claim");
    }

    // And once more, with nothing changed: no file is written.
    let before = snapshot(vault);
    let third = export(&project, &options, vault);
    assert!(!third.changed_anything(), "{third}");
    assert_eq!(snapshot(vault), before);
}

#[test]
fn an_unchanged_re_export_changes_no_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = sample();
    let options = ExportOptions { history: true, ..ExportOptions::default() };
    export(&project, &options, dir.path());
    // Old modification times: any rewrite, even of identical bytes, would show.
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for path in snapshot(dir.path()).keys() {
        let file = std::fs::OpenOptions::new().write(true).open(dir.path().join(path)).expect("open");
        file.set_modified(old).expect("set mtime");
    }
    let before = snapshot(dir.path());
    assert!(before.values().all(|(_, mtime)| *mtime == old));
    let report = export(&project, &options, dir.path());
    assert_eq!(report.unchanged.len(), expected_note_count(&project));
    assert!(!report.changed_anything(), "{report}");
    assert_eq!(snapshot(dir.path()), before, "same bytes and same modification times");

    // A real change rewrites exactly the note concerned (and the indexes that list it).
    let mut changed = project.clone();
    changed.glossary[0].description = "Retired admiral.".into();
    let report = export(&changed, &options, dir.path());
    assert_eq!(report.updated.len(), 1, "{report}");
    let after = snapshot(dir.path());
    let touched: Vec<&PathBuf> = after.iter().filter(|(p, v)| before.get(*p) != Some(v)).map(|(p, _)| p).collect();
    assert_eq!(touched, vec![&report.updated[0]]);
}

/// Titles and quotes no file system, YAML reader or wiki link syntax should be trusted with.
const HOSTILE: &[&str] = &[
    "../../escape",
    "..",
    "/etc/passwd",
    "C:\\Windows\\evil",
    "CON",
    "nul.txt",
    "Com1",
    "a:b",
    "🖖 Live long and prosper 🖖",
    "ends with dots...",
    "ends with spaces   ",
    "]] [[broken link|alias]] #tag ^block",
    "pipe | and hash # and caret ^",
    "line one\nline two\r\nline three",
    "key: value",
    "- list item",
    "'single' and \"double\" quotes",
    "{flow: mapping}",
    "[flow, sequence]",
    "&anchor *alias !tag %directive @at `tick`",
    "null",
    "true",
    "2026-12-01",
    "# comment",
    "---",
    "<!-- canonry:end -->",
    "bidi \u{202E}txt.exe and zero\u{200B}width",
    "tab\tand bell\u{7}",
];

fn hostile_project() -> Project {
    let mut project = Project::new("---\ntitle: \"not\": really");
    let long = format!("{} {}", "🖖".repeat(40), "x".repeat(300));
    for title in HOSTILE.iter().copied().chain([long.as_str(), "case", "CASE"]) {
        let article = Article::new(title, &format!("{title}. Picard said: {title}"));
        let id = article.id.clone();
        let chars = article.text.chars().count();
        project.articles.push(article);
        project.add_claim(&id, 0, chars, Tier::CANON).expect("claim");
        project.glossary.push(GlossaryEntry::new(title, "other"));
    }
    for claim in &mut project.claims {
        claim.note = "A note with [[a fake link]], %% and an open ``` fence".into();
    }
    project
}

fn assert_safe_component(name: &str) {
    assert!(!name.is_empty() && name.len() <= 255, "{name:?}");
    assert!(!name.starts_with('.') && !name.ends_with(['.', ' ']), "{name:?}");
    assert!(!name.chars().any(|c| c.is_control() || "<>:\"/\\|?*[]#^".contains(c)), "{name:?}");
    let base = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&base.as_str())
        || ((base.starts_with("COM") || base.starts_with("LPT")) && base.len() == 4);
    assert!(!reserved, "{name:?}");
}

#[test]
fn hostile_titles_and_quotes_give_safe_unique_names_and_valid_yaml() {
    let outer = tempfile::tempdir().expect("tmp");
    let vault = outer.path().join("vault");
    let project = hostile_project();
    let report = export(&project, &ExportOptions::default(), &vault);
    assert_eq!(report.created.len(), expected_note_count(&project));
    let entries: Vec<_> = std::fs::read_dir(outer.path()).expect("read").collect();
    assert_eq!(entries.len(), 1, "nothing written beside the vault folder");

    let notes = markdown_files(&vault);
    assert_eq!(notes.len(), expected_note_count(&project));
    let mut folded = HashSet::new();
    for (path, _) in &notes {
        for component in path.components() {
            let Component::Normal(name) = component else { panic!("{} is not a plain relative path", path.display()) };
            assert_safe_component(&name.to_string_lossy());
        }
        let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
        assert!(stem.len() <= MAX_STEM_BYTES + " (99)".len(), "{stem:?}");
        assert!(folded.insert(fold(&stem)), "{stem:?} is not unique ignoring case");
    }
    assert_vault_is_consistent(&vault);
    // The YAML reads back exactly what Canonry holds.
    for article in &project.articles {
        let yaml = front_matter(&note_of(&vault, &article.id).1).expect("front matter");
        assert_eq!(property(&yaml, "title").as_deref(), Some(article.title.as_str()));
        assert_eq!(property(&yaml, "canonry-type").as_deref(), Some("article"));
    }
    let project_note = front_matter(&note_of(&vault, "project").1).expect("front matter");
    assert_eq!(property(&project_note, "title").as_deref(), Some(project.title.as_str()));
    // A quote that looks like the end marker does not end the block: a re-export is a no-op.
    let before = snapshot(&vault);
    assert!(!export(&project, &ExportOptions::default(), &vault).changed_anything());
    assert_eq!(snapshot(&vault), before);
}

#[test]
fn spoiler_options_leave_the_spoilers_words_out_of_every_file() {
    let mut project = sample();
    let spoiler = project.claims.iter().find(|c| c.spoiler.is_some()).expect("the sample has a spoiler").clone();
    // A spoiler article too: its title and every claim on it stay out.
    let article = project.articles[0].id.clone();
    project.article_mut(&article).expect("article").spoiler = Some(Default::default());
    let article_title = project.articles[0].title.clone();
    let article_quotes: Vec<String> = project.claims_of(&article).map(|c| c.anchor.exact.clone()).collect();
    let first_words: Vec<&str> = spoiler.anchor.exact.split_whitespace().take(6).collect();
    let mut secrets = vec![spoiler.anchor.exact.clone(), first_words.join(" "), article_title];
    secrets.extend(article_quotes);

    let secret_in = |dir: &Path, with_names: bool| -> Option<String> {
        for (path, (bytes, _)) in snapshot(dir) {
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            if with_names {
                text.push_str(&path.to_string_lossy());
            }
            if let Some(secret) = secrets.iter().find(|s| text.contains(s.as_str())) {
                return Some(format!("{secret:?} in {}", path.display()));
            }
        }
        None
    };
    let contains_secret = |dir: &Path| secret_in(dir, true);
    let shown = tempfile::tempdir().expect("tmp");
    export(&project, &ExportOptions::default(), shown.path());
    assert!(contains_secret(shown.path()).is_some(), "without the option the spoilers are exported");
    let yaml = front_matter(&note_of(shown.path(), &spoiler.id).1).expect("front matter");
    assert_eq!(yaml.as_mapping_get("spoiler").and_then(|v| v.as_bool()), Some(true));

    for options in [
        ExportOptions { hide_spoilers: true, ..ExportOptions::default() },
        ExportOptions { spoiler_free: true, ..ExportOptions::default() },
    ] {
        let dir = tempfile::tempdir().expect("tmp");
        export(&project, &options, dir.path());
        assert_eq!(contains_secret(dir.path()), None, "{options:?}");
        assert_vault_is_consistent(dir.path());
    }

    // Hiding spoilers in a vault exported with them takes Canonry's words out of their notes
    // (the user's own words and the file names stay).
    let (spoiler_path, text) = note_of(shown.path(), &spoiler.id);
    let user_text = "\nMy own words about it.\n";
    std::fs::write(shown.path().join(&spoiler_path), format!("{text}{user_text}")).expect("edit");
    let report = export(&project, &ExportOptions { hide_spoilers: true, ..ExportOptions::default() }, shown.path());
    assert_eq!(secret_in(shown.path(), false), None, "{report}");
    assert!(report.hidden_spoilers.contains(&spoiler_path), "{report}");
    let text = std::fs::read_to_string(shown.path().join(&spoiler_path)).expect("read");
    assert!(text.ends_with(user_text), "{text}");
    assert_vault_is_consistent(shown.path());
}

#[test]
fn export_options_choose_the_notes() {
    let project = sample();
    let dir = tempfile::tempdir().expect("tmp");
    let article = project.articles[1].id.clone();
    let options = ExportOptions {
        article: Some(article.clone()),
        tiers: Some(vec![Tier::CANON.into()]),
        notes: false,
        ..ExportOptions::default()
    };
    let report = export(&project, &options, dir.path());
    let claims = project.claims.iter().filter(|c| c.article == article && c.tier == Tier::CANON).count();
    assert_eq!(report.created.len(), 1 + 1 + 1 + project.glossary.len() + claims, "{report}");
    assert_vault_is_consistent(dir.path());
    for claim in project.claims.iter().filter(|c| !c.note.trim().is_empty()) {
        for (path, text) in markdown_files(dir.path()) {
            assert!(!text.contains(claim.note.trim()), "--no-notes: a note is in {}", path.display());
        }
    }
    // Claims this export leaves out keep their notes from an earlier, wider export.
    let wide = tempfile::tempdir().expect("tmp");
    export(&project, &ExportOptions::default(), wide.path());
    let narrow = export(&project, &options, wide.path());
    assert!(narrow.archived.is_empty(), "{narrow}");
    assert_eq!(narrow.left_alone.len(), expected_note_count(&project) - report.created.len(), "{narrow}");
}

#[test]
fn damaged_blocks_and_copies_are_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut project = sample();
    export(&project, &ExportOptions::default(), dir.path());
    let (path, text) = note_of(dir.path(), &project.claims[0].id);
    let damaged = text.replace("<!-- canonry:end -->", "my own end");
    std::fs::write(dir.path().join(&path), &damaged).expect("edit");
    let (copied_from, copied) = note_of(dir.path(), &project.claims[1].id);
    std::fs::write(dir.path().join("Claims/zz copy.md"), &copied).expect("copy");
    project.claims[0].note = "changed".into();
    project.claims[1].note = "changed too".into();
    let report = export(&project, &ExportOptions::default(), dir.path());
    assert_eq!(std::fs::read_to_string(dir.path().join(&path)).expect("read"), damaged);
    assert!(report.left_alone.iter().any(|(p, _)| *p == path), "{report}");
    assert!(report.updated.contains(&copied_from), "{report}");
    assert_eq!(std::fs::read_to_string(dir.path().join("Claims/zz copy.md")).expect("read"), copied);
}

#[cfg(unix)]
#[test]
fn a_linked_folder_is_never_written_through() {
    let dir = tempfile::tempdir().expect("tmp");
    let outside = tempfile::tempdir().expect("tmp");
    let vault = dir.path().join("vault");
    std::fs::create_dir(&vault).expect("mkdir");
    std::os::unix::fs::symlink(outside.path(), vault.join("Claims")).expect("symlink");
    let error = export_vault(&sample(), &ExportOptions::default(), &vault).expect_err("refused");
    assert!(matches!(error, VaultError::LinkedFolder { .. }), "{error}");
    assert!(error.to_string().contains("symbolic link"), "{error}");
    assert_eq!(std::fs::read_dir(outside.path()).expect("read").count(), 0, "nothing written outside");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_titles_give_one_safe_component(title in any::<String>()) {
        let stem = safe_stem(&title);
        let file = format!("{stem}.md");
        let path = Path::new(&file);
        prop_assert_eq!(path.components().count(), 1);
        prop_assert!(matches!(path.components().next(), Some(Component::Normal(_))));
        prop_assert!(stem.len() <= MAX_STEM_BYTES + 1);
        assert_safe_component(&file);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_titles_never_escape_the_folder(titles in prop::collection::vec("(\\.\\./|/|\\\\|\\.|[a-zA-Z:]|\\PC){0,40}", 1..5)) {
        let outer = tempfile::tempdir().expect("tmp");
        let vault = outer.path().join("vault");
        let mut project = Project::new(&titles[0]);
        for title in &titles {
            let article = Article::new(title, "Some words to quote.");
            let id = article.id.clone();
            project.articles.push(article);
            project.add_claim(&id, 0, 4, Tier::CANON);
            project.glossary.push(GlossaryEntry::new(title, "other"));
        }
        let report = export(&project, &ExportOptions::default(), &vault);
        prop_assert_eq!(report.created.len(), expected_note_count(&project));
        prop_assert_eq!(std::fs::read_dir(outer.path()).expect("read").count(), 1);
        prop_assert_eq!(markdown_files(&vault).len(), expected_note_count(&project));
    }
}

/// The real file system, except that renames fail once `budget` is used up.
struct FailingRenames {
    budget: std::cell::Cell<usize>,
}

impl canonry::storage::Fs for FailingRenames {
    fn create_and_write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        canonry::storage::RealFs.create_and_write(path, bytes)
    }
    fn sync_file(&self, path: &Path) -> std::io::Result<()> {
        canonry::storage::RealFs.sync_file(path)
    }
    fn copy_permissions(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        canonry::storage::RealFs.copy_permissions(from, to)
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        if self.budget.get() == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full (test)"));
        }
        self.budget.set(self.budget.get() - 1);
        canonry::storage::RealFs.rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()> {
        canonry::storage::RealFs.sync_dir(dir)
    }
    fn remove_file(&self, path: &Path) -> std::io::Result<()> {
        canonry::storage::RealFs.remove_file(path)
    }
}

#[test]
fn a_failed_write_leaves_every_note_whole_and_the_next_export_finishes() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut project = sample();
    export(&project, &ExportOptions::default(), dir.path());
    for claim in &mut project.claims {
        claim.note.push_str(" (revised)");
    }
    let before = snapshot(dir.path());
    let fs = FailingRenames { budget: std::cell::Cell::new(3) };
    let error = canonry::export::vault::export_vault_with(&fs, &project, &ExportOptions::default(), dir.path())
        .expect_err("the fourth write fails");
    assert!(matches!(error, VaultError::Write(_)), "{error}");
    assert!(error.to_string().contains("export again"), "{error}");
    let after = snapshot(dir.path());
    assert_eq!(after.len(), before.len(), "no temp file left behind");
    let changed = after.iter().filter(|(p, (bytes, _))| before.get(*p).map(|b| &b.0) != Some(bytes)).count();
    assert_eq!(changed, 3, "three notes replaced whole, the others untouched");
    for (_, text) in markdown_files(dir.path()) {
        assert!(front_matter(&text).is_some() && text.contains("<!-- canonry:end -->"), "a whole note:\n{text}");
    }
    let report = export(&project, &ExportOptions::default(), dir.path());
    assert_eq!(report.updated.len(), project.claims.len() - 3, "the rest is written now:\n{report}");
    for claim in &project.claims {
        assert!(note_of(dir.path(), &claim.id).1.contains("(revised)"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever a user writes below a note and adds as properties survives a merge byte for
    /// byte, a second merge changes nothing, and no input makes the reader panic.
    #[test]
    fn merging_keeps_arbitrary_user_additions(
        below in "\\PC{0,80}(\n\\PC{0,40}){0,4}",
        key in "[a-z][a-z0-9_]{0,12}",
        value in "\\PC{0,30}",
        junk in any::<String>(),
    ) {
        use canonry::export::vault::front_matter::{Note, block, new_note};
        let _ = Note::parse(&junk).map(|n| n.merged(&["canonry-id"], "", &block("x\n")));
        prop_assume!(!below.contains("<!--") && !["canonry-id", "tier"].contains(&key.as_str()));
        let owned = ["canonry-id", "tier"];
        let note = new_note("canonry-id: \"c1\"\ntier: \"canon\"\n", &block("old\n"));
        let user_property = format!("{key}: {}\n", canonry::export::vault::yaml::quoted(&value));
        let edited = note.replacen("\n---\n", &format!("\n{user_property}---\n"), 1) + &below;
        let parsed = Note::parse(&edited).expect("still a note");
        let id = parsed.canonry_id();
        prop_assert_eq!(id.as_deref(), Some("c1"));
        let merged = parsed.merged(&owned, "canonry-id: \"c1\"\ntier: \"speculation\"\n", &block("new\n")).expect("merges");
        prop_assert!(merged.ends_with(&format!("{}{below}", block("new\n"))), "{}", merged);
        prop_assert!(merged.contains(&format!("\n{user_property}---\n")), "{}", merged);
        let again = Note::parse(&merged).expect("note").merged(&owned, "canonry-id: \"c1\"\ntier: \"speculation\"\n", &block("new\n"));
        prop_assert_eq!(again.as_deref(), Some(merged.as_str()));
    }
}
