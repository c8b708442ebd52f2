//! The window's panels. Each function draws one part and calls [`AppState`] commands.

use egui::{Color32, RichText, Ui};

use super::file_dialogs::FileRequest;
use super::settings::ThemeChoice;
use super::state::{AfterSave, AppState, ImportTarget, Modal, NoticeKind};
use super::tier_color;
use crate::model::Tier;

/// First words of a quote, for lists.
fn quote_preview(text: &str, max_chars: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max_chars {
        one_line
    } else {
        let cut: String = one_line.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A tier's badge: colour swatch plus its icon, so it reads without colour too.
pub fn tier_badge(ui: &mut Ui, tier: Option<&Tier>) {
    let (color, icon) = tier.map_or((Color32::GRAY, "•"), |t| (tier_color(t), t.icon.as_str()));
    ui.label(RichText::new(icon).color(color).strong());
}

pub fn menu_bar(ui: &mut Ui, state: &mut AppState) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("New").clicked() {
                state.after_unsaved_check(ui.ctx(), AfterSave::New);
            }
            if ui.button("Open…  (Ctrl+O)").clicked() {
                state.file_dialogs.request(ui.ctx(), FileRequest::Open, "");
            }
            ui.menu_button("Open Recent", |ui| {
                if state.settings.recent.is_empty() {
                    ui.label("No recent projects");
                }
                for path in state.settings.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        state.after_unsaved_check(ui.ctx(), AfterSave::Open(path));
                    }
                }
            });
            ui.separator();
            if ui.button("Save  (Ctrl+S)").clicked() {
                state.save(ui.ctx());
            }
            if ui.button("Save As…  (Ctrl+Shift+S)").clicked() {
                state.save_as(ui.ctx());
            }
            ui.separator();
            if ui.button("Import Article…").clicked() {
                state.import_target = ImportTarget::NewArticle;
                state.file_dialogs.request(ui.ctx(), FileRequest::ImportArticle, "");
            }
            if ui.button("Import Article from URL…").clicked() {
                state.import_target = ImportTarget::NewArticle;
                state.modal = Some(Modal::ImportUrl { url: String::new() });
            }
            if ui.button("New Article from Clipboard  (Ctrl+Shift+V)").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            if let Some(article) = state.current_article_id()
                && ui.button("Update Article Text…").clicked()
            {
                state.modal = Some(Modal::UpdateText { article });
            }
            if ui.button("Export…  (Ctrl+E)").clicked() {
                state.modal = Some(Modal::Export);
            }
            if ui.button("Merge Project…").clicked() {
                state.file_dialogs.request(ui.ctx(), FileRequest::Merge, "");
            }
            ui.separator();
            if ui.button("Close").clicked() {
                state.after_unsaved_check(ui.ctx(), AfterSave::New);
            }
            if ui.button("Quit  (Ctrl+Q)").clicked() {
                state.after_unsaved_check(ui.ctx(), AfterSave::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo = state.doc.editor.undo_label().map_or("Undo".to_owned(), |l| format!("Undo {l}"));
            if ui.add_enabled(state.doc.editor.can_undo(), egui::Button::new(format!("{undo}  (Ctrl+Z)"))).clicked() {
                state.undo();
            }
            let redo = state.doc.editor.redo_label().map_or("Redo".to_owned(), |l| format!("Redo {l}"));
            if ui
                .add_enabled(state.doc.editor.can_redo(), egui::Button::new(format!("{redo}  (Ctrl+Shift+Z)")))
                .clicked()
            {
                state.redo();
            }
            ui.separator();
            if ui.button("Find  (Ctrl+F)").clicked() {
                state.view.find_open = true;
                state.view.focus_find = true;
            }
            if ui.add_enabled(state.view.claim.is_some(), egui::Button::new("Delete Claim  (Delete)")).clicked() {
                state.delete_selected_claim();
            }
            ui.separator();
            if ui.button("Suggest Claims…").on_hover_text("Review suggested claims of this article").clicked() {
                state.start_review();
            }
            if ui.button("Suggestion Cues…").clicked() {
                state.modal = Some(Modal::SuggestionCues);
            }
            if ui.button("Tiers…").clicked() {
                state.modal = Some(Modal::Tiers);
            }
        });
        ui.menu_button("Lore", |ui| {
            if ui.button("Search Everything…  (Ctrl+Shift+F)").clicked() {
                state.open_search();
            }
            if ui.button("Contradictions…").clicked() {
                state.modal = Some(Modal::Contradictions);
            }
            if ui.button("Glossary…").clicked() {
                state.modal = Some(Modal::Glossary { entry: None });
            }
            if ui.button("Timeline…").clicked() {
                state.modal = Some(Modal::Timeline);
            }
            if ui.button("Dashboard…").clicked() {
                state.modal = Some(Modal::Dashboard { article_only: false });
            }
            ui.separator();
            if let Some(article) = state.current_article().map(|a| (a.id.clone(), a.spoiler.is_some())) {
                let (id, marked) = article;
                let label = if marked { "Unmark Article as Spoiler" } else { "Mark Article as Spoiler" };
                if ui.button(label).clicked() {
                    let spoiler = (!marked).then(crate::model::Spoiler::default);
                    state.doc.editor.set_article_spoiler(&id, spoiler);
                }
            }
        });
        ui.menu_button("View", |ui| {
            ui.label("Theme");
            for (choice, label) in
                [(ThemeChoice::System, "Follow system"), (ThemeChoice::Light, "Light"), (ThemeChoice::Dark, "Dark")]
            {
                ui.radio_value(&mut state.settings.theme, choice, label);
            }
            ui.separator();
            ui.add(egui::Slider::new(&mut state.settings.text_size, 10.0..=32.0).text("Text size"));
            ui.separator();
            ui.checkbox(&mut state.settings.show_sidebar, "Articles and claims pane");
            ui.checkbox(&mut state.settings.show_notes, "Notes pane");
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard Shortcuts  (F1)").clicked() {
                state.modal = Some(Modal::Shortcuts);
            }
            if ui.button("About Canonry").clicked() {
                state.modal = Some(Modal::About);
            }
        });
    });
}

