//! The command line: `canonry [FILE]` opens the app; subcommands script projects.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Export notes: markdown, html, w3c (Web Annotation JSON-LD), csv or bundle (.canonry).
    Export {
        file: PathBuf,
        #[arg(long, short)]
        format: String,
        /// Write here instead of standard output.
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
    /// Test aid for the crash harness: save FILE again and again, changing the title to
    /// "save N" and printing N after each completed save.
    #[command(hide = true)]
    SaveLoop {
        file: PathBuf,
        #[arg(long, default_value_t = 1000)]
        iterations: u64,
    },
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
            let format = Format::parse(&format).ok_or_else(|| {
                CliError(format!("unknown format {format:?}; use markdown, html, w3c, csv or bundle"))
            })?;
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
            let bytes = export::export(&project, format, &options).map_err(CliError)?;
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
