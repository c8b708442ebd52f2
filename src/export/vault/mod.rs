//! Export to an Obsidian or Logseq vault that can be exported again and again.
//!
//! One Markdown note per article, claim and glossary name, an index per tier and one for the
//! project. Each note has Canonry's front-matter properties and a generated block between
//! [`front_matter::BLOCK_BEGIN`] and [`front_matter::BLOCK_END`]; on the next export only those
//! are replaced. Everything else (the user's properties, text outside the block, notes of their
//! own) stays byte for byte. Notes are found again by their `canonry-id`, not their file name,
//! so the user may rename and move them. A note whose claim (article, name, tier) was deleted
//! is moved to [`scan::ARCHIVE_FOLDER`], never deleted. A note whose bytes would not change is
//! not written, so an unchanged project leaves every file (and its modification time) alone.
//!
//! Layers: [`naming`] (safe unique file names), [`yaml`] (quoted scalars), [`front_matter`]
//! (split and merge a note), [`context`] + [`render`] (the generated part), [`scan`] (what is in
//! the folder), [`report`]. This module plans the whole export first, reading every file it
//! needs, and only then writes, each file atomically.

pub mod context;
pub mod error;
pub mod front_matter;
pub mod naming;
pub mod render;
pub mod report;
pub mod scan;
pub mod writer;
pub mod yaml;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

pub use error::VaultError;
pub use report::{LeftAlone, VaultReport};

use self::context::{Context, PROJECT_NOTE_ID, tier_note_id};
use self::front_matter::Note;
use self::naming::NameRegistry;
use self::scan::{ARCHIVE_FOLDER, FoundNote};
use self::writer::BatchWriter;
use crate::export::ExportOptions;
use crate::lore::spoilers::SpoilerRule;
use crate::model::Project;
use crate::storage::{Fs, RealFs};

/// Exports `project` into the vault at `folder` (created when missing) on the real file system.
pub fn export_vault(project: &Project, options: &ExportOptions, folder: &Path) -> Result<VaultReport, VaultError> {
    export_vault_with(&RealFs, project, options, folder)
}

/// One file to write.
struct Write {
    path: PathBuf,
    bytes: String,
    created: bool,
}

/// [`export_vault`] through `fs` (tests make writes fail).
pub fn export_vault_with(
    fs: &dyn Fs,
    project: &Project,
    options: &ExportOptions,
    folder: &Path,
) -> Result<VaultReport, VaultError> {
    ensure_folder(folder)?;
    let found = scan::scan(folder)?;
    let mut report = VaultReport { folder: folder.to_owned(), ..VaultReport::default() };
    let mut names = NameRegistry::new();

    let by_id = index_earlier_notes(&found, &mut report, &mut names);

    // Where each note of this export lives: where it was found, or a new free name.
    let mut ctx = Context::new(project, options);
    let subjects = ctx.subjects();
    let mut paths: Vec<(PathBuf, bool)> = Vec::with_capacity(subjects.len());
    for subject in &subjects {
        let id = subject.note_id();
        let (path, stem, exists) = match by_id.get(id.as_str()) {
            Some(note) => (note.path.clone(), note.stem.clone(), true),
            None => {
                let stem = names.claim(&subject.title(project));
                (Path::new(subject.folder()).join(format!("{stem}.md")), stem, false)
            }
        };
        ensure_inside(&path)?;
        ctx.set_stem(id, stem);
        paths.push((path, exists));
    }

    // Render and merge everything before writing anything.
    let mut writes = Vec::new();
    for (subject, (path, exists)) in subjects.iter().zip(paths) {
        let rendered = render::render(&ctx, *subject);
        let bytes = if exists {
            let full = folder.join(&path);
            let old = std::fs::read_to_string(&full).map_err(|error| VaultError::Read { path: full, error })?;
            let merged =
                Note::parse(&old).and_then(|note| note.merged(rendered.owned, &rendered.properties, &rendered.block));
            match merged {
                Some(merged) if merged == old => {
                    report.unchanged.push(path);
                    continue;
                }
                Some(merged) => merged,
                None => {
                    report.left_alone.push((path, LeftAlone::DamagedBlock));
                    continue;
                }
            }
        } else {
            front_matter::new_note(&rendered.properties, &rendered.block)
        };
        writes.push(Write { path, bytes, created: !exists });
    }

    // Notes of earlier exports that this one does not write: spoilers now hidden lose their
    // generated words, deleted things go to the archive, the rest stays as it is.
    let wanted: HashSet<String> = subjects.iter().map(|s| s.note_id()).collect();
    let known = known_ids(project);
    let mut others: Vec<(&str, &FoundNote)> =
        by_id.iter().filter(|(id, _)| !wanted.contains(**id)).map(|(id, note)| (*id, *note)).collect();
    others.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    let mut to_archive = Vec::new();
    for (id, note) in others {
        if let Some(hidden) = hidden_spoiler(project, options, id) {
            let full = folder.join(&note.path);
            let old = std::fs::read_to_string(&full).map_err(|error| VaultError::Read { path: full, error })?;
            match Note::parse(&old).and_then(|n| n.merged(hidden.owned, &hidden.properties, &hidden.block)) {
                Some(merged) if merged == old => {}
                Some(merged) => writes.push(Write { path: note.path.clone(), bytes: merged, created: false }),
                None => {
                    report.left_alone.push((note.path.clone(), LeftAlone::DamagedBlock));
                    continue;
                }
            }
            report.hidden_spoilers.push(note.path.clone());
        } else if known.contains(id) {
            report.left_alone.push((note.path.clone(), LeftAlone::NotInThisExport));
        } else {
            to_archive.push(note.path.clone());
        }
    }
    report.left_alone.sort_by(|a, b| a.0.cmp(&b.0));

    let mut writer = BatchWriter::new(fs);
    for write in writes {
        if let Some(parent) = write.path.parent() {
            ensure_subfolders(folder, parent)?;
        }
        writer.write(&folder.join(&write.path), write.bytes.as_bytes())?;
        if write.created { report.created.push(write.path) } else { report.updated.push(write.path) }
    }
    if !to_archive.is_empty() {
        archive(&mut writer, folder, &found, to_archive, &mut report)?;
    }
    writer.finish()?;
    Ok(report)
}