pub fn status_bar(ui: &mut Ui, state: &mut AppState) {
    let revision = state.doc.editor.structure_revision();
    if state.status_counts.as_ref().is_none_or(|(r, ..)| *r != revision) {
        let project = state.project();
        let counts = project.tier_counts(project.claims.iter());
        let orphans = project.claims.iter().filter(|c| c.anchor.is_orphaned()).count();
        state.status_counts = Some((revision, counts, orphans));
    }
    let Some((_, counts, orphans)) = state.status_counts.clone() else { return };
    ui.horizontal(|ui| {
        let project = state.project();
        for (tier_id, count) in counts {
            let tier = project.tier(&tier_id);
            tier_badge(ui, tier);
            ui.label(format!("{} {count}", tier.map_or(tier_id.as_str(), |t| t.label.as_str())));
            ui.add_space(8.0);
        }
        ui.label(format!("Orphans {orphans}"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let saved = if state.doc.editor.is_dirty() {
                "Unsaved changes"
            } else if state.doc.path.is_none() {
                "Not saved yet"
            } else {
                "Saved"
            };
            ui.label(saved);
        });
    });
}

pub fn notices(ui: &mut Ui, state: &mut AppState) {
    let mut dismiss = None;
    for (i, notice) in state.notices.iter().enumerate() {
        let fill = match notice.kind {
            NoticeKind::Error => ui.visuals().error_fg_color.gamma_multiply(0.25),
            NoticeKind::Info => ui.visuals().selection.bg_fill.gamma_multiply(0.3),
        };
        egui::Frame::new().fill(fill).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                    dismiss = Some(i);
                }
                ui.label(&notice.text);
            });
        });
    }
    if let Some(i) = dismiss {
        state.notices.remove(i);
    }
}

pub fn sidebar(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Articles");
    let current = state.current_article_id();
    let articles: Vec<(String, String)> =
        state.project().articles.iter().map(|a| (a.id.clone(), a.title.clone())).collect();
    egui::ScrollArea::vertical().id_salt("articles").max_height(ui.available_height() * 0.3).show(ui, |ui| {
        for (id, title) in &articles {
            let selected = current.as_deref() == Some(id.as_str());
            let response = ui.selectable_label(selected, quote_preview(title, 60));
            if response.clicked() {
                state.select_article(id);
            }
            response.context_menu(|ui| {
                if ui.button("Update text…").clicked() {
                    state.modal = Some(Modal::UpdateText { article: id.clone() });
                }
                if ui.button("Rename…").clicked() {
                    state.modal = Some(Modal::RenameArticle { article: id.clone(), title: title.clone() });
                }
                if ui.button("Remove…").clicked() {
                    state.modal = Some(Modal::ConfirmRemoveArticle { article: id.clone() });
                }
            });
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Add…").on_hover_text("Import a text, Markdown or saved web page file").clicked() {
            state.import_target = ImportTarget::NewArticle;
            state.file_dialogs.request(ui.ctx(), FileRequest::ImportArticle, "");
        }
        if let Some(id) = current.clone() {
            if ui.button("Rename…").clicked() {
                let title = state.project().article(&id).map(|a| a.title.clone()).unwrap_or_default();
                state.modal = Some(Modal::RenameArticle { article: id.clone(), title });
            }
            if ui.button("Remove…").clicked() {
                state.modal = Some(Modal::ConfirmRemoveArticle { article: id });
            }
        }
    });
    ui.separator();
    claim_list(ui, state);
}

