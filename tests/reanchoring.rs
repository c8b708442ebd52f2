//! Re-anchoring after an article is updated: 30+ scripted edits, and properties.
//!
//! The article is kept as paragraphs and every edit says where each claim's words went, so the
//! test knows the right answer: a claim must land exactly there or be orphaned, never elsewhere.

use canonry::anchoring::{Outcome, reanchor};
use canonry::model::{Article, Claim, Project, Tier};
use proptest::prelude::*;

const PARAGRAPHS: &[&str] = &[
    "Deep Space Nine news roundup: what the station's final season settled, and what it left open.",
    "The Dominion War ended with the treaty signed aboard the station. Sisko did not witness it as captain; he had already gone to the Celestial Temple.",
    "Odo returned to the Great Link to cure his people. Kira watched him go from the shore of the Link, and the scene still gets quoted by fans.",
    "According to the relaunch novels, Kira later became a vedek. The books also say the station got a new commander within a year.",
    "Garak stayed on Cardassia to rebuild it. The novels follow him into politics, which the show only hinted at in its last scenes.",
    "Rumours say a new series could visit the station again. Nothing has been announced, and the studio has declined to comment.",
    "Fans suspect Sisko may return in some form, since the Prophets promised he would. It's difficult to predict when, if ever.",
    "Worf became ambassador to Qo'noS, which the show stated plainly. The comics add that he found the job dull within months.",
    "We'll keep an eye out for news and update this roundup as it arrives.",
];

/// (paragraph, quote) for each claim; quotes are unique within their paragraph.
const CLAIMS: &[(usize, &str)] = &[
    (1, "The Dominion War ended with the treaty signed aboard the station"),
    (1, "he had already gone to the Celestial Temple"),
    (2, "Odo returned to the Great Link to cure his people"),
    (2, "the scene still gets quoted by fans"),
    (3, "Kira later became a vedek"),
    (3, "the station got a new commander within a year"),
    (4, "Garak stayed on Cardassia to rebuild it"),
    (4, "which the show only hinted at"),
    (5, "a new series could visit the station again"),
    (5, "the studio has declined to comment"),
    (6, "Sisko may return in some form"),
    (6, "It's difficult to predict when, if ever"),
    (7, "Worf became ambassador to Qo'noS"),
    (7, "he found the job dull within months"),
    (0, "what the station's final season settled"),
    (8, "update this roundup"),
];

/// The article as paragraphs, with where each claim's words are (None: gone).
#[derive(Clone)]
struct Doc {
    paragraphs: Vec<String>,
    /// Per claim: (paragraph index, current quote) or None when the words were removed.
    claims: Vec<Option<(usize, String)>>,
}

impl Doc {
    fn base() -> Self {
        Self {
            paragraphs: PARAGRAPHS.iter().map(|p| p.to_string()).collect(),
            claims: CLAIMS.iter().map(|&(p, q)| Some((p, q.to_owned()))).collect(),
        }
    }

    fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// Code-point range of claim `i`'s words in the text.
    fn expected(&self, i: usize) -> Option<(usize, usize)> {
        let (p, quote) = self.claims[i].as_ref()?;
        let before: usize = self.paragraphs[..*p].iter().map(|x| x.chars().count() + 2).sum();
        let para = &self.paragraphs[*p];
        let at = para.find(quote.as_str())?;
        let start = before + para[..at].chars().count();
        Some((start, start + quote.chars().count()))
    }

    fn insert(mut self, at: usize, paragraph: &str) -> Self {
        self.paragraphs.insert(at, paragraph.to_owned());
        for (p, _) in self.claims.iter_mut().flatten() {
            if *p >= at {
                *p += 1;
            }
        }
        self
    }

    fn delete(mut self, at: usize) -> Self {
        self.paragraphs.remove(at);
        for claim in &mut self.claims {
            match claim {
                Some((p, _)) if *p == at => *claim = None,
                Some((p, _)) if *p > at => *p -= 1,
                _ => {}
            }
        }
        self
    }

    fn swap(mut self, a: usize, b: usize) -> Self {
        self.paragraphs.swap(a, b);
        for (p, _) in self.claims.iter_mut().flatten() {
            if *p == a {
                *p = b;
            } else if *p == b {
                *p = a;
            }
        }
        self
    }

    /// Replaces `from` by `to` in paragraph `p`; claims whose quotes contain `from` change too,
    /// and a claim whose words are destroyed (`to` empty inside it) is gone.
    fn replace(mut self, p: usize, from: &str, to: &str) -> Self {
        assert!(self.paragraphs[p].contains(from), "{from:?} not in paragraph {p}");
        self.paragraphs[p] = self.paragraphs[p].replacen(from, to, 1);
        for claim in &mut self.claims {
            if let Some((cp, quote)) = claim
                && *cp == p
                && quote.contains(from)
            {
                *quote = quote.replacen(from, to, 1);
            }
        }
        self
    }

