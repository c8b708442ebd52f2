//! Crash-safe saving.
//!
//! A save never leaves a partial file: the bytes go to a temp file in the same folder, which is
//! synced, given the old file's permissions, renamed over the target, and the folder is synced so
//! the rename itself survives a power cut. Each step goes through [`Fs`], so tests can make any
//! step fail and check that the old file is intact.
//!
//! Once the rename succeeded the new file is in place: a folder flush that fails afterwards (some
//! network and FUSE file systems refuse to flush folders) is a [`DurabilityWarning`] on a
//! successful save, never an error that would claim the file is unchanged.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use sha2::Digest as _;

use super::backup::BackupDir;
use super::format::{FormatVersion, serialize_project};
use super::pause::{self, SaveStep};
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
        let (first, second) = bytes.split_at(bytes.len() / 2);
        file.write_all(first)?;
        pause::at(SaveStep::TempWrite);
        file.write_all(second)
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
///
/// Length and modification time alone cannot tell: another program may write the same number
/// of bytes within the file system's time granularity. So the contents are compared by SHA-256
/// whenever the length matches (a different length is a change without reading anything).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    /// Kept for display ("changed at ..."); never trusted to decide that nothing changed.
    pub modified: Option<SystemTime>,
    pub hash: String,
}

impl DiskStamp {
    /// The stamp of `bytes` just read from or written to `path`.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> Self {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Self { len: bytes.len() as u64, modified, hash: content_hash(bytes) }
    }

    /// Whether the file at `path` still holds what this stamp describes. A missing file counts
    /// as unchanged: nothing of anyone's would be overwritten.
    pub fn still_matches(&self, path: &Path) -> std::io::Result<bool> {
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
            Err(e) => return Err(e),
        };
        if metadata.len() != self.len {
            return Ok(false);
        }
        Ok(content_hash(&std::fs::read(path)?) == self.hash)
    }
}

/// SHA-256 of a file's bytes, in hex.
fn content_hash(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().fold(String::with_capacity(64), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

/// A save that happened, but whose folder could not be flushed: the new file is in place and
/// will be read back by every program, but a power cut in the next seconds might undo the rename.
#[derive(Debug)]
pub struct DurabilityWarning {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl std::fmt::Display for DurabilityWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Saved {}, but its folder could not be flushed to the disk ({}). The file is saved; only a power \
             cut in the next few seconds could undo it. Some network and FUSE drives do not allow this step.",
            self.path.display(),
            self.error
        )
    }
}

/// A successful save: the file's new stamp, and a warning if the save may not survive a power cut.
#[derive(Debug)]
pub struct Saved {
    pub stamp: DiskStamp,
    pub warning: Option<DurabilityWarning>,
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
/// contents or exactly `bytes`, whatever fails or wherever the process dies. A folder flush that
/// fails after the rename is logged, not returned (see [`atomic_write_reporting`]).
pub fn atomic_write(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    if let Some(warning) = atomic_write_reporting(fs, path, bytes)? {
        crate::log::error(&warning.to_string());
    }
    Ok(())
}

/// [`atomic_write`], returning the warning when the new file is in place but its folder could
/// not be flushed.
pub fn atomic_write_reporting(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> Result<Option<DurabilityWarning>, SaveError> {
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
        .and_then(|()| {
            pause::at(SaveStep::Fsync);
            fs.sync_file(&temp).map_err(io("flushing the temporary file"))
        })
        .and_then(|()| match fs.copy_permissions(path, &temp) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()), // a new file
            other => other.map_err(io("keeping the file's permissions")),
        })
        .and_then(|()| {
            pause::at(SaveStep::Rename);
            fs.rename(&temp, path).map_err(io("replacing the file"))
        });
    if let Err(e) = written {
        let _ = fs.remove_file(&temp);
        return Err(e);
    }
    // The new file is in place; a failed folder sync only weakens durability across a power cut.
    pause::at(SaveStep::FolderFsync);
    Ok(fs.sync_dir(&dir).err().map(|error| DurabilityWarning { path: path.to_owned(), error }))
}

/// Saves `project` to `path`: refuses when the file changed since `expected` was taken, keeps a
/// backup of the replaced file, writes atomically. Returns the new stamp; a durability warning
/// is logged (use [`save_project_reporting`] to show it).
pub fn save_project(
    fs: &dyn Fs,
    path: &Path,
    project: &Project,
    version: FormatVersion,
    expected: Option<&DiskStamp>,
    backups: Option<&BackupDir>,
) -> Result<DiskStamp, SaveError> {
    save_project_reporting(fs, path, project, version, expected, backups).map(logged)
}

/// [`save_project`], returning the stamp together with any durability warning.
pub fn save_project_reporting(
    fs: &dyn Fs,
    path: &Path,
    project: &Project,
    version: FormatVersion,
    expected: Option<&DiskStamp>,
    backups: Option<&BackupDir>,
) -> Result<Saved, SaveError> {
    let bytes = serialize_project(project, version).map_err(|e| SaveError::Serialize(e.to_string()))?;
    save_bytes_reporting(fs, path, &bytes, expected, backups)
}

/// [`save_project`] for bytes serialised beforehand (e.g. on a background thread).
pub fn save_bytes(
    fs: &dyn Fs,
    path: &Path,
    bytes: &[u8],
    expected: Option<&DiskStamp>,
    backups: Option<&BackupDir>,
) -> Result<DiskStamp, SaveError> {
    save_bytes_reporting(fs, path, bytes, expected, backups).map(logged)
}

fn logged(saved: Saved) -> DiskStamp {
    if let Some(warning) = &saved.warning {
        crate::log::error(&warning.to_string());
    }
    saved.stamp
}

/// [`save_bytes`], returning the stamp together with any durability warning.
pub fn save_bytes_reporting(
    fs: &dyn Fs,
    path: &Path,
    bytes: &[u8],
    expected: Option<&DiskStamp>,
    backups: Option<&BackupDir>,
) -> Result<Saved, SaveError> {
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
    let warning = atomic_write_reporting(fs, path, bytes)?;
    remove_stale_temp_files(path);
    Ok(Saved { stamp: DiskStamp::of_bytes(path, bytes), warning })
}
