//! Round trip on real databases: `calculate(schema)` → render → apply to an empty database →
//! `describe` → `diff` against `calculate(schema)` must be empty. Runs every
//! `tests/diff/<case>/after.prisma`, and each `before.prisma` → `after.prisma` migration, on SQLite
//! (always), PostgreSQL (`ORM_TEST_POSTGRES_URL`) and MariaDB/MySQL (`ORM_TEST_MYSQL_URL`).

mod common;

use orm_migrate::{Connection, DatabaseSchema, SqlDialect, calculate, describe, diff, render_script};
use orm_schema_parser::Schema;

/// Migrates `conn` from what it has to `schema`, then checks that describe → diff is empty.
/// Returns an error message naming the case, the script and the remaining steps.
pub async fn migrate_and_check(conn: &mut Connection, schema: &Schema, case: &str) -> Result<(), String> {
    let dialect = conn.dialect();
    let previous = describe(conn).await.map_err(|e| format!("{case}: describe failed: {e:?}"))?;
    let next = calculate(schema, dialect);
    let steps = diff(&previous, &next);
    let script = render_script(&steps, &previous, &next, dialect);
    conn.execute_script(&script).await.map_err(|e| format!("{case}: applying failed: {e}\n{script}"))?;
    let described = describe(conn).await.map_err(|e| format!("{case}: describe failed: {e:?}"))?;
    let remaining = diff(&described, &next);
    if !remaining.is_empty() {
        let rest = render_script(&remaining, &described, &next, dialect);
        return Err(format!(
            "{case} ({dialect:?}): round trip not empty:\n{rest}\n--- applied script:\n{script}"
        ));
    }
    Ok(())
}

fn cases() -> Vec<(String, Option<Schema>, Schema, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let after_text = std::fs::read_to_string(dir.join("after.prisma")).unwrap();
        let before_text = std::fs::read_to_string(dir.join("before.prisma")).unwrap_or_default();
        let after = common::parse("after.prisma", &after_text).unwrap();
        let before =
            (!before_text.trim().is_empty()).then(|| common::parse("before.prisma", &before_text).unwrap());
        out.push((dir.file_name().unwrap().to_string_lossy().into_owned(), before, after, after_text));
    }
    out
}

fn wants(text: &str, dialect: SqlDialect) -> bool {
    match text.lines().next().and_then(|l| l.strip_prefix("// dialects:")) {
        None => true,
        Some(list) => list.split(',').any(|d| d.trim() == common::dialect_name(dialect)),
    }
}

async fn run(dialect: SqlDialect, test: &str) {
    let mut failures = Vec::new();
    let mut n = 0;
    for (case, before, after, text) in cases() {
        if !wants(&text, dialect) {
            continue;
        }
        // Fresh database: create `after` directly.
        let Some((mut conn, cleanup)) = common::fresh(dialect, test).await else { return };
        if let Err(e) = migrate_and_check(&mut conn, &after, &case).await {
            failures.push(e);
        }
        common::cleanup(conn, cleanup).await;
        n += 1;
        // Migration: create `before`, then migrate to `after`.
        if let Some(before) = before {
            let Some((mut conn, cleanup)) = common::fresh(dialect, test).await else { return };
            let res = async {
                migrate_and_check(&mut conn, &before, &format!("{case} (before)")).await?;
                migrate_and_check(&mut conn, &after, &format!("{case} (before → after)")).await
            }
            .await;
            if let Err(e) = res {
                failures.push(e);
            }
            common::cleanup(conn, cleanup).await;
            n += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} round trips failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    eprintln!("{test}: {n} round trips ok");
}

#[tokio::test]
async fn roundtrip_sqlite() {
    run(SqlDialect::Sqlite, "roundtrip_sqlite").await;
}

#[tokio::test]
async fn roundtrip_postgres() {
    run(SqlDialect::Postgres, "roundtrip_postgres").await;
}

#[tokio::test]
async fn roundtrip_mysql() {
    run(SqlDialect::Mysql, "roundtrip_mysql").await;
}

#[test]
fn empty_schema_diff_is_empty() {
    let empty = DatabaseSchema::empty(SqlDialect::Postgres);
    assert!(diff(&empty, &empty).is_empty());
}
