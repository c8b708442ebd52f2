//! Wikitext to text, inline part: templates, links, external links, `<ref>`s, tags and quote
//! markup. Citations (refs, cite and series templates) are left in the text as markers
//! ([`MARK_OPEN`] index [`MARK_CLOSE`]) for the sentence pass to attach to their sentence.

use std::collections::HashMap;

use super::templates::{self, Call, Continuity, Meaning};
use crate::model::{ArticleLink, Citation, CitationKind};

/// Templates nested deeper than this are refused (real pages nest a handful). Checked in one
/// pass before rendering, so the renderer's recursion is bounded too.
pub const MAX_TEMPLATE_DEPTH: usize = 40;

/// Links and tags nested deeper than this are kept as plain text rather than recursed into.
const MAX_NESTING: usize = 40;

pub const MARK_OPEN: char = '\u{E000}';
pub const MARK_CLOSE: char = '\u{E001}';

/// Tags whose content is not prose.
const DROPPED_TAGS: &[&str] =
    &["references", "gallery", "math", "score", "imagemap", "timeline", "syntaxhighlight", "source", "templatedata"];

pub struct Rendered {
    pub text: String,
    /// Citations of each marker, by index.
    pub markers: Vec<Vec<Citation>>,
    pub continuity: Option<Continuity>,
    pub links: Vec<ArticleLink>,
}

struct Context<'t> {
    /// The whole source: every text rendered is a slice of it, so positions can be shared.
    root: &'t str,
    /// Where each `{{` and `[[` closes, and where `</tag` closers are, computed once in linear
    /// time: searching for a closer at every opener would be quadratic on unclosed markup.
    braces: HashMap<usize, usize>,
    brackets: HashMap<usize, usize>,
    closers: HashMap<String, Vec<usize>>,
    /// No external link closes (`]`) before this position: a search that found none up to the
    /// end of its line is not repeated for every `[http` on that line.
    no_link_end_before: usize,
    /// Positions of every `>` and every blank line, to find where a tag ends in log time.
    tag_ends: Vec<usize>,
    blank_lines: Vec<usize>,
    page_title: &'t str,
    markers: Vec<Vec<Citation>>,
    named_refs: HashMap<String, Vec<Citation>>,
    continuity: Option<Continuity>,
    links: Vec<ArticleLink>,
}

/// How deeply `{{` nest, from the braces alone.
pub fn template_depth(src: &str) -> usize {
    let bytes = src.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i + 1 < bytes.len() {
        match &bytes[i..i + 2] {
            b"{{" => {
                depth += 1;
                deepest = deepest.max(depth);
                i += 2;
            }
            b"}}" => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            _ => i += 1,
        }
    }
    deepest
}

/// Renders wikitext whose templates nest at most [`MAX_TEMPLATE_DEPTH`] deep (the caller checks).
pub fn render(src: &str, page_title: &str) -> Rendered {
    let cleaned = without_comments(src);
    let mut context = Context {
        root: &cleaned,
        braces: pairs(&cleaned, b"{{", b"}}"),
        brackets: pairs(&cleaned, b"[[", b"]]"),
        closers: closers(&cleaned),
        no_link_end_before: 0,
        tag_ends: cleaned.match_indices('>').map(|(at, _)| at).collect(),
        blank_lines: cleaned.match_indices("\n\n").map(|(at, _)| at).collect(),
        page_title,
        markers: Vec::new(),
        named_refs: HashMap::new(),
        continuity: None,
        links: Vec::new(),
    };
    let text = inline(&cleaned, &mut context, 0);
    Rendered { text, markers: context.markers, continuity: context.continuity, links: context.links }
}

/// The source without `<!-- comments -->` and without the marker characters, so a page cannot
/// forge a citation marker.
fn without_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(at) = rest.find("<!--") {
        out.push_str(&rest[..at]);
        rest = rest[at + 4..].find("-->").map_or("", |end| &rest[at + 4 + end + 3..]);
    }
    out.push_str(rest);
    out.retain(|c| c != MARK_OPEN && c != MARK_CLOSE);
    out
}

fn marker(context: &mut Context<'_>, citations: Vec<Citation>, out: &mut String) {
    out.push(MARK_OPEN);
    out.push_str(&context.markers.len().to_string());
    out.push(MARK_CLOSE);
    context.markers.push(citations);
}

