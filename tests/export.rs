//! Exports: golden files of the sample, and safety and fidelity checks on hostile input.

mod common;

use canonry::export::{self, ExportOptions, Format};
use canonry::model::{Article, Citation, CitationKind, Project, Tier};
use canonry::storage::parse_project;

fn sample() -> Project {
    parse_project(common::sample_bytes()).expect("sample").project
}

fn text(project: &Project, format: Format, options: &ExportOptions) -> String {
    String::from_utf8(export::export(project, format, options).expect("export")).expect("utf-8")
}

#[test]
fn golden_markdown() {
    insta::assert_snapshot!(text(&sample(), Format::Markdown, &ExportOptions::default()));
}

#[test]
fn golden_html() {
    insta::assert_snapshot!(text(&sample(), Format::Html, &ExportOptions::default()));
}

#[test]
fn golden_w3c() {
    insta::assert_snapshot!(text(&sample(), Format::W3c, &ExportOptions::default()));
}

#[test]
fn golden_csv() {
    insta::assert_snapshot!(text(&sample(), Format::Csv, &ExportOptions::default()));
}

#[test]
fn golden_spoiler_free_speculation_only_markdown() {
    let options =
        ExportOptions { tiers: Some(vec![Tier::SPECULATION.into()]), spoiler_free: true, ..Default::default() };
    insta::assert_snapshot!(text(&sample(), Format::Markdown, &options));
}

/// Quotes that are nothing but Markdown syntax.
const NASTY_QUOTES: &[&str] = &[
    "*not bold* and _not italic_ and **nope**",
    "# not a heading",
    "> not a quote",
    "[not a link](https://example.org) and ![no image](x.png)",
    "1. not a list",
    "- not a bullet",
    "+ nor this",
    "`not code` and <b>not html</b> &amp; not an entity",
    "back\\slash \\* and ~~no strike~~ | no | table |",
    "===",
    "<https://not.autolinked>",
];

fn project_with_quotes(quotes: &[&str], note: &str) -> Project {
    let mut project = Project::new("Hostile *project* # title </title><script>alert(1)</script>");
    let text = quotes.join("\n\n");
    let mut article = Article::new("Article [with] *stars* \u{202e}txt.exe", &text);
    article.source_url = "javascript:alert(1)".into();
    let id = article.id.clone();
    project.articles.push(article);
    let mut offset = 0;
    for (i, quote) in quotes.iter().enumerate() {
        let len = quote.chars().count();
        let claim =
            project.add_claim(&id, offset, offset + len, [Tier::CANON, Tier::COMIC_CANON, Tier::SPECULATION][i % 3]);
        let claim = claim.expect("claim");
        let c = project.claim_mut(&claim).expect("claim");
        c.note = note.to_owned();
        c.citations.push(Citation {
            url: "javascript:alert(2)".into(),
            ..Citation::new(CitationKind::Comic, "<img src=x onerror=alert(3)>", "#1")
        });
        offset += len + 2;
    }
    project
}

/// The text of every block quote, in order, as CommonMark (with GitHub's extensions) reads it.
fn block_quote_texts(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut quotes = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                depth -= 1;
                if depth == 0 {
                    quotes.push(std::mem::take(&mut current));
                }
            }
            Event::Text(t) if depth > 0 => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak if depth > 0 => current.push('\n'),
            Event::End(TagEnd::Paragraph) if depth > 0 => current.push_str("\n\n"),
            Event::Start(tag) if depth > 0 && !matches!(tag, Tag::Paragraph) => {
                panic!("a quote turned into Markdown structure: {tag:?}\n{markdown}")
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) if depth > 0 => {
                panic!("a quote turned into code or HTML:\n{markdown}")
            }
            _ => {}
        }
    }
    quotes.into_iter().map(|q| q.trim().to_owned()).collect()
}

