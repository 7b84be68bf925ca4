//! `orm-bench`: the generated client against hand-written raw tokio-postgres (the floor) and raw
//! sqlx on PostgreSQL, and against raw sqlx on SQLite, with interleaved rounds, median throughput,
//! ratios to the floor and PostgreSQL round trips per operation counted on the wire.
//!
//! Run: `cargo run --release -p orm-bench -- [--backend pg|sqlite|all] [--rounds 3] [--secs 1.5]
//! [--concurrency 1,8] [--ops find_by_pk,…] [--pg-url postgres://…/test] [--no-write]`.
//! Writes the tables to stdout and (unless `--no-write`) to `bench/results.md`.

#[allow(dead_code, missing_docs, clippy::all)]
mod client;
mod ops;
mod ours;
mod pg;
mod proxy;
mod runner;
mod sqlite;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use ops::Op;
use runner::{Library, OpResult, Worker};

/// Error type of the benchmark binary.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Command-line settings.
struct Args {
    pg: bool,
    sqlite: bool,
    rounds: usize,
    secs: f64,
    concurrency: Vec<usize>,
    ops: Vec<Op>,
    pg_url: String,
    write: bool,
    raw: Vec<String>,
}

fn parse_args() -> Result<Args, BoxError> {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let mut args = Args {
        pg: true,
        sqlite: true,
        rounds: 3,
        secs: 1.5,
        concurrency: vec![1, 8],
        ops: Op::ALL.to_vec(),
        pg_url: std::env::var("ORM_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned()),
        write: true,
        raw: raw.clone(),
    };
    let mut it = raw.into_iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--backend" => match value()?.as_str() {
                "pg" | "postgres" => (args.pg, args.sqlite) = (true, false),
                "sqlite" => (args.pg, args.sqlite) = (false, true),
                "all" => (args.pg, args.sqlite) = (true, true),
                other => return Err(format!("unknown backend `{other}`").into()),
            },
            "--rounds" => args.rounds = value()?.parse()?,
            "--secs" => args.secs = value()?.parse()?,
            "--concurrency" => {
                args.concurrency = value()?.split(',').map(str::parse).collect::<Result<_, _>>()?;
            }
            "--ops" => {
                let names = value()?;
                args.ops = names
                    .split(',')
                    .map(|n| Op::ALL.into_iter().find(|o| o.name() == n).ok_or(format!("unknown op `{n}`")))
                    .collect::<Result<_, _>>()?;
            }
            "--pg-url" => args.pg_url = value()?,
            "--no-write" => args.write = false,
            other => return Err(format!("unknown argument `{other}`").into()),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let args = parse_args()?;
    let command = std::iter::once("cargo run --release -p orm-bench --".to_owned())
        .chain(args.raw.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let mut report = String::new();
    let _ = writeln!(report, "# orm-bench results\n");
    let _ = writeln!(report, "Command: `{command}`\n");
    let _ = writeln!(
        report,
        "Run at {} UTC on {cores} cores; {} users, {} posts; {} rounds of {} s per library, per operation \
         and concurrency, libraries interleaved (starting library rotates each round) after a 0.3 s warm-up. \
         Ratio = median over rounds of (library ops/s ÷ floor ops/s in the same round); range = lowest–highest \
         per-round ratio.\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M"),
        ops::USERS,
        ops::POSTS,
        args.rounds,
        args.secs
    );
    let duration = Duration::from_secs_f64(args.secs);
    let max_c = args.concurrency.iter().copied().max().unwrap_or(1);
    if args.pg {
        postgres(&args, duration, max_c, &mut report).await?;
    }
    if args.sqlite {
        sqlite_section(&args, duration, max_c, &mut report).await?;
    }
    println!("{report}");
    if args.write {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/results.md");
        std::fs::write(path, &report)?;
        eprintln!("wrote {path}");
    }
    Ok(())
}

/// Prints (and records) where the generated client's SQL differs from the hand-written text.
fn check_sql(ours: &[(Op, String)], expected: &[(Op, &str)], report: &mut String) {
    let mut same = true;
    for ((op, got), (_, want)) in ours.iter().zip(expected) {
        if got != want {
            same = false;
            let _ = writeln!(report, "- SQL differs for `{}`:\n  - client: `{got}`\n  - raw: `{want}`", op.name());
        }
    }
    if same {
        let _ = writeln!(report, "The generated client renders exactly the hand-written SQL of the baselines (first statement of the include checked).\n");
    } else {
        report.push('\n');
    }
}

