//! Sharing a project through real git: two clones, concurrent edits, `git merge` with the
//! driver `canonry git setup` registered, the claim-level `git log -p`, and `canonry git
//! resolve` after a merge done without the driver. Needs the `git` program (.ci/run installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use canonry::model::{Article, Project, Tier};
use canonry::storage::{self, CURRENT_VERSION, RealFs, parse_project};

/// A path with a space: git passes %P to the driver as it is.
const FILE: &str = "our lore.canonry";

/// Runs git in `dir` with a private, empty configuration (no user's or system's settings).
fn git(home: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_AUTHOR_NAME", "Fan")
        .env("GIT_AUTHOR_EMAIL", "fan@example.invalid")
        .env("GIT_COMMITTER_NAME", "Fan")
        .env("GIT_COMMITTER_EMAIL", "fan@example.invalid")
        .env("GIT_MERGE_AUTOEDIT", "no")
        .output()
        .expect("run git (install it: apt-get install git)")
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn canonry(home: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_canonry"))
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("CANONRY_DATA_DIR", home.join("data"))
        .output()
        .expect("run canonry")
}

fn load(dir: &Path) -> Project {
    let bytes = std::fs::read(dir.join(FILE)).expect("read project");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), "no conflict markers in the file");
    parse_project(&bytes).expect("the merged file is a valid project").project
}

fn save(dir: &Path, project: &Project) {
    storage::save_project(&RealFs, &dir.join(FILE), project, CURRENT_VERSION, None, None).expect("save");
}

fn commit(home: &Path, dir: &Path, message: &str) {
    ok(git(home, dir, &["add", "-A"]));
    ok(git(home, dir, &["commit", "-q", "-m", message]));
}

/// A project with four claims on one article, committed in a new repository with the drivers set up.
fn origin(home: &Path) -> (PathBuf, Vec<String>) {
    let dir = home.join("alice");
    std::fs::create_dir_all(&dir).expect("mkdir");
    ok(git(home, &dir, &["init", "-q", "-b", "main"]));
    let mut project = Project::new("Shared lore");
    let sentences =
        ["The synths attacked Mars.", "Picard resigned from Starfleet.", "Data had a daughter.", "Q may return."];
    project.articles.push(Article::new("Season one notes", &sentences.join(" ")));
    let article = project.articles[0].id.clone();
    let mut start = 0;
    let mut claims = Vec::new();
    for sentence in sentences {
        let end = start + sentence.chars().count();
        claims.push(project.add_claim(&article, start, end, Tier::CANON).expect("claim"));
        start = end + 1;
    }
    save(&dir, &project);
    let setup = canonry(home, &dir, &["git", "setup"]);
    assert!(setup.status.success(), "{}", String::from_utf8_lossy(&setup.stderr));
    commit(home, &dir, "start the lore");
    (dir, claims)
}

fn clone(home: &Path, from: &Path, name: &str, with_driver: bool) -> PathBuf {
    let dir = home.join(name);
    ok(git(home, home, &["clone", "-q", &from.to_string_lossy(), name]));
    if with_driver {
        assert!(canonry(home, &dir, &["git", "setup"]).status.success());
    }
    dir
}

fn edit(home: &Path, dir: &Path, message: &str, change: impl FnOnce(&mut Project)) {
    let mut project = load(dir);
    change(&mut project);
    save(dir, &project);
    commit(home, dir, message);
}