#[test]
fn markdown_quotes_stay_literal_block_quotes() {
    let project = project_with_quotes(NASTY_QUOTES, "");
    let markdown = text(&project, Format::Markdown, &ExportOptions::default());
    let quotes = block_quote_texts(&markdown);
    let mut expected: Vec<String> = project.claims.iter().map(|c| c.anchor.exact.clone()).collect();
    let mut found = quotes.clone();
    expected.sort();
    found.sort();
    assert_eq!(found, expected, "{markdown}");
    // Titles stay text too.
    assert!(markdown.starts_with("# Hostile \\*project\\* \\# title"), "{markdown}");
    assert!(!markdown.contains("](javascript:"), "no javascript: links");
    // Multi-line quotes stay one block quote.
    let two_lines = project_with_quotes(&["first line\nsecond *line*"], "");
    let quotes = block_quote_texts(&text(&two_lines, Format::Markdown, &ExportOptions::default()));
    assert_eq!(quotes, ["first line\nsecond *line*"]);
}

#[test]
fn html_from_hostile_text_has_only_expected_elements_and_attributes() {
    let hostile_note = "<script>document.body.dataset.pwned = 1</script> \"><img src=x onerror=alert(1)> \
        [js](javascript:alert(1)) </title><iframe src=//evil></iframe> \u{202e}gnp.exe \
        <a href=\"javascript:alert(1)\">x</a> ![img](https://evil.example/x.png)\n\n\
        *fine* and [ok](https://example.org) and [bad](javascript:alert(4)) <b onclick=x>b</b>";
    let project = project_with_quotes(NASTY_QUOTES, hostile_note);
    let html = text(&project, Format::Html, &ExportOptions::default());
    let document = scraper::Html::parse_document(&html);
    let allowed_elements = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "ol",
        "li",
        "a",
        "span",
        "div",
        "section",
        "article",
        "blockquote",
        "br",
        "em",
        "strong",
        "code",
    ];
    let allowed_attributes = ["charset", "http-equiv", "content", "name", "lang", "class", "href", "id", "rel"];
    for node in document.tree.nodes() {
        if let scraper::Node::Element(element) = node.value() {
            assert!(allowed_elements.contains(&element.name()), "unexpected <{}> in\n{html}", element.name());
            for (name, value) in element.attrs() {
                assert!(allowed_attributes.contains(&name), "unexpected attribute {name}={value:?}");
                if name == "href" {
                    assert!(
                        value.starts_with('#') || value.starts_with("https://") || value.starts_with("http://"),
                        "href {value:?}"
                    );
                }
            }
        }
    }
    let title = document.select(&scraper::Selector::parse("title").expect("selector")).next().expect("title");
    assert_eq!(title.text().collect::<String>(), project.title);
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("default-src &#39;none&#39;") || html.contains("default-src 'none'"));
    // The note's allowed Markdown still renders.
    assert!(html.contains("<em>fine</em>") && html.contains("href=\"https://example.org\""));
}

