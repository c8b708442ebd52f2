//! Crash during save: the real binary saves a project in a loop and is killed with SIGKILL. Each
//! kill is aimed at one window: between two saves (while serialising), or inside a step of the
//! atomic write, where a test-only pause point (debug builds, `CANONRY_SAVE_PAUSE`) holds the
//! saver: halfway through writing the temp file, before its fsync, before the rename, and after
//! the rename before the folder fsync. After every kill the project file must hold exactly the
//! state that window implies (the last completed save before the rename, the one in progress
//! after it), and a temp file must be left exactly when the kill came before the rename.
//!
//! `cargo test` runs 40 kills; `.ci/run` runs 1,000 (`CANONRY_CRASH_KILLS=1000`).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Where a kill is aimed; `None` is between saves.
const WINDOWS: [Option<&str>; 5] = [None, Some("temp-write"), Some("fsync"), Some("rename"), Some("folder-fsync")];

fn temp_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
// One loop over the kill windows; each window's check is a few lines.
#[expect(clippy::too_many_lines)]
fn sigkill_inside_each_step_of_a_save_never_leaves_a_broken_project() {
    let kills: usize = std::env::var("CANONRY_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let (dir, path) = common::temp_with_sample();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut landed = [0usize; WINDOWS.len()];
    let mut states_checked = 0;
    let mut failures = Vec::new();
    for kill in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let window_index = kill % WINDOWS.len();
        let window = WINDOWS[window_index];
        // Kill after a random number of completed saves: the next save is then under way.
        let wait_for = 1 + (seed % 6) as usize;
        let mut command = Command::new(env!("CARGO_BIN_EXE_canonry"));
        command
            .args(["save-loop".as_ref(), path.as_os_str(), "--iterations".as_ref(), "100000".as_ref()])
            .env("CANONRY_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(step) = window {
            // The save after `wait_for` completed ones stops at `step` long enough to be killed there.
            command.env("CANONRY_SAVE_PAUSE", format!("{step}:5000:{wait_for}"));
        }
        for stale in temp_files(dir.path()) {
            let _ = std::fs::remove_file(stale);
        }
        let mut child = command.spawn().expect("start canonry");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut last_done = 0u64;
        let mut completed = 0;
        let mut paused = false;
        while let Some(Ok(line)) = lines.next() {
            if let Some(step) = line.strip_prefix("pause ") {
                paused = Some(step) == window;
                break;
            }
            last_done = line.trim().parse().expect("a save number");
            completed += 1;
            if window.is_none() && completed == wait_for {
                break;
            }
        }
        if last_done == 0 || (window.is_some() && !paused) {
            let status = child.wait().ok();
            failures.push(format!("kill {kill}: the saver never reached {window:?} (exit {status:?})"));
            continue;
        }
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        // Saves reported after our last read also completed (only possible between saves).
        for line in lines.map_while(Result::ok) {
            if let Ok(n) = line.trim().parse() {
                last_done = n;
            }
        }
        let (done, in_progress) = (format!("save {last_done}"), format!("save {}", last_done + 1));
        let expected: Vec<&str> = match window {
            None => vec![&done, &in_progress],
            Some("folder-fsync") => vec![&in_progress],
            Some(_) => vec![&done],
        };
        let bytes = std::fs::read(&path).expect("the project file exists");
        match canonry::storage::parse_project(&bytes) {
            Ok(loaded) if expected.contains(&loaded.project.title.as_str()) => {}
            Ok(loaded) => failures.push(format!(
                "kill {kill} in {window:?}: title {:?}, expected one of {expected:?}",
                loaded.project.title
            )),
            Err(e) => failures.push(format!("kill {kill} in {window:?}: the file does not parse: {e}")),
        }
        states_checked += 1;
        // Before the rename the killed save's temp file is left (and the project untouched);
        // from the rename on, no temp file is.
        if let Some(step) = window {
            let temps = temp_files(dir.path());
            let should_have_temp = step != "folder-fsync";
            if temps.is_empty() == should_have_temp {
                failures.push(format!("kill {kill} in {step}: temp files {temps:?}"));
            }
            if step == "temp-write"
                && let Some(temp) = temps.first()
            {
                let len = std::fs::metadata(temp).map(|m| m.len()).unwrap_or(0);
                if len as usize * 2 > bytes.len() + 8000 || len == 0 {
                    failures.push(format!("kill {kill}: the temp file holds {len} bytes, not half a save"));
                }
            }
            states_checked += 1;
        }
        landed[window_index] += 1;
        // Each round continues from the state the last one left.
    }
    // A killed save's uniquely named temp file never replaces the project, and the next save
    // removes temp files whose process is gone.
    let leftovers = temp_files(dir.path()).len();
    let last = canonry::storage::parse_project(&std::fs::read(&path).expect("read")).expect("parses");
    canonry::storage::save_project(&canonry::storage::RealFs, &path, &last.project, last.version, None, None)
        .expect("a clean save after the kills");
    let after_clean_save = temp_files(dir.path()).len();
    let per_window: Vec<String> =
        WINDOWS.iter().zip(landed).map(|(w, n)| format!("{n} {}", w.unwrap_or("between saves"))).collect();
    println!(
        "crash during save: {kills} SIGKILLs ({}), {states_checked} file states checked, {} failures, \
         {leftovers} temp file(s) left by the last kill, {after_clean_save} after the next save",
        per_window.join(", "),
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(after_clean_save, 0, "the next save cleans up after killed saves");
    if kills >= WINDOWS.len() {
        for (window, n) in WINDOWS.iter().zip(landed) {
            assert!(n > 0, "no kill landed in {}", window.unwrap_or("between saves"));
        }
    }
}
