//! How each kind of object merges: its id, its label, and the rule of each field.

use super::fields::Rule;
use super::objects::Mergeable;
use crate::model::{Article, Claim, ClaimLink, GlossaryEntry, Tier, object_kind};

impl Mergeable for Claim {
    const KIND: &'static str = object_kind::CLAIM;

    fn id(&self) -> &str {
        &self.id
    }

    fn label(&self) -> String {
        self.anchor.exact.chars().take(80).collect()
    }

    fn rule(field: &str) -> Rule {
        match field {
            "note" => Rule::Lines,
            "citations" => Rule::Items,
            "history" => Rule::History,
            "modified" => Rule::Latest,
            // Anchors follow the article text the merge settles on (see `anchors`).
            "anchor" => Rule::Derived,
            _ => Rule::Scalar,
        }
    }
}

impl Mergeable for ClaimLink {
    const KIND: &'static str = object_kind::LINK;

    fn id(&self) -> &str {
        &self.id
    }

    fn label(&self) -> String {
        format!("{} {} {}", self.from, self.kind, self.to)
    }

    fn rule(field: &str) -> Rule {
        if field == "note" { Rule::Lines } else { Rule::Scalar }
    }
}

impl Mergeable for GlossaryEntry {
    const KIND: &'static str = object_kind::GLOSSARY;

    fn id(&self) -> &str {
        &self.id
    }

    fn label(&self) -> String {
        self.name.clone()
    }

    fn rule(field: &str) -> Rule {
        match field {
            "aliases" => Rule::Items,
            "description" => Rule::Lines,
            _ => Rule::Scalar,
        }
    }
}

impl Mergeable for Tier {
    const KIND: &'static str = object_kind::TIER;

    fn id(&self) -> &str {
        &self.id
    }

    fn label(&self) -> String {
        self.label.clone()
    }

    fn rule(_field: &str) -> Rule {
        Rule::Scalar
    }
}

impl Mergeable for Article {
    const KIND: &'static str = object_kind::ARTICLE;

    fn id(&self) -> &str {
        &self.id
    }

    fn label(&self) -> String {
        self.title.clone()
    }

    fn rule(field: &str) -> Rule {
        match field {
            "notes" => Rule::Lines,
            "links" => Rule::Items,
            // Recomputed from the merged text.
            "content_hash" => Rule::Derived,
            _ => Rule::Scalar,
        }
    }
}
