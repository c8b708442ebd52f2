//! The book's zip archive, read with bounds: a zip bomb (an entry that inflates to gigabytes,
//! or a million entries) is refused after reading at most the limits, whatever the archive's
//! headers claim.

use std::io::{Cursor, Read};

use super::EpubError;

/// How much of an archive is read at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub entries: usize,
    /// Uncompressed bytes of one entry (a chapter, the package document).
    pub entry_bytes: u64,
    /// Uncompressed bytes of everything read from the book.
    pub total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // A long novel's XHTML is a few MB; images are never read.
        Self { entries: 10_000, entry_bytes: 16 * 1024 * 1024, total_bytes: 64 * 1024 * 1024 }
    }
}

pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    read_so_far: u64,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Self, EpubError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| EpubError::NotZip(e.to_string()))?;
        if zip.len() > limits.entries {
            return Err(EpubError::TooManyEntries { entries: zip.len(), limit: limits.entries });
        }
        Ok(Self { zip, limits, read_so_far: 0 })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// An entry's bytes, or why it cannot be read.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, EpubError> {
        let entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Err(EpubError::Missing { name: name.to_owned() }),
            Err(zip::result::ZipError::UnsupportedArchive(why)) if why.to_ascii_lowercase().contains("password") => {
                return Err(EpubError::Drm { scheme: "password-protected zip entries" });
            }
            Err(e) => return Err(EpubError::Broken { name: name.to_owned(), why: e.to_string() }),
        };
        let allowed = self.limits.entry_bytes.min(self.limits.total_bytes - self.read_so_far);
        let mut bytes = Vec::new();
        // One byte past the allowance tells "exactly at the limit" from "over it".
        entry
            .take(allowed + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| EpubError::Broken { name: name.to_owned(), why: e.to_string() })?;
        if bytes.len() as u64 > allowed {
            return Err(if allowed < self.limits.entry_bytes {
                EpubError::TooLarge { limit: self.limits.total_bytes }
            } else {
                EpubError::EntryTooLarge { name: name.to_owned(), limit: self.limits.entry_bytes }
            });
        }
        self.read_so_far += bytes.len() as u64;
        Ok(bytes)
    }

    /// An entry as text (XML and XHTML are UTF-8 or declare their encoding).
    pub fn read_text(&mut self, name: &str) -> Result<String, EpubError> {
        let bytes = self.read(name)?;
        Ok(crate::import::encoding::decode_html(&bytes, None))
    }
}
