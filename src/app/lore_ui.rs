//! The lore journal's views: a claim's links, spoiler and in-universe time in the note pane; the
//! link picker, contradictions, glossary, search, timeline and dashboard dialogs.

use egui::{RichText, Ui};

use super::state::{AppState, Modal};
use super::tier_color;
use crate::lore::search::Place;
use crate::model::{Claim, GlossaryEntry, InUniverseTime, LinkKind, NAME_KINDS, Spoiler};

/// A claim's quote, shortened for lists.
fn short(quote: &str, max: usize) -> String {
    let mut out: String = quote.chars().take(max).collect();
    if quote.chars().count() > max {
        out.push('…');
    }
    format!("“{out}”")
}

/// A clickable line for a claim: tier icon in its colour, short quote. Returns whether clicked.
fn claim_button(ui: &mut Ui, state: &AppState, claim: &Claim, max: usize) -> bool {
    let tier = state.project().tier(&claim.tier);
    let icon = tier.map_or("·".to_owned(), |t| t.icon.clone());
    let color = tier.map_or(ui.visuals().text_color(), tier_color);
    let hidden = is_hidden_spoiler(state, claim);
    let quote = if hidden { "spoiler (hidden)".to_owned() } else { short(&claim.anchor.exact, max) };
    ui.horizontal(|ui| {
        ui.label(RichText::new(icon).color(color));
        ui.add(egui::Button::new(quote).frame(false)).on_hover_text("Go to this claim").clicked()
    })
    .inner
}

/// Whether a claim (or its article) is a spoiler the user has not revealed.
pub fn is_hidden_spoiler(state: &AppState, claim: &Claim) -> bool {
    hidden_spoiler(state.project(), claim, &state.view.revealed, &crate::model::today())
}

/// [`is_hidden_spoiler`] for callers holding parts of the state; `today` is `YYYY-MM-DD`.
pub fn hidden_spoiler(
    project: &crate::model::Project,
    claim: &Claim,
    revealed: &std::collections::HashSet<String>,
    today: &str,
) -> bool {
    crate::lore::spoilers::SpoilerRule::with_revealed(today, revealed).claim_hidden(project, claim)
}

// ---- Note pane --------------------------------------------------------------------------------

