//! What the import preview shows of a primary source: an episode's series, season, number and
//! title (editable: the claims' citations carry what they say when the import is accepted), a
//! novel's chapters, a wiki page's licence and sources, and the citation a claim tagged in the
//! text will get.

use egui::{RichText, Ui};

use crate::import::{Episode, Imported};
use crate::model::CitationKind;

/// What kind of source a previewed page is, decided once when the preview opens (so a field
/// does not vanish when the user empties it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Episode,
    Novel,
    WikiPage,
    Other,
}

impl SourceKind {
    pub fn of(imported: &Imported) -> Self {
        if imported.episode.is_some() {
            Self::Episode
        } else if imported.primary_source.as_ref().is_some_and(|c| c.kind == CitationKind::Novel) {
            Self::Novel
        } else if !imported.licence.is_empty() || imported.segments.iter().any(|s| !s.citations.is_empty()) {
            Self::WikiPage
        } else {
            Self::Other
        }
    }
}

/// Season and episode numbers as typed: half-typed or not numbers yet, they are kept here and
/// the episode keeps its last valid value.
#[derive(Debug, Default)]
pub struct EpisodeDraft {
    season: String,
    number: String,
    invalid: bool,
}

impl EpisodeDraft {
    fn of(episode: &Episode) -> Self {
        let text = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        Self { season: text(episode.season), number: text(episode.number), invalid: false }
    }
}

/// The source's own fields and facts for `imported`, of kind `kind`.
pub fn source_ui(ui: &mut Ui, kind: SourceKind, imported: &mut Imported, draft: &mut Option<EpisodeDraft>) {
    match kind {
        SourceKind::Episode => episode_ui(ui, imported, draft),
        SourceKind::Novel => chapters_ui(ui, imported),
        SourceKind::WikiPage => wiki_ui(ui, imported),
        SourceKind::Other => {}
    }
    if let Some(example) = cited_as(imported) {
        ui.label(format!("A claim tagged in it is cited as: {example}"));
    }
}

fn episode_ui(ui: &mut Ui, imported: &mut Imported, draft: &mut Option<EpisodeDraft>) {
    let Imported { episode: Some(episode), title, .. } = imported else { return };
    let draft = draft.get_or_insert_with(|| EpisodeDraft::of(episode));
    let title_before = episode.article_title();
    let mut numbers_changed = false;
    let mut changed = false;
    egui::Grid::new("import-episode").num_columns(2).show(ui, |ui| {
        let label = ui.label("Series");
        changed |= ui
            .add(egui::TextEdit::singleline(&mut episode.series).desired_width(420.0))
            .labelled_by(label.id)
            .changed();
        ui.end_row();
        for (name, field) in [("Season", &mut draft.season), ("Episode", &mut draft.number)] {
            let label = ui.label(name);
            numbers_changed |=
                ui.add(egui::TextEdit::singleline(field).desired_width(60.0)).labelled_by(label.id).changed();
            ui.end_row();
        }
        let label = ui.label("Episode title");
        changed |=
            ui.add(egui::TextEdit::singleline(&mut episode.title).desired_width(420.0)).labelled_by(label.id).changed();
        ui.end_row();
    });
    if numbers_changed {
        match (parse_number(&draft.season, 's'), parse_number(&draft.number, 'e')) {
            (Some(season), Some(number)) => {
                (episode.season, episode.number, draft.invalid) = (season, number, false);
                changed = true;
            }
            _ => draft.invalid = true,
        }
    }
    if draft.invalid {
        ui.colored_label(ui.visuals().error_fg_color, "Season and episode are numbers, such as 1 and 10.");
    }
    // The article's title follows the episode unless the user wrote one of their own.
    if changed && *title == title_before {
        *title = episode.article_title();
    }
}

/// "10", " S01 " or "" (unknown); `None` when it is not a number.
fn parse_number(text: &str, letter: char) -> Option<Option<u32>> {
    let text = text.trim();
    let text = text.strip_prefix([letter, letter.to_ascii_uppercase()]).unwrap_or(text).trim();
    if text.is_empty() { Some(None) } else { text.parse().ok().map(Some) }
}

fn chapters_ui(ui: &mut Ui, imported: &Imported) {
    ui.label(format!("{} chapters, in reading order:", imported.segments.len()));
    egui::ScrollArea::vertical().id_salt("import-chapters").max_height(96.0).show(ui, |ui| {
        for (i, chapter) in imported.segments.iter().enumerate() {
            ui.label(RichText::new(format!("{}. {}", i + 1, chapter.detail)).weak());
        }
    });
}

fn wiki_ui(ui: &mut Ui, imported: &mut Imported) {
    egui::Grid::new("import-licence").num_columns(2).show(ui, |ui| {
        let label = ui.label("Licence");
        ui.add(egui::TextEdit::singleline(&mut imported.licence).desired_width(420.0)).labelled_by(label.id);
        ui.end_row();
    });
    let cited: Vec<_> = imported.segments.iter().filter(|s| !s.citations.is_empty()).collect();
    let sources: usize = cited.iter().map(|s| s.citations.len()).sum();
    ui.label(format!(
        "{sources} sources found, attached to {} sentences: a claim tagged in one gets them.",
        cited.len()
    ));
}

/// The citation a claim tagged in the first piece (cue, chapter) gets, as the fields now say.
fn cited_as(imported: &Imported) -> Option<String> {
    let mut citation = imported.work_citation()?;
    if let Some(detail) = imported.segments.iter().map(|s| s.detail.trim()).find(|d| !d.is_empty()) {
        citation.detail =
            if citation.detail.is_empty() { detail.to_owned() } else { format!("{}, {detail}", citation.detail) };
    }
    Some(citation.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_may_be_typed_with_their_letter_or_left_empty() {
        assert_eq!(parse_number(" S01 ", 's'), Some(Some(1)));
        assert_eq!(parse_number("e10", 'e'), Some(Some(10)));
        assert_eq!(parse_number("", 'e'), Some(None));
        assert_eq!(parse_number("ten", 'e'), None);
    }
}