#[test]
fn two_clones_merge_through_the_driver() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (alice, claims) = origin(home);
    let bob = clone(home, &alice, "bob", true);

    // Setup is idempotent and the doctor is content.
    let again = canonry(home, &bob, &["git", "setup"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("already has"));
    assert_eq!(
        std::fs::read_to_string(bob.join(".gitattributes")).expect("attributes").matches("merge=canonry").count(),
        1
    );
    let doctor = canonry(home, &bob, &["git", "doctor"]);
    assert!(doctor.status.success(), "{}", String::from_utf8_lossy(&doctor.stdout));

    // Disjoint edits: a note here, a retag there, on neighbouring claims. Clean.
    edit(home, &alice, "note", |p| p.claim_mut(&claims[0]).expect("claim").note = "Seen in the finale.".into());
    edit(home, &bob, "retag", |p| assert!(p.retag_claim(&claims[1], Tier::SPECULATION, "only a rumour")));
    ok(git(home, &alice, &["pull", "-q", "--no-rebase", &bob.to_string_lossy(), "main"]));
    let merged = load(&alice);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.claim(&claims[0]).expect("claim").note, "Seen in the finale.");
    assert_eq!(merged.claim(&claims[1]).expect("claim").tier, Tier::SPECULATION);

    // The same field changed differently on both sides: git reports a conflict, the file
    // records it as data and stays a valid project.
    ok(git(home, &bob, &["pull", "-q", "--no-rebase", &alice.to_string_lossy(), "main"]));
    edit(home, &alice, "comic", |p| assert!(p.retag_claim(&claims[2], Tier::COMIC_CANON, "")));
    edit(home, &bob, "spec", |p| assert!(p.retag_claim(&claims[2], Tier::SPECULATION, "")));
    let pull = git(home, &alice, &["pull", "-q", "--no-rebase", &bob.to_string_lossy(), "main"]);
    assert!(!pull.status.success(), "git reports the conflict");
    let conflicted = load(&alice);
    assert_eq!(conflicted.conflicts.len(), 1);
    let conflict = &conflicted.conflicts[0];
    assert_eq!(
        (conflict.object.as_str(), conflict.object_id.as_str(), conflict.field.as_str()),
        ("claim", claims[2].as_str(), "tier")
    );
    assert_eq!(conflicted.claim(&claims[2]).expect("claim").tier, Tier::COMIC_CANON, "mine stays until resolved");
    let validate = canonry(home, &alice, &["validate", FILE]);
    assert!(!validate.status.success());
    assert!(String::from_utf8_lossy(&validate.stdout).contains("1 unresolved merge conflict"));

    // Settled from the command line (the app's resolver calls the same core functions).
    let listed = canonry(home, &alice, &["conflicts", FILE]);
    assert!(!listed.status.success());
    assert!(String::from_utf8_lossy(&listed.stdout).contains("1. claim \"Data had a daughter.\": tier"));
    let settled = canonry(home, &alice, &["conflicts", FILE, "--resolve", "theirs"]);
    assert!(settled.status.success(), "{}", String::from_utf8_lossy(&settled.stderr));
    let resolved = load(&alice);
    assert!(resolved.conflicts.is_empty());
    assert_eq!(resolved.claim(&claims[2]).expect("claim").tier, Tier::SPECULATION);
    assert!(canonry(home, &alice, &["validate", FILE]).status.success());
    commit(home, &alice, "settle the tier");

    // git log -p reads like lore, through the textconv driver.
    let log = ok(git(home, &alice, &["log", "-p", "-m", "--first-parent", "--", FILE]));
    assert!(log.contains("+[Canon] \"The synths attacked Mars.\" — Seen in the finale."), "{log}");
    assert!(log.contains("+[Comic-canon] \"Data had a daughter.\""), "{log}");
    assert!(log.contains("-[Comic-canon] \"Data had a daughter.\"\n+[Speculation] \"Data had a daughter.\""), "{log}");
}

#[test]
fn resolve_rebuilds_a_merge_done_without_the_driver() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (alice, claims) = origin(home);
    // Carol's clone has the committed .gitattributes but never ran setup: the silent trap.
    let carol = clone(home, &alice, "carol", false);
    let doctor = canonry(home, &carol, &["git", "doctor"]);
    assert!(!doctor.status.success());
    assert!(
        String::from_utf8_lossy(&doctor.stdout).contains("never registered"),
        "{}",
        String::from_utf8_lossy(&doctor.stdout)
    );

    // Neighbouring lines of one claim: git's text merge conflicts, the semantic one does not.
    edit(home, &alice, "retag", |p| assert!(p.retag_claim(&claims[3], Tier::SPECULATION, "")));
    edit(home, &carol, "note", |p| p.claim_mut(&claims[3]).expect("claim").note = "Q always returns.".into());
    let pull = git(home, &carol, &["pull", "-q", "--no-rebase", &alice.to_string_lossy(), "main"]);
    assert!(!pull.status.success(), "a text merge of the JSON conflicts");
    let resolved = canonry(home, &carol, &["git", "resolve", FILE]);
    assert!(
        resolved.status.success(),
        "{}{}",
        String::from_utf8_lossy(&resolved.stdout),
        String::from_utf8_lossy(&resolved.stderr)
    );
    let merged = load(&carol);
    let claim = merged.claim(&claims[3]).expect("claim");
    assert_eq!((claim.tier.as_str(), claim.note.as_str()), (Tier::SPECULATION, "Q always returns."));
    assert!(merged.conflicts.is_empty());
}
