//! `canonry update-article PROJECT ARTICLE FILE-OR-URL`: replaces an article's text with a newer
//! version through the same core call as the app's "Update Article Text"
//! ([`crate::edit::Editor::update_article_text`]) and prints what happened to every claim, so
//! anyone can check from a terminal that no claim lands on the wrong words.

use std::path::Path;
use std::process::ExitCode;

use super::CliError;
use crate::anchoring::{Outcome, Report};
use crate::model::Project;
use crate::storage::{self, RealFs, backup::BackupDir, load_file};

pub fn run(
    project_file: &Path,
    wanted: &str,
    source: &str,
    dry_run: bool,
    out: &mut dyn std::io::Write,
) -> Result<ExitCode, CliError> {
    let (loaded, stamp) = load_file(project_file)?;
    let article_id = find_article(&loaded.project, wanted)
        .map_err(|problem| CliError(format!("{}: {problem}", project_file.display())))?;
    let imported = if crate::text::is_web_url(source) {
        crate::import::fetch::fetch(source, crate::import::fetch::Limits::default())
            .map_err(|e| CliError(format!("Cannot import {source}: {e}")))?
    } else {
        crate::import::import_file(Path::new(source)).map_err(CliError)?
    };
    let title = loaded.project.article(&article_id).map(|a| a.title.clone()).unwrap_or_default();
    let before = loaded.project.clone();
    let mut editor = crate::edit::Editor::new(loaded.project);
    let report = editor
        .update_article_text(&article_id, &imported.text)
        .ok_or_else(|| CliError(format!("{} has no article {wanted:?}", project_file.display())))?;
    write_report(out, &title, &report, &before, editor.project())?;
    if dry_run {
        writeln!(out, "Dry run: {} was not changed.", project_file.display())?;
    } else {
        let backups = crate::paths::backups_dir().map(BackupDir::new);
        storage::save_project(&RealFs, project_file, editor.project(), loaded.version, Some(&stamp), backups.as_ref())?;
        writeln!(out, "Saved {}.", project_file.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The article whose id is `wanted`, else the one whose title is exactly `wanted`.
fn find_article(project: &Project, wanted: &str) -> Result<String, String> {
    if let Some(article) = project.articles.iter().find(|a| a.id == wanted) {
        return Ok(article.id.clone());
    }
    let titled: Vec<&str> = project.articles.iter().filter(|a| a.title == wanted).map(|a| a.id.as_str()).collect();
    match titled.as_slice() {
        [id] => Ok((*id).to_owned()),
        [] => Err(format!("no article has the id or title {wanted:?}")),
        ids => Err(format!("{} articles are titled {wanted:?}; name one by its id: {}", ids.len(), ids.join(", "))),
    }
}

/// One line per claim, grouped as the app's report groups them: moved exactly, moved to changed
/// words (old and new side by side), orphaned (with the reason).
fn write_report(
    out: &mut dyn std::io::Write,
    title: &str,
    report: &Report,
    before: &Project,
    after: &Project,
) -> std::io::Result<()> {
    writeln!(out, "Updated \"{title}\": {}", report.summary())?;
    let quote = |project: &Project, id: &str| project.claim(id).map(|c| c.anchor.exact.clone()).unwrap_or_default();
    let position = |project: &Project, id: &str| project.claim(id).map(|c| c.anchor.start).unwrap_or_default();
    for (heading, wanted) in [("Moved exactly", 0), ("Moved to changed words", 1), ("Orphaned", 2)] {
        let group: Vec<&(String, Outcome)> = report
            .outcomes
            .iter()
            .filter(|(_, o)| match o {
                Outcome::Exact => wanted == 0,
                Outcome::Fuzzy { .. } => wanted == 1,
                Outcome::Orphaned { .. } => wanted == 2,
            })
            .collect();
        writeln!(out, "\n{heading} ({}):", group.len())?;
        for (id, outcome) in group {
            match outcome {
                Outcome::Exact => writeln!(
                    out,
                    "  {id}  \"{}\"  (at {} → {})",
                    quote(after, id),
                    position(before, id),
                    position(after, id)
                )?,
                Outcome::Fuzzy { old_quote, new_quote } => {
                    writeln!(out, "  {id}\n    was: \"{old_quote}\"\n    now: \"{new_quote}\"")?;
                }
                Outcome::Orphaned { reason } => writeln!(out, "  {id}  \"{}\"  ({reason})", quote(before, id))?,
            }
        }
    }
    Ok(())
}
