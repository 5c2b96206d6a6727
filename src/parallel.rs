//! Independent pieces of loading work shared among the machine's cores.
//!
//! Loading a large programme (thousands of sessions) is most of what a reload costs, and much of it is
//! work on one entry or one text at a time that no other piece needs. Each caller cuts its work into
//! jobs; they run on a few threads, and the results come back in the order of the jobs, so that what is
//! built is the same whichever thread ran which job, and the same as running them one by one.

use std::num::NonZeroUsize;
use std::sync::Mutex;

/// The most threads loading uses: beyond this, a programme's pieces are too small to gain from more.
const MOST_THREADS: usize = 8;

/// A piece of work, run once, on whichever thread is free.
pub type Job<'a, R> = Box<dyn FnOnce() -> R + Send + 'a>;

/// How many threads to share `work` units among: one per `per_thread` units (at least), up to the
/// number of cores. Small knowledge stays on one thread, where starting others would cost more than
/// it saves.
pub fn threads_for(work: usize, per_thread: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    (work / per_thread.max(1)).clamp(1, cores.clamp(1, MOST_THREADS))
}

/// Runs every job, on up to `threads` threads (the calling thread is one of them), and returns their
/// results in the order of `jobs`. Jobs are taken in order by whichever thread is free, so a long job
/// early in the list leaves the others to the rest. A job that panics panics here, once all have
/// stopped.
pub fn run<R: Send>(jobs: Vec<Job<'_, R>>, threads: usize) -> Vec<R> {
    let threads = threads.min(jobs.len());
    if threads <= 1 {
        return jobs.into_iter().map(|job| job()).collect();
    }
    let count = jobs.len();
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let work = || {
        let mut done = Vec::new();
        loop {
            // Jobs run outside the lock, so it is never poisoned by a job's panic.
            let next = queue
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .next();
            let Some((i, job)) = next else {
                return done;
            };
            done.push((i, job()));
        }
    };
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(count).collect();
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mine = work();
        for (i, result) in mine {
            results[i] = Some(result);
        }
        for handle in others {
            let theirs = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in theirs {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|result| result.expect("every job ran once"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squares(n: usize) -> Vec<Job<'static, usize>> {
        (0..n)
            .map(|i| Box::new(move || i * i) as Job<'static, usize>)
            .collect()
    }

    #[test]
    fn results_come_back_in_the_order_of_the_jobs_on_any_number_of_threads() {
        let expected: Vec<usize> = (0..50).map(|i| i * i).collect();
        for threads in [0, 1, 2, 3, 8, 100] {
            assert_eq!(run(squares(50), threads), expected, "{threads} threads");
        }
        assert!(run(squares(0), 4).is_empty());
    }

    #[test]
    fn jobs_may_borrow_from_the_caller() {
        let words = ["rivers", "lakes", "seas"];
        let jobs: Vec<Job<'_, usize>> = words
            .iter()
            .map(|w| Box::new(move || w.len()) as Job<'_, usize>)
            .collect();
        assert_eq!(run(jobs, 2), [6, 5, 4]);
    }

    #[test]
    #[should_panic(expected = "a job failed")]
    fn a_panic_in_a_job_reaches_the_caller() {
        let mut jobs = squares(10);
        jobs.push(Box::new(|| panic!("a job failed")));
        run(jobs, 2);
    }

    #[test]
    fn small_work_stays_on_one_thread() {
        assert_eq!(threads_for(10, 1_000), 1);
        assert_eq!(threads_for(0, 0), 1);
        assert!(threads_for(1_000_000, 1) <= MOST_THREADS);
    }
}