/// Spoiler mark, in-universe time and links of the selected claim.
pub fn claim_lore(ui: &mut Ui, state: &mut AppState, claim: &Claim) {
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let mut spoiler = claim.spoiler.is_some();
        if ui
            .checkbox(&mut spoiler, "Spoiler")
            .on_hover_text("Hidden until revealed; exports can leave it out")
            .changed()
        {
            state.doc.editor.set_claim_spoiler(&claim.id, spoiler.then(Spoiler::default));
        }
        if let Some(current) = &claim.spoiler {
            let label = ui.label("until");
            let mut until = current.until.clone();
            let edit = ui.add(egui::TextEdit::singleline(&mut until).hint_text("YYYY-MM-DD").desired_width(90.0));
            if edit.labelled_by(label.id).changed() {
                let spoiler = Spoiler { until: until.trim().to_owned(), ..current.clone() };
                state.doc.editor.update_claim(&claim.id, "Spoiler date", true, |c| c.spoiler = Some(spoiler));
            }
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
            state.doc.editor.set_claim_time(&claim.id, Some(time.unwrap_or_else(|| InUniverseTime::new(&when))));
        }
    });

    ui.add_space(6.0);
    ui.label(RichText::new("Links").strong());
    let links: Vec<(crate::model::ClaimLink, String, &'static str)> = crate::lore::links_of(state.project(), &claim.id)
        .into_iter()
        .map(|(link, other, label)| (link.clone(), other.to_owned(), label))
        .collect();
    if links.is_empty() {
        ui.label(RichText::new("No links yet: relate this claim to what other articles say.").weak());
    }
    let mut go_to = None;
    for (link, other_id, label) in &links {
        let Some(other) = state.project().claim(other_id).cloned() else { continue };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(*label).strong());
                if link.is_open_contradiction() {
                    ui.colored_label(ui.visuals().warn_fg_color, "unresolved");
                }
            });
            if claim_button(ui, state, &other, 80) {
                go_to = Some(other.id.clone());
            }
            let mut note = link.note.clone();
            let edit = ui.add(egui::TextEdit::singleline(&mut note).hint_text("Why, or how it was resolved"));
            if edit.changed() {
                state.doc.editor.update_link(&link.id, "Edit link note", true, |l| l.note = note);
            }
            ui.horizontal(|ui| {
                if link.kind() == Some(LinkKind::Contradicts) {
                    let mut resolved = link.resolved;
                    if ui.checkbox(&mut resolved, "Resolved").changed() {
                        let label = if resolved { "Resolve contradiction" } else { "Reopen contradiction" };
                        state.doc.editor.update_link(&link.id, label, false, |l| l.resolved = resolved);
                    }
                }
                if ui.small_button("Remove link").clicked() {
                    state.doc.editor.remove_link(&link.id);
                }
            });
        });
    }
    if let Some(id) = go_to {
        state.select_claim(&id);
    }
    if ui.button("Link to another claim…").clicked() {
        state.modal = Some(Modal::LinkClaim {
            from: claim.id.clone(),
            query: String::new(),
            kind: LinkKind::Contradicts,
            note: String::new(),
        });
    }
    let chain = crate::lore::supersession_chain(state.project(), &claim.id);
    if chain.len() > 1 {
        ui.add_space(4.0);
        ui.label(RichText::new("Canon status over time").strong());
        for (i, step) in chain.iter().enumerate() {
            let tier = state.project().tier(&step.tier).map_or(step.tier.clone(), |t| t.label.clone());
            let marker = if step.id == claim.id { "▶" } else { " " };
            ui.label(format!("{marker} {}. {tier}: {}", i + 1, short(&step.anchor.exact, 60)));
        }
    }
}

// ---- Link picker ----------------------------------------------------------------------------

