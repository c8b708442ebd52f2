//! MediaWiki import (templates, links, refs, sentence attachment; Special:Export XML when the
//! input starts like one) on arbitrary bytes: pages whose cited sentences lie inside their
//! text, or a clear error.
#![no_main]

use canonry::import::{ImportOptions, Kind, import_named};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let kind = if bytes.starts_with(b"<") { Kind::WikiExport } else { Kind::Wikitext };
    if let Ok(all) = import_named(kind, bytes, "page.wiki", "", &ImportOptions::default()) {
        for imported in all {
            let mut previous_end = 0;
            for segment in &imported.segments {
                assert!(previous_end <= segment.start && segment.start < segment.end);
                assert!(imported.text.get(segment.start..segment.end).is_some(), "a segment on char boundaries");
                assert!(!segment.citations.is_empty(), "a segment exists for its citations");
                previous_end = segment.end;
            }
            let article = imported.into_article();
            let chars = article.text.chars().count();
            assert!(article.source_segments.iter().all(|s| s.start < s.end && s.end <= chars));
        }
    }
});
