//! Applying migrations with a history table, `status`, the shadow-database diff for
//! `migrate dev`, `reset` and `push` (for `db push`).

use sqlx::AssertSqlSafe;
use sqlx::Connection as _;

use orm_schema_parser::Schema;

use crate::connection::{Connection, with_conn};
use crate::history::{MigrationFile, history_table_ddl};
use crate::{DatabaseSchema, Error, Result, SqlDialect, calculate, describe, diff, render_script};

/// What [`apply_pending`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// Names of the migrations applied by this call, in order.
    pub applied: Vec<String>,
}

/// The state of the migration history compared with the migrations directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Migrations applied successfully (and not rolled back), in file order.
    pub applied: Vec<String>,
    /// Migrations on disk not yet applied, in file order.
    pub pending: Vec<String>,
    /// Migrations recorded as failed and not resolved.
    pub failed: Vec<String>,
    /// Applied migrations whose file checksum differs from the recorded one.
    pub edited: Vec<String>,
    /// Migrations in the history table that have no directory on disk.
    pub missing_locally: Vec<String>,
}

#[derive(Debug)]
struct HistoryRow {
    checksum: String,
    name: String,
    finished: bool,
    rolled_back: bool,
}

fn placeholder(dialect: SqlDialect, n: usize) -> String {
    match dialect {
        SqlDialect::Postgres => format!("${n}"),
        SqlDialect::Sqlite | SqlDialect::Mysql => "?".to_owned(),
    }
}

async fn history_exists(conn: &mut Connection) -> Result<bool> {
    let sql = match conn.dialect() {
        SqlDialect::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_orm_migrations'"
        }
        SqlDialect::Postgres => {
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '_orm_migrations'"
        }
        SqlDialect::Mysql => {
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '_orm_migrations'"
        }
    };
    let n: i64 = with_conn!(conn, c => sqlx::query_scalar(sql).persistent(false).fetch_one(&mut *c).await)
        .map_err(Error::db("checking for the history table"))?;
    Ok(n > 0)
}

async fn ensure_history(conn: &mut Connection) -> Result<()> {
    let ddl = history_table_ddl(conn.dialect());
    conn.execute_script(ddl).await.map_err(Error::db("creating the history table `_orm_migrations`"))
}

async fn read_history(conn: &mut Connection) -> Result<Vec<HistoryRow>> {
    if !history_exists(conn).await? {
        return Ok(Vec::new());
    }
    let q = |n: &str| match conn.dialect() {
        SqlDialect::Mysql => format!("`{n}`"),
        _ => format!("\"{n}\""),
    };
    let sql = format!(
        "SELECT {checksum}, {name}, CASE WHEN {finished} IS NULL THEN 'n' ELSE 'y' END, \
         CASE WHEN {rolled} IS NULL THEN 'n' ELSE 'y' END FROM {table} ORDER BY {started}, {name}",
        checksum = q("checksum"),
        name = q("migration_name"),
        finished = q("finished_at"),
        rolled = q("rolled_back_at"),
        table = q("_orm_migrations"),
        started = q("started_at"),
    );
    let rows: Vec<(String, String, String, String)> =
        with_conn!(conn, c => sqlx::query_as(AssertSqlSafe(sql)).fetch_all(&mut *c).await)
            .map_err(Error::db("reading the history table `_orm_migrations`"))?;
    Ok(rows
        .into_iter()
        .map(|(checksum, name, finished, rolled)| HistoryRow {
            checksum,
            name,
            finished: finished == "y",
            rolled_back: rolled == "y",
        })
        .collect())
}

fn insert_sql(dialect: SqlDialect, finished: bool) -> String {
    let p = |n| placeholder(dialect, n);
    let q = |n: &str| crate::render::quote_ident(dialect, n);
    format!(
        "INSERT INTO {} ({}, {}, {}, {}, {}, {}, {}) VALUES ({}, {}, {}, CURRENT_TIMESTAMP, {}, {}, {})",
        q("_orm_migrations"),
        q("id"),
        q("checksum"),
        q("migration_name"),
        q("started_at"),
        q("finished_at"),
        q("logs"),
        q("applied_steps_count"),
        p(1),
        p(2),
        p(3),
        if finished { "CURRENT_TIMESTAMP" } else { "NULL" },
        p(4),
        p(5),
    )
}

