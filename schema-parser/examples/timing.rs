//! Times parsing and validation of each schema file given on the command line (mean of 10 runs):
//! `cargo run --release -p orm-schema-parser --example timing -- schema.prisma`.
//! Wall-clock figures; on a busy machine compare CPU time (`perf stat -e task-clock`).

use std::process::ExitCode;
use std::time::Instant;

use orm_schema_parser::{Diagnostics, FileId, parse_schema, validate};

const RUNS: u32 = 10;

fn main() -> ExitCode {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("cannot read {path}: {err}");
                return ExitCode::FAILURE;
            }
        };
        let start = Instant::now();
        let mut asts = Vec::new();
        for _ in 0..RUNS {
            let mut diagnostics = Diagnostics::new();
            asts = vec![parse_schema(&text, FileId(0), &mut diagnostics)];
        }
        let parse = start.elapsed() / RUNS;
        let start = Instant::now();
        let mut n_models = 0;
        for _ in 0..RUNS {
            let mut diagnostics = Diagnostics::new();
            n_models = validate(&asts, &mut diagnostics).models.len();
        }
        println!(
            "{path}: {n_models} models, {} bytes, parse {parse:?}, validate {:?}",
            text.len(),
            start.elapsed() / RUNS
        );
    }
    ExitCode::SUCCESS
}
