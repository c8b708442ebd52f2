//! The command line: `canonry [FILE]` opens the app; subcommands script projects.

mod claim_lines;
mod conflicts;
mod git;
mod merge_driver;

pub use claim_lines::{diff as claim_diff, render as claim_lines};

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod update_article;

use crate::export::{self, ExportOptions, Format};
use crate::model::Project;
use crate::storage::{self, CURRENT_VERSION, RealFs, backup::BackupDir, load_file};

#[derive(Debug, Parser)]
#[command(
    name = "canonry",
    version,
    about = "A lore journal: tag claims in fan articles as canon, comic-canon or speculation"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A project to open in the app (a new window shows the sample project when omitted).
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check project files and report problems; exit 0 when all are valid.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print claims per tier per article, orphans and citations.
    Stats { file: PathBuf },
    /// Create a new, empty project.
    New {
        file: PathBuf,
        #[arg(long, short)]
        title: String,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Add an article to a project: a text, Markdown or HTML file, subtitles (.srt, .vtt), an
    /// EPUB book, wikitext (.wiki, .mediawiki) or a wiki's Special:Export .xml (one article per
    /// page), an http(s) URL, or `-` for pasted text (wikitext included) on standard input.
    AddArticle {
        file: PathBuf,
        article: String,
        /// The article's title (default: its first line).
        #[arg(long, short)]
        title: Option<String>,
        #[arg(long)]
        url: Option<String>,
        /// Subtitles: keep hearing-impaired captions such as [door opens].
        #[arg(long)]
        keep_captions: bool,
    },
    /// Replace an article's text with a newer version (a file or an http(s) URL) and move its
    /// claims, as the app's Update Article Text does; print where each claim went.
    UpdateArticle {
        project: PathBuf,
        /// The article's id or its exact title.
        article: String,
        /// A .txt, .md or .html file, or an http(s) URL.
        source: String,
        /// Print the report and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export notes: markdown, html, w3c (Web Annotation JSON-LD), csv, bundle (.canonry), or vault
    /// (a folder of Obsidian/Logseq notes, updated in place on the next export).
    Export {
        file: PathBuf,
        #[arg(long, short)]
        format: String,
        /// Write here instead of standard output (for `vault`: the vault folder, required).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Only this article (its id or its exact title).
        #[arg(long)]
        article: Option<String>,
        /// Only these tiers (ids, comma-separated).
        #[arg(long, value_delimiter = ',')]
        tiers: Option<Vec<String>>,
        #[arg(long)]
        no_notes: bool,
        #[arg(long)]
        no_citations: bool,
        /// Include each claim's tier history.
        #[arg(long)]
        history: bool,
        /// Quotes only: no notes, sources or history (and no spoilers).
        #[arg(long)]
        spoiler_free: bool,
        /// Leave out claims and articles marked as spoilers.
        #[arg(long)]
        hide_spoilers: bool,
    },
    /// Print each sentence of an article with its suggested tier and the cues behind it.
    Suggest {
        /// A .txt, .md or .html file.
        article: PathBuf,
        /// Only sentences with a suggestion (the candidates the review panel would list).
        #[arg(long)]
        candidates: bool,
    },
    /// Print the JSON Schema of the project format.
    Schema,
    /// git's merge driver for .canonry files (`canonry git setup` registers it as
    /// `%O %A %B %L %P`): writes the merge over OURS; exit 0 when clean, 1 when conflicts remain
    /// (recorded inside the file, which Canonry opens in its merge resolver).
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// git's conflict marker size (unused: conflicts are recorded as data, never as markers).
        marker_size: Option<String>,
        /// The file's path in the repository, for messages (several words when git passed a
        /// path with spaces unquoted).
        #[arg(num_args = 0.., trailing_var_arg = true)]
        path: Vec<String>,
    },
    /// Share a project through git: setup, doctor, resolve.
    Git {
        #[command(subcommand)]
        command: GitCommand,
    },
    /// List the merge conflicts recorded in a project (exit 1 when there are some), or settle
    /// them: all, or only --number N, keeping mine, taking theirs or keeping both.
    Conflicts {
        file: PathBuf,
        #[arg(long, value_name = "mine|theirs|both")]
        resolve: Option<String>,
        /// Only conflict number N, as listed.
        #[arg(long, requires = "resolve")]
        number: Option<usize>,
    },
    /// Print what changed between two versions of a project, one claim a line.
    Diff { old: PathBuf, new: PathBuf },
    /// Print a project as readable lines, one claim a line (git's textconv diff driver).
    Textconv { file: PathBuf },
    /// Test aid for the crash harness: save FILE again and again, changing the title to
    /// "save N" and printing N after each completed save.
    #[command(hide = true)]
    SaveLoop {
        file: PathBuf,
        #[arg(long, default_value_t = 1000)]
        iterations: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// In this clone: add the .gitattributes line and register the merge and diff drivers.
    Setup,
    /// Say what is missing for git to merge and show projects with Canonry.
    Doctor,
    /// After a merge done without the driver, merge git's index stages of FILE into it.
    Resolve { file: PathBuf },
}

/// An error for the user: printed on stderr, exit code 1.
#[derive(Debug)]
pub struct CliError(pub String);

impl<E: std::error::Error> From<E> for CliError {
    fn from(e: E) -> Self {
        Self(e.to_string())
    }
}

/// Runs a subcommand, printing to `out`. Errors go to the caller, which prints them on stderr.
// One arm per subcommand; each arm is short. Split when it grows.
#[expect(clippy::too_many_lines)]
pub fn run(command: Command, out: &mut dyn std::io::Write) -> Result<ExitCode, CliError> {
    match command {
        Command::Validate { files } => validate(&files, out),
        Command::Stats { file } => stats(&file, out),
        Command::New { file, title, force } => {
            if file.exists() && !force {
                return Err(CliError(format!("{} already exists; use --force to replace it", file.display())));
            }
            save_new(&file, &Project::new(&title))?;
            writeln!(out, "Created {}", file.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::AddArticle { file, article, title, url, keep_captions } => {
            let mut options = crate::import::ImportOptions::default();
            options.subtitles.keep_hearing_impaired = keep_captions;
            add_article(&file, &article, AddOptions { title, url, import: options }, out)
        }
        Command::UpdateArticle { project, article, source, dry_run } => {
            update_article::run(&project, &article, &source, dry_run, out)
        }
        Command::Export {
            file,
            format,
            output,
            article,
            tiers,
            no_notes,
            no_citations,
            history,
            spoiler_free,
            hide_spoilers,
        } => {
            let vault = format.eq_ignore_ascii_case("vault");
            let format = match Format::parse(&format) {
                Some(format) => Some(format),
                None if vault => None,
                None => {
                    return Err(CliError(format!(
                        "unknown format {format:?}; use markdown, html, w3c, csv, bundle or vault"
                    )));
                }
            };
            if vault && output.is_none() {
                return Err(CliError("--format vault writes a folder of notes: give it with -o FOLDER".into()));
            }
            let (loaded, _) = load_file(&file)?;
            let project = loaded.project;
            let article = match article {
                None => None,
                Some(wanted) => Some(
                    project
                        .articles
                        .iter()
                        .find(|a| a.id == wanted || a.title == wanted)
                        .map(|a| a.id.clone())
                        .ok_or_else(|| CliError(format!("{} has no article {wanted:?}", file.display())))?,
                ),
            };
            if let Some(unknown) = tiers.iter().flatten().find(|t| project.tier(t).is_none()) {
                return Err(CliError(format!("{} has no tier {unknown:?}", file.display())));
            }
            let options = ExportOptions {
                article,
                tiers,
                notes: !no_notes,
                citations: !no_citations,
                history,
                spoiler_free,
                hide_spoilers,
                ..ExportOptions::default()
            };
            let Some(format) = format else {
                let folder = output.unwrap_or_default();
                let report = export::vault::export_vault(&project, &options, &folder)?;
                write!(out, "{report}")?;
                return Ok(ExitCode::SUCCESS);
            };
            let bytes = export::export(&project, format, &options)?;
            match output {
                Some(path) => {
                    storage::atomic_write(&RealFs, &path, &bytes)?;
                    writeln!(out, "Wrote {} ({} bytes)", path.display(), bytes.len())?;
                }
                None => out.write_all(&bytes)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Suggest { article, candidates } => {
            let imported = crate::import::import_file(&article).map_err(CliError)?;
            let text = crate::text::normalize_article_text(&imported.text);
            let suggester = crate::suggest::LexiconSuggester::builtin();
            for s in crate::suggest::suggest_text(&suggester, &text) {
                let tier = match (&s.suggestion.tier, s.suggestion.housekeeping) {
                    (_, true) => "housekeeping".to_owned(),
                    (Some(t), _) => format!("{t} {:.0}%", s.suggestion.confidence * 100.0),
                    (None, _) => "-".to_owned(),
                };
                if candidates && s.suggestion.tier.is_none() {
                    continue;
                }
                let reasons: Vec<String> = s
                    .suggestion
                    .reasons
                    .iter()
                    .map(
                        |r| if r.from_context { format!("paragraph: \"{}\"", r.cue) } else { format!("\"{}\"", r.cue) },
                    )
                    .collect();
                let why = if reasons.is_empty() { String::new() } else { format!("  [{}]", reasons.join(", ")) };
                writeln!(out, "{tier:<18} {}{why}", s.text)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::SaveLoop { file, iterations } => {
            let (loaded, mut stamp) = load_file(&file)?;
            let mut project = loaded.project;
            for i in 1..=iterations {
                project.title = format!("save {i}");
                // Vary the size so a torn write could not pass for a whole file.
                project.journal = "lore ".repeat((i % 400) as usize);
                stamp = storage::save_project(&RealFs, &file, &project, loaded.version, Some(&stamp), None)?;
                writeln!(out, "{i}")?;
                out.flush()?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::MergeDriver { base, ours, theirs, marker_size: _, path } => {
            let path = if path.is_empty() { None } else { Some(path.join(" ")) };
            merge_driver::run(&base, &ours, &theirs, path.as_deref(), &mut std::io::stderr())
        }
        Command::Git { command } => {
            let here = std::env::current_dir().map_err(|e| CliError(format!("cannot tell the current folder: {e}")))?;
            match command {
                GitCommand::Setup => git::setup(&here, out),
                GitCommand::Doctor => git::doctor(&here, out),
                GitCommand::Resolve { file } => git::resolve(&here, &file, out),
            }
        }
        Command::Conflicts { file, resolve, number } => conflicts::run(&file, resolve.as_deref(), number, out),
        Command::Diff { old, new } => {
            let (old, _) = load_file(&old)?;
            let (new, _) = load_file(&new)?;
            for line in claim_diff(&old.project, &new.project) {
                writeln!(out, "{line}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Textconv { file } => {
            let (loaded, _) = load_file(&file)?;
            for line in claim_lines(&loaded.project) {
                writeln!(out, "{line}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            write!(out, "{}", storage::format::json_schema())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn save_new(path: &Path, project: &Project) -> Result<(), CliError> {
    storage::save_project(&RealFs, path, project, CURRENT_VERSION, None, None)?;
    Ok(())
}

fn validate(files: &[PathBuf], out: &mut dyn std::io::Write) -> Result<ExitCode, CliError> {
    let mut failures = 0;
    for file in files {
        match load_file(file) {
            Ok((loaded, _)) => {
                let orphans = loaded.project.claims.iter().filter(|c| c.anchor.is_orphaned()).count();
                let version = match loaded.migrated_from {
                    Some(old) => format!("{old}, upgraded to {} in memory", loaded.version),
                    None => loaded.version.to_string(),
                };
                writeln!(
                    out,
                    "{}: ok (format {version}, {} articles, {} claims, {orphans} orphaned)",
                    file.display(),
                    loaded.project.articles.len(),
                    loaded.project.claims.len()
                )?;
                for warning in &loaded.warnings {
                    writeln!(out, "  note: {warning}")?;
                }
                if !loaded.project.conflicts.is_empty() {
                    failures += 1;
                    writeln!(
                        out,
                        "{}: {} unresolved merge conflict(s); open the file in Canonry to resolve them:",
                        file.display(),
                        loaded.project.conflicts.len()
                    )?;
                    for conflict in &loaded.project.conflicts {
                        writeln!(out, "  conflict: {}", conflict.describe())?;
                    }
                }
            }
            Err(e) => {
                failures += 1;
                writeln!(out, "{}: INVALID: {e}", file.display())?;
            }
        }
    }
    Ok(if failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn stats(file: &Path, out: &mut dyn std::io::Write) -> Result<ExitCode, CliError> {
    let (loaded, _) = load_file(file)?;
    let project = &loaded.project;
    let label = |id: &str| project.tier(id).map_or_else(|| format!("{id} (unknown tier)"), |t| t.label.clone());
    writeln!(out, "{}", project.title)?;
    for article in &project.articles {
        let claims: Vec<_> = project.claims_of(&article.id).collect();
        writeln!(out, "\n{}", article.title)?;
        for (tier, n) in project.tier_counts(claims.iter().copied()) {
            writeln!(out, "  {:<16} {n:>6}", label(&tier))?;
        }
        let orphans = claims.iter().filter(|c| c.anchor.is_orphaned()).count();
        let citations: usize = claims.iter().map(|c| c.citations.len()).sum();
        writeln!(out, "  {:<16} {orphans:>6}\n  {:<16} {citations:>6}", "orphaned", "citations")?;
    }
    writeln!(out, "\nAll articles")?;
    for (tier, n) in project.tier_counts(project.claims.iter()) {
        writeln!(out, "  {:<16} {n:>6}", label(&tier))?;
    }
    let orphans = project.claims.iter().filter(|c| c.anchor.is_orphaned()).count();
    writeln!(out, "  {:<16} {:>6}", "claims", project.claims.len())?;
    writeln!(out, "  {:<16} {orphans:>6}", "orphaned")?;
    Ok(ExitCode::SUCCESS)
}

/// What `add-article` was told besides the source.
struct AddOptions {
    title: Option<String>,
    url: Option<String>,
    import: crate::import::ImportOptions,
}

fn add_article(
    file: &Path,
    source: &str,
    options: AddOptions,
    out: &mut dyn std::io::Write,
) -> Result<ExitCode, CliError> {
    let (loaded, stamp) = load_file(file)?;
    let mut all = if crate::text::is_web_url(source) {
        vec![
            crate::import::fetch::fetch(source, crate::import::fetch::Limits::default())
                .map_err(|e| CliError(format!("Cannot import {source}: {e}")))?,
        ]
    } else if source == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut std::io::stdin().take(crate::import::MAX_IMPORT_BYTES as u64 + 1),
            &mut text,
        )?;
        vec![
            crate::import::import_clipboard(&text, None)
                .map_err(|e| CliError(format!("Cannot import standard input: {e}")))?,
        ]
    } else {
        crate::import::import_file_all(Path::new(source), &options.import).map_err(CliError)?
    };
    if all.len() > 1 && options.title.is_some() {
        return Err(CliError(format!("{source} holds {} pages; --title can only name a single article", all.len())));
    }
    let mut project = loaded.project;
    let mut added = Vec::new();
    for mut imported in all.drain(..) {
        if let Some(title) = &options.title {
            imported.title.clone_from(title);
        }
        if let Some(url) = &options.url {
            imported.source_url.clone_from(url);
            if !imported.licence.is_empty() {
                // A wiki page's licence follows from where it was published.
                imported.licence = crate::import::wiki::licence_for(url).to_owned();
            }
        }
        let report = std::mem::take(&mut imported.report);
        let article = imported.into_article();
        added.push((
            format!("Added \"{}\" ({} chars) to {}", article.title, article.text.chars().count(), file.display()),
            report,
        ));
        project.articles.push(article);
    }
    let backups = crate::paths::backups_dir().map(BackupDir::new);
    storage::save_project(&RealFs, file, &project, loaded.version, Some(&stamp), backups.as_ref())?;
    for (line, report) in added {
        writeln!(out, "{line}")?;
        for note in report {
            writeln!(out, "  {note}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
