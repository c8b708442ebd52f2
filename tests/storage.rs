//! Project files: round trips, forward compatibility, versions, bad input, crash-safe saving.

mod common;

use std::cell::Cell;
use std::path::Path;

use canonry::model::{AnchorStatus, Project};
use canonry::storage::{
    CURRENT_VERSION, DiskStamp, FormatVersion, Fs, ParseError, RealFs, SaveError, atomic_write, load_file,
    parse_project, save_project, serialize_project,
};
use serde_json::{Value, json};

fn parse(bytes: &[u8]) -> Project {
    parse_project(bytes).expect("parses").project
}

fn resave(bytes: &[u8]) -> Vec<u8> {
    let loaded = parse_project(bytes).expect("parses");
    serialize_project(&loaded.project, loaded.version).expect("serialises")
}

fn sample_value() -> Value {
    serde_json::from_slice(common::sample_bytes()).expect("sample is JSON")
}

fn to_bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("serialise")
}

#[test]
fn sample_round_trips_byte_for_byte() {
    let sample = common::sample_bytes();
    let project = parse(sample);
    assert_eq!(project.claims.len(), 17);
    assert!(project.claims.iter().all(|c| c.anchor.status == AnchorStatus::Anchored));
    let again = resave(sample);
    assert_eq!(String::from_utf8_lossy(&again), String::from_utf8_lossy(sample), "save(load(f)) == f");
    assert_eq!(parse(&again), project);
}

#[test]
fn one_edit_changes_few_lines() {
    let mut project = parse(common::sample_bytes());
    project.claims[4].note.push_str(" Edited.");
    let edited = serialize_project(&project, CURRENT_VERSION).expect("serialise");
    let old = String::from_utf8_lossy(common::sample_bytes()).into_owned();
    let new = String::from_utf8_lossy(&edited).into_owned();
    let changed = old.lines().zip(new.lines()).filter(|(a, b)| a != b).count();
    assert_eq!(old.lines().count(), new.lines().count());
    assert_eq!(changed, 1);
}

#[test]
fn unknown_fields_survive_at_every_level() {
    let mut deep = json!("bottom");
    for level in 0..10 {
        deep = json!({ format!("level{level}"): deep, "n": level });
    }
    let mut value = sample_value();
    value["future_project_field"] = deep.clone();
    value["articles"][0]["future_article_field"] = json!([1, 2, {"x": null}]);
    value["claims"][2]["future_claim_field"] = json!({"confidence": 0.75});
    value["claims"][2]["anchor"]["future_anchor_field"] = json!("keep me");
    value["tiers"][1]["future_tier_field"] = json!(true);

    let saved = resave(&to_bytes(&value));
    let back: Value = serde_json::from_slice(&saved).expect("json");
    assert_eq!(back["future_project_field"], deep);
    assert_eq!(back["articles"][0]["future_article_field"], json!([1, 2, {"x": null}]));
    assert_eq!(back["claims"][2]["future_claim_field"], json!({"confidence": 0.75}));
    assert_eq!(back["claims"][2]["anchor"]["future_anchor_field"], json!("keep me"));
    assert_eq!(back["tiers"][1]["future_tier_field"], json!(true));
    // And a second round trip is byte-stable.
    assert_eq!(resave(&saved), saved);
}

#[test]
fn newer_minor_loads_and_keeps_its_version() {
    let mut value = sample_value();
    value["version"] = json!("1.7");
    value["added_in_1_7"] = json!({"x": 1});
    let loaded = parse_project(&to_bytes(&value)).expect("a newer minor loads");
    assert_eq!(loaded.version, FormatVersion { major: 1, minor: 7 });
    let saved: Value =
        serde_json::from_slice(&serialize_project(&loaded.project, loaded.version).expect("ser")).expect("json");
    assert_eq!(saved["version"], json!("1.7"));
    assert_eq!(saved["added_in_1_7"], json!({"x": 1}));
}

