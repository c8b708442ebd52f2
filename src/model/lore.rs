//! What turns highlights into a lore journal (format 1.1): links between claims, a glossary of
//! names, spoiler marks and in-universe dates.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Day, DayError, ExtraFields, deserialize_keeping_extra, new_id, now_rfc3339};

/// How two claims relate. Stored as text so a kind added by a newer Canonry survives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKind {
    /// `from` backs `to` up.
    Supports,
    /// `from` and `to` cannot both be true.
    Contradicts,
    /// The same fact, reported twice.
    SameAs,
    /// `from` replaces `to`: a confirmation of a rumour, or a retcon.
    Supersedes,
}

impl LinkKind {
    pub const ALL: [LinkKind; 4] = [LinkKind::Supports, LinkKind::Contradicts, LinkKind::SameAs, LinkKind::Supersedes];

    /// The value in the file.
    pub fn id(self) -> &'static str {
        match self {
            LinkKind::Supports => "supports",
            LinkKind::Contradicts => "contradicts",
            LinkKind::SameAs => "same-as",
            LinkKind::Supersedes => "supersedes",
        }
    }

    pub fn parse(id: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// How the link reads from its `from` claim ("supports").
    pub fn forward_label(self) -> &'static str {
        match self {
            LinkKind::Supports => "supports",
            LinkKind::Contradicts => "contradicts",
            LinkKind::SameAs => "same as",
            LinkKind::Supersedes => "supersedes",
        }
    }

    /// How the link reads from its `to` claim ("supported by").
    pub fn backward_label(self) -> &'static str {
        match self {
            LinkKind::Supports => "supported by",
            LinkKind::Contradicts => "contradicted by",
            LinkKind::SameAs => "same as",
            LinkKind::Supersedes => "superseded by",
        }
    }
}

/// A relation between two claims, possibly on different articles.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ClaimLink {
    /// UUID v7.
    pub id: String,
    /// The claim the link reads from ("`from` contradicts `to`").
    pub from: String,
    pub to: String,
    /// `supports`, `contradicts`, `same-as` or `supersedes`.
    pub kind: String,
    /// Markdown: why, or how a contradiction was resolved.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// A contradiction the user has settled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resolved: bool,
    /// RFC 3339.
    pub created: String,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(ClaimLink {
    required: id, from, to, kind, created;
    defaulted: note = String::new(), resolved = false,
});

impl ClaimLink {
    pub fn new(from: &str, to: &str, kind: LinkKind, note: &str) -> Self {
        Self {
            id: new_id(),
            from: from.to_owned(),
            to: to.to_owned(),
            kind: kind.id().to_owned(),
            note: note.to_owned(),
            resolved: false,
            created: now_rfc3339(),
            extra: ExtraFields::new(),
        }
    }

    /// The kind, when this Canonry knows it.
    pub fn kind(&self) -> Option<LinkKind> {
        LinkKind::parse(&self.kind)
    }

    /// An unresolved contradiction.
    pub fn is_open_contradiction(&self) -> bool {
        self.kind() == Some(LinkKind::Contradicts) && !self.resolved
    }

    /// The other end of the link seen from `claim`, with how it reads from there.
    pub fn seen_from(&self, claim: &str) -> Option<(&str, &'static str)> {
        let kind = self.kind()?;
        if self.from == claim {
            Some((&self.to, kind.forward_label()))
        } else if self.to == claim {
            Some((&self.from, kind.backward_label()))
        } else {
            None
        }
    }
}

/// What a glossary name is.
pub const NAME_KINDS: [&str; 7] = ["character", "ship", "place", "organisation", "species", "event", "other"];

/// A name in the user's universe, with its aliases and what is known about it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GlossaryEntry {
    /// UUID v7.
    pub id: String,
    pub name: String,
    /// One of [`NAME_KINDS`] (others are kept as written).
    pub kind: String,
    /// Other ways articles refer to it ("Jean-Luc", "the Admiral").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// RFC 3339.
    pub created: String,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(GlossaryEntry {
    required: id, name, kind, created;
    defaulted: aliases = Vec::new(), description = String::new(),
});

impl GlossaryEntry {
    pub fn new(name: &str, kind: &str) -> Self {
        Self {
            id: new_id(),
            name: name.trim().to_owned(),
            kind: kind.to_owned(),
            aliases: Vec::new(),
            description: String::new(),
            created: now_rfc3339(),
            extra: ExtraFields::new(),
        }
    }

