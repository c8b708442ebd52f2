//! Modal dialogs: unsaved changes, recovery, article removal and renaming, external changes,
//! tiers, shortcuts, about.

use egui::{RichText, Ui};

use super::file_dialogs::FileRequest;
use super::state::{AppState, ImportTarget, Modal};
use super::tier_color;
use crate::edit::merge::Resolution;
use crate::export::Format;
use crate::model::Tier;

/// Every shortcut, for the sheet and the README.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("1, 2, 3 …", "Tag the selected words with that tier, or retag the selected claim"),
    ("Delete", "Delete the selected claim"),
    ("Alt+click / Alt+Shift+click", "Select a sentence / extend by sentences"),
    ("Enter", "Accept the suggested tier for the selection"),
    ("Tab / Shift+Tab", "Next / previous claim in the article"),
    ("Shift+Arrows", "Extend the selection (Ctrl: by word)"),
    ("Double-click / triple-click", "Select a word / a paragraph"),
    ("Shift+click", "Extend the selection to the pointer"),
    ("Escape", "Clear the selection"),
    ("Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)", "Undo / redo"),
    ("Ctrl+F", "Find in the article"),
    ("Ctrl+Shift+F", "Search everything: articles, quotes, notes, sources, names"),
    ("Ctrl+S / Ctrl+Shift+S", "Save / save as"),
    ("Ctrl+E", "Export (Markdown, HTML, W3C annotations, CSV, share bundle)"),
    ("Ctrl+O / Ctrl+N", "Open / new project"),
    ("Ctrl+C", "Copy the selected text"),
    ("Ctrl+= / Ctrl+-", "Larger / smaller article text"),
    ("Ctrl+Q", "Quit"),
    ("F1", "This sheet"),
];

