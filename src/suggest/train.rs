//! Fitting the learned scorer: multinomial logistic regression by full-batch AdaGrad
//! (deterministic: no shuffling, no random start), and the isotonic confidence calibration.

use std::collections::BTreeMap;

use super::model::{Calibration, TrainSettings};

/// One labelled sentence as the model sees it.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<(String, f32)>,
    /// Index into [`super::model::CLASSES`].
    pub label: usize,
}

/// Weights per feature and class, fitted on `examples`. Each class is weighted by the inverse
/// of its frequency, so the rarer tiers count as much as the common ones (the figure that
/// matters is macro-F1).
pub fn train(examples: &[Example], settings: &TrainSettings) -> BTreeMap<String, [f32; 4]> {
    // Feature names seen in at least `min_count` sentences, numbered in name order.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for example in examples {
        for (name, _) in &example.features {
            *counts.entry(name.as_str()).or_default() += 1;
        }
    }
    let names: Vec<&str> = counts.iter().filter(|(_, c)| **c >= settings.min_count).map(|(n, _)| *n).collect();
    let index: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let rows: Vec<Vec<(usize, f32)>> = examples
        .iter()
        .map(|e| e.features.iter().filter_map(|(n, v)| index.get(n.as_str()).map(|&i| (i, *v))).collect())
        .collect();
    let mut per_class = [0usize; 4];
    for example in examples {
        per_class[example.label] += 1;
    }
    let class_weight = per_class.map(|c| if c == 0 { 0.0 } else { examples.len() as f32 / (4.0 * c as f32) });
    let mut weights = vec![[0.0f32; 4]; names.len()];
    let mut squared = vec![[0.0f32; 4]; names.len()];
    let n = examples.len().max(1) as f32;
    for _ in 0..settings.epochs {
        let mut gradient = vec![[0.0f32; 4]; names.len()];
        for (row, example) in rows.iter().zip(examples) {
            let mut scores = [0.0f32; 4];
            for &(i, v) in row {
                for (s, w) in scores.iter_mut().zip(&weights[i]) {
                    *s += w * v;
                }
            }
            let p = super::model::softmax(scores);
            for &(i, v) in row {
                for class in 0..4 {
                    let target = if class == example.label { 1.0 } else { 0.0 };
                    gradient[i][class] += (p[class] - target) * v * class_weight[example.label];
                }
            }
        }
        // AdaGrad: each weight's step shrinks with its own gradient history, so a feature seen
        // in five sentences learns as fast as the bias does.
        for ((w, g), history) in weights.iter_mut().zip(&gradient).zip(&mut squared) {
            for class in 0..4 {
                let step = g[class] / n + settings.l2 * w[class];
                history[class] += step * step;
                w[class] -= settings.learning_rate * step / (history[class].sqrt() + 1e-8);
            }
        }
    }
    // Rounded so the stored file is stable and small; weights that round to zero are dropped.
    names
        .iter()
        .zip(weights)
        .map(|(name, w)| ((*name).to_owned(), w.map(|x| (x * 10_000.0).round() / 10_000.0)))
        .filter(|(_, w)| w.iter().any(|x| *x != 0.0))
        .collect()
}

/// Isotonic regression of "was the suggestion right" on the raw top probability (pool adjacent
/// violators), each step's rate smoothed by one right and one wrong guess so a step of three
/// sentences never claims 100%.
pub fn fit_calibration(mut points: Vec<(f32, bool)>) -> Calibration {
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Blocks of (hits, count, highest raw value).
    let mut blocks: Vec<(f32, f32, f32)> = Vec::new();
    for (raw, hit) in points {
        blocks.push((if hit { 1.0 } else { 0.0 }, 1.0, raw));
        while blocks.len() >= 2 {
            let last = blocks[blocks.len() - 1];
            let before = blocks[blocks.len() - 2];
            if before.0 / before.1 < last.0 / last.1 {
                break;
            }
            blocks.pop();
            blocks.pop();
            blocks.push((before.0 + last.0, before.1 + last.1, last.2));
        }
    }
    let mut steps: Vec<(f32, f32)> = Vec::new();
    let mut floor = 0.0f32;
    for (hits, count, upper) in blocks {
        let rate = ((hits + 1.0) / (count + 2.0)).max(floor);
        floor = rate;
        steps.push((upper, (rate * 1000.0).round() / 1000.0));
    }
    if let Some(last) = steps.last_mut() {
        last.0 = 1.0;
    }
    Calibration { steps }
}

/// The examples of `articles`, each sentence read with the source its paragraph named before
/// it, exactly as [`super::suggest_text`] reads an article.
pub fn examples(lexicon: &super::Lexicon, articles: &[super::labelled::LabelledArticle]) -> Vec<Example> {
    let suggester = super::LexiconSuggester { lexicon: lexicon.clone() };
    let mut out = Vec::new();
    for article in articles {
        for paragraph in &article.paragraphs {
            let mut context = super::Context::default();
            for sentence in paragraph {
                super::enter_sentence(&mut context, &sentence.text);
                let features = super::features::extract(lexicon, &sentence.text, &context).values;
                out.push(Example { features, label: sentence.label });
                if let Some(source) = super::Suggester::source_of(&suggester, &sentence.text) {
                    context.source = Some(source);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(words: &[&str], label: usize) -> Example {
        Example { features: words.iter().map(|w| ((*w).to_owned(), 1.0)).collect(), label }
    }

    #[test]
    fn training_separates_words_that_predict_a_class() {
        let examples = vec![
            example(&["bias", "rumour"], 2),
            example(&["bias", "rumour", "ship"], 2),
            example(&["bias", "comic"], 1),
            example(&["bias", "comic", "ship"], 1),
            example(&["bias", "ship"], 0),
            example(&["bias", "follow"], 3),
        ];
        let settings = TrainSettings { epochs: 300, learning_rate: 0.5, l2: 0.001, min_count: 1 };
        let weights = train(&examples, &settings);
        let rumour = weights["rumour"];
        assert!(rumour[2] > rumour[0] && rumour[2] > rumour[1] && rumour[2] > rumour[3], "{rumour:?}");
        assert_eq!(train(&examples, &settings), weights, "deterministic");
    }

    #[test]
    fn calibration_is_monotone_and_never_certain() {
        let points = vec![(0.4, false), (0.5, true), (0.55, false), (0.7, true), (0.9, true), (0.95, true)];
        let calibration = fit_calibration(points);
        let rates: Vec<f32> = calibration.steps.iter().map(|s| s.1).collect();
        assert!(rates.windows(2).all(|w| w[0] <= w[1]), "{rates:?}");
        assert!(rates.iter().all(|r| *r < 1.0));
        assert_eq!(calibration.steps.last().map(|s| s.0), Some(1.0));
    }
}
