//! The centre: notices, the article's header, the find bar, and the article view with its tier
//! toolbar.

use egui::{RichText, Ui};

use super::{FindBar, PaneFit, PanelContext};
use crate::app::command::Command;
use crate::app::suggestions::SelectionSuggestion;
use crate::app::theme::tier_color;
use crate::app::widgets::article_view::ArticleView;
use crate::model::Tier;

pub fn reader_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    view: &mut ArticleView,
    find_bar: &mut FindBar,
    fit: &PaneFit,
) {
    cx.notices.ui(ui);
    if let Some(side) = fit.collapsed {
        let (name, command) = match side {
            super::Side::Sidebar => ("articles and claims pane", crate::app::ui_command::UiCommand::ToggleSidebar),
            super::Side::Notes => ("notes pane", crate::app::ui_command::UiCommand::ToggleNotesPane),
        };
        let shortcut = command.shortcuts().first().map(|s| ui.ctx().format_shortcut(s)).unwrap_or_default();
        ui.label(RichText::new(format!("Narrow window: the {name} is hidden ({shortcut} shows it).")).weak().small());
    }
    let project = cx.doc.project();
    let Some(article) = cx.selection.current_article(project) else {
        ui.centered_and_justified(|ui| {
            ui.label("This project has no articles. Use File > Import Article, or drop a .txt or .md file here.");
        });
        return;
    };
    ui.heading(&article.title);
    let source: Vec<&str> =
        [article.author.as_str(), article.published.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    ui.horizontal_wrapped(|ui| {
        if !source.is_empty() {
            ui.label(RichText::new(source.join(" · ")).weak());
        }
        if crate::text::is_web_url(&article.source_url) {
            ui.hyperlink_to(RichText::new(&article.source_url).small(), &article.source_url);
        }
    });
    if find_bar.open {
        find_bar.ui(ui, &article.id, &article.text, view);
    }
    ui.separator();
    let revision = cx.doc.editor.structure_revision();
    let selected = cx.selection.claim.as_deref();
    let output = view.show(ui, article, project, revision, &cx.selection.revealed, selected, cx.settings.text_size);
    if let Some(claim) = output.clicked_claim {
        cx.commands.push(Command::SelectClaim(claim));
    } else if output.clicked_plain_text {
        // An orphan stays selected: the user is choosing the words to re-attach it to.
        let orphan_selected = selected.and_then(|id| project.claim(id)).is_some_and(|c| c.anchor.is_orphaned());
        if !orphan_selected {
            cx.commands.push(Command::ClearClaimSelection);
        }
    }
    if let Some(rect) = output.selection_rect {
        tier_toolbar(ui, &project.tiers, cx.suggestion, cx.commands, rect);
    }
}

/// The small toolbar by the selection: the suggestion, then one button per tier.
fn tier_toolbar(
    ui: &mut Ui,
    tiers: &[Tier],
    suggestion: Option<&SelectionSuggestion>,
    commands: &mut crate::app::command::CommandQueue,
    selection: egui::Rect,
) {
    egui::Area::new(egui::Id::unique("tier-toolbar"))
        .order(egui::Order::Foreground)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(selection.left_top() - egui::vec2(0.0, 4.0))
        .constrain(true)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                if let Some(s) = suggestion.map(|s| &s.suggestion)
                    && let Some(tier) = s.tier.as_deref().and_then(|t| tiers.iter().find(|x| x.id == t))
                {
                    let cues: Vec<String> = s.reasons.iter().map(|r| format!("“{}”", r.cue)).collect();
                    let why = if cues.is_empty() { "plain statement".to_owned() } else { cues.join(", ") };
                    let text = RichText::new(format!(
                        "Suggested: {} {} {:.0}% (Enter) · {why}",
                        tier.icon,
                        tier.label,
                        s.confidence * 100.0
                    ))
                    .color(tier_color(tier))
                    .small();
                    if ui.add(egui::Button::new(text).frame(false)).on_hover_text("Press Enter to accept").clicked() {
                        commands.push(Command::ApplyTier(tier.id.clone()));
                    }
                }
                ui.horizontal(|ui| {
                    for tier in tiers {
                        let text = RichText::new(format!("{} {} ({})", tier.icon, tier.label, tier.key))
                            .color(tier_color(tier));
                        if ui.button(text).on_hover_text(format!("Tag as {}", tier.label)).clicked() {
                            commands.push(Command::ApplyTier(tier.id.clone()));
                        }
                    }
                });
            });
        });
}
