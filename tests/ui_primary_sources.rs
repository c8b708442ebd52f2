//! Issue #18 in the app: an episode's subtitles (SRT, WebVTT), an EPUB novel, a saved wiki page
//! and a `Special:Export` file dropped on the window, checked (and corrected) in the preview,
//! a claim tagged in the reader with the mouse and the tier's key; the claim carries the
//! filled-in citation, the note pane shows it, the Markdown, HTML and W3C exports contain it,
//! and the saved project passes what `canonry validate` checks. Every fixture is invented.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use canonry::app::{AppState, Dialog, Settings};
use canonry::export::{ExportOptions, Format};
use canonry::model::{Claim, Tier};
use egui::accesskit::Role;
use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, Queryable as _};

/// A text field holding exactly `value`.
fn text_field(value: &str) -> impl Fn(&AccessKitNode<'_>) -> bool + '_ {
    move |node| node.role() == Role::TextInput && node.value().as_deref() == Some(value)
}

struct App {
    harness: Harness<'static, AppState>,
    data: tempfile::TempDir,
}

/// The app on the sample project, with its own data folder.
fn app() -> App {
    let data = tempfile::tempdir().expect("tmp");
    let state = AppState::new(Settings::default(), None, Some(data.path().to_owned()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, state: &mut AppState| state.frame(ui), state);
    harness.run_steps(4);
    App { harness, data }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources").join(name)
}

/// A file "dropped" on the window, as the OS hands it to egui.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

impl App {
    fn state(&self) -> &AppState {
        self.harness.state()
    }

    fn steps(&mut self, n: usize) {
        self.harness.run_steps(n);
    }

    fn preview(&self) -> &canonry::app::dialogs::ImportPreviewDialog {
        match self.state().dialogs.current() {
            Some(Dialog::ImportPreview(preview)) => preview,
            _ => panic!("the import preview is open"),
        }
    }

    /// Drops `file` on the window and waits for the preview.
    fn drop_file(&mut self, file: &Path) {
        self.harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(file.to_owned())));
        self.steps(3);
        self.wait_until(|state| state.background.importing().is_none());
        self.steps(3);
        self.preview();
    }

    /// Steps (the worker threads need real time) until `done`.
    fn wait_until(&mut self, done: impl Fn(&AppState) -> bool) {
        for _ in 0..1000 {
            if done(self.state()) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.steps(1);
        }
        assert!(done(self.state()), "timed out");
    }

    /// Moves the pointer onto a button, then clicks it, as a person would.
    fn click_button(&mut self, label: &str) {
        let rect = self.harness.get_by_role_and_label(Role::Button, label).rect();
        self.harness.hover_at(rect.center());
        self.steps(1);
        self.harness.get_by_role_and_label(Role::Button, label).click();
        self.steps(3);
    }

    /// Replaces the text of the preview's field labelled `label` by typing, as a person would.
    fn retype(&mut self, label: &str, text: &str) {
        self.harness.get_by_role_and_label(Role::TextInput, label).focus();
        self.steps(1);
        let old = self.harness.get_by_role_and_label(Role::TextInput, label).value().unwrap_or_default();
        for _ in 0..old.chars().count() {
            self.harness.key_press(Key::Backspace);
            self.steps(1);
        }
        self.harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
        self.steps(2);
    }

    fn pos_of(&self, char_offset: usize) -> Pos2 {
        self.state().panels.article_view.screen_pos_of(char_offset).expect("character on screen")
    }

    /// Selects `needle` in the article shown by dragging the mouse across it, then presses the
    /// canon tier's key; returns the new claim.
    fn tag_canon(&mut self, needle: &str) -> Claim {
        let text = self.state().current_article().expect("article shown").text.clone();
        let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        let start = text[..byte].chars().count();
        let (from, to) = (self.pos_of(start), self.pos_of(start + needle.chars().count()));
        self.harness.hover_at(from);
        self.steps(1);
        self.harness.drag_at(from);
        self.steps(1);
        self.harness.hover_at(Pos2::new((from.x + to.x) / 2.0, to.y));
        self.steps(1);
        self.harness.drop_at(to);
        self.steps(2);
        let key = self.state().project().tier(Tier::CANON).and_then(|t| Key::from_name(&t.key)).expect("key");
        self.harness.key_press(key);
        self.steps(3);
        let claim = self.state().project().claims.iter().find(|c| c.anchor.exact == needle).expect("tagged");
        assert_eq!(claim.tier, Tier::CANON);
        claim.clone()
    }

    /// The claim's first citation reads `shown`; the note pane shows its fields; the exports the
    /// app writes contain it; the project, saved, passes validation.
    fn assert_cited_everywhere(&mut self, claim: &Claim, shown: &str) {
        assert_eq!(claim.citations.first().map(|c| c.display()).as_deref(), Some(shown), "{:?}", claim.citations);
        assert_eq!(self.state().selection.claim.as_deref(), Some(claim.id.as_str()), "the new claim is selected");
        let citation = &claim.citations[0];
        for value in [citation.title.as_str(), citation.detail.as_str()].into_iter().filter(|v| !v.is_empty()) {
            let field = self.harness.query_by(text_field(value));
            assert!(field.is_some(), "the note pane shows the source's {value:?}");
        }
        let project = self.state().project();
        for format in [Format::Markdown, Format::Html, Format::W3c] {
            let bytes = canonry::export::export(project, format, &ExportOptions::default()).expect("export");
            let exported = String::from_utf8(bytes).expect("utf-8");
            let expected = match format {
                Format::Html => shown.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;"),
                Format::W3c => serde_json::to_string(shown).expect("json").trim_matches('"').to_owned(),
                _ => shown.to_owned(),
            };
            assert!(exported.contains(&expected), "the {format:?} export lacks {expected:?}");
        }
        let path = self.data.path().join("saved.canonry");
        let version = self.state().doc.version;
        canonry::storage::save_project(&canonry::storage::RealFs, &path, project, version, None, None).expect("save");
        let (loaded, _) = canonry::storage::load_file(&path).expect("valid");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert!(loaded.project.conflicts.is_empty());
        assert_eq!(&loaded.project, self.state().project(), "saved as it is in the window");
    }
}

