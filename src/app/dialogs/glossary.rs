//! Lore > Glossary: the names, proposed names to accept, and one name's page with every claim
//! mentioning it, grouped by tier.

use egui::RichText;

use super::DialogContext;
use crate::app::command::DialogRequest;
use crate::app::command::{Command, Edit};
use crate::app::theme::tier_color;
use crate::app::widgets::claim_button::claim_button;
use crate::lore::glossary::{NameMatcher, Proposal};
use crate::model::{GlossaryEntry, NAME_KINDS};

pub struct GlossaryDialog {
    /// The name whose page is open; `None` lists all names.
    entry: Option<String>,
    proposals: Option<(u64, Vec<Proposal>)>,
    /// The claims (ids) mentioning the open name, at an editor revision.
    mentions: Option<(u64, String, Vec<String>)>,
}

impl GlossaryDialog {
    pub fn new(entry: Option<String>) -> Self {
        Self { entry, proposals: None, mentions: None }
    }

    /// The name whose page is open.
    pub fn entry(&self) -> Option<&str> {
        self.entry.as_deref()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        let project = cx.doc.project();
        match self.entry.as_deref().and_then(|id| project.glossary.iter().find(|e| e.id == id)) {
            Some(entry) => self.name_page(ui, cx, entry),
            None => self.list(ui, cx),
        }
    }

    fn list(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Glossary");
        let project = cx.doc.project();
        if project.glossary.is_empty() {
            ui.label("No names yet. Accept a proposed name below, or add one.");
        }
        egui::ScrollArea::vertical().id_salt("glossary-names").max_height(220.0).show(ui, |ui| {
            for entry in &project.glossary {
                ui.horizontal(|ui| {
                    if ui.button(&entry.name).clicked() {
                        self.entry = Some(entry.id.clone());
                    }
                    ui.label(RichText::new(&entry.kind).weak());
                    if !entry.aliases.is_empty() {
                        ui.label(RichText::new(format!("also {}", entry.aliases.join(", "))).weak().small());
                    }
                });
            }
        });
        ui.separator();
        ui.label(RichText::new("Proposed names").strong())
            .on_hover_text("Capitalised names found in two or more of your claims");
        let revision = cx.doc.editor.revision();
        if self.proposals.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.proposals = Some((revision, crate::lore::glossary::propose_names(project, 2)));
        }
        let proposals = self.proposals.as_ref().map_or(&[][..], |(_, p)| p.as_slice());
        if proposals.is_empty() {
            ui.label(RichText::new("Nothing to propose: no new name appears in two claims.").weak());
        }
        egui::ScrollArea::vertical().id_salt("glossary-proposals").max_height(180.0).show(ui, |ui| {
            for proposal in proposals.iter().take(40) {
                ui.horizontal(|ui| {
                    ui.label(format!("{} ({} claims)", proposal.name, proposal.claims));
                    if ui.button(format!("Accept {}", proposal.name)).clicked() {
                        cx.commands.push(Edit::AddName(GlossaryEntry::new(&proposal.name, "other")));
                    }
                });
            }
        });
        ui.separator();
        let mut open = true;
        ui.horizontal(|ui| {
            if ui.button("Add name").clicked() {
                cx.commands.push(Edit::AddName(GlossaryEntry::new("New name", "character")));
            }
            if ui.button("Close").clicked() {
                open = false;
            }
        });
        open
    }

    fn name_page(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>, entry: &GlossaryEntry) -> bool {
        ui.horizontal(|ui| {
            if ui.button("◀ All names").clicked() {
                self.entry = None;
            }
            ui.heading(&entry.name);
        });
        let mut edited = entry.clone();
        name_fields(ui, entry, &mut edited);
        if edited != *entry && !edited.name.trim().is_empty() {
            cx.commands.push(Edit::UpdateName { entry: entry.id.clone(), updated: edited });
        }
        ui.separator();
        ui.label(RichText::new("Claims mentioning it").strong());
        let project = cx.doc.project();
        let revision = cx.doc.editor.revision();
        if self.mentions.as_ref().is_none_or(|(r, id, _)| *r != revision || *id != entry.id) {
            let matcher = NameMatcher::new(std::slice::from_ref(entry));
            let ids = project
                .claims
                .iter()
                .filter(|c| matcher.mentions_entry(&c.anchor.exact, 0) || matcher.mentions_entry(&c.note, 0))
                .map(|c| c.id.clone())
                .collect();
            self.mentions = Some((revision, entry.id.clone(), ids));
        }
        let ids = self.mentions.as_ref().map_or(&[][..], |(_, _, ids)| ids.as_slice());
        if ids.is_empty() {
            ui.label(RichText::new("No claim mentions it yet.").weak());
        }
        let today = crate::model::today();
        let mut go_to = None;
        egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
            for tier in &project.tiers {
                let of_tier: Vec<_> =
                    ids.iter().filter_map(|id| project.claim(id)).filter(|c| c.tier == tier.id).collect();
                if of_tier.is_empty() {
                    continue;
                }
                let heading = format!("{} {} ({})", tier.icon, tier.label, of_tier.len());
                ui.label(RichText::new(heading).color(tier_color(tier)));
                for claim in of_tier {
                    if claim_button(ui, project, claim, cx.selection.is_hidden(project, claim, &today), 80) {
                        go_to = Some(claim.id.clone());
                    }
                }
            }
        });
        let mut open = true;
        ui.horizontal(|ui| {
            if ui.button("Remove name").clicked() {
                cx.commands.push(Edit::RemoveName(entry.id.clone()));
                cx.commands.push(DialogRequest::Glossary(None));
            }
            if ui.button("Close").clicked() {
                open = false;
            }
        });
        if let Some(id) = go_to {
            cx.commands.push(Command::SelectClaim(id));
            return false;
        }
        open
    }
}

/// Name, kind, aliases and description of a name, edited into `edited`.
fn name_fields(ui: &mut egui::Ui, entry: &GlossaryEntry, edited: &mut GlossaryEntry) {
    egui::Grid::new("name-fields").num_columns(2).show(ui, |ui| {
        let label = ui.label("Name");
        ui.add(egui::TextEdit::singleline(&mut edited.name)).labelled_by(label.id);
        ui.end_row();
        ui.label("Kind");
        egui::ComboBox::from_id_salt("name-kind").selected_text(edited.kind.clone()).show_ui(ui, |ui| {
            for kind in NAME_KINDS {
                ui.selectable_value(&mut edited.kind, kind.to_owned(), kind);
            }
        });
        ui.end_row();
        let label = ui.label("Aliases");
        let mut aliases = entry.aliases.join(", ");
        let field = egui::TextEdit::singleline(&mut aliases).hint_text("Jean-Luc, the Admiral");
        if ui.add(field).labelled_by(label.id).changed() {
            edited.aliases = aliases.split(',').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect();
        }
        ui.end_row();
    });
    let label = ui.label("Description");
    ui.add(egui::TextEdit::multiline(&mut edited.description).desired_rows(3).desired_width(f32::INFINITY))
        .labelled_by(label.id);
}
