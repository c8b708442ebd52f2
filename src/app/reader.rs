//! The centre: article header, find bar and the article view with its tier toolbar.

use egui::{RichText, Ui};

use super::state::AppState;
use super::tier_color;

pub fn reader(ui: &mut Ui, state: &mut AppState) {
    super::panels::notices(ui, state);
    // Borrow the article in place: cloning it every frame would copy the whole text.
    let Some(article_id) = state.current_article_id() else {
        ui.centered_and_justified(|ui| {
            ui.label("This project has no articles. Use File > Import Article, or drop a .txt or .md file here.");
        });
        return;
    };
    let (title, source_url, author, published) = match state.project().article(&article_id) {
        Some(a) => (a.title.clone(), a.source_url.clone(), a.author.clone(), a.published.clone()),
        None => return,
    };
    ui.heading(&title);
    let mut source = Vec::new();
    if !author.is_empty() {
        source.push(author);
    }
    if !published.is_empty() {
        source.push(published);
    }
    ui.horizontal_wrapped(|ui| {
        if !source.is_empty() {
            ui.label(RichText::new(source.join(" · ")).weak());
        }
        if crate::text::is_web_url(&source_url) {
            ui.hyperlink_to(RichText::new(&source_url).small(), &source_url);
        }
    });
    if state.view.find_open {
        find_bar(ui, state, &article_id);
    }
    ui.separator();

    let font_size = state.settings.text_size;
    let revision = state.doc.editor.structure_revision();
    let AppState { doc, view, article_view, .. } = state;
    let project = doc.editor.project();
    let Some(article) = project.article(&article_id) else { return };
    let output = article_view.show(ui, article, project, revision, &view.revealed, view.claim.as_deref(), font_size);
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
    let suggestion = state.suggestion_for_selection();
    egui::Area::new(egui::Id::unique("tier-toolbar"))
        .order(egui::Order::Foreground)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(selection.left_top() - egui::vec2(0.0, 4.0))
        .constrain(true)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                if let Some(s) = &suggestion
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
                        state.apply_tier(&tier.id);
                    }
                }
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

fn find_bar(ui: &mut Ui, state: &mut AppState, article_id: &str) {
    let mut go = None;
    ui.horizontal(|ui| {
        let label = ui.label("Find:");
        let response =
            ui.add(egui::TextEdit::singleline(&mut state.view.find_text).desired_width(240.0)).labelled_by(label.id);
        if state.view.focus_find {
            response.request_focus();
            state.view.focus_find = false;
        }
        let key = (article_id.to_owned(), state.view.find_text.clone());
        if state.view.find_cache.as_ref().is_none_or(|(k, _)| *k != key) {
            // The case-folded text is kept per article, so a keystroke only searches.
            if state.view.folded_text.as_ref().is_none_or(|(id, ..)| id != article_id) {
                let text = state.project().article(article_id).map_or("", |a| a.text.as_str());
                let folded = fold_case(text);
                let index = crate::text::CharIndex::new(&folded);
                state.view.folded_text = Some((article_id.to_owned(), folded, index));
            }
            let found = match &state.view.folded_text {
                Some((_, folded, index)) => find_all_folded(folded, index, &state.view.find_text),
                None => Vec::new(),
            };
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

/// One char to one char, so code-point positions in the folded text are positions in the text.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

pub fn fold_case(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// Case-insensitive matches of `needle` in a text folded by [`fold_case`], as code-point ranges.
pub fn find_all_folded(folded: &str, index: &crate::text::CharIndex, needle: &str) -> Vec<(usize, usize)> {
    let needle = fold_case(needle);
    if needle.trim().is_empty() {
        return Vec::new();
    }
    let len = needle.chars().count();
    folded
        .match_indices(needle.as_str())
        .take(10_000)
        .map(|(byte, _)| {
            let start = index.char_offset(folded, byte);
            (start, start + len)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively_at_code_point_offsets() {
        let text = "Café 🖖 ÉCOLE, école. Ünïcode";
        let folded = fold_case(text);
        let index = crate::text::CharIndex::new(&folded);
        assert_eq!(find_all_folded(&folded, &index, "école"), [(7, 12), (14, 19)]);
        assert_eq!(find_all_folded(&folded, &index, "ÜNÏ"), [(21, 24)]);
        assert!(find_all_folded(&folded, &index, "  ").is_empty());
    }
}