fn inline(src: &str, context: &mut Context<'_>, depth: usize) -> String {
    let mut out = String::with_capacity(src.len());
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &src[i..];
        if rest.starts_with("{{")
            && let Some(end) = context.closing(&context.braces, src, i)
        {
            if depth < MAX_NESTING {
                template(&src[i + 2..end], context, depth, &mut out);
            }
            i = end + 2;
            continue;
        }
        if rest.starts_with("[[")
            && let Some(end) = context.closing(&context.brackets, src, i)
        {
            if depth < MAX_NESTING {
                out.push_str(&link(&src[i + 2..end], context, depth));
            }
            i = end + 2;
            continue;
        }
        if rest.starts_with('[')
            && (rest[1..].starts_with("http://") || rest[1..].starts_with("https://") || rest[1..].starts_with("//"))
            && let Some(end) = context.external_link_end(src, i)
        {
            let inner = &rest[1..end];
            let (url, label) = inner.split_once(' ').unwrap_or((inner, ""));
            let label = if depth < MAX_NESTING { inline(label, context, depth + 1) } else { label.to_owned() };
            if crate::text::is_web_url(url) {
                context.links.push(ArticleLink {
                    text: label.trim().to_owned(),
                    url: url.to_owned(),
                    extra: Default::default(),
                });
            }
            out.push_str(label.trim());
            i += end + 1;
            continue;
        }
        if rest.starts_with('<')
            && let Some(consumed) = tag(rest, context, depth, &mut out)
        {
            i += consumed;
            continue;
        }
        if rest.starts_with("''") {
            i += rest.bytes().take_while(|&b| b == b'\'').count();
            continue;
        }
        if rest.starts_with("__")
            && let Some(len) = behaviour_switch(rest)
        {
            i += len;
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        i += c.len_utf8().max(1);
    }
    out
}

/// `__NOTOC__` and the like: their length.
fn behaviour_switch(rest: &str) -> Option<usize> {
    let word = rest[2..].bytes().take_while(u8::is_ascii_uppercase).count();
    (word > 0 && rest[2 + word..].starts_with("__")).then_some(word + 4)
}

/// Pairs each `open` with the `close` that ends it (innermost first), in one pass.
fn pairs(src: &str, open: &[u8], close: &[u8]) -> HashMap<usize, usize> {
    let bytes = src.as_bytes();
    let (mut stack, mut pairs, mut i) = (Vec::new(), HashMap::new(), 0);
    while i < bytes.len() {
        if bytes[i..].starts_with(close)
            && let Some(opened) = stack.pop()
        {
            pairs.insert(opened, i);
            i += close.len();
        } else if bytes[i..].starts_with(open) {
            stack.push(i);
            i += open.len();
        } else {
            i += 1;
        }
    }
    pairs
}

/// The tags whose closing tag is looked for.
const CLOSED_TAGS: &[&str] = &["ref", "nowiki", "pre"];

/// Positions of `</name` for the tags whose body is looked for, by name, in order.
fn closers(src: &str) -> HashMap<String, Vec<usize>> {
    let mut found: HashMap<String, Vec<usize>> = HashMap::new();
    let bytes = src.as_bytes();
    let mut from = 0;
    while let Some(at) = src[from..].find("</").map(|p| from + p) {
        let name_len = bytes[at + 2..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = src[at + 2..at + 2 + name_len].to_ascii_lowercase();
        if CLOSED_TAGS.contains(&name.as_str()) || DROPPED_TAGS.contains(&name.as_str()) {
            found.entry(name).or_default().push(at);
        }
        from = at + 2;
    }
    found
}

impl Context<'_> {
    /// Where `text` starts in the whole source.
    fn offset_of(&self, text: &str) -> Option<usize> {
        let (root, at) = (self.root.as_ptr() as usize, text.as_ptr() as usize);
        (at >= root && at + text.len() <= root + self.root.len()).then(|| at - root)
    }

    /// The index in `src` of the closer of the two-byte opener at `i`, if it closes inside `src`.
    fn closing(&self, pairs: &HashMap<usize, usize>, src: &str, i: usize) -> Option<usize> {
        let base = self.offset_of(src)?;
        let close = *pairs.get(&(base + i))?;
        (close + 2 <= base + src.len()).then(|| close - base)
    }

    /// How far after `i` the `]` closing the external link at `i` is: on the same line, as
    /// MediaWiki has it.
    fn external_link_end(&mut self, src: &str, i: usize) -> Option<usize> {
        let at = self.offset_of(src)? + i;
        if at < self.no_link_end_before {
            return None;
        }
        let line = &src.as_bytes()[i..];
        let line_len = line.iter().take_while(|&&b| b != b'\n').count();
        match line[..line_len].iter().position(|&b| b == b']') {
            Some(end) => Some(end),
            None => {
                // Only a search that reached the line's real end (not the end of a template
                // parameter) speaks for later positions.
                if line.get(line_len) == Some(&b'\n') || at + line_len == self.root.len() {
                    self.no_link_end_before = at + line_len;
                }
                None
            }
        }
    }

    /// The index in `src` of the `>` ending the tag that starts at `i`: within 1000 bytes and
    /// before any blank line (a lone `<` in prose is not a tag).
    fn tag_end(&self, src: &str, i: usize) -> Option<usize> {
        let base = self.offset_of(src)?;
        let at = base + i;
        let next = |positions: &[usize]| positions.get(positions.partition_point(|&p| p < at)).copied();
        let end = next(&self.tag_ends).filter(|&end| end < at + 1000 && end < base + src.len())?;
        let blank = next(&self.blank_lines).unwrap_or(usize::MAX);
        (end < blank).then(|| end - base)
    }

    /// The index in `src` of the first `</name` at or after `from`, if inside `src`.
    fn closer_after(&self, name: &str, src: &str, from: usize) -> Option<usize> {
        let base = self.offset_of(src)?;
        let positions = self.closers.get(name)?;
        let first = positions.partition_point(|&p| p < base + from);
        positions.get(first).filter(|&&p| p < base + src.len()).map(|&p| p - base)
    }
}

