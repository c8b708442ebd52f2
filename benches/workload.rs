//! The book-length workload: a deterministic project of one ~1 MB article in ~2,000 paragraphs
//! (accents, CJK, emoji included) with 10,000 claims across the three tiers, with notes,
//! 1,000 links between claims, 500 glossary names, and some spoilers and in-universe times.

use canonry::model::{
    Article, Citation, CitationKind, ClaimLink, GlossaryEntry, InUniverseTime, LinkKind, Project, Spoiler, Tier,
};

/// A small deterministic generator (xorshift), so every run measures the same project.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "station",
    "Sisko",
    "wormhole",
    "Prophets",
    "Bajor",
    "Dominion",
    "treaty",
    "Odo",
    "Kira",
    "Garak",
    "Cardassia",
    "fleet",
    "Starfleet",
    "comic",
    "novel",
    "episode",
    "rumour",
    "may",
    "could",
    "season",
    "écrivain",
    "naïve",
    "café",
    "宇宙",
    "艦隊",
    "🖖",
    "🚀",
    "Quark's",
    "Ferengi",
    "Worf",
    "Klingon",
    "honour",
    "Jadzia",
    "Dax",
    "symbiont",
    "Trill",
    "Vorta",
    "Weyoun",
    "Founders",
    "changeling",
    "Defiant",
    "runabout",
    "Ops",
    "Promenade",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(14);
    let mut words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let first = words[0].to_owned();
    let mut s = String::new();
    let mut chars = first.chars();
    if let Some(c) = chars.next() {
        s.extend(c.to_uppercase());
        s.push_str(chars.as_str());
    }
    words.remove(0);
    for w in words {
        s.push(' ');
        s.push_str(w);
    }
    s.push('.');
    s
}

/// The article text: `paragraphs` paragraphs of about `paragraph_chars` characters.
pub fn article_text(rng: &mut Rng, paragraphs: usize, paragraph_chars: usize) -> String {
    let mut text = String::new();
    for p in 0..paragraphs {
        if p > 0 {
            text.push_str("\n\n");
        }
        let mut para = String::new();
        while para.chars().count() < paragraph_chars {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(&sentence(rng));
        }
        text.push_str(&para);
    }
    text
}

/// The book-length project.
pub fn book_project() -> Project {
    let mut rng = Rng::new(0x5eed_cafe);
    let text = article_text(&mut rng, 2000, 520);
    let mut project = Project::new("Book-length benchmark");
    let article = Article::new("The Deep Space Nine compendium", &text);
    let article_id = article.id.clone();
    let len = article.text.chars().count();
    project.articles.push(article);
    let tiers = [Tier::CANON, Tier::COMIC_CANON, Tier::SPECULATION];
    let mut made = 0;
    while made < 10_000 {
        let start = rng.below(len - 200);
        let end = start + 20 + rng.below(120);
        if let Some(claim) = project.new_claim(&article_id, start, end, tiers[made % 3]) {
            let mut claim = claim;
            claim.note = format!("{} {}", sentence(&mut rng), sentence(&mut rng));
            if made % 4 == 0 {
                claim.citations.push(Citation::new(CitationKind::Episode, "Star Trek: Deep Space Nine", "S7E25"));
            }
            project.claims.push(claim);
            made += 1;
        }
    }
    project.sort_claims();

    // 1,000 links between random claims, every kind, a quarter of them contradictions.
    let ids: Vec<String> = project.claims.iter().map(|c| c.id.clone()).collect();
    for i in 0..1000 {
        let (from, to) = (&ids[rng.below(ids.len())], &ids[rng.below(ids.len())]);
        if from != to {
            let note = if i % 3 == 0 { sentence(&mut rng) } else { String::new() };
            project.links.push(ClaimLink::new(from, to, LinkKind::ALL[i % 4], &note));
        }
    }
    // 500 names: the capitalised words of the text, then two-word names, each with an alias.
    let capitalised: Vec<&str> =
        WORDS.iter().copied().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).collect();
    let mut names: Vec<String> = capitalised.iter().map(|w| w.to_string()).collect();
    'outer: for a in &capitalised {
        for b in &capitalised {
            if names.len() >= 500 {
                break 'outer;
            }
            if a != b {
                names.push(format!("{a} {b}"));
            }
        }
    }
    let mut n = 0;
    while names.len() < 500 {
        names.push(format!(
            "{} of {}",
            capitalised[n % capitalised.len()],
            capitalised[(n / 3 + 1) % capitalised.len()]
        ));
        n += 1;
    }
    for (i, name) in names.iter().enumerate() {
        let mut entry = GlossaryEntry::new(name, canonry::model::NAME_KINDS[i % 7]);
        entry.aliases.push(format!("{name}-{i}"));
        entry.description = sentence(&mut rng);
        project.glossary.push(entry);
    }
    // Every 100th claim a spoiler, every 10th dated.
    for (i, claim) in project.claims.iter_mut().enumerate() {
        if i % 100 == 0 {
            claim.spoiler = Some(Spoiler::default());
        }
        if i % 10 == 0 {
            claim.in_universe = Some(InUniverseTime::new(&format!("stardate {}", 40000 + rng.below(20000))));
        }
    }
    project
}
