//! Crash-safe saving.
//!
//! A save never leaves a partial file: the bytes go to a temp file in the same folder, which is
//! synced, given the old file's permissions, renamed over the target, and the folder is synced so
//! the rename itself survives a power cut. Each step goes through [`Fs`], so tests can make any
//! step fail and check that the old file is intact.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use super::backup::BackupDir;
use super::format::{FormatVersion, serialize_project};
use crate::model::Project;

/// The file-system operations a save performs, one method per step.
pub trait Fs {
    /// Creates `path` (which must not exist) and writes `bytes` to it.
    fn create_and_write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()>;
    /// Flushes a file's contents to the disk.
    fn sync_file(&self, path: &Path) -> std::io::Result<()>;
    /// Gives `to` the permissions of `from`.
    fn copy_permissions(&self, from: &Path, to: &Path) -> std::io::Result<()>;
    /// Atomically replaces `to` with `from`.
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()>;
    /// Flushes a folder's entries (the rename) to the disk.
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()>;
    fn remove_file(&self, path: &Path) -> std::io::Result<()>;
}

/// The real file system.
pub struct RealFs;

impl Fs for RealFs {
    fn create_and_write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
        file.write_all(bytes)
    }

    fn sync_file(&self, path: &Path) -> std::io::Result<()> {
        std::fs::OpenOptions::new().write(true).open(path)?.sync_all()
    }

    fn copy_permissions(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::set_permissions(to, std::fs::metadata(from)?.permissions())
    }

    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        // On Windows a virus scanner or indexer may hold the target for a moment.
        let mut attempt = 0;
        loop {
            match std::fs::rename(from, to) {
                Err(e) if cfg!(windows) && attempt < 5 && e.kind() == std::io::ErrorKind::PermissionDenied => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50 * attempt));
                }
                result => return result,
            }
        }
    }

    fn sync_dir(&self, dir: &Path) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            std::fs::File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            // Windows cannot open folders as files; NTFS journals the rename itself.
            let _ = dir;
            Ok(())
        }
    }

    fn remove_file(&self, path: &Path) -> std::io::Result<()> {
        std::fs::remove_file(path)
    }
}

/// What a file looked like when we last read or wrote it, to notice changes by other programs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: String,
}

impl DiskStamp {
    /// The stamp of `bytes` just read from or written to `path`.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> Self {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Self { len: bytes.len() as u64, modified, hash: quick_hash(bytes) }
    }

    /// Whether the file at `path` still holds what this stamp describes. A missing file counts
    /// as unchanged: nothing of anyone's would be overwritten.
    pub fn still_matches(&self, path: &Path) -> std::io::Result<bool> {
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
            Err(e) => return Err(e),
        };
        if metadata.len() == self.len && metadata.modified().ok() == self.modified {
            return Ok(true);
        }
        // Touched, or the clock is coarse: compare contents.
        Ok(quick_hash(&std::fs::read(path)?) == self.hash)
    }
}

/// A fast hash of a file's bytes, only compared within one run of the app (SHA-256 of a 10 MB
/// project would cost tens of milliseconds at every load and save).
fn quick_hash(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// A save that did not happen; the old file is intact in every case.
#[derive(Debug)]
pub enum SaveError {
    /// Another program changed the file since we loaded it.
    ChangedOnDisk {
        path: PathBuf,
    },
    Serialize(String),
    Io {
        path: PathBuf,
        step: &'static str,
        error: std::io::Error,
    },
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ChangedOnDisk { path } => write!(
                f,
                "{} was changed by another program since it was opened. Nothing was overwritten: reload it, \
                 or use Save As to keep your version under another name.",
                path.display()
            ),
            Self::Serialize(e) => write!(f, "Cannot save: the project could not be written as JSON ({e})."),
            Self::Io { path, step, error } => write!(
                f,
                "Cannot save {} ({step} failed: {error}). The file on disk is unchanged. {}",
                path.display(),
                advice_for(error)
            ),
        }
    }
}

impl std::error::Error for SaveError {}

