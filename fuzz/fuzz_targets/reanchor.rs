//! The re-anchoring matcher: claims placed on an old text, the text changed arbitrarily. Every
//! claim must end up either orphaned or on offsets whose text is its quote; the bit-parallel
//! approximate search must agree with the plain dynamic-programming reference.
#![no_main]

use canonry::anchoring::{fuzzy, reanchor};
use canonry::model::{Anchor, Claim};
use canonry::text::CharIndex;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, String, Vec<(u16, u16)>)| {
    let (old_text, new_text, ranges) = input;
    let old_index = CharIndex::new(&old_text);
    let old_len = old_text.chars().count();
    let mut claims: Vec<Claim> = ranges
        .iter()
        .take(64)
        .filter_map(|&(a, b)| {
            let (start, end) = (usize::from(a.min(b)), usize::from(a.max(b)));
            (end <= old_len && start < end).then_some((start, end))
        })
        .filter_map(|(start, end)| Anchor::from_range(&old_text, &old_index, start, end))
        .map(|anchor| Claim::new("article", anchor, "canon"))
        .collect();

    let report = reanchor(&old_text, &new_text, &mut claims);
    assert_eq!(report.outcomes.len(), claims.len());
    let new_index = CharIndex::new(&new_text);
    for claim in &claims {
        assert!(
            claim.anchor.is_orphaned() || claim.anchor.offsets_match(&new_text, &new_index),
            "claim placed on text that is not its quote: {:?}",
            claim.anchor
        );
    }

    // Differential check of the matcher on small inputs (the reference is quadratic).
    let pattern: Vec<char> = old_text.chars().take(80).collect();
    let text: Vec<char> = new_text.chars().take(400).collect();
    if !pattern.is_empty() {
        assert_eq!(fuzzy::end_scores(&pattern, &text), fuzzy::end_scores_reference(&pattern, &text));
    }
});