/// Checks the history against `files`: refuses while a failed migration is recorded, or when an
/// applied migration's file changed. Returns the pending migrations.
fn pending<'f>(history: &[HistoryRow], files: &'f [MigrationFile]) -> Result<Vec<&'f MigrationFile>> {
    if let Some(failed) = history.iter().find(|r| !r.finished && !r.rolled_back) {
        return Err(Error::FailedMigrationRecorded { migration: failed.name.clone() });
    }
    let mut out = Vec::new();
    for file in files {
        match history.iter().find(|r| r.name == file.name && r.finished && !r.rolled_back) {
            Some(row) if row.checksum != file.checksum => {
                return Err(Error::EditedMigration { migration: file.name.clone(), path: file.path.clone() });
            }
            Some(_) => {}
            None => out.push(file),
        }
    }
    Ok(out)
}

/// Applies every migration of `files` (sorted by name) that the history table does not list as
/// applied, creating the history table `_orm_migrations` if needed.
///
/// On PostgreSQL and SQLite each migration runs in one transaction together with its history row.
/// When a script fails, the transaction is rolled back, then the migration is recorded as failed
/// (`finished_at` NULL, `logs` = the error) and [`Error::MigrationFailed`] is returned. MySQL
/// cannot roll back DDL, so a failure there may leave part of the script applied.
///
/// # Errors
/// [`Error::FailedMigrationRecorded`] while a failed migration is recorded;
/// [`Error::EditedMigration`] when an applied migration's file checksum changed;
/// [`Error::MigrationFailed`]; [`Error::Database`] for history table problems.
pub async fn apply_pending(conn: &mut Connection, files: &[MigrationFile]) -> Result<ApplyReport> {
    lock(conn).await?;
    let res = apply_pending_locked(conn, files).await;
    unlock(conn).await?;
    res
}

/// Arbitrary key of the advisory lock that serialises migration runs on one database.
const LOCK_KEY: i64 = 0x6f72_6d5f_6d69;

/// Takes the migration lock so two `apply_pending` runs cannot interleave: a session advisory
/// lock on PostgreSQL (<https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS>),
/// a named lock on MySQL (<https://dev.mysql.com/doc/refman/8.0/en/locking-functions.html>); SQLite
/// serialises writers itself.
async fn lock(conn: &mut Connection) -> Result<()> {
    match conn {
        Connection::Postgres(c) => {
            sqlx::query("SELECT pg_advisory_lock($1)").bind(LOCK_KEY).execute(&mut *c).await.map(|_| ())
        }
        Connection::Mysql(c) => sqlx::query("SELECT GET_LOCK(?, 600)")
            .bind(format!("orm_migrate_{LOCK_KEY}"))
            .execute(&mut *c)
            .await
            .map(|_| ()),
        Connection::Sqlite(_) => Ok(()),
    }
    .map_err(Error::db("taking the migration lock"))
}

async fn unlock(conn: &mut Connection) -> Result<()> {
    match conn {
        Connection::Postgres(c) => {
            sqlx::query("SELECT pg_advisory_unlock($1)").bind(LOCK_KEY).execute(&mut *c).await.map(|_| ())
        }
        Connection::Mysql(c) => sqlx::query("SELECT RELEASE_LOCK(?)")
            .bind(format!("orm_migrate_{LOCK_KEY}"))
            .execute(&mut *c)
            .await
            .map(|_| ()),
        Connection::Sqlite(_) => Ok(()),
    }
    .map_err(Error::db("releasing the migration lock"))
}

/// Marks the failed migration `migration` as rolled back (sets `rolled_back_at`), after the
/// user has repaired the database by hand, so [`apply_pending`] runs it again. Like
/// `prisma migrate resolve --rolled-back`.
///
/// # Errors
/// [`Error::Unsupported`] when no unresolved failed migration has that name; [`Error::Database`].
pub async fn mark_rolled_back(conn: &mut Connection, migration: &str) -> Result<()> {
    let dialect = conn.dialect();
    let q = |n: &str| crate::render::quote_ident(dialect, n);
    let sql = format!(
        "UPDATE {} SET {} = CURRENT_TIMESTAMP WHERE {} = {} AND {} IS NULL AND {} IS NULL",
        q("_orm_migrations"),
        q("rolled_back_at"),
        q("migration_name"),
        placeholder(dialect, 1),
        q("finished_at"),
        q("rolled_back_at"),
    );
    if !history_exists(conn).await? {
        return Err(Error::Unsupported(format!("no failed migration named `{migration}` is recorded")));
    }
    let n = with_conn!(conn, c => sqlx::query(AssertSqlSafe(sql)).bind(migration).execute(&mut *c).await.map(|r| r.rows_affected()))
        .map_err(Error::db(format!("marking migration `{migration}` as rolled back")))?;
    if n == 0 {
        return Err(Error::Unsupported(format!("no failed migration named `{migration}` is recorded")));
    }
    Ok(())
}

