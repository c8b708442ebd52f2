//! Reading and writing `.canonry` project files.
//!
//! - [`format`]: the file envelope (format id, version, generator) and deterministic output.
//! - [`load`]: bytes to a [`crate::model::Project`], with errors that say where and what to do.
//! - [`migrate`]: step-by-step upgrades of older format versions.
//! - [`save`]: crash-safe writing (temp file, fsync, rename, fsync folder) and change detection.
//! - [`backup`]: rotating copies of what a save replaces.
//! - [`recovery`]: recovery files for unsaved work, offered again after a crash.
//! - [`disk_worker`] and [`disk_job`]: the open project's disk work, on a background thread.

pub mod backup;
pub mod disk_job;
pub mod disk_worker;
pub mod format;
pub mod load;
pub mod lock;
pub mod migrate;
pub mod parse_error;
pub mod pause;
pub mod recovery;
pub mod save;

pub use format::{CURRENT_VERSION, FORMAT_ID, FormatVersion, serialize_project};
pub use load::{LoadError, LoadedProject, ParseError, load_file, parse_project};
pub use save::{
    DiskStamp, DurabilityWarning, Fs, RealFs, SaveError, Saved, atomic_write, atomic_write_reporting,
    save_bytes_reporting, save_project, save_project_reporting,
};
