//! Applying migrations with the history table on real databases: SQLite (always), PostgreSQL
//! (`ORM_TEST_POSTGRES_URL`) and MariaDB/MySQL (`ORM_TEST_MYSQL_URL`), each test in a fresh
//! database or schema.

mod common;

use orm_migrate::render::quote_ident;
use orm_migrate::{
    Connection, DatabaseSchema, Error, MigrationFile, MigrationsDir, SqlDialect, apply_pending, calculate,
    describe, diff, render_script, status,
};

const V1: &str = r#"
datasource db {
  provider = "sqlite"
  url      = "file:dev.db"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
}
"#;

const V2: &str = r#"
datasource db {
  provider = "sqlite"
  url      = "file:dev.db"
}

model User {
  id    Int     @id @default(autoincrement())
  email String  @unique
  name  String?
  posts Post[]
}

model Post {
  id       Int  @id @default(autoincrement())
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
}
"#;

fn script_between(before: Option<&str>, after: &str, dialect: SqlDialect) -> String {
    let previous = before
        .map(|b| calculate(&common::parse("before.prisma", b).unwrap(), dialect))
        .unwrap_or_else(|| DatabaseSchema::empty(dialect));
    let next = calculate(&common::parse("after.prisma", after).unwrap(), dialect);
    render_script(&diff(&previous, &next), &previous, &next, dialect)
}

fn migration(name: &str, script: String) -> MigrationFile {
    MigrationFile::new(name, format!("migrations/{name}/migration.sql"), script)
}

fn two_migrations(dialect: SqlDialect) -> Vec<MigrationFile> {
    vec![
        migration("20240101000000_init", script_between(None, V1, dialect)),
        migration("20240102000000_posts", script_between(Some(V1), V2, dialect)),
    ]
}

async fn apply_then_status(dialect: SqlDialect) {
    let Some((mut conn, cleanup)) = common::fresh(dialect, "apply_then_status").await else { return };
    let files = two_migrations(dialect);
    let st = status(&mut conn, &files).await.unwrap();
    assert_eq!(st.pending, vec!["20240101000000_init", "20240102000000_posts"]);
    assert!(st.applied.is_empty());

    let report = apply_pending(&mut conn, &files[..1]).await.unwrap();
    assert_eq!(report.applied, vec!["20240101000000_init"]);
    let st = status(&mut conn, &files).await.unwrap();
    assert_eq!(
        (st.applied.clone(), st.pending.clone()),
        (vec!["20240101000000_init".to_owned()], vec!["20240102000000_posts".to_owned()])
    );

    let report = apply_pending(&mut conn, &files).await.unwrap();
    assert_eq!(report.applied, vec!["20240102000000_posts"]);
    let report = apply_pending(&mut conn, &files).await.unwrap();
    assert!(report.applied.is_empty(), "nothing is applied twice");

    // The database now matches V2 exactly.
    let described = describe(&mut conn).await.unwrap();
    let next = calculate(&common::parse("v2.prisma", V2).unwrap(), dialect);
    assert_eq!(diff(&described, &next), vec![]);
    let st = status(&mut conn, &files).await.unwrap();
    assert_eq!(st.applied.len(), 2);
    assert!(st.pending.is_empty() && st.failed.is_empty() && st.edited.is_empty());
    common::cleanup(conn, cleanup).await;
}

