//! "Is this project open in another Canonry window?" A lock file beside the project
//! (`.NAME.canonry.lock`) is held with an OS file lock while the project is open. The OS releases
//! the lock when the process ends, even by a crash, so a stale lock file is simply taken over.
//! (The project file itself is never locked: saving replaces it by renaming.)

use std::fs::File;
use std::path::{Path, PathBuf};

/// A held lock; released (and its file removed) on drop.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    _file: File,
}

/// Why a lock could not be had.
#[derive(Debug)]
pub enum LockError {
    /// Another running Canonry holds it.
    HeldElsewhere,
    Io(std::io::Error),
}

/// The lock file of a project.
pub fn lock_path(project: &Path) -> PathBuf {
    let name = project.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    project.with_file_name(format!(".{name}.lock"))
}

impl ProjectLock {
    pub fn acquire(project: &Path) -> Result<Self, LockError> {
        let path = lock_path(project);
        let file = File::options().create(true).truncate(false).write(true).open(&path).map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { path, _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(LockError::HeldElsewhere),
            Err(std::fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
        }
    }
}

impl ProjectLock {
    /// Whether this is the lock of `project` (a window reopening its own project keeps it:
    /// the OS refuses a second lock on the same file even to the same process).
    pub fn is_for(&self, project: &Path) -> bool {
        let same = |a: &Path, b: &Path| match (std::path::absolute(a), std::path::absolute(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        };
        same(&self.path, &lock_path(project))
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let project = dir.path().join("lore.canonry");
        let _first = ProjectLock::acquire(&project).expect("first window");
        assert!(matches!(ProjectLock::acquire(&project), Err(LockError::HeldElsewhere)));
    }

    #[test]
    fn a_stale_lock_file_from_a_crashed_window_is_taken_over() {
        let dir = tempfile::tempdir().expect("tmp");
        let project = dir.path().join("lore.canonry");
        // What a crash leaves: the lock file, with no process holding its lock.
        std::fs::write(lock_path(&project), b"").expect("stale lock file");
        let lock = ProjectLock::acquire(&project).expect("taken over");
        assert!(matches!(ProjectLock::acquire(&project), Err(LockError::HeldElsewhere)));
        drop(lock);
    }

    #[test]
    fn a_lock_knows_its_project() {
        let dir = tempfile::tempdir().expect("tmp");
        let project = dir.path().join("lore.canonry");
        let lock = ProjectLock::acquire(&project).expect("lock");
        assert!(lock.is_for(&project));
        assert!(!lock.is_for(&dir.path().join("other.canonry")));
    }

    #[test]
    fn released_locks_can_be_taken_again() {
        let dir = tempfile::tempdir().expect("tmp");
        let project = dir.path().join("lore.canonry");
        drop(ProjectLock::acquire(&project).expect("lock"));
        let again = ProjectLock::acquire(&project).expect("taken again");
        drop(again);
        assert!(!lock_path(&project).exists());
    }
}