pub fn show_modal(ui: &mut Ui, state: &mut AppState) {
    let Some(modal) = state.modal.clone() else { return };
    let ctx = ui.ctx().clone();
    let response = egui::Modal::new(egui::Id::unique("canonry-modal")).show(&ctx, |ui| {
        ui.set_max_width(520.0);
        match modal {
            Modal::UnsavedChanges { then } => {
                ui.heading(format!("Save changes to “{}”?", state.doc.display_name()));
                ui.label("Your changes will be lost if you don't save them.");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    // Without a path, Save opens a Save As dialog; its answer continues.
                    if ui.button("Save").clicked() && state.save(&ctx) {
                        state.modal = None;
                        state.run_after_save(&ctx, then.clone());
                    }
                    if ui.button("Don't Save").clicked() {
                        state.modal = None;
                        state.doc.editor.mark_saved();
                        state.run_after_save(&ctx, then.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        state.modal = None;
                    }
                });
            }
            Modal::LinkClaim { from, query, kind, note } => super::lore_ui::link_picker(ui, state, from, query, kind, note),
            Modal::Contradictions => super::lore_ui::contradictions(ui, state),
            Modal::Glossary { entry } => super::lore_ui::glossary(ui, state, entry),
            Modal::Search => super::lore_ui::search(ui, state),
            Modal::Timeline => super::lore_ui::timeline(ui, state),
            Modal::Dashboard { article_only } => super::lore_ui::dashboard(ui, state, article_only),
            Modal::Recovery => {
                ui.heading("Recover unsaved work?");
                ui.label("Canonry did not close normally last time. This unsaved work was kept:");
                let mut action = None;
                for (i, found) in state.recoverable.iter().enumerate() {
                    ui.separator();
                    ui.label(RichText::new(&found.title).strong());
                    let place = found.recovery_of.as_ref().map_or("never saved".to_owned(), |p| p.display().to_string());
                    ui.label(format!("{place} · written {}", found.written));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            action = Some((i, true));
                        }
                        if ui.button("Discard").clicked() {
                            action = Some((i, false));
                        }
                    });
                }
                ui.separator();
                ui.weak("Enter restores the first (nothing is overwritten: restored work still needs saving).");
                // Keyboard-first: Enter restores, the choice that can lose nothing.
                if action.is_none() && !state.recoverable.is_empty() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    action = Some((0, true));
                }
                match action {
                    Some((i, true)) => state.restore(i),
                    Some((i, false)) => state.discard_recoverable(i),
                    None => {}
                }
                ui.separator();
                if ui.button("Decide later").clicked() {
                    state.modal = None;
                }
            }
            Modal::ConfirmRemoveArticle { article } => {
                let title = state.project().article(&article).map(|a| a.title.clone()).unwrap_or_default();
                let claims = state.project().claims_of(&article).count();
                ui.heading("Remove article?");
                ui.label(format!("“{title}” and its {claims} claim(s) will be removed. You can undo this."));
                ui.horizontal(|ui| {
                    if ui.button("Remove").clicked() {
                        state.doc.editor.remove_article(&article);
                        state.view.article = None;
                        state.view.claim = None;
                        state.modal = None;
                    }
                    if ui.button("Cancel").clicked() {
                        state.modal = None;
                    }
                });
            }
            Modal::RenameArticle { article, mut title } => {
                ui.heading("Rename article");
                let label = ui.label("Title:");
                let response = ui.add(egui::TextEdit::singleline(&mut title).desired_width(400.0)).labelled_by(label.id);
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let mut close = false;
                ui.horizontal(|ui| {
                    if ui.button("Rename").clicked() || enter {
                        state.doc.editor.rename_article(&article, &title);
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
                state.modal = if close { None } else { Some(Modal::RenameArticle { article, title }) };
            }
            Modal::ChangedOnDisk => {
                ui.heading("The project changed on disk");
                ui.label(format!(
                    "Another program changed {} since Canonry opened it.",
                    state.doc.path.as_ref().map_or(String::new(), |p| p.display().to_string())
                ));
                ui.label("Reload it (your unsaved changes go, and can be undone), or keep yours and save them under another name.");
                ui.horizontal(|ui| {
                    if ui.button("Reload").clicked() {
                        state.reload_from_disk();
                        state.modal = None;
                    }
                    if ui.button("Keep mine (Save As…)").clicked() {
                        state.modal = None;
                        state.save_as(&ctx);
                    }
                });
            }
            Modal::Tiers => tiers_dialog(ui, state),
            Modal::Export => export_dialog(ui, state),
            Modal::Merge => merge_dialog(ui, state),
            Modal::ImportPreview => import_preview(ui, state),
            Modal::ImportUrl { url } => import_url(ui, state, url),
            Modal::UpdateText { article } => update_text(ui, state, &article),
            Modal::ReanchorReport => reanchor_report(ui, state),
            Modal::Review => review_panel(ui, state),
            Modal::SuggestionCues => cues_dialog(ui, state),
            Modal::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                ui.label(RichText::new("On macOS, Cmd replaces Ctrl.").weak());
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(RichText::new(*keys).monospace());
                        ui.label(*what);
                        ui.end_row();
                    }
                });
                if ui.button("Close").clicked() {
                    state.modal = None;
                }
            }
            Modal::About => {
                ui.heading("Canonry");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("A lore journal: tag what articles say as canon, comic-canon or speculation.");
                ui.label("Your projects stay on your computer; Canonry makes no network requests.");
                if ui.button("Close").clicked() {
                    state.modal = None;
                }
            }
        }
    });
    // Escape or a click outside closes dialogs that do not need an answer.
    if response.should_close()
        && matches!(
            state.modal,
            Some(
                Modal::Shortcuts
                    | Modal::About
                    | Modal::Tiers
                    | Modal::RenameArticle { .. }
                    | Modal::ConfirmRemoveArticle { .. }
            )
        )
    {
        state.modal = None;
    }
}

