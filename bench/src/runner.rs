//! Interleaved measurement: for one operation and concurrency, every library runs for a short
//! round in turn (A, B, C, then B, C, A, …), so each ratio pairs figures taken seconds apart.

use std::time::{Duration, Instant};

use crate::BoxError;
use crate::ops::{Op, Rng};

/// One worker's connection state for one library.
pub enum Worker {
    /// The generated client (a clone of one pooled client shared by all workers).
    Ours(crate::client::Client),
    /// Raw tokio-postgres, dedicated connection, prepared statements.
    Tpg(Box<crate::pg::TpgWorker>),
    /// Raw sqlx, dedicated `PgConnection`.
    SqlxPg(crate::pg::SqlxPgWorker),
    /// Raw sqlx on SQLite (pool or dedicated connection).
    SqlxLite(crate::sqlite::SqlxLite),
}

impl Worker {
    /// Runs `op` once.
    ///
    /// # Errors
    /// The library's error.
    pub async fn run(&mut self, op: Op, rng: &mut Rng) -> Result<usize, BoxError> {
        match self {
            Worker::Ours(c) => crate::ours::run(c, op, rng).await,
            Worker::Tpg(w) => w.run(op, rng).await,
            Worker::SqlxPg(w) => w.run(op, rng).await,
            Worker::SqlxLite(w) => w.run(op, rng).await,
        }
    }
}

/// A library under test: its name and one worker per task (at least the highest concurrency).
pub struct Library {
    /// Name in tables.
    pub name: &'static str,
    /// Worker states, moved into tasks for a round and back.
    pub workers: Vec<Worker>,
}

/// Runs `op` on the first `concurrency` workers of `lib` for `duration`; returns operations per
/// second over all tasks.
///
/// # Errors
/// The first error any task hit.
pub async fn measure(
    lib: &mut Library,
    op: Op,
    concurrency: usize,
    duration: Duration,
    seed: u64,
) -> Result<f64, BoxError> {
    let n = concurrency.min(lib.workers.len());
    let taken: Vec<Worker> = lib.workers.drain(..n).collect();
    let start = Instant::now();
    let deadline = start + duration;
    let handles: Vec<_> = taken
        .into_iter()
        .enumerate()
        .map(|(i, mut worker)| {
            tokio::spawn(async move {
                let mut rng = Rng::new(seed.wrapping_mul(131).wrapping_add(i as u64 + 1));
                let mut count = 0u64;
                let mut error = None;
                while Instant::now() < deadline {
                    match worker.run(op, &mut rng).await {
                        Ok(k) => {
                            std::hint::black_box(k);
                            count += 1;
                        }
                        Err(e) => {
                            error = Some(e.to_string());
                            break;
                        }
                    }
                }
                (worker, count, error)
            })
        })
        .collect();
    let mut back = Vec::with_capacity(n);
    let mut total = 0u64;
    let mut first_error = None;
    for handle in handles {
        let (worker, count, error) = handle.await?;
        back.push(worker);
        total += count;
        if first_error.is_none() {
            first_error = error;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    back.append(&mut lib.workers);
    lib.workers = back;
    if let Some(e) = first_error {
        return Err(format!("{} {}: {e}", lib.name, op.name()).into());
    }
    Ok(total as f64 / elapsed)
}

/// Median of `values` (mean of the middle two for an even count); 0 when empty.
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Results of one operation at one concurrency: throughput per library per round.
pub struct OpResult {
    /// The operation.
    pub op: Op,
    /// Tasks.
    pub concurrency: usize,
    /// `(library name, ops/s per round)`, in library order; the floor is index `floor`.
    pub per_library: Vec<(&'static str, Vec<f64>)>,
}

impl OpResult {
    /// Median throughput of library `i`.
    pub fn median(&self, i: usize) -> f64 {
        median(&self.per_library[i].1)
    }

    /// Median over rounds of library `i`'s throughput divided by the floor's in the same round,
    /// and the lowest and highest of those per-round ratios.
    pub fn ratio(&self, i: usize, floor: usize) -> (f64, f64, f64) {
        let ratios: Vec<f64> = self.per_library[i]
            .1
            .iter()
            .zip(&self.per_library[floor].1)
            .map(|(a, b)| if *b > 0.0 { a / b } else { 0.0 })
            .collect();
        let lo = ratios.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = ratios.iter().copied().fold(0.0, f64::max);
        (median(&ratios), lo, hi)
    }
}

/// Runs every operation at every concurrency: a warm-up per library, then `rounds` rounds of
/// `duration` per library, the starting library rotating each round.
///
/// # Errors
/// The first library error.
pub async fn run_all(
    libs: &mut [Library],
    ops: &[Op],
    concurrencies: &[usize],
    rounds: usize,
    duration: Duration,
) -> Result<Vec<OpResult>, BoxError> {
    let mut out = Vec::new();
    let mut seed = 1u64;
    for &concurrency in concurrencies {
        for &op in ops {
            for lib in libs.iter_mut() {
                measure(lib, op, concurrency, Duration::from_millis(300), seed).await?;
                seed += 1;
            }
            let mut per_library: Vec<(&'static str, Vec<f64>)> =
                libs.iter().map(|l| (l.name, Vec::new())).collect();
            for round in 0..rounds {
                for k in 0..libs.len() {
                    let i = (round + k) % libs.len();
                    let ops_per_s = measure(&mut libs[i], op, concurrency, duration, seed).await?;
                    seed += 1;
                    per_library[i].1.push(ops_per_s);
                }
            }
            let result = OpResult { op, concurrency, per_library };
            eprintln!(
                "  c={concurrency:<2} {:<17} {}",
                op.name(),
                (0..libs.len())
                    .map(|i| format!("{} {:.0}/s", result.per_library[i].0, result.median(i)))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
            out.push(result);
        }
    }
    Ok(out)
}