pub fn link_picker(
    ui: &mut Ui,
    state: &mut AppState,
    from: String,
    mut query: String,
    mut kind: LinkKind,
    mut note: String,
) {
    let Some(source) = state.project().claim(&from).cloned() else {
        state.modal = None;
        return;
    };
    ui.heading("Link to another claim");
    ui.label(short(&source.anchor.exact, 90));
    ui.horizontal(|ui| {
        ui.label("This claim");
        egui::ComboBox::from_id_salt("link-kind").selected_text(kind.forward_label()).show_ui(ui, |ui| {
            for k in LinkKind::ALL {
                ui.selectable_value(&mut kind, k, k.forward_label());
            }
        });
        ui.label("…");
    });
    let label = ui.label("Find the other claim by its words");
    let search =
        ui.add(egui::TextEdit::singleline(&mut query).hint_text("Type words of the other claim")).labelled_by(label.id);
    if query.is_empty() && ui.memory(|m| m.focused().is_none()) {
        search.request_focus();
    }
    let needle = query.trim().to_lowercase();
    let matches: Vec<Claim> = state
        .project()
        .claims
        .iter()
        .filter(|c| c.id != from && (needle.is_empty() || c.anchor.exact.to_lowercase().contains(&needle)))
        .take(50)
        .cloned()
        .collect();
    let mut chosen = None;
    egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
        for claim in &matches {
            let article = state.project().article(&claim.article).map(|a| a.title.clone()).unwrap_or_default();
            ui.horizontal(|ui| {
                if claim_button(ui, state, claim, 70) {
                    chosen = Some(claim.id.clone());
                }
                ui.label(RichText::new(short(&article, 30)).weak().small());
            });
        }
    });
    let note_label = ui.label("Note (optional)");
    ui.add(egui::TextEdit::singleline(&mut note).hint_text("How they relate")).labelled_by(note_label.id);
    let mut close = false;
    ui.horizontal(|ui| {
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if let Some(to) = chosen {
        match state.doc.editor.add_link(&from, &to, kind, note.trim()) {
            Some(_) => state.info(format!("Linked: this claim {} the other.", kind.forward_label())),
            None => state.info("Those claims are already linked that way."),
        }
        close = true;
    }
    state.modal = if close { None } else { Some(Modal::LinkClaim { from, query, kind, note }) };
}

// ---- Contradictions ---------------------------------------------------------------------------

pub fn contradictions(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Unresolved contradictions");
    let revision = state.doc.editor.revision();
    let AppState { doc, lore_cache, .. } = &mut *state;
    let open = lore_cache
        .at(revision)
        .contradictions
        .get_or_insert_with(|| {
            let project = doc.editor.project();
            let by_id: std::collections::HashMap<&str, &Claim> =
                project.claims.iter().map(|c| (c.id.as_str(), c)).collect();
            crate::lore::open_contradictions(project)
                .into_iter()
                .filter_map(|l| {
                    Some((l.clone(), (*by_id.get(l.from.as_str())?).clone(), (*by_id.get(l.to.as_str())?).clone()))
                })
                .collect()
        })
        .clone();
    if open.is_empty() {
        ui.label("None: every contradiction is resolved. Link two claims as contradicting to track one.");
    }
    let mut go_to = None;
    egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
        for (link, a, b) in &open {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_min_width(ui.available_width());
                if claim_button(ui, state, a, 80) {
                    go_to = Some(a.id.clone());
                }
                ui.label(RichText::new("contradicts").weak());
                if claim_button(ui, state, b, 80) {
                    go_to = Some(b.id.clone());
                }
                if !link.note.is_empty() {
                    ui.label(RichText::new(&link.note).italics());
                }
                if ui.button("Mark resolved").clicked() {
                    state.doc.editor.update_link(&link.id, "Resolve contradiction", false, |l| l.resolved = true);
                }
            });
        }
    });
    if let Some(id) = go_to {
        state.select_claim(&id);
        state.modal = None;
    }
    if ui.button("Close").clicked() {
        state.modal = None;
    }
}

// ---- Glossary ---------------------------------------------------------------------------------

pub fn glossary(ui: &mut Ui, state: &mut AppState, entry: Option<String>) {
    match entry.and_then(|id| state.project().glossary.iter().find(|e| e.id == id).cloned()) {
        Some(entry) => name_page(ui, state, &entry),
        None => glossary_list(ui, state),
    }
}

