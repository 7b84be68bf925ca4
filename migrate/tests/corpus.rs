//! Migrates every SQLite, PostgreSQL and MySQL schema of the real-world corpus
//! (the folder `ORM_CORPUS_DIR`) onto an empty database and checks the
//! round trip (apply → describe → diff is empty), then migrates back to an empty schema. Prints one table row per schema.
//! Schemas the parser rejects, and multi-schema (`@@schema`) models, which this crate does not
//! migrate yet, are reported and not counted as failures.

mod common;

use std::path::{Path, PathBuf};

use orm_migrate::{Connection, SqlDialect, calculate, describe, diff, render_script};
use orm_schema_parser::{ScalarFieldType, Schema};

/// The corpus of real-world schemas, from `ORM_CORPUS_DIR` only (CI sets it to the
/// `shared/corpus/schemas` folder beside the clone; the files belong to their projects and are not
/// in this repository). `None` when the variable is unset, after printing `skipped: set
/// ORM_CORPUS_DIR`.
///
/// # Panics
/// When the variable is unset and `ORM_REQUIRE_ALL_BACKENDS=1` (CI must not skip the corpus), or
/// when it names a folder that does not exist.
fn corpus_dir() -> Option<PathBuf> {
    match std::env::var_os("ORM_CORPUS_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(dir.is_dir(), "ORM_CORPUS_DIR={} is not a folder", dir.display());
            Some(dir)
        }
        None if std::env::var("ORM_REQUIRE_ALL_BACKENDS").as_deref() == Ok("1") => {
            panic!("ORM_CORPUS_DIR is not set but ORM_REQUIRE_ALL_BACKENDS=1")
        }
        None => {
            println!("skipped: set ORM_CORPUS_DIR to the folder of corpus schemas to run the corpus tests");
            None
        }
    }
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    out.sort();
    out
}

async fn round_trip(conn: &mut Connection, schema: &Schema) -> Result<usize, String> {
    let dialect = conn.dialect();
    let empty = describe(conn).await.map_err(|e| format!("describe: {e:?}"))?;
    let next = calculate(schema, dialect);
    let steps = diff(&empty, &next);
    let script = render_script(&steps, &empty, &next, dialect);
    conn.execute_script(&script).await.map_err(|e| format!("apply: {e}"))?;
    let described = describe(conn).await.map_err(|e| format!("describe: {e:?}"))?;
    let rest = diff(&described, &next);
    if !rest.is_empty() {
        return Err(format!("drift after apply:\n{}", render_script(&rest, &described, &next, dialect)));
    }
    // And back to nothing: drop steps (foreign keys, tables, enums) must run in a valid order.
    let nothing = orm_migrate::DatabaseSchema {
        extensions: described.extensions.clone(),
        ..orm_migrate::DatabaseSchema::empty(dialect)
    };
    let steps = diff(&described, &nothing);
    let script = render_script(&steps, &described, &nothing, dialect);
    conn.execute_script(&script).await.map_err(|e| format!("dropping everything: {e}"))?;
    let left = describe(conn).await.map_err(|e| format!("describe: {e:?}"))?;
    if !left.tables.is_empty() || !left.enums.is_empty() {
        return Err(format!(
            "dropping everything left {} tables and {} enums",
            left.tables.len(),
            left.enums.len()
        ));
    }
    Ok(next.tables.len())
}

async fn run(dialect: SqlDialect, test: &str) {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipping {test}: ORM_CORPUS_DIR is not set");
        return;
    };
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for path in entries(&dir) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let files = common::load_schema_path(&path);
        let schema = match common::parse_files(&files) {
            Ok(s) => s,
            Err(e) => {
                // Only report parse failures for this dialect's files.
                let provider_line =
                    files.iter().any(|f| f.text.contains(&format!("\"{}\"", common::dialect_name(dialect))));
                if provider_line {
                    rows.push(format!(
                        "| {name} | parse error | {} |",
                        e.lines().next().unwrap_or("").replace('|', "/")
                    ));
                }
                continue;
            }
        };
        let Some(provider) = schema.provider() else { continue };
        if SqlDialect::from_provider(provider) != Some(dialect)
            || provider == orm_schema_parser::Provider::Cockroachdb
        {
            continue;
        }
        if schema.models.iter().any(|m| m.schema.is_some()) {
            rows.push(format!("| {name} | skipped | multi-schema (`@@schema`) is not supported |"));
            continue;
        }
        let uses_postgis = schema.models.iter().flat_map(|m| &m.scalar_fields).any(|f| {
            matches!(&f.ty, ScalarFieldType::Unsupported(t) if t.contains("geography") || t.contains("geometry"))
        });
        let uses_citext = schema
            .models
            .iter()
            .flat_map(|m| &m.scalar_fields)
            .any(|f| f.native_type.as_ref().is_some_and(|n| n.name == "Citext"));
        let declared: Vec<String> = schema
            .datasource
            .as_ref()
            .map(|d| d.extensions.iter().map(|e| e.database_name().to_owned()).collect())
            .unwrap_or_default();
        let (mut conn, pg_db, cleanup) = if dialect == SqlDialect::Postgres {
            let Some((conn, admin, db)) = common::fresh_pg_database(test).await else { return };
            (conn, Some((admin, db)), String::new())
        } else {
            let Some((conn, cleanup)) = common::fresh(dialect, test).await else { return };
            (conn, None, cleanup)
        };
        let mut note = String::new();
        let mut missing = Vec::new();
        for ext in &declared {
            if conn.execute_script(&format!("CREATE EXTENSION IF NOT EXISTS \"{ext}\"")).await.is_err() {
                missing.push(ext.clone());
            }
        }
        if !missing.is_empty() {
            rows.push(format!(
                "| {name} | skipped | needs extension(s) {missing:?}, not available on this server |"
            ));
        } else if uses_postgis && conn.execute_script("CREATE EXTENSION IF NOT EXISTS postgis").await.is_err()
        {
            rows.push(format!(
                "| {name} | skipped | needs PostGIS, which this PostgreSQL server does not have |"
            ));
        } else {
            if uses_citext && !declared.iter().any(|e| e == "citext") {
                // The project creates the extension in a hand-written migration; do the same.
                conn.execute_script("CREATE EXTENSION IF NOT EXISTS citext").await.unwrap();
                note = " (citext created by hand: the schema does not declare it)".to_owned();
            }
            match round_trip(&mut conn, &schema).await {
                Ok(n) => rows.push(format!("| {name} | ok | {n} tables{note} |")),
                Err(e) => {
                    rows.push(format!(
                        "| {name} | FAIL | {} |",
                        e.lines().next().unwrap_or("").replace('|', "/")
                    ));
                    failures.push(format!("{name}: {e}"));
                }
            }
        }
        match pg_db {
            Some((admin, db)) => common::drop_pg_database(conn, &admin, &db).await,
            None => common::cleanup(conn, cleanup).await,
        }
    }
    eprintln!("{test}:\n| schema | result | detail |\n| --- | --- | --- |\n{}", rows.join("\n"));
    assert!(failures.is_empty(), "{} corpus schemas failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[tokio::test]
async fn corpus_sqlite() {
    run(SqlDialect::Sqlite, "corpus_sqlite").await;
}

#[tokio::test]
async fn corpus_postgres() {
    run(SqlDialect::Postgres, "corpus_postgres").await;
}

#[tokio::test]
async fn corpus_mysql() {
    run(SqlDialect::Mysql, "corpus_mysql").await;
}
