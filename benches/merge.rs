//! The git merge driver on the book-length project (10,000 claims): both sides edited
//! concurrently, some edits overlapping. Prints the time of a whole driver run (load three
//! files, merge, save over OURS) and exits non-zero when the median misses 1 s.
//!
//! `cargo bench --no-default-features --bench merge` (no GUI needed).

mod workload;

use std::process::ExitCode;
use std::time::Instant;

use canonry::cli::{Command, run};
use canonry::model::{Claim, Project, Tier};
use canonry::storage::{CURRENT_VERSION, parse_project, serialize_project};

const TARGET_MS: f64 = 1000.0;
const RUNS: usize = 9;

/// Retags, note edits, deletions and new claims on every `step`-th claim from `offset`.
fn edit(project: &mut Project, offset: usize, step: usize, who: &str) {
    let ids: Vec<String> = project.claims.iter().skip(offset).step_by(step).map(|c| c.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        match i % 4 {
            0 => {
                project.retag_claim(id, Tier::SPECULATION, who);
            }
            1 | 2 => {
                if let Some(claim) = project.claim_mut(id) {
                    claim.note.push_str(&format!("\n{who} adds a line."));
                }
            }
            _ => {
                project.remove_claim(id);
            }
        }
    }
    let article = project.articles[0].id.clone();
    for n in 0..20 {
        let start = 1000 + n * 997 + offset;
        if let Some(claim) = project.new_claim(&article, start, start + 40, Tier::CANON) {
            project.claims.push(Claim { note: format!("{who}'s new claim {n}"), ..claim });
        }
    }
    project.sort_claims();
    project.journal.push_str(&format!("\n{who} was here."));
}

fn main() -> ExitCode {
    let base = workload::book_project();
    let mut mine = base.clone();
    edit(&mut mine, 0, 37, "mine");
    let mut theirs = base.clone();
    edit(&mut theirs, 5, 41, "theirs");
    // A few claims both sides noted differently: recorded conflicts, not a failure.
    for claim in base.claims.iter().skip(3).step_by(997) {
        for (side, who) in [(&mut mine, "mine"), (&mut theirs, "theirs")] {
            if let Some(c) = side.claim_mut(&claim.id) {
                c.note = format!("{who}'s reading of it");
            }
        }
    }
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot make a temp folder: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bytes = |p: &Project| serialize_project(p, CURRENT_VERSION).unwrap_or_default();
    let (base_path, ours_path, theirs_path) =
        (dir.path().join("base.canonry"), dir.path().join("ours.canonry"), dir.path().join("theirs.canonry"));
    let ours_bytes = bytes(&mine);
    for (path, content) in [(&base_path, bytes(&base)), (&theirs_path, bytes(&theirs))] {
        if let Err(e) = std::fs::write(path, content) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "book: {} claims, {:.2} MB per version; mine and theirs edited {} and {} claims",
        base.claims.len(),
        ours_bytes.len() as f64 / 1e6,
        base.claims.len() / 37 + 20,
        base.claims.len() / 41 + 20
    );

    let mut times = Vec::new();
    let mut conflicts = 0;
    for _ in 0..RUNS {
        if let Err(e) = std::fs::write(&ours_path, &ours_bytes) {
            eprintln!("cannot write {}: {e}", ours_path.display());
            return ExitCode::FAILURE;
        }
        let command = Command::MergeDriver {
            base: base_path.clone(),
            ours: ours_path.clone(),
            theirs: theirs_path.clone(),
            marker_size: Some("7".into()),
            path: vec!["book.canonry".into()],
        };
        let started = Instant::now();
        let outcome = run(command, &mut std::io::sink());
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if let Err(e) = outcome {
            eprintln!("the driver failed: {}", e.0);
            return ExitCode::FAILURE;
        }
        let merged = std::fs::read(&ours_path).ok().and_then(|b| parse_project(&b).ok());
        let Some(merged) = merged else {
            eprintln!("the merged file does not load");
            return ExitCode::FAILURE;
        };
        conflicts = merged.project.conflicts.len();
    }
    // Where the time goes, once: loading the three versions, merging, writing the result.
    let started = Instant::now();
    let loaded: Vec<Project> = [&base_path, &ours_path, &theirs_path]
        .iter()
        .filter_map(|p| std::fs::read(p).ok().and_then(|b| parse_project(&b).ok()).map(|l| l.project))
        .collect();
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let merged = match loaded.as_slice() {
        [b, m, t] => canonry::edit::merge::merge(Some(b), m, t).ok(),
        _ => None,
    };
    let merge_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let written = merged.as_ref().map(|p| serialize_project(p, CURRENT_VERSION).map(|b| b.len()));
    let save_ms = started.elapsed().as_secs_f64() * 1000.0;
    if merged.is_none() || !matches!(written, Some(Ok(_))) {
        eprintln!("the phase-by-phase merge failed");
        return ExitCode::FAILURE;
    }
    println!("  phases: load 3 versions {load_ms:.0} ms, merge {merge_ms:.0} ms, serialise {save_ms:.0} ms");

    times.sort_by(f64::total_cmp);
    let median = times[RUNS / 2];
    println!(
        "merge driver (load 3 versions, merge, save): median {median:.0} ms of {RUNS} runs (min {:.0}, max {:.0}); {conflicts} conflicts recorded; target < {TARGET_MS:.0} ms",
        times[0],
        times[RUNS - 1]
    );
    if median > TARGET_MS {
        eprintln!("MISSED: the driver took {median:.0} ms, over {TARGET_MS:.0} ms");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
