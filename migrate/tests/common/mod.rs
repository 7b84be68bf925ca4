//! Shared helpers for the integration tests: parsing, database URLs, unique PostgreSQL schemas.
#![allow(dead_code)]

use std::path::Path;

use orm_migrate::{Connection, SqlDialect, connect};
use orm_schema_parser::{Schema, SourceFile, parse_and_validate};

/// Parses `text`; returns the rendered errors when the schema is invalid.
pub fn parse(path: &str, text: &str) -> Result<Schema, String> {
    parse_files(&[SourceFile { path: path.to_owned(), text: text.to_owned() }])
}

/// Parses several files as one schema; returns the rendered errors when the schema is invalid.
pub fn parse_files(files: &[SourceFile]) -> Result<Schema, String> {
    let (schema, diagnostics) = parse_and_validate(files);
    if diagnostics.has_errors() {
        let f: Vec<(&str, &str)> = files.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
        return Err(diagnostics.render_plain(&f));
    }
    Ok(schema)
}

/// Loads a `.prisma` file or a folder of `.prisma` files (recursively, sorted).
pub fn load_schema_path(path: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    if path.is_dir() {
        let mut stack = vec![path.to_owned()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "prisma") {
                    files.push(p);
                }
            }
        }
        files.sort();
    } else {
        files.push(path.to_owned());
    }
    files
        .into_iter()
        .map(|p| SourceFile { text: std::fs::read_to_string(&p).unwrap(), path: p.display().to_string() })
        .collect()
}

/// The URL from `var`, or `None` with a printed skip message; panics (fails the test) when
/// `ORM_REQUIRE_ALL_BACKENDS=1` and the variable is unset.
pub fn url_or_skip(var: &str, test: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("ORM_REQUIRE_ALL_BACKENDS").as_deref() == Ok("1") {
                panic!("{var} is not set but ORM_REQUIRE_ALL_BACKENDS=1 ({test})");
            }
            eprintln!("skipping {test}: {var} is not set");
            None
        }
    }
}

/// A fresh database connection for `dialect`: SQLite in memory, a new PostgreSQL schema (first on
/// the search path) or a new MySQL database. Returns the connection and a cleanup script.
pub async fn fresh(dialect: SqlDialect, test: &str) -> Option<(Connection, String)> {
    let unique = format!("t_{}", uuid::Uuid::new_v4().simple());
    match dialect {
        SqlDialect::Sqlite => Some((connect("sqlite::memory:").await.unwrap(), String::new())),
        SqlDialect::Postgres => {
            let url = url_or_skip("ORM_TEST_POSTGRES_URL", test)?;
            let mut conn = connect(&url).await.unwrap();
            conn.execute_script(&format!("CREATE SCHEMA \"{unique}\"; SET search_path TO \"{unique}\""))
                .await
                .unwrap();
            Some((conn, format!("SET search_path TO public; DROP SCHEMA \"{unique}\" CASCADE")))
        }
        SqlDialect::Mysql => {
            let url = url_or_skip("ORM_TEST_MYSQL_URL", test)?;
            let mut conn = connect(&url).await.unwrap();
            conn.execute_script(&format!("CREATE DATABASE `{unique}`; USE `{unique}`")).await.unwrap();
            Some((conn, format!("DROP DATABASE `{unique}`")))
        }
    }
}

/// Runs the cleanup script returned by [`fresh`] and closes the connection.
pub async fn cleanup(mut conn: Connection, script: String) {
    if !script.is_empty() {
        conn.execute_script(&script).await.unwrap();
    }
    conn.close().await;
}

/// Name used in snapshot files and messages.
pub fn dialect_name(d: SqlDialect) -> &'static str {
    match d {
        SqlDialect::Sqlite => "sqlite",
        SqlDialect::Postgres => "postgresql",
        SqlDialect::Mysql => "mysql",
    }
}

/// A new PostgreSQL database (not just a schema), for tests that install extensions, which exist
/// once per database. Returns the connection and a function-free cleanup: `(conn, admin_url, name)`.
pub async fn fresh_pg_database(test: &str) -> Option<(Connection, String, String)> {
    let url = url_or_skip("ORM_TEST_POSTGRES_URL", test)?;
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut admin = connect(&url).await.unwrap();
    admin.execute_script(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
    admin.close().await;
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b.to_owned(), format!("?{q}")),
        None => (url.clone(), String::new()),
    };
    let prefix = base.rsplit_once('/').map(|(p, _)| p.to_owned()).unwrap_or(base);
    let conn = connect(&format!("{prefix}/{name}{query}")).await.unwrap();
    Some((conn, url, name))
}

/// Drops a database made by [`fresh_pg_database`].
pub async fn drop_pg_database(conn: Connection, admin_url: &str, name: &str) {
    conn.close().await;
    let mut admin = connect(admin_url).await.unwrap();
    admin.execute_script(&format!("DROP DATABASE \"{name}\" WITH (FORCE)")).await.unwrap();
    admin.close().await;
}
