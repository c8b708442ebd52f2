//! `canonry suggest ARTICLE` keeps its output format: the tier and percentage (or `-`, or
//! `housekeeping`), the sentence, and the cue words behind it.

use std::process::Command;

#[test]
fn suggest_prints_tier_percentage_sentence_and_reasons_and_abstains_plainly() {
    let dir = tempfile::tempdir().expect("tmp");
    let article = dir.path().join("article.txt");
    std::fs::write(
        &article,
        "A Heading Without A Full Stop\n\
         Fans suspect that the Admiral survived the crash on Veridian.\n\
         The studio renewed the show for a fifth season, with filming in Toronto.\n\
         Follow us for more news as it breaks.\n",
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_canonry"))
        .args(["suggest".as_ref(), article.as_os_str()])
        .env("CANONRY_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("run canonry");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("- ") && lines[0].contains("A Heading"), "{}", lines[0]);
    let hedge = lines[1];
    let percent = hedge.split_whitespace().nth(1).unwrap_or_default();
    assert!(hedge.starts_with("speculation ") && percent.ends_with('%'), "{hedge}");
    assert!(hedge.contains("Fans suspect") && hedge.contains("[\"fans suspect\"]"), "{hedge}");
    assert!(lines[2].starts_with("- "), "production news is not a claim: {}", lines[2]);
    assert!(lines[3].starts_with("housekeeping "), "{}", lines[3]);

    let only = Command::new(env!("CARGO_BIN_EXE_canonry"))
        .args(["suggest".as_ref(), "--candidates".as_ref(), article.as_os_str()])
        .env("CANONRY_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("run canonry");
    let only = String::from_utf8_lossy(&only.stdout);
    assert_eq!(only.lines().count(), 1, "only the suggested sentence: {only}");
}
