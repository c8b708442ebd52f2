//! Importing articles: each format, each kind of bad input, and URLs from a server on loopback.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use canonry::import::{self, ImportError, Kind, fetch};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)).expect("fixture")
}

#[test]
fn plain_text_keeps_paragraphs_and_takes_the_headline_as_title() {
    let imported = import::import_bytes(Kind::Text, "Farscape news\r\n\r\nCrichton returns.\r\nMaybe.".as_bytes(), "")
        .expect("ok");
    assert_eq!(imported.title, "Farscape news");
    let article = imported.into_article();
    assert_eq!(article.text, "Farscape news\n\nCrichton returns.\nMaybe.");
    assert!(article.content_hash.starts_with("sha256:"));
}

#[test]
fn markdown_becomes_clean_text_with_links_kept_apart() {
    let md =
        "# Stargate news\n\nThe *Destiny* may fly again, per [Gateworld](https://example.org/g).\n\n- one\n- two\n";
    let imported = import::import_bytes(Kind::Markdown, md.as_bytes(), "").expect("ok");
    assert_eq!(imported.title, "Stargate news");
    assert_eq!(imported.text, "Stargate news\n\nThe Destiny may fly again, per Gateworld.\n\none\n\ntwo");
    assert_eq!(imported.links[0].url, "https://example.org/g");
}

#[test]
fn a_saved_page_gives_the_article_without_navigation_ads_comments_or_scripts() {
    let imported = import::import_bytes(Kind::Html, &fixture("fan-news.html"), "").expect("ok");
    assert_eq!(imported.title, "Babylon 5 rewatch: the Shadow War, on screen and in the novels");
    assert!(imported.author.contains("Delenn Okafor"), "{:?}", imported.author);
    assert!(imported.published.starts_with("2024-05-14"), "{:?}", imported.published);
    assert_eq!(imported.site_name, "Lore Weekly");
    let text = &imported.text;
    assert!(text.contains("the Shadows had waited a thousand years"));
    assert!(text.contains("Nothing has been confirmed."));
    for noise in
        ["Log in", "Buy the complete box set", "First! Great article", "tracker", "Privacy", "All rights reserved"]
    {
        assert!(!text.contains(noise), "{noise:?} leaked into the article:\n{text}");
    }
    assert!(text.contains("\n\n"), "paragraphs stay paragraphs");
}

#[test]
fn a_legacy_encoded_page_is_decoded() {
    let page = "<html><head><meta charset=\"windows-1252\"><title>Caf\u{e9} Quark</title></head><body><article>\
        <p>Quark\u{2019}s caf\u{e9} serves r\u{f6}kassa and the \u{201c}best\u{201d} root beer this side of the wormhole, \
        according to Nog. Garak disagrees, na\u{ef}vely or not, and Odo has opinions about the whole affair.</p>\
        <p>More paragraphs follow so the page reads as an article: Sisko, Dax and Bashir all weigh in on the menu.</p>\
        </article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let imported = import::import_bytes(Kind::Html, &bytes, "").expect("ok");
    assert!(imported.text.contains("Quark’s café serves rökassa and the “best” root beer"), "{}", imported.text);
}

/// A page re-saved as UTF-8 by some tool keeps its old `<meta charset=gb2312>`: the bytes are
/// valid, non-ASCII UTF-8, so they are read as UTF-8 (decoding them as GB2312 gives mojibake).
/// A page really in GB2312 with the same declaration still decodes as GB2312.
#[test]
fn a_utf8_page_that_declares_gb2312_imports_as_utf8() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/utf8-declared-gb2312.html");
    let imported = import::import_file(&dir).expect("imports");
    assert_eq!(imported.title, "皮卡德的罗慕兰救援");
    assert!(imported.text.contains("联邦最终放弃了救援，他因此辞去了星际舰队的职务。"), "{}", imported.text);

    let really_gb2312 = String::from_utf8(fixture("utf8-declared-gb2312.html")).expect("utf-8 fixture");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&really_gb2312);
    assert!(!unmappable && std::str::from_utf8(&bytes).is_err());
    let imported = import::import_bytes(Kind::Html, &bytes, "").expect("imports");
    assert!(imported.text.contains("联邦最终放弃了救援"), "{}", imported.text);
}