#[test]
fn srt_episode_corrected_in_the_preview_cites_the_corrected_episode_and_keeps_captions_on_request() {
    let mut app = app();
    app.drop_file(&fixture("Nebula.Patrol.S02E07.srt"));
    assert!(app.harness.query_by_label_contains("Skipped 1 cue with a broken timing line").is_some());
    assert!(app.harness.query_by_label_contains("Suggested tier: Canon").is_some());
    // The guess from the file name is S2E7; this copy is really S1E10.
    app.retype("Season", "1");
    app.retype("Episode", "10");
    assert!(app.harness.query_by_label_contains("cited as: Episode: Nebula Patrol, S1E10, 00:41:10").is_some());
    app.harness.get_by_label("Keep hearing-impaired captions ([door opens])").click();
    app.steps(2);
    app.wait_until(|state| {
        matches!(state.dialogs.current(), Some(Dialog::ImportPreview(p)) if !p.rereading() && p.pages()[0].text.contains("[alarm blares]"))
    });
    let page = &app.preview().pages()[0];
    assert_eq!(page.episode.as_ref().map(|e| e.code()).as_deref(), Some("S1E10"), "the correction survives");
    app.click_button("Add article");
    let article = app.state().current_article().expect("added and shown").clone();
    assert_eq!(article.title, "Nebula Patrol S1E10", "the title follows the corrected episode");
    assert!(article.text.contains("[alarm blares]"));
    let claim = app.tag_canon("Into the nebula?");
    app.assert_cited_everywhere(&claim, "Episode: Nebula Patrol, S1E10, 00:41:12");
}

#[test]
fn vtt_episode_named_season_x_episode_is_cited_with_its_title_and_time() {
    let mut app = app();
    app.drop_file(&fixture("Nebula Patrol - 2x07 - The Silent Relay.vtt"));
    assert!(app.harness.query_by(text_field("The Silent Relay")).is_some(), "title field");
    app.click_button("Add article");
    let claim = app.tag_canon("We leave at dawn.");
    app.assert_cited_everywhere(&claim, "Episode: Nebula Patrol, S2E7 \"The Silent Relay\", 00:41:30");
}