fn tiers_dialog(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Tiers");
    ui.label("Renaming keeps every claim on its tier. A tier with claims is merged into another before it goes.");
    let tiers: Vec<Tier> = state.project().tiers.clone();
    let mut result = Ok(());
    egui::Grid::new("tiers").num_columns(5).striped(true).show(ui, |ui| {
        for (i, tier) in tiers.iter().enumerate() {
            ui.label(RichText::new(format!("{} {}", tier.icon, tier.key)).color(tier_color(tier)));
            let id = egui::Id::unique(("tier-label", &tier.id));
            let mut label = ui.data_mut(|d| d.get_temp::<String>(id)).unwrap_or_else(|| tier.label.clone());
            let response = ui.add(egui::TextEdit::singleline(&mut label).desired_width(140.0).hint_text("tier name"));
            if response.lost_focus() {
                if label != tier.label {
                    let (tid, l) = (tier.id.clone(), label.clone());
                    result = state.doc.editor.edit_tiers("Rename tier", |p| p.rename_tier(&tid, &l)).map(|_| ());
                }
                ui.data_mut(|d| d.remove::<String>(id));
            } else {
                ui.data_mut(|d| d.insert_temp(id, label));
            }
            let mut rgb = tier.rgb();
            if ui.color_edit_button_srgb(&mut rgb).changed() {
                let hex = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
                let tid = tier.id.clone();
                result = state.doc.editor.edit_tiers("Recolour tier", |p| p.recolor_tier(&tid, &hex)).map(|_| ());
            }
            ui.horizontal(|ui| {
                if ui.add_enabled(i > 0, egui::Button::new("⬆").small()).on_hover_text("Move up").clicked() {
                    let tid = tier.id.clone();
                    result = state.doc.editor.edit_tiers("Reorder tiers", |p| p.move_tier(&tid, i - 1));
                }
                if ui
                    .add_enabled(i + 1 < tiers.len(), egui::Button::new("⬇").small())
                    .on_hover_text("Move down")
                    .clicked()
                {
                    let tid = tier.id.clone();
                    result = state.doc.editor.edit_tiers("Reorder tiers", |p| p.move_tier(&tid, i + 1));
                }
            });
            ui.menu_button("Merge / delete…", |ui| {
                let claims = state.project().claims.iter().filter(|c| c.tier == tier.id).count();
                ui.label(format!("{claims} claim(s) on this tier"));
                for other in tiers.iter().filter(|t| t.id != tier.id) {
                    if ui.button(format!("Merge into {}", other.label)).clicked() {
                        let (from, into) = (tier.id.clone(), other.id.clone());
                        result = state.doc.editor.edit_tiers("Merge tiers", |p| p.merge_tier(&from, &into)).map(|_| ());
                    }
                }
                if claims == 0 && ui.button("Delete").clicked() {
                    let tid = tier.id.clone();
                    result = state.doc.editor.edit_tiers("Delete tier", |p| p.delete_tier(&tid, None)).map(|_| ());
                }
            });
            ui.end_row();
        }
    });
    ui.separator();
    let new_id = egui::Id::unique("new-tier-name");
    let mut name = ui.data_mut(|d| d.get_temp::<String>(new_id)).unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label("New tier:");
        ui.add(egui::TextEdit::singleline(&mut name).hint_text("e.g. Legends").desired_width(160.0))
            .labelled_by(label.id);
        if ui.add_enabled(!name.trim().is_empty(), egui::Button::new("Add")).clicked() {
            let n = name.clone();
            result = state.doc.editor.edit_tiers("Add tier", |p| p.add_tier(&n, "#8a5cc7")).map(|_| ());
            name.clear();
        }
    });
    ui.data_mut(|d| d.insert_temp(new_id, name));
    if let Err(e) = result {
        state.error(format!("{}.", capitalise(&e.to_string())));
    }
    if ui.button("Close").clicked() {
        state.modal = None;
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn export_dialog(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Export");
    ui.set_min_width(560.0);
    let tiers = state.project().tiers.clone();
    let choices = &mut state.export_choices;
    egui::ComboBox::from_label("Format").selected_text(choices.format.label()).show_ui(ui, |ui| {
        for format in Format::ALL {
            ui.selectable_value(&mut choices.format, format, format.label());
        }
    });
    ui.horizontal(|ui| {
        ui.radio_value(&mut choices.current_article_only, false, "Whole project");
        ui.radio_value(&mut choices.current_article_only, true, "Current article");
    });
    ui.horizontal_wrapped(|ui| {
        for tier in &tiers {
            let mut shown = !choices.hidden_tiers.contains(&tier.id);
            if ui.checkbox(&mut shown, format!("{} {}", tier.icon, tier.label)).changed() {
                if shown {
                    choices.hidden_tiers.retain(|t| *t != tier.id);
                } else {
                    choices.hidden_tiers.push(tier.id.clone());
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut choices.notes, "Notes");
        ui.checkbox(&mut choices.citations, "Sources");
        ui.checkbox(&mut choices.history, "Tier history");
        ui.checkbox(&mut choices.hide_spoilers, "Leave out spoilers (claims and articles marked as spoilers)");
        ui.checkbox(&mut choices.spoiler_free, "Quotes only (no notes, sources, history or spoilers)");
    });
    ui.separator();
    let format = state.export_choices.format;
    // Exporting a book-length project takes a while: only when the options or project change.
    let options = state.export_options();
    let key = (format, options.clone(), state.doc.editor.revision());
    if state.export_preview.as_ref().is_none_or(|(k, _)| *k != key) {
        let result = crate::export::export(state.project(), format, &options);
        state.export_preview = Some((key, result));
    }
    let preview = state.export_preview.as_ref().map(|(_, r)| r.clone()).unwrap_or_else(|| Ok(Vec::new()));
    ui.label(RichText::new("Preview").strong());
    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| match &preview {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes[..bytes.len().min(20_000)]);
            ui.add(egui::Label::new(RichText::new(text.as_ref()).monospace().small()).wrap());
        }
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Save…").clicked() {
            state.export_to_file(ui.ctx());
            state.modal = None;
        }
        if let Ok(bytes) = &preview
            && format != Format::Bundle
            && ui.button("Copy").on_hover_text("Copy to the clipboard, to paste into a chat or wiki").clicked()
        {
            ui.ctx().copy_text(String::from_utf8_lossy(bytes).into_owned());
            state.info(format!("Copied the {} export.", format.label()));
        }
        if ui.button("Close").clicked() {
            state.modal = None;
        }
    });
}