#[test]
fn bad_inputs_get_clear_errors() {
    assert_eq!(import::import_bytes(Kind::Text, b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", ""), Err(ImportError::Binary));
    assert_eq!(import::import_bytes(Kind::Text, b"   \n\t ", ""), Err(ImportError::Empty));
    assert_eq!(import::import_bytes(Kind::Html, b"<html><body></body></html>", ""), Err(ImportError::NoArticleText));
    assert_eq!(import::import_bytes(Kind::Text, b"caf\xe9 not utf-8", ""), Err(ImportError::NotUtf8 { offset: 3 }));
    for error in
        [ImportError::Binary, ImportError::Empty, ImportError::NoArticleText, ImportError::NotUtf8 { offset: 3 }]
    {
        assert!(error.to_string().len() > 30, "the message says what to do: {error}");
    }
}

#[test]
fn a_50_mb_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(50 * 1024 * 1024).expect("sparse file");
    let error = import::import_file(&path).expect_err("too large");
    assert!(error.contains("huge.txt") && error.contains("52 MB"), "{error}");
}

#[test]
fn kind_is_detected_from_name_or_content() {
    assert_eq!(Kind::detect("a.md", b"x"), Kind::Markdown);
    assert_eq!(Kind::detect("page.HTM", b"x"), Kind::Html);
    assert_eq!(Kind::detect("clip", b"  <!DOCTYPE html><html>"), Kind::Html);
    assert_eq!(Kind::detect("notes", b"just text"), Kind::Text);
}

/// A one-connection-at-a-time HTTP server on 127.0.0.1 answering with `respond`, for `count`
/// requests; returns its base URL.
fn serve(count: usize, respond: impl Fn(&str) -> Option<Vec<u8>> + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::Builder::new()
        .name("loopback-server".into())
        .spawn(move || {
            for stream in listener.incoming().take(count) {
                let Ok(mut stream) = stream else { continue };
                let mut request = [0u8; 4096];
                let n = stream.read(&mut request).unwrap_or(0);
                let request = String::from_utf8_lossy(&request[..n]).into_owned();
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                match respond(&path) {
                    Some(response) => {
                        let _ = stream.write_all(&response);
                    }
                    // Never answer: wait until the client gives up and closes the connection.
                    None => {
                        let mut rest = Vec::new();
                        let _ = stream.read_to_end(&mut rest);
                    }
                }
            }
        })
        .expect("start the loopback server");
    url
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(body);
    response
}

#[test]
fn fetching_a_page_from_a_local_server() {
    let page = fixture("fan-news.html");
    let base = serve(3, move |path| match path {
        "/article" => Some(http("200 OK", "text/html; charset=utf-8", &page)),
        "/image" => Some(http("200 OK", "image/png", b"\x89PNG")),
        _ => Some(http("404 Not Found", "text/html", b"<h1>Not found</h1>")),
    });
    let limits = fetch::Limits { timeout: Duration::from_secs(5), max_bytes: 1_000_000 };
    let imported = fetch::fetch(&format!("{base}/article"), limits).expect("fetched");
    assert_eq!(imported.title, "Babylon 5 rewatch: the Shadow War, on screen and in the novels");
    assert_eq!(imported.source_url, format!("{base}/article"));
    let missing = fetch::fetch(&format!("{base}/missing"), limits).expect_err("404");
    assert!(missing.to_string().contains("404"), "{missing}");
    let image = fetch::fetch(&format!("{base}/image"), limits).expect_err("not a page");
    assert!(image.to_string().contains("image/png"), "{image}");
}

#[test]
fn a_url_that_never_answers_times_out() {
    let base = serve(1, |_| None);
    let limits = fetch::Limits { timeout: Duration::from_millis(500), max_bytes: 1_000_000 };
    let started = std::time::Instant::now();
    let error = fetch::fetch(&base, limits).expect_err("timeout");
    assert!(started.elapsed() < Duration::from_secs(3), "gave up in time");
    assert!(error.to_string().contains("did not answer"), "{error}");
}

#[test]
fn a_page_over_the_size_cap_is_refused() {
    let big = vec![b'a'; 200_000];
    let base = serve(1, move |_| Some(http("200 OK", "text/html", &big)));
    let limits = fetch::Limits { timeout: Duration::from_secs(5), max_bytes: 100_000 };
    let error = fetch::fetch(&base, limits).expect_err("too large");
    assert!(error.to_string().contains("larger than"), "{error}");
}

#[test]
fn only_web_addresses_are_fetched() {
    for url in ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x", "not a url"] {
        let error = fetch::fetch(url, fetch::Limits::default()).expect_err(url);
        assert!(error.to_string().contains("not a web address"), "{error}");
    }
}

