//! `canonry git setup | doctor | resolve`: sharing a project through git. Shells out to the
//! `git` program (no libgit2), in the current folder's repository.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::CliError;
use crate::storage::{self, CURRENT_VERSION, RealFs};

/// The `.gitattributes` line that sends `.canonry` files to our drivers.
pub const ATTRIBUTES_LINE: &str = "*.canonry merge=canonry diff=canonry";
const DRIVER_NAME: &str = "Canonry project merge";

/// Runs git with `args` in `dir`; its standard output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, CliError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| CliError(format!("cannot run git ({e}); install git and check that it is on the PATH")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(CliError(format!("git {} failed: {}", args.join(" "), stderr.trim())));
    }
    Ok(output.stdout)
}

fn git_text(dir: &Path, args: &[&str]) -> Result<String, CliError> {
    Ok(String::from_utf8_lossy(&git(dir, args)?).trim().to_owned())
}

/// The top folder of the repository `dir` is in.
fn top_level(dir: &Path) -> Result<PathBuf, CliError> {
    let top = git_text(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        CliError(format!("{} is not in a git repository ({}); run git init or cd into a clone", dir.display(), e.0))
    })?;
    Ok(PathBuf::from(top))
}

/// This program, quoted for the shell git runs drivers with.
fn this_program() -> Result<String, CliError> {
    let exe = std::env::current_exe().map_err(|e| CliError(format!("cannot tell where canonry is installed: {e}")))?;
    let exe = exe.to_string_lossy().replace('\\', "/");
    Ok(format!("'{}'", exe.replace('\'', r"'\''")))
}

fn expected_config() -> Result<Vec<(&'static str, String)>, CliError> {
    let exe = this_program()?;
    Ok(vec![
        ("merge.canonry.name", DRIVER_NAME.to_owned()),
        ("merge.canonry.driver", format!("{exe} merge-driver %O %A %B %L %P")),
        ("diff.canonry.textconv", format!("{exe} textconv")),
    ])
}

fn has_attributes_line(top: &Path) -> bool {
    std::fs::read_to_string(top.join(".gitattributes"))
        .is_ok_and(|text| text.lines().any(|l| l.trim() == ATTRIBUTES_LINE))
}

/// `canonry git setup`: the `.gitattributes` line and the drivers in this clone's config.
/// Running it again changes nothing.
pub fn setup(dir: &Path, out: &mut dyn std::io::Write) -> Result<ExitCode, CliError> {
    let top = top_level(dir)?;
    let attributes = top.join(".gitattributes");
    if has_attributes_line(&top) {
        writeln!(out, "{} already has: {ATTRIBUTES_LINE}", attributes.display())?;
    } else {
        let mut text = std::fs::read_to_string(&attributes).unwrap_or_default();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        storage::atomic_write(&RealFs, &attributes, text.as_bytes())?;
        writeln!(
            out,
            "Added to {}: {ATTRIBUTES_LINE} (commit it so every clone uses the drivers)",
            attributes.display()
        )?;
    }
    for (key, value) in expected_config()? {
        if git_text(&top, &["config", "--local", "--get", key]).ok().as_deref() == Some(value.as_str()) {
            continue;
        }
        git(&top, &["config", "--local", key, &value])?;
        writeln!(out, "Set {key} = {value}")?;
    }
    writeln!(out, "git now merges .canonry files with Canonry and shows their diffs as claims.")?;
    Ok(ExitCode::SUCCESS)
}