#[test]
fn newer_major_is_refused_and_file_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("future.canonry");
    let mut value = sample_value();
    value["version"] = json!("2.0");
    value["claims"] = json!({"a completely": "different shape"});
    let bytes = to_bytes(&value);
    std::fs::write(&path, &bytes).expect("write");
    let error = load_file(&path).expect_err("refused");
    let message = error.to_string();
    assert!(message.contains("2.0") && message.contains("newer"), "{message}");
    assert!(message.contains("future.canonry"), "{message}");
    assert_eq!(common::read(&path), bytes);
}

#[test]
fn migrates_the_stored_0_9_sample() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-0.9/prototype.canonry");
    let before = common::read(&path);
    let (loaded, _) = load_file(&path).expect("migrates");
    assert_eq!(common::read(&path), before, "loading never writes");
    assert_eq!(loaded.migrated_from, Some(FormatVersion { major: 0, minor: 9 }));
    assert_eq!(loaded.version, CURRENT_VERSION);
    let project = loaded.project;
    assert_eq!(project.title, "Old prototype project");
    assert_eq!(project.journal, "Journal from the prototype.");
    assert_eq!(project.articles.len(), 1);
    assert!(!project.articles[0].text.contains('\r'), "text normalised");
    assert_eq!(project.tiers.len(), 3);
    let quotes: Vec<_> = project.claims.iter().map(|c| (c.anchor.exact.as_str(), c.tier.as_str())).collect();
    assert_eq!(quotes, [("The Romulan star went supernova.", "canon"), ("The comics say more.", "comic-canon")]);
    for claim in &project.claims {
        let text: String = project.articles[0]
            .text
            .chars()
            .skip(claim.anchor.start)
            .take(claim.anchor.end - claim.anchor.start)
            .collect();
        assert_eq!(text, claim.anchor.exact);
    }
    assert_eq!(project.extra.get("prototype_flag"), Some(&json!(true)));
}

/// Each malformed input gives an error with a location, and the file is left as it was.
#[test]
fn malformed_inputs_are_located_and_files_untouched() {
    let sample = String::from_utf8_lossy(common::sample_bytes()).into_owned();
    let mut wrong_type = sample_value();
    wrong_type["claims"][3]["anchor"]["start"] = json!("twelve");
    let mut negative = sample_value();
    negative["claims"][1]["anchor"]["end"] = json!(-5);
    let mut not_utf8 = sample.as_bytes()[..400].to_vec();
    not_utf8.extend_from_slice(b"\xff\xfe\"");
    not_utf8.extend_from_slice(&sample.as_bytes()[400..]);

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", sample.as_bytes()[..sample.len() / 2].to_vec(), "line"),
        ("wrong type", to_bytes(&wrong_type), "claims[3].anchor.start"),
        ("negative offset", to_bytes(&negative), "claims[1].anchor.end"),
        ("deep nesting", format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(), "line 1"),
        (
            "deep nesting in a field",
            format!("{{\"title\": {}1{}}}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
            "line 1",
        ),
        ("not utf-8", not_utf8, "line"),
        ("empty", Vec::new(), "line"),
        ("not an object", b"[1, 2, 3]".to_vec(), "line"),
    ];
    let dir = tempfile::tempdir().expect("tmp");
    for (name, bytes, expected_location) in cases {
        let path = dir.path().join(format!("{}.canonry", name.replace(' ', "-")));
        std::fs::write(&path, &bytes).expect("write");
        let error = load_file(&path).expect_err(name).to_string();
        assert!(error.contains(expected_location), "{name}: {error}");
        assert!(error.contains(&path.display().to_string()), "{name}: {error}");
        assert_eq!(common::read(&path), bytes, "{name}: file modified");
    }
}

