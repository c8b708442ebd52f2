//! The right pane: the selected claim (quote, tier, note, citations, history), else the
//! article's notes; and the project journal on its own tab.

use egui::{RichText, Ui};

use super::markdown;
use super::panels::tier_badge;
use super::state::{AppState, NoteTarget, NotesTab};
use super::tier_color;
use crate::model::{Citation, CitationKind};

pub fn note_pane(ui: &mut Ui, state: &mut AppState) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.view.notes_tab, NotesTab::Notes, "Notes");
        ui.selectable_value(&mut state.view.notes_tab, NotesTab::Journal, "Journal");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.toggle_value(&mut state.view.preview_markdown, "Preview");
        });
    });
    ui.separator();
    egui::ScrollArea::vertical().id_salt("note-pane").auto_shrink(false).show(ui, |ui| match state.view.notes_tab {
        NotesTab::Journal => {
            let current = state.project().journal.clone();
            note_editor(ui, state, NoteTarget::Journal, &current, "Project journal");
        }
        NotesTab::Notes => match state.view.claim.clone().filter(|id| state.project().claim(id).is_some()) {
            Some(claim) => claim_details(ui, state, &claim),
            None => article_notes(ui, state),
        },
    });
}

fn article_notes(ui: &mut Ui, state: &mut AppState) {
    let Some(article) = state.current_article() else {
        ui.label("No article yet. Use File > Import Article, or drop a text file on the window.");
        return;
    };
    let (id, title, notes) = (article.id.clone(), article.title.clone(), article.notes.clone());
    ui.label(RichText::new(title).strong());
    ui.label(
        RichText::new("Select words in the article and press 1, 2 or 3 to tag a claim; Alt+click selects a sentence.")
            .weak(),
    );
    if let Some(suggestion) = state.suggestion_for_selection()
        && let Some(tier) = suggestion.tier.as_deref().and_then(|t| state.project().tier(t)).cloned()
    {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Suggested for the selection: {} {} ({:.0}%)",
                    tier.icon,
                    tier.label,
                    suggestion.confidence * 100.0
                ))
                .color(tier_color(&tier)),
            );
            if let Some(sentence) = state.selected_text() {
                cue_highlighted_sentence(ui, sentence, &suggestion, tier_color(&tier));
            }
            for reason in &suggestion.reasons {
                let text = if reason.from_context {
                    format!("the paragraph names its source: “{}”", reason.cue)
                } else {
                    format!("“{}”", reason.cue)
                };
                ui.label(RichText::new(text).small());
            }
            if suggestion.reasons.is_empty() {
                ui.label(RichText::new("states a fact plainly, naming no source or hedge").small());
            }
            ui.label(RichText::new("Press Enter to accept.").weak().small());
        });
    }
    ui.add_space(6.0);
    note_editor(ui, state, NoteTarget::Article(id), &notes, "Article notes");
}

/// A Markdown note editor whose text lives in the project; the buffer follows the project so
/// undo and redo show at once.
fn note_editor(ui: &mut Ui, state: &mut AppState, target: NoteTarget, current: &str, label: &str) {
    if state.note_target.as_ref() != Some(&target) {
        state.doc.editor.break_coalescing();
        state.note_target = Some(target.clone());
    }
    if state.note_buffer != current {
        state.note_buffer = current.to_owned();
    }
    let label = ui.label(RichText::new(label).strong());
    if state.view.preview_markdown {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            markdown::show(ui, &state.note_buffer);
        });
        return;
    }
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.note_buffer)
                .desired_rows(8)
                .desired_width(f32::INFINITY)
                .hint_text("Markdown: **bold**, *italic*, - lists, [links](https://…)"),
        )
        .labelled_by(label.id);
    if response.changed() {
        let text = state.note_buffer.clone();
        let editor = &mut state.doc.editor;
        match &target {
            NoteTarget::Claim(id) => editor.set_claim_note(id, &text),
            NoteTarget::Article(id) => editor.set_article_notes(id, &text),
            NoteTarget::Journal => editor.set_journal(&text),
        };
    }
    if response.lost_focus() {
        state.doc.editor.break_coalescing();
    }
}