async fn failed_migration_is_recorded(dialect: SqlDialect) {
    let Some((mut conn, cleanup)) = common::fresh(dialect, "failed_migration_is_recorded").await else {
        return;
    };
    let mut files = two_migrations(dialect);
    let half = quote_ident(dialect, "Half");
    let missing = quote_ident(dialect, "DoesNotExist");
    files[1] = migration(
        "20240102000000_broken",
        format!(
            "CREATE TABLE {half} ({} INTEGER);\nINSERT INTO {missing} VALUES (1);\n",
            quote_ident(dialect, "id")
        ),
    );
    let err = apply_pending(&mut conn, &files).await.unwrap_err();
    match &err {
        Error::MigrationFailed { migration, message } => {
            assert_eq!(migration, "20240102000000_broken");
            assert!(message.contains("DoesNotExist"), "{message}");
        }
        other => panic!("expected MigrationFailed, got {other:?}"),
    }
    let described = describe(&mut conn).await.unwrap();
    let tables: Vec<&str> = described.tables.iter().map(|t| t.name.as_str()).collect();
    if dialect == SqlDialect::Mysql {
        // MySQL commits each DDL statement: the first statement stays applied.
        assert!(tables.contains(&"Half"), "{tables:?}");
    } else {
        assert_eq!(tables, vec!["User"], "the failed migration left nothing behind");
    }
    let st = status(&mut conn, &files).await.unwrap();
    assert_eq!(st.failed, vec!["20240102000000_broken"]);
    assert_eq!(st.applied, vec!["20240101000000_init"]);

    // Nothing else runs until the failure is resolved, and the message says how.
    let err = apply_pending(&mut conn, &files).await.unwrap_err();
    assert!(
        matches!(&err, Error::FailedMigrationRecorded { migration } if migration == "20240102000000_broken"),
        "{err:?}"
    );
    assert!(err.to_string().contains("delete its row from `_orm_migrations`"), "{err}");

    // Resolve it: mark it rolled back, fix the file, apply again.
    if dialect == SqlDialect::Mysql {
        conn.execute_script(&format!("DROP TABLE {half}")).await.unwrap();
    }
    orm_migrate::mark_rolled_back(&mut conn, "20240102000000_broken").await.unwrap();
    assert!(orm_migrate::mark_rolled_back(&mut conn, "20240102000000_broken").await.is_err(), "only once");
    files[1] = migration(
        "20240102000000_broken",
        format!("CREATE TABLE {half} ({} INTEGER);\n", quote_ident(dialect, "id")),
    );
    let report = apply_pending(&mut conn, &files).await.unwrap();
    assert_eq!(report.applied, vec!["20240102000000_broken"]);
    let st = status(&mut conn, &files).await.unwrap();
    assert!(st.failed.is_empty() && st.pending.is_empty(), "{st:?}");
    common::cleanup(conn, cleanup).await;
}

async fn edited_migration_is_refused(dialect: SqlDialect) {
    let Some((mut conn, cleanup)) = common::fresh(dialect, "edited_migration_is_refused").await else {
        return;
    };
    let mut files = two_migrations(dialect);
    apply_pending(&mut conn, &files[..1]).await.unwrap();
    files[0] = migration(&files[0].name.clone(), format!("{}\n-- edited\n", files[0].script));
    let err = apply_pending(&mut conn, &files).await.unwrap_err();
    match &err {
        Error::EditedMigration { migration, path } => {
            assert_eq!(migration, "20240101000000_init");
            assert!(err.to_string().contains(&path.display().to_string()));
        }
        other => panic!("expected EditedMigration, got {other:?}"),
    }
    let st = status(&mut conn, &files).await.unwrap();
    assert_eq!(st.edited, vec!["20240101000000_init"]);
    assert_eq!(st.pending, vec!["20240102000000_posts"], "the second migration was not applied");
    common::cleanup(conn, cleanup).await;
}

async fn dev_diff_uses_shadow(dialect: SqlDialect) {
    let Some((mut conn, cleanup)) = common::fresh(dialect, "dev_diff_uses_shadow").await else { return };
    let files = vec![migration("20240101000000_init", script_between(None, V1, dialect))];
    let v1 = common::parse("v1.prisma", V1).unwrap();
    let v2 = common::parse("v2.prisma", V2).unwrap();
    assert_eq!(orm_migrate::dev_diff_on(&mut conn, &v1, &files).await.unwrap(), None);
    let script = orm_migrate::dev_diff_on(&mut conn, &v2, &files).await.unwrap().unwrap();
    assert_eq!(script, script_between(Some(V1), V2, dialect));
    // The shadow left no trace in the database we are connected to.
    assert!(describe(&mut conn).await.unwrap().tables.is_empty());
    // Pushing and resetting work on the same database.
    let pushed = orm_migrate::push(&mut conn, &v2).await.unwrap();
    assert!(pushed.is_some());
    assert_eq!(orm_migrate::push(&mut conn, &v2).await.unwrap(), None, "push is idempotent");
    orm_migrate::reset(&mut conn).await.unwrap();
    assert!(describe(&mut conn).await.unwrap().tables.is_empty());
    common::cleanup(conn, cleanup).await;
}

