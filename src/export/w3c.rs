//! W3C Web Annotation Data Model (JSON-LD): one `AnnotationCollection` whose annotations
//! classify a span (`motivation: classifying`) with a tagging body for the tier and a commenting
//! body (Markdown) for the note, targeting the article's source with a quote and a position
//! selector. Positions count code points, as the model specifies. Links between claims become
//! `linking` annotations: the target is the annotation of the claim the link reads from, the
//! body the annotation it links to, with a tagging body naming the relation.

use serde_json::{Value, json};

use super::ExportOptions;
use crate::model::{Article, Claim, Project};
use crate::text::content_hash;
use crate::text::is_web_url;

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// `urn:uuid:` form of an id: the id itself when it is a UUID, else a stable UUID derived from it.
pub fn urn_uuid(id: &str) -> String {
    let uuid = uuid::Uuid::parse_str(id).unwrap_or_else(|_| {
        let hash = content_hash(id.as_bytes());
        let mut bytes = [0u8; 16];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(&hash[7 + 2 * i..9 + 2 * i], 16).unwrap_or(0);
        }
        uuid::Uuid::new_v8(bytes)
    });
    format!("urn:uuid:{uuid}")
}

/// The IRI of an article: its web address, else a URN of its id.
fn source_iri(article: &Article) -> String {
    if is_web_url(&article.source_url) { article.source_url.trim().to_owned() } else { urn_uuid(&article.id) }
}

/// The quoted article: where it is, which words, and under which licence its words are
/// (the Web Annotation model's `rights` on the target resource).
fn target(article: &Article, selectors: Vec<Value>) -> Value {
    let mut target = json!({"source": source_iri(article), "selector": selectors});
    if !article.licence.is_empty() {
        target["rights"] = json!(licence_iri(&article.licence).unwrap_or(&article.licence));
    }
    target
}

/// The deed of a Creative Commons licence named like "CC BY-SA 3.0".
fn licence_iri(licence: &str) -> Option<&'static str> {
    match licence.trim().to_ascii_uppercase().as_str() {
        "CC BY-SA 3.0" => Some("https://creativecommons.org/licenses/by-sa/3.0/"),
        "CC BY-SA 4.0" => Some("https://creativecommons.org/licenses/by-sa/4.0/"),
        _ => None,
    }
}

fn annotation(
    project: &Project,
    article: &Article,
    claim: &Claim,
    options: &ExportOptions,
    text: &super::redact::Redacted,
) -> Value {
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "tagging",
        "value": claim.tier,
    })];
    if options.with_notes() && !claim.note.trim().is_empty() {
        body.push(
            json!({"type": "TextualBody", "purpose": "commenting", "value": claim.note, "format": "text/markdown"}),
        );
    }
    if options.with_citations() {
        for citation in &claim.citations {
            body.push(json!({"type": "TextualBody", "purpose": "describing", "value": citation.display(), "format": "text/plain"}));
        }
    }
    // Positions stay those of the source page; the context is shortened so it holds no word of
    // a spoiler sentence that was left out (a shorter prefix still selects the same words).
    let (prefix, suffix) = if claim.anchor.is_orphaned() && text.is_cut() {
        ("", "")
    } else {
        (
            text.clean_prefix(&claim.anchor.prefix, claim.anchor.start),
            text.clean_suffix(&claim.anchor.suffix, claim.anchor.end),
        )
    };
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": claim.anchor.exact,
        "prefix": prefix,
        "suffix": suffix,
    })];
    // An orphan's positions point at other words: only its quote is given.
    if !claim.anchor.is_orphaned() {
        selectors.push(json!({"type": "TextPositionSelector", "start": claim.anchor.start, "end": claim.anchor.end}));
    }
    let tier_label = project.tier(&claim.tier).map_or(claim.tier.as_str(), |t| t.label.as_str());
    json!({
        "@context": CONTEXT,
        "id": urn_uuid(&claim.id),
        "type": "Annotation",
        "motivation": "classifying",
        "label": tier_label,
        "created": claim.created,
        "modified": claim.modified,
        "body": body,
        "target": target(article, selectors),
    })
}

fn linking_annotation(link: &crate::model::ClaimLink, options: &ExportOptions) -> Value {
    let mut body = vec![
        json!({"type": "TextualBody", "purpose": "tagging", "value": link.kind}),
        json!({"id": urn_uuid(&link.to)}),
    ];
    if options.with_notes() && !link.note.trim().is_empty() {
        body.push(
            json!({"type": "TextualBody", "purpose": "commenting", "value": link.note, "format": "text/markdown"}),
        );
    }
    json!({
        "@context": CONTEXT,
        "id": urn_uuid(&link.id),
        "type": "Annotation",
        "motivation": "linking",
        "label": link.kind().map_or(link.kind.as_str(), |k| k.forward_label()),
        "created": link.created,
        "body": body,
        "target": urn_uuid(&link.from),
    })
}

/// The export as a JSON value.
pub fn collection(project: &Project, options: &ExportOptions) -> Value {
    let mut items = Vec::new();
    let mut exported = std::collections::HashSet::new();
    let selection = super::Selection::new(project, options);
    for article in selection.articles() {
        let text = selection.text(article);
        for claim in selection.claims(&article.id) {
            items.push(annotation(project, article, claim, options, &text));
            exported.insert(claim.id.as_str());
        }
    }
    for link in &project.links {
        if exported.contains(link.from.as_str()) && exported.contains(link.to.as_str()) {
            items.push(linking_annotation(link, options));
        }
    }
    let scope = options.article.as_deref().unwrap_or("project");
    json!({
        "@context": CONTEXT,
        "id": urn_uuid(&format!("canonry-collection:{}:{scope}", project.title)),
        "type": "AnnotationCollection",
        "label": project.title,
        "generator": {"type": "Software", "name": format!("Canonry {}", env!("CARGO_PKG_VERSION"))},
        "total": items.len(),
        "first": {
            "id": urn_uuid(&format!("canonry-page:{}:{scope}", project.title)),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

pub fn export(project: &Project, options: &ExportOptions) -> String {
    let mut text = serde_json::to_string_pretty(&collection(project, options)).unwrap_or_default();
    text.push('\n');
    text
}