fn merge_dialog(ui: &mut Ui, state: &mut AppState) {
    let Some(pending) = state.pending_merge.as_mut() else {
        state.modal = None;
        return;
    };
    ui.heading("Merge project");
    ui.label(format!("From {}", pending.source.display()));
    ui.label(pending.plan.summary());
    if pending.plan.orphaned > 0 {
        ui.label(format!(
            "{} of their claims are not in your copy of the article: they arrive as orphans.",
            pending.plan.orphaned
        ));
    }
    if !pending.plan.conflicts.is_empty() {
        ui.separator();
        ui.label(RichText::new("Claims you both changed").strong());
        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            for (i, conflict) in pending.plan.conflicts.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(format!("“{}”", conflict.mine.anchor.exact)).italics());
                    ui.label(format!("Mine: {} · {}", conflict.mine.tier, conflict.mine.note_summary()));
                    ui.label(format!("Theirs: {} · {}", conflict.theirs.tier, conflict.theirs.note_summary()));
                    if conflict.mine.anchor.exact != conflict.theirs.anchor.exact {
                        ui.label(format!("Their quote: “{}”", conflict.theirs.anchor.exact));
                    }
                    ui.horizontal(|ui| {
                        let choice = &mut pending.resolutions[i];
                        ui.radio_value(choice, Resolution::KeepMine, "Keep mine");
                        ui.radio_value(choice, Resolution::TakeTheirs, "Take theirs");
                        ui.radio_value(choice, Resolution::KeepBoth, "Keep both");
                    });
                });
            }
        });
    }
    ui.horizontal(|ui| {
        if ui.button("Merge").clicked() {
            state.apply_merge();
            state.modal = None;
        }
        if ui.button("Cancel").clicked() {
            state.pending_merge = None;
            state.modal = None;
        }
    });
}

