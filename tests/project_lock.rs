//! The project lock across real processes: a window that reopens its own project, or restores
//! unsaved work for it, keeps the lock, so a second Canonry process is still warned; a process
//! killed while holding the lock frees it.
//!
//! The "second process" is this test binary run again with `CANONRY_LOCK_PROBE` set: it tries to
//! take the lock and exits 3 when another process holds it, 0 when it got it.

use std::path::Path;
use std::process::{Command, Stdio};

use canonry::app::{AppState, Command as AppCommand, Settings};
use canonry::storage::lock::{LockError, ProjectLock};

const PROBE: &str = "CANONRY_LOCK_PROBE";
const HOLD: &str = "CANONRY_LOCK_HOLD";

/// Entry point of the probe and holder processes; an ordinary run returns at once.
#[test]
fn probe_process_entry_point() {
    if let Some(path) = std::env::var_os(PROBE) {
        let code = match ProjectLock::acquire(Path::new(&path)) {
            Err(LockError::HeldElsewhere) => 3,
            Ok(_) => 0,
            Err(LockError::Io(_)) => 4,
        };
        std::process::exit(code);
    }
    if let Some(path) = std::env::var_os(HOLD) {
        let _lock = ProjectLock::acquire(Path::new(&path)).expect("the holder takes the lock");
        println!("held");
        std::thread::sleep(std::time::Duration::from_secs(60));
        std::process::exit(0);
    }
}

/// Whether another process is told the project is open elsewhere.
fn second_process_is_warned(project: &Path) -> bool {
    let status = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "probe_process_entry_point", "--nocapture"])
        .env(PROBE, project)
        .status()
        .expect("run the probe process");
    match status.code() {
        Some(3) => true,
        Some(0) => false,
        other => panic!("probe failed: {other:?}"),
    }
}

fn project_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("Lore notes.canonry");
    std::fs::write(&path, canonry::SAMPLE_PROJECT).expect("write project");
    path
}

fn error_notices(state: &AppState) -> Vec<String> {
    state.notices.iter().filter(|n| n.kind == canonry::app::NoticeKind::Error).map(|n| n.text.clone()).collect()
}

#[test]
fn reopening_its_own_project_keeps_the_lock() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = project_file(dir.path());
    let mut state = AppState::new(Settings::default(), Some(project.clone()), Some(dir.path().join("data")));
    assert!(second_process_is_warned(&project), "held after opening");
    let first_document = state.doc.id();
    state.open(&project); // File > Open, Open Recent or a drop of the same file
    assert!(state.wait_for_disk_work(std::time::Duration::from_secs(20)), "read in the background");
    assert_ne!(state.doc.id(), first_document, "the project was opened again");
    assert!(error_notices(&state).is_empty(), "no false 'open in another window': {:?}", error_notices(&state));
    assert!(second_process_is_warned(&project), "still held after reopening");
    let ctx = egui::Context::default();
    state.run(&ctx, AppCommand::ReloadFromDisk);
    assert!(state.wait_for_disk_work(std::time::Duration::from_secs(20)), "read in the background");
    assert!(second_process_is_warned(&project), "still held after reloading");
}

#[test]
fn restoring_unsaved_work_keeps_the_lock() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = project_file(dir.path());
    let data = dir.path().join("data");
    // A session that crashed with unsaved work: its recovery file stays behind.
    {
        let mut crashed = AppState::new(Settings::default(), Some(project.clone()), Some(data.clone()));
        crashed.run_edit(canonry::app::Edit::Journal("unsaved words".into()));
        crashed.doc.write_recovery().expect("recovery written");
    }
    let mut state = AppState::new(Settings::default(), Some(project.clone()), Some(data.clone()));
    let found = canonry::storage::recovery::find_recoverable(&data.join("recovery"));
    assert_eq!(found.len(), 1, "the crashed session's work is offered");
    let ctx = egui::Context::default();
    state.run(&ctx, AppCommand::Restore(Box::new(found[0].clone())));
    assert_eq!(state.project().journal, "unsaved words", "restored");
    assert_eq!(state.doc.path.as_deref(), Some(project.as_path()), "restored onto its file");
    assert!(error_notices(&state).is_empty(), "{:?}", error_notices(&state));
    assert!(second_process_is_warned(&project), "still held after restoring");
}

#[test]
fn a_killed_holder_frees_the_lock() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = project_file(dir.path());
    let mut holder = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "probe_process_entry_point", "--nocapture"])
        .env(HOLD, &project)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the holder");
    // The test runner prints its own lines first; wait for the holder's.
    let mut output = std::io::BufReader::new(holder.stdout.take().expect("holder stdout"));
    let mut line = String::new();
    for _ in 0..20 {
        line.clear();
        std::io::BufRead::read_line(&mut output, &mut line).expect("read");
        if line.trim() == "held" {
            break;
        }
    }
    assert_eq!(line.trim(), "held", "the holder took the lock");
    assert!(second_process_is_warned(&project), "held by the holder");
    holder.kill().expect("SIGKILL the holder");
    holder.wait().expect("reap");
    assert!(!second_process_is_warned(&project), "a killed process's lock is free again");
}
