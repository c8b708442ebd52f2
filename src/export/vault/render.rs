//! The generated part of each note: Canonry's front-matter properties and the body block.
//!
//! Quotes and titles are escaped (they come from articles and must never turn into Markdown or
//! links); notes are the user's Markdown, made inert as in the Markdown export, with `[[` and
//! `%%` defused as well so the only wikilinks are Canonry's (which all resolve) and no Obsidian
//! comment can swallow the end of the block.

use super::context::{Context, Subject, tier_note_id};
use super::front_matter::block;
use super::yaml::{YamlValue, property};
use crate::export::markdown::{block_quote, escape, inert_note};
use crate::lore::spoilers::SpoilerRule;
use crate::model::{Article, Claim, GlossaryEntry, Tier};
use crate::text::is_web_url;

/// The generated part of one note.
pub struct Rendered {
    /// The front-matter keys Canonry owns in this kind of note (replaced or removed on every
    /// export; any other key is the user's).
    pub owned: &'static [&'static str],
    pub properties: String,
    /// The body block, with its markers.
    pub block: String,
}

const LINK_KEYS: [&str; 7] =
    ["supports", "supported-by", "contradicts", "contradicted-by", "same-as", "supersedes", "superseded-by"];

pub const CLAIM_KEYS: &[&str] = &[
    "canonry-id",
    "canonry-type",
    "tier",
    "article",
    "source",
    "citations",
    "in-universe",
    "spoiler",
    "created",
    "modified",
    "mentions",
    "supports",
    "supported-by",
    "contradicts",
    "contradicted-by",
    "same-as",
    "supersedes",
    "superseded-by",
];
pub const ARTICLE_KEYS: &[&str] =
    &["canonry-id", "canonry-type", "title", "source", "author", "published", "created", "spoiler", "claims"];
pub const NAME_KEYS: &[&str] = &["canonry-id", "canonry-type", "kind", "aliases", "created", "claims"];
pub const TIER_KEYS: &[&str] = &["canonry-id", "canonry-type", "tier", "title", "claims"];
pub const PROJECT_KEYS: &[&str] = &["canonry-id", "canonry-type", "title", "claims"];

/// Properties in order, skipping absent ones.
struct Properties(String);

impl Properties {
    fn new(id: &str, type_name: &str) -> Self {
        let mut out = Self(String::new());
        out.add("canonry-id", YamlValue::Text(id.to_owned()));
        out.add("canonry-type", YamlValue::Text(type_name.to_owned()));
        out
    }

    fn add(&mut self, key: &str, value: YamlValue) {
        self.0.push_str(&property(key, &value));
    }

    fn text_if(&mut self, key: &str, value: &str) {
        if !value.trim().is_empty() {
            self.add(key, YamlValue::Text(value.to_owned()));
        }
    }

    fn list_if(&mut self, key: &str, items: Vec<String>) {
        if !items.is_empty() {
            self.add(key, YamlValue::List(items));
        }
    }
}

/// The generated part of `subject`'s note.
pub fn render(ctx: &Context, subject: Subject) -> Rendered {
    match subject {
        Subject::Claim(claim) => claim_note(ctx, claim),
        Subject::Article(article) => article_note(ctx, article),
        Subject::Name(entry) => name_note(ctx, entry),
        Subject::Tier(tier) => tier_note(ctx, tier),
        Subject::Project => project_note(ctx),
    }
}

/// A user's note made inert for a vault (see the module comment).
fn inert_vault_note(note: &str) -> String {
    let mut text = inert_note(note.trim()).replace("[[", "\\[\\[").replace("%%", "%\\%");
    // An unclosed code fence would swallow the end marker when the note is shown.
    if text.lines().filter(|l| l.trim_start().starts_with("```")).count() % 2 == 1 {
        text.push_str("\n```");
    }
    text
}

fn tier_label(ctx: &Context, tier: &str) -> String {
    ctx.project.tier(tier).map_or_else(|| tier.to_owned(), |t| t.label.clone())
}

