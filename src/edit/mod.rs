//! Changing a project: the undoable [`Editor`] that every UI action goes through, and
//! [`merge`], bringing a friend's project into this one.

mod editor;
pub mod merge;

pub use editor::Editor;
