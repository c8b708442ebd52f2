//! Lore > Dashboard: claims per tier as bars, canon share, contradictions, orphans,
//! confirmations and retcons, most-mentioned names and recent activity.

use egui::RichText;

use super::DialogContext;
use crate::app::theme::{short_quote, tier_color};
use crate::lore::Dashboard;

/// The figures, computed once per editor revision and scope.
#[derive(Default)]
pub struct DashboardDialog {
    pub article_only: bool,
    figures: Option<((u64, Option<String>), Dashboard)>,
}

impl DashboardDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Dashboard");
        let project = cx.doc.project();
        let article = cx.selection.current_article(project);
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.article_only, false, "Whole project");
            if let Some(article) = article {
                ui.radio_value(
                    &mut self.article_only,
                    true,
                    format!("This article: {}", short_quote(&article.title, 30)),
                );
            }
        });
        let scope = if self.article_only { article.map(|a| a.id.clone()) } else { None };
        let key = (cx.doc.editor.revision(), scope);
        if self.figures.as_ref().is_none_or(|(k, _)| *k != key) {
            let figures = crate::lore::dashboard(project, key.1.as_deref());
            self.figures = Some((key, figures));
        }
        let Some((_, figures)) = &self.figures else { return true };
        tier_bars(ui, project, figures);
        egui::Grid::new("dashboard-figures").num_columns(2).show(ui, |ui| {
            for (label, value) in [
                ("Claims", figures.claims.to_string()),
                ("Canon share", format!("{:.0}%", figures.canon_share * 100.0)),
                ("Open contradictions", figures.open_contradictions.to_string()),
                ("Orphaned claims", figures.orphans.to_string()),
                ("Speculation later confirmed", figures.confirmed_speculation.to_string()),
                ("Canon later retconned", figures.retconned_canon.to_string()),
            ] {
                ui.label(label);
                ui.label(RichText::new(value).strong());
                ui.end_row();
            }
        });
        if !figures.top_names.is_empty() {
            ui.label(RichText::new("Most-mentioned names").strong());
            ui.label(figures.top_names.iter().map(|(n, c)| format!("{n} ({c})")).collect::<Vec<_>>().join(" · "));
        }
        if !figures.recent.is_empty() {
            ui.label(RichText::new("Recent activity").strong());
            for (when, what) in &figures.recent {
                ui.label(RichText::new(format!("{} · {what}", when.get(..16).unwrap_or(when))).small());
            }
        }
        !ui.button("Close").clicked()
    }
}

/// Claims per tier as horizontal bars.
fn tier_bars(ui: &mut egui::Ui, project: &crate::model::Project, figures: &Dashboard) {
    let max = figures.per_tier.iter().map(|(_, _, n)| *n).max().unwrap_or(0).max(1);
    for (id, label, count) in &figures.per_tier {
        let color = project.tier(id).map_or(ui.visuals().text_color(), tier_color);
        ui.horizontal(|ui| {
            ui.add_sized([110.0, 18.0], egui::Label::new(RichText::new(label).color(color)));
            let width = 260.0 * *count as f32 / max as f32;
            let (rect, _) = ui.allocate_exact_size(egui::vec2(260.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(egui::Rect::from_min_size(rect.min, egui::vec2(width, 14.0)), 2.0, color);
            ui.label(count.to_string());
        });
    }
}
