//! Merging two versions of a project.
//!
//! - [`merge`] (in [`project`]): the three-way merge over (base, mine, theirs) that the git
//!   merge driver and File > Merge run. Objects match by id; each field merges on its own;
//!   conflicts are recorded in the project's `conflicts` (see [`crate::model::MergeConflict`]).
//! - [`resolve`]: settling recorded conflicts (keep mine / take theirs / keep both).
//! - [`from_file`]: File > Merge without git: the base is the version last merged from the
//!   same source, kept by [`memory::MergeMemory`].
//! - [`two_way`]: the earlier two-way plan (`plan`, `apply`), kept for the app's current dialog.

mod anchors;
mod error;
mod fields;
pub mod from_file;
mod kinds;
mod lists;
pub mod memory;
mod objects;
mod project;
pub mod resolve;
pub mod text;
pub mod two_way;

pub use error::MergeError;
pub use from_file::merge_from_file;
pub use project::merge;
pub use resolve::{Choice, can_keep_both, resolve, resolve_all};
pub use two_way::{Conflict, MergePlan, Resolution, apply, plan};