/// A small EPUB 3 book, written by the test: a cover, then chapters Two and One in spine order.
fn book() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let chapter = |title: &str, body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>{title}</title></head><body><section><h1>{title}</h1>{body}</section></body></html>"
        )
    };
    let nav = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol><li><a href="text/one.xhtml">One: The Relay</a></li><li><a href="text/two.xhtml">Two: Dawn</a></li></ol></nav></body></html>"#;
    let opf = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata><dc:title>The Long Patrol</dc:title><dc:creator>A. Writer</dc:creator></metadata><manifest><item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/><item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/><item id="one" href="text/one.xhtml" media-type="application/xhtml+xml"/><item id="two" href="text/two.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="cover"/><itemref idref="two"/><itemref idref="one"/></spine></package>"#;
    let one = chapter(
        "Chapter One",
        "<p>The relay had been silent for nine days when Captain Vey ordered the Meridian into the nebula. Nobody aboard argued.</p>",
    );
    let two = chapter("Chapter Two", "<p>At dawn the Meridian came out of the nebula with one engine dark.</p>");
    let files: [(&str, &[u8]); 7] = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", br#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#),
        ("OEBPS/content.opf", opf.as_bytes()),
        ("OEBPS/nav.xhtml", nav.as_bytes()),
        ("OEBPS/text/cover.xhtml", br#"<html xmlns="http://www.w3.org/1999/xhtml"><body><img src="cover.jpg" alt=""/></body></html>"#),
        ("OEBPS/text/one.xhtml", one.as_bytes()),
        ("OEBPS/text/two.xhtml", two.as_bytes()),
    ];
    for (name, bytes) in files {
        zip.start_file(name, stored).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn epub_novel_shows_its_chapters_and_claims_are_cited_by_chapter() {
    let mut app = app();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("long-patrol.epub");
    std::fs::write(&path, book()).expect("write");
    app.drop_file(&path);
    assert!(app.harness.query_by(text_field("A. Writer")).is_some(), "the author");
    for chapter in ["1. Two: Dawn", "2. One: The Relay"] {
        assert!(app.harness.query_by_label(chapter).is_some(), "the chapter list shows {chapter:?}");
    }
    assert!(app.harness.query_by_label_contains("Suggested tier: Comic-canon").is_some());
    app.click_button("Add article");
    assert_eq!(app.state().current_article().map(|a| a.title.as_str()), Some("The Long Patrol"));
    let claim = app.tag_canon("ordered the Meridian into the nebula");
    app.assert_cited_everywhere(&claim, "Novel: The Long Patrol, One: The Relay");
}

#[test]
fn saved_wiki_page_shows_its_licence_and_sources_and_claims_get_the_sentence_source() {
    let mut app = app();
    app.drop_file(&fixture("ana-vey.wiki"));
    assert!(app.harness.query_by(text_field("CC BY-SA")).is_some(), "the licence field");
    assert!(app.harness.query_by_label_contains("sources found, attached to").is_some());
    assert_eq!(app.preview().pages()[0].title, "ana-vey", "named after the file");
    app.retype("Title", "Ana Vey");
    app.click_button("Add article");
    let article = app.state().current_article().expect("added").clone();
    assert_eq!((article.title.as_str(), article.licence.as_str()), ("Ana Vey", "CC BY-SA"));
    let claim = app.tag_canon("She retired to a farm");
    app.assert_cited_everywhere(&claim, "Other: An invented interview, 2031.");
}

#[test]
fn special_export_with_several_pages_adds_an_article_per_page() {
    let mut app = app();
    let before = app.state().project().articles.len();
    app.drop_file(&fixture("invented-export.xml"));
    assert!(app.harness.query_by_label_contains("The file holds 2 pages").is_some(), "the redirect is left out");
    assert_eq!(app.preview().pages()[0].source_url, "https://memory-alpha.fandom.com/wiki/Meridian_Station");
    app.click_button("Add 2 articles");
    let titles: Vec<String> = app.state().project().articles[before..].iter().map(|a| a.title.clone()).collect();
    assert_eq!(titles, ["Meridian Station", "Orin IV"]);
    assert_eq!(app.state().current_article().map(|a| a.title.as_str()), Some("Meridian Station"), "the first is shown");
    let claim = app.tag_canon("orbited Orin IV");
    app.assert_cited_everywhere(&claim, "Article: Station plans, Invented Design Blog");
}
