//! SQLite side: a database file in a temporary folder (WAL, `synchronous = NORMAL`, foreign keys
//! on: the generated client's settings), seeding, and the raw sqlx baselines: `SqlitePool` with
//! default pool options (the SQLite baseline; rusqlite is not a workspace dependency) and one
//! dedicated `SqliteConnection` per worker (for reference).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, Row as _};

use crate::BoxError;
use crate::ops::{INCLUDE_PARENTS, LIST_TAKE, NewPost, Op, POSTS, RawPost, RawUser, Rng, USERS, group};

/// `find_by_pk`.
pub const FIND_PK: &str = r#"SELECT "id", "email", "name", "created_at" FROM "users" WHERE "id" = ?"#;
/// `filtered_list_20`.
pub const LIST: &str = r#"SELECT "id", "title", "content", "published", "views", "author_id", "created_at" FROM "posts" WHERE ("published" = ? AND "title" LIKE ? ESCAPE '\') ORDER BY "created_at" DESC LIMIT ?"#;
/// `insert_one`.
pub const INSERT: &str = r#"INSERT INTO "posts" ("title", "content", "published", "author_id", "created_at") VALUES (?, ?, ?, ?, ?) RETURNING "id", "title", "content", "published", "views", "author_id", "created_at""#;
/// `update_one`.
pub const UPDATE: &str = r#"UPDATE "posts" SET "views" = "views" + ? WHERE "id" = ? RETURNING "id", "title", "content", "published", "views", "author_id", "created_at""#;
/// `include_1n_10`, parents.
pub const PARENTS: &str =
    r#"SELECT "id", "email", "name", "created_at" FROM "users" WHERE "id" >= ? ORDER BY "id" ASC LIMIT ?"#;

/// `include_1n_10`, children: `IN` with one placeholder per parent (always `INCLUDE_PARENTS`).
pub fn children_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let n = usize::try_from(INCLUDE_PARENTS).unwrap_or(10);
        format!(
            r#"SELECT "id", "title", "content", "published", "views", "author_id", "created_at" FROM "posts" WHERE "author_id" IN ({}) ORDER BY "id" ASC"#,
            vec!["?"; n].join(", ")
        )
    })
}

const DDL: &str = r#"
CREATE TABLE "users" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "email" TEXT NOT NULL,
  "name" TEXT,
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE TABLE "posts" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" TEXT NOT NULL,
  "content" TEXT,
  "published" BOOLEAN NOT NULL DEFAULT false,
  "views" INTEGER NOT NULL DEFAULT 0,
  "author_id" INTEGER NOT NULL,
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "posts_author_id_idx" ON "posts"("author_id");
CREATE INDEX "posts_created_at_idx" ON "posts"("created_at");
"#;

/// Connection options shared by the baselines (and equal to the generated client's).
pub fn options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .statement_cache_capacity(512)
        .disable_statement_logging()
}

