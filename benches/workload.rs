//! The book-length workload: a deterministic project of one ~1 MB article in ~2,000 paragraphs
//! (accents, CJK, emoji included) with 10,000 claims across the three tiers, with notes.

use canonry::model::{Article, Citation, CitationKind, Project, Tier};

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
    project
}