/// Splits on `separator` outside nested `{{...}}` and `[[...]]`.
fn split_top(src: &str, separator: u8) -> Vec<&str> {
    let bytes = src.as_bytes();
    let (mut parts, mut start, mut braces, mut brackets, mut i) = (Vec::new(), 0, 0usize, 0usize, 0);
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'{', Some(b'{')) => {
                braces += 1;
                i += 2;
            }
            (b'}', Some(b'}')) if braces > 0 => {
                braces -= 1;
                i += 2;
            }
            (b'[', Some(b'[')) => {
                brackets += 1;
                i += 2;
            }
            (b']', Some(b']')) if brackets > 0 => {
                brackets -= 1;
                i += 2;
            }
            (b, _) if b == separator && braces == 0 && brackets == 0 => {
                parts.push(&src[start..i]);
                start = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    parts.push(&src[start..]);
    parts
}

fn template(content: &str, context: &mut Context<'_>, depth: usize, out: &mut String) {
    let parts = split_top(content, b'|');
    let written = parts[0].trim().replace('_', " ");
    let name = written.to_lowercase();
    // `{{#if:...}}` and other parser functions compute markup; their arguments are not prose.
    if name.starts_with('#') || name.starts_with("subst:") {
        return;
    }
    let mut positional = Vec::new();
    let mut named = Vec::new();
    for part in &parts[1..] {
        let key_end = part.find('=').filter(|&at| !part[..at].contains(['{', '[', '<']));
        match key_end {
            Some(at) => named.push((part[..at].trim().to_owned(), inline(&part[at + 1..], context, depth + 1))),
            None => positional.push(inline(part, context, depth + 1)),
        }
    }
    let call = Call {
        name,
        written,
        positional: positional.iter().map(String::as_str).collect(),
        named: named.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
    };
    match templates::meaning(&call, context.page_title) {
        Meaning::Words(words) => out.push_str(&words),
        Meaning::Cites(citation) => marker(context, vec![citation], out),
        Meaning::Marks(continuity) => {
            context.continuity.get_or_insert(continuity);
        }
    }
}

const HIDDEN_NAMESPACES: &[&str] = &["file", "image", "category", "media"];

fn link(content: &str, context: &mut Context<'_>, depth: usize) -> String {
    let parts = split_top(content, b'|');
    let target = parts[0].trim();
    if let Some((namespace, _)) = target.split_once(':') {
        let namespace = namespace.trim().to_ascii_lowercase();
        let interlanguage = (2..=3).contains(&namespace.len()) && namespace.bytes().all(|b| b.is_ascii_lowercase());
        if HIDDEN_NAMESPACES.contains(&namespace.as_str()) || interlanguage {
            return String::new();
        }
    }
    match parts.last() {
        Some(label) if parts.len() > 1 => inline(label, context, depth + 1),
        _ => {
            let target = target.trim_start_matches(':');
            match target.split_once('#') {
                Some(("", fragment)) => fragment.to_owned(),
                Some((page, _)) => page.to_owned(),
                None => target.to_owned(),
            }
        }
    }
}

