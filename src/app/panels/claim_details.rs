//! The selected claim in the note pane: quote, tier, note, lore, sources and history; a
//! hidden spoiler shows only its cover.

use egui::{RichText, Ui};

use super::PanelContext;
use super::note_editor::{Note, NoteEditor, NoteTarget};
use crate::app::command::{Command, Edit};
use crate::app::theme::{tier_badge, tier_color};
use crate::app::ui_command::UiCommand;
use crate::app::widgets::article_view::ArticleView;
use crate::app::widgets::command_button::command_button_labelled;
use crate::model::{Citation, CitationKind, Claim};

pub fn claim_details_ui(
    ui: &mut Ui,
    cx: &mut PanelContext<'_>,
    editor: &mut NoteEditor,
    preview: bool,
    claim: &Claim,
    view: &ArticleView,
) {
    let doc = cx.doc;
    let project = doc.project();
    if cx.selection.is_hidden(project, claim, &crate::model::today()) {
        // A spoiler stays hidden, note included, until the user asks to see it.
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            ui.label(RichText::new("Spoiler: this claim and its note are hidden.").italics());
            if ui.button("Reveal spoiler").clicked() {
                cx.commands.push(Command::Reveal(vec![claim.id.clone(), claim.article.clone()]));
            }
        });
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_min_width(ui.available_width());
        ui.label(RichText::new(format!("“{}”", claim.anchor.exact)).italics());
    });
    if claim.anchor.is_orphaned() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Orphaned: these words are no longer in the article. Select the right words and re-attach.",
        );
        let has_words = !view.selection.is_empty();
        let reattach = UiCommand::ReattachClaim;
        command_button_labelled(ui, reattach, cx.commands, "Re-attach to selection", has_words);
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label("Tier:");
        for tier in &project.tiers {
            let text = RichText::new(format!("{} {} ({})", tier.icon, tier.label, tier.key)).color(tier_color(tier));
            if ui.selectable_label(claim.tier == tier.id, text).clicked() && claim.tier != tier.id {
                cx.commands.push(Edit::Retag { claim: claim.id.clone(), tier: tier.id.clone() });
            }
        }
    });
    ui.add_space(4.0);
    let note = Note { target: NoteTarget::Claim(claim.id.clone()), current: &claim.note, label: "Note" };
    editor.ui(ui, cx.commands, note, preview);
    super::claim_lore::claim_lore_ui(ui, cx, claim);
    ui.add_space(6.0);
    sources_ui(ui, cx, claim);
    ui.add_space(6.0);
    history_ui(ui, project, claim);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        tier_badge(ui, project.tier(&claim.tier));
        if ui.button("Copy as Markdown").on_hover_text("To paste into a chat, forum or wiki").clicked() {
            let markdown = crate::export::markdown::copy_claims(project, std::slice::from_ref(&claim.id));
            cx.commands.push(Command::CopyText(markdown));
        }
        if ui.button("Delete claim").clicked() {
            cx.commands.push(Command::DeleteClaim(claim.id.clone()));
        }
    });
}

/// The claim's sources, each editable, with add and remove.
fn sources_ui(ui: &mut Ui, cx: &mut PanelContext<'_>, claim: &Claim) {
    ui.label(RichText::new("Sources").strong());
    let mut citations = claim.citations.clone();
    let mut changed = false;
    let mut remove = None;
    for (i, citation) in citations.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            egui::Grid::new(("citation", i)).num_columns(2).show(ui, |ui| {
                ui.label("Kind");
                egui::ComboBox::from_id_salt(("citation-kind", i)).selected_text(citation.kind.label()).show_ui(
                    ui,
                    |ui| {
                        for kind in CitationKind::ALL {
                            changed |= ui.selectable_value(&mut citation.kind, kind, kind.label()).changed();
                        }
                    },
                );
                ui.end_row();
                for (name, field, hint) in [
                    ("Title", &mut citation.title, "Star Trek: Picard"),
                    ("Detail", &mut citation.detail, "S1E10, issue #2"),
                    ("Link", &mut citation.url, "https://…"),
                ] {
                    let label = ui.label(name);
                    changed |=
                        ui.add(egui::TextEdit::singleline(field).hint_text(hint)).labelled_by(label.id).changed();
                    ui.end_row();
                }
            });
            if ui.small_button("Remove source").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        citations.remove(i);
        changed = true;
    }
    if ui.button("Add source").clicked() {
        citations.push(Citation::new(CitationKind::Episode, "", ""));
        changed = true;
    }
    if changed {
        cx.commands.push(Edit::Citations { claim: claim.id.clone(), citations });
    }
}

fn history_ui(ui: &mut Ui, project: &crate::model::Project, claim: &Claim) {
    ui.collapsing("History", |ui| {
        ui.label(format!("Created {}", claim.created));
        ui.label(format!("Modified {}", claim.modified));
        let label = |id: &str| project.tier(id).map_or(id.to_owned(), |t| t.label.clone());
        for change in &claim.history {
            let mut line = format!("{}: {} → {}", change.when, label(&change.from), label(&change.to));
            if !change.why.is_empty() {
                line.push_str(&format!(" ({})", change.why));
            }
            ui.label(line);
        }
        if claim.history.is_empty() {
            ui.label(RichText::new("Tier never changed").weak());
        }
    });
}
