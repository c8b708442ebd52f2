//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The sample project's bytes, as committed.
pub fn sample_bytes() -> &'static [u8] {
    canonry::SAMPLE_PROJECT.as_bytes()
}

/// A fresh temp folder with the sample project copied in.
pub fn temp_with_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sample.canonry");
    std::fs::write(&path, sample_bytes()).expect("write sample");
    (dir, path)
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}