/// Creates `dir/bench.db` with the tables and seed rows (one transaction); returns its path.
///
/// # Errors
/// Any database or file error.
pub async fn setup(dir: &Path) -> Result<PathBuf, BoxError> {
    let path = dir.join("bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("bench.db{suffix}")));
    }
    let mut conn = sqlx::SqliteConnection::connect_with(&options(&path)).await?;
    sqlx::raw_sql(DDL).execute(&mut conn).await?;
    let mut tx = conn.begin().await?;
    for sql in crate::pg::seed_statements(true) {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    sqlx::raw_sql("ANALYZE").execute(&mut conn).await?;
    conn.close().await?;
    Ok(path)
}

fn now_text() -> String {
    Utc::now().format("%Y-%m-%d %H:%M:%S%.3f+00:00").to_string()
}

/// A sqlx SQLite baseline: a pool shared by the workers, or one connection per worker.
pub enum SqlxLite {
    /// `SqlitePool` (default pool options, `max_connections` = workers).
    Pool(sqlx::SqlitePool),
    /// One dedicated connection.
    Conn(sqlx::SqliteConnection),
}

impl SqlxLite {
    /// A pool of at most `max` connections.
    ///
    /// # Errors
    /// Connection errors.
    pub async fn pool(path: &Path, max: u32) -> Result<sqlx::SqlitePool, BoxError> {
        Ok(SqlitePoolOptions::new().max_connections(max).connect_with(options(path)).await?)
    }

    /// One dedicated connection.
    ///
    /// # Errors
    /// Connection errors.
    pub async fn conn(path: &Path) -> Result<SqlxLite, BoxError> {
        Ok(SqlxLite::Conn(sqlx::SqliteConnection::connect_with(&options(path)).await?))
    }

    /// Runs `op` once; returns the number of records read.
    ///
    /// # Errors
    /// Database and decoding errors.
    pub async fn run(&mut self, op: Op, rng: &mut Rng) -> Result<usize, BoxError> {
        match self {
            SqlxLite::Pool(pool) => {
                let mut conn = pool.acquire().await?;
                run_on(&mut conn, op, rng).await
            }
            SqlxLite::Conn(conn) => run_on(conn, op, rng).await,
        }
    }
}

/// Runs `op` on one connection. Every statement is read with `fetch_all`, as the generated client
/// does, so every library steps each statement to completion and does the same work.
async fn run_on(c: &mut sqlx::SqliteConnection, op: Op, rng: &mut Rng) -> Result<usize, BoxError> {
    Ok(match op {
        Op::FindByPk => {
            let rows = sqlx::query(FIND_PK).bind(rng.id(USERS)).fetch_all(&mut *c).await?;
            rows.first().map(lite_user).transpose()?.map_or(0, |u| std::hint::black_box(u).id as usize)
        }
        Op::FilteredList => {
            let pattern = format!("%{}%", rng.word());
            let rows = sqlx::query(LIST).bind(true).bind(pattern).bind(LIST_TAKE).fetch_all(&mut *c).await?;
            let posts = rows.iter().map(lite_post).collect::<Result<Vec<_>, _>>()?;
            std::hint::black_box(posts).len()
        }
        Op::InsertOne => {
            let p = NewPost::random(rng);
            let rows = sqlx::query(INSERT)
                .bind(p.title)
                .bind(Some(p.content))
                .bind(p.published)
                .bind(p.author_id)
                .bind(now_text())
                .fetch_all(&mut *c)
                .await?;
            let post = rows.first().map(lite_post).transpose()?.ok_or("insert returned no row")?;
            std::hint::black_box(post).id as usize
        }
        Op::UpdateOne => {
            let rows = sqlx::query(UPDATE).bind(1i32).bind(rng.id(POSTS)).fetch_all(&mut *c).await?;
            rows.first().map(lite_post).transpose()?.map_or(0, |p| std::hint::black_box(p).views as usize)
        }
        Op::Include => {
            let start = rng.id(USERS - 10);
            let rows = sqlx::query(PARENTS).bind(start).bind(INCLUDE_PARENTS).fetch_all(&mut *c).await?;
            let users = rows.iter().map(lite_user).collect::<Result<Vec<_>, _>>()?;
            let mut query = sqlx::query(children_sql());
            for u in &users {
                query = query.bind(u.id);
            }
            let rows = query.fetch_all(&mut *c).await?;
            let posts = rows.iter().map(lite_post).collect::<Result<Vec<_>, _>>()?;
            std::hint::black_box(group(users, posts)).len()
        }
    })
}

fn lite_user(r: &sqlx::sqlite::SqliteRow) -> Result<RawUser, sqlx::Error> {
    Ok(RawUser {
        id: r.try_get(0)?,
        email: r.try_get(1)?,
        name: r.try_get(2)?,
        created_at: r.try_get::<DateTime<Utc>, _>(3)?,
    })
}

fn lite_post(r: &sqlx::sqlite::SqliteRow) -> Result<RawPost, sqlx::Error> {
    Ok(RawPost {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        content: r.try_get(2)?,
        published: r.try_get(3)?,
        views: r.try_get(4)?,
        author_id: r.try_get(5)?,
        created_at: r.try_get::<DateTime<Utc>, _>(6)?,
    })
}