async fn postgres(args: &Args, duration: Duration, max_c: usize, report: &mut String) -> Result<(), BoxError> {
    eprintln!("PostgreSQL: seeding database orm_bench …");
    let t = Instant::now();
    let url = pg::setup(&args.pg_url, "orm_bench").await?;
    let seed_secs = t.elapsed().as_secs_f64();
    eprintln!("  seeded in {seed_secs:.1} s");

    let generated = client::Client::connect(&url).await?;
    let mut libs = vec![
        Library { name: "tokio-postgres (floor)", workers: Vec::new() },
        Library { name: "ours (generated client)", workers: Vec::new() },
        Library { name: "sqlx (PgConnection)", workers: Vec::new() },
    ];
    for _ in 0..max_c {
        libs[0].workers.push(Worker::Tpg(Box::new(pg::TpgWorker::connect(&url).await?)));
        libs[1].workers.push(Worker::Ours(generated.clone()));
        libs[2].workers.push(Worker::SqlxPg(pg::SqlxPgWorker::connect(&url).await?));
    }

    let _ = writeln!(
        report,
        "## PostgreSQL\n\nDatabase `orm_bench` (dropped and re-created), seeded in {seed_secs:.1} s with multi-row INSERTs. \
         Floor: raw tokio-postgres, one dedicated connection per task, statements prepared once. sqlx: one dedicated \
         `PgConnection` per task (its statement cache; statement logging off). Ours: one generated `Client` \
         (deadpool, 16 connections) shared by all tasks.\n"
    );
    check_sql(
        &ours::statements(&generated),
        &[(Op::FindByPk, pg::FIND_PK), (Op::FilteredList, pg::LIST), (Op::InsertOne, pg::INSERT), (Op::UpdateOne, pg::UPDATE), (Op::Include, pg::PARENTS)],
        report,
    );

    eprintln!("PostgreSQL: counting round trips through the proxy …");
    let trips = round_trips(&url, &args.ops).await?;

    eprintln!("PostgreSQL: measuring …");
    let results = runner::run_all(&mut libs, &args.ops, &args.concurrency, args.rounds, duration).await?;
    throughput_table(&results, report);

    let _ = writeln!(
        report,
        "\n### Round trips per operation (PostgreSQL)\n\nCounted on the wire by an in-process proxy (Sync `S` + simple \
         query `Q` frontend messages), concurrency 1, mean of 20 calls after 3 warm-up calls (statements already \
         prepared; a statement's first use on a connection adds one Parse round trip for ours and sqlx; \
         tokio-postgres prepares at connect).\n"
    );
    let _ = writeln!(report, "| operation | {} |", trips.names.join(" | "));
    let _ = writeln!(report, "|---|{}", "---:|".repeat(trips.names.len()));
    for (op, counts) in &trips.rows {
        let cells: Vec<String> = counts.iter().map(|c| format!("{c:.2}")).collect();
        let _ = writeln!(report, "| {} | {} |", op.name(), cells.join(" | "));
    }
    report.push('\n');
    Ok(())
}

/// Round trips per operation and library.
struct Trips {
    names: Vec<&'static str>,
    rows: Vec<(Op, Vec<f64>)>,
}

async fn round_trips(url: &str, ops_list: &[Op]) -> Result<Trips, BoxError> {
    let (authority, proxied) = proxy_url(url)?;
    let (port, counts) = proxy::start(authority).await?;
    let proxied = proxied.replace("{PORT}", &port.to_string());
    let mut workers = vec![
        Worker::Tpg(Box::new(pg::TpgWorker::connect(&proxied).await?)),
        Worker::Ours(client::Client::connect(&proxied).await?),
        Worker::SqlxPg(pg::SqlxPgWorker::connect(&proxied).await?),
    ];
    let names = vec!["tokio-postgres (floor)", "ours", "sqlx"];
    let mut rows = Vec::new();
    let mut rng = ops::Rng::new(7);
    for &op in ops_list {
        let mut per = Vec::new();
        for w in &mut workers {
            for _ in 0..3 {
                w.run(op, &mut rng).await?;
            }
            let before = counts.round_trips();
            for _ in 0..20 {
                w.run(op, &mut rng).await?;
            }
            per.push((counts.round_trips() - before) as f64 / 20.0);
        }
        rows.push((op, per));
    }
    Ok(Trips { names, rows })
}