fn glossary_list(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Glossary");
    let entries = state.project().glossary.clone();
    if entries.is_empty() {
        ui.label("No names yet. Accept a proposed name below, or add one.");
    }
    let mut open = None;
    egui::ScrollArea::vertical().id_salt("glossary-names").max_height(220.0).show(ui, |ui| {
        for entry in &entries {
            ui.horizontal(|ui| {
                if ui.button(&entry.name).clicked() {
                    open = Some(entry.id.clone());
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
    let revision = state.doc.editor.revision();
    let AppState { doc, lore_cache, .. } = &mut *state;
    let proposals = lore_cache
        .at(revision)
        .proposals
        .get_or_insert_with(|| crate::lore::glossary::propose_names(doc.editor.project(), 2))
        .clone();
    if proposals.is_empty() {
        ui.label(RichText::new("Nothing to propose: no new name appears in two claims.").weak());
    }
    egui::ScrollArea::vertical().id_salt("glossary-proposals").max_height(180.0).show(ui, |ui| {
        for proposal in proposals.iter().take(40) {
            ui.horizontal(|ui| {
                ui.label(format!("{} ({} claims)", proposal.name, proposal.claims));
                if ui.button(format!("Accept {}", proposal.name)).clicked() {
                    let id = state.doc.editor.add_glossary_entry(GlossaryEntry::new(&proposal.name, "other"));
                    open = Some(id);
                }
            });
        }
    });
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Add name").clicked() {
            open = Some(state.doc.editor.add_glossary_entry(GlossaryEntry::new("New name", "character")));
        }
        if ui.button("Close").clicked() {
            state.modal = None;
        }
    });
    if let Some(id) = open {
        state.modal = Some(Modal::Glossary { entry: Some(id) });
    }
}

fn name_page(ui: &mut Ui, state: &mut AppState, entry: &GlossaryEntry) {
    ui.horizontal(|ui| {
        if ui.button("◀ All names").clicked() {
            state.modal = Some(Modal::Glossary { entry: None });
        }
        ui.heading(&entry.name);
    });
    let mut edited = entry.clone();
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
        if ui
            .add(egui::TextEdit::singleline(&mut aliases).hint_text("Jean-Luc, the Admiral"))
            .labelled_by(label.id)
            .changed()
        {
            edited.aliases = aliases.split(',').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect();
        }
        ui.end_row();
    });
    let label = ui.label("Description");
    ui.add(egui::TextEdit::multiline(&mut edited.description).desired_rows(3).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if edited != *entry && !edited.name.trim().is_empty() {
        state.doc.editor.update_glossary_entry(&entry.id, "Edit name", true, |e| *e = edited);
    }

    ui.separator();
    ui.label(RichText::new("Claims mentioning it").strong());
    let revision = state.doc.editor.revision();
    let AppState { doc, lore_cache, .. } = &mut *state;
    let cache = lore_cache.at(revision);
    if cache.name_claims.as_ref().is_none_or(|(id, _)| *id != entry.id) {
        let matcher = crate::lore::glossary::NameMatcher::new(std::slice::from_ref(entry));
        let ids = doc
            .editor
            .project()
            .claims
            .iter()
            .filter(|c| matcher.mentions_entry(&c.anchor.exact, 0) || matcher.mentions_entry(&c.note, 0))
            .map(|c| c.id.clone())
            .collect();
        cache.name_claims = Some((entry.id.clone(), ids));
    }
    let ids: std::collections::HashSet<String> =
        cache.name_claims.as_ref().map(|(_, ids)| ids.iter().cloned().collect()).unwrap_or_default();
    let claims: Vec<Claim> = state.project().claims.iter().filter(|c| ids.contains(&c.id)).cloned().collect();
    if claims.is_empty() {
        ui.label(RichText::new("No claim mentions it yet.").weak());
    }
    let mut go_to = None;
    egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
        for tier in state.project().tiers.clone() {
            let of_tier: Vec<&Claim> = claims.iter().filter(|c| c.tier == tier.id).collect();
            if of_tier.is_empty() {
                continue;
            }
            ui.label(
                RichText::new(format!("{} {} ({})", tier.icon, tier.label, of_tier.len())).color(tier_color(&tier)),
            );
            for claim in of_tier {
                if claim_button(ui, state, claim, 80) {
                    go_to = Some(claim.id.clone());
                }
            }
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Remove name").clicked() {
            state.doc.editor.remove_glossary_entry(&entry.id);
            state.modal = Some(Modal::Glossary { entry: None });
        }
        if ui.button("Close").clicked() {
            state.modal = None;
        }
    });
    if let Some(id) = go_to {
        state.select_claim(&id);
        state.modal = None;
    }
}

// ---- Search everything --------------------------------------------------------------------------