fn claim_details(ui: &mut Ui, state: &mut AppState, claim_id: &str) {
    let Some(claim) = state.project().claim(claim_id).cloned() else { return };
    let tiers = state.project().tiers.clone();
    if super::lore_ui::is_hidden_spoiler(state, &claim) {
        // A spoiler stays hidden, note included, until the user asks to see it.
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            ui.label(RichText::new("Spoiler: this claim and its note are hidden.").italics());
            if ui.button("Reveal spoiler").clicked() {
                state.view.revealed.insert(claim.id.clone());
                state.view.revealed.insert(claim.article.clone());
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
        if ui.add_enabled(state.text_selection().is_some(), egui::Button::new("Re-attach to selection")).clicked() {
            reattach(state, claim_id);
        }
    }

    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label("Tier:");
        for tier in &tiers {
            let text = RichText::new(format!("{} {} ({})", tier.icon, tier.label, tier.key)).color(tier_color(tier));
            if ui.selectable_label(claim.tier == tier.id, text).clicked() && claim.tier != tier.id {
                state.doc.editor.retag(claim_id, &tier.id);
            }
        }
    });

    ui.add_space(4.0);
    note_editor(ui, state, NoteTarget::Claim(claim_id.to_owned()), &claim.note, "Note");

    super::lore_ui::claim_lore(ui, state, &claim);

    ui.add_space(6.0);
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
        state.doc.editor.update_claim(claim_id, "Edit sources", true, |c| c.citations = citations);
    }

    ui.add_space(6.0);
    ui.collapsing("History", |ui| {
        ui.label(format!("Created {}", claim.created));
        ui.label(format!("Modified {}", claim.modified));
        for change in &claim.history {
            let label = |id: &str| state.project().tier(id).map_or(id.to_owned(), |t| t.label.clone());
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
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        tier_badge(ui, state.project().tier(&claim.tier));
        if ui.button("Copy as Markdown").on_hover_text("To paste into a chat, forum or wiki").clicked() {
            ui.ctx().copy_text(crate::export::markdown::copy_claims(state.project(), &[claim_id.to_owned()]));
        }
        if ui.button("Delete claim").clicked() {
            state.delete_selected_claim();
        }
    });
}

/// Moves an orphaned claim onto the words now selected.
fn reattach(state: &mut AppState, claim_id: &str) {
    let Some((article, start, end)) = state.text_selection() else { return };
    let Some(text) = state.project().article(&article).map(|a| a.text.clone()) else { return };
    let index = crate::text::CharIndex::new(&text);
    let Some(anchor) = crate::model::Anchor::from_range(&text, &index, start, end) else { return };
    state.doc.editor.update_claim(claim_id, "Re-attach claim", false, |c| {
        c.article = article;
        c.anchor = anchor;
    });
    state.article_view.clear_selection();
}

/// The selected sentence with the cue words behind the suggestion highlighted.
fn cue_highlighted_sentence(
    ui: &mut Ui,
    sentence: &str,
    suggestion: &crate::suggest::Suggestion,
    color: egui::Color32,
) {
    let chars: Vec<char> = sentence.chars().collect();
    let mut cues: Vec<(usize, usize)> = suggestion
        .reasons
        .iter()
        .filter(|r| !r.from_context && r.end <= chars.len())
        .map(|r| (r.start, r.end))
        .collect();
    cues.sort_unstable();
    let mut job = egui::text::LayoutJob::default();
    let plain = egui::TextFormat { color: ui.visuals().text_color(), ..Default::default() };
    let cue = egui::TextFormat {
        color: ui.visuals().strong_text_color(),
        background: color.gamma_multiply(0.35),
        underline: egui::Stroke::new(1.0, color),
        ..Default::default()
    };
    let mut at = 0;
    for (start, end) in cues {
        if start < at {
            continue;
        }
        job.append(&chars[at..start].iter().collect::<String>(), 0.0, plain.clone());
        job.append(&chars[start..end].iter().collect::<String>(), 0.0, cue.clone());
        at = end;
    }
    job.append(&chars[at..].iter().collect::<String>(), 0.0, plain);
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}