/// Splits `url` into the server's `host:port` and the same URL pointing at `127.0.0.1:{PORT}`.
fn proxy_url(url: &str) -> Result<(String, String), BoxError> {
    let start = url.find("://").ok_or("no scheme in the PostgreSQL URL")? + 3;
    let rest = &url[start..];
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let hostport = if hostport.contains(':') { hostport.to_owned() } else { format!("{hostport}:5432") };
    let new_authority = match userinfo {
        Some(u) => format!("{u}@127.0.0.1:{{PORT}}"),
        None => "127.0.0.1:{PORT}".to_owned(),
    };
    Ok((hostport, format!("{}{}{}", &url[..start], new_authority, &rest[end..])))
}

async fn sqlite_section(args: &Args, duration: Duration, max_c: usize, report: &mut String) -> Result<(), BoxError> {
    let dir = std::env::temp_dir().join(format!("orm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    eprintln!("SQLite: seeding {} …", dir.display());
    let t = Instant::now();
    let path = sqlite::setup(&dir).await?;
    let seed_secs = t.elapsed().as_secs_f64();
    eprintln!("  seeded in {seed_secs:.1} s");

    let generated = client::Client::connect(&format!("sqlite://{}", path.display())).await?;
    let max = u32::try_from(max_c).unwrap_or(8);
    let pool = sqlite::SqlxLite::pool(&path, max).await?;
    let mut libs = vec![
        Library { name: "sqlx SqlitePool (floor)", workers: Vec::new() },
        Library { name: "ours (generated client)", workers: Vec::new() },
        Library { name: "sqlx SqliteConnection", workers: Vec::new() },
    ];
    for _ in 0..max_c {
        libs[0].workers.push(Worker::SqlxLite(sqlite::SqlxLite::Pool(pool.clone())));
        libs[1].workers.push(Worker::Ours(generated.clone()));
        libs[2].workers.push(Worker::SqlxLite(sqlite::SqlxLite::conn(&path).await?));
    }
    let _ = writeln!(
        report,
        "## SQLite\n\nFile in a temporary folder, WAL, `synchronous = NORMAL`, foreign keys on; seeded in {seed_secs:.1} s. \
         Floor: raw sqlx `SqlitePool` (default pool options, max connections = highest concurrency), since rusqlite \
         (the design's SQLite floor) is not a workspace dependency. Also shown: raw sqlx on one dedicated \
         `SqliteConnection` per task. Ours: one generated `Client` (its own pool, 8 connections). No wire, so no \
         round-trip counts; each library runs one statement per operation (two for the include).\n"
    );
    check_sql(
        &ours::statements(&generated),
        &[(Op::FindByPk, sqlite::FIND_PK), (Op::FilteredList, sqlite::LIST), (Op::InsertOne, sqlite::INSERT), (Op::UpdateOne, sqlite::UPDATE), (Op::Include, sqlite::PARENTS)],
        report,
    );
    eprintln!("SQLite: measuring …");
    let results = runner::run_all(&mut libs, &args.ops, &args.concurrency, args.rounds, duration).await?;
    throughput_table(&results, report);
    report.push('\n');
    drop(libs);
    pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn throughput_table(results: &[OpResult], report: &mut String) {
    let _ = writeln!(report, "| operation | tasks | library | median ops/s | ratio to floor | per-round range |");
    let _ = writeln!(report, "|---|---:|---|---:|---:|---|");
    for r in results {
        for (i, (name, _)) in r.per_library.iter().enumerate() {
            let (ratio, lo, hi) = r.ratio(i, 0);
            let _ = writeln!(
                report,
                "| {} | {} | {name} | {:.0} | {ratio:.2} | {lo:.2}–{hi:.2} |",
                r.op.name(),
                r.concurrency,
                r.median(i)
            );
        }
    }
}