/// Records `file` as applied without running it (the user applied it by hand), like
/// `prisma migrate resolve --applied`. A failed record of the same migration is marked rolled back.
///
/// # Errors
/// [`Error::Database`].
pub async fn mark_applied(conn: &mut Connection, file: &MigrationFile) -> Result<()> {
    ensure_history(conn).await?;
    let _ = mark_rolled_back(conn, &file.name).await;
    let sql = insert_sql(conn.dialect(), true);
    let id = uuid::Uuid::new_v4().to_string();
    with_conn!(conn, c => sqlx::query(AssertSqlSafe(sql))
        .bind(&id).bind(&file.checksum).bind(&file.name).bind(None::<String>).bind(0i32)
        .execute(&mut *c).await.map(|_| ()))
    .map_err(Error::db(format!("recording migration `{}` as applied", file.name)))
}

async fn apply_pending_locked(conn: &mut Connection, files: &[MigrationFile]) -> Result<ApplyReport> {
    ensure_history(conn).await?;
    let history = read_history(conn).await?;
    let todo = pending(&history, files)?;
    let dialect = conn.dialect();
    let mut report = ApplyReport::default();
    for file in todo {
        let id = uuid::Uuid::new_v4().to_string();
        let script = file.script.clone();
        let ok_insert = insert_sql(dialect, true);
        let record = Some((ok_insert.clone(), id.clone(), file.checksum.clone(), file.name.clone()));
        let outcome: std::result::Result<(), sqlx::Error> = match conn {
            Connection::Mysql(c) => {
                // MySQL commits DDL implicitly, so the history row is written after the script.
                // Source: <https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html>.
                match sqlx::raw_sql(AssertSqlSafe(script)).execute(&mut *c).await {
                    Ok(_) => sqlx::query(AssertSqlSafe(ok_insert.clone()))
                        .bind(&id)
                        .bind(&file.checksum)
                        .bind(&file.name)
                        .bind(None::<String>)
                        .bind(1i32)
                        .execute(&mut *c)
                        .await
                        .map(|_| ()),
                    Err(e) => Err(e),
                }
            }
            Connection::Sqlite(c) => apply_in_tx!(c, script, record),
            Connection::Postgres(c) => apply_in_tx!(c, script, record),
        };
        match outcome {
            Ok(()) => report.applied.push(file.name.clone()),
            Err(e) => {
                let message = e.to_string();
                let failed_insert = insert_sql(dialect, false);
                with_conn!(&mut *conn, c => sqlx::query(AssertSqlSafe(failed_insert))
                    .bind(&id).bind(&file.checksum).bind(&file.name).bind(Some(message.clone())).bind(0i32)
                    .execute(&mut *c).await.map(|_| ()))
                .map_err(Error::db(format!("recording failed migration `{}`", file.name)))?;
                return Err(Error::MigrationFailed { migration: file.name.clone(), message });
            }
        }
    }
    Ok(report)
}

/// SQLite migrations run with foreign key enforcement off (see [`Connection::Sqlite`]), so check
/// the whole database before committing. Source: <https://www.sqlite.org/pragma.html#pragma_foreign_key_check>.
/// A no-op on other databases.
async fn check_foreign_keys<C: CheckForeignKeys>(c: C) -> std::result::Result<(), sqlx::Error> {
    c.check_foreign_keys().await
}

trait CheckForeignKeys {
    async fn check_foreign_keys(self) -> std::result::Result<(), sqlx::Error>;
}