/// `canonry git doctor`: what is missing for git to merge and diff projects with Canonry.
/// Exit 0 when nothing is.
pub fn doctor(dir: &Path, out: &mut dyn std::io::Write) -> Result<ExitCode, CliError> {
    let top = top_level(dir)?;
    let mut problems = Vec::new();
    let attributes = git_text(&top, &["check-attr", "merge", "diff", "--", "x.canonry"]).unwrap_or_default();
    let names_driver = attributes.contains("merge: canonry");
    if !names_driver {
        problems.push(format!(
            ".gitattributes does not send *.canonry to the Canonry driver: git merges projects as plain text. Add the line \"{ATTRIBUTES_LINE}\" (canonry git setup does)."
        ));
    }
    if !attributes.contains("diff: canonry") {
        problems.push(
            "git diff shows projects as JSON, not claims: the .gitattributes line lacks diff=canonry.".to_owned(),
        );
    }
    let configured = |key: &str| git_text(&top, &["config", "--get", key]).ok().filter(|v| !v.is_empty());
    match configured("merge.canonry.driver") {
        None if names_driver => problems.push(
            "Trap: .gitattributes names the canonry merge driver but this clone never registered it, so git silently merges projects as text. Run canonry git setup in this clone.".to_owned(),
        ),
        None => problems.push("The merge driver is not registered in this clone (merge.canonry.driver).".to_owned()),
        Some(driver) => {
            if let Some(program) = quoted_program(&driver)
                && !Path::new(&program).exists()
            {
                problems.push(format!("merge.canonry.driver runs {program}, which does not exist any more. Run canonry git setup again."));
            }
        }
    }
    if configured("diff.canonry.textconv").is_none() {
        problems.push("The diff driver is not registered in this clone (diff.canonry.textconv).".to_owned());
    }
    if problems.is_empty() {
        writeln!(out, "ok: git merges .canonry files with Canonry and shows their diffs as claims")?;
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        writeln!(out, "missing: {problem}")?;
    }
    Ok(ExitCode::FAILURE)
}

/// The program of a driver command written by [`setup`] (`'path' merge-driver ...`).
fn quoted_program(command: &str) -> Option<String> {
    let rest = command.strip_prefix('\'')?;
    Some(rest.split("' ").next()?.replace(r"'\''", "'"))
}

/// `canonry git resolve PATH`: after a merge done without the driver (another machine, a web
/// merge button), merges git's three index stages of PATH and writes the result over it.
pub fn resolve(dir: &Path, path: &Path, out: &mut dyn std::io::Write) -> Result<ExitCode, CliError> {
    let path_text = path.to_string_lossy();
    let listing = git_text(dir, &["ls-files", "-u", "-z", "--", &path_text])?;
    let mut stages: [Option<String>; 4] = Default::default();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        // "<mode> <object> <stage>\t<path>"
        let meta = entry.split('\t').next().unwrap_or_default();
        let fields: Vec<&str> = meta.split(' ').collect();
        if let (Some(object), Some(stage)) = (fields.get(1), fields.get(2).and_then(|s| s.parse::<usize>().ok()))
            && stage < stages.len()
        {
            stages[stage] = Some((*object).to_owned());
        }
    }
    let (Some(ours), Some(theirs)) = (&stages[2], &stages[3]) else {
        return Err(CliError(format!(
            "{} is not in conflict in git's index (no stages :2: and :3:); nothing to resolve",
            path.display()
        )));
    };
    let load = |object: &str, which: &str| -> Result<crate::storage::LoadedProject, CliError> {
        let bytes = git(dir, &["cat-file", "blob", object])?;
        storage::parse_project(&bytes)
            .map_err(|e| CliError(format!("{} ({which}, stage of git's index): {e}", path.display())))
    };
    let mine = load(ours, "ours")?;
    let their = load(theirs, "theirs")?;
    let base = match &stages[1] {
        Some(object) => load(object, "base").ok().map(|l| l.project),
        None => None,
    };
    let version = mine.version.max(their.version).max(CURRENT_VERSION);
    let shown = path.display().to_string();
    let (exit, merged) = super::merge_driver::merge_versions(base.as_ref(), &mine.project, &their.project, &shown)?;
    storage::save_project(&RealFs, &dir.join(path), &merged, version, None, None)?;
    if merged.conflicts.is_empty() {
        writeln!(out, "Merged {shown} cleanly; check it, then git add it and commit")?;
    } else {
        writeln!(
            out,
            "Merged {shown} with {} conflict(s) recorded in the file; open it in Canonry to resolve them, then git add it",
            merged.conflicts.len()
        )?;
        for conflict in &merged.conflicts {
            writeln!(out, "  {}", conflict.describe())?;
        }
    }
    Ok(exit)
}