fn claim_note(ctx: &Context, claim: &Claim) -> Rendered {
    let options = ctx.options;
    let article = ctx.project.article(&claim.article);
    let mut props = Properties::new(&claim.id, "claim");
    props.add("tier", YamlValue::Text(claim.tier.clone()));
    if let Some(link) = ctx.link(&claim.article) {
        props.add("article", YamlValue::Text(link));
    }
    if options.with_citations() {
        props.text_if("source", article.map_or("", |a| a.source_url.as_str()));
        props.list_if("citations", claim.citations.iter().map(|c| c.display()).collect());
    }
    if let Some(when) = &claim.in_universe {
        props.text_if("in-universe", &when.label);
    }
    let spoiler = SpoilerRule::on(options.today).claim_marked(ctx.project, claim);
    props.add("spoiler", YamlValue::Bool(spoiler));
    props.add("created", YamlValue::DateTime(claim.created.clone()));
    props.add("modified", YamlValue::DateTime(claim.modified.clone()));
    let names: Vec<String> =
        ctx.names_in(&claim.id).iter().filter_map(|&i| ctx.link(&ctx.project.glossary[i].id)).collect();
    props.list_if("mentions", names.clone());
    let links = ctx.links.of(&claim.id);
    for key in LINK_KEYS {
        let targets: Vec<String> = links
            .iter()
            .filter(|(_, _, label)| label.replace(' ', "-") == key)
            .filter_map(|(_, other, _)| ctx.link(&other.id))
            .collect();
        props.list_if(key, targets);
    }

    let mut body = format!("{}\n\n", block_quote(&claim.anchor.exact));
    let mut facts = vec![format!(
        "**Tier:** {}",
        ctx.link(&tier_note_id(&claim.tier)).unwrap_or_else(|| escape(&tier_label(ctx, &claim.tier)))
    )];
    if let Some(link) = ctx.link(&claim.article) {
        facts.push(format!("**Article:** {link}"));
    }
    if let Some(when) = claim.in_universe.as_ref().filter(|w| !w.label.trim().is_empty()) {
        facts.push(format!("**In universe:** {}", escape(&when.label)));
    }
    if spoiler {
        facts.push("**Spoiler**".to_owned());
    }
    body.push_str(&facts.join(" · "));
    body.push('\n');
    if options.with_notes() && !claim.note.trim().is_empty() {
        body.push_str(&format!("\n{}\n", inert_vault_note(&claim.note)));
    }
    if !links.is_empty() {
        body.push_str("\n**Links**\n\n");
        for &(link, other, label) in links {
            let Some(target) = ctx.link(&other.id) else { continue };
            let mut line = format!("- {} {target}{}", capitalise(label), crate::export::link_status(link));
            if options.with_notes() && !link.note.trim().is_empty() {
                line.push_str(&format!(
                    ": {}",
                    inert_vault_note(&link.note.split_whitespace().collect::<Vec<_>>().join(" "))
                ));
            }
            body.push_str(&line);
            body.push('\n');
        }
    }
    if options.with_citations() && !claim.citations.is_empty() {
        body.push_str("\n**Sources**\n\n");
        for citation in &claim.citations {
            let text = escape(&citation.display());
            if is_web_url(&citation.url) {
                body.push_str(&format!("- [{text}](<{}>)\n", link_target(&citation.url)));
            } else {
                body.push_str(&format!("- {text}\n"));
            }
        }
    }
    if !names.is_empty() {
        body.push_str(&format!("\n**Names:** {}\n", names.join(", ")));
    }
    if options.with_history() && !claim.history.is_empty() {
        body.push_str("\n**History**\n\n");
        for change in &claim.history {
            let why = if change.why.is_empty() { String::new() } else { format!(": {}", change.why) };
            let line =
                format!("- {} → {} ({}){why}", tier_label(ctx, &change.from), tier_label(ctx, &change.to), change.when);
            body.push_str(&escape(&line));
            body.push('\n');
        }
    }
    Rendered { owned: CLAIM_KEYS, properties: props.0, block: block(&body) }
}

fn article_note(ctx: &Context, article: &Article) -> Rendered {
    let options = ctx.options;
    let claims: Vec<&&Claim> = ctx.claims.iter().filter(|c| c.article == article.id).collect();
    let mut props = Properties::new(&article.id, "article");
    props.add("title", YamlValue::Text(article.title.clone()));
    if options.with_citations() {
        props.text_if("source", &article.source_url);
    }
    props.text_if("author", &article.author);
    props.text_if("published", &article.published);
    if !article.retrieved.is_empty() {
        props.add("created", YamlValue::DateTime(article.retrieved.clone()));
    }
    props.add("spoiler", YamlValue::Bool(SpoilerRule::on(options.today).article_marked(article)));
    props.add("claims", YamlValue::Count(claims.len()));

    let mut body = format!("# {}\n", escape(&article.title));
    let mut source = Vec::new();
    if options.with_citations() && is_web_url(&article.source_url) {
        source.push(format!("[Source](<{}>)", link_target(&article.source_url)));
    }
    source.extend([&article.author, &article.published].into_iter().filter(|s| !s.is_empty()).map(|s| escape(s)));
    if !source.is_empty() {
        body.push_str(&format!("\n{}\n", source.join(" · ")));
    }
    if options.with_notes() && !article.notes.trim().is_empty() {
        body.push_str(&format!("\n{}\n", inert_vault_note(&article.notes)));
    }
    for tier in &ctx.tiers {
        let links: Vec<String> = claims.iter().filter(|c| c.tier == tier.id).filter_map(|c| ctx.link(&c.id)).collect();
        if links.is_empty() {
            continue;
        }
        let heading = ctx.link(&tier_note_id(&tier.id)).unwrap_or_else(|| escape(&tier.label));
        body.push_str(&format!("\n## {} {heading}\n\n", tier.icon));
        for link in links {
            body.push_str(&format!("- {link}\n"));
        }
    }
    Rendered { owned: ARTICLE_KEYS, properties: props.0, block: block(&body) }
}