/// A page big enough to be measured in several chunks, with a real article in it.
fn long_page() -> String {
    let paragraph = "<p>Picard ordered the fleet to hold position while the evacuation continued, and the \
                     Romulan captains, one by one, agreed to follow the Federation ships out of the system.</p>";
    format!(
        "<html><head><title>Long</title></head><body><article><h1>Long</h1>{}</article></body></html>",
        paragraph.repeat(600)
    )
}

#[test]
fn an_import_reports_progress_and_stops_when_cancelled() {
    use std::sync::Mutex;
    use std::sync::atomic::AtomicBool;

    let page = long_page();
    let stages = Mutex::new(Vec::new());
    let record = |stage, fraction| stages.lock().expect("lock").push((stage, fraction));
    let control = import::Control::default().with_progress(&record);
    let imported = import::import_bytes_with(Kind::Html, page.as_bytes(), "", &control).expect("imports");
    assert!(imported.text.contains("Romulan captains"));
    let stages = stages.into_inner().expect("lock");
    let measuring = stages.iter().filter(|(s, _)| *s == import::Stage::Measuring).count();
    assert!(measuring >= 4, "a {} KB page is measured in 4 KB chunks, each reported: {stages:?}", page.len() / 1024);
    assert_eq!(stages.last().map(|s| s.0), Some(import::Stage::Done));

    let cancelled = AtomicBool::new(true);
    let control = import::Control::default().with_cancel(&cancelled);
    assert_eq!(import::import_bytes_with(Kind::Html, page.as_bytes(), "", &control), Err(ImportError::Cancelled));
    let control = import::Control::default().with_time_limit(std::time::Duration::ZERO);
    let late = import::import_bytes_with(Kind::Html, page.as_bytes(), "", &control);
    assert!(matches!(late, Err(ImportError::TooSlow { .. })), "{late:?}");
}

#[test]
fn an_import_job_runs_on_a_named_thread_and_can_be_cancelled() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("long.html");
    std::fs::write(&path, long_page()).expect("write");
    let job = import::ImportJob::start(import::ImportSource::File(path.clone())).expect("start");
    let imported = job.wait().expect("imports");
    assert!(imported.text.contains("Romulan captains"));

    let mut job = import::ImportJob::start(import::ImportSource::File(path)).expect("start");
    job.cancel();
    let result = loop {
        if let Some(result) = job.try_result() {
            break result;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    assert_eq!(result, Err(ImportError::Cancelled));

    let missing = import::ImportJob::start(import::ImportSource::File(dir.path().join("gone.html"))).expect("start");
    let error = missing.wait().expect_err("no such file");
    assert!(error.to_string().contains("gone.html"), "{error}");
}