pub fn search(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Search everything");
    let label = ui.label("Search for");
    let query = ui
        .add(
            egui::TextEdit::singleline(&mut state.search.query)
                .hint_text("Words in articles, quotes, notes, sources, names…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if std::mem::take(&mut state.search.focus) {
        query.request_focus();
    }
    let project = state.doc.editor.project();
    let tiers = project.tiers.clone();
    let articles: Vec<(String, String)> = project.articles.iter().map(|a| (a.id.clone(), a.title.clone())).collect();
    let names: Vec<(String, String)> = project.glossary.iter().map(|e| (e.id.clone(), e.name.clone())).collect();
    let filters = &mut state.search.filters;
    ui.horizontal_wrapped(|ui| {
        ui.label("Tiers:");
        for tier in &tiers {
            let mut on = filters.tiers.as_ref().is_none_or(|t| t.contains(&tier.id));
            if ui.checkbox(&mut on, RichText::new(&tier.label).color(tier_color(tier))).changed() {
                let mut set = filters.tiers.clone().unwrap_or_else(|| tiers.iter().map(|t| t.id.clone()).collect());
                if on {
                    set.insert(tier.id.clone());
                } else {
                    set.remove(&tier.id);
                }
                filters.tiers = (set.len() < tiers.len()).then_some(set);
            }
        }
        ui.checkbox(&mut filters.has_contradictions, "Has open contradictions");
    });
    ui.horizontal_wrapped(|ui| {
        let article_label = filters
            .article
            .as_ref()
            .and_then(|id| articles.iter().find(|(a, _)| a == id))
            .map_or("All articles".to_owned(), |(_, t)| short(t, 24));
        egui::ComboBox::from_label("Article").selected_text(article_label).show_ui(ui, |ui| {
            ui.selectable_value(&mut filters.article, None, "All articles");
            for (id, title) in &articles {
                ui.selectable_value(&mut filters.article, Some(id.clone()), short(title, 40));
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
            .and_then(|id| names.iter().find(|(n, _)| n == id))
            .map_or("Any name".to_owned(), |(_, n)| n.clone());
        egui::ComboBox::from_label("Name").selected_text(name_label).show_ui(ui, |ui| {
            ui.selectable_value(&mut filters.name, None, "Any name");
            for (id, name) in &names {
                ui.selectable_value(&mut filters.name, Some(id.clone()), name);
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

    let revision = state.doc.editor.revision();
    state.search.refresh(state.doc.editor.project(), revision);
    let hits = state.search.hits.clone();
    ui.separator();
    if !state.search.query.trim().is_empty() {
        let more = if hits.len() >= super::state::SearchState::LIMIT { "+" } else { "" };
        ui.label(RichText::new(format!("{}{more} results", hits.len())).weak());
    }
    let mut jump = None;
    // One line per hit, and only the visible lines are laid out: hundreds of hits stay instant.
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().max_height(360.0).auto_shrink([false, true]).show_rows(
        ui,
        row_height,
        hits.len(),
        |ui, rows| {
            for i in rows {
                let hit = &hits[i];
                let (place, tier_color_of) = describe(state, &hit.place);
                let hidden = match &hit.place {
                    Place::Quote { claim } | Place::Note { claim } | Place::Citation { claim, .. } => {
                        state.project().claim(claim).is_some_and(|c| is_hidden_spoiler(state, c))
                    }
                    _ => false,
                };
                let snippet = if hidden { "spoiler (hidden)" } else { hit.snippet.as_str() };
                ui.horizontal(|ui| {
                    let text = match tier_color_of {
                        Some(color) => RichText::new(&place).color(color),
                        None => RichText::new(&place).weak(),
                    };
                    ui.label(text);
                    let button = egui::Button::new(snippet).frame(false).truncate();
                    if ui.add(button).on_hover_text(snippet).clicked() {
                        jump = Some(i);
                    }
                });
            }
        },
    );
    if let Some(i) = jump {
        go_to_hit(state, &hits[i].place);
    }
    if ui.button("Close").clicked() {
        state.modal = None;
    }
}

/// Where a hit is, for the result list, and its tier colour when it is a claim.
fn describe(state: &AppState, place: &Place) -> (String, Option<egui::Color32>) {
    let project = state.project();
    let article_title = |id: &str| project.article(id).map(|a| short(&a.title, 24)).unwrap_or_default();
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

fn go_to_hit(state: &mut AppState, place: &Place) {
    match place {
        Place::ArticleText { article, start, end } => {
            state.go_to_text(article, *start, *end);
            state.modal = None;
        }
        Place::ArticleNotes { article } => {
            state.select_article(article);
            state.view.claim = None;
            state.view.notes_tab = super::state::NotesTab::Notes;
            state.modal = None;
        }
        Place::Quote { claim } | Place::Note { claim } | Place::Citation { claim, .. } => {
            state.select_claim(claim);
            state.modal = None;
        }
        Place::Glossary { entry } => state.modal = Some(Modal::Glossary { entry: Some(entry.clone()) }),
        Place::Journal => {
            state.view.notes_tab = super::state::NotesTab::Journal;
            state.modal = None;
        }
    }
}

// ---- Timeline -----------------------------------------------------------------------------------

pub fn timeline(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Timeline");
    ui.label(RichText::new("Claims with an in-universe time, in in-universe order.").weak());
    let revision = state.doc.editor.revision();
    let AppState { doc, lore_cache, .. } = &mut *state;
    let claims = lore_cache
        .at(revision)
        .timeline
        .get_or_insert_with(|| {
            crate::lore::timeline::timeline(doc.editor.project(), None).into_iter().cloned().collect()
        })
        .clone();
    if claims.is_empty() {
        ui.label("No dated claims yet: give a claim an in-universe time in the note pane.");
    }
    let mut go_to = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().max_height(420.0).auto_shrink([false, true]).show_rows(
        ui,
        row_height,
        claims.len(),
        |ui, rows| {
            for claim in &claims[rows] {
                ui.horizontal(|ui| {
                    let when = claim.in_universe.as_ref().map(|t| t.label.as_str()).unwrap_or_default();
                    ui.add_sized([130.0, row_height], egui::Label::new(RichText::new(when).strong()).truncate());
                    if claim_button(ui, state, claim, 70) {
                        go_to = Some(claim.id.clone());
                    }
                });
            }
        },
    );
    if let Some(id) = go_to {
        state.select_claim(&id);
        state.modal = None;
    }
    if ui.button("Close").clicked() {
        state.modal = None;
    }
}

// ---- Dashboard ----------------------------------------------------------------------------------

pub fn dashboard(ui: &mut Ui, state: &mut AppState, mut article_only: bool) {
    ui.heading("Dashboard");
    let article = state.current_article().map(|a| (a.id.clone(), a.title.clone()));
    ui.horizontal(|ui| {
        ui.radio_value(&mut article_only, false, "Whole project");
        if let Some((_, title)) = &article {
            ui.radio_value(&mut article_only, true, format!("This article: {}", short(title, 30)));
        }
    });
    let scope = if article_only { article.as_ref().map(|(id, _)| id.as_str()) } else { None };
    let revision = state.doc.editor.revision();
    let scope_key = scope.map(str::to_owned);
    let AppState { doc, lore_cache, .. } = &mut *state;
    let cache = lore_cache.at(revision);
    if cache.dashboard.as_ref().is_none_or(|(key, _)| *key != scope_key) {
        cache.dashboard = Some((scope_key.clone(), crate::lore::dashboard(doc.editor.project(), scope)));
    }
    let figures = cache.dashboard.as_ref().map(|(_, f)| f.clone()).unwrap_or_default();

    // Claims per tier as horizontal bars.
    let max = figures.per_tier.iter().map(|(_, _, n)| *n).max().unwrap_or(0).max(1);
    let tiers = state.project().tiers.clone();
    for (id, label, count) in &figures.per_tier {
        let color = tiers.iter().find(|t| &t.id == id).map_or(ui.visuals().text_color(), tier_color);
        ui.horizontal(|ui| {
            ui.add_sized([110.0, 18.0], egui::Label::new(RichText::new(label).color(color)));
            let width = 260.0 * *count as f32 / max as f32;
            let (rect, _) = ui.allocate_exact_size(egui::vec2(260.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(egui::Rect::from_min_size(rect.min, egui::vec2(width, 14.0)), 2.0, color);
            ui.label(count.to_string());
        });
    }
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
    let close = ui.button("Close").clicked();
    state.modal = if close { None } else { Some(Modal::Dashboard { article_only }) };
}
