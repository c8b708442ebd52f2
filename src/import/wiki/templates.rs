//! What a template means: a citation (Memory Alpha's series templates, `cite ...`), a
//! continuity marker (Wookieepedia's `{{Top|...|leg}}`, `{{Noncanon}}`), or words.

use crate::model::{Citation, CitationKind};

/// One template call, its parameters already rendered to text.
pub struct Call<'a> {
    /// Lower case, spaces for underscores, trimmed.
    pub name: String,
    /// As written (trimmed): Memory Alpha's `{{DIS|...}}` (Discovery) is not `{{dis|...}}`.
    pub written: String,
    pub positional: Vec<&'a str>,
    pub named: Vec<(&'a str, &'a str)>,
}

impl Call<'_> {
    fn named(&self, key: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// A page's continuity, as its markers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Continuity {
    Canon,
    Legends,
    NonCanon,
}

impl Continuity {
    /// The built-in tier it suggests: Legends is the licensed tie-in material that comic-canon
    /// stands for; non-canon material is at best speculation.
    pub fn tier(self) -> &'static str {
        match self {
            Continuity::Canon => crate::model::Tier::CANON,
            Continuity::Legends => crate::model::Tier::COMIC_CANON,
            Continuity::NonCanon => crate::model::Tier::SPECULATION,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Continuity::Canon => "Canon",
            Continuity::Legends => "Legends",
            Continuity::NonCanon => "Non-canon",
        }
    }
}

/// What a template becomes.
pub enum Meaning {
    Words(String),
    Cites(Citation),
    Marks(Continuity),
}

/// Memory Alpha's series templates (`{{TNG|Encounter at Farpoint}}`).
const SERIES: &[(&str, &str)] = &[
    ("tos", "Star Trek: The Original Series"),
    ("tas", "Star Trek: The Animated Series"),
    ("tng", "Star Trek: The Next Generation"),
    ("ds9", "Star Trek: Deep Space Nine"),
    ("voy", "Star Trek: Voyager"),
    ("ent", "Star Trek: Enterprise"),
    ("dis", "Star Trek: Discovery"),
    ("pic", "Star Trek: Picard"),
    ("ld", "Star Trek: Lower Decks"),
    ("pro", "Star Trek: Prodigy"),
    ("snw", "Star Trek: Strange New Worlds"),
    ("st", "Star Trek: Short Treks"),
];

pub fn meaning(call: &Call<'_>, page_title: &str) -> Meaning {
    let name = call.name.as_str();
    let first = call.positional.first().map(|p| p.trim()).unwrap_or_default();
    // Series templates are upper case; `{{dis|...}}` is Memory Alpha's disambiguation link.
    if let Some((_, series)) = SERIES.iter().find(|(code, _)| *code == name && call.written == code.to_uppercase())
        && !first.is_empty()
    {
        return Meaning::Cites(Citation::new(CitationKind::Episode, series, first));
    }
    if let Some(kind) = name.strip_prefix("cite ").or_else(|| name.strip_prefix("cite_")) {
        return Meaning::Cites(cite(kind.trim(), call));
    }
    if let Some(continuity) = continuity(call) {
        return Meaning::Marks(continuity);
    }
    let words = match name {
        "pagename" | "fullpagename" => page_title.to_owned(),
        "!" => "|".to_owned(),
        // Ship names: `{{USS|Enterprise|NCC-1701-D}}` reads "USS Enterprise".
        "uss" | "iss" | "ikss" | "irw" | "ss" => {
            if first.is_empty() {
                String::new()
            } else {
                format!("{} {first}", call.name.to_uppercase())
            }
        }
        // A disambiguated link shows its first word: `{{dis|Enterprise|NCC-1701-D}}`.
        "dis" | "disambiguation" => first.to_owned(),
        // Everything else shows its last unnamed parameter (`{{w|Page|words}}`, `{{nowrap|x}}`,
        // `{{lang|fr|mots}}`); infoboxes, navigation and maintenance templates have none and
        // show nothing, as they are not the article's prose.
        _ => call.positional.last().map(|p| p.trim().to_owned()).unwrap_or_default(),
    };
    Meaning::Words(words)
}

fn continuity(call: &Call<'_>) -> Option<Continuity> {
    match call.name.as_str() {
        "noncanon" | "non-canon" | "nc" => Some(Continuity::NonCanon),
        "top" => call.positional.iter().chain(call.named.iter().map(|(k, _)| k)).find_map(|p| {
            match p.trim().to_ascii_lowercase().as_str() {
                "can" | "canon" => Some(Continuity::Canon),
                "leg" | "legends" => Some(Continuity::Legends),
                "ncc" | "ncl" | "noncanon" | "non-canon" => Some(Continuity::NonCanon),
                _ => None,
            }
        }),
        _ => None,
    }
}

