//! CSV: one row per claim (RFC 4180 quoting by the `csv` crate). Cells that a spreadsheet would
//! run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) get a leading
//! apostrophe, as OWASP advises.

use super::ExportOptions;
use crate::model::Project;

/// Makes a cell inert in spreadsheets.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// `licence` last: the quotes are the article's words, and a CC BY-SA source must be named
/// with them (added in format 1.2; columns before it are unchanged).
pub const HEADER: [&str; 12] = [
    "article",
    "source_url",
    "tier",
    "quote",
    "note",
    "citations",
    "start",
    "end",
    "status",
    "created",
    "modified",
    "licence",
];

pub fn export(project: &Project, options: &ExportOptions) -> Result<String, super::ExportError> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(HEADER)?;
    let selection = super::Selection::new(project, options);
    for article in selection.articles() {
        for claim in selection.claims(&article.id) {
            let tier = project.tier(&claim.tier).map_or(claim.tier.as_str(), |t| t.label.as_str());
            let note = if options.with_notes() { claim.note.as_str() } else { "" };
            // A spreadsheet has no cover: by default a spoiler's row is written like any other;
            // `hide_spoilers` and `spoiler_free` leave it out (the selection decides).
            let citations = if options.with_citations() {
                claim.citations.iter().map(|c| c.display()).collect::<Vec<_>>().join("; ")
            } else {
                String::new()
            };
            let status = if claim.anchor.is_orphaned() { "orphaned" } else { "anchored" };
            let record = [
                article.title.as_str(),
                article.source_url.as_str(),
                tier,
                claim.anchor.exact.as_str(),
                note,
                citations.as_str(),
                &claim.anchor.start.to_string(),
                &claim.anchor.end.to_string(),
                status,
                claim.created.as_str(),
                claim.modified.as_str(),
                article.licence.as_str(),
            ]
            .map(neutralise);
            writer.write_record(&record)?;
        }
    }
    let bytes = writer.into_inner()?;
    // Every cell is a `&str`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
