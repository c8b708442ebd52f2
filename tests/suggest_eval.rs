//! Evaluation of the suggestion engine on labelled sentences (tests/fixtures/suggest/): prints
//! per-class precision and recall and the confusion matrix, for the articles the lexicon was
//! tuned on and, separately, for the held-out articles it never was. Fails below the floors.

use std::path::Path;

use canonry::suggest::{Context, LexiconSuggester, Suggester};

const LABELS: [&str; 4] = ["canon", "comic-canon", "speculation", "none"];
/// Floors set from the measurement (see the closing figures in the README), a little below it.
const TUNED_MACRO_F1_FLOOR: f64 = 0.95;
const HELD_OUT_MACRO_F1_FLOOR: f64 = 0.90;

/// (label, predicted) for every sentence of the files whose name matches `held_out`.
fn predictions(held_out: bool) -> Vec<(usize, usize)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest");
    let suggester = LexiconSuggester::builtin();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("heldout-") == held_out))
        .collect();
    files.sort();
    assert!(files.len() >= if held_out { 3 } else { 6 });
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        let mut context = Context::default();
        for line in text.lines() {
            if line.trim().is_empty() {
                context = Context::default(); // a new paragraph
                continue;
            }
            let (label, sentence) = line.split_once(" | ").expect("label | sentence");
            let truth = LABELS.iter().position(|l| *l == label.trim()).expect("known label");
            let suggestion = suggester.suggest(sentence, &context);
            let predicted = suggestion.tier.as_deref().map_or(3, |t| LABELS.iter().position(|l| *l == t).unwrap_or(3));
            out.push((truth, predicted));
            if let Some(source) = suggester.source_of(sentence) {
                context.source = Some(source);
            }
        }
    }
    out
}

/// Prints the table and returns the macro F1.
fn report(name: &str, pairs: &[(usize, usize)]) -> f64 {
    let mut matrix = [[0usize; 4]; 4];
    for &(t, p) in pairs {
        matrix[t][p] += 1;
    }
    println!("\n{name}: {} sentences", pairs.len());
    println!("{:<14} {:>9} {:>9} {:>9}", "class", "precision", "recall", "F1");
    let mut f1s = Vec::new();
    for (i, label) in LABELS.iter().enumerate() {
        let tp = matrix[i][i] as f64;
        let predicted: usize = (0..4).map(|t| matrix[t][i]).sum();
        let actual: usize = matrix[i].iter().sum();
        let precision = if predicted == 0 { 0.0 } else { tp / predicted as f64 };
        let recall = if actual == 0 { 0.0 } else { tp / actual as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        f1s.push(f1);
        println!("{label:<14} {precision:>9.2} {recall:>9.2} {f1:>9.2}");
    }
    let macro_f1 = f1s.iter().sum::<f64>() / f1s.len() as f64;
    println!(
        "macro F1 {macro_f1:.3}; accuracy {:.3}",
        pairs.iter().filter(|(t, p)| t == p).count() as f64 / pairs.len() as f64
    );
    println!(
        "confusion (rows: truth, columns: predicted)\n{:<14} {:>6} {:>6} {:>6} {:>6}",
        "", "canon", "comic", "spec", "none"
    );
    for (i, label) in LABELS.iter().enumerate() {
        println!("{label:<14} {:>6} {:>6} {:>6} {:>6}", matrix[i][0], matrix[i][1], matrix[i][2], matrix[i][3]);
    }
    macro_f1
}

#[test]
fn suggestion_quality_on_labelled_articles() {
    let tuned = report("articles the lexicon was tuned on", &predictions(false));
    let held_out = report("held-out articles (never tuned on)", &predictions(true));
    assert!(tuned >= TUNED_MACRO_F1_FLOOR, "tuned macro F1 {tuned:.3} below {TUNED_MACRO_F1_FLOOR}");
    assert!(held_out >= HELD_OUT_MACRO_F1_FLOOR, "held-out macro F1 {held_out:.3} below {HELD_OUT_MACRO_F1_FLOOR}");
}