#[test]
fn a_json_file_that_is_not_a_project_says_so() {
    let error = parse_project(br#"{"title": "x", "hello": 1}"#).expect_err("not a project");
    assert_eq!(error, ParseError::NotAProject);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(common::sample_bytes());
    assert_eq!(parse(&bytes).claims.len(), 17);
}

#[test]
fn offsets_past_the_end_orphan_or_relocate_never_panic() {
    let mut value = sample_value();
    value["claims"][0]["anchor"]["start"] = json!(1_000_000);
    value["claims"][0]["anchor"]["end"] = json!(1_000_010);
    value["claims"][1]["anchor"]["start"] = json!(u64::MAX);
    value["claims"][1]["anchor"]["end"] = json!(u64::MAX);
    value["claims"][1]["anchor"]["exact"] = json!("words that are nowhere in the article");
    value["claims"][2]["anchor"]["start"] = json!(50);
    value["claims"][2]["anchor"]["end"] = json!(10);
    let loaded = parse_project(&to_bytes(&value)).expect("loads");
    let claims = &loaded.project.claims;
    assert_eq!(claims[0].anchor.status, AnchorStatus::Anchored, "found again by its quote");
    assert_eq!(claims[1].anchor.status, AnchorStatus::Orphaned);
    assert_eq!(claims[2].anchor.status, AnchorStatus::Anchored);
    assert_eq!(loaded.warnings.len(), 3, "{:?}", loaded.warnings);
    assert!(loaded.warnings.iter().any(|w| w.contains("claims[1]") && w.contains("orphan")));
}

#[test]
fn inconsistent_ids_are_errors_with_paths() {
    let mut duplicate = sample_value();
    duplicate["claims"][5]["id"] = duplicate["claims"][4]["id"].clone();
    let error = parse_project(&to_bytes(&duplicate)).expect_err("duplicate");
    assert!(error.to_string().contains("claims[5].id"), "{error}");
    let mut missing = sample_value();
    missing["claims"][2]["article"] = json!("no-such-article");
    let error = parse_project(&to_bytes(&missing)).expect_err("missing article");
    assert!(error.to_string().contains("claims[2].article"), "{error}");
}

#[test]
fn arbitrary_bytes_never_panic() {
    let sample = common::sample_bytes();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..300 {
        let mut bytes = sample.to_vec();
        for _ in 0..4 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed as usize) % bytes.len();
            bytes[at] = (seed >> 32) as u8;
        }
        let _ = parse_project(&bytes);
    }
}

// ---- Saving --------------------------------------------------------------------------------

/// A file system that fails at the `fail_at`-th operation; a failed write leaves half a file.
struct FailingFs {
    fail_at: usize,
    calls: Cell<usize>,
}

impl FailingFs {
    fn step(&self) -> std::io::Result<()> {
        let n = self.calls.get();
        self.calls.set(n + 1);
        if n == self.fail_at { Err(std::io::Error::other(format!("injected failure at step {n}"))) } else { Ok(()) }
    }
}

impl Fs for FailingFs {
    fn create_and_write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if let Err(e) = self.step() {
            std::fs::write(path, &bytes[..bytes.len() / 2])?;
            return Err(e);
        }
        RealFs.create_and_write(path, bytes)
    }
    fn sync_file(&self, path: &Path) -> std::io::Result<()> {
        self.step()?;
        RealFs.sync_file(path)
    }
    fn copy_permissions(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        self.step()?;
        RealFs.copy_permissions(from, to)
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        self.step()?;
        RealFs.rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()> {
        self.step()?;
        RealFs.sync_dir(dir)
    }
    fn remove_file(&self, path: &Path) -> std::io::Result<()> {
        RealFs.remove_file(path)
    }
}