    /// The name and its aliases, non-empty.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .filter(|t| !t.trim().is_empty())
    }
}

/// A claim or article the user does not want to see (or share) unrevealed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
pub struct Spoiler {
    // Kept as the text on disk so files stay readable by older versions: read it through
    // `Spoiler::until_day`, set it through `Spoiler::until` (which validates). A file holding
    // other text keeps it and the mark stays active; `spoiler_date_warnings` reports it.
    /// `YYYY-MM-DD`: no longer a spoiler from that day on, in the reader's local time. Empty:
    /// until unmarked. Any other text keeps the mark active.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub until: String,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(Spoiler {
    required: ;
    defaulted: until = String::new(),
});

impl Spoiler {
    /// A mark that ends on the day `until` typed by the user (`YYYY-MM-DD`; empty: no end).
    /// Anything else is refused with a message saying what to type.
    pub fn until(until: &str) -> Result<Self, DayError> {
        let until = until.trim();
        if !until.is_empty() {
            Day::parse(until)?;
        }
        Ok(Self { until: until.to_owned(), extra: ExtraFields::new() })
    }

    /// The end day: `Ok(None)` when there is none, `Err` when the stored text is not a day.
    pub fn until_day(&self) -> Result<Option<Day>, DayError> {
        let until = self.until.trim();
        if until.is_empty() { Ok(None) } else { Day::parse(until).map(Some) }
    }

    /// Whether it still hides its content on `today` (the reader's local day). An end date that
    /// cannot be read keeps the mark active: a spoiler must never show by accident.
    pub fn is_active(&self, today: Day) -> bool {
        match self.until_day() {
            Ok(Some(until)) => today < until,
            Ok(None) | Err(_) => true,
        }
    }
}

/// Whether an optional spoiler mark hides its content on `today`.
pub fn spoiler_active(spoiler: Option<&Spoiler>, today: Day) -> bool {
    spoiler.is_some_and(|s| s.is_active(today))
}

/// One warning per spoiler mark whose end date cannot be read, for the load report: the text
/// is kept and the mark stays active until the user fixes the date.
pub fn spoiler_date_warnings(project: &super::Project) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut check = |place: String, spoiler: Option<&Spoiler>| {
        if let Some(Err(error)) = spoiler.map(Spoiler::until_day) {
            warnings.push(format!("{place}: spoiler end date {error}; it stays a spoiler until you correct the date"));
        }
    };
    for (i, article) in project.articles.iter().enumerate() {
        check(format!("articles[{i}]"), article.spoiler.as_ref());
    }
    for (i, claim) in project.claims.iter().enumerate() {
        check(format!("claims[{i}]"), claim.spoiler.as_ref());
    }
    warnings
}

/// When a claim happens in its universe: a stardate, a year, an era or any label.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
pub struct InUniverseTime {
    /// As the user writes it: "stardate 41153.7", "2387", "19 BBY", "the Dominion War".
    pub label: String,
    /// Where it sorts on the timeline, when the label alone does not say (eras, free labels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<f64>,
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_extra!(InUniverseTime {
    required: label;
    defaulted: order = None,
});

impl InUniverseTime {
    pub fn new(label: &str) -> Self {
        Self { label: label.trim().to_owned(), order: None, extra: ExtraFields::new() }
    }

    /// Its place on the timeline: the explicit order, else what the label says.
    pub fn sort_key(&self) -> Option<f64> {
        self.order.or_else(|| in_universe_sort_key(&self.label))
    }
}

/// A sortable number for an in-universe time label, in years where it can tell:
/// - "stardate 41153.7" → 2364.15 (the 24th-century convention: 1,000 units a year from 2323);
/// - "19 BBY" / "4 ABY" → -19 / 4 (Star Wars, years around the Battle of Yavin);
/// - a label holding a year ("2387", "March 2399", "in 2364") → that year;
/// - anything else (an era's name) → `None`: listed after dated claims, or placed with an explicit
///   order.
pub fn in_universe_sort_key(label: &str) -> Option<f64> {
    let lower = label.trim().to_lowercase();
    let number = first_number(&lower)?;
    if lower.contains("stardate") || lower.starts_with("sd ") {
        return Some(2323.0 + number / 1000.0);
    }
    if lower.contains("bby") {
        return Some(-number);
    }
    Some(number)
}

/// The first decimal number in `text`.
fn first_number(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    digits.trim_end_matches('.').parse().ok()
}