fn import_preview(ui: &mut Ui, state: &mut AppState) {
    let Some(pending) = state.pending_import.as_mut() else {
        state.modal = None;
        return;
    };
    let updating = matches!(pending.target, ImportTarget::Update(_));
    ui.heading(if updating { "Update article text" } else { "Add article" });
    ui.set_min_width(560.0);
    let imported = &mut pending.imported;
    egui::Grid::new("import-metadata").num_columns(2).show(ui, |ui| {
        for (name, field) in [
            ("Title", &mut imported.title),
            ("Author", &mut imported.author),
            ("Published", &mut imported.published),
            ("Source URL", &mut imported.source_url),
        ] {
            let label = ui.label(name);
            ui.add(egui::TextEdit::singleline(field).desired_width(420.0)).labelled_by(label.id);
            ui.end_row();
        }
    });
    if !imported.site_name.is_empty() {
        ui.label(RichText::new(format!("Site: {}", imported.site_name)).weak());
    }
    let words = imported.text.split_whitespace().count();
    ui.label(RichText::new(format!("{words} words, {} links", imported.links.len())).weak());
    ui.separator();
    egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
        for paragraph in imported.first_paragraphs(4) {
            ui.label(paragraph);
            ui.add_space(4.0);
        }
    });
    ui.separator();
    ui.horizontal(|ui| {
        let accept = if updating { "Update article" } else { "Add article" };
        if ui.button(accept).clicked() {
            state.accept_import();
        }
        if ui.button("Cancel").clicked() {
            state.pending_import = None;
            state.modal = None;
        }
    });
}

fn import_url(ui: &mut Ui, state: &mut AppState, mut url: String) {
    ui.heading("Import from a web address");
    ui.label("Canonry downloads this one page and extracts its article. It makes no other network requests.");
    let label = ui.label("URL:");
    let response =
        ui.add(egui::TextEdit::singleline(&mut url).desired_width(480.0).hint_text("https://…")).labelled_by(label.id);
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let fetching = state.url_fetch.is_some();
    ui.horizontal(|ui| {
        if fetching {
            ui.spinner();
            ui.label("Downloading…");
        } else if ui.button("Fetch").clicked() || enter {
            let target = state.import_target.clone();
            state.fetch_url(ui.ctx(), &url, target);
        }
        if ui.button("Cancel").clicked() {
            state.url_fetch = None;
            state.modal = None;
        }
    });
    if matches!(state.modal, Some(Modal::ImportUrl { .. })) {
        state.modal = Some(Modal::ImportUrl { url });
    }
}

fn update_text(ui: &mut Ui, state: &mut AppState, article: &str) {
    let title = state.project().article(article).map(|a| a.title.clone()).unwrap_or_default();
    let claims = state.project().claims_of(article).count();
    ui.heading("Update article text");
    ui.label(format!("Replace the text of “{title}” with a newer version. Its {claims} claim(s) move to their words in the new text; any that cannot be placed with confidence become orphans for you to re-attach."));
    ui.horizontal(|ui| {
        let target = ImportTarget::Update(article.to_owned());
        if ui.button("From a file…").clicked() {
            state.import_target = target.clone();
            state.file_dialogs.request(ui.ctx(), FileRequest::ImportArticle, "");
            state.modal = None;
        }
        if ui.button("From a URL…").clicked() {
            state.import_target = target.clone();
            let url = state.project().article(article).map(|a| a.source_url.clone()).unwrap_or_default();
            state.modal = Some(Modal::ImportUrl { url });
        }
        if ui.button("From the clipboard").clicked() {
            state.import_target = target;
            state.modal = None;
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::RequestPaste);
        }
        if ui.button("Cancel").clicked() {
            state.modal = None;
        }
    });
}

fn reanchor_report(ui: &mut Ui, state: &mut AppState) {
    use crate::anchoring::Outcome;
    let Some((title, report)) = state.reanchor_report.clone() else {
        state.modal = None;
        return;
    };
    ui.heading(format!("Updated “{title}”"));
    ui.label(report.summary());
    let quote = |id: &str| state.project().claim(id).map(|c| c.anchor.exact.clone()).unwrap_or_default();
    egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
        for (id, outcome) in &report.outcomes {
            match outcome {
                Outcome::Exact => {}
                Outcome::Fuzzy { old_quote, new_quote } => {
                    ui.label(RichText::new("Moved to changed words").strong());
                    ui.label(format!("was: “{old_quote}”"));
                    ui.label(format!("now: “{new_quote}”"));
                    ui.separator();
                }
                Outcome::Orphaned { reason } => {
                    ui.label(RichText::new("Orphaned").strong().color(ui.visuals().warn_fg_color));
                    ui.label(format!("“{}”: {reason}", quote(id)));
                    ui.separator();
                }
            }
        }
    });
    ui.label(
        RichText::new(
            "Orphans are listed in the claim list; select the right words and use Re-attach in the note pane.",
        )
        .weak(),
    );
    if ui.button("Close").clicked() {
        state.modal = None;
    }
}