macro_rules! per_dialect {
    ($name:ident) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                super::$name(SqlDialect::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name(SqlDialect::Postgres).await
            }
            #[tokio::test]
            async fn mysql() {
                super::$name(SqlDialect::Mysql).await
            }
        }
    };
}

per_dialect!(apply_then_status);
per_dialect!(failed_migration_is_recorded);
per_dialect!(edited_migration_is_refused);
per_dialect!(dev_diff_uses_shadow);

#[tokio::test]
async fn dev_diff_sqlite_without_connection() {
    let files = vec![migration("20240101000000_init", script_between(None, V1, SqlDialect::Sqlite))];
    let v2 = common::parse("v2.prisma", V2).unwrap();
    let script = orm_migrate::dev_diff(&v2, SqlDialect::Sqlite, &files).await.unwrap().unwrap();
    assert_eq!(script, script_between(Some(V1), V2, SqlDialect::Sqlite));
    let broken = vec![migration("20240101000000_bad", "CREATE TABLE oops (".to_owned())];
    let err = orm_migrate::dev_diff(&v2, SqlDialect::Sqlite, &broken).await.unwrap_err();
    assert!(
        matches!(&err, Error::ShadowDatabase { migration, .. } if migration == "20240101000000_bad"),
        "{err:?}"
    );
}

