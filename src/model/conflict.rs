//! Merge conflicts recorded inside the project file (format 1.2).
//!
//! A three-way merge (the git driver, File > Merge) that finds both sides changed the same field
//! differently keeps my value in the project and records theirs here, so the file stays valid
//! JSON that Canonry opens, and the resolver can settle each conflict later. Never `<<<<<<<`.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::{ExtraFields, deserialize_keeping_extra};

/// The kind of object a conflict is on, as written in the file.
pub mod object_kind {
    pub const PROJECT: &str = "project";
    pub const ARTICLE: &str = "article";
    pub const CLAIM: &str = "claim";
    pub const LINK: &str = "link";
    pub const GLOSSARY: &str = "glossary";
    pub const TIER: &str = "tier";
}

/// The `field` of a conflict where one side deleted the object and the other changed it.
pub const DELETED_FIELD: &str = "(deleted)";

/// One field both sides changed differently.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MergeConflict {
    /// `claim`, `link`, `glossary`, `tier`, `article` or `project` (see [`object_kind`]).
    pub object: String,
    /// The id of the object (empty for the project itself).
    pub object_id: String,
    /// The JSON field, such as `note` or `tier`; `(deleted)` when one side deleted the object.
    pub field: String,
    /// Something to show the user: the claim's quote, the name, the article's title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The common ancestor's value (`null` when the object was new on both sides).
    #[serde(default)]
    pub base: Value,
    /// My value; the project holds it until the conflict is resolved (`null`: I deleted it).
    #[serde(default)]
    pub mine: Value,
    /// Their value (`null`: they deleted it).
    #[serde(default)]
    pub theirs: Value,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(MergeConflict {
    required: object, object_id, field;
    defaulted: label = String::new(), base = Value::Null, mine = Value::Null, theirs = Value::Null,
});

impl MergeConflict {
    /// A stable key: one conflict per object and field.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.object, &self.object_id, &self.field)
    }

    /// "claim \"the synths attacked Mars\": note".
    pub fn describe(&self) -> String {
        let what = if self.label.is_empty() { self.object_id.clone() } else { format!("{:?}", self.label) };
        if self.field == DELETED_FIELD {
            let who =
                if self.mine.is_null() { "I deleted it, they changed it" } else { "they deleted it, I changed it" };
            format!("{} {what}: {who}", self.object)
        } else if self.object == object_kind::PROJECT {
            format!("project: {}", self.field)
        } else {
            format!("{} {what}: {}", self.object, self.field)
        }
    }
}
