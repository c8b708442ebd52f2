//! Measuring a [`Suggester`] on labelled articles: per-class precision and recall, macro-F1
//! with a bootstrap 95% interval (resampling whole articles, since sentences of one article
//! are not independent), per-genre figures, the confusion matrix and a reliability table of
//! the shown confidence.

use std::fmt::Write as _;

use super::labelled::LabelledArticle;
use super::model::{CLASSES, NONE};
use super::{Context, Suggester};

/// Bootstrap resamples for the intervals.
const RESAMPLES: usize = 2000;

/// One sentence's label and what the scorer said.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub truth: usize,
    /// [`NONE`] when the scorer suggested nothing.
    pub predicted: usize,
    /// The shown confidence (0 when nothing was suggested).
    pub confidence: f32,
    /// Index of the article in the evaluated list.
    pub article: usize,
    pub genre: String,
}

/// What `suggester` says of every sentence of `articles`, read paragraph by paragraph.
pub fn predict(suggester: &dyn Suggester, articles: &[LabelledArticle]) -> Vec<Prediction> {
    let mut out = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        for paragraph in &article.paragraphs {
            let mut context = Context::default();
            for sentence in paragraph {
                super::enter_sentence(&mut context, &sentence.text);
                let suggestion = super::suggest_in_article(suggester, &sentence.text, &context);
                let predicted =
                    suggestion.tier.as_deref().and_then(|t| CLASSES.iter().position(|c| *c == t)).unwrap_or(NONE);
                out.push(Prediction {
                    truth: sentence.label,
                    predicted,
                    confidence: if predicted == NONE { 0.0 } else { suggestion.confidence },
                    article: index,
                    genre: article.genre.clone(),
                });
                if let Some(source) = suggester.source_of(&sentence.text) {
                    context.source = Some(source);
                }
            }
        }
    }
    out
}

/// Rows: truth; columns: predicted.
pub fn confusion(predictions: &[Prediction]) -> [[usize; 4]; 4] {
    let mut matrix = [[0usize; 4]; 4];
    for p in predictions {
        matrix[p.truth][p.predicted] += 1;
    }
    matrix
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

pub fn class_scores(predictions: &[Prediction]) -> [ClassScores; 4] {
    let matrix = confusion(predictions);
    std::array::from_fn(|class| {
        let tp = matrix[class][class] as f64;
        let predicted: usize = (0..4).map(|t| matrix[t][class]).sum();
        let support: usize = matrix[class].iter().sum();
        let precision = if predicted == 0 { 0.0 } else { tp / predicted as f64 };
        let recall = if support == 0 { 0.0 } else { tp / support as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        ClassScores { precision, recall, f1, support }
    })
}

/// Mean F1 of the classes present in the labels (a class nobody wrote cannot be scored).
pub fn macro_f1(predictions: &[Prediction]) -> f64 {
    let scores = class_scores(predictions);
    let present: Vec<f64> = scores.iter().filter(|s| s.support > 0).map(|s| s.f1).collect();
    if present.is_empty() { 0.0 } else { present.iter().sum::<f64>() / present.len() as f64 }
}

/// Precision of "canon" suggestions (1 when none was made: nothing wrong was claimed).
pub fn canon_precision(predictions: &[Prediction]) -> f64 {
    let made = predictions.iter().filter(|p| p.predicted == 0).count();
    if made == 0 {
        1.0
    } else {
        predictions.iter().filter(|p| p.predicted == 0 && p.truth == 0).count() as f64 / made as f64
    }
}

/// A 95% percentile interval of `metric` over article-level bootstrap resamples (fixed seed).
pub fn bootstrap(predictions: &[Prediction], metric: fn(&[Prediction]) -> f64) -> (f64, f64) {
    let articles = predictions.iter().map(|p| p.article).max().map_or(0, |m| m + 1);
    if articles == 0 {
        return (0.0, 0.0);
    }
    let by_article: Vec<Vec<&Prediction>> =
        (0..articles).map(|a| predictions.iter().filter(|p| p.article == a).collect()).collect();
    let mut state = 0x5eed_cafe_u64;
    let mut values: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let mut sample = Vec::with_capacity(predictions.len());
            for _ in 0..articles {
                let pick = (splitmix(&mut state) % articles as u64) as usize;
                sample.extend(by_article[pick].iter().map(|p| (*p).clone()));
            }
            metric(&sample)
        })
        .collect();
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    (at(0.025), at(0.975))
}

/// SplitMix64: a tiny deterministic generator, so the intervals are reproducible.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One row of the reliability table: suggestions shown with a confidence in `low..high`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReliabilityBin {
    pub low: f32,
    pub high: f32,
    pub count: usize,
    pub mean_confidence: f64,
    pub hit_rate: f64,
}

