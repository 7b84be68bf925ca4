//! Criterion benchmark of the schema pipeline: parse → validate → generate, each stage alone and end
//! to end, on the largest corpus schema (inbox-zero, 73 models) and on synthetic schemas of 500, 1,000
//! and 5,000 models. Run with `cargo bench -p orm-codegen --bench pipeline`; figures are kept in
//! `codegen/benches/RESULTS.md`.
//!
//! Every synthetic model has ten scalar fields of mixed types (one `@unique`, one enum with a
//! default, one `@map`), a compound `@@index`, a `@@map`, a 1-n relation to the previous model and
//! the back-relation list to the next one, so validation and codegen see realistic work per model.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orm_codegen::{GenerateOptions, generate};
use orm_schema_parser::{Diagnostics, FileId, SourceFile, parse_and_validate, parse_schema, validate};

/// Synthetic schema sizes, in models.
const SYNTHETIC_SIZES: [usize; 3] = [500, 1_000, 5_000];

/// The largest schema of the corpus, a file in the folder `ORM_CORPUS_DIR`.
const CORPUS_SCHEMA: &str = "elie222__inbox-zero__apps-web.prisma";

/// Builds a valid PostgreSQL schema of `models` models (`Model0` … `Model{n-1}`); `Model{i}` points
/// at `Model{i-1}` through `prevId` and lists `Model{i+1}` through `next`.
fn synthetic_schema(models: usize) -> String {
    let mut s = String::with_capacity(models * 900);
    s.push_str("datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\n");
    s.push_str("generator client {\n  provider = \"orm-rust\"\n}\n\n");
    s.push_str(
        "enum Status {\n  ACTIVE\n  INACTIVE @map(\"inactive\")\n  PENDING\n\n  @@map(\"status\")\n}\n\n",
    );
    for i in 0..models {
        let _ = writeln!(s, "/// Synthetic model number {i}.");
        let _ = writeln!(s, "model Model{i} {{");
        s.push_str("  id        Int      @id @default(autoincrement())\n");
        s.push_str("  email     String   @unique @db.VarChar(255)\n");
        s.push_str("  name      String?\n");
        s.push_str("  age       Int      @default(0)\n");
        s.push_str("  score     Float?\n");
        s.push_str("  balance   Decimal  @db.Decimal(12, 2)\n");
        s.push_str("  active    Boolean  @default(true)\n");
        s.push_str("  counter   BigInt   @default(0)\n");
        s.push_str("  payload   Json?\n");
        s.push_str("  createdAt DateTime @default(now()) @map(\"created_at\")\n");
        s.push_str("  updatedAt DateTime @updatedAt @map(\"updated_at\")\n");
        s.push_str("  status    Status   @default(ACTIVE)\n");
        if i > 0 {
            s.push_str("  prevId    Int?     @map(\"prev_id\")\n");
            let _ = writeln!(
                s,
                "  prev      Model{}? @relation(fields: [prevId], references: [id], onDelete: SetNull)",
                i - 1
            );
        }
        if i + 1 < models {
            let _ = writeln!(s, "  next      Model{}[]", i + 1);
        }
        s.push_str("\n  @@index([name, age])\n");
        let _ = writeln!(s, "  @@map(\"model_{i}\")");
        s.push_str("}\n\n");
    }
    s
}

/// Reads the inbox-zero corpus schema from the folder `ORM_CORPUS_DIR`, if it is set.
fn corpus_schema() -> Option<String> {
    let dir = PathBuf::from(std::env::var_os("ORM_CORPUS_DIR")?);
    std::fs::read_to_string(dir.join(CORPUS_SCHEMA)).ok()
}

/// One-shot timings above this end-to-end time skip the criterion runs of that size (criterion
/// takes at least 10 samples per function), so a super-linear stage cannot make the run take hours.
const CRITERION_BUDGET: Duration = Duration::from_secs(3);

