//! Markdown and plain-text import on arbitrary bytes: an article or a clear error, never a
//! panic.
#![no_main]

use canonry::import::{Kind, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(imported) = import_bytes(Kind::Markdown, bytes, "") {
        for link in &imported.links {
            assert!(!link.url.is_empty(), "a kept link has a target");
        }
    }
    let _ = import_bytes(Kind::Text, bytes, "");
});
