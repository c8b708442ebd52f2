//! Fetching a page from a URL: the only network access Canonry ever makes, and only when the user
//! asks. Blocking; the app runs it on a worker thread. Bounded in time and size.

use std::time::Duration;

use super::control::{Control, Stage};
use super::{ImportError, Imported, Kind, encoding, html, import_bytes_with};

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// For the whole exchange, connection to last byte.
    pub timeout: Duration,
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(20), max_bytes: super::MAX_IMPORT_BYTES }
    }
}

/// Downloads `url` and extracts its article.
pub fn fetch(url: &str, limits: Limits) -> Result<Imported, ImportError> {
    fetch_with(url, limits, &Control::default())
}

/// [`fetch`] under `control`: cancellable between the download and each step of extraction
/// (the download itself is bounded by `limits.timeout`).
pub fn fetch_with(url: &str, limits: Limits, control: &Control<'_>) -> Result<Imported, ImportError> {
    let url = url.trim();
    control.check(Stage::Reading, 0.0)?;
    if !crate::text::is_web_url(url) {
        return Err(ImportError::Network(format!(
            "{url:?} is not a web address; it must start with http:// or https://."
        )));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(5)
        .user_agent(format!("Canonry/{} (lore journal; fetches one page on request)", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| network_error(url, &e, limits))?;
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes as u64)
        .read_to_vec()
        .map_err(|e| network_error(url, &e, limits))?;
    let charset = content_type.split(';').find_map(|p| p.trim().strip_prefix("charset=")).map(|c| c.trim_matches('"'));
    if content_type.starts_with("text/html") || content_type.contains("xhtml") || content_type.is_empty() {
        if bytes.is_empty() {
            return Err(ImportError::Empty);
        }
        control.check(Stage::Decoding, 0.0)?;
        let text = encoding::decode_html(&bytes, charset);
        let mut imported = html::import_with(&text, &final_url, control)?;
        imported.source_url = final_url;
        Ok(imported)
    } else if content_type.starts_with("text/") {
        let kind = if content_type.starts_with("text/markdown") { Kind::Markdown } else { Kind::Text };
        import_bytes_with(kind, &bytes, &final_url, control)
    } else {
        Err(ImportError::Network(format!(
            "{url} is not a web page (the server says it is {content_type}). Open it in a browser instead."
        )))
    }
}

fn network_error(url: &str, error: &ureq::Error, limits: Limits) -> ImportError {
    ImportError::Network(match error {
        ureq::Error::StatusCode(404) => format!("{url} was not found (HTTP 404). Check the address."),
        ureq::Error::StatusCode(code) => {
            format!("The server answered HTTP {code} for {url}. Try again later, or save the page from your browser.")
        }
        ureq::Error::Timeout(_) => format!(
            "{url} did not answer within {} seconds. Check your connection, or save the page from your browser and import the file.",
            limits.timeout.as_secs_f32()
        ),
        ureq::Error::BodyExceedsLimit(_) => {
            format!("{url} is larger than {} MB, too large for an article.", limits.max_bytes / 1_000_000)
        }
        other => format!("Cannot fetch {url}: {other}. Check the address and your connection."),
    })
}
