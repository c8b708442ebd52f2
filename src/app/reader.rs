//! The centre: article header, find bar and the article view with its tier toolbar.

use egui::{RichText, Ui};

use super::state::AppState;
use super::tier_color;

pub fn reader(ui: &mut Ui, state: &mut AppState) {
    super::panels::notices(ui, state);
    let Some(article) = state.current_article().cloned() else {
        ui.centered_and_justified(|ui| {
            ui.label("This project has no articles. Use File > Import Article, or drop a .txt or .md file here.");
        });
        return;
    };
    ui.heading(&article.title);
    let mut source = Vec::new();
    if !article.author.is_empty() {
        source.push(article.author.clone());
    }
    if !article.published.is_empty() {
        source.push(article.published.clone());
    }
    ui.horizontal_wrapped(|ui| {
        if !source.is_empty() {
            ui.label(RichText::new(source.join(" · ")).weak());
        }
        if article.source_url.starts_with("https://") || article.source_url.starts_with("http://") {
            ui.hyperlink_to(RichText::new(&article.source_url).small(), &article.source_url);
        }
    });
    if state.view.find_open {
        find_bar(ui, state, &article.text);
    }
    ui.separator();

    let font_size = state.settings.text_size;
    let revision = state.doc.editor.revision();
    let selected_claim = state.view.claim.clone();
    let output = state.article_view.show(
        ui,
        &article,
        state.doc.editor.project(),
        revision,
        selected_claim.as_deref(),
        font_size,
    );
    if let Some(claim) = output.clicked_claim {
        state.view.claim = Some(claim);
    } else if output.clicked_plain_text {
        state.view.claim = None;
    }
    if let Some(rect) = output.selection_rect {
        tier_toolbar(ui, state, rect);
    }
}

/// The small toolbar by the selection: one button per tier.
fn tier_toolbar(ui: &mut Ui, state: &mut AppState, selection: egui::Rect) {
    let tiers = state.project().tiers.clone();
    egui::Area::new(egui::Id::unique("tier-toolbar"))
        .order(egui::Order::Foreground)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(selection.left_top() - egui::vec2(0.0, 4.0))
        .constrain(true)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for tier in &tiers {
                        let text = RichText::new(format!("{} {} ({})", tier.icon, tier.label, tier.key))
                            .color(tier_color(tier));
                        if ui.button(text).on_hover_text(format!("Tag as {}", tier.label)).clicked() {
                            state.apply_tier(&tier.id);
                        }
                    }
                });
            });
        });
}

fn find_bar(ui: &mut Ui, state: &mut AppState, text: &str) {
    let mut go = None;
    ui.horizontal(|ui| {
        let label = ui.label("Find:");
        let response =
            ui.add(egui::TextEdit::singleline(&mut state.view.find_text).desired_width(240.0)).labelled_by(label.id);
        if state.view.focus_find {
            response.request_focus();
            state.view.focus_find = false;
        }
        let key = (state.article_view.article_id().to_owned(), state.view.find_text.clone());
        if state.view.find_cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let found = find_all(text, &state.view.find_text);
            state.view.find_cache = Some((key, found));
        }
        let matches = state.view.find_cache.as_ref().map(|(_, m)| m.clone()).unwrap_or_default();
        if response.changed() {
            state.view.find_match = 0;
            go = Some(0);
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Next").clicked() || enter) && !matches.is_empty() {
            state.view.find_match = (state.view.find_match + 1) % matches.len();
            go = Some(state.view.find_match);
            if enter {
                response.request_focus();
            }
        }
        if ui.button("Previous").clicked() && !matches.is_empty() {
            state.view.find_match = (state.view.find_match + matches.len() - 1) % matches.len();
            go = Some(state.view.find_match);
        }
        ui.label(if matches.is_empty() {
            "no matches".to_owned()
        } else {
            format!("{} of {}", state.view.find_match.min(matches.len() - 1) + 1, matches.len())
        });
        if ui.button("Close").clicked() {
            state.view.find_open = false;
        }
        if let Some(i) = go
            && let Some(&(start, end)) = matches.get(i)
        {
            state.article_view.set_selection(start, end);
            state.article_view.scroll_to(start);
        }
    });
}

/// Case-insensitive matches of `needle` in `text`, as code-point ranges.
pub fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.trim().is_empty() {
        return Vec::new();
    }
    // One char to one char, so match positions are positions in the text.
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let needle: Vec<char> = needle.chars().map(fold).collect();
    let lower: Vec<char> = text.chars().map(fold).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + needle.len() <= lower.len() && found.len() < 10_000 {
        if lower[i..i + needle.len()] == needle[..] {
            found.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    found
}