fn review_panel(ui: &mut Ui, state: &mut AppState) {
    let tiers = state.project().tiers.clone();
    let Some(review) = state.review.as_mut() else {
        state.modal = None;
        return;
    };
    ui.heading("Suggested claims");
    ui.label("Up/Down move · 1/2/3 change the tier · Enter accept · Delete reject · Esc close. Nothing is added unless you accept it.");
    ui.label(RichText::new(format!("{} left, {} accepted", review.items.len(), review.accepted)).weak());
    // Keys act on the current suggestion.
    let (up, down, enter, reject) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
            i.consume_key(egui::Modifiers::NONE, egui::Key::Delete)
                || i.consume_key(egui::Modifiers::NONE, egui::Key::Backspace),
        )
    });
    for tier in &tiers {
        if let Some(key) = egui::Key::from_name(&tier.key)
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key))
            && let Some(item) = review.items.get_mut(review.current)
        {
            item.tier = tier.id.clone();
        }
    }
    if up {
        review.current = review.current.saturating_sub(1);
    }
    if down && review.current + 1 < review.items.len() {
        review.current += 1;
    }
    let mut accept_index = None;
    let mut reject_index = None;
    egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
        for (i, item) in review.items.iter().enumerate() {
            let current = i == review.current;
            let frame = egui::Frame::group(ui.style()).fill(if current {
                ui.visuals().selection.bg_fill.gamma_multiply(0.35)
            } else {
                egui::Color32::TRANSPARENT
            });
            let response = frame.show(ui, |ui| {
                ui.set_min_width(ui.available_width());
                let tier = tiers.iter().find(|t| t.id == item.tier);
                let label = tier.map_or(item.tier.clone(), |t| format!("{} {}", t.icon, t.label));
                let color = tier.map_or(ui.visuals().text_color(), tier_color);
                ui.label(
                    RichText::new(format!("{label} · {:.0}% · {}", item.confidence * 100.0, item.cues.join(", ")))
                        .color(color)
                        .small(),
                );
                ui.label(&item.text);
                ui.horizontal(|ui| {
                    if ui.small_button("Accept").clicked() {
                        accept_index = Some(i);
                    }
                    if ui.small_button("Reject").clicked() {
                        reject_index = Some(i);
                    }
                });
            });
            if current && (up || down) {
                response.response.scroll_to_me(None);
            }
        }
    });
    if let Some(i) = accept_index {
        review.current = i;
    }
    if let Some(i) = reject_index {
        review.current = i;
    }
    let close = review.items.is_empty() || ui.button("Close").clicked();
    if enter || accept_index.is_some() {
        state.review_accept();
    } else if reject || reject_index.is_some() {
        state.review_reject();
    }
    if close {
        state.modal = None;
    }
}

fn cues_dialog(ui: &mut Ui, state: &mut AppState) {
    ui.heading("Suggestion cues");
    ui.label("Words and phrases that signal a tier, one per line, added to the built-in English cues.");
    let tiers = state.project().tiers.clone();
    let mut changed = false;
    for tier in &tiers {
        let label = ui.label(RichText::new(format!("{} {}", tier.icon, tier.label)).color(tier_color(tier)));
        let lines = state.settings.user_cues.entry(tier.id.clone()).or_default();
        changed |= ui
            .add(egui::TextEdit::multiline(lines).desired_rows(3).desired_width(460.0).hint_text("e.g. the holonovel"))
            .labelled_by(label.id)
            .changed();
    }
    if changed {
        state.rebuild_suggester();
    }
    if ui.button("Close").clicked() {
        state.modal = None;
    }
}
