//! The Markdown export is inert, checked by an independent CommonMark renderer (comrak, set to
//! render raw HTML and every link as written, as a trusting wiki would): in the rendered page,
//! every link and image target is http(s), mailto or a `#fragment`, and no element or
//! attribute that could act (script, iframe, event handlers, forms) exists.

use canonry::export::markdown::inert_note;
use canonry::export::{self, ExportOptions, Format};
use canonry::model::{Article, ClaimLink, GlossaryEntry, LinkKind, Project, Tier};

/// Notes a hostile collaborator could merge in, each trying another way past a defuser.
const HOSTILE: &[&str] = &[
    "[x](javascript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](\tjavascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java\nscript:alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "[ref]\n\n[ref]: javascript:alert(1) \"title\"",
    "[x][]\n\n[x]:\n  data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "![img](javascript:alert(1))",
    "![img](https://example.org/track.png)",
    "![img][pic]\n\n[pic]: file:///etc/passwd",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<iframe src=\"https://example.org\"></iframe>",
    "<!-- comment --><details open ontoggle=alert(1)>",
    "text <span onmouseover=alert(1)>hover</span>",
    "[nested [x](javascript:1)](https://ok.example)",
    "[x](https://ok.example \"t\") and [y](mailto:a@example.org) and [z](#claims) and <b@example.org>",
    "[x](//evil.example/path)",
    "[x](relative/page.html)",
    "    indented <script>code</script>",
    "```\n<script>fenced</script>\n```",
    "&#106;avascript: [x](&#106;avascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](\\javascript:alert(1))",
];

fn safe_target(target: &str) -> bool {
    let lower = target.trim().to_ascii_lowercase();
    lower.starts_with('#')
        || lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
}

fn comrak_html(markdown: &str) -> String {
    let mut options = comrak::Options::default();
    // Render as a renderer that trusts its input would: raw HTML and any URL kept.
    options.render.r#unsafe = true;
    comrak::markdown_to_html(markdown, &options)
}

/// Every problem of the rendered page: unsafe targets, active elements and attributes.
fn problems(html: &str) -> Vec<String> {
    const ALLOWED: &[&str] = &[
        "html",
        "head",
        "body",
        "p",
        "a",
        "img",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "br",
        "del",
    ];
    let document = scraper::Html::parse_fragment(html);
    let mut out = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else { continue };
        if !ALLOWED.contains(&element.name()) {
            out.push(format!("element <{}>", element.name()));
        }
        for (name, value) in element.attrs() {
            match name {
                "href" | "src" if !safe_target(value) => out.push(format!("{name}={value:?}")),
                "href" | "src" | "title" | "alt" => {}
                other => out.push(format!("attribute {other}={value:?}")),
            }
        }
    }
    out
}

#[test]
fn the_independent_renderer_sees_the_hostile_inputs_act_before_defusing() {
    // The check itself can fail: rendered as written, these notes give unsafe links and tags.
    let raw: Vec<String> = HOSTILE.iter().flat_map(|note| problems(&comrak_html(note))).collect();
    for expected in ["href=\"javascript:alert(1)\"", "element <script>", "element <iframe>", "attribute onerror"] {
        assert!(raw.iter().any(|p| p.contains(expected)), "{expected} not seen in {raw:?}");
    }
}

#[test]
fn every_hostile_note_renders_inert() {
    for note in HOSTILE {
        let md = inert_note(note);
        let html = comrak_html(&md);
        let found = problems(&html);
        assert!(found.is_empty(), "{note:?} → {md:?} → {html:?}: {found:?}");
    }
}

#[test]
fn ordinary_links_survive_defusing() {
    let html = comrak_html(&inert_note(HOSTILE[21]));
    for target in ["https://ok.example", "mailto:a@example.org", "#claims", "mailto:b@example.org"] {
        assert!(html.contains(&format!("href=\"{target}\"")), "{target} lost in {html}");
    }
    // An image with a web address stays an image.
    assert!(comrak_html(&inert_note("![img](https://example.org/track.png)")).contains("<img"));
}

#[test]
fn the_whole_markdown_export_renders_inert() {
    let mut project = Project::new("Hostile [title](javascript:alert(1)) <script>x</script>");
    let mut article = Article::new("<img src=x onerror=alert(1)>", "One. Two. Three. Four.");
    article.notes = HOSTILE.join("\n\n");
    article.source_url = "javascript:alert(1)".into();
    let article_id = article.id.clone();
    project.articles.push(article);
    let a = project.add_claim(&article_id, 0, 4, Tier::CANON).expect("claim");
    let b = project.add_claim(&article_id, 5, 9, Tier::SPECULATION).expect("claim");
    for (i, claim) in project.claims.iter_mut().enumerate() {
        claim.note = HOSTILE[i % HOSTILE.len()..].join("\n\n");
    }
    project.links.push(ClaimLink::new(&a, &b, LinkKind::Contradicts, "[x]( javascript:alert(1))"));
    let mut entry = GlossaryEntry::new("<script>", "person");
    entry.description = HOSTILE.join("\n\n");
    project.glossary.push(entry);
    let md = String::from_utf8(export::export(&project, Format::Markdown, &ExportOptions::default()).expect("export"))
        .expect("utf-8");
    let found = problems(&comrak_html(&md));
    assert!(found.is_empty(), "{found:?}\n{md}");
}
