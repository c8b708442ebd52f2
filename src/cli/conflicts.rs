//! `canonry conflicts FILE [--resolve mine|theirs|both] [--number N]`: list the merge conflicts
//! recorded in a project, or settle them from the command line and save.

use std::path::Path;
use std::process::ExitCode;

use super::CliError;
use crate::edit::merge::{self, Choice};
use crate::storage::{self, RealFs, backup::BackupDir, load_file};

pub fn run(
    file: &Path,
    resolve: Option<&str>,
    number: Option<usize>,
    out: &mut dyn std::io::Write,
) -> Result<ExitCode, CliError> {
    let (loaded, stamp) = load_file(file)?;
    let mut project = loaded.project;
    let Some(resolve) = resolve else {
        if project.conflicts.is_empty() {
            writeln!(out, "{}: no merge conflicts", file.display())?;
            return Ok(ExitCode::SUCCESS);
        }
        for (i, conflict) in project.conflicts.iter().enumerate() {
            let both = if merge::can_keep_both(conflict) { ", both" } else { "" };
            writeln!(out, "{:>3}. {} [mine, theirs{both}]", i + 1, conflict.describe())?;
            writeln!(out, "     mine:   {}", short_json(&conflict.mine))?;
            writeln!(out, "     theirs: {}", short_json(&conflict.theirs))?;
        }
        return Ok(ExitCode::FAILURE);
    };
    let choice = match resolve {
        "mine" => Choice::KeepMine,
        "theirs" => Choice::TakeTheirs,
        "both" => Choice::KeepBoth,
        other => return Err(CliError(format!("--resolve {other:?}: use mine, theirs or both"))),
    };
    let before = project.conflicts.len();
    match number {
        Some(n) if n == 0 || n > before => {
            return Err(CliError(format!("{} has {before} conflict(s); there is no number {n}", file.display())));
        }
        Some(n) => merge::resolve(&mut project, n - 1, choice).map_err(|e| CliError(e.to_string()))?,
        None => merge::resolve_all(&mut project, choice).map_err(|e| CliError(e.to_string()))?,
    }
    let backups = crate::paths::backups_dir().map(BackupDir::new);
    storage::save_project(&RealFs, file, &project, loaded.version, Some(&stamp), backups.as_ref())?;
    writeln!(
        out,
        "{}: {} conflict(s) resolved, {} left",
        file.display(),
        before - project.conflicts.len(),
        project.conflicts.len()
    )?;
    Ok(if project.conflicts.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// A value on one line, cut to a readable length.
fn short_json(value: &serde_json::Value) -> String {
    let text = match value {
        serde_json::Value::Null => "(none: deleted)".to_owned(),
        serde_json::Value::String(s) => format!("{:?}", s),
        other => other.to_string(),
    };
    if text.chars().count() > 100 { format!("{}…", text.chars().take(100).collect::<String>()) } else { text }
}
