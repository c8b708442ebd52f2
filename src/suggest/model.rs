//! The learned scorer: a multinomial logistic regression over [`super::features`], trained on
//! the train split of `tests/fixtures/suggest/v2/` by `examples/train_suggest.rs` and stored as
//! JSON in `assets/suggest/model-en.json`, with its confidence calibration fitted on dev.

use serde::{Deserialize, Serialize};

/// The classes, in the order of each weight row. "none" means: suggest nothing.
pub const CLASSES: [&str; 4] = ["canon", "comic-canon", "speculation", "none"];
/// Index of "none" in [`CLASSES`].
pub const NONE: usize = 3;

/// The bundled model.
pub const BUILTIN_MODEL: &str = include_str!("../../assets/suggest/model-en.json");

/// Why a model file could not be read.
#[derive(Debug)]
pub struct ModelError(serde_json::Error);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the suggestion model is not valid ({}); retrain it with `cargo run --example train_suggest`", self.0)
    }
}

impl std::error::Error for ModelError {}

/// How the model was trained, so anyone can reproduce it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrainSettings {
    /// Full-batch gradient steps.
    pub epochs: usize,
    pub learning_rate: f32,
    /// L2 penalty per weight.
    pub l2: f32,
    /// Features seen in fewer train sentences are dropped.
    pub min_count: usize,
}

/// Raw top probability to shown confidence: isotonic (monotone) steps fitted on dev.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// (highest raw probability of the step, hit rate on dev in that step), ascending.
    pub steps: Vec<(f32, f32)>,
}

impl Calibration {
    /// The calibrated confidence for a raw probability (the raw value when nothing was fitted).
    pub fn apply(&self, raw: f32) -> f32 {
        if self.steps.is_empty() {
            return raw;
        }
        self.steps.iter().find(|(upper, _)| raw <= *upper).or(self.steps.last()).map_or(raw, |(_, rate)| *rate)
    }
}

/// The stored model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearModel {
    pub about: String,
    pub settings: TrainSettings,
    /// SHA-256 of the cue lexicon the model was trained with (its cue features depend on it).
    pub lexicon_sha256: String,
    pub calibration: Calibration,
    /// Below this calibrated confidence the scorer abstains (chosen on dev).
    pub min_confidence: f32,
    /// Feature name to one weight per class of [`CLASSES`].
    pub weights: std::collections::BTreeMap<String, [f32; 4]>,
}

impl LinearModel {
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        serde_json::from_str(json).map_err(ModelError)
    }

    /// The class probabilities for a sentence's features (softmax of the weighted sums).
    pub fn probabilities(&self, features: &[(String, f32)]) -> [f32; 4] {
        let mut scores = [0.0f32; 4];
        for (name, value) in features {
            if let Some(row) = self.weights.get(name) {
                for (score, weight) in scores.iter_mut().zip(row) {
                    *score += weight * value;
                }
            }
        }
        softmax(scores)
    }
}

/// Softmax, shifted by the maximum so it never overflows.
pub fn softmax(scores: [f32; 4]) -> [f32; 4] {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps = scores.map(|s| (s - max).exp());
    let sum: f32 = exps.iter().sum();
    exps.map(|e| e / sum)
}

/// The bundled model, parsed once (`None` only if the bundled file were broken; a test guards it).
pub fn builtin() -> Option<&'static LinearModel> {
    static MODEL: std::sync::OnceLock<Option<LinearModel>> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| LinearModel::from_json(BUILTIN_MODEL).ok()).as_ref()
}

/// SHA-256 (hex) of a lexicon's text.
pub fn lexicon_digest(lexicon_json: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(lexicon_json.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_model_parses_and_matches_the_bundled_lexicon() {
        let model = LinearModel::from_json(BUILTIN_MODEL).expect("bundled model");
        assert_eq!(
            model.lexicon_sha256,
            lexicon_digest(super::super::lexicon::BUILTIN_LEXICON),
            "the cue lexicon changed since the model was trained: run `cargo run --example train_suggest`"
        );
        assert!(!model.weights.is_empty());
    }

    #[test]
    fn calibration_steps_are_monotone_lookups() {
        let calibration = Calibration { steps: vec![(0.5, 0.4), (0.8, 0.7), (1.0, 0.95)] };
        assert_eq!(calibration.apply(0.3), 0.4);
        assert_eq!(calibration.apply(0.6), 0.7);
        assert_eq!(calibration.apply(1.0), 0.95);
    }

    #[test]
    fn softmax_sums_to_one_even_for_huge_scores() {
        let p = softmax([1000.0, 0.0, -1000.0, 5.0]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5 && p[0] > 0.99);
    }
}
