//! A small Markdown preview for notes: headings, paragraphs, lists, quotes, emphasis, code and
//! links (http and https only).

use egui::{RichText, Ui};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

#[derive(Default)]
struct Style {
    strong: bool,
    italic: bool,
    heading: Option<HeadingLevel>,
    quote: usize,
    link: Option<String>,
}

pub fn show(ui: &mut Ui, markdown: &str) {
    if markdown.trim().is_empty() {
        ui.label(RichText::new("(empty)").weak());
        return;
    }
    let mut style = Style::default();
    let mut list_depth: usize = 0;
    let mut line: Vec<(RichText, Option<String>)> = Vec::new();
    let flush = |ui: &mut Ui, line: &mut Vec<(RichText, Option<String>)>, indent: usize| {
        if line.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.add_space(indent as f32 * 14.0);
            ui.spacing_mut().item_spacing.x = 0.0;
            for (text, link) in line.drain(..) {
                match link {
                    Some(url) => {
                        ui.hyperlink_to(text, url);
                    }
                    None => {
                        ui.label(text);
                    }
                }
            }
        });
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => style.heading = Some(level),
            Event::Start(Tag::Emphasis) => style.italic = true,
            Event::Start(Tag::Strong) => style.strong = true,
            Event::Start(Tag::BlockQuote(_)) => style.quote += 1,
            Event::Start(Tag::List(_)) => {
                flush(ui, &mut line, list_depth);
                list_depth += 1;
            }
            Event::Start(Tag::Item) => line.push((RichText::new("• "), None)),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.to_string();
                style.link = (url.starts_with("https://") || url.starts_with("http://")).then_some(url);
            }
            Event::End(TagEnd::Emphasis) => style.italic = false,
            Event::End(TagEnd::Strong) => style.strong = false,
            Event::End(TagEnd::Link) => style.link = None,
            Event::End(TagEnd::BlockQuote(_)) => style.quote = style.quote.saturating_sub(1),
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::End(TagEnd::Heading(_)) => {
                flush(ui, &mut line, list_depth);
                style.heading = None;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => flush(ui, &mut line, list_depth),
            Event::Text(text) => line.push((styled(&style, &text, false), style.link.clone())),
            Event::Code(text) => line.push((styled(&style, &text, true), style.link.clone())),
            Event::SoftBreak => line.push((RichText::new(" "), None)),
            Event::HardBreak => flush(ui, &mut line, list_depth),
            _ => {}
        }
    }
    flush(ui, &mut line, list_depth);
}

fn styled(style: &Style, text: &str, code: bool) -> RichText {
    let mut rich = RichText::new(text);
    if let Some(level) = style.heading {
        let size = match level {
            HeadingLevel::H1 => 22.0,
            HeadingLevel::H2 => 19.0,
            _ => 16.0,
        };
        rich = rich.size(size).strong();
    }
    if style.strong {
        rich = rich.strong();
    }
    if style.italic || style.quote > 0 {
        rich = rich.italics();
    }
    if code {
        rich = rich.code();
    }
    rich
}