#[test]
fn a_save_failing_at_any_step_leaves_old_or_new_file() {
    let old = common::sample_bytes().to_vec();
    let mut project = parse(&old);
    project.claims[0].note = "A new note that must either be saved whole or not at all.".into();
    let new = serialize_project(&project, CURRENT_VERSION).expect("ser");
    for fail_at in 0..6 {
        let (dir, path) = common::temp_with_sample();
        let fs = FailingFs { fail_at, calls: Cell::new(0) };
        let result = atomic_write(&fs, &path, &new);
        let on_disk = common::read(&path);
        assert!(on_disk == old || on_disk == new, "step {fail_at}: partial file");
        if result.is_err() && fail_at < 4 {
            assert_eq!(on_disk, old, "step {fail_at}: failed before the rename");
        }
        if result.is_ok() || fail_at >= 4 {
            assert_eq!(on_disk, new, "step {fail_at}: renamed");
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").filter_map(Result::ok).collect();
        assert_eq!(leftovers.len(), 1, "step {fail_at}: temp file left behind: {leftovers:?}");
    }
}

#[cfg(unix)]
#[test]
fn saving_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_dir, path) = common::temp_with_sample();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    atomic_write(&RealFs, &path, b"{}\n").expect("save");
    assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o640);
}

#[test]
fn an_external_change_is_detected_before_saving() {
    let (_dir, path) = common::temp_with_sample();
    let (loaded, stamp) = load_file(&path).expect("load");
    let mut project = loaded.project;
    project.title = "Mine".into();
    // Another program rewrites the file (same length, so only the content hash can tell).
    let mut theirs = common::read(&path);
    let at = theirs.iter().position(|&b| b == b'P').expect("a P");
    theirs[at] = b'Q';
    std::fs::write(&path, &theirs).expect("write");
    let error = save_project(&RealFs, &path, &project, loaded.version, Some(&stamp), None).expect_err("refused");
    assert!(matches!(error, SaveError::ChangedOnDisk { .. }), "{error}");
    assert_eq!(common::read(&path), theirs, "their file is intact");

    // Unchanged since loading: the save goes through and gives a new stamp.
    let (loaded, stamp) = load_file(&path).expect("load");
    let new_stamp = save_project(&RealFs, &path, &project, loaded.version, Some(&stamp), None).expect("saves");
    assert_ne!(new_stamp, stamp);
    assert!(new_stamp.still_matches(&path).expect("stat"));
    assert_eq!(parse(&common::read(&path)).title, "Mine");
}

#[test]
fn saving_keeps_rotating_backups() {
    let (dir, path) = common::temp_with_sample();
    let backups = canonry::storage::backup::BackupDir::new(dir.path().join("backups"));
    let mut project = parse(common::sample_bytes());
    let mut stamp: Option<DiskStamp> = None;
    for i in 0..13 {
        project.title = format!("Version {i}");
        stamp = Some(
            save_project(&RealFs, &path, &project, CURRENT_VERSION, stamp.as_ref(), Some(&backups)).expect("save"),
        );
    }
    let copies = backups.list(&path);
    assert_eq!(copies.len(), canonry::storage::backup::BackupDir::KEEP);
    let newest = parse(&common::read(&copies[0]));
    assert_eq!(newest.title, "Version 11", "the newest backup is the file the last save replaced");
}

#[test]
fn committed_schema_matches_the_code() {
    let committed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/canonry.schema.json"))
        .expect("schema file");
    assert!(
        committed == canonry::storage::format::json_schema(),
        "assets/canonry.schema.json is out of date: run `cargo run -- schema > assets/canonry.schema.json`"
    );
}

#[test]
fn a_huge_file_is_refused_before_reading_and_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("huge.canonry");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(300 * 1024 * 1024).expect("sparse file");
    drop(file);
    let error = load_file(&path).expect_err("too large").to_string();
    assert!(error.contains("huge.canonry") && error.contains("over the 268 MB limit"), "{error}");
    assert_eq!(std::fs::metadata(&path).expect("meta").len(), 300 * 1024 * 1024, "the file is untouched");
}

