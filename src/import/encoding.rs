//! Turning bytes into text, decoded with `encoding_rs`. For a web page: the byte-order mark, then
//! the HTTP header's charset (the transport layer), then bytes that are valid non-ASCII UTF-8,
//! then `<meta charset>`, then a statistical guess (`chardetng`).
//!
//! Valid UTF-8 wins over `<meta>` because pages re-saved by a tool keep their old declaration
//! (`gb2312`, `windows-1252`) over bytes that are now UTF-8; text in a legacy encoding that
//! happens to be valid, non-ASCII UTF-8 is vanishingly rare. When `<meta>` declares UTF-8 but the
//! bytes are not, the declaration is wrong and `chardetng` decides.

use encoding_rs::Encoding;

use super::ImportError;

/// Decodes a web page. `header_charset` is the HTTP `Content-Type` charset, if any.
pub fn decode_html(bytes: &[u8], header_charset: Option<&str>) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    let header = header_charset.and_then(|c| Encoding::for_label(c.trim().as_bytes()));
    if header.is_none()
        && !bytes.is_ascii()
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        return text.to_owned();
    }
    let declared = header
        .or_else(|| meta_charset(bytes))
        .filter(|&e| header.is_some() || e != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok());
    if let Some(encoding) = declared {
        // A page claiming UTF-16 in its markup is really ASCII-compatible (HTML spec).
        let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            encoding
        };
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow).decode_without_bom_handling(bytes).0.into_owned()
}

/// The encoding a page declares in its first 1024 bytes (`<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("charset") {
        rest = &rest[at + "charset".len()..];
        let value = rest.trim_start().strip_prefix('=')?.trim_start().trim_start_matches(['"', '\'']);
        let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(value.len());
        if let Some(encoding) = Encoding::for_label(&value.as_bytes()[..end]) {
            return Some(encoding);
        }
    }
    None
}

/// Decodes a text or Markdown file: UTF-8 (with or without BOM) or UTF-16 with a BOM.
pub fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned());
    }
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| ImportError::NotUtf8 { offset: e.valid_up_to() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declared_and_guessed_encodings() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9</body></html>";
        assert!(decode_html(latin1, None).contains("Café"));
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert!(decode_html(http_equiv, None).contains("Привет"));
        let bom = b"\xEF\xBB\xBF<p>\xe2\x80\x9cq\xe2\x80\x9d</p>";
        assert!(decode_html(bom, Some("iso-8859-1")).contains("“q”"), "the BOM wins over the header");
        let undeclared_cp1252 =
            "<p>Na\u{ef}ve caf\u{e9} \u{2014} d\u{e9}j\u{e0} vu, tr\u{e8}s \u{e9}l\u{e9}gant, pi\u{f1}ata</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(undeclared_cp1252);
        assert_eq!(decode_html(&bytes, None), undeclared_cp1252);
        let declared_utf8_but_latin1 =
            b"<meta charset=utf-8><p>Na\xefve caf\xe9 d\xe9j\xe0 vu tr\xe8s \xe9l\xe9gant</p>";
        assert!(decode_html(declared_utf8_but_latin1, None).contains("Naïve café"), "chardetng breaks the tie");
        let header_wins = "<meta charset=gb2312><p>caf\u{e9}</p>";
        assert!(
            decode_html(header_wins.as_bytes(), Some("iso-8859-1")).contains("cafÃ©"),
            "the transport layer decides"
        );
        assert_eq!(decode_text(b"\xff\xfeh\x00i\x00"), Ok("hi".to_owned()));
        assert_eq!(decode_text(b"ok \xff"), Err(ImportError::NotUtf8 { offset: 3 }));
    }
}