/// Moves notes into the archive folder, keeping their names unless one is taken there.
fn archive(
    writer: &mut BatchWriter,
    folder: &Path,
    found: &[FoundNote],
    paths: Vec<PathBuf>,
    report: &mut VaultReport,
) -> Result<(), VaultError> {
    let archive = Path::new(ARCHIVE_FOLDER);
    ensure_subfolders(folder, archive)?;
    let mut in_archive = NameRegistry::new();
    for note in found.iter().filter(|n| n.in_archive()) {
        in_archive.reserve(&note.stem);
    }
    for from in paths {
        let stem = from.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let to = archive.join(format!("{}.md", in_archive.claim(&stem)));
        ensure_inside(&to)?;
        let (from_full, to_full) = (folder.join(&from), folder.join(&to));
        writer.rename(&from_full, &to_full).map_err(|error| VaultError::Archive {
            from: from_full.clone(),
            to: to_full.clone(),
            error,
        })?;
        report.archived.push((from, to));
    }
    Ok(())
}

/// The generated part for the note of a claim or article this export hides as a spoiler: the
/// note stays (the user may have written in it) but Canonry's words leave it.
fn hidden_spoiler(project: &Project, options: &ExportOptions, id: &str) -> Option<render::Rendered> {
    if !(options.hide_spoilers || options.spoiler_free) {
        return None;
    }
    let rule = SpoilerRule::on(options.today);
    if let Some(claim) = project.claim(id) {
        return rule.claim_marked(project, claim).then(|| render::hidden_spoiler(id, "claim", render::CLAIM_KEYS));
    }
    let article = project.article(id)?;
    rule.article_marked(article).then(|| render::hidden_spoiler(id, "article", render::ARTICLE_KEYS))
}

/// The note ids of everything in the project, exported or not: a note whose id is not here
/// belongs to something deleted.
fn known_ids(project: &Project) -> HashSet<String> {
    let mut ids: HashSet<String> = HashSet::from([PROJECT_NOTE_ID.to_owned()]);
    ids.extend(project.tiers.iter().map(|t| tier_note_id(&t.id)));
    ids.extend(project.articles.iter().map(|a| a.id.clone()));
    ids.extend(project.claims.iter().map(|c| c.id.clone()));
    ids.extend(project.glossary.iter().map(|e| e.id.clone()));
    ids
}

/// A relative path of plain names only: no `..`, no root, no drive prefix.
fn ensure_inside(path: &Path) -> Result<(), VaultError> {
    if path.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(())
    } else {
        Err(VaultError::Escapes { path: path.to_owned() })
    }
}

/// Creates the vault folder when missing; refuses a file.
fn ensure_folder(folder: &Path) -> Result<(), VaultError> {
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(VaultError::NotAFolder { path: folder.to_owned() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(folder).map_err(|error| VaultError::CreateFolder { path: folder.to_owned(), error })
        }
        Err(error) => Err(VaultError::Read { path: folder.to_owned(), error }),
    }
}

/// Creates each folder of `relative` under `folder`, refusing symbolic links and files on the way.
fn ensure_subfolders(folder: &Path, relative: &Path) -> Result<(), VaultError> {
    let mut current = folder.to_owned();
    for component in relative.components() {
        current.push(component);
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => return Err(VaultError::LinkedFolder { path: current }),
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(VaultError::NotAFolder { path: current }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir(&current)
                .map_err(|error| VaultError::CreateFolder { path: current.clone(), error })?,
            Err(error) => return Err(VaultError::Read { path: current, error }),
        }
    }
    Ok(())
}

/// Notes of earlier exports by id: the first by path wins, copies are left alone. Every name
/// found is reserved, so new notes never take a user's file name.
fn index_earlier_notes<'a>(
    found: &'a [FoundNote],
    report: &mut VaultReport,
    names: &mut NameRegistry,
) -> HashMap<&'a str, &'a FoundNote> {
    let mut by_id: HashMap<&'a str, &'a FoundNote> = HashMap::new();
    for note in found {
        names.reserve(&note.stem);
        let Some(id) = note.id.as_deref() else {
            report.user_notes += 1;
            continue;
        };
        if note.in_archive() {
            continue;
        }
        if !note.regular {
            report.left_alone.push((note.path.clone(), LeftAlone::SymbolicLink));
            continue;
        }
        match by_id.get(id) {
            Some(first) => {
                report.left_alone.push((note.path.clone(), LeftAlone::DuplicateId { updated: first.path.clone() }))
            }
            None => {
                by_id.insert(id, note);
            }
        }
    }
    by_id
}