#[test]
fn a_save_removes_temp_files_left_by_killed_saves_but_not_live_ones() {
    let (dir, path) = common::temp_with_sample();
    // pid 4194304 is above Linux's pid_max, so no process has it.
    let dead = dir.path().join(".sample.canonry.4194304.7.tmp");
    let live = dir.path().join(format!(".sample.canonry.{}.99.tmp", std::process::id()));
    let other = dir.path().join(".other.canonry.4194304.1.tmp");
    for file in [&dead, &live, &other] {
        std::fs::write(file, b"partial").expect("write temp");
    }
    let loaded = canonry::storage::parse_project(common::sample_bytes()).expect("sample");
    canonry::storage::save_project(&canonry::storage::RealFs, &path, &loaded.project, loaded.version, None, None)
        .expect("save");
    if cfg!(target_os = "linux") {
        assert!(!dead.exists(), "a temp file whose process is gone is removed");
    }
    assert!(live.exists(), "a temp file of a live process (maybe saving right now) is kept");
    assert!(other.exists(), "other projects' temp files are not ours to remove");
}

#[test]
fn save_errors_say_what_to_do_for_each_cause() {
    use std::io::{Error, ErrorKind};
    let message = |kind: ErrorKind| {
        canonry::storage::SaveError::Io {
            path: "/lore/journal.canonry".into(),
            step: "writing the temporary file",
            error: Error::from(kind),
        }
        .to_string()
    };
    assert!(message(ErrorKind::StorageFull).contains("The disk is full"));
    assert!(message(ErrorKind::ReadOnlyFilesystem).contains("read-only"));
    assert!(message(ErrorKind::PermissionDenied).contains("You may not write there"));
    assert!(message(ErrorKind::NotFound).contains("no longer exists"));
    for kind in [ErrorKind::StorageFull, ErrorKind::Other] {
        let text = message(kind);
        assert!(text.contains("/lore/journal.canonry") && text.contains("unchanged"), "{text}");
    }
}

#[test]
fn numbers_in_unknown_fields_survive_save_and_load_exactly() {
    // Found by fuzzing: a huge integer in an unknown field became a float whose text changed on
    // every save (serde_json's fast float parsing is not exact without `float_roundtrip`).
    let text = String::from_utf8_lossy(common::sample_bytes()).replacen(
        "{",
        "{\"x_plugin\": {\"big\": 22222222222222222222222222222222222222222222258, \"tiny\": 1e-300},",
        1,
    );
    let bytes = text.into_bytes();
    let loaded = parse_project(&bytes).expect("loads");
    let once = serialize_project(&loaded.project, loaded.version).expect("save");
    let again = parse_project(&once).expect("reloads");
    let twice = serialize_project(&again.project, again.version).expect("save again");
    assert_eq!(String::from_utf8_lossy(&once), String::from_utf8_lossy(&twice));
    let big = &again.project.extra["x_plugin"]["big"];
    assert!(big.as_f64().is_some_and(|b| (b / 2.222_222_222_222_222e46 - 1.0).abs() < 1e-15), "{big}");
}

/// The real file system, except that flushing a folder always fails (as on some network and
/// FUSE mounts).
struct NoFolderSyncFs;

impl Fs for NoFolderSyncFs {
    fn create_and_write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        RealFs.create_and_write(path, bytes)
    }
    fn sync_file(&self, path: &Path) -> std::io::Result<()> {
        RealFs.sync_file(path)
    }
    fn copy_permissions(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        RealFs.copy_permissions(from, to)
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        RealFs.rename(from, to)
    }
    fn sync_dir(&self, _dir: &Path) -> std::io::Result<()> {
        Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "this file system cannot flush folders"))
    }
    fn remove_file(&self, path: &Path) -> std::io::Result<()> {
        RealFs.remove_file(path)
    }
}

