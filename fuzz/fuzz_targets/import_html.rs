//! Web-page import (encoding detection, reader-view extraction) on arbitrary bytes: an article
//! or a clear error, never a panic or a hang.
#![no_main]

use canonry::import::{Kind, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(imported) = import_bytes(Kind::Html, bytes, "https://example.org/page") {
        assert!(!imported.text.trim().is_empty(), "an imported article has text");
    }
});
