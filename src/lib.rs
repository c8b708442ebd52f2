//! Canonry: a desktop lore journal.
//!
//! The core (model, storage, text, CLI) is plain Rust with no UI dependency and is tested
//! headlessly; the egui desktop app in [`app`] is a thin layer that turns input into commands on
//! the core.

pub mod anchoring;
pub mod cli;
pub mod edit;
pub mod export;
pub mod import;
pub mod log;
pub mod lore;
pub mod model;
pub mod paths;
pub mod storage;
pub mod suggest;
pub mod text;

#[cfg(feature = "gui")]
pub mod app;

/// The application id: window class, data folders, packaging.
pub const APP_ID: &str = "io.github.canonry.Canonry";

/// The sample project shown on first launch.
pub const SAMPLE_PROJECT: &str = include_str!("../assets/samples/picard-rescue-mission.canonry");
