//! A claim as one clickable line, for lists in dialogs and panes.

use egui::{RichText, Ui};

use crate::app::theme::{HIDDEN_SPOILER, short_quote, tier_color};
use crate::model::{Claim, Project};

/// A clickable line for a claim: tier icon in its colour and its short quote (or the spoiler
/// cover). Returns whether clicked.
pub fn claim_button(ui: &mut Ui, project: &Project, claim: &Claim, hidden: bool, max: usize) -> bool {
    let tier = project.tier(&claim.tier);
    let icon = tier.map_or("·".to_owned(), |t| t.icon.clone());
    let color = tier.map_or(ui.visuals().text_color(), tier_color);
    let quote = if hidden { HIDDEN_SPOILER.to_owned() } else { short_quote(&claim.anchor.exact, max) };
    ui.horizontal(|ui| {
        ui.label(RichText::new(icon).color(color));
        ui.add(egui::Button::new(quote).frame(false)).on_hover_text("Go to this claim").clicked()
    })
    .inner
}
