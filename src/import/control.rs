//! What an import may spend and who may stop it: a deadline, a cancel flag the caller can set
//! from another thread, and a progress callback. Long steps look at it between chunks of work.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::ImportError;

/// The longest an import may take, from the start of reading to the end of extraction. Bounded
/// pages take well under a second; this catches whatever the size and depth limits miss.
pub const MAX_IMPORT_TIME: Duration = Duration::from_secs(20);

/// The step an import is at, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Decoding,
    /// Parsing the page's element tree to check its depth and size.
    Measuring,
    /// Reader-view extraction of the article (cannot be interrupted; its input is bounded).
    Extracting,
    Done,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Reading => "Reading",
            Self::Decoding => "Decoding",
            Self::Measuring => "Checking the page",
            Self::Extracting => "Extracting the article",
            Self::Done => "Done",
        })
    }
}

/// The budget and the controls of one import.
pub struct Control<'a> {
    cancel: Option<&'a AtomicBool>,
    started: Instant,
    time_limit: Duration,
    progress: Option<&'a (dyn Fn(Stage, f32) + Sync)>,
}

impl Default for Control<'_> {
    fn default() -> Self {
        Self { cancel: None, started: Instant::now(), time_limit: MAX_IMPORT_TIME, progress: None }
    }
}

impl<'a> Control<'a> {
    /// Stops at the next check once `cancel` is set.
    pub fn with_cancel(mut self, cancel: &'a AtomicBool) -> Self {
        self.cancel = Some(cancel);
        self
    }

    pub fn with_time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// Called with the stage and the fraction of it done (0 to 1) at each check.
    pub fn with_progress(mut self, progress: &'a (dyn Fn(Stage, f32) + Sync)) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Reports progress, then says whether the import may go on.
    pub fn check(&self, stage: Stage, fraction: f32) -> Result<(), ImportError> {
        if let Some(progress) = self.progress {
            progress(stage, fraction.clamp(0.0, 1.0));
        }
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(ImportError::Cancelled);
        }
        let elapsed = self.started.elapsed();
        if elapsed > self.time_limit {
            return Err(ImportError::TooSlow { seconds: elapsed.as_secs() });
        }
        Ok(())
    }
}
