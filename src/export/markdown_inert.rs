//! A note's Markdown made inert on the parser's events, not by string replacement: what a
//! CommonMark renderer would turn into a link, an image or raw HTML is decided by parsing the
//! note as CommonMark does, so spacing tricks (`[x]( javascript:…)`), reference definitions,
//! autolinks and nested brackets cannot slip past. The events are written back as Markdown by
//! `pulldown-cmark-to-cmark`.
//!
//! Kept: links and images whose target is http(s), mailto or a `#fragment`, and e-mail
//! autolinks. Anything else becomes its plain text; raw HTML is shown as text.

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

/// Whether a link or image target may stay a link.
pub fn safe_target(link_type: LinkType, target: &str) -> bool {
    if link_type == LinkType::Email {
        return true;
    }
    let target = target.trim().to_ascii_lowercase();
    target.starts_with('#')
        || ["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| target.starts_with(scheme) && target.len() > scheme.len())
}

/// The note with unsafe links and images reduced to their text and raw HTML shown as text;
/// control characters (which can hide things in a terminal) are dropped first.
pub fn inert_note(note: &str) -> String {
    let cleaned: String = note.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect();
    // Per open link or image: whether it was kept (its end event is kept too).
    let mut open: Vec<bool> = Vec::new();
    let mut in_code_block = false;
    let mut events: Vec<Event> = Vec::new();
    for event in Parser::new(&cleaned) {
        let event = match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id: _ }) => {
                let keep = safe_target(link_type, &dest_url);
                open.push(keep);
                let link_type = inline(link_type);
                keep.then(|| Event::Start(Tag::Link { link_type, dest_url, title, id: CowStr::from("") }))
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id: _ }) => {
                let keep = safe_target(link_type, &dest_url);
                open.push(keep);
                let link_type = inline(link_type);
                keep.then(|| Event::Start(Tag::Image { link_type, dest_url, title, id: CowStr::from("") }))
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => open.pop().unwrap_or(false).then_some(Event::End(end)),
            // Raw HTML is shown as its text, never interpreted.
            Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
            Event::Html(html) | Event::InlineHtml(html) => {
                push_text(&mut events, html);
                None
            }
            Event::Text(text) if !in_code_block => {
                push_text(&mut events, text);
                None
            }
            other => {
                match &other {
                    Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
                    Event::End(TagEnd::CodeBlock) => in_code_block = false,
                    _ => {}
                }
                Some(other)
            }
        };
        events.extend(event);
    }
    let mut out = String::with_capacity(note.len() + 8);
    match pulldown_cmark_to_cmark::cmark(events, &mut out, pulldown_cmark::Options::empty()) {
        Ok(_) => out,
        // The writer only fails when formatting into the String fails, which it cannot; should
        // it ever, the note is shown escaped as plain text rather than lost.
        Err(_) => super::markdown_escape::escape(&cleaned),
    }
}

/// Literal text, with each `(` that follows a `]` written as `&#40;`: the writer escapes the
/// `]`, so `\](` could not start a link anyway, but tools that scan Markdown source for
/// `](javascript:` (and readers) should not see one either. Entities are not decoded in code,
/// so code blocks are left alone by the caller.
fn push_text<'a>(events: &mut Vec<Event<'a>>, text: CowStr<'a>) {
    if !text.contains("](") {
        events.push(Event::Text(text));
        return;
    }
    let mut pieces = text.split("](").peekable();
    while let Some(piece) = pieces.next() {
        let piece = if pieces.peek().is_some() { format!("{piece}]") } else { piece.to_owned() };
        if !piece.is_empty() {
            events.push(Event::Text(CowStr::from(piece)));
        }
        if pieces.peek().is_some() {
            events.push(Event::InlineHtml(CowStr::from("&#40;")));
        }
    }
}

/// References are written back inline, so no definition (safe or not) is needed or emitted.
fn inline(link_type: LinkType) -> LinkType {
    match link_type {
        LinkType::Autolink | LinkType::Email => link_type,
        _ => LinkType::Inline,
    }
}
