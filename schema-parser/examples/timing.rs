//! Times parsing and validation of each schema file given on the command line (mean of 10 runs):
//! `cargo run --release -p orm-schema-parser --example timing -- schema.prisma`.
//! Prints wall-clock time and, on Linux, the thread's CPU time (from `/proc/thread-self/schedstat`),
//! which is what to compare on a busy machine.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use orm_schema_parser::{Diagnostics, FileId, parse_schema, validate};

const RUNS: u32 = 10;

/// CPU time this thread has run so far, if the kernel tells (first field of `schedstat`, in ns).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall-clock and CPU time of `f`, divided by [`RUNS`].
fn measure(mut f: impl FnMut()) -> (Duration, Option<Duration>) {
    let cpu = thread_cpu();
    let start = Instant::now();
    for _ in 0..RUNS {
        f();
    }
    let wall = start.elapsed() / RUNS;
    let cpu = cpu.zip(thread_cpu()).map(|(a, b)| (b - a) / RUNS);
    (wall, cpu)
}

fn main() -> ExitCode {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("cannot read {path}: {err}");
                return ExitCode::FAILURE;
            }
        };
        let mut asts = Vec::new();
        let (parse_wall, parse_cpu) = measure(|| {
            let mut diagnostics = Diagnostics::new();
            asts = vec![parse_schema(&text, FileId(0), &mut diagnostics)];
        });
        let mut n_models = 0;
        let (validate_wall, validate_cpu) = measure(|| {
            let mut diagnostics = Diagnostics::new();
            n_models = validate(&asts, &mut diagnostics).models.len();
        });
        let cpu = |d: Option<Duration>| d.map_or_else(|| "unknown".to_owned(), |d| format!("{d:.2?}"));
        println!(
            "{path}: {n_models} models, {} bytes, parse {parse_wall:.2?} (cpu {}), validate {validate_wall:.2?} (cpu {})",
            text.len(),
            cpu(parse_cpu),
            cpu(validate_cpu),
        );
    }
    ExitCode::SUCCESS
}
