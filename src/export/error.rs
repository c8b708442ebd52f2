//! Why an export could not be made (it never fails on a valid project; these are the writers'
//! own errors, passed on with what they say).

/// An export that could not be written.
#[derive(Debug)]
pub enum ExportError {
    /// The CSV writer refused a record.
    Csv(csv::Error),
    /// The bundle could not be serialised.
    Serialize(serde_json::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Csv(e) => write!(f, "cannot write the CSV: {e}"),
            Self::Serialize(e) => write!(f, "cannot serialise the bundle: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        Self::Csv(e)
    }
}

impl From<csv::IntoInnerError<csv::Writer<Vec<u8>>>> for ExportError {
    fn from(e: csv::IntoInnerError<csv::Writer<Vec<u8>>>) -> Self {
        Self::Csv(e.into_error().into())
    }
}