impl CheckForeignKeys for &mut sqlx::SqliteConnection {
    async fn check_foreign_keys(self) -> std::result::Result<(), sqlx::Error> {
        let rows: Vec<(String, Option<i64>, String)> =
            sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
                .fetch_all(self)
                .await?;
        match rows.first() {
            None => Ok(()),
            Some((table, rowid, parent)) => Err(sqlx::Error::Protocol(format!(
                "foreign key check failed: {} row(s) violate foreign keys, e.g. row {} of `{table}` references a missing row of `{parent}`",
                rows.len(),
                rowid.map(|r| r.to_string()).unwrap_or_else(|| "?".to_owned())
            ))),
        }
    }
}

impl CheckForeignKeys for &mut sqlx::PgConnection {
    async fn check_foreign_keys(self) -> std::result::Result<(), sqlx::Error> {
        Ok(())
    }
}

/// Runs `$script` in a transaction on `$c`, together with the history row insert `$record`
/// (`Option<(sql, id, checksum, name)>`), rolling back on error.
macro_rules! apply_in_tx {
    ($c:expr, $script:expr, $record:expr) => {{
        match $c.begin().await {
            Err(e) => Err(e),
            Ok(mut tx) => {
                let mut res = sqlx::raw_sql(AssertSqlSafe($script)).execute(&mut *tx).await.map(|_| ());
                if res.is_ok() {
                    res = check_foreign_keys(&mut *tx).await;
                }
                if res.is_ok()
                    && let Some((sql, id, checksum, name)) = $record
                {
                    res = sqlx::query(AssertSqlSafe(sql))
                        .bind(id)
                        .bind(checksum)
                        .bind(name)
                        .bind(None::<String>)
                        .bind(1i32)
                        .execute(&mut *tx)
                        .await
                        .map(|_| ());
                }
                match res {
                    Ok(()) => tx.commit().await,
                    Err(e) => {
                        let _ = tx.rollback().await;
                        Err(e)
                    }
                }
            }
        }
    }};
}
use apply_in_tx;

/// Compares the history table with `files`: applied, pending, failed, edited and
/// missing-locally migrations. Does not create the history table.
///
/// # Errors
/// [`Error::Database`] when the history table cannot be read.
pub async fn status(conn: &mut Connection, files: &[MigrationFile]) -> Result<Status> {
    let history = read_history(conn).await?;
    let mut status = Status::default();
    for row in &history {
        if !row.finished && !row.rolled_back {
            status.failed.push(row.name.clone());
        }
        if !files.iter().any(|f| f.name == row.name) {
            status.missing_locally.push(row.name.clone());
        }
    }
    for file in files {
        match history.iter().find(|r| r.name == file.name && r.finished && !r.rolled_back) {
            Some(row) => {
                status.applied.push(file.name.clone());
                if row.checksum != file.checksum {
                    status.edited.push(file.name.clone());
                }
            }
            None if status.failed.contains(&file.name) => {}
            None => status.pending.push(file.name.clone()),
        }
    }
    Ok(status)
}

/// The SQL script that takes a database built by `files` to `schema` (the next migration of
/// `migrate dev`), or `None` when there is nothing to do. SQLite only: the migrations are applied
/// to an in-memory shadow database. For PostgreSQL and MySQL use [`dev_diff_on`].
///
/// # Errors
/// [`Error::ShadowDatabase`] naming the migration that failed; [`Error::Unsupported`] for other
/// dialects.
pub async fn dev_diff(
    schema: &Schema,
    dialect: SqlDialect,
    files: &[MigrationFile],
) -> Result<Option<String>> {
    if dialect != SqlDialect::Sqlite {
        return Err(Error::Unsupported(
            "dev_diff without a connection needs SQLite; call dev_diff_on with a PostgreSQL or MySQL connection".to_owned(),
        ));
    }
    let mut shadow = crate::connect("sqlite::memory:").await?;
    let previous = shadow_describe(&mut shadow, files).await;
    shadow.close().await;
    Ok(script_between(&previous?, schema, dialect))
}

/// Like [`dev_diff`] for any dialect, using `conn` to host the shadow database: a temporary
/// schema `_orm_shadow_<uuid>` in the same database on PostgreSQL (first on `search_path` while
/// the migrations run), a temporary database on MySQL (needs `CREATE DATABASE`), an in-memory
/// database on SQLite. The shadow is dropped afterwards, also on failure.
///
/// # Errors
/// As [`dev_diff`], plus [`Error::Database`] when the shadow cannot be created.
pub async fn dev_diff_on(
    conn: &mut Connection,
    schema: &Schema,
    files: &[MigrationFile],
) -> Result<Option<String>> {
    let dialect = conn.dialect();
    let previous = shadow_describe(conn, files).await?;
    Ok(script_between(&previous, schema, dialect))
}

