//! Evaluates web-page import against Mozilla Readability's test pages.
//!
//! `cargo run --release --example import_eval -- ../shared/readability-pages`
//!
//! For every `NAME/source.html` it imports the page as Canonry does and compares the text with
//! the text of `NAME/expected.html` (Readability.js's extraction) by word-level F1 (bags of
//! words), and the title, byline, site name and date with `expected-metadata.json`. Prints one
//! row per page and the means. Not part of `cargo test`: the pages live outside the repository.

use std::collections::HashMap;

fn words(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *bag.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

fn f1(found: &str, expected: &str) -> f64 {
    let (a, b) = (words(found), words(expected));
    let overlap: usize = a.iter().map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0))).sum();
    let (na, nb): (usize, usize) = (a.values().sum(), b.values().sum());
    if na == 0 && nb == 0 {
        return 1.0;
    }
    if overlap == 0 {
        return 0.0;
    }
    let (precision, recall) = (overlap as f64 / na as f64, overlap as f64 / nb as f64);
    2.0 * precision * recall / (precision + recall)
}

fn html_text(html: &str) -> String {
    let document = scraper::Html::parse_fragment(html);
    document.root_element().text().collect::<Vec<_>>().join(" ")
}

fn same(found: &str, expected: Option<&str>) -> Option<bool> {
    let expected = expected?.trim();
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    Some(norm(found) == norm(expected) || (!found.is_empty() && norm(expected).contains(&norm(found))))
}

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| "../shared/readability-pages".into());
    let mut entries: Vec<_> = match std::fs::read_dir(&root) {
        Ok(dir) => dir.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("source.html").exists()).collect(),
        Err(e) => {
            eprintln!("import_eval: cannot read {root}: {e}");
            std::process::exit(2);
        }
    };
    entries.sort();
    println!("{:<34} {:>6} {:>6} {:>7} {:>6} {:>6}  note", "page", "F1", "title", "byline", "site", "date");
    let (mut f1_sum, mut pages) = (0.0, 0);
    let mut meta = [(0, 0); 4];
    for dir in &entries {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let source = std::fs::read(dir.join("source.html")).unwrap_or_default();
        let expected = std::fs::read_to_string(dir.join("expected.html")).unwrap_or_default();
        let metadata: serde_json::Value = std::fs::read_to_string(dir.join("expected-metadata.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let (score, imported, note) = match canonry::import::import_bytes(canonry::import::Kind::Html, &source, "") {
            Ok(imported) => (f1(&imported.text, &html_text(&expected)), Some(imported), String::new()),
            Err(e) => (0.0, None, e.to_string()),
        };
        f1_sum += score;
        pages += 1;
        let checks = imported.as_ref().map(|i| {
            [
                same(&i.title, metadata["title"].as_str()),
                same(&i.author, metadata["byline"].as_str()),
                same(&i.site_name, metadata["siteName"].as_str()),
                same(&i.published, metadata["publishedTime"].as_str()),
            ]
        });
        let cell = |k: usize| match checks.as_ref().and_then(|c| c[k]) {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        if let Some(c) = &checks {
            for (k, check) in c.iter().enumerate() {
                if let Some(ok) = check {
                    meta[k].0 += usize::from(*ok);
                    meta[k].1 += 1;
                }
            }
        }
        println!("{name:<34} {score:>6.3} {:>6} {:>7} {:>6} {:>6}  {note}", cell(0), cell(1), cell(2), cell(3));
    }
    let mean = if pages == 0 { 0.0 } else { f1_sum / pages as f64 };
    println!("\n{pages} pages, mean text F1 {mean:.3}");
    for (k, label) in ["title", "byline", "site name", "published date"].iter().enumerate() {
        println!("{label:<15} {}/{} pages agree with Readability.js's metadata", meta[k].0, meta[k].1);
    }
}
