//! The `canonry` command line, run as a real process.

mod common;

use std::process::{Command, Output};

fn canonry(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_canonry"))
        .args(args)
        .env("CANONRY_DATA_DIR", std::env::temp_dir().join("canonry-cli-test-data"))
        .output()
        .expect("run canonry")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn validate_accepts_the_sample_and_rejects_bad_files() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/picard-rescue-mission.canonry");
    let ok = canonry(&["validate".as_ref(), sample.as_os_str()]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stdout(&ok).contains("ok (format 1.2, 2 articles, 17 claims, 0 orphaned)"), "{}", stdout(&ok));

    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.canonry");
    std::fs::write(&bad, "{\"format\": \"canonry-project\", \"version\": \"1.0\", \"title\": 5}").expect("write");
    let out = canonry(&["validate".as_ref(), sample.as_os_str(), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("INVALID") && stdout(&out).contains("at title"), "{}", stdout(&out));
}

#[test]
fn stats_prints_every_tier() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/picard-rescue-mission.canonry");
    let out = canonry(&["stats".as_ref(), sample.as_os_str()]);
    assert!(out.status.success());
    let text = stdout(&out);
    for line in
        ["Canon                 9", "Comic-canon           4", "Speculation           4", "claims               17"]
    {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn new_and_add_article_build_a_project_from_the_shell() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = dir.path().join("my lore «journal».canonry");
    let out = canonry(&["new".as_ref(), project.as_os_str(), "--title".as_ref(), "My lore".as_ref()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = canonry(&["new".as_ref(), project.as_os_str(), "--title".as_ref(), "Again".as_ref()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));

    let article = dir.path().join("article.txt");
    std::fs::write(&article, "Deep Space Nine news\r\n\r\nSisko returns, maybe.\r\n").expect("write");
    let out = canonry(&["add-article".as_ref(), project.as_os_str(), article.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (loaded, _) = canonry::storage::load_file(&project).expect("loads");
    assert_eq!(loaded.project.title, "My lore");
    assert_eq!(loaded.project.articles.len(), 1);
    assert_eq!(loaded.project.articles[0].title, "Deep Space Nine news");
    assert_eq!(loaded.project.articles[0].text, "Deep Space Nine news\n\nSisko returns, maybe.\n");

    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\xff\xfe\x00").expect("write");
    let before = std::fs::read(&project).expect("read");
    let out = canonry(&["add-article".as_ref(), project.as_os_str(), binary.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not text"), "{}", stderr(&out));
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 Quark is open.").expect("write");
    let out = canonry(&["add-article".as_ref(), project.as_os_str(), latin1.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not UTF-8") && stderr(&out).contains("Save it as UTF-8"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&project).expect("read"), before, "a failed command changes nothing");
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = canonry(&["stats".as_ref(), "/no/such/project.canonry".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Cannot read /no/such/project.canonry"), "{}", stderr(&out));
}

#[test]
fn export_vault_writes_a_folder_and_a_second_run_changes_nothing() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/picard-rescue-mission.canonry");
    let dir = tempfile::tempdir().expect("tmp");
    let vault = dir.path().join("My vault");
    let args = |extra: &[&str]| {
        let mut args: Vec<std::ffi::OsString> =
            vec!["export".into(), sample.clone().into(), "--format".into(), "vault".into()];
        args.extend(extra.iter().map(|a| a.into()));
        args
    };
    let run = |extra: &[&str]| {
        let args = args(extra);
        canonry(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>())
    };
    let without_folder = run(&[]);
    assert_eq!(without_folder.status.code(), Some(1));
    assert!(stderr(&without_folder).contains("-o FOLDER"), "{}", stderr(&without_folder));

    let vault_arg = vault.to_string_lossy().into_owned();
    let first = run(&["-o", &vault_arg, "--hide-spoilers"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let project = canonry::storage::load_file(&sample).expect("sample").0.project;
    let spoilers = project.claims.iter().filter(|c| c.spoiler.is_some()).count();
    let notes =
        1 + project.tiers.len() + project.articles.len() + project.glossary.len() + project.claims.len() - spoilers;
    assert!(stdout(&first).contains(&format!(": {notes} created, 0 updated")), "{}", stdout(&first));
    let second = run(&["-o", &vault_arg, "--hide-spoilers"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stdout(&second).contains(&format!("0 created, 0 updated, {notes} unchanged")), "{}", stdout(&second));
}

#[test]
fn diff_prints_claims_removed_and_added() {
    let (dir, path) = common::temp_with_sample();
    let mut project = canonry::storage::parse_project(common::sample_bytes()).expect("sample").project;
    let removed = project.claims.remove(0);
    project.claims[0].note = "A new reading.".into();
    let newer = dir.path().join("newer.canonry");
    canonry::storage::save_project(
        &canonry::storage::RealFs,
        &newer,
        &project,
        canonry::storage::CURRENT_VERSION,
        None,
        None,
    )
    .expect("save");
    let out = canonry(&[std::ffi::OsStr::new("diff"), path.as_os_str(), newer.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // The removed claim and the old version of the edited one go; the edited one comes.
    assert_eq!(text.lines().filter(|l| l.starts_with("- [")).count(), 2, "{text}");
    let quote: String = removed.anchor.exact.chars().take(20).collect();
    assert!(text.lines().any(|l| l.starts_with("- [") && l.contains(&quote)), "{text}");
    assert!(text.lines().any(|l| l.starts_with("+ [") && l.contains("— A new reading.")), "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("+ ")).count(), 1, "only the edited claim is new: {text}");
}

/// `update-article` moves claims to a newer text through the app's own code path: unchanged
/// quotes move exactly, an edited quote moves to its changed words, a deleted one is orphaned,
/// and every placed claim sits on exactly its quoted words. `--dry-run` writes nothing.
#[test]
fn update_article_moves_claims_and_reports_each_one() {
    use canonry::text::CharIndex;
    let (dir, project) = common::temp_with_sample();
    let (loaded, _) = canonry::storage::load_file(&project).expect("loads");
    let article = &loaded.project.articles[0];
    let claims: Vec<_> = loaded.project.claims_of(&article.id).cloned().collect();
    let unique = |quote: &str| article.text.matches(quote).count() == 1 && quote.split(' ').count() >= 4;
    let edited = claims.iter().find(|c| unique(&c.anchor.exact)).expect("a claim with a unique, long quote");
    let deleted = claims.iter().find(|c| c.id != edited.id && unique(&c.anchor.exact)).expect("another one");
    // A new prologue shifts every claim; one quote loses a word; one is cut.
    let edited_words: Vec<&str> = edited.anchor.exact.split(' ').collect();
    let changed_quote = [&edited_words[..1], &["indeed"], &edited_words[1..]].concat().join(" ");
    let new_text = format!(
        "A new prologue, added by the wiki's editors.\n\n{}",
        article.text.replace(&edited.anchor.exact, &changed_quote).replace(&deleted.anchor.exact, "")
    );
    let source = dir.path().join("newer.txt");
    std::fs::write(&source, &new_text).expect("write");
    let before = std::fs::read(&project).expect("read");

    let dry = canonry(&[
        "update-article".as_ref(),
        project.as_os_str(),
        article.title.as_ref(),
        source.as_os_str(),
        "--dry-run".as_ref(),
    ]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let report = stdout(&dry);
    let was = format!("{}\n    was: \"{}\"\n    now: \"", edited.id, edited.anchor.exact);
    assert!(report.contains(&format!("Moved to changed words (1):\n  {was}")), "{report}");
    assert!(report.contains(&format!("Orphaned (1):\n  {}  \"{}\"", deleted.id, deleted.anchor.exact)), "{report}");
    assert!(report.contains(&format!("Moved exactly ({}):", claims.len() - 2)), "{report}");
    assert!(report.contains("Dry run"), "{report}");
    assert_eq!(std::fs::read(&project).expect("read"), before, "--dry-run writes nothing");

    let real = canonry(&["update-article".as_ref(), project.as_os_str(), article.id.as_ref(), source.as_os_str()]);
    assert!(real.status.success(), "{}", stderr(&real));
    assert_eq!(stdout(&real).replace("Saved", "Dry run").lines().next(), report.lines().next());
    let (updated, _) = canonry::storage::load_file(&project).expect("loads");
    let text = &updated.project.article(&article.id).expect("article").text;
    assert!(text.starts_with("A new prologue"), "{text}");
    let index = CharIndex::new(text);
    for claim in updated.project.claims_of(&article.id) {
        if claim.id == deleted.id {
            assert!(claim.anchor.is_orphaned(), "the cut quote is orphaned");
        } else {
            assert!(claim.anchor.offsets_match(text, &index), "{} is on other words: {:?}", claim.id, claim.anchor);
        }
    }
    // The moved claim is reported with the words it now sits on, and they are the changed ones.
    let moved = &updated.project.claim(&edited.id).expect("claim").anchor.exact;
    assert!(report.contains(&format!("{was}{moved}\"")), "{report}");
    assert_ne!(moved, &edited.anchor.exact, "the claim moved to the changed words");

    let unknown =
        canonry(&["update-article".as_ref(), project.as_os_str(), "No such article".as_ref(), source.as_os_str()]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no article has the id or title \"No such article\""), "{}", stderr(&unknown));
}
