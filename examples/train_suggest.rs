//! Trains the suggestion model on the train split of `tests/fixtures/suggest/v2/`, chooses its
//! settings, calibration and abstention threshold on dev, prints the dev figures of the
//! cue-only baseline and of the model, and writes `assets/suggest/model-en.json`.
//!
//! It never reads the test split. Deterministic: the same data and code give the same file.
//!
//!     cargo run --no-default-features --example train_suggest            # write the model
//!     cargo run --no-default-features --example train_suggest -- --check # only print figures
//!     cargo run --no-default-features --example train_suggest -- --errors # list dev mistakes

use std::path::Path;
use std::process::ExitCode;

use canonry::suggest::evaluation::{self, Prediction};
use canonry::suggest::labelled::{self, LabelledArticle};
use canonry::suggest::model::{self, Calibration, LinearModel, TrainSettings};
use canonry::suggest::{BUILTIN_LEXICON, Lexicon, LexiconSuggester, Suggester, Suggestion, train};

/// The settings tried; dev macro-F1 picks one.
const GRID_L2: [f32; 4] = [0.0003, 0.001, 0.003, 0.01];
const GRID_MIN_COUNT: [usize; 2] = [1, 2];
const EPOCHS: usize = 300;
const LEARNING_RATE: f32 = 0.1;
/// Abstention thresholds tried on dev.
const THRESHOLDS: [f32; 9] = [0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65];

/// A scorer with a given model (the bundled one is fixed at build time).
struct WithModel<'a> {
    suggester: &'a LexiconSuggester,
    model: &'a LinearModel,
}

impl Suggester for WithModel<'_> {
    fn suggest(&self, sentence: &str, context: &canonry::suggest::Context) -> Suggestion {
        self.suggester.suggest_with(self.model, sentence, context)
    }
    fn source_of(&self, sentence: &str) -> Option<(String, String)> {
        self.suggester.source_of(sentence)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest/v2");
    let (train_set, dev) = match (labelled::load_split(&dir, "train"), labelled::load_split(&dir, "dev")) {
        (Ok(t), Ok(d)) => (t, d),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lexicon = Lexicon::builtin();
    let suggester = LexiconSuggester { lexicon: lexicon.clone() };
    let examples = train::examples(&lexicon, &train_set);
    println!("train: {} articles, {} sentences; dev: {} articles", train_set.len(), examples.len(), dev.len());

    if let Some(i) = args.iter().position(|a| a == "--feature") {
        let name = args.get(i + 1).cloned().unwrap_or_default();
        let mut counts = [0usize; 4];
        for e in examples.iter().filter(|e| e.features.iter().any(|(n, _)| *n == name)) {
            counts[e.label] += 1;
        }
        println!("train sentences with {name}: {counts:?} (canon, comic-canon, speculation, none)");
    }
    let baseline = canonry::suggest::cue_scorer::CueSuggester { lexicon: lexicon.clone() };
    print!("{}", evaluation::report("dev, cue-only baseline", &evaluation::predict(&baseline, &dev)));

    let mut best: Option<(f64, LinearModel)> = None;
    for l2 in GRID_L2 {
        for min_count in GRID_MIN_COUNT {
            let settings = TrainSettings { epochs: EPOCHS, learning_rate: LEARNING_RATE, l2, min_count };
            let model = fit(&suggester, &examples, &dev, settings);
            let f1 =
                evaluation::macro_f1(&evaluation::predict(&WithModel { suggester: &suggester, model: &model }, &dev));
            println!(
                "l2 {l2:<7} min_count {min_count}: dev macro-F1 {f1:.3} (min confidence {:.2})",
                model.min_confidence
            );
            if best.as_ref().is_none_or(|(b, _)| f1 > *b) {
                best = Some((f1, model));
            }
        }
    }
    let Some((_, model)) = best else { return ExitCode::FAILURE };
    let dev_predictions = evaluation::predict(&WithModel { suggester: &suggester, model: &model }, &dev);
    print!("{}", evaluation::report("dev, learned model (chosen)", &dev_predictions));
    let train_predictions = evaluation::predict(&WithModel { suggester: &suggester, model: &model }, &train_set);
    println!("train macro-F1 {:.3} (fit set; not a quality figure)", evaluation::macro_f1(&train_predictions));
    if args.iter().any(|a| a == "--errors") {
        print_errors(&dev, &dev_predictions);
    }
    if args.iter().any(|a| a == "--check") {
        return ExitCode::SUCCESS;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/suggest/model-en.json");
    let json = match serde_json::to_string(&model) {
        Ok(j) => j + "\n",
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&path, json) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {} ({} weights)", path.display(), model.weights.len());
    ExitCode::SUCCESS
}

/// Trains with `settings`, calibrates on dev, and picks the abstention threshold on dev.
fn fit(
    suggester: &LexiconSuggester,
    examples: &[train::Example],
    dev: &[LabelledArticle],
    settings: TrainSettings,
) -> LinearModel {
    let mut model = LinearModel {
        about: "Suggestion model: multinomial logistic regression over words, word pairs and cue features, \
                trained on the train split of tests/fixtures/suggest/v2 by examples/train_suggest.rs; \
                calibration and abstention threshold fitted on dev."
            .to_owned(),
        settings,
        lexicon_sha256: model::lexicon_digest(BUILTIN_LEXICON),
        calibration: Calibration::default(),
        min_confidence: 0.0,
        weights: train::train(examples, &settings),
    };
    // Calibration: raw top probability of each suggestion made on dev, and whether it was right.
    let raw: Vec<(f32, bool)> = raw_top(suggester, &model, dev);
    model.calibration = train::fit_calibration(raw);
    let mut best = (f64::MIN, 0.0);
    for threshold in THRESHOLDS {
        model.min_confidence = threshold;
        let f1 = evaluation::macro_f1(&evaluation::predict(&WithModel { suggester, model: &model }, dev));
        if f1 > best.0 + 1e-9 {
            best = (f1, threshold);
        }
    }
    model.min_confidence = best.1;
    model
}

/// (raw top probability, right) for each sentence of `articles` where the model picks a tier.
fn raw_top(suggester: &LexiconSuggester, model: &LinearModel, articles: &[LabelledArticle]) -> Vec<(f32, bool)> {
    let mut out = Vec::new();
    for article in articles {
        for paragraph in &article.paragraphs {
            let mut context = canonry::suggest::Context::default();
            for sentence in paragraph {
                canonry::suggest::enter_sentence(&mut context, &sentence.text);
                let features = canonry::suggest::features::extract(&suggester.lexicon, &sentence.text, &context);
                let p = model.probabilities(&features.values);
                let best = (0..4).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(model::NONE);
                if best != model::NONE {
                    out.push((p[best], best == sentence.label));
                }
                if let Some(source) = suggester.source_of(&sentence.text) {
                    context.source = Some(source);
                }
            }
        }
    }
    out
}

/// Dev sentences the model got wrong (dev only: the test split is never listed).
fn print_errors(dev: &[LabelledArticle], predictions: &[Prediction]) {
    let sentences: Vec<&str> =
        dev.iter().flat_map(|a| a.paragraphs.iter().flatten().map(|s| s.text.as_str())).collect();
    println!("\ndev mistakes (truth -> predicted):");
    for (p, text) in predictions.iter().zip(sentences) {
        if p.truth != p.predicted {
            println!("  {} -> {} {:.2}  {text}", model::CLASSES[p.truth], model::CLASSES[p.predicted], p.confidence);
        }
    }
}