/// An HTML-like tag at the start of `rest`: what it becomes is pushed to `out`; returns how
/// many bytes it took, or `None` when `<` is just a character.
fn tag(rest: &str, context: &mut Context<'_>, depth: usize, out: &mut String) -> Option<usize> {
    let closing = rest[1..].starts_with('/');
    let name_start = 1 + usize::from(closing);
    let name_len = rest[name_start..].bytes().take_while(u8::is_ascii_alphanumeric).count();
    if !rest[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
    // A tag ends on its line or soon after; a lone `<` in prose ("a <b and c>") is not one.
    let open_end = context.tag_end(rest, 0)?;
    let attributes = &rest[name_start + name_len..open_end];
    let self_closing = attributes.trim_end().ends_with('/');
    let after_open = open_end + 1;
    if closing {
        return Some(after_open);
    }
    let body_end = || context.closer_after(&name, rest, after_open);
    let past_close = |at: usize| rest[at..].find('>').map_or(rest.len(), |gt| at + gt + 1);
    match name.as_str() {
        "ref" => {
            let ref_name = attribute(attributes, "name");
            if self_closing {
                let citations = ref_name.and_then(|n| context.named_refs.get(&n).cloned()).unwrap_or_default();
                if !citations.is_empty() {
                    marker(context, citations, out);
                }
                return Some(after_open);
            }
            let end = body_end()?;
            let citations = reference(&rest[after_open..end], context, depth);
            if let Some(n) = ref_name {
                context.named_refs.insert(n, citations.clone());
            }
            if !citations.is_empty() {
                marker(context, citations, out);
            }
            Some(past_close(end))
        }
        "nowiki" | "pre" if !self_closing => {
            let end = body_end()?;
            out.push_str(&rest[after_open..end]);
            Some(past_close(end))
        }
        "br" => {
            out.push(' ');
            Some(after_open)
        }
        name if DROPPED_TAGS.contains(&name) => {
            if self_closing {
                return Some(after_open);
            }
            Some(body_end().map_or(after_open, past_close))
        }
        _ => Some(after_open),
    }
}

/// A `<ref>`'s citations: those of its templates, else its words as one citation.
fn reference(content: &str, context: &mut Context<'_>, depth: usize) -> Vec<Citation> {
    if depth >= MAX_NESTING {
        return Vec::new();
    }
    let before = context.markers.len();
    let words = inline(content, context, depth + 1);
    let mut citations: Vec<Citation> = context.markers.drain(before..).flatten().collect();
    if citations.is_empty() {
        let words: String = strip_markers(&words).split_whitespace().collect::<Vec<_>>().join(" ");
        if !words.is_empty() {
            let mut citation = Citation::new(CitationKind::Other, &words, "");
            citation.url = words.split_whitespace().find(|w| crate::text::is_web_url(w)).unwrap_or_default().to_owned();
            if let Some(link) = context.links.last().filter(|l| words.contains(&l.text) && citation.url.is_empty()) {
                citation.url = link.url.clone();
            }
            citations.push(citation);
        }
    }
    citations
}

pub fn strip_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_marker = false;
    for c in text.chars() {
        match c {
            MARK_OPEN => in_marker = true,
            MARK_CLOSE => in_marker = false,
            c if !in_marker => out.push(c),
            _ => {}
        }
    }
    out
}

/// `name="value"`, `name='value'` or `name=value` in a tag's attributes.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let lower = attributes.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))?;
    let value = attributes[at + name.len() + 1..].trim_start();
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value.split(|c: char| c.is_whitespace() || c == '/').next()?,
    };
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> String {
        strip_markers(&render(src, "Page").text)
    }

    #[test]
    fn renders_links_quotes_and_templates_to_words() {
        assert_eq!(
            text(
                "'''[[Jean-Luc Picard|Picard]]''' commanded the {{USS|Enterprise|NCC-1701-D}}.[[Category:People]][[de:Picard]]"
            ),
            "Picard commanded the USS Enterprise."
        );
        assert_eq!(
            text("[[Vulcan]]s and [[#Early life]] and [https://example.org the site]"),
            "Vulcans and Early life and the site"
        );
        assert_eq!(text("a<!-- hidden -->b<br/>c __NOTOC__<nowiki>[[raw]]</nowiki>"), "ab c [[raw]]");
        assert_eq!(text("{{Infobox|name=X|born=Y}}Body"), "Body");
    }

    #[test]
    fn refs_and_series_templates_become_markers_with_citations() {
        let rendered = render(
            "Fact.<ref name=\"a\">{{cite web|title=T|url=https://example.org}}</ref> Again.<ref name=\"a\"/> ({{TNG|Encounter at Farpoint}}) Plain.<ref>A [https://example.org/x note]</ref>",
            "Page",
        );
        assert_eq!(rendered.markers.len(), 4);
        assert_eq!(rendered.markers[0], rendered.markers[1], "a named ref used twice");
        assert_eq!(rendered.markers[2][0].title, "Star Trek: The Next Generation");
        assert_eq!(
            (rendered.markers[3][0].title.as_str(), rendered.markers[3][0].url.as_str()),
            ("A note", "https://example.org/x")
        );
    }

    #[test]
    fn forged_markers_are_removed_and_depth_is_measured() {
        assert_eq!(text("a\u{E000}0\u{E001}b"), "a0b");
        assert_eq!(template_depth("{{a|{{b|{{c}}}}}} {{d}}"), 3);
        assert_eq!(template_depth("}} {{"), 1);
    }
}
