//! Crash during save: the real binary saves a project in a loop and is killed with SIGKILL at
//! random moments. After every kill the file must parse and hold either the last completed save
//! or the one in progress, never a torn or empty file.
//!
//! `cargo test` runs 40 kills; `.ci/run` runs 1,000 (`CANONRY_CRASH_KILLS=1000`).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[cfg(unix)]
#[test]
fn sigkill_during_saves_never_leaves_a_broken_project() {
    let kills: usize = std::env::var("CANONRY_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let (dir, path) = common::temp_with_sample();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut saves_verified = 0;
    let mut failures = Vec::new();
    for kill in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Kill after a random number of completed saves: the next save is then under way.
        let wait_for = 1 + (seed % 12) as usize;
        let mut child = Command::new(env!("CARGO_BIN_EXE_canonry"))
            .args(["save-loop".as_ref(), path.as_os_str(), "--iterations".as_ref(), "100000".as_ref()])
            .env("CANONRY_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start canonry");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut last_done = 0u64;
        for _ in 0..wait_for {
            match lines.next() {
                Some(Ok(line)) => last_done = line.trim().parse().expect("a save number"),
                _ => break,
            }
        }
        if last_done == 0 {
            // The saver died or never saved: the harness would prove nothing.
            let status = child.wait().ok();
            failures.push(format!("kill {kill}: canonry save-loop completed no save (exit {status:?})"));
            continue;
        }
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        // Saves reported after our last read also completed.
        for line in lines.map_while(Result::ok) {
            if let Ok(n) = line.trim().parse() {
                last_done = n;
            }
        }
        let bytes = std::fs::read(&path).expect("the project file exists");
        match canonry::storage::parse_project(&bytes) {
            Ok(loaded) => {
                let title = loaded.project.title;
                let expected = [format!("save {last_done}"), format!("save {}", last_done + 1)];
                // The first round starts from the sample's own title.
                if !(expected.contains(&title) || (last_done == 0 && title == "Picard: the Romulan rescue")) {
                    failures.push(format!("kill {kill}: title {title:?} after {last_done} completed saves"));
                }
                saves_verified += last_done as usize;
            }
            Err(e) => failures.push(format!("kill {kill}: the file does not parse: {e}")),
        }
        // Each round continues from the state the last one left.
    }
    // A save killed mid-write leaves its uniquely named temp file; it never replaces the project,
    // and the next save removes temp files whose process is gone.
    let count_temp_files = || {
        std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count()
    };
    let leftovers = count_temp_files();
    let last = canonry::storage::parse_project(&std::fs::read(&path).expect("read")).expect("parses");
    canonry::storage::save_project(&canonry::storage::RealFs, &path, &last.project, last.version, None, None)
        .expect("a clean save after the kills");
    let after_clean_save = count_temp_files();
    println!(
        "crash during save: {kills} SIGKILLs, {saves_verified} completed saves, {} failures, \
         {leftovers} temp file(s) left by the last kill, {after_clean_save} after the next save",
        failures.len()
    );
    assert_eq!(after_clean_save, 0, "the next save cleans up after killed saves");
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(saves_verified >= kills, "every round completes at least one save");
}
