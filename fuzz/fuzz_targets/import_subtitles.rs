//! Subtitle import (SRT/WebVTT cue parsing, tag and entity stripping, dialogue joining) on
//! arbitrary bytes: an article whose segments lie inside its text, or a clear error.
#![no_main]

use canonry::import::{ImportOptions, Kind, import_named};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut options = ImportOptions::default();
    options.subtitles.keep_hearing_impaired = bytes.first().is_some_and(|b| b & 1 == 1);
    if let Ok(all) = import_named(Kind::Subtitles, bytes, "Show.S01E02.srt", "", &options) {
        for imported in all {
            check_segments(&imported);
            let article = imported.into_article();
            let chars = article.text.chars().count();
            assert!(article.source_segments.iter().all(|s| s.start < s.end && s.end <= chars));
        }
    }
});

fn check_segments(imported: &canonry::import::Imported) {
    let mut previous_end = 0;
    for segment in &imported.segments {
        assert!(previous_end <= segment.start && segment.start < segment.end && segment.end <= imported.text.len());
        assert!(imported.text.is_char_boundary(segment.start) && imported.text.is_char_boundary(segment.end));
        previous_end = segment.end;
    }
}
