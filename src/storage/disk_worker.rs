//! One background thread for the open project's disk work: saves, recovery writes, change checks,
//! export writes and project loads. Serialising a book-length project takes about 10 ms and a flush to disk
//! can take a second on a slow drive; on the window's thread either would freeze a frame.
//!
//! Jobs run one at a time in the order given, so two saves never overlap and a recovery write
//! never races a save. Dropping the worker waits for the jobs already given (quitting waits for
//! a save in flight).

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use super::disk_job::{DiskDone, DiskJob};

/// Called on the worker thread after each job, to wake the window so it picks up the outcome.
pub type Wake = Box<dyn Fn() + Send>;

/// An outcome and the owner its job was given for (the window's document at the time: a
/// document opened since must not take the outcome for its own).
pub type Finished = (u64, DiskDone);

pub struct DiskWorker {
    jobs: Option<Sender<(u64, DiskJob)>>,
    done: Receiver<Finished>,
    done_sender: Sender<Finished>,
    thread: Option<JoinHandle<()>>,
    /// Jobs given whose outcome has not been taken yet.
    pending: usize,
}

impl Default for DiskWorker {
    fn default() -> Self {
        let (done_sender, done) = channel();
        Self { jobs: None, done, done_sender, thread: None, pending: 0 }
    }
}

impl DiskWorker {
    /// Queues `job`. The thread starts with the first job, so a window that never writes never
    /// starts it. Should the thread be gone (it cannot start, or a bug ended it), the job runs
    /// here instead: slower, but the work still reaches the disk.
    pub fn submit(&mut self, owner: u64, job: DiskJob, wake: impl FnOnce() -> Wake) {
        self.pending += 1;
        if self.jobs.is_none() {
            self.start(wake());
        }
        let job = match &self.jobs {
            Some(jobs) => match jobs.send((owner, job)) {
                Ok(()) => return,
                Err(returned) => returned.0.1,
            },
            None => job,
        };
        self.jobs = None;
        let _ = self.done_sender.send((owner, job.run()));
    }

    fn start(&mut self, wake: Wake) {
        let (jobs, queue) = channel::<(u64, DiskJob)>();
        let done = self.done_sender.clone();
        let spawned = std::thread::Builder::new().name("disk-writer".into()).spawn(move || {
            for (owner, job) in queue {
                if done.send((owner, job.run())).is_err() {
                    break;
                }
                wake();
            }
        });
        if let Ok(thread) = spawned {
            self.jobs = Some(jobs);
            self.thread = Some(thread);
        }
    }

    /// The outcome of a finished job, if any.
    pub fn poll(&mut self) -> Option<Finished> {
        let done = self.done.try_recv().ok()?;
        self.pending = self.pending.saturating_sub(1);
        Some(done)
    }

    /// Waits up to `timeout` for the next outcome (quitting, tests).
    pub fn wait(&mut self, timeout: Duration) -> Option<Finished> {
        if self.pending == 0 {
            return None;
        }
        match self.done.recv_timeout(timeout) {
            Ok(done) => {
                self.pending = self.pending.saturating_sub(1);
                Some(done)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Whether a job is queued, running, or finished but not yet taken.
    pub fn is_busy(&self) -> bool {
        self.pending > 0
    }
}

impl Drop for DiskWorker {
    fn drop(&mut self) {
        // Closing the queue ends the thread after the jobs already given.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::model::Project;
    use crate::storage::disk_job::SaveJob;
    use crate::storage::{CURRENT_VERSION, RealFs, load_file};

    fn save_job(path: PathBuf, project: Project, state: u64) -> DiskJob {
        DiskJob::Save(SaveJob {
            fs: Arc::new(RealFs),
            path,
            project: Arc::new(project),
            version: CURRENT_VERSION,
            expected: None,
            backups: None,
            state,
        })
    }

    #[test]
    fn jobs_run_in_order_off_the_calling_thread_and_report_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("lore.canonry");
        let mut worker = DiskWorker::default();
        let woken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        for (state, title) in [(1, "first"), (2, "second")] {
            let woken = Arc::clone(&woken);
            let wake = move || -> Wake {
                Box::new(move || {
                    woken.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                })
            };
            worker.submit(7, save_job(path.clone(), Project::new(title), state), wake);
        }
        let mut states = Vec::new();
        while let Some((owner, done)) = worker.wait(Duration::from_secs(10)) {
            assert_eq!(owner, 7, "the outcome names whom the job was for");
            match done {
                DiskDone::Saved { state, result, .. } => {
                    assert!(result.is_ok(), "save failed");
                    states.push(state);
                }
                _ => panic!("only saves were given"),
            }
        }
        assert_eq!(states, [1, 2], "saves finish in the order given");
        assert!(!worker.is_busy());
        let (loaded, _) = load_file(&path).expect("saved file loads");
        assert_eq!(loaded.project.title, "second", "the later save wins");
        drop(worker);
        assert_eq!(woken.load(std::sync::atomic::Ordering::SeqCst), 2, "the window was woken after each job");
    }

    #[test]
    fn dropping_the_worker_waits_for_the_save_in_flight() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("lore.canonry");
        let mut worker = DiskWorker::default();
        worker.submit(1, save_job(path.clone(), Project::new("kept"), 1), || Box::new(|| {}));
        drop(worker);
        let (loaded, _) = load_file(&path).expect("the save finished before the worker went away");
        assert_eq!(loaded.project.title, "kept");
    }
}