    /// The claim's words are rewritten beyond recognition: they are gone.
    fn rewrite_claim(mut self, i: usize, new_words: &str) -> Self {
        let (p, quote) = self.claims[i].clone().expect("claim present");
        self.paragraphs[p] = self.paragraphs[p].replacen(&quote, new_words, 1);
        self.claims[i] = None;
        self
    }
}

fn edits() -> Vec<(&'static str, Doc)> {
    let d = Doc::base;
    vec![
        ("unchanged", d()),
        ("typo fixed before the claims", d().replace(0, "roundup", "round-up")),
        ("typo made inside a claim", d().replace(2, "cure his people", "cure his poeple")),
        ("word changed inside a long claim", d().replace(1, "treaty signed", "treaty finally signed")),
        ("paragraph inserted at the start", d().insert(0, "Editor's note: this piece was updated on Tuesday.")),
        (
            "paragraph inserted in the middle",
            d().insert(4, "A short aside about the station's set design, which fans still love."),
        ),
        ("paragraph appended", d().insert(9, "Correction: an earlier version misnamed the Klingon homeworld.")),
        ("paragraph without claims deleted", d().insert(3, "Temporary paragraph.").delete(3)),
        ("paragraph with claims deleted", d().delete(5)),
        ("first paragraph deleted", d().delete(0)),
        ("two paragraphs swapped", d().swap(2, 6)),
        ("paragraphs reordered widely", d().swap(1, 7).swap(3, 5)),
        (
            "a claim's phrase repeated elsewhere",
            d().insert(0, "Quote of the week: Kira later became a vedek, says one reader, but did she?"),
        ),
        (
            "a claim's phrase repeated at the end",
            d().insert(9, "Odo returned to the Great Link to cure his people, as every recap says."),
        ),
        ("a claim's own words rewritten", d().rewrite_claim(8, "an animated project might revisit Bajor")),
        ("another claim rewritten", d().rewrite_claim(13, "he resigned after a single disastrous year")),
        ("punctuation changed inside a claim", d().replace(6, "It's difficult", "It is difficult")),
        ("curly apostrophe inside a claim", d().replace(7, "Qo'noS", "Qo’noS")),
        ("capital letter changed", d().replace(4, "Garak stayed", "garak stayed")),
        (
            "context before a claim edited",
            d().replace(3, "According to the relaunch novels", "According to the later relaunch novels"),
        ),
        (
            "context after a claim edited",
            d().replace(5, "Nothing has been announced", "Nothing official has been announced"),
        ),
        ("whitespace doubled inside a claim", d().replace(2, "the scene still", "the scene  still")),
        (
            "sentence added inside a paragraph",
            d().replace(3, "The books also", "A few readers disagree. The books also"),
        ),
        ("sentence removed next to a claim", d().replace(4, " The novels follow him into politics,", "")),
        ("whole article rewrapped", {
            let mut doc = d();
            for p in &mut doc.paragraphs {
                *p = p.replace(". ", ".\n");
            }
            doc
        }),
        ("insert then delete elsewhere", d().insert(2, "Inserted.").delete(9)),
        ("claim paragraph moved to the end", d().swap(4, 8)),
        (
            "typos in two claims",
            d().replace(7, "within months", "within month").replace(1, "Celestial Temple", "Celestial temple"),
        ),
        ("long insertion before everything", d().insert(0, &"Background reading. ".repeat(40))),
        ("truncated after the middle", d().delete(8).delete(7).delete(6)),
        (
            "heavy edit of one paragraph only",
            d().replace(5, "Rumours say", "Several trade papers reported that").replace(
                5,
                "and the studio",
                "and a spokesperson for the studio",
            ),
        ),
        ("duplicate paragraph inserted", d().insert(3, PARAGRAPHS[4])),
    ]
}

fn project_for(text: &str) -> (Project, Vec<String>) {
    let mut project = Project::new("t");
    let article = Article::new("Deep Space Nine roundup", text);
    assert_eq!(article.text, text, "fixture text is already normalised");
    let article_id = article.id.clone();
    project.articles.push(article);
    let base = Doc::base();
    let ids = (0..CLAIMS.len())
        .map(|i| {
            let (s, e) = base.expected(i).expect("base claim");
            project.add_claim(&article_id, s, e, Tier::CANON).expect("claim")
        })
        .collect();
    (project, ids)
}

