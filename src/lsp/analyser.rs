//! The one thread that analyses drafts.
//!
//! Analyses used to run on tokio's blocking pool, a new thread whenever the
//! pool was busy. glibc gives each such thread its own malloc arena and keeps
//! what an analysis freed there for later, so a 10 MB draft left a few
//! hundred megabytes behind on each of several threads. One long-lived thread
//! reuses one arena; analyses queue (a two-core laptop gains nothing from
//! running two at once), and a job that finds its version stale when its
//! turn comes does nothing.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

type Job = Box<dyn FnOnce() + Send>;

/// A handle to the analysis thread; cloning shares the thread.
#[derive(Clone)]
pub struct Analyser {
    jobs: mpsc::Sender<Job>,
}

impl Analyser {
    /// Starts the thread. It ends when the last handle is dropped.
    pub fn start() -> std::io::Result<Analyser> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("copydesk-analysis".to_owned())
            .spawn(move || {
                for job in queue {
                    job();
                }
            })?;
        Ok(Analyser { jobs })
    }

    /// Runs `work` on the analysis thread and waits for its result without
    /// blocking the runtime. A panic in `work` is caught and returned as its
    /// message; the thread goes on with the next job.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            if reply.is_closed() {
                return; // the request was cancelled or answered otherwise
            }
            let result = catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
                panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic without a message".to_owned())
            });
            let _ = reply.send(result);
        });
        self.jobs
            .send(job)
            .map_err(|_| "the analysis thread has stopped".to_owned())?;
        answer
            .await
            .map_err(|_| "the analysis thread dropped the job".to_owned())?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_jobs_on_its_thread_and_survives_a_panic() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        let analyser = Analyser::start().expect("the thread starts");
        runtime.block_on(async {
            assert_eq!(analyser.run(|| 2 + 2).await, Ok(4));
            let failed = analyser
                .run(|| -> i32 { panic!("bad draft") })
                .await
                .expect_err("the panic is reported");
            assert_eq!(failed, "bad draft");
            let name = analyser
                .run(|| std::thread::current().name().map(str::to_owned))
                .await;
            assert_eq!(name, Ok(Some("copydesk-analysis".to_owned())));
        });
    }
}