/// Suggestions (not abstentions) by shown confidence, in tenths from 0.3 up.
pub fn reliability(predictions: &[Prediction]) -> Vec<ReliabilityBin> {
    let edges = [0.0f32, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
    edges
        .windows(2)
        .map(|w| {
            let inside: Vec<&Prediction> = predictions
                .iter()
                .filter(|p| p.predicted != NONE && p.confidence >= w[0] && p.confidence < w[1])
                .collect();
            let count = inside.len();
            let mean = |f: &dyn Fn(&Prediction) -> f64| {
                if count == 0 { 0.0 } else { inside.iter().map(|p| f(p)).sum::<f64>() / count as f64 }
            };
            ReliabilityBin {
                low: w[0],
                high: w[1].min(1.0),
                count,
                mean_confidence: mean(&|p| f64::from(p.confidence)),
                hit_rate: mean(&|p| if p.truth == p.predicted { 1.0 } else { 0.0 }),
            }
        })
        .collect()
}

/// The printed evaluation of one set.
pub fn report(name: &str, predictions: &[Prediction]) -> String {
    let mut out = String::new();
    let (low, high) = bootstrap(predictions, macro_f1);
    let (canon_low, canon_high) = bootstrap(predictions, canon_precision);
    let scores = class_scores(predictions);
    let _ = writeln!(out, "\n== {name}: {} sentences", predictions.len());
    let _ = writeln!(
        out,
        "macro-F1 {:.3} (95% CI {low:.3}-{high:.3}); canon precision {:.3} (95% CI {canon_low:.3}-{canon_high:.3}); accuracy {:.3}",
        macro_f1(predictions),
        canon_precision(predictions),
        predictions.iter().filter(|p| p.truth == p.predicted).count() as f64 / predictions.len().max(1) as f64
    );
    let _ = writeln!(out, "{:<12} {:>9} {:>7} {:>6} {:>8}", "class", "precision", "recall", "F1", "support");
    for (class, s) in CLASSES.iter().zip(scores) {
        let _ = writeln!(out, "{class:<12} {:>9.2} {:>7.2} {:>6.2} {:>8}", s.precision, s.recall, s.f1, s.support);
    }
    let _ = writeln!(out, "confusion (rows truth, columns predicted): canon comic spec none");
    for (class, row) in CLASSES.iter().zip(confusion(predictions)) {
        let _ = writeln!(out, "{class:<12} {:>5} {:>5} {:>5} {:>5}", row[0], row[1], row[2], row[3]);
    }
    let mut genres: Vec<&str> = predictions.iter().map(|p| p.genre.as_str()).collect();
    genres.sort_unstable();
    genres.dedup();
    if genres.len() > 1 {
        let _ = writeln!(out, "per genre: {:<10} {:>9} {:>8} {:>10}", "genre", "sentences", "macro-F1", "canon P");
        for genre in genres {
            let subset: Vec<Prediction> = predictions.iter().filter(|p| p.genre == genre).cloned().collect();
            let _ = writeln!(
                out,
                "           {genre:<10} {:>9} {:>8.3} {:>10.3}",
                subset.len(),
                macro_f1(&subset),
                canon_precision(&subset)
            );
        }
    }
    let _ = writeln!(out, "reliability: {:<9} {:>6} {:>10} {:>9}", "shown", "count", "mean shown", "hit rate");
    for bin in reliability(predictions) {
        let _ = writeln!(
            out,
            "             {:>3.0}-{:<3.0}%  {:>6} {:>10.2} {:>9.2}",
            bin.low * 100.0,
            bin.high * 100.0,
            bin.count,
            bin.mean_confidence,
            bin.hit_rate
        );
    }
    let abstained = predictions.iter().filter(|p| p.predicted == NONE).count();
    let _ = writeln!(out, "abstained on {abstained} of {} sentences", predictions.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(truth: usize, predicted: usize, article: usize) -> Prediction {
        Prediction { truth, predicted, confidence: 0.7, article, genre: "news".to_owned() }
    }

    #[test]
    fn perfect_predictions_score_one_and_a_wrong_canon_lowers_precision() {
        let perfect = vec![p(0, 0, 0), p(1, 1, 0), p(2, 2, 1), p(3, 3, 1)];
        assert_eq!(macro_f1(&perfect), 1.0);
        assert_eq!(bootstrap(&perfect, macro_f1), (1.0, 1.0));
        let wrong = vec![p(0, 0, 0), p(3, 0, 0)];
        assert_eq!(canon_precision(&wrong), 0.5);
    }

    #[test]
    fn reliability_counts_suggestions_only() {
        let bins = reliability(&[p(0, 0, 0), p(1, 0, 0), p(3, 3, 0)]);
        let bin = bins.iter().find(|b| b.count > 0).expect("one bin");
        assert_eq!((bin.count, bin.hit_rate), (2, 0.5));
    }
}
