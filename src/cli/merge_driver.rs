//! `canonry merge-driver BASE OURS THEIRS [MARKER_SIZE PATH]`: git's custom merge driver
//! (`%O %A %B %L %P`). The result goes over OURS; conflicts are recorded inside the file.

use std::path::Path;
use std::process::ExitCode;

use super::CliError;
use crate::model::Project;
use crate::storage::{self, RealFs, load_file};

/// Merges three versions and writes the result over `ours`. Exit 0: clean; 1: conflicts remain
/// (recorded in the file, which still opens in Canonry).
pub fn run(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<&str>,
    err: &mut dyn std::io::Write,
) -> Result<ExitCode, CliError> {
    let shown = path.map_or_else(|| ours.display().to_string(), str::to_owned);
    let (mine, mine_stamp) = load_file(ours).map_err(|e| CliError(format!("merge of {shown}: ours: {e}")))?;
    let (their, _) = load_file(theirs).map_err(|e| CliError(format!("merge of {shown}: theirs: {e}")))?;
    let ancestor = read_base(base, &shown, err)?;
    let version = mine.version.max(their.version);
    let (exit, merged) = merge_versions(ancestor.as_ref(), &mine.project, &their.project, &shown)?;
    storage::save_project(&RealFs, ours, &merged, version, Some(&mine_stamp), None)?;
    if !merged.conflicts.is_empty() {
        writeln!(
            err,
            "canonry: {shown}: {} conflict(s) recorded in the file; open it in Canonry to resolve them",
            merged.conflicts.len()
        )?;
        for conflict in &merged.conflicts {
            writeln!(err, "  {}", conflict.describe())?;
        }
    }
    Ok(exit)
}

/// The merged project and the exit code git expects.
pub fn merge_versions(
    base: Option<&Project>,
    mine: &Project,
    theirs: &Project,
    shown: &str,
) -> Result<(ExitCode, Project), CliError> {
    let merged =
        crate::edit::merge::merge(base, mine, theirs).map_err(|e| CliError(format!("merge of {shown}: {e}")))?;
    let exit = if merged.conflicts.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    Ok((exit, merged))
}

/// The common ancestor: git passes an empty file when the two sides share none (both added the
/// file). An ancestor that does not load is treated as none, so nothing counts as deleted.
fn read_base(base: &Path, shown: &str, err: &mut dyn std::io::Write) -> Result<Option<Project>, CliError> {
    if std::fs::metadata(base).map(|m| m.len() == 0).unwrap_or(true) {
        return Ok(None);
    }
    match load_file(base) {
        Ok((loaded, _)) => Ok(Some(loaded.project)),
        Err(e) => {
            writeln!(err, "canonry: {shown}: the common ancestor does not load ({e}); merging without it")?;
            Ok(None)
        }
    }
}