#[test]
fn w3c_annotations_have_the_required_fields_and_resolve_to_the_text() {
    let project = sample();
    let value: serde_json::Value =
        serde_json::from_str(&text(&project, Format::W3c, &ExportOptions::default())).expect("json");
    assert_eq!(value["type"], "AnnotationCollection");
    let items = value["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), project.claims.len() + project.links.len());
    assert_eq!(value["total"], items.len());
    let (classifying, linking): (Vec<_>, Vec<_>) = items.iter().partition(|i| i["motivation"] == "classifying");
    assert_eq!(classifying.len(), project.claims.len());
    for item in classifying {
        assert_eq!(item["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(item["type"], "Annotation");
        assert!(
            item["id"]
                .as_str()
                .is_some_and(|id| id.starts_with("urn:uuid:") && uuid::Uuid::parse_str(&id[9..]).is_ok())
        );
        let body = item["body"].as_array().expect("body");
        assert!(body.iter().any(|b| b["purpose"] == "tagging" && b["type"] == "TextualBody"));
        let article = project
            .articles
            .iter()
            .find(|a| item["target"]["source"] == a.source_url.as_str())
            .expect("the target is an article's source");
        let selectors = item["target"]["selector"].as_array().expect("selectors");
        let exact = selectors.iter().find(|s| s["type"] == "TextQuoteSelector").expect("quote")["exact"]
            .as_str()
            .expect("exact");
        let position = selectors.iter().find(|s| s["type"] == "TextPositionSelector").expect("position");
        let (start, end) =
            (position["start"].as_u64().expect("start") as usize, position["end"].as_u64().expect("end") as usize);
        let at: String = article.text.chars().skip(start).take(end - start).collect();
        assert_eq!(at, exact);
        let claim = project.claims.iter().find(|c| c.anchor.exact == exact).expect("claim");
        if !claim.note.is_empty() {
            let comment = body.iter().find(|b| b["purpose"] == "commenting").expect("comment");
            assert_eq!(comment["value"], claim.note.as_str());
            assert_eq!(comment["format"], "text/markdown");
        }
    }
    // Links are `linking` annotations from one claim's annotation to another's.
    assert_eq!(linking.len(), project.links.len());
    let annotation_ids: Vec<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
    for item in linking {
        assert_eq!(item["motivation"], "linking");
        let target = item["target"].as_str().expect("target");
        assert!(annotation_ids.contains(&target), "the target is a claim's annotation");
        let body = item["body"].as_array().expect("body");
        let linked = body.iter().find_map(|b| b["id"].as_str()).expect("a body naming the linked annotation");
        assert!(annotation_ids.contains(&linked));
        let kind = body.iter().find(|b| b["purpose"] == "tagging").expect("relation")["value"].as_str().expect("kind");
        assert!(canonry::model::LinkKind::parse(kind).is_some(), "{kind}");
    }
}

#[test]
fn csv_reads_back_with_formulas_neutralised() {
    let quotes =
        ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2", "@SUM(A1)", "\tTAB", "plain, \"quoted\"\nand multi-line"];
    let project = project_with_quotes(&quotes, "=cmd|' /C calc'!A0");
    let csv_text = text(&project, Format::Csv, &ExportOptions::default());
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), export::csv::HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), quotes.len());
    for row in &rows {
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "live formula cell {cell:?}");
        }
        let quote = &row[3];
        let original = quote.strip_prefix('\'').filter(|q| q.starts_with(['=', '+', '-', '@', '\t'])).unwrap_or(quote);
        assert!(project.claims.iter().any(|c| c.anchor.exact == original), "quote {quote:?} changed");
    }
    assert!(rows.iter().any(|r| &r[3] == "plain, \"quoted\"\nand multi-line"), "other text unchanged");
}

#[test]
fn bundle_is_a_valid_subset_and_respects_spoiler_free() {
    let project = sample();
    let options = ExportOptions { tiers: Some(vec![Tier::CANON.into()]), spoiler_free: true, ..Default::default() };
    let bytes = export::export(&project, Format::Bundle, &options).expect("bundle");
    let bundle = parse_project(&bytes).expect("a bundle is a project file").project;
    // 9 canon claims, one of them a spoiler: left out.
    assert_eq!(bundle.claims.len(), 8);
    assert!(bundle.claims.iter().all(|c| c.tier == Tier::CANON && c.note.is_empty() && c.citations.is_empty()));
    assert!(bundle.claims.iter().all(|c| c.spoiler.is_none()));
    assert!(bundle.journal.is_empty());
    // Only links between exported claims remain, without their notes.
    assert!(!bundle.links.is_empty());
    for link in &bundle.links {
        assert!(bundle.claims.iter().any(|c| c.id == link.from) && bundle.claims.iter().any(|c| c.id == link.to));
        assert!(link.note.is_empty());
    }
}

#[test]
fn copy_as_markdown_gives_a_chat_ready_block() {
    let project = sample();
    let ids: Vec<String> = project.claims.iter().take(2).map(|c| c.id.clone()).collect();
    let md = export::markdown::copy_claims(&project, &ids);
    assert!(md.starts_with("**■ Canon** · Picard's Romulan rescue"), "{md}");
    assert_eq!(block_quote_texts(&md).len(), 2);
}
