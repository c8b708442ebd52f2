//! Why a merge or a resolution could not be done.

/// A merge or resolution failure. The projects given are never changed by a failed merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// An object did not convert to or from JSON (a bug, or a field of the wrong type).
    Json(String),
    /// An object's JSON was not an object.
    NotAnObject,
    NoSuchConflict {
        index: usize,
    },
    /// The object a conflict names is not in the project any more.
    ObjectMissing {
        conflict: String,
    },
    UnknownObject {
        kind: String,
    },
    KeepBothNotOffered {
        conflict: String,
    },
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Json(message) => write!(f, "an object could not be merged: {message}"),
            Self::NotAnObject => write!(f, "an object could not be merged: it is not a JSON object"),
            Self::NoSuchConflict { index } => write!(f, "there is no conflict number {}", index + 1),
            Self::ObjectMissing { conflict } => {
                write!(f, "{conflict}: the object is not in the project any more; keep mine to drop the conflict")
            }
            Self::UnknownObject { kind } => {
                write!(f, "a conflict on a {kind:?}, which this Canonry does not know; keep mine to drop it")
            }
            Self::KeepBothNotOffered { conflict } => {
                write!(f, "{conflict}: \"keep both\" is not possible here; keep mine or take theirs")
            }
        }
    }
}

impl std::error::Error for MergeError {}