#[test]
fn migrations_dir_load_and_write() {
    let dir = std::env::temp_dir().join(format!("orm-migrate-{}", uuid::Uuid::new_v4().simple()));
    assert_eq!(MigrationsDir::load(&dir).unwrap(), vec![], "a missing directory is an empty history");
    let b =
        MigrationsDir::write_migration(&dir, "20240102000000", "second", "SELECT 2;\n", SqlDialect::Postgres)
            .unwrap();
    let a =
        MigrationsDir::write_migration(&dir, "20240101000000", "first", "SELECT 1;\n", SqlDialect::Postgres)
            .unwrap();
    let loaded = MigrationsDir::load(&dir).unwrap();
    assert_eq!(loaded, vec![a.clone(), b]);
    // sha256("SELECT 1;\n")
    assert_eq!(a.checksum, orm_migrate::history::checksum(b"SELECT 1;\n"));
    assert_eq!(a.checksum.len(), 64);
    let lock = std::fs::read_to_string(dir.join("migration_lock.toml")).unwrap();
    assert!(lock.contains("provider = \"postgresql\""), "{lock}");
    assert_eq!(MigrationsDir::read_lock(&dir).unwrap().as_deref(), Some("postgresql"));
    std::fs::create_dir_all(dir.join("not_a_migration")).unwrap();
    let err = MigrationsDir::load(&dir).unwrap_err();
    assert!(err.to_string().contains("not_a_migration"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn connect_errors_redact_password() {
    let err = orm_migrate::connect("postgres://user:hunter2@127.0.0.1:1/db").await.unwrap_err();
    let text = format!("{err}");
    assert!(!text.contains("hunter2") && text.contains("****"), "{text}");
    let err = orm_migrate::connect("oracle://x").await.unwrap_err();
    assert!(matches!(err, Error::UnsupportedUrl { .. }));
}

#[tokio::test]
async fn sqlite_foreign_key_violations_fail_the_migration() {
    let dialect = SqlDialect::Sqlite;
    let Some((mut conn, cleanup)) = common::fresh(dialect, "sqlite_foreign_key_violations").await else {
        return;
    };
    let mut files = two_migrations(dialect);
    files.push(migration(
        "20240103000000_orphan",
        "INSERT INTO \"Post\" (\"id\", \"authorId\") VALUES (1, 42);\n".to_owned(),
    ));
    let err = apply_pending(&mut conn, &files).await.unwrap_err();
    assert!(
        matches!(&err, Error::MigrationFailed { migration, message } if migration == "20240103000000_orphan" && message.contains("foreign key")),
        "{err:?}"
    );
    let st = status(&mut conn, &files).await.unwrap();
    assert_eq!(st.failed, vec!["20240103000000_orphan"]);
    common::cleanup(conn, cleanup).await;
}

/// SQLite's table redefinition keeps the rows of the columns that survive.
#[tokio::test]
async fn sqlite_redefinition_keeps_rows() {
    let dialect = SqlDialect::Sqlite;
    let Some((mut conn, cleanup)) = common::fresh(dialect, "sqlite_redefinition_keeps_rows").await else {
        return;
    };
    let v3 =
        V2.replace("name  String?", "name  String  @default(\"anon\")").replace("email String  @unique", "");
    let files = vec![
        migration("20240101000000_init", script_between(None, V2, dialect)),
        migration("20240102000000_rows", "INSERT INTO \"User\" (\"email\", \"name\") VALUES ('a@x', 'Ann'), ('b@x', NULL);\nUPDATE \"User\" SET \"name\" = 'anon' WHERE \"name\" IS NULL;\nINSERT INTO \"Post\" (\"authorId\") VALUES (1);\n".to_owned()),
        migration("20240103000000_redefine", script_between(Some(V2), &v3, dialect)),
    ];
    assert!(files[2].script.contains("RedefineTables"), "{}", files[2].script);
    apply_pending(&mut conn, &files).await.unwrap();
    let Connection::Sqlite(c) = &mut conn else { unreachable!("fresh(Sqlite) gives SQLite") };
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM \"User\" ORDER BY id").fetch_all(&mut *c).await.unwrap();
    assert_eq!(rows, vec![(1, "Ann".to_owned()), (2, "anon".to_owned())]);
    let posts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM \"Post\"").fetch_one(&mut *c).await.unwrap();
    assert_eq!(posts, 1, "rows of the referencing table survive the redefinition of the referenced table");
    common::cleanup(conn, cleanup).await;
}

async fn drift_is_detected(dialect: SqlDialect) {
    let Some((mut conn, cleanup)) = common::fresh(dialect, "drift_is_detected").await else { return };
    let files = two_migrations(dialect);
    apply_pending(&mut conn, &files).await.unwrap();
    assert_eq!(orm_migrate::detect_drift(&mut conn, &files).await.unwrap(), None);
    let sql =
        format!("CREATE TABLE {} ({} INTEGER)", quote_ident(dialect, "Manual"), quote_ident(dialect, "id"));
    conn.execute_script(&sql).await.unwrap();
    let drift = orm_migrate::detect_drift(&mut conn, &files).await.unwrap().unwrap();
    assert!(drift.contains("CREATE TABLE") && drift.contains("Manual"), "{drift}");
    common::cleanup(conn, cleanup).await;
}

per_dialect!(drift_is_detected);

async fn mark_applied_skips_the_script(dialect: SqlDialect) {
    let Some((mut conn, cleanup)) = common::fresh(dialect, "mark_applied_skips_the_script").await else {
        return;
    };
    let files = two_migrations(dialect);
    orm_migrate::mark_applied(&mut conn, &files[0]).await.unwrap();
    let st = status(&mut conn, &files).await.unwrap();
    assert_eq!(st.applied, vec!["20240101000000_init"]);
    assert!(describe(&mut conn).await.unwrap().tables.is_empty(), "the script did not run");
    common::cleanup(conn, cleanup).await;
}

per_dialect!(mark_applied_skips_the_script);

/// A migration that creates an extension does not make every later `migrate dev` repeat it.
#[tokio::test]
async fn extensions_are_not_repeated_by_dev_diff() {
    let Some((mut conn, admin, db)) =
        common::fresh_pg_database("extensions_are_not_repeated_by_dev_diff").await
    else {
        return;
    };
    let schema = common::parse(
        "schema.prisma",
        r#"
datasource db {
  provider   = "postgresql"
  url        = env("DATABASE_URL")
  extensions = [citext]
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique @db.Citext
}
"#,
    )
    .unwrap();
    let first = orm_migrate::dev_diff_on(&mut conn, &schema, &[]).await.unwrap().unwrap();
    assert!(first.contains("CREATE EXTENSION IF NOT EXISTS \"citext\""), "{first}");
    let files = vec![migration("20240101000000_init", first)];
    apply_pending(&mut conn, &files).await.unwrap();
    assert_eq!(orm_migrate::dev_diff_on(&mut conn, &schema, &files).await.unwrap(), None);
    common::drop_pg_database(conn, &admin, &db).await;
}