#[test]
fn scripted_edits_never_attach_claims_to_the_wrong_words() {
    let base = Doc::base();
    let old_text = base.text();
    let mut still_there = 0;
    let mut reattached = 0;
    let mut lines = Vec::new();
    assert!(edits().len() >= 30);
    for (name, doc) in edits() {
        let (project, ids) = project_for(&old_text);
        let mut claims: Vec<Claim> = ids.iter().map(|id| project.claim(id).expect("claim").clone()).collect();
        let new_text = doc.text();
        let report = reanchor(&old_text, &new_text, &mut claims);
        for (i, claim) in claims.iter().enumerate() {
            let expected = doc.expected(i);
            if expected.is_some() {
                still_there += 1;
            }
            if claim.anchor.is_orphaned() {
                if expected.is_some() {
                    lines.push(format!(
                        "  {name}: claim {i} orphaned though its words exist ({:?})",
                        report.outcomes[i].1
                    ));
                }
                continue;
            }
            let got = (claim.anchor.start, claim.anchor.end);
            assert_eq!(
                Some(got),
                expected,
                "{name}: claim {i} ({:?}) attached to the wrong words: {:?}",
                CLAIMS[i].1,
                claim.anchor.exact
            );
            let at: String = new_text.chars().skip(got.0).take(got.1 - got.0).collect();
            assert_eq!(at, claim.anchor.exact);
            reattached += 1;
        }
        if name == "unchanged" {
            assert!(report.outcomes.iter().all(|(_, o)| *o == Outcome::Exact));
        }
    }
    let recall = reattached as f64 / still_there as f64;
    println!(
        "re-anchoring: {reattached} of {still_there} claims whose words still exist re-attached ({:.1}%)",
        recall * 100.0
    );
    for line in &lines {
        println!("{line}");
    }
    assert!(recall >= 0.95, "recall {recall:.3} below 0.95");
}

fn claim_at(text: &str, start: usize, end: usize) -> Option<Claim> {
    let mut project = Project::new("p");
    let article = Article::new("a", text);
    let id = article.id.clone();
    project.articles.push(article);
    let claim = project.add_claim(&id, start, end, Tier::CANON)?;
    project.claim(&claim).cloned()
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!["Sisko ", "the Prophets ", "🖖 ", "日本 ", "é ", "wormhole. ", "\n\n", "Bajor "]),
        10..60,
    )
    .prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Edits wholly before or after a claim never move it off its words.
    #[test]
    fn edits_outside_a_claim_keep_it_on_its_words(
        text in text_strategy(),
        a in 0usize..1000, len in 3usize..30,
        insert_before in "[a-z ]{0,20}", insert_after in "[a-z ]{0,20}",
    ) {
        let n = text.chars().count();
        prop_assume!(n > len + 2);
        let start = a % (n - len);
        let Some(claim) = claim_at(&text, start, start + len) else { return Ok(()) };
        prop_assume!(!claim.anchor.exact.trim().is_empty());
        let chars: Vec<char> = text.chars().collect();
        let cut_before = start / 2;
        let cut_after = start + len + (n - start - len) / 2;
        let new: String = chars[..cut_before].iter().collect::<String>() + &insert_before
            + &chars[cut_before..cut_after].iter().collect::<String>() + &insert_after
            + &chars[cut_after..].iter().collect::<String>();
        let mut claims = vec![claim.clone()];
        reanchor(&text, &new, &mut claims);
        let moved = &claims[0];
        let expected_start = start + insert_before.chars().count();
        if !moved.anchor.is_orphaned() {
            prop_assert_eq!(moved.anchor.exact.as_str(), claim.anchor.exact.as_str());
            prop_assert_eq!(moved.anchor.start, expected_start);
        }
        // The claim's own words are still there unchanged, so it is never orphaned when its
        // context is unique enough; and it is never placed elsewhere (checked above).
    }

    /// Unchanged text gives identical offsets.
    #[test]
    fn unchanged_text_keeps_offsets(text in text_strategy(), a in 0usize..1000, len in 1usize..40) {
        let n = text.chars().count();
        prop_assume!(n > len);
        let start = a % (n - len);
        let Some(claim) = claim_at(&text, start, start + len) else { return Ok(()) };
        let mut claims = vec![claim.clone()];
        let report = reanchor(&text, &text, &mut claims);
        prop_assert_eq!(&report.outcomes[0].1, &Outcome::Exact);
        prop_assert_eq!((claims[0].anchor.start, claims[0].anchor.end), (claim.anchor.start, claim.anchor.end));
    }

    /// A quote that occurs exactly once in the new text is always found there.
    #[test]
    fn a_unique_exact_occurrence_is_always_found(prefix in "[a-z ]{0,40}", suffix in "[a-z ]{0,40}") {
        let quote = "The Prophets promised Sisko would return";
        let old = format!("Old intro. {quote}. Old outro.");
        let start = "Old intro. ".chars().count();
        let claim = claim_at(&old, start, start + quote.chars().count()).expect("claim");
        let new = format!("{prefix}{quote}{suffix}");
        let mut claims = vec![claim];
        reanchor(&old, &new, &mut claims);
        prop_assert!(!claims[0].anchor.is_orphaned());
        prop_assert_eq!(claims[0].anchor.start, prefix.chars().count());
    }
}
