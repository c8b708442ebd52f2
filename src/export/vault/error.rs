//! Why a vault export stopped. Notes written before the error are complete (each write is
//! atomic) and a later export picks up where this one stopped.

use std::path::PathBuf;

use crate::storage::SaveError;

#[derive(Debug)]
pub enum VaultError {
    /// The vault folder, or a folder Canonry writes into, exists but is a file.
    NotAFolder {
        path: PathBuf,
    },
    /// A folder Canonry would write into is a symbolic link, which could lead outside the vault.
    LinkedFolder {
        path: PathBuf,
    },
    /// A note path that would leave the vault folder (a bug: names are made safe first).
    Escapes {
        path: PathBuf,
    },
    CreateFolder {
        path: PathBuf,
        error: std::io::Error,
    },
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Write(SaveError),
    Archive {
        from: PathBuf,
        to: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotAFolder { path } => {
                write!(
                    f,
                    "{} is a file, not a folder: choose a folder for the vault, or move the file away.",
                    path.display()
                )
            }
            Self::LinkedFolder { path } => write!(
                f,
                "{} is a symbolic link; Canonry writes only inside the vault folder. Replace the link with a real \
                 folder, or export to the folder it points to.",
                path.display()
            ),
            Self::Escapes { path } => write!(
                f,
                "Refusing to write {}: it would leave the vault folder. Nothing was changed; please report this.",
                path.display()
            ),
            Self::CreateFolder { path, error } => {
                write!(f, "Cannot create the folder {} ({error}): check that you may write there.", path.display())
            }
            Self::Read { path, error } => write!(
                f,
                "Cannot read {} ({error}); nothing was changed in the vault. Check its permissions and export again.",
                path.display()
            ),
            Self::Write(error) => {
                write!(f, "{error} The notes written before it are complete; export again to finish.")
            }
            Self::Archive { from, to, error } => write!(
                f,
                "Cannot move {} to {} ({error}); the note is unchanged where it was. Export again to retry.",
                from.display(),
                to.display()
            ),
        }
    }
}

impl std::error::Error for VaultError {}

impl From<SaveError> for VaultError {
    fn from(error: SaveError) -> Self {
        Self::Write(error)
    }
}
