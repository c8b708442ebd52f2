//! How tiers and quotes look everywhere in the app: tier colours and badges, shortened quotes.

use egui::{Color32, RichText, Ui};

use crate::model::Tier;

/// A tier's colour for the UI.
pub fn tier_color(tier: &Tier) -> Color32 {
    let [r, g, b] = tier.rgb();
    Color32::from_rgb(r, g, b)
}

/// A tier's badge: its icon in its colour, so it reads without colour too.
pub fn tier_badge(ui: &mut Ui, tier: Option<&Tier>) {
    let (color, icon) = tier.map_or((Color32::GRAY, "•"), |t| (tier_color(t), t.icon.as_str()));
    ui.label(RichText::new(icon).color(color).strong());
}

/// First words of a text on one line, for lists.
pub fn quote_preview(text: &str, max_chars: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max_chars {
        one_line
    } else {
        let cut: String = one_line.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A quote shortened for lists, in quotation marks.
pub fn short_quote(quote: &str, max: usize) -> String {
    let mut out: String = quote.chars().take(max).collect();
    if quote.chars().count() > max {
        out.push('…');
    }
    format!("“{out}”")
}

/// What a hidden spoiler shows instead of its words.
pub const HIDDEN_SPOILER: &str = "spoiler (hidden)";
