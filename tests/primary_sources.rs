//! Issue #18: episode subtitles, EPUB novels and MediaWiki pages imported from the command line;
//! a claim tagged through the app's path (`Editor::tag`) carries its citation, the exports show
//! it (and the licence), and `canonry validate` passes. Every fixture is invented.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use canonry::edit::Editor;
use canonry::model::{CitationKind, Tier};
use canonry::storage::{self, RealFs, load_file};

fn canonry(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_canonry"))
        .args(args)
        .env("CANONRY_DATA_DIR", std::env::temp_dir().join("canonry-primary-sources-test-data"))
        .output()
        .expect("run canonry")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources").join(name)
}

fn new_project(dir: &Path) -> PathBuf {
    let project = dir.join("lore.canonry");
    let out = canonry(&["new".as_ref(), project.as_os_str(), "--title".as_ref(), "Lore".as_ref()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    project
}

/// `canonry add-article`, returning what it printed.
fn add(project: &Path, source: &Path, extra: &[&str]) -> String {
    let mut args: Vec<&std::ffi::OsStr> = vec!["add-article".as_ref(), project.as_os_str(), source.as_os_str()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    let out = canonry(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Tags the first occurrence of `quote` in the article titled `title` as the app does, saves,
/// and returns the claim's citations as displayed.
fn tag(project: &Path, title: &str, quote: &str) -> Vec<String> {
    let (loaded, stamp) = load_file(project).expect("load");
    let version = loaded.version;
    let mut editor = Editor::new(loaded.project);
    let article = editor.project().articles.iter().find(|a| a.title == title).expect("article").clone();
    let byte = article.text.find(quote).unwrap_or_else(|| panic!("{quote:?} not in {:?}", article.text));
    let start = article.text[..byte].chars().count();
    let end = start + quote.chars().count();
    let id = editor.tag(&article.id, start, end, Tier::CANON).expect("tagged");
    let claim = editor.project().claim(&id).expect("claim").clone();
    storage::save_project(&RealFs, project, editor.project(), version, Some(&stamp), None).expect("save");
    claim.citations.iter().map(|c| c.display()).collect()
}

fn export(project: &Path, format: &str) -> String {
    let out = canonry(&["export".as_ref(), project.as_os_str(), "--format".as_ref(), format.as_ref()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn assert_valid(project: &Path) {
    let out = canonry(&["validate".as_ref(), project.as_os_str()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

/// Markdown and W3C carry the text as written; HTML escapes quotes.
fn assert_exports_show(project: &Path, shown: &str) {
    let markdown = export(project, "markdown");
    assert!(markdown.contains(shown), "markdown export lacks {shown:?}:\n{markdown}");
    let w3c = export(project, "w3c");
    let json_string = serde_json::to_string(shown).expect("json");
    assert!(w3c.contains(json_string.trim_matches('"')), "w3c export lacks {json_string}:\n{w3c}");
    let html = export(project, "html");
    let escaped = shown.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    assert!(html.contains(&escaped), "html export lacks {escaped:?}");
}

#[test]
fn srt_episode_claims_are_cited_with_series_episode_and_time() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = new_project(dir.path());
    let printed = add(&project, &fixture("Nebula.Patrol.S02E07.srt"), &[]);
    assert!(printed.contains("Skipped 1 cue with a broken timing line (line 15)"), "{printed}");
    assert!(printed.contains("Dropped 1 hearing-impaired"), "{printed}");
    let citations = tag(&project, "Nebula Patrol S2E7", "Into the nebula?");
    assert_eq!(citations, ["Episode: Nebula Patrol, S2E7, 00:41:12"]);
    let (loaded, _) = load_file(&project).expect("load");
    let article = &loaded.project.articles[0];
    assert_eq!(
        article.text,
        "Vey: The relay is silent. Then the Meridian goes alone.\nOrin: Into the nebula?\n\nVey: We leave at dawn & we do not come back."
    );
    assert_eq!(article.suggested_tier, "canon");
    assert_exports_show(&project, "Episode: Nebula Patrol, S2E7, 00:41:12");
    assert_valid(&project);
}

#[test]
fn vtt_episode_from_a_season_x_episode_name_keeps_voices_and_captions_option() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = new_project(dir.path());
    add(&project, &fixture("Nebula Patrol - 2x07 - The Silent Relay.vtt"), &["--keep-captions"]);
    let title = "Nebula Patrol S2E7: The Silent Relay";
    let citations = tag(&project, title, "We leave at dawn.");
    assert_eq!(citations, ["Episode: Nebula Patrol, S2E7 \"The Silent Relay\", 00:41:30"]);
    let (loaded, _) = load_file(&project).expect("load");
    assert_eq!(
        loaded.project.articles[0].text,
        "Ana Vey: The relay is silent. Then the Meridian goes alone.\nOrin: Into the nebula?\n\nAna Vey: We leave at dawn."
    );
    assert_exports_show(&project, "Episode: Nebula Patrol, S2E7 \"The Silent Relay\", 00:41:30");
    assert_valid(&project);
}

#[test]
fn wiki_page_sentences_carry_their_refs_and_the_licence_is_exported() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = new_project(dir.path());
    let printed = add(
        &project,
        &fixture("ana-vey.wiki"),
        &["--title", "Ana Vey", "--url", "https://memory-alpha.fandom.com/wiki/Ana_Vey"],
    );
    assert!(printed.contains("Continuity: Legends"), "{printed}");
    assert_eq!(
        tag(&project, "Ana Vey", "took the Meridian into the nebula alone"),
        ["Episode: Star Trek: The Next Generation, The Silent Relay"]
    );
    assert_eq!(tag(&project, "Ana Vey", "commanding the USS Meridian"), ["Novel: The Long Patrol, p. 12"]);
    assert_eq!(
        tag(&project, "Ana Vey", "She never spoke"),
        ["Novel: The Long Patrol, p. 12"],
        "a named ref used again"
    );
    let (loaded, _) = load_file(&project).expect("load");
    let article = &loaded.project.articles[0];
    assert_eq!((article.licence.as_str(), article.suggested_tier.as_str()), ("CC BY-SA 3.0", "comic-canon"));
    assert!(
        article.text.starts_with("Ana Vey was a captain of the Invented Fleet, commanding the USS Meridian. In 2390"),
        "{}",
        article.text
    );
    assert!(!article.text.contains("Category") && !article.text.contains("{{"), "{}", article.text);
    assert_exports_show(&project, "Episode: Star Trek: The Next Generation, The Silent Relay");
    assert!(export(&project, "markdown").contains("Licence: CC BY-SA 3.0"));
    assert!(export(&project, "html").contains("Licence: CC BY-SA 3.0"));
    assert!(export(&project, "w3c").contains("\"rights\": \"https://creativecommons.org/licenses/by-sa/3.0/\""));
    assert!(export(&project, "csv").lines().nth(1).is_some_and(|row| row.ends_with(",CC BY-SA 3.0")));
    assert_valid(&project);
}

#[test]
fn special_export_gives_an_article_per_page_with_its_address() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = new_project(dir.path());
    let printed = add(&project, &fixture("invented-export.xml"), &[]);
    assert_eq!(printed.matches("Added ").count(), 2, "the redirect is left out: {printed}");
    let (loaded, _) = load_file(&project).expect("load");
    let station = &loaded.project.articles[0];
    assert_eq!(station.title, "Meridian Station");
    assert_eq!(station.source_url, "https://memory-alpha.fandom.com/wiki/Meridian_Station");
    assert!(!station.text.contains("old draft"));
    assert_eq!(loaded.project.articles[1].suggested_tier, "speculation", "{{Noncanon}}");
    assert_eq!(tag(&project, "Meridian Station", "orbited Orin IV"), ["Article: Station plans, Invented Design Blog"]);
    assert_eq!(
        tag(&project, "Meridian Station", "abandoned in 2391"),
        ["Episode: Star Trek: Deep Space Nine, The Empty Dock"]
    );
    assert_exports_show(&project, "Article: Station plans, Invented Design Blog");
    assert_valid(&project);
}

#[test]
fn pasted_wikitext_goes_through_the_same_importer() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = new_project(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_canonry"))
        .args(["add-article".as_ref(), project.as_os_str(), "-".as_ref(), "--title".as_ref(), "Pasted".as_ref()])
        .env("CANONRY_DATA_DIR", std::env::temp_dir().join("canonry-primary-sources-test-data"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run canonry");
    let wikitext = std::fs::read(fixture("ana-vey.wiki")).expect("fixture");
    child.stdin.take().expect("stdin").write_all(&wikitext).expect("write");
    assert!(child.wait_with_output().expect("wait").status.success());
    assert_eq!(tag(&project, "Pasted", "She retired to a farm"), ["Other: An invented interview, 2031."]);
    assert_valid(&project);
}

/// A small EPUB 3 (navigation document) or EPUB 2 (NCX) book, written by the test.
fn book(epub3: bool, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let chapter = |title: &str, body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>{title}</title></head><body><section><h1>{title}</h1>{body}</section></body></html>"
        )
    };
    let nav = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol><li><a href="text/one.xhtml">One: The Relay</a></li><li><a href="text/two.xhtml#start">Two: Dawn</a></li></ol></nav></body></html>"#;
    let ncx = r#"<ncx><navMap><navPoint id="a"><navLabel><text>One: The Relay</text></navLabel><content src="text/one.xhtml"/></navPoint><navPoint id="b"><navLabel><text>Two: Dawn</text></navLabel><content src="text/two.xhtml"/></navPoint></navMap></ncx>"#;
    let (toc_item, spine) = if epub3 {
        (r#"<item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>"#, "<spine>")
    } else {
        (r#"<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>"#, r#"<spine toc="ncx">"#)
    };
    let opf = format!(
        r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata><dc:title>The Long Patrol</dc:title><dc:creator>A. Writer</dc:creator><dc:date>2031</dc:date></metadata><manifest>{toc_item}<item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/><item id="one" href="text/one.xhtml" media-type="application/xhtml+xml"/><item id="two" href="text/two.xhtml" media-type="application/xhtml+xml"/></manifest>{spine}<itemref idref="cover"/><itemref idref="two"/><itemref idref="one"/></spine></package>"#
    );
    let one = chapter(
        "Chapter One",
        "<p>The relay had been silent for nine days when Captain Vey ordered the Meridian into the nebula. Nobody aboard argued; they had all heard the last message, and nobody wanted to hear it again.</p><p>The crew worked in silence through the long watch.</p>",
    );
    let two = chapter(
        "Chapter Two",
        "<p>At dawn the Meridian came out of the nebula with one engine dark and a stranger in the brig, and Vey wrote nothing in the log about either of them for a week.</p>",
    );
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("mimetype".into(), b"application/epub+zip".to_vec()),
        ("META-INF/container.xml".into(), br#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#.to_vec()),
        ("OEBPS/content.opf".into(), opf.into_bytes()),
        ("OEBPS/text/cover.xhtml".into(), br#"<html xmlns="http://www.w3.org/1999/xhtml"><body><img src="cover.jpg" alt=""/></body></html>"#.to_vec()),
        ("OEBPS/text/one.xhtml".into(), one.into_bytes()),
        ("OEBPS/text/two.xhtml".into(), two.into_bytes()),
    ];
    files.push(if epub3 {
        ("OEBPS/nav.xhtml".into(), nav.as_bytes().to_vec())
    } else {
        ("OEBPS/toc.ncx".into(), ncx.as_bytes().to_vec())
    });
    files.extend(extra.iter().map(|(n, b)| ((*n).to_owned(), b.to_vec())));
    for (name, bytes) in files {
        zip.start_file(name, stored).expect("entry");
        zip.write_all(&bytes).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn epub_chapters_in_spine_order_become_headed_sections_cited_by_chapter() {
    for epub3 in [true, false] {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("long-patrol.epub");
        std::fs::write(&path, book(epub3, &[])).expect("write");
        let project = new_project(dir.path());
        let printed = add(&project, &path, &[]);
        assert!(printed.contains("2 chapters: Two: Dawn, One: The Relay"), "{printed}");
        assert!(printed.contains("Skipped 1 spine entries"), "the cover: {printed}");
        let (loaded, _) = load_file(&project).expect("load");
        let article = &loaded.project.articles[0];
        assert_eq!((article.title.as_str(), article.author.as_str()), ("The Long Patrol", "A. Writer"));
        assert!(article.text.starts_with("Two: Dawn\n\nAt dawn the Meridian"), "{}", article.text);
        assert!(article.text.contains("\n\nOne: The Relay\n\nThe relay had been silent"), "{}", article.text);
        assert_eq!(article.primary_source.as_ref().map(|c| c.kind), Some(CitationKind::Novel));
        assert_eq!(
            tag(&project, "The Long Patrol", "ordered the Meridian into the nebula"),
            ["Novel: The Long Patrol, One: The Relay"]
        );
        assert_exports_show(&project, "Novel: The Long Patrol, One: The Relay");
        assert_valid(&project);
    }
}

#[test]
fn drm_protected_and_broken_books_get_a_clear_message_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = new_project(dir.path());
    let before = std::fs::read(&project).expect("read");
    let encryption = br#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><CipherData><CipherReference URI="OEBPS/text/one.xhtml"/></CipherData></EncryptedData></encryption>"#;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("adept.epub", book(true, &[("META-INF/rights.xml", b"<rights/>")]), "protected by DRM (Adobe ADEPT)"),
        (
            "encrypted.epub",
            book(true, &[("META-INF/encryption.xml", encryption)]),
            "protected by DRM (encrypted content)",
        ),
        ("not-a-zip.epub", b"PK\x03\x04 this is not really a zip".to_vec(), "not an EPUB book"),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let out = canonry(&["add-article".as_ref(), project.as_os_str(), path.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert_eq!(std::fs::read(&project).expect("read"), before, "{name} changed the project");
    }
    // Font obfuscation is not DRM.
    let fonts = br#"<encryption><EncryptedData><EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/></EncryptedData></encryption>"#;
    let path = dir.path().join("fonts.epub");
    std::fs::write(&path, book(true, &[("META-INF/encryption.xml", fonts)])).expect("write");
    add(&project, &path, &[]);
}

// Hostile input: bounded time and memory, a clear error, never a panic.

fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/sources").join(name))
        .expect("fixture")
}

fn import(kind: canonry::import::Kind, bytes: &[u8], name: &str) -> Result<Vec<canonry::import::Imported>, String> {
    canonry::import::import_named(kind, bytes, name, "", &canonry::import::ImportOptions::default())
        .map_err(|e| e.to_string())
}

/// Fails when `run` takes longer than `seconds` (debug build, shared machine: generous).
fn within<T>(seconds: u64, run: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let result = run();
    assert!(started.elapsed() < std::time::Duration::from_secs(seconds), "took {:?}", started.elapsed());
    result
}

#[test]
fn a_million_cues_are_refused_in_bounded_time() {
    use canonry::import::Kind;
    let cue = "0:0.0 --> 0:1.0\na\n\n";
    let vtt = cue.repeat(1_000_000);
    assert!(vtt.len() <= canonry::import::MAX_IMPORT_BYTES, "the file passes the size check and reaches the parser");
    let err = within(20, || import(Kind::Subtitles, vtt.as_bytes(), "huge.vtt")).expect_err("refused");
    assert!(err.contains("more than 100000 subtitle cues"), "{err}");
    // Just under the bound it imports, with a segment per cue.
    let under = cue.repeat(canonry::import::subtitles::MAX_CUES);
    let imported = within(60, || import(Kind::Subtitles, under.as_bytes(), "long.vtt")).expect("imports");
    assert_eq!(imported[0].segments.len(), canonry::import::subtitles::MAX_CUES);
}

#[test]
fn broken_cues_are_skipped_and_counted_and_entities_are_safe() {
    let imported =
        import(canonry::import::Kind::Subtitles, &hostile("broken-cues.srt"), "broken-cues.srt").expect("imports");
    let report = imported[0].report.join("\n");
    assert!(report.contains("Skipped 3 cues with a broken timing line (line 5, 9, 13)"), "{report}");
    // A 4-second pause is a new paragraph; invalid code points stay as written.
    assert_eq!(imported[0].text, "Fine.\n\nTwo arrows. &&#x110000;&#99999999;<");
}

/// A book whose chapter is a deflated entry of `inflated` zero bytes.
fn bomb(inflated: usize, entries: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(inflated > u32::MAX as usize);
    let container = br#"<container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>"#;
    let opf = br#"<package><metadata/><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>"#;
    for (name, bytes) in [("META-INF/container.xml", &container[..]), ("content.opf", &opf[..])] {
        zip.start_file(name, deflated).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.start_file("c.xhtml", deflated).expect("entry");
    let block = vec![0u8; 1 << 20];
    for _ in 0..inflated / block.len() {
        zip.write_all(&block).expect("write");
    }
    for i in 0..entries {
        zip.start_file(format!("filler/{i}"), deflated).expect("entry");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn epub_zip_bombs_are_refused_after_reading_at_most_the_limits() {
    use canonry::import::Kind;
    let inflating = bomb(1 << 30, 0);
    assert!(inflating.len() < 5 << 20, "a 1 GiB chapter packs into {} bytes", inflating.len());
    let err = within(20, || import(Kind::Epub, &inflating, "bomb.epub")).expect_err("refused");
    assert!(err.contains("c.xhtml unpacks to more than 16 MB") && err.contains("zip bomb"), "{err}");
    let crowded = bomb(0, 10_001);
    let err = within(20, || import(Kind::Epub, &crowded, "crowded.epub")).expect_err("refused");
    assert!(err.contains("holds 10004 files") && err.contains("zip bomb"), "{err}");
    // A total budget too: with a small one, the same books fail on the total.
    let limits = canonry::import::epub::Limits { total_bytes: 100, ..Default::default() };
    let err = canonry::import::epub::import(&book(true, &[]), limits).expect_err("refused").to_string();
    assert!(err.contains("its text unpacks to more than"), "{err}");
}

#[test]
fn ten_thousand_nested_templates_and_unclosed_markup_are_bounded() {
    use canonry::import::Kind;
    let err = within(5, || import(Kind::Wikitext, &hostile("nested-templates-10000.wiki"), "deep.wiki"))
        .expect_err("refused");
    assert!(err.contains("nested 10000 deep") && err.contains("Special:Export"), "{err}");
    // The same number of templates side by side is an ordinary (if long) page.
    let wide = "{{w|Page|word}} ".repeat(10_000);
    let imported = within(20, || import(Kind::Wikitext, wide.as_bytes(), "wide.wiki")).expect("imports");
    assert_eq!(imported[0].text.split_whitespace().count(), 10_000);
    let unclosed = import(Kind::Wikitext, &hostile("unclosed-markup.wiki"), "unclosed.wiki").expect("imports");
    assert!(unclosed[0].text.starts_with("Open"), "{}", unclosed[0].text);
    let refs = import(Kind::Wikitext, &hostile("self-referencing-refs.wiki"), "refs.wiki").expect("imports");
    assert!(!refs[0].text.contains('\u{E000}'), "a forged marker is not a marker");
    assert!(refs[0].text.starts_with("Loop. Again. Forged 0 marker."), "{}", refs[0].text);
}

#[test]
fn unclosed_markup_repeated_a_million_times_stays_linear() {
    use canonry::import::Kind;
    for unit in ["{{", "[[", "<ref>", "[http://x ", "(", "<nowiki>", "<b "] {
        let page = format!("Start. {}", unit.repeat(2_000_000 / unit.len()));
        let result = within(20, || import(Kind::Wikitext, page.as_bytes(), "hostile.wiki"));
        assert!(result.is_ok() || result.as_ref().is_err_and(|e| !e.is_empty()), "{unit}");
    }
    for unit in ["<", "&", "{\\", "[", "- "] {
        let cue = format!("00:00:01,000 --> 00:00:02,000\n{}\n", unit.repeat(2_000_000 / unit.len()));
        let result = within(20, || import(Kind::Subtitles, cue.as_bytes(), "hostile.srt"));
        assert!(result.is_ok() || result.as_ref().is_err_and(|e| !e.is_empty()), "{unit}");
    }
}

#[test]
fn updating_the_text_drops_segments_that_would_point_at_other_words() {
    let imported = canonry::import::subtitles::import(
        "00:00:01,000 --> 00:00:02,000\nThe relay is silent.\n",
        "Nebula.Patrol.S02E07.srt",
        &Default::default(),
    )
    .expect("imports");
    let mut editor = Editor::new(canonry::model::Project::new("Lore"));
    let id = editor.add_article(imported.into_article());
    let cited = editor.tag(&id, 4, 9, Tier::CANON).expect("tag");
    assert_eq!(editor.project().claim(&cited).expect("claim").citations[0].detail, "S2E7, 00:00:01");
    editor.update_article_text(&id, "A new transcript.");
    let later = editor.tag(&id, 2, 5, Tier::CANON).expect("tag");
    let citations = &editor.project().claim(&later).expect("claim").citations;
    assert_eq!(citations[0].detail, "S2E7", "the episode stays; the old cue times go");
}
