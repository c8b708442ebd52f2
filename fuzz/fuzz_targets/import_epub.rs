//! EPUB import (zip reading with bounds, package, navigation and NCX parsing, chapter
//! extraction) on arbitrary bytes: a book or a clear error, never a panic, hang or blow-up.
//! The seeds are small valid books, so mutations reach past the zip layer.
#![no_main]

use canonry::import::{ImportOptions, Kind, import_named};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(all) = import_named(Kind::Epub, bytes, "book.epub", "", &ImportOptions::default()) {
        for imported in all {
            assert!(!imported.text.trim().is_empty(), "an imported book has text");
            let article = imported.into_article();
            let chars = article.text.chars().count();
            assert!(article.source_segments.iter().all(|s| s.start < s.end && s.end <= chars));
        }
    }
});