#[test]
fn a_failed_folder_flush_after_the_rename_is_a_saved_file_with_a_warning() {
    let (_dir, path) = common::temp_with_sample();
    let (loaded, stamp) = load_file(&path).expect("load");
    let mut project = loaded.project;
    project.title = "First".into();
    let saved =
        canonry::storage::save_project_reporting(&NoFolderSyncFs, &path, &project, loaded.version, Some(&stamp), None)
            .expect("the file was replaced, so the save succeeded");
    let warning = saved.warning.as_ref().expect("the failed folder flush is reported");
    assert!(warning.to_string().contains("cannot flush folders"), "{warning}");
    assert_eq!(parse(&common::read(&path)).title, "First");
    assert!(saved.stamp.still_matches(&path).expect("stat"), "the stamp is the new file's");

    // The next saves are not refused as if another program had written the file, through the
    // old API too (which logs the warning).
    project.title = "Second".into();
    let stamp = save_project(&NoFolderSyncFs, &path, &project, loaded.version, Some(&saved.stamp), None)
        .expect("the next save goes through");
    project.title = "Third".into();
    save_project(&NoFolderSyncFs, &path, &project, loaded.version, Some(&stamp), None).expect("and the one after");
    assert_eq!(parse(&common::read(&path)).title, "Third");
    atomic_write(&NoFolderSyncFs, &path, b"{}\n").expect("atomic_write succeeds once the file is in place");
}

#[test]
fn a_same_length_rewrite_with_the_same_modification_time_is_detected() {
    let (_dir, path) = common::temp_with_sample();
    let (loaded, stamp) = load_file(&path).expect("load");
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).expect("mtime");
    // Another program writes as many bytes within the clock's granularity (here: puts the
    // modification time back, which is what a coarse clock amounts to).
    let mut theirs = common::read(&path);
    let at = theirs.iter().position(|&b| b == b'P').expect("a P");
    theirs[at] = b'Q';
    std::fs::write(&path, &theirs).expect("write");
    std::fs::File::options().write(true).open(&path).and_then(|f| f.set_modified(modified)).expect("set mtime");
    assert_eq!(std::fs::metadata(&path).expect("meta").len(), stamp.len);
    assert_eq!(std::fs::metadata(&path).and_then(|m| m.modified()).ok(), stamp.modified);

    assert!(!stamp.still_matches(&path).expect("read"), "same length and time, other contents");
    let error = save_project(&RealFs, &path, &loaded.project, loaded.version, Some(&stamp), None).expect_err("refused");
    assert!(matches!(error, SaveError::ChangedOnDisk { .. }), "{error}");
    assert_eq!(common::read(&path), theirs, "their file is intact");
}

/// The disk check reads and hashes the file every time its length matches; on a 10 MB project
/// that must stay cheap enough for the app's periodic check.
#[test]
fn checking_a_10_mb_file_for_changes_is_cheap() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("big.canonry");
    let bytes: Vec<u8> = (0..10 * 1024 * 1024).map(|i: u32| b'a' + (i % 26) as u8).collect();
    std::fs::write(&path, &bytes).expect("write");
    let stamp = DiskStamp::of_bytes(&path, &bytes);
    let runs = 10;
    let started = std::time::Instant::now();
    for _ in 0..runs {
        assert!(stamp.still_matches(&path).expect("read"));
    }
    let each = started.elapsed() / runs;
    println!("still_matches on 10 MB: {:.1} ms per check (mean of {runs})", each.as_secs_f64() * 1000.0);
    assert!(each < std::time::Duration::from_secs(1), "{each:?} per check");
}

#[test]
fn an_unreadable_spoiler_end_date_loads_with_a_warning_and_the_mark_stays_on() {
    let mut value: serde_json::Value = serde_json::from_slice(common::sample_bytes()).expect("sample json");
    let claims = value["claims"].as_array_mut().expect("claims");
    let spoiler = claims.iter_mut().find(|c| c.get("spoiler").is_some()).expect("the sample has a spoiler");
    spoiler["spoiler"]["until"] = serde_json::json!("31/12/2026");
    let bytes = serde_json::to_vec(&value).expect("json");
    let loaded = canonry::storage::parse_project(&bytes).expect("still loads");
    assert!(loaded.warnings.iter().any(|w| w.contains("31/12/2026")), "{:?}", loaded.warnings);
    let claim = loaded.project.claims.iter().find(|c| c.spoiler.is_some()).expect("spoiler kept");
    let rule = canonry::lore::spoilers::SpoilerRule::new("2030-01-01");
    assert!(rule.claim_hidden(&loaded.project, claim), "an unreadable date never ends the mark");
}
