//! Evaluates the shipped scorer on labelled files given on the command line (`label | sentence`
//! lines, a blank line between paragraphs), e.g. a real article you labelled yourself and do not
//! want to commit:
//!
//!     cargo run --no-default-features --example eval_suggest -- /tmp/article.labelled.txt
//!
//! It prints the figures, then each sentence with its label and the suggestion (the files are
//! yours, so listing them is fine; never pass the v2 test split here).

use std::path::Path;
use std::process::ExitCode;

use canonry::suggest::LexiconSuggester;
use canonry::suggest::evaluation;
use canonry::suggest::labelled::{self, LabelledArticle};
use canonry::suggest::model::CLASSES;

fn main() -> ExitCode {
    let mut articles = Vec::new();
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read {arg}: {e}");
                return ExitCode::FAILURE;
            }
        };
        match labelled::parse(&text, path) {
            Ok(paragraphs) => articles.push(LabelledArticle {
                file: arg.clone(),
                franchise: String::new(),
                genre: arg.clone(),
                split: String::new(),
                paragraphs,
            }),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if articles.is_empty() {
        eprintln!("usage: eval_suggest LABELLED_FILE...");
        return ExitCode::FAILURE;
    }
    let suggester = LexiconSuggester::builtin();
    let predictions = evaluation::predict(&suggester, &articles);
    // Time per sentence: score every sentence 50 times (after the first pass loaded the model).
    let started = std::time::Instant::now();
    for _ in 0..50 {
        std::hint::black_box(evaluation::predict(&suggester, &articles));
    }
    let each = started.elapsed().as_secs_f64() * 1e6 / (50 * predictions.len()) as f64;
    println!("scoring: {each:.1} µs per sentence (this build's profile; debug is the slow upper bound)");
    print!("{}", evaluation::report("given files", &predictions));
    let sentences = articles.iter().flat_map(|a| a.paragraphs.iter().flatten());
    for (p, s) in predictions.iter().zip(sentences) {
        let mark = if p.truth == p.predicted { ' ' } else { 'x' };
        println!(
            "{mark} {:<11} -> {:<11} {:>4.0}%  {}",
            CLASSES[p.truth],
            CLASSES[p.predicted],
            p.confidence * 100.0,
            s.text
        );
    }
    ExitCode::SUCCESS
}
