//! Upgrades of older format versions, one step at a time, on the JSON value.
//!
//! Each step takes a file of one version to the next and is tested against a stored sample of
//! the old version under `tests/fixtures/format-*/`.
//!
//! History:
//! - 0.9: the prototype's format: one `article` per project, claims with `start`, `end`, `quote`
//!   and `tag`, and the journal in `notes`.
//! - 1.0: several articles, anchors with quote context and status, tiers as data, citations,
//!   tier history.
//! - 1.1: the lore journal: `links` between claims and a `glossary` on the project, `spoiler`
//!   marks on claims and articles, `in_universe` times on claims. All are optional, so the step
//!   changes nothing in a file 1.0 wrote; it only records the new version.
//! - 1.2: sharing: merge `conflicts` recorded inside the file (by the git merge driver or File >
//!   Merge) until the user resolves them. Optional, so a 1.1 file only gets the new version.

use serde_json::{Map, Value, json};

use super::format::{CURRENT_VERSION, FormatVersion};
use super::parse_error::{Location, ParseError};
use crate::model::{Tier, new_id};
use crate::text::{CharIndex, content_hash, normalize_article_text};

type Step = fn(Map<String, Value>) -> Result<Map<String, Value>, String>;

/// The steps, each from the version it names to the next one.
const STEPS: &[(FormatVersion, FormatVersion, Step)] = &[
    (FormatVersion { major: 0, minor: 9 }, FormatVersion { major: 1, minor: 0 }, from_0_9),
    (FormatVersion { major: 1, minor: 0 }, FormatVersion { major: 1, minor: 1 }, from_1_0),
    (FormatVersion { major: 1, minor: 1 }, FormatVersion { major: 1, minor: 2 }, from_1_1),
];

/// 1.1 → 1.2: `conflicts` is new and optional. A 1.1 file that carries a top-level `conflicts`
/// key of its own invention keeps it under `x_1_1_conflicts` rather than have it misread as
/// merge conflicts.
fn from_1_1(mut map: Map<String, Value>) -> Result<Map<String, Value>, String> {
    if let Some(value) = map.remove("conflicts") {
        map.insert("x_1_1_conflicts".into(), value);
    }
    Ok(map)
}

/// 1.0 → 1.1: the new fields are all optional and default to empty. A hand-edited 1.0 file may
/// carry a top-level `links` or `glossary` key of its own invention; those are kept under an
/// `x_1_0_` prefix rather than misread as 1.1 data.
fn from_1_0(mut map: Map<String, Value>) -> Result<Map<String, Value>, String> {
    for key in ["links", "glossary"] {
        if let Some(value) = map.remove(key) {
            map.insert(format!("x_1_0_{key}"), value);
        }
    }
    Ok(map)
}

/// Upgrades `value` to the current version. Returns it and the version it started from.
pub fn to_current(value: Value) -> Result<(Value, FormatVersion), ParseError> {
    let Value::Object(mut map) = value else { return Err(ParseError::NotAProject) };
    let found = map.get("version").and_then(Value::as_str).unwrap_or_default().to_owned();
    let from = FormatVersion::parse(&found).ok_or(ParseError::BadVersion { found: found.clone() })?;
    let mut version = from;
    while version < CURRENT_VERSION {
        let Some(&(_, next, step)) = STEPS.iter().find(|(v, _, _)| *v == version) else {
            return Err(ParseError::BadVersion { found });
        };
        map = step(map).map_err(|message| ParseError::Invalid {
            location: Location::default(),
            message: format!("cannot upgrade from format {version}: {message}"),
        })?;
        map.insert("version".into(), Value::String(next.to_string()));
        version = next;
    }
    Ok((Value::Object(map), from))
}

fn from_0_9(mut old: Map<String, Value>) -> Result<Map<String, Value>, String> {
    let mut new = Map::new();
    for key in ["format", "version", "generator", "title"] {
        if let Some(v) = old.remove(key) {
            new.insert(key.into(), v);
        }
    }
    new.insert("journal".into(), old.remove("notes").unwrap_or_else(|| json!("")));
    new.insert("tiers".into(), serde_json::to_value(Tier::builtin()).map_err(|e| e.to_string())?);

    let article = match old.remove("article") {
        Some(Value::Object(a)) => a,
        None => Map::new(),
        Some(_) => return Err("\"article\" is not an object".into()),
    };
    let text = normalize_article_text(article.get("text").and_then(Value::as_str).unwrap_or_default());
    let article_id = new_id();
    new.insert(
        "articles".into(),
        json!([{
            "id": article_id,
            "title": article.get("title").cloned().unwrap_or_else(|| json!("Article")),
            "source_url": article.get("url").cloned().unwrap_or_else(|| json!("")),
            "text": text,
            "content_hash": content_hash(text.as_bytes()),
            "notes": "",
        }]),
    );

    let index = CharIndex::new(&text);
    let mut claims = Vec::new();
    for (i, claim) in old.remove("claims").and_then(|c| c.as_array().cloned()).unwrap_or_default().iter().enumerate() {
        let field = |k: &str| claim.get(k).cloned().unwrap_or(Value::Null);
        let number = |k: &str| claim.get(k).and_then(Value::as_u64).ok_or(format!("claims[{i}].{k} is not a number"));
        let (start, end) = (number("start")? as usize, number("end")? as usize);
        let quote = claim.get("quote").and_then(Value::as_str).unwrap_or_default();
        let context = |from: usize, to: usize| index.slice(&text, from, to).unwrap_or_default().to_owned();
        let created = claim.get("created").and_then(Value::as_str).unwrap_or("1970-01-01T00:00:00Z");
        claims.push(json!({
            "id": field("id"),
            "article": article_id,
            "anchor": {
                "start": start,
                "end": end,
                "exact": quote,
                "prefix": context(start.saturating_sub(32), start),
                "suffix": context(end, (end + 32).min(index.char_len())),
            },
            "tier": field("tag"),
            "note": claim.get("note").cloned().unwrap_or_else(|| json!("")),
            "created": created,
            "modified": created,
        }));
    }
    new.insert("claims".into(), Value::Array(claims));
    // Anything else the prototype wrote is kept as an unknown field.
    new.extend(old);
    Ok(new)
}