/// Drift: changes made to the database behind `conn` outside the migration history. Applies
/// `files` to a shadow database (as [`dev_diff_on`]), describes the live database, and returns
/// the script that would turn the migrations' result into the live schema, or `None` when they
/// match. Only meaningful when every migration of `files` is applied.
///
/// # Errors
/// As [`dev_diff_on`].
pub async fn detect_drift(conn: &mut Connection, files: &[MigrationFile]) -> Result<Option<String>> {
    let dialect = conn.dialect();
    let expected = shadow_describe(conn, files).await?;
    let live = describe(conn).await?;
    let steps = diff(&expected, &live);
    Ok((!steps.is_empty()).then(|| render_script(&steps, &expected, &live, dialect)))
}

/// Applies `files` to a shadow database and describes it: in memory for SQLite, a temporary
/// schema `_orm_shadow_<uuid>` (first on `search_path`) on PostgreSQL, a temporary database on
/// MySQL; the shadow is dropped afterwards, also on failure.
///
/// # Errors
/// [`Error::ShadowDatabase`] naming the migration that failed; [`Error::Database`] when the
/// shadow cannot be created or dropped.
pub async fn shadow_describe(conn: &mut Connection, files: &[MigrationFile]) -> Result<DatabaseSchema> {
    let name = format!("_orm_shadow_{}", uuid::Uuid::new_v4().simple());
    match conn {
        Connection::Sqlite(_) => {
            let mut shadow = crate::connect("sqlite::memory:").await?;
            let res = shadow_schema(&mut shadow, files).await;
            shadow.close().await;
            res
        }
        Connection::Postgres(c) => {
            let old_path: String = sqlx::query_scalar("SELECT current_setting('search_path')")
                .fetch_one(&mut *c)
                .await
                .map_err(Error::db("reading search_path"))?;
            let setup = format!("CREATE SCHEMA \"{name}\"; SET search_path TO \"{name}\", {old_path}");
            sqlx::raw_sql(AssertSqlSafe(setup))
                .execute(&mut *c)
                .await
                .map_err(Error::db("creating the shadow schema"))?;
            let res = shadow_schema(conn, files).await;
            let teardown = format!("SET search_path TO {old_path}; DROP SCHEMA \"{name}\" CASCADE");
            conn.execute_script(&teardown).await.map_err(Error::db("dropping the shadow schema"))?;
            res
        }
        Connection::Mysql(c) => {
            let old_db: Option<String> = sqlx::query_scalar("SELECT DATABASE()")
                .persistent(false)
                .fetch_one(&mut *c)
                .await
                .map_err(Error::db("reading the current database"))?;
            let setup = format!("CREATE DATABASE `{name}`; USE `{name}`");
            sqlx::raw_sql(AssertSqlSafe(setup))
                .execute(&mut *c)
                .await
                .map_err(Error::db("creating the shadow database"))?;
            let res = shadow_schema(conn, files).await;
            let back = old_db.map(|d| format!("USE `{}`; ", d.replace('`', "``"))).unwrap_or_default();
            conn.execute_script(&format!("{back}DROP DATABASE `{name}`"))
                .await
                .map_err(Error::db("dropping the shadow database"))?;
            res
        }
    }
}

fn script_between(previous: &DatabaseSchema, schema: &Schema, dialect: SqlDialect) -> Option<String> {
    let next = calculate(schema, dialect);
    let steps = diff(previous, &next);
    (!steps.is_empty()).then(|| render_script(&steps, previous, &next, dialect))
}

async fn shadow_schema(shadow: &mut Connection, files: &[MigrationFile]) -> Result<DatabaseSchema> {
    for file in files {
        shadow
            .execute_script(&file.script)
            .await
            .map_err(|e| Error::ShadowDatabase { migration: file.name.clone(), message: e.to_string() })?;
    }
    describe(shadow).await
}

