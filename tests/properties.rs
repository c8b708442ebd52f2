//! Property tests: any project survives save and load, and anchors point at their quotes.

use canonry::model::{Article, Project, Tier};
use canonry::storage::{CURRENT_VERSION, parse_project, serialize_project};
use proptest::prelude::*;

/// Text mixing ASCII, accents, combining marks, emoji, CJK and right-to-left scripts.
fn article_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Picard ",
        "Romulus ",
        "Zhat Vash. ",
        "é",
        "e\u{301}",
        "ñ",
        "🖖",
        "👩🏽‍🚀",
        "星际迷航 ",
        "שלום ",
        "مرحبا ",
        "\u{202e}",
        "\n",
        "\n\n",
        " ",
        "'",
        "\"",
        "*_#>[",
        "\t",
    ]);
    prop::collection::vec(pieces, 1..80).prop_map(|p| p.concat())
}

fn project_strategy() -> impl Strategy<Value = (Project, Vec<(usize, usize, usize, String)>)> {
    (article_text(), prop::collection::vec((any::<u16>(), any::<u16>(), 0usize..3, "\\PC{0,40}"), 0..25)).prop_map(
        |(text, claims)| {
            let mut project = Project::new("Property «test» 🖖");
            project.articles.push(Article::new("Article", &text));
            (project, claims.into_iter().map(|(a, b, t, n)| (a as usize, b as usize, t, n)).collect())
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn projects_survive_save_and_load((mut project, claims) in project_strategy()) {
        let article = project.articles[0].id.clone();
        let len = project.articles[0].text.chars().count();
        let tiers = [Tier::CANON, Tier::COMIC_CANON, Tier::SPECULATION];
        for (a, b, tier, note) in claims {
            let (start, end) = if len == 0 { (0, 0) } else { let (x, y) = (a % (len + 1), b % (len + 1)); (x.min(y), x.max(y)) };
            if let Some(id) = project.add_claim(&article, start, end, tiers[tier]) {
                project.claim_mut(&id).expect("claim").note = note;
            }
        }
        let bytes = serialize_project(&project, CURRENT_VERSION).expect("serialise");
        let loaded = parse_project(&bytes).expect("loads");
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert_eq!(&loaded.project, &project);
        prop_assert_eq!(serialize_project(&loaded.project, loaded.version).expect("serialise"), bytes);
        let text = &project.articles[0].text;
        for claim in &loaded.project.claims {
            let quote: String = text.chars().skip(claim.anchor.start).take(claim.anchor.end - claim.anchor.start).collect();
            prop_assert_eq!(&quote, &claim.anchor.exact);
        }
    }
}
