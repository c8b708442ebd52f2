//! Spoilers never leak, on generated projects: every word is unique (`zq0017x`), claims cover random
//! word ranges, some claims and articles are marked. With spoilers left out, no word of a hidden
//! claim appears in any format, and the bundle loads without warnings with every kept claim's
//! offsets holding its unchanged words.

use std::collections::HashSet;

use canonry::export::{self, ExportOptions, Format};
use canonry::lore::spoilers::SpoilerRule;
use canonry::model::{Article, Day, Project, Spoiler, Tier};
use canonry::storage::parse_project;
use canonry::text::CharIndex;
use proptest::prelude::*;

/// Paragraphs of sentences of unique words; returns the text and each word's code-point range.
fn text_of(shape: &[Vec<usize>], first_word: usize) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut words = Vec::new();
    let mut n = first_word;
    for (p, sentences) in shape.iter().enumerate() {
        if p > 0 {
            text.push('\n');
        }
        for (s, &len) in sentences.iter().enumerate() {
            if s > 0 {
                text.push(' ');
            }
            for w in 0..len {
                if w > 0 {
                    text.push(' ');
                }
                let start = text.chars().count();
                // Fixed width with an end letter: a word cut short by a quote's context is never
                // another word.
                let word = format!("zq{n:04}x");
                n += 1;
                text.push_str(&word);
                words.push((start, start + word.chars().count()));
            }
            text.push('.');
        }
    }
    (text, words)
}

type Shape = Vec<Vec<usize>>;
type ClaimSpec = (usize, usize, bool);

fn project_strategy() -> impl Strategy<Value = (Shape, Shape, Vec<ClaimSpec>, bool)> {
    let shape = || prop::collection::vec(prop::collection::vec(1usize..6, 1..4), 1..4);
    (shape(), shape(), prop::collection::vec((0usize..60, 1usize..6, prop::bool::weighted(0.3)), 1..10), any::<bool>())
}

fn build(first: &Shape, second: &Shape, claims: &[ClaimSpec], second_is_spoiler: bool) -> Project {
    let mut project = Project::new("generated");
    let mut next_word = 0;
    for (i, shape) in [first, second].into_iter().enumerate() {
        let (text, words) = text_of(shape, next_word);
        next_word += words.len();
        let mut article = Article::new(&format!("Article {i}"), &text);
        if i == 1 && second_is_spoiler {
            article.spoiler = Some(Spoiler::default());
        }
        let id = article.id.clone();
        project.articles.push(article);
        for (c, &(first_word, count, spoiler)) in claims.iter().enumerate() {
            if c % 2 != i {
                continue;
            }
            let from = first_word % words.len();
            let to = (from + count - 1).min(words.len() - 1);
            if let Some(claim_id) = project.add_claim(&id, words[from].0, words[to].1, Tier::CANON)
                && spoiler
                && let Some(claim) = project.claim_mut(&claim_id)
            {
                claim.spoiler = Some(Spoiler::default());
            }
        }
    }
    project
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn hidden_words_never_appear_and_bundles_stay_exact((first, second, claims, whole) in project_strategy()) {
        let project = build(&first, &second, &claims, whole);
        let today = Day::parse("2026-12-01").expect("day");
        let rule = SpoilerRule::on(today);
        let hidden_words: HashSet<String> = project
            .claims
            .iter()
            .filter(|c| rule.claim_hidden(&project, c))
            .flat_map(|c| c.anchor.exact.split(|ch: char| !ch.is_alphanumeric()).map(str::to_owned).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect();
        for options in [
            ExportOptions { hide_spoilers: true, today, ..ExportOptions::default() },
            ExportOptions { spoiler_free: true, today, ..ExportOptions::default() },
        ] {
            for format in Format::ALL {
                let out = String::from_utf8(export::export(&project, format, &options).expect("export")).expect("utf-8");
                let present: HashSet<&str> = out.split(|ch: char| !ch.is_alphanumeric()).collect();
                let leaked: Vec<&String> = hidden_words.iter().filter(|w| present.contains(w.as_str())).collect();
                prop_assert!(leaked.is_empty(), "{:?} leaked {:?}", format, leaked);
            }
            let loaded = parse_project(&export::export(&project, Format::Bundle, &options).expect("bundle"))
                .expect("the bundle loads");
            prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            for claim in &loaded.project.claims {
                let article = loaded.project.article(&claim.article).expect("article");
                let index = CharIndex::new(&article.text);
                prop_assert_eq!(index.slice(&article.text, claim.anchor.start, claim.anchor.end), Some(claim.anchor.exact.as_str()));
                prop_assert_eq!(&project.claim(&claim.id).expect("original").anchor.exact, &claim.anchor.exact);
            }
        }
    }
}
