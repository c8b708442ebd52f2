//! Read-only questions asked of a project's lore: links and contradictions, the dashboard, the
//! glossary's name matching, the timeline, search, and the one spoiler rule every view and
//! export uses.

mod dashboard;
pub mod glossary;
mod links;
pub mod search;
pub mod spoilers;
pub mod timeline;

pub use dashboard::{Dashboard, dashboard, dashboard_with};
pub use links::{links_of, open_contradictions, supersession_chain};
