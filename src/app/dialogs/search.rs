//! Lore > Search Everything: article texts, quotes, notes, sources, names and the
//! journal as you type, with filters; a result takes you to its place. The index is built once
//! per editor revision and only visible rows are laid out.

use egui::RichText;

use super::DialogContext;
use crate::app::command::Command;
use crate::app::command::DialogRequest;
use crate::app::selection::NotesTab;
use crate::app::theme::{HIDDEN_SPOILER, short_quote, tier_color};
use crate::lore::search::{Hit, Place, SearchFilters, SearchIndex};
use crate::lore::spoilers::SpoilerRule;
use crate::model::Project;

#[derive(Default)]
pub struct SearchDialog {
    pub query: String,
    pub filters: SearchFilters,
    index: Option<(u64, SearchIndex)>,
    hits: Vec<Hit>,
    hits_key: Option<(String, SearchFilters, u64)>,
    focus: bool,
}

impl SearchDialog {
    /// Hits at most this many: more would not be read, and the list stays instant.
    pub const LIMIT: usize = 300;

    /// Gives the query box focus on the next frame.
    pub fn focus_query(&mut self) {
        self.focus = true;
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Brings the hits up to date with the query, filters and project (cheap when nothing changed).
    pub fn refresh(&mut self, project: &Project, revision: u64) {
        if self.index.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.index = Some((revision, SearchIndex::new(project)));
        }
        let key = (self.query.clone(), self.filters.clone(), revision);
        if self.hits_key.as_ref() != Some(&key) {
            if let Some((_, index)) = &self.index {
                self.hits = index.search(project, &self.query, &self.filters, Self::LIMIT);
            }
            self.hits_key = Some(key);
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Search everything");
        let label = ui.label("Search for");
        let query = ui
            .add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("Words in articles, quotes, notes, sources, names…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut self.focus) {
            query.request_focus();
        }
        let project = cx.doc.project();
        filters_ui(ui, project, &mut self.filters);
        self.refresh(project, cx.doc.editor.revision());
        ui.separator();
        if !self.query.trim().is_empty() {
            let more = if self.hits.len() >= Self::LIMIT { "+" } else { "" };
            ui.label(RichText::new(format!("{}{more} results", self.hits.len())).weak());
        }
        let today = crate::model::today();
        let rule = SpoilerRule::with_revealed(&today, &cx.selection.revealed);
        let mut jump = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical().max_height(360.0).auto_shrink([false, true]).show_rows(
            ui,
            row_height,
            self.hits.len(),
            |ui, rows| {
                for i in rows {
                    let hit = &self.hits[i];
                    let (place, color) = describe(project, &hit.place);
                    let snippet = if is_hidden(project, &rule, hit) { HIDDEN_SPOILER } else { hit.snippet.as_str() };
                    ui.horizontal(|ui| {
                        ui.label(match color {
                            Some(color) => RichText::new(&place).color(color),
                            None => RichText::new(&place).weak(),
                        });
                        let button = egui::Button::new(snippet).frame(false).truncate();
                        if ui.add(button).on_hover_text(snippet).clicked() {
                            jump = Some(i);
                        }
                    });
                }
            },
        );
        if let Some(hit) = jump.and_then(|i| self.hits.get(i)) {
            return go_to(cx, &hit.place);
        }
        !ui.button("Close").clicked()
    }
}

/// Whether a hit shows words of a hidden spoiler: a hidden claim's quote, note or source, or the
/// text of a hidden article or inside a hidden claim's words.
fn is_hidden(project: &Project, rule: &SpoilerRule<'_>, hit: &Hit) -> bool {
    match &hit.place {
        Place::Quote { claim } | Place::Note { claim } | Place::Citation { claim, .. } => {
            project.claim(claim).is_some_and(|c| rule.claim_hidden(project, c))
        }
        Place::ArticleText { article, start, end } => {
            project.article(article).is_some_and(|a| rule.article_hidden(a))
                || project
                    .claims_of(article)
                    .any(|c| c.anchor.start < *end && *start < c.anchor.end && rule.claim_hidden(project, c))
        }
        Place::ArticleNotes { article } => project.article(article).is_some_and(|a| rule.article_hidden(a)),
        Place::Glossary { .. } | Place::Journal => false,
    }
}

fn filters_ui(ui: &mut egui::Ui, project: &Project, filters: &mut SearchFilters) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Tiers:");
        for tier in &project.tiers {
            let mut on = filters.tiers.as_ref().is_none_or(|t| t.contains(&tier.id));
            if ui.checkbox(&mut on, RichText::new(&tier.label).color(tier_color(tier))).changed() {
                let all = || project.tiers.iter().map(|t| t.id.clone()).collect();
                let mut set = filters.tiers.clone().unwrap_or_else(all);
                if on {
                    set.insert(tier.id.clone());
                } else {
                    set.remove(&tier.id);
                }
                filters.tiers = (set.len() < project.tiers.len()).then_some(set);
            }
        }
        ui.checkbox(&mut filters.has_contradictions, "Has open contradictions");
    });
    ui.horizontal_wrapped(|ui| {
        let article_label = filters
            .article
            .as_ref()
            .and_then(|id| project.article(id))
            .map_or("All articles".to_owned(), |a| short_quote(&a.title, 24));
        egui::ComboBox::from_label("Article").selected_text(article_label).show_ui(ui, |ui| {
            ui.selectable_value(&mut filters.article, None, "All articles");
            for article in &project.articles {
                ui.selectable_value(&mut filters.article, Some(article.id.clone()), short_quote(&article.title, 40));
            }
        });
        let kind_label = filters.citation_kind.map_or("Any source", |k| k.label());
        egui::ComboBox::from_label("Source").selected_text(kind_label).show_ui(ui, |ui| {
            ui.selectable_value(&mut filters.citation_kind, None, "Any source");
            for kind in crate::model::CitationKind::ALL {
                ui.selectable_value(&mut filters.citation_kind, Some(kind), kind.label());
            }
        });
        let name_label = filters
            .name
            .as_ref()
            .and_then(|id| project.glossary.iter().find(|e| &e.id == id))
            .map_or("Any name".to_owned(), |e| e.name.clone());
        egui::ComboBox::from_label("Name").selected_text(name_label).show_ui(ui, |ui| {
            ui.selectable_value(&mut filters.name, None, "Any name");
            for entry in &project.glossary {
                ui.selectable_value(&mut filters.name, Some(entry.id.clone()), &entry.name);
            }
        });
    });
    ui.horizontal(|ui| {
        let from = ui.label("Tagged from");
        ui.add(egui::TextEdit::singleline(&mut filters.from_date).hint_text("YYYY-MM-DD").desired_width(90.0))
            .labelled_by(from.id);
        let to = ui.label("to");
        ui.add(egui::TextEdit::singleline(&mut filters.to_date).hint_text("YYYY-MM-DD").desired_width(90.0))
            .labelled_by(to.id);
    });
}