/// `{{cite web|title=...|url=...}}`, `{{cite book|...}}`, `{{cite episode|...}}` and kin.
fn cite(kind: &str, call: &Call<'_>) -> Citation {
    let kind = match kind {
        "episode" | "tv" | "television" => CitationKind::Episode,
        "film" | "movie" => CitationKind::Film,
        "comic" | "comics" => CitationKind::Comic,
        "book" | "novel" => CitationKind::Novel,
        "game" | "video game" | "videogame" => CitationKind::Game,
        "interview" => CitationKind::Interview,
        "web" | "news" | "magazine" | "journal" | "article" => CitationKind::Article,
        _ => CitationKind::Other,
    };
    let title = call.named("title").or_else(|| call.positional.first().map(|p| p.trim())).unwrap_or_default();
    let series = call.named("series");
    let work = call.named("website").or(call.named("work")).or(call.named("publisher"));
    let (title, mut detail) = match (kind, series) {
        // An episode citation reads like Memory Alpha's own: the series, then the episode.
        (CitationKind::Episode, Some(series)) => (series.to_owned(), title.to_owned()),
        _ => (title.to_owned(), work.unwrap_or_default().to_owned()),
    };
    for (key, label) in
        [("season", "season "), ("number", "episode "), ("issue", "issue #"), ("page", "p. "), ("date", "")]
    {
        if let Some(value) = call.named(key) {
            if !detail.is_empty() {
                detail.push_str(", ");
            }
            detail.push_str(label);
            detail.push_str(value);
        }
    }
    let title = if title.is_empty() { "Untitled source".to_owned() } else { title };
    let mut citation = Citation::new(kind, &title, &detail);
    citation.url = call.named("url").filter(|u| crate::text::is_web_url(u)).unwrap_or_default().to_owned();
    citation
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call<'a>(name: &str, positional: Vec<&'a str>, named: Vec<(&'a str, &'a str)>) -> Call<'a> {
        let written = if name.len() <= 3 { name.to_uppercase() } else { name.to_owned() };
        Call { name: name.into(), written, positional, named }
    }

    #[test]
    fn series_templates_cite_the_episode() {
        let Meaning::Cites(c) = meaning(&call("tng", vec!["Encounter at Farpoint"], vec![]), "") else {
            panic!("a citation")
        };
        assert_eq!(c.display(), "Episode: Star Trek: The Next Generation, Encounter at Farpoint");
    }

    #[test]
    fn cite_templates_keep_title_work_and_url() {
        let c = cite(
            "web",
            &call(
                "cite web",
                vec![],
                vec![
                    ("title", "Set visit"),
                    ("website", "Invented News"),
                    ("url", "https://example.org/set"),
                    ("date", "2031-02-03"),
                ],
            ),
        );
        assert_eq!(
            (c.kind, c.display().as_str(), c.url.as_str()),
            (CitationKind::Article, "Article: Set visit, Invented News, 2031-02-03", "https://example.org/set")
        );
        let c = cite(
            "episode",
            &call("cite episode", vec![], vec![("title", "The Pilot"), ("series", "Space Show"), ("season", "1")]),
        );
        assert_eq!(c.display(), "Episode: Space Show, The Pilot, season 1");
    }

    #[test]
    fn continuity_markers_and_words() {
        assert!(matches!(meaning(&call("top", vec!["real", "leg"], vec![]), ""), Meaning::Marks(Continuity::Legends)));
        assert!(matches!(meaning(&call("noncanon", vec![], vec![]), ""), Meaning::Marks(Continuity::NonCanon)));
        let words = |c: Call<'_>| match meaning(&c, "Page") {
            Meaning::Words(w) => w,
            _ => "not words".into(),
        };
        assert_eq!(words(call("uss", vec!["Enterprise", "NCC-1701-D"], vec![])), "USS Enterprise");
        let disambiguation = Call { written: "dis".into(), ..call("dis", vec!["Enterprise", "NCC-1701-D"], vec![]) };
        assert_eq!(words(disambiguation), "Enterprise");
        assert_eq!(words(call("w", vec!["Some page", "some words"], vec![])), "some words");
        assert_eq!(words(call("infobox ship", vec![], vec![("name", "X")])), "");
        assert_eq!(words(call("pagename", vec![], vec![])), "Page");
    }
}
