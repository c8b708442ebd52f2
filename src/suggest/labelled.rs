//! Labelled sentences for training and evaluating the scorer: files of `label | sentence`
//! lines, a blank line between paragraphs, and a `split.json` manifest naming each article's
//! franchise, genre and split (see `tests/fixtures/suggest/v2/README.md`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::CLASSES;

/// Why labelled data could not be read.
#[derive(Debug)]
pub enum LabelledError {
    Read { path: PathBuf, source: std::io::Error },
    Manifest { path: PathBuf, source: serde_json::Error },
    Line { path: PathBuf, line: usize, problem: String },
}

impl std::fmt::Display for LabelledError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Read { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Self::Manifest { path, source } => {
                write!(f, "{} is not a valid split manifest: {source}", path.display())
            }
            Self::Line { path, line, problem } => write!(
                f,
                "{}:{line}: {problem}; each line is `label | sentence` with a label of {}",
                path.display(),
                CLASSES.join(", ")
            ),
        }
    }
}

impl std::error::Error for LabelledError {}

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledSentence {
    /// Index into [`CLASSES`].
    pub label: usize,
    pub text: String,
}

/// One article: its paragraphs of labelled sentences and where it belongs.
#[derive(Debug, Clone)]
pub struct LabelledArticle {
    pub file: String,
    pub franchise: String,
    pub genre: String,
    pub split: String,
    pub paragraphs: Vec<Vec<LabelledSentence>>,
}

#[derive(Debug, Clone, Deserialize)]
struct Manifest {
    articles: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, Deserialize)]
struct ManifestEntry {
    file: String,
    franchise: String,
    genre: String,
    split: String,
}

/// Paragraphs of labelled sentences of one file's text.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Vec<LabelledSentence>>, LabelledError> {
    let mut paragraphs = vec![Vec::new()];
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            continue;
        }
        let problem = |problem: &str| LabelledError::Line {
            path: path.to_owned(),
            line: number + 1,
            problem: problem.to_owned(),
        };
        let (label, sentence) = line.split_once(" | ").ok_or_else(|| problem("no ` | ` after the label"))?;
        let label = CLASSES.iter().position(|c| *c == label.trim()).ok_or_else(|| problem("unknown label"))?;
        if sentence.trim().is_empty() {
            return Err(problem("empty sentence"));
        }
        if let Some(paragraph) = paragraphs.last_mut() {
            paragraph.push(LabelledSentence { label, text: sentence.trim().to_owned() });
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    Ok(paragraphs)
}

fn read(path: &Path) -> Result<String, LabelledError> {
    std::fs::read_to_string(path).map_err(|source| LabelledError::Read { path: path.to_owned(), source })
}

/// The articles of `dir`'s `split.json` that belong to `split` ("train", "dev" or "test").
pub fn load_split(dir: &Path, split: &str) -> Result<Vec<LabelledArticle>, LabelledError> {
    let manifest_path = dir.join("split.json");
    let manifest: Manifest = serde_json::from_str(&read(&manifest_path)?)
        .map_err(|source| LabelledError::Manifest { path: manifest_path.clone(), source })?;
    manifest
        .articles
        .into_iter()
        .filter(|entry| entry.split == split)
        .map(|entry| {
            let path = dir.join(&entry.file);
            Ok(LabelledArticle {
                paragraphs: parse(&read(&path)?, &path)?,
                file: entry.file,
                franchise: entry.franchise,
                genre: entry.genre,
                split: entry.split,
            })
        })
        .collect()
}

/// Every `*.txt` of `dir` (no manifest), tagged with `genre`: for sets such as the old fixtures.
pub fn load_all(dir: &Path, genre: &str) -> Result<Vec<LabelledArticle>, LabelledError> {
    let entries = std::fs::read_dir(dir).map_err(|source| LabelledError::Read { path: dir.to_owned(), source })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            Ok(LabelledArticle {
                paragraphs: parse(&read(&path)?, &path)?,
                file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                franchise: String::new(),
                genre: genre.to_owned(),
                split: String::new(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_labels_are_read() {
        let text = "canon | A.\nnone | B.\n\n\nspeculation | C?\n";
        let paragraphs = parse(text, Path::new("x.txt")).expect("valid");
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(paragraphs[1][0], LabelledSentence { label: 2, text: "C?".to_owned() });
    }

    #[test]
    fn a_bad_line_names_the_file_and_line() {
        let error = parse("canon | A.\nfanon | B.\n", Path::new("x.txt")).expect_err("bad label");
        assert!(error.to_string().starts_with("x.txt:2: unknown label"), "{error}");
    }
}
