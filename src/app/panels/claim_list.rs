//! The claim list: filter by tier and words, click to jump, copy what is shown. Its rows are
//! claim indices, rebuilt only when claims move or the filter changes; only visible rows are
//! formatted.

use egui::{RichText, Ui};

use super::PanelContext;
use crate::app::command::Command;
use crate::app::theme::{HIDDEN_SPOILER, quote_preview, tier_badge, tier_color};
use crate::lore::spoilers::SpoilerRule;
use crate::model::Project;

#[derive(Debug, Default)]
pub struct ClaimList {
    pub filter_text: String,
    /// Tier ids hidden from the list.
    pub hidden_tiers: Vec<String>,
    rows: Option<(ClaimListKey, Vec<usize>)>,
    /// Each claim's quote and note, lowercased for filtering, at an editor revision.
    haystack: Option<(u64, Vec<String>)>,
}

/// What the list shows depends on these; the rows are cached until one changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ClaimListKey {
    structure_revision: u64,
    note_revision: u64,
    filter: String,
    hidden_tiers: Vec<String>,
    all_articles: bool,
    article: Option<String>,
}

impl ClaimList {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelContext<'_>) {
        ui.heading("Claims");
        ui.horizontal(|ui| {
            ui.selectable_value(&mut cx.settings.claims_of_all_articles, false, "This article");
            ui.selectable_value(&mut cx.settings.claims_of_all_articles, true, "All articles");
        });
        self.tier_filter(ui, cx.doc.project());
        let filter_label = ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut self.filter_text)
                .hint_text("words in quote or note")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(filter_label.id);
        self.refresh_rows(cx);
        let Some((_, rows)) = &self.rows else { return };
        ui.label(RichText::new(format!("{} shown", rows.len())).weak());
        let project = cx.doc.project();
        let today = crate::model::today();
        let rule = SpoilerRule::with_revealed(&today, &cx.selection.revealed);
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.4 + 6.0;
        egui::ScrollArea::vertical().id_salt("claims").auto_shrink(false).show_rows(
            ui,
            row_height,
            rows.len(),
            |ui, range| {
                for claim in rows[range].iter().filter_map(|&i| project.claims.get(i)) {
                    let selected = cx.selection.claim.as_deref() == Some(claim.id.as_str());
                    if claim_row(ui, project, claim, rule.claim_hidden(project, claim), selected, row_height) {
                        cx.commands.push(Command::SelectClaim(claim.id.clone()));
                    }
                }
            },
        );
        if !rows.is_empty() && ui.button("Copy shown as Markdown").clicked() {
            // Hidden spoilers stay hidden on the clipboard too.
            let (shown, hidden): (Vec<_>, Vec<_>) =
                rows.iter().filter_map(|&i| project.claims.get(i)).partition(|c| !rule.claim_hidden(project, c));
            let ids: Vec<String> = shown.iter().map(|c| c.id.clone()).collect();
            cx.commands.push(Command::CopyText(crate::export::markdown::copy_claims(project, &ids)));
            let left_out = if hidden.is_empty() {
                String::new()
            } else {
                format!(" ({} hidden spoiler(s) left out)", hidden.len())
            };
            cx.commands.push(Command::Info(format!("Copied {} claim(s) as Markdown{left_out}.", ids.len())));
        }
    }

    fn tier_filter(&mut self, ui: &mut Ui, project: &Project) {
        ui.horizontal_wrapped(|ui| {
            for tier in &project.tiers {
                let mut shown = !self.hidden_tiers.contains(&tier.id);
                let label = RichText::new(format!("{} {}", tier.icon, tier.label)).color(tier_color(tier));
                if ui.checkbox(&mut shown, label).changed() {
                    if shown {
                        self.hidden_tiers.retain(|t| *t != tier.id);
                    } else {
                        self.hidden_tiers.push(tier.id.clone());
                    }
                }
            }
        });
    }

    fn refresh_rows(&mut self, cx: &PanelContext<'_>) {
        let editor = &cx.doc.editor;
        let project = editor.project();
        let filtering = !self.filter_text.trim().is_empty();
        let key = ClaimListKey {
            structure_revision: editor.structure_revision(),
            // Notes only matter to the list while filtering by text.
            note_revision: if filtering { editor.revision() } else { 0 },
            filter: self.filter_text.to_lowercase(),
            hidden_tiers: self.hidden_tiers.clone(),
            all_articles: cx.settings.claims_of_all_articles,
            article: cx.selection.current_article_id(project),
        };
        if self.rows.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        if filtering && self.haystack.as_ref().is_none_or(|(r, _)| *r != editor.revision()) {
            let haystack =
                project.claims.iter().map(|c| format!("{}\n{}", c.anchor.exact, c.note).to_lowercase()).collect();
            self.haystack = Some((editor.revision(), haystack));
        }
        let haystack = self.haystack.as_ref().map_or(&[][..], |(_, h)| h.as_slice());
        let rows = claim_rows(project, &key, haystack);
        self.rows = Some((key, rows));
    }
}

/// One row: badge, quote (or the spoiler cover) and the note's first words. Returns whether clicked.
fn claim_row(
    ui: &mut Ui,
    project: &Project,
    claim: &crate::model::Claim,
    hidden: bool,
    selected: bool,
    row_height: f32,
) -> bool {
    let tier = project.tier(&claim.tier);
    ui.horizontal(|ui| {
        ui.set_min_height(row_height - ui.spacing().item_spacing.y);
        tier_badge(ui, tier);
        ui.vertical(|ui| {
            // A spoiler stays hidden in the list too, note included.
            let quote = if hidden { HIDDEN_SPOILER.to_owned() } else { quote_preview(&claim.anchor.exact, 48) };
            let label =
                if claim.anchor.is_orphaned() { format!("“{quote}” (orphaned)") } else { format!("“{quote}”") };
            let tier_name = tier.map_or("unknown tier", |t| t.label.as_str());
            let clicked =
                ui.add(egui::Button::selectable(selected, label).truncate()).on_hover_text(tier_name).clicked();
            let note = if hidden { String::new() } else { quote_preview(claim.note_summary(), 48) };
            ui.label(RichText::new(if note.is_empty() { " " } else { note.as_str() }).weak().small());
            clicked
        })
        .inner
    })
    .inner
}

/// Indices of the claims the list shows. `haystack[i]` is claim i's quote and note, lowercased.
fn claim_rows(project: &Project, key: &ClaimListKey, haystack: &[String]) -> Vec<usize> {
    let needle = key.filter.trim();
    project
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| key.all_articles || Some(&c.article) == key.article.as_ref())
        .filter(|(_, c)| !key.hidden_tiers.contains(&c.tier))
        .filter(|(i, _)| needle.is_empty() || haystack.get(*i).is_some_and(|h| h.contains(needle)))
        .map(|(i, _)| i)
        .collect()
}
