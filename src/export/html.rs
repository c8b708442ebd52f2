//! One self-contained HTML page: the article with highlights in the tier colours and cues, a
//! legend, and the claims with their notes. Opens offline in any browser, needs no script.
//!
//! Safety: every piece of article or user text is escaped; notes are rendered from Markdown with
//! raw HTML turned into text and links kept only for http and https; a Content-Security-Policy
//! forbids scripts, remote loads and forms.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{ExportOptions, Selection, tier_counts};
use crate::lore::spoilers::HiddenSpans;
use crate::model::{Claim, Project, Tier, TierCue};
use crate::text::CharIndex;
use crate::text::is_web_url;

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

/// Escapes text for HTML content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A class-name-safe form of a tier id.
fn tier_class(id: &str) -> String {
    let safe: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("t-{safe}")
}

fn anchor_id(claim: &Claim) -> String {
    format!("c-{}", tier_class(&claim.id))
}

/// Markdown note to safe HTML.
pub fn render_note(markdown: &str) -> String {
    let mut dropped_link_depth = 0usize;
    let events = Parser::new(markdown).filter_map(|event| match event {
        // Raw HTML in a note is shown as text, never interpreted.
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            if is_web_url(&dest_url) {
                Some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
            } else {
                dropped_link_depth += 1;
                None
            }
        }
        Event::End(TagEnd::Link) if dropped_link_depth > 0 => {
            dropped_link_depth -= 1;
            None
        }
        // No remote images (the page must open offline, and the CSP blocks them anyway).
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn css(tiers: &[&Tier]) -> String {
    let mut css = String::from(
        ":root{color-scheme:light dark;--bg:#fdfcf9;--fg:#1d1d1f;--muted:#666;--card:#f2f0ea}\
@media (prefers-color-scheme:dark){:root{--bg:#17181b;--fg:#e8e6e3;--muted:#a0a0a0;--card:#23252a}}\
body{background:var(--bg);color:var(--fg);font:17px/1.6 Georgia,'Noto Serif',serif;max-width:46rem;margin:2rem auto;padding:0 1rem}\
h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}.muted{color:var(--muted)}\
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;padding:0;list-style:none;font-family:system-ui,sans-serif}\
.text .p{margin:.6em 0}a.hl{color:inherit;text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:3px;border-radius:2px}\
.claims blockquote{margin:.4em 0;padding:.3em .8em;border-left:4px solid var(--muted);background:var(--card)}\
.claims li{margin:1em 0}.note{margin:.3em 0}.sources,.history{font-size:.9em;color:var(--muted)}\
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.3em}\
.depth-2{filter:saturate(1.6)}.depth-3{filter:saturate(2.2)}\
details.spoiler>summary{cursor:pointer;font-family:system-ui,sans-serif;color:var(--muted)}\
.text details.spoiler{display:inline}.text details.spoiler>summary{display:inline;list-style:none;background:var(--card);border-radius:3px;padding:0 .3em}\
.links,.when{font-size:.9em}.glossary dt{font-weight:bold;font-family:system-ui,sans-serif}\
@media print{body{max-width:none;margin:0;font-size:11pt}a.hl{print-color-adjust:exact;-webkit-print-color-adjust:exact}.claims li{break-inside:avoid}}\n",
    );
    for tier in tiers {
        let [r, g, b] = tier.rgb();
        let style = match tier.cue {
            TierCue::SolidUnderline => "solid",
            TierCue::DashedUnderline => "dashed",
            TierCue::DottedUnderline => "dotted",
            TierCue::DoubleUnderline => "double",
            TierCue::Outline => "solid",
        };
        let outline =
            if tier.cue == TierCue::Outline { format!("outline:1px solid rgb({r},{g},{b});") } else { String::new() };
        css.push_str(&format!(
            ".{c}{{background:rgba({r},{g},{b},.22);text-decoration-color:rgb({r},{g},{b});text-decoration-style:{style};{outline}}}\
.{c}-border{{border-left-color:rgb({r},{g},{b})!important}}.{c}-swatch{{background:rgb({r},{g},{b})}}\n",
            c = tier_class(&tier.id)
        ));
    }
    css
}

/// The whole page. Spoilers are left out (their sentences cut from the article text) with
/// `hide_spoilers` or `spoiler_free`; otherwise their words sit only inside `<details>`
/// elements the reader opens on purpose (not a blur: blurred words are still in the page's
/// text, in search and in a copy).
pub fn export(project: &Project, options: &ExportOptions) -> String {
    let selection = Selection::new(project, options);
    let tiers = options.tiers(project);
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"));
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    html.push_str(&format!("<meta name=\"generator\" content=\"Canonry {}\">\n", env!("CARGO_PKG_VERSION")));
    html.push_str(&format!(
        "<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        escape(&project.title),
        css(&tiers)
    ));
    html.push_str(&format!("<header>\n<h1>{}</h1>\n", escape(&project.title)));
    let counts = tier_counts(&selection);
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    html.push_str(&format!("<p class=\"muted\">{total} claims</p>\n<ul class=\"legend\">\n"));
    for (tier, n) in &counts {
        html.push_str(&format!(
            "<li><span class=\"swatch {c}-swatch\"></span>{} <a class=\"hl {c}\">{}</a> {n}</li>\n",
            escape(&tier.icon),
            escape(&tier.label),
            c = tier_class(&tier.id)
        ));
    }
    html.push_str("</ul>\n</header>\n");
    let links = super::LinkIndex::new(&selection);

    for article in selection.articles() {
        let claims = selection.claims(&article.id);
        html.push_str(&format!("<article>\n<h2>{}</h2>\n", escape(&article.title)));
        let mut source = Vec::new();
        if is_web_url(&article.source_url) {
            source.push(format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                escape(article.source_url.trim()),
                escape(article.source_url.trim())
            ));
        }
        for field in [&article.author, &article.published] {
            if !field.is_empty() {
                source.push(escape(field));
            }
        }
        if !article.licence.is_empty() {
            // Quoting a CC BY-SA wiki page obliges to name its licence wherever its words go.
            source.push(format!("<span class=\"licence\">Licence: {}</span>", escape(&article.licence)));
        }
        if !source.is_empty() {
            html.push_str(&format!("<p class=\"muted\">{}</p>\n", source.join(" · ")));
        }
        html.push_str(&article_text(&selection, article, &claims));
        html.push_str("<section class=\"claims\">\n");
        for tier in &tiers {
            let of_tier: Vec<&&Claim> = claims.iter().filter(|c| c.tier == tier.id).collect();
            if of_tier.is_empty() {
                continue;
            }
            html.push_str(&format!("<h3>{} {}</h3>\n<ol>\n", escape(&tier.icon), escape(&tier.label)));
            for claim in of_tier {
                html.push_str(&claim_item(&selection, claim, &links));
            }
            html.push_str("</ol>\n");
        }
        html.push_str("</section>\n</article>\n");
    }
    html.push_str(&timeline_section(&selection));
    html.push_str(&glossary_section(&selection));
    html.push_str("</body>\n</html>\n");
    html
}

/// The article's text block: cut where spoilers are left out, covered where they are shown.
fn article_text(selection: &Selection, article: &crate::model::Article, claims: &[&Claim]) -> String {
    if selection.article_covered(article) {
        let spans = highlight_spans(&article.text, claims, |c| Some((c.anchor.start, c.anchor.end)));
        return format!(
            "<details class=\"spoiler\"><summary>Spoiler: this article is marked as a spoiler; open to read \
it</summary>\n<div class=\"text\">\n{}</div>\n</details>\n",
            highlighted_text(&article.text, &spans, &HiddenSpans::default())
        );
    }
    if selection.options.leaves_out_spoilers() {
        let text = selection.text(article);
        let spans = highlight_spans(&text.text, claims, |c| text.map(c.anchor.start).zip(text.map(c.anchor.end)));
        return format!(
            "<div class=\"text\">\n{}</div>\n",
            highlighted_text(&text.text, &spans, &HiddenSpans::default())
        );
    }
    let spans = highlight_spans(&article.text, claims, |c| Some((c.anchor.start, c.anchor.end)));
    format!("<div class=\"text\">\n{}</div>\n", highlighted_text(&article.text, &spans, selection.spans(article)))
}

/// The highlighted ranges of `claims` in `text`, placed by `place` (orphans and ranges that do
/// not fit are left out).
fn highlight_spans<'c>(
    text: &str,
    claims: &[&'c Claim],
    place: impl Fn(&Claim) -> Option<(usize, usize)>,
) -> Vec<(usize, usize, &'c Claim)> {
    let len = crate::text::char_len(text);
    claims
        .iter()
        .filter(|c| !c.anchor.is_orphaned())
        .filter_map(|c| place(c).map(|(s, e)| (s, e, *c)))
        .filter(|&(s, e, _)| s < e && e <= len)
        .collect()
}

/// A cross-reference: the claim's first words, or a placeholder for a covered spoiler.
fn short_quote(selection: &Selection, claim: &Claim) -> String {
    format!("“{}”", escape(&selection.mention(claim)))
}

/// Claims with an in-universe time, in in-universe order.
fn timeline_section(selection: &Selection) -> String {
    let claims = super::timeline(selection);
    if claims.is_empty() {
        return String::new();
    }
    let mut html = String::from("<section class=\"timeline\">\n<h2>Timeline</h2>\n<ol>\n");
    for claim in claims {
        let when = claim.in_universe.as_ref().map(|t| t.label.as_str()).unwrap_or_default();
        html.push_str(&format!(
            "<li><strong>{}</strong>: <a href=\"#{}\">{}</a></li>\n",
            escape(when),
            anchor_id(claim),
            short_quote(selection, claim)
        ));
    }
    html.push_str("</ol>\n</section>\n");
    html
}

/// The glossary: names, aliases, descriptions and how many claims mention each.
fn glossary_section(selection: &Selection) -> String {
    let entries = super::glossary(selection);
    if entries.is_empty() {
        return String::new();
    }
    let mut html = String::from("<section class=\"glossary\">\n<h2>Glossary</h2>\n<dl>\n");
    for (entry, mentions) in entries {
        html.push_str(&format!("<dt>{}</dt>\n<dd><p class=\"muted\">{}", escape(&entry.name), escape(&entry.kind)));
        if !entry.aliases.is_empty() {
            let aliases: Vec<String> = entry.aliases.iter().map(|a| escape(a)).collect();
            html.push_str(&format!(" · also: {}", aliases.join(", ")));
        }
        html.push_str(&format!(" · mentioned in {mentions} claim{}</p>\n", if mentions == 1 { "" } else { "s" }));
        if selection.options.with_notes() && !entry.description.trim().is_empty() {
            html.push_str(&format!("<div class=\"note\">{}</div>\n", render_note(&entry.description)));
        }
        html.push_str("</dd>\n");
    }
    html.push_str("</dl>\n</section>\n");
    html
}

fn claim_item(selection: &Selection, claim: &Claim, links: &super::LinkIndex) -> String {
    let (project, options) = (selection.project, selection.options);
    let class = tier_class(&claim.tier);
    let covered = selection.covered(claim);
    let mut li = format!(
        "<li id=\"{}\">{}<div class=\"reveal\"><blockquote class=\"{class}-border\">{}</blockquote>\n",
        anchor_id(claim),
        if covered { "<details class=\"spoiler\"><summary>Spoiler: open to read this claim</summary>" } else { "" },
        escape(&claim.anchor.exact).replace('\n', "<br>")
    );
    if let Some(time) = claim.in_universe.as_ref().filter(|t| !t.label.trim().is_empty()) {
        li.push_str(&format!("<p class=\"when muted\">In-universe: {}</p>\n", escape(&time.label)));
    }
    let links = links.of(&claim.id);
    if !links.is_empty() {
        li.push_str("<ul class=\"links\">\n");
        for &(link, other, label) in links {
            let status = super::link_status(link);
            let note = if options.with_notes() && !link.note.trim().is_empty() {
                format!(": {}", escape(&link.note))
            } else {
                String::new()
            };
            li.push_str(&format!(
                "<li>{} <a href=\"#{}\">{}</a>{status}{note}</li>\n",
                escape(label),
                anchor_id(other),
                short_quote(selection, other)
            ));
        }
        li.push_str("</ul>\n");
    }
    if claim.anchor.is_orphaned() {
        li.push_str("<p class=\"muted\">(orphaned: no longer found in the article)</p>\n");
    }
    if options.with_notes() && !claim.note.trim().is_empty() {
        li.push_str(&format!("<div class=\"note\">{}</div>\n", render_note(&claim.note)));
    }
    if options.with_citations() && !claim.citations.is_empty() {
        li.push_str("<ul class=\"sources\">\n");
        for citation in &claim.citations {
            let text = escape(&citation.display());
            if is_web_url(&citation.url) {
                li.push_str(&format!(
                    "<li><a href=\"{}\" rel=\"noopener noreferrer\">{text}</a></li>\n",
                    escape(citation.url.trim())
                ));
            } else {
                li.push_str(&format!("<li>{text}</li>\n"));
            }
        }
        li.push_str("</ul>\n");
    }
    if options.with_history() && !claim.history.is_empty() {
        li.push_str("<ul class=\"history\">\n");
        for change in &claim.history {
            let label = |id: &str| project.tier(id).map_or_else(|| id.to_owned(), |t| t.label.clone());
            li.push_str(&format!(
                "<li>{} → {} ({}){}</li>\n",
                escape(&label(&change.from)),
                escape(&label(&change.to)),
                escape(&change.when),
                if change.why.is_empty() { String::new() } else { format!(": {}", escape(&change.why)) }
            ));
        }
        li.push_str("</ul>\n");
    }
    li.push_str(if covered { "</div></details></li>\n" } else { "</div></li>\n" });
    li
}

/// The article's paragraphs with each claimed span (`spans`: code points of `text`) wrapped in
/// a link to its claim. Overlapping claims split the text into segments; a segment takes its
/// innermost claim's tier and a depth class for how many claims cover it. Words in `cover` sit
/// inside a `<details>` element, opened only on purpose. Paragraphs are `<div>`s because a
/// `<details>` cannot sit inside a `<p>`.
fn highlighted_text(text: &str, spans: &[(usize, usize, &Claim)], cover: &HiddenSpans) -> String {
    let index = CharIndex::new(text);
    let mut out = String::new();
    let mut paragraph_start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        let (start, end) = (paragraph_start, paragraph_start + len);
        paragraph_start = end + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut cuts = vec![start, end];
        let edges =
            spans.iter().flat_map(|&(s, e, _)| [s, e]).chain(cover.ranges.iter().flat_map(|r| [r.start, r.end]));
        cuts.extend(edges.filter(|&edge| edge > start && edge < end));
        cuts.sort_unstable();
        cuts.dedup();
        out.push_str("<div class=\"p\">");
        let mut in_cover = false;
        for pair in cuts.windows(2) {
            let (a, z) = (pair[0], pair[1]);
            let covered = cover.ranges.iter().any(|r| r.start <= a && z <= r.end);
            if covered != in_cover {
                out.push_str(if covered {
                    "<details class=\"spoiler\"><summary>spoiler</summary>"
                } else {
                    "</details>"
                });
                in_cover = covered;
            }
            let piece = escape(index.slice(text, a, z).unwrap_or_default());
            let covering: Vec<&(usize, usize, &Claim)> = spans.iter().filter(|(s, e, _)| *s <= a && *e >= z).collect();
            match covering.iter().min_by_key(|(s, e, _)| e - s) {
                Some((_, _, claim)) => out.push_str(&format!(
                    "<a class=\"hl {} depth-{}\" href=\"#{}\">{piece}</a>",
                    tier_class(&claim.tier),
                    covering.len().min(3),
                    anchor_id(claim)
                )),
                None => out.push_str(&piece),
            }
        }
        if in_cover {
            out.push_str("</details>");
        }
        out.push_str("</div>\n");
    }
    out
}