/// Drops every table, view and enum type (and the history table): on PostgreSQL the current
/// schema is dropped with `CASCADE` and re-created; on MySQL every table of the current database
/// is dropped; on SQLite every table, view, index and trigger.
///
/// # Errors
/// [`Error::Database`].
pub async fn reset(conn: &mut Connection) -> Result<()> {
    let script = match conn {
        Connection::Postgres(c) => {
            let schema: String = sqlx::query_scalar("SELECT current_schema()::text")
                .fetch_one(&mut *c)
                .await
                .map_err(Error::db("reading the current schema"))?;
            let q = crate::render::quote_ident(SqlDialect::Postgres, &schema);
            format!("DROP SCHEMA {q} CASCADE; CREATE SCHEMA {q}")
        }
        Connection::Sqlite(c) => {
            let objects: Vec<(String, String)> = sqlx::query_as(
                "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
            )
            .fetch_all(&mut *c)
            .await
            .map_err(Error::db("listing SQLite objects"))?;
            let mut s = "PRAGMA foreign_keys=OFF;\n".to_owned();
            for (ty, name) in objects {
                s.push_str(&format!(
                    "DROP {} IF EXISTS {};\n",
                    ty.to_ascii_uppercase(),
                    crate::render::quote_ident(SqlDialect::Sqlite, &name)
                ));
            }
            s
        }
        Connection::Mysql(c) => {
            let tables: Vec<(String, String)> = sqlx::query_as(
                "SELECT CAST(TABLE_NAME AS CHAR), CAST(TABLE_TYPE AS CHAR) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
            )
            .persistent(false)
            .fetch_all(&mut *c)
            .await
            .map_err(Error::db("listing MySQL tables"))?;
            let mut s = "SET FOREIGN_KEY_CHECKS=0;\n".to_owned();
            for (name, ty) in tables {
                let kind = if ty == "VIEW" { "VIEW" } else { "TABLE" };
                s.push_str(&format!(
                    "DROP {kind} IF EXISTS {};\n",
                    crate::render::quote_ident(SqlDialect::Mysql, &name)
                ));
            }
            s.push_str("SET FOREIGN_KEY_CHECKS=1;\n");
            s
        }
    };
    conn.execute_script(&script).await.map_err(Error::db("resetting the database"))
}

/// What `db push` would do: the script and its data-loss warnings (see
/// [`crate::diff::destructive_changes`]), without applying anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushPlan {
    /// The script; `None` when the database is in sync.
    pub script: Option<String>,
    /// Data-loss warnings; callers should ask before calling [`push`] when not empty.
    pub warnings: Vec<String>,
}

/// Plans a `db push`: describes the live database and diffs it against `schema`.
///
/// # Errors
/// [`Error::Database`] when introspection fails.
pub async fn push_plan(conn: &mut Connection, schema: &Schema) -> Result<PushPlan> {
    let dialect = conn.dialect();
    let previous = describe(conn).await?;
    let next = calculate(schema, dialect);
    let steps = diff(&previous, &next);
    let warnings = crate::diff::destructive_changes(&steps, &previous, &next);
    let script = (!steps.is_empty()).then(|| render_script(&steps, &previous, &next, dialect));
    Ok(PushPlan { script, warnings })
}

/// `db push`: describes the live database, diffs it against `schema` and applies the script
/// directly (in one transaction on PostgreSQL and SQLite), without touching the history table.
/// Returns the script that was run (`None` when the database was already in sync).
///
/// # Errors
/// [`Error::MigrationFailed`] (named `db push`) when the script fails; [`Error::Database`].
pub async fn push(conn: &mut Connection, schema: &Schema) -> Result<Option<String>> {
    let dialect = conn.dialect();
    let previous = describe(conn).await?;
    let next = calculate(schema, dialect);
    let steps = diff(&previous, &next);
    if steps.is_empty() {
        return Ok(None);
    }
    let script = render_script(&steps, &previous, &next, dialect);
    let s = script.clone();
    let outcome: std::result::Result<(), sqlx::Error> = match conn {
        Connection::Mysql(c) => sqlx::raw_sql(AssertSqlSafe(s)).execute(&mut *c).await.map(|_| ()),
        Connection::Sqlite(c) => apply_in_tx!(c, s, None::<(String, String, String, String)>),
        Connection::Postgres(c) => apply_in_tx!(c, s, None::<(String, String, String, String)>),
    };
    outcome
        .map_err(|e| Error::MigrationFailed { migration: "db push".to_owned(), message: e.to_string() })?;
    Ok(Some(script))
}
