//! Find in the article (Edit > Find): case-insensitive, as you type, Enter for the next match.

use egui::Ui;

use crate::app::widgets::article_view::ArticleView;
use crate::text::CharIndex;

/// Where a query was found in an article, as code-point ranges.
#[derive(Debug)]
struct FindMatches {
    article: String,
    query: String,
    ranges: Vec<(usize, usize)>,
}

#[derive(Debug, Default)]
pub struct FindBar {
    pub open: bool,
    pub text: String,
    current: usize,
    /// Give the field focus on the next frame.
    pub focus: bool,
    /// Matches of the query, recomputed when the article or the query changes.
    matches: Option<FindMatches>,
    /// The current article's text, case-folded: (article id, text, its index).
    folded: Option<(String, String, CharIndex)>,
}

impl FindBar {
    /// Opens the bar with the field focused.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    pub fn ui(&mut self, ui: &mut Ui, article_id: &str, text: &str, view: &mut ArticleView) {
        let mut go = None;
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let response =
                ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(240.0)).labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                response.request_focus();
            }
            let matches = self.refresh(article_id, text).to_vec();
            if response.changed() {
                self.current = 0;
                go = Some(0);
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Next").clicked() || enter) && !matches.is_empty() {
                self.current = (self.current + 1) % matches.len();
                go = Some(self.current);
                if enter {
                    response.request_focus();
                }
            }
            if ui.button("Previous").clicked() && !matches.is_empty() {
                self.current = (self.current + matches.len() - 1) % matches.len();
                go = Some(self.current);
            }
            ui.label(if matches.is_empty() {
                "no matches".to_owned()
            } else {
                format!("{} of {}", self.current.min(matches.len() - 1) + 1, matches.len())
            });
            if ui.button("Close").clicked() {
                self.open = false;
            }
            if let Some(&(start, end)) = go.and_then(|i| matches.get(i)) {
                view.set_selection(start, end);
                view.scroll_to(start);
            }
        });
    }

    /// The matches of the query in the article (cheap when neither changed).
    fn refresh(&mut self, article_id: &str, text: &str) -> &[(usize, usize)] {
        let fresh = self.matches.as_ref().is_some_and(|m| m.article == article_id && m.query == self.text);
        if !fresh {
            // The case-folded text is kept per article, so a keystroke only searches.
            if self.folded.as_ref().is_none_or(|(id, ..)| id != article_id) {
                let folded = fold_case(text);
                let index = CharIndex::new(&folded);
                self.folded = Some((article_id.to_owned(), folded, index));
            }
            let found = match &self.folded {
                Some((_, folded, index)) => find_all_folded(folded, index, &self.text),
                None => Vec::new(),
            };
            self.matches =
                Some(FindMatches { article: article_id.to_owned(), query: self.text.clone(), ranges: found });
        }
        self.matches.as_ref().map_or(&[], |m| m.ranges.as_slice())
    }
}

/// One char to one char, so code-point positions in the folded text are positions in the text.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

pub fn fold_case(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// Case-insensitive matches of `needle` in a text folded by [`fold_case`], as code-point ranges.
pub fn find_all_folded(folded: &str, index: &CharIndex, needle: &str) -> Vec<(usize, usize)> {
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
        let index = CharIndex::new(&folded);
        assert_eq!(find_all_folded(&folded, &index, "école"), [(7, 12), (14, 19)]);
        assert_eq!(find_all_folded(&folded, &index, "ÜNÏ"), [(21, 24)]);
        assert!(find_all_folded(&folded, &index, "  ").is_empty());
    }
}