/// Where a hit is, for the result list, and its tier colour when it is a claim.
fn describe(project: &Project, place: &Place) -> (String, Option<egui::Color32>) {
    let article_title = |id: &str| project.article(id).map(|a| short_quote(&a.title, 24)).unwrap_or_default();
    let claim_tier = |id: &str| project.claim(id).and_then(|c| project.tier(&c.tier)).map(tier_color);
    match place {
        Place::ArticleText { article, .. } => (format!("Text of {}", article_title(article)), None),
        Place::ArticleNotes { article } => (format!("Notes on {}", article_title(article)), None),
        Place::Quote { claim } => ("Quote".into(), claim_tier(claim)),
        Place::Note { claim } => ("Note".into(), claim_tier(claim)),
        Place::Citation { claim, .. } => ("Source".into(), claim_tier(claim)),
        Place::Glossary { .. } => ("Glossary".into(), None),
        Place::Journal => ("Journal".into(), None),
    }
}

/// Goes to a hit's place; returns whether the dialog stays open.
fn go_to(cx: &mut DialogContext<'_>, place: &Place) -> bool {
    match place {
        Place::ArticleText { article, start, end } => {
            cx.commands.push(Command::GoToText { article: article.clone(), start: *start, end: *end });
        }
        Place::ArticleNotes { article } => {
            cx.commands.push(Command::SelectArticle(article.clone()));
            cx.commands.push(Command::ClearClaimSelection);
            cx.commands.push(Command::ShowNotesTab(NotesTab::Notes));
        }
        Place::Quote { claim } | Place::Note { claim } | Place::Citation { claim, .. } => {
            cx.commands.push(Command::SelectClaim(claim.clone()));
        }
        Place::Glossary { entry } => cx.commands.push(DialogRequest::Glossary(Some(entry.clone()))),
        Place::Journal => cx.commands.push(Command::ShowNotesTab(NotesTab::Journal)),
    }
    false
}