fn claim_list(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Claims");
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.settings.claims_of_all_articles, false, "This article");
        ui.selectable_value(&mut state.settings.claims_of_all_articles, true, "All articles");
    });
    ui.horizontal_wrapped(|ui| {
        let tiers: Vec<Tier> = state.project().tiers.clone();
        for tier in &tiers {
            let mut shown = !state.view.hidden_tiers.contains(&tier.id);
            let label = RichText::new(format!("{} {}", tier.icon, tier.label)).color(tier_color(tier));
            if ui.checkbox(&mut shown, label).changed() {
                if shown {
                    state.view.hidden_tiers.retain(|t| *t != tier.id);
                } else {
                    state.view.hidden_tiers.push(tier.id.clone());
                }
            }
        }
    });
    let filter_label = ui.label("Filter:");
    ui.add(
        egui::TextEdit::singleline(&mut state.view.claim_filter_text)
            .hint_text("words in quote or note")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(filter_label.id);

    // The list holds claim indices, rebuilt only when claims move or the filter changes; the
    // visible rows are formatted as they are drawn.
    let filtering = !state.view.claim_filter_text.trim().is_empty();
    let key = ClaimListKey {
        structure_revision: state.doc.editor.structure_revision(),
        // Notes only matter to the list while filtering by text.
        note_revision: if filtering { state.doc.editor.revision() } else { 0 },
        filter: state.view.claim_filter_text.to_lowercase(),
        hidden_tiers: state.view.hidden_tiers.clone(),
        all_articles: state.settings.claims_of_all_articles,
        article: state.current_article_id(),
    };
    if state.claim_rows.as_ref().is_none_or(|(k, _)| *k != key) {
        if filtering && state.claim_haystack.as_ref().is_none_or(|(r, _)| *r != state.doc.editor.revision()) {
            let haystack = state
                .project()
                .claims
                .iter()
                .map(|c| format!("{}\n{}", c.anchor.exact, c.note).to_lowercase())
                .collect();
            state.claim_haystack = Some((state.doc.editor.revision(), haystack));
        }
        let haystack = state.claim_haystack.as_ref().map_or(&[][..], |(_, h)| h.as_slice());
        let rows = claim_rows(state.project(), &key, haystack);
        state.claim_rows = Some((key, rows));
    }
    // Taken out for the frame (not cloned), so drawing can borrow the project alongside.
    let Some((key, rows)) = state.claim_rows.take() else { return };
    ui.label(RichText::new(format!("{} shown", rows.len())).weak());
    let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.4 + 6.0;
    let mut clicked = None;
    let project = state.doc.editor.project();
    let selected_claim = state.view.claim.as_deref();
    let (revealed, today) = (&state.view.revealed, crate::model::today());
    egui::ScrollArea::vertical().id_salt("claims").auto_shrink(false).show_rows(
        ui,
        row_height,
        rows.len(),
        |ui, range| {
            for claim in rows[range].iter().filter_map(|&i| project.claims.get(i)) {
                let tier = project.tier(&claim.tier);
                let selected = selected_claim == Some(claim.id.as_str());
                ui.horizontal(|ui| {
                    ui.set_min_height(row_height - ui.spacing().item_spacing.y);
                    tier_badge(ui, tier);
                    ui.vertical(|ui| {
                        // A spoiler stays hidden in the list too, note included.
                        let hidden = super::lore_ui::hidden_spoiler(project, claim, revealed, &today);
                        let quote =
                            if hidden { "spoiler (hidden)".to_owned() } else { quote_preview(&claim.anchor.exact, 48) };
                        let label = if claim.anchor.is_orphaned() {
                            format!("“{quote}” (orphaned)")
                        } else {
                            format!("“{quote}”")
                        };
                        let tier_name = tier.map_or("unknown tier", |t| t.label.as_str());
                        let button =
                            ui.add(egui::Button::selectable(selected, label).truncate()).on_hover_text(tier_name);
                        if button.clicked() {
                            clicked = Some(claim.id.clone());
                        }
                        let note = if hidden { String::new() } else { quote_preview(claim.note_summary(), 48) };
                        ui.label(RichText::new(if note.is_empty() { " " } else { note.as_str() }).weak().small());
                    });
                });
            }
        },
    );
    let copy = !rows.is_empty() && ui.button("Copy shown as Markdown").clicked();
    if copy {
        let ids: Vec<String> = rows.iter().filter_map(|&i| project.claims.get(i)).map(|c| c.id.clone()).collect();
        ui.ctx().copy_text(crate::export::markdown::copy_claims(state.project(), &ids));
        state.info(format!("Copied {} claim(s) as Markdown.", ids.len()));
    }
    state.claim_rows = Some((key, rows));
    if let Some(id) = clicked {
        state.select_claim(&id);
    }
}

/// What the claim list shows depends on these; the rows are cached until one changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimListKey {
    structure_revision: u64,
    note_revision: u64,
    filter: String,
    hidden_tiers: Vec<String>,
    all_articles: bool,
    article: Option<String>,
}

/// Indices of the claims the list shows. `haystack[i]` is claim i's quote and note, lowercased.
fn claim_rows(project: &crate::model::Project, key: &ClaimListKey, haystack: &[String]) -> Vec<usize> {
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