fn name_note(ctx: &Context, entry: &GlossaryEntry) -> Rendered {
    let index = ctx.project.glossary.iter().position(|e| e.id == entry.id).unwrap_or(usize::MAX);
    let claims: Vec<String> = ctx.claims_mentioning(index).filter_map(|c| ctx.link(&c.id)).collect();
    let mut props = Properties::new(&entry.id, "name");
    props.text_if("kind", &entry.kind);
    // Obsidian resolves [[alias]] to this note; Logseq reads `alias` instead (see the README).
    props.list_if("aliases", entry.aliases.iter().filter(|a| !a.trim().is_empty()).cloned().collect());
    props.add("created", YamlValue::DateTime(entry.created.clone()));
    props.add("claims", YamlValue::Count(claims.len()));

    let mut body = format!("# {}\n\n*{}*", escape(&entry.name), escape(&entry.kind));
    if !entry.aliases.is_empty() {
        let aliases: Vec<String> = entry.aliases.iter().map(|a| escape(a)).collect();
        body.push_str(&format!(" · also: {}", aliases.join(", ")));
    }
    body.push('\n');
    if ctx.options.with_notes() && !entry.description.trim().is_empty() {
        body.push_str(&format!("\n{}\n", inert_vault_note(&entry.description)));
    }
    if !claims.is_empty() {
        body.push_str("\n## Mentioned in\n\n");
        for link in claims {
            body.push_str(&format!("- {link}\n"));
        }
    }
    Rendered { owned: NAME_KEYS, properties: props.0, block: block(&body) }
}

fn tier_note(ctx: &Context, tier: &Tier) -> Rendered {
    let claims: Vec<&&Claim> = ctx.claims.iter().filter(|c| c.tier == tier.id).collect();
    let mut props = Properties::new(&tier_note_id(&tier.id), "tier");
    props.add("tier", YamlValue::Text(tier.id.clone()));
    props.add("title", YamlValue::Text(tier.label.clone()));
    props.add("claims", YamlValue::Count(claims.len()));

    let mut body = format!("# {} {}\n\n{} claims\n", tier.icon, escape(&tier.label), claims.len());
    for article in &ctx.articles {
        let links: Vec<String> =
            claims.iter().filter(|c| c.article == article.id).filter_map(|c| ctx.link(&c.id)).collect();
        if links.is_empty() {
            continue;
        }
        body.push_str(&format!("\n## {}\n\n", ctx.link(&article.id).unwrap_or_else(|| escape(&article.title))));
        for link in links {
            body.push_str(&format!("- {link}\n"));
        }
    }
    Rendered { owned: TIER_KEYS, properties: props.0, block: block(&body) }
}

fn project_note(ctx: &Context) -> Rendered {
    let mut props = Properties::new(super::context::PROJECT_NOTE_ID, "project");
    props.add("title", YamlValue::Text(ctx.project.title.clone()));
    props.add("claims", YamlValue::Count(ctx.claims.len()));

    let mut body = format!("# {}\n\n## Tiers\n\n", escape(&ctx.project.title));
    for tier in &ctx.tiers {
        let n = ctx.claims.iter().filter(|c| c.tier == tier.id).count();
        let link = ctx.link(&tier_note_id(&tier.id)).unwrap_or_else(|| escape(&tier.label));
        body.push_str(&format!("- {} {link}: {n}\n", tier.icon));
    }
    body.push_str("\n## Articles\n\n");
    for article in &ctx.articles {
        if let Some(link) = ctx.link(&article.id) {
            body.push_str(&format!("- {link}\n"));
        }
    }
    let names: Vec<String> = ctx.project.glossary.iter().filter_map(|e| ctx.link(&e.id)).collect();
    if !names.is_empty() {
        body.push_str("\n## Names\n\n");
        for link in names {
            body.push_str(&format!("- {link}\n"));
        }
    }
    Rendered { owned: PROJECT_KEYS, properties: props.0, block: block(&body) }
}

/// The generated part of a note whose claim or article is a spoiler this export hides.
pub fn hidden_spoiler(id: &str, type_name: &str, owned: &'static [&'static str]) -> Rendered {
    let mut props = Properties::new(id, type_name);
    props.add("spoiler", YamlValue::Bool(true));
    let body = "*A spoiler, left out of this export. Export without hiding spoilers to see it here again.*\n";
    Rendered { owned, properties: props.0, block: block(body) }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A link target CommonMark accepts inside `<...>`.
fn link_target(url: &str) -> String {
    url.trim().replace(' ', "%20").replace('<', "%3C").replace('>', "%3E")
}