/// What the user can do about a failed save, by cause.
fn advice_for(error: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "The disk is full: free some space and save again, or use Save As to save on another disk."
        }
        ErrorKind::ReadOnlyFilesystem => {
            "The disk or folder is read-only: use Save As to choose a folder you can write to."
        }
        ErrorKind::PermissionDenied => {
            "You may not write there (or another program holds the file): close that program and save \
             again, or use Save As to choose another folder."
        }
        ErrorKind::NotFound => {
            "The folder no longer exists (was it moved, renamed or on a drive that was removed?): use \
             Save As to choose where to save."
        }
        _ => "Save again, or use Save As to choose another place.",
    }
}

/// Removes temporary files that saves of `path` left behind when their process was killed
/// (`.NAME.PID.N.tmp`). A temp file is stale when its process is gone (Linux) or it is older
/// than any save could take; a save in progress in another live process is never touched.
pub fn remove_stale_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(middle) = file_name.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".tmp")) else {
            continue;
        };
        let Some(pid) = middle.split('.').next().and_then(|p| p.parse::<u32>().ok()) else { continue };
        if pid != std::process::id() && temp_owner_is_gone(pid, &entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn temp_owner_is_gone(pid: u32, entry: &std::fs::DirEntry) -> bool {
    const OLDER_THAN_ANY_SAVE: std::time::Duration = std::time::Duration::from_secs(15 * 60);
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    age.is_some_and(|age| age > OLDER_THAN_ANY_SAVE)
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically through `fs`: afterwards `path` holds either its old
/// contents or exactly `bytes`, whatever fails or wherever the process dies.
pub fn atomic_write(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "project".into());
    let temp = dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)));
    let io = |step: &'static str| move |error| SaveError::Io { path: path.to_owned(), step, error };

    let written = fs
        .create_and_write(&temp, bytes)
        .map_err(io("writing the temporary file"))
        .and_then(|()| fs.sync_file(&temp).map_err(io("flushing the temporary file")))
        .and_then(|()| match fs.copy_permissions(path, &temp) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()), // a new file
            other => other.map_err(io("keeping the file's permissions")),
        })
        .and_then(|()| fs.rename(&temp, path).map_err(io("replacing the file")));
    if let Err(e) = written {
        let _ = fs.remove_file(&temp);
        return Err(e);
    }
    // The new file is in place; a failed folder sync only weakens durability across a power cut.
    fs.sync_dir(&dir).map_err(io("flushing the folder"))
}

/// Saves `project` to `path`: refuses when the file changed since `expected` was taken, keeps a
/// backup of the replaced file, writes atomically. Returns the new stamp.
pub fn save_project(
    fs: &dyn Fs,
    path: &Path,
    project: &Project,
    version: FormatVersion,
    expected: Option<&DiskStamp>,
    backups: Option<&BackupDir>,
) -> Result<DiskStamp, SaveError> {
    let bytes = serialize_project(project, version).map_err(|e| SaveError::Serialize(e.to_string()))?;
    save_bytes(fs, path, &bytes, expected, backups)
}

/// [`save_project`] for bytes serialised beforehand (e.g. on a background thread).
pub fn save_bytes(
    fs: &dyn Fs,
    path: &Path,
    bytes: &[u8],
    expected: Option<&DiskStamp>,
    backups: Option<&BackupDir>,
) -> Result<DiskStamp, SaveError> {
    if let Some(stamp) = expected {
        let unchanged = stamp.still_matches(path).map_err(|error| SaveError::Io {
            path: path.to_owned(),
            step: "checking the file on disk",
            error,
        })?;
        if !unchanged {
            return Err(SaveError::ChangedOnDisk { path: path.to_owned() });
        }
    }
    if let Some(backups) = backups {
        // A backup that cannot be made must not stop the save itself.
        let _ = backups.keep_copy_of(path);
    }
    atomic_write(fs, path, bytes)?;
    remove_stale_temp_files(path);
    Ok(DiskStamp::of_bytes(path, bytes))
}
