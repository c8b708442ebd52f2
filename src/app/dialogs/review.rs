//! Edit > Suggest Claims: the article's candidate sentences, one by one. Up/Down move, the tier
//! keys change the tier, Enter accepts, Delete rejects. Nothing enters the project unless accepted.

use egui::RichText;

use super::DialogContext;
use crate::app::command::{Edit, ReviewItem};
use crate::app::theme::tier_color;

pub struct ReviewDialog {
    pub article: String,
    pub items: Vec<ReviewItem>,
    pub current: usize,
    pub accepted: usize,
}

/// What the keys asked for this frame.
#[derive(Default)]
struct Keys {
    up: bool,
    down: bool,
    accept: bool,
    reject: bool,
}

impl ReviewDialog {
    pub fn new(article: String, items: Vec<ReviewItem>) -> Self {
        Self { article, items, current: 0, accepted: 0 }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Suggested claims");
        ui.label(
            "Up/Down move · 1/2/3 change the tier · Enter accept · Delete reject · Esc close. \
             Nothing is added unless you accept it.",
        );
        ui.label(RichText::new(format!("{} left, {} accepted", self.items.len(), self.accepted)).weak());
        let tiers = &cx.doc.project().tiers;
        let mut keys = self.read_keys(ui, tiers);
        let mut clicked = None;
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for (i, item) in self.items.iter().enumerate() {
                let current = i == self.current;
                let fill = if current {
                    ui.visuals().selection.bg_fill.gamma_multiply(0.35)
                } else {
                    egui::Color32::TRANSPARENT
                };
                let response = egui::Frame::group(ui.style()).fill(fill).show(ui, |ui| {
                    ui.set_min_width(ui.available_width());
                    let tier = tiers.iter().find(|t| t.id == item.tier);
                    let label = tier.map_or(item.tier.clone(), |t| format!("{} {}", t.icon, t.label));
                    let color = tier.map_or(ui.visuals().text_color(), tier_color);
                    let heading = format!("{label} · {:.0}% · {}", item.confidence * 100.0, item.cues.join(", "));
                    ui.label(RichText::new(heading).color(color).small());
                    ui.label(&item.text);
                    ui.horizontal(|ui| {
                        if ui.small_button("Accept").clicked() {
                            clicked = Some((i, true));
                        }
                        if ui.small_button("Reject").clicked() {
                            clicked = Some((i, false));
                        }
                    });
                });
                if current && (keys.up || keys.down) {
                    response.response.scroll_to_me(None);
                }
            }
        });
        if let Some((i, accept)) = clicked {
            self.current = i;
            keys.accept |= accept;
            keys.reject |= !accept;
        }
        if keys.accept {
            self.accept_current(cx);
        } else if keys.reject {
            self.take_current();
        }
        let close = ui.button("Close").clicked();
        !close && !self.items.is_empty()
    }

    fn read_keys(&mut self, ui: &mut egui::Ui, tiers: &[crate::model::Tier]) -> Keys {
        use egui::{Key, Modifiers};
        let keys = ui.input_mut(|i| Keys {
            up: i.consume_key(Modifiers::NONE, Key::ArrowUp),
            down: i.consume_key(Modifiers::NONE, Key::ArrowDown),
            accept: i.consume_key(Modifiers::NONE, Key::Enter),
            reject: i.consume_key(Modifiers::NONE, Key::Delete) || i.consume_key(Modifiers::NONE, Key::Backspace),
        });
        for tier in tiers {
            if let Some(key) = Key::from_name(&tier.key)
                && ui.input_mut(|i| i.consume_key(Modifiers::NONE, key))
                && let Some(item) = self.items.get_mut(self.current)
            {
                item.tier = tier.id.clone();
            }
        }
        if keys.up {
            self.current = self.current.saturating_sub(1);
        }
        if keys.down && self.current + 1 < self.items.len() {
            self.current += 1;
        }
        keys
    }

    /// Accepts the current item as a claim, with its tier as shown.
    fn accept_current(&mut self, cx: &mut DialogContext<'_>) {
        if let Some(item) = self.take_current() {
            self.accepted += 1;
            let tag = Edit::Tag { article: self.article.clone(), start: item.start, end: item.end, tier: item.tier };
            cx.commands.push(tag);
        }
    }

    fn take_current(&mut self) -> Option<ReviewItem> {
        let item = (self.current < self.items.len()).then(|| self.items.remove(self.current));
        self.current = self.current.min(self.items.len().saturating_sub(1));
        item
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::app::command::Command;
    use crate::app::dialogs::testing;

    fn item(start: usize, text: &str) -> ReviewItem {
        let (end, text) = (start + text.chars().count(), text.to_owned());
        ReviewItem { start, end, text, tier: "canon".into(), confidence: 0.8, cues: vec!["in the episode".into()] }
    }

    #[test]
    fn keys_move_retag_reject_and_accept() {
        let items = vec![item(0, "First sentence."), item(20, "Second sentence."), item(40, "Third sentence.")];
        let mut harness = testing::harness(ReviewDialog::new("a".into(), items), ReviewDialog::ui);
        harness.key_press(egui::Key::Delete); // rejects the first
        harness.run_steps(2);
        harness.key_press(egui::Key::Num2); // the second becomes comic-canon
        harness.run_steps(2);
        harness.key_press(egui::Key::Enter); // and is accepted
        harness.run_steps(2);
        let state = harness.state_mut();
        let queued = state.queued();
        assert!(
            matches!(queued.as_slice(), [Command::Edit(Edit::Tag { start: 20, end: 36, tier, .. })] if tier == "comic-canon"),
            "{queued:?}"
        );
        assert_eq!(state.dialog.items.len(), 1, "one left");
        assert_eq!(state.dialog.accepted, 1);
        assert!(state.open);
        assert!(harness.query_by_label_contains("1 left, 1 accepted").is_some());
    }
}
