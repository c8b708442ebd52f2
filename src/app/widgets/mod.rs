//! Reusable widgets: the virtualised article reader, the Markdown preview, a claim's line.

pub mod article_view;
pub mod claim_button;
pub mod command_button;
pub mod markdown;
