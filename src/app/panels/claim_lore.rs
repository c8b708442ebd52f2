//! The selected claim's lore in the note pane: spoiler mark, in-universe time, links to other
//! claims, and its canon status over time.

use egui::{RichText, Ui};

use super::PanelContext;
use crate::app::command::DialogRequest;
use crate::app::command::{Command, Edit};
use crate::app::theme::{HIDDEN_SPOILER, short_quote};
use crate::app::widgets::claim_button::claim_button;
use crate::model::{Claim, InUniverseTime, LinkKind, Spoiler};

pub fn claim_lore_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, claim: &Claim) {
    ui.add_space(6.0);
    spoiler_and_time_ui(ui, cx, claim);
    ui.add_space(6.0);
    links_ui(ui, cx, claim);
    if ui.button("Link to another claim…").clicked() {
        cx.commands.push(DialogRequest::LinkClaim(claim.id.clone()));
    }
    let project = cx.doc.project();
    let chain = crate::lore::supersession_chain(project, &claim.id);
    if chain.len() > 1 {
        let today = crate::model::today();
        ui.add_space(4.0);
        ui.label(RichText::new("Canon status over time").strong());
        for (i, step) in chain.iter().enumerate() {
            let tier = project.tier(&step.tier).map_or(step.tier.clone(), |t| t.label.clone());
            let marker = if step.id == claim.id { "▶" } else { " " };
            // Another claim of the chain may be a spoiler the reader has not revealed.
            let words = if step.id != claim.id && cx.selection.is_hidden(project, step, &today) {
                HIDDEN_SPOILER.to_owned()
            } else {
                short_quote(&step.anchor.exact, 60)
            };
            ui.label(format!("{marker} {}. {tier}: {words}", i + 1));
        }
    }
}

fn spoiler_and_time_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, claim: &Claim) {
    ui.horizontal_wrapped(|ui| {
        let mut spoiler = claim.spoiler.is_some();
        if ui
            .checkbox(&mut spoiler, "Spoiler")
            .on_hover_text("Hidden until revealed; exports can leave it out")
            .changed()
        {
            cx.commands.push(Edit::ClaimSpoiler { claim: claim.id.clone(), spoiler: spoiler.then(Spoiler::default) });
        }
        if let Some(current) = &claim.spoiler {
            until_field(ui, cx, claim, current);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("In-universe time");
        let mut when = claim.in_universe.as_ref().map(|t| t.label.clone()).unwrap_or_default();
        let edit = ui.add(
            egui::TextEdit::singleline(&mut when).hint_text("stardate 41153.7, 2387, 19 BBY…").desired_width(180.0),
        );
        if edit.labelled_by(label.id).changed() {
            let time = claim.in_universe.clone().map(|t| InUniverseTime { label: when.clone(), ..t });
            let time = time.unwrap_or_else(|| InUniverseTime::new(&when));
            cx.commands.push(Edit::ClaimTime { claim: claim.id.clone(), time: Some(time) });
        }
    });
}

/// The end date of a spoiler mark: what is typed is kept as a draft until it is a valid date (or
/// empty), and only then becomes the mark's end; otherwise the field says what to type.
fn until_field(ui: &mut Ui, cx: &mut PanelContext<'_>, claim: &Claim, current: &Spoiler) {
    let draft_id = egui::Id::unique(("spoiler-until-draft", &claim.id));
    let mut until = ui.data(|d| d.get_temp::<String>(draft_id)).unwrap_or_else(|| current.until.clone());
    let label = ui.label("until");
    let edit = ui.add(egui::TextEdit::singleline(&mut until).hint_text("YYYY-MM-DD").desired_width(90.0));
    let edit = edit.labelled_by(label.id);
    match Spoiler::until(&until) {
        Ok(valid) => {
            if edit.changed() {
                let spoiler = Spoiler { until: valid.until, ..current.clone() };
                cx.commands.push(Edit::ClaimSpoiler { claim: claim.id.clone(), spoiler: Some(spoiler) });
            }
            ui.data_mut(|d| d.remove::<String>(draft_id));
        }
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e.to_string());
            ui.data_mut(|d| d.insert_temp(draft_id, until));
        }
    }
}

fn links_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, claim: &Claim) {
    ui.label(RichText::new("Links").strong());
    let project = cx.doc.project();
    let links = crate::lore::links_of(project, &claim.id);
    if links.is_empty() {
        ui.label(RichText::new("No links yet: relate this claim to what other articles say.").weak());
    }
    let today = crate::model::today();
    for (link, other_id, label) in links {
        let Some(other) = project.claim(other_id) else { continue };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(label).strong());
                if link.is_open_contradiction() {
                    ui.colored_label(ui.visuals().warn_fg_color, "unresolved");
                }
            });
            let hidden = cx.selection.is_hidden(project, other, &today);
            if claim_button(ui, project, other, hidden, 80) {
                cx.commands.push(Command::SelectClaim(other.id.clone()));
            }
            let mut note = link.note.clone();
            if ui.add(egui::TextEdit::singleline(&mut note).hint_text("Why, or how it was resolved")).changed() {
                cx.commands.push(Edit::LinkNote { link: link.id.clone(), note });
            }
            ui.horizontal(|ui| {
                if link.kind() == Some(LinkKind::Contradicts) {
                    let mut resolved = link.resolved;
                    if ui.checkbox(&mut resolved, "Resolved").changed() {
                        cx.commands.push(Edit::LinkResolved { link: link.id.clone(), resolved });
                    }
                }
                if ui.small_button("Remove link").clicked() {
                    cx.commands.push(Edit::RemoveLink(link.id.clone()));
                }
            });
        });
    }
}
