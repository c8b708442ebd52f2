//! Test-only pause points inside a save, so a crash harness can kill the saver in a chosen step of
//! the atomic write (`tests/crash_save.rs`). Compiled only into debug builds; a release build has
//! an empty function the optimiser removes.
//!
//! `CANONRY_SAVE_PAUSE=STEP:MS:SKIP` makes the saves of the process after the first `SKIP` print
//! `pause STEP` on stdout when they reach `STEP`, then sleep `MS` milliseconds there.

/// The steps of [`super::atomic_write`], in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// Halfway through writing the temporary file: it holds half the bytes.
    TempWrite,
    /// The temporary file is written, not yet flushed.
    Fsync,
    /// Flushed and given the old file's permissions, not yet renamed over the project.
    Rename,
    /// Renamed over the project, the folder not yet flushed.
    FolderFsync,
}

impl SaveStep {
    pub const ALL: [SaveStep; 4] = [Self::TempWrite, Self::Fsync, Self::Rename, Self::FolderFsync];

    pub fn name(self) -> &'static str {
        match self {
            Self::TempWrite => "temp-write",
            Self::Fsync => "fsync",
            Self::Rename => "rename",
            Self::FolderFsync => "folder-fsync",
        }
    }
}

#[cfg(debug_assertions)]
pub(crate) fn at(step: SaveStep) {
    use std::io::Write as _;
    use std::sync::atomic::{AtomicU64, Ordering};
    static PAUSE: std::sync::OnceLock<Option<(String, u64, u64)>> = std::sync::OnceLock::new();
    static REACHED: AtomicU64 = AtomicU64::new(0);
    let pause = PAUSE.get_or_init(|| {
        let value = std::env::var("CANONRY_SAVE_PAUSE").ok()?;
        let mut parts = value.split(':');
        let (name, ms, skip) = (parts.next()?, parts.next()?.parse().ok()?, parts.next().unwrap_or("0").parse().ok()?);
        Some((name.to_owned(), ms, skip))
    });
    if let Some((name, ms, skip)) = pause
        && name == step.name()
        && REACHED.fetch_add(1, Ordering::Relaxed) >= *skip
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "pause {name}");
        let _ = out.flush();
        std::thread::sleep(std::time::Duration::from_millis(*ms));
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn at(_step: SaveStep) {}