/// Runs the whole pipeline once, stage by stage, and prints sizes (input bytes, generated client
/// bytes, per model) and one-shot timings (ms per stage, ns per model). Returns the model count and
/// the end-to-end time, or `None` for a schema that does not validate or generate.
fn one_shot(label: &str, files: &[SourceFile]) -> Option<(usize, Duration)> {
    let start = Instant::now();
    let mut diagnostics = Diagnostics::new();
    let asts: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, f)| parse_schema(&f.text, FileId(i as u32), &mut diagnostics))
        .collect();
    let parsed = start.elapsed();
    let schema = validate(&asts, &mut diagnostics);
    let validated = start.elapsed();
    if diagnostics.has_errors() {
        eprintln!("pipeline bench: {label}: schema has errors, skipped: {diagnostics:?}");
        return None;
    }
    let client = match generate(&schema, &GenerateOptions::default()) {
        Ok(client) => client,
        Err(err) => {
            eprintln!("pipeline bench: {label}: generate failed, skipped: {err}");
            return None;
        }
    };
    let total = start.elapsed();
    let models = schema.models.len();
    let input: usize = files.iter().map(|f| f.text.len()).sum();
    let per_model = |d: Duration| d.as_nanos() / models.max(1) as u128;
    eprintln!(
        "pipeline bench: {label}: {models} models, schema {input} bytes, client.rs {} bytes ({} bytes/model), {} lines",
        client.source.len(),
        client.source.len() / models.max(1),
        client.source.lines().count(),
    );
    eprintln!(
        "pipeline bench: {label}: one-shot parse {:.1} ms ({} ns/model), validate {:.1} ms ({} ns/model), \
         generate {:.1} ms ({} ns/model), end to end {:.1} ms ({} ns/model)",
        parsed.as_secs_f64() * 1e3,
        per_model(parsed),
        (validated - parsed).as_secs_f64() * 1e3,
        per_model(validated - parsed),
        (total - validated).as_secs_f64() * 1e3,
        per_model(total - validated),
        total.as_secs_f64() * 1e3,
        per_model(total),
    );
    Some((models, total))
}

/// Benchmarks each stage and the whole pipeline for one schema.
fn bench_schema(c: &mut Criterion, label: &str, text: String, samples: usize, seconds: u64) {
    let files = vec![SourceFile { path: format!("{label}.prisma"), text }];
    let Some((models, total)) = one_shot(label, &files) else { return };
    if total > CRITERION_BUDGET {
        eprintln!(
            "pipeline bench: {label}: one-shot end to end took {:.1} s > {:?}: criterion runs skipped",
            total.as_secs_f64(),
            CRITERION_BUDGET
        );
        return;
    }

    let mut group = c.benchmark_group(format!("pipeline/{label}"));
    group.sample_size(samples);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(seconds));
    group.throughput(Throughput::Elements(models as u64));

    group.bench_function(BenchmarkId::new("parse", models), |b| {
        b.iter(|| {
            let mut diagnostics = Diagnostics::new();
            black_box(parse_schema(black_box(&files[0].text), FileId(0), &mut diagnostics))
        })
    });

    let mut diagnostics = Diagnostics::new();
    let asts = vec![parse_schema(&files[0].text, FileId(0), &mut diagnostics)];
    group.bench_function(BenchmarkId::new("validate", models), |b| {
        b.iter(|| {
            let mut diagnostics = Diagnostics::new();
            black_box(validate(black_box(&asts), &mut diagnostics))
        })
    });

    let (schema, _) = parse_and_validate(&files);
    let options = GenerateOptions::default();
    group.bench_function(BenchmarkId::new("generate", models), |b| {
        b.iter(|| black_box(generate(black_box(&schema), &options)))
    });

    group.bench_function(BenchmarkId::new("end_to_end", models), |b| {
        b.iter(|| {
            let (schema, diagnostics) = parse_and_validate(black_box(&files));
            black_box(diagnostics);
            black_box(generate(&schema, &options))
        })
    });
    group.finish();
}

/// Benchmark entry: the corpus schema, then the synthetic sizes with fewer samples as they grow.
fn pipeline(c: &mut Criterion) {
    match corpus_schema() {
        Some(text) => bench_schema(c, "inbox_zero", text, 30, 5),
        None => eprintln!("pipeline bench: {CORPUS_SCHEMA} not found (set ORM_CORPUS_DIR), skipped"),
    }
    for models in SYNTHETIC_SIZES {
        let (samples, seconds) = if models >= 5_000 { (10, 20) } else { (10, 5) };
        bench_schema(c, &format!("synthetic_{models}"), synthetic_schema(models), samples, seconds);
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
