//! PostgreSQL side: database setup and seeding, and the two raw baselines on one dedicated
//! connection per worker: tokio-postgres with statements prepared once at connect (the floor), and
//! sqlx `PgConnection` (its per-connection statement cache; no `PgPool`, which pings on release).
//!
//! The SQL text is hand-written to be what the generated client renders (checked at start-up by
//! `main::check_sql`), so all three libraries run the same statements.

use std::str::FromStr;

use chrono::{NaiveDateTime, Utc};
use sqlx::{ConnectOptions, Connection, Row as _};

use crate::BoxError;
use crate::ops::{
    INCLUDE_PARENTS, LIST_TAKE, NewPost, Op, POSTS, RawPost, RawUser, Rng, SEED_BATCH, USERS, group,
    seed_title,
};

/// `find_by_pk`.
pub const FIND_PK: &str = r#"SELECT "id", "email", "name", "created_at" FROM "users" WHERE "id" = $1"#;
/// `filtered_list_20`: `$1` published, `$2` LIKE pattern, `$3` limit (int8).
pub const LIST: &str = r#"SELECT "id", "title", "content", "published", "views", "author_id", "created_at" FROM "posts" WHERE ("published" = $1 AND "title" LIKE $2 ESCAPE '\') ORDER BY "created_at" DESC LIMIT $3"#;
/// `insert_one`.
pub const INSERT: &str = r#"INSERT INTO "posts" ("title", "content", "published", "author_id", "created_at") VALUES ($1, $2, $3, $4, $5) RETURNING "id", "title", "content", "published", "views", "author_id", "created_at""#;
/// `update_one`.
pub const UPDATE: &str = r#"UPDATE "posts" SET "views" = "views" + $1 WHERE "id" = $2 RETURNING "id", "title", "content", "published", "views", "author_id", "created_at""#;
/// `include_1n_10`, parents.
pub const PARENTS: &str =
    r#"SELECT "id", "email", "name", "created_at" FROM "users" WHERE "id" >= $1 ORDER BY "id" ASC LIMIT $2"#;
/// `include_1n_10`, children of all parents in one statement.
pub const CHILDREN: &str = r#"SELECT "id", "title", "content", "published", "views", "author_id", "created_at" FROM "posts" WHERE "author_id" = ANY($1) ORDER BY "id" ASC"#;

const DDL: &str = r#"
CREATE TABLE "users" (
  "id" SERIAL PRIMARY KEY,
  "email" TEXT NOT NULL,
  "name" TEXT,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE TABLE "posts" (
  "id" SERIAL PRIMARY KEY,
  "title" TEXT NOT NULL,
  "content" TEXT,
  "published" BOOLEAN NOT NULL DEFAULT false,
  "views" INTEGER NOT NULL DEFAULT 0,
  "author_id" INTEGER NOT NULL REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "posts_author_id_idx" ON "posts"("author_id");
CREATE INDEX "posts_created_at_idx" ON "posts"("created_at");
"#;

/// The URL of database `db` on the server of `admin_url` (the path is replaced).
pub fn url_for(admin_url: &str, db: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin_url, None),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(i) => &base[..authority_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    }
}

async fn connect_tpg(url: &str) -> Result<tokio_postgres::Client, BoxError> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

/// Drops and creates database `db`, creates the tables and seeds `USERS` users and `POSTS` posts
/// with multi-row `INSERT`s of literal values (generated numbers and vocabulary words only).
/// Returns the database's URL.
///
/// # Errors
/// Any database error.
pub async fn setup(admin_url: &str, db: &str) -> Result<String, BoxError> {
    let admin = connect_tpg(admin_url).await?;
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).await?;
    admin.batch_execute(&format!("CREATE DATABASE \"{db}\"")).await?;
    let url = url_for(admin_url, db);
    // Commits do not wait for the WAL flush: write figures then measure the libraries and the
    // server's CPU work, not fsync latency (which swung 5x between rounds on a shared machine).
    admin.batch_execute(&format!("ALTER DATABASE \"{db}\" SET synchronous_commit = off")).await?;
    let conn = connect_tpg(&url).await?;
    conn.batch_execute(DDL).await?;
    for sql in seed_statements(false) {
        conn.batch_execute(&sql).await?;
    }
    conn.batch_execute("ANALYZE").await?;
    Ok(url)
}

/// Multi-row `INSERT` statements seeding users then posts; `sqlite` selects the date-time literal
/// form (`…+00:00` text on SQLite, as the generated client writes it; a `TIMESTAMP` literal on
/// PostgreSQL).
pub fn seed_statements(sqlite: bool) -> Vec<String> {
    let base = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    let ts = |minutes: i32| {
        let t = base + chrono::Duration::minutes(i64::from(minutes));
        if sqlite {
            t.format("%Y-%m-%d %H:%M:%S%.3f+00:00").to_string()
        } else {
            t.format("%Y-%m-%d %H:%M:%S%.3f").to_string()
        }
    };
    let mut out = Vec::new();
    let mut i = 1;
    while i <= USERS {
        let end = (i + SEED_BATCH - 1).min(USERS);
        let rows: Vec<String> =
            (i..=end).map(|k| format!("({k}, 'user{k}@example.com', 'User {k}', '{}')", ts(k))).collect();
        out.push(format!(
            "INSERT INTO \"users\" (\"id\", \"email\", \"name\", \"created_at\") VALUES {}",
            rows.join(", ")
        ));
        i = end + 1;
    }
    let mut i = 1;
    while i <= POSTS {
        let end = (i + SEED_BATCH - 1).min(POSTS);
        let rows: Vec<String> = (i..=end)
            .map(|k| {
                let published = if k % 2 == 0 { "TRUE" } else { "FALSE" };
                let author = (k - 1) % USERS + 1;
                format!(
                    "({k}, '{}', 'Body of post {k}', {published}, {}, {author}, '{}')",
                    seed_title(k),
                    k % 100,
                    ts(k)
                )
            })
            .collect();
        out.push(format!(
            "INSERT INTO \"posts\" (\"id\", \"title\", \"content\", \"published\", \"views\", \"author_id\", \"created_at\") VALUES {}",
            rows.join(", ")
        ));
        i = end + 1;
    }
    if !sqlite {
        out.push(
            "SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT MAX(id) FROM users))".to_owned(),
        );
        out.push(
            "SELECT setval(pg_get_serial_sequence('posts', 'id'), (SELECT MAX(id) FROM posts))".to_owned(),
        );
    }
    out
}

/// Raw tokio-postgres on one connection, every statement prepared once at connect.
pub struct TpgWorker {
    client: tokio_postgres::Client,
    find_pk: tokio_postgres::Statement,
    list: tokio_postgres::Statement,
    insert: tokio_postgres::Statement,
    update: tokio_postgres::Statement,
    parents: tokio_postgres::Statement,
    children: tokio_postgres::Statement,
}

impl TpgWorker {
    /// Connects and prepares the six statements.
    ///
    /// # Errors
    /// Connection or preparation errors.
    pub async fn connect(url: &str) -> Result<TpgWorker, BoxError> {
        let client = connect_tpg(url).await?;
        Ok(TpgWorker {
            find_pk: client.prepare(FIND_PK).await?,
            list: client.prepare(LIST).await?,
            insert: client.prepare(INSERT).await?,
            update: client.prepare(UPDATE).await?,
            parents: client.prepare(PARENTS).await?,
            children: client.prepare(CHILDREN).await?,
            client,
        })
    }

    /// Runs `op` once; returns the number of records read (to keep results alive).
    ///
    /// # Errors
    /// Database and decoding errors.
    pub async fn run(&mut self, op: Op, rng: &mut Rng) -> Result<usize, BoxError> {
        let c = &self.client;
        Ok(match op {
            Op::FindByPk => {
                let id = rng.id(USERS);
                let rows = c.query(&self.find_pk, &[&id]).await?;
                rows.first().map(tpg_user).transpose()?.map_or(0, |u| std::hint::black_box(u).id as usize)
            }
            Op::FilteredList => {
                let pattern = format!("%{}%", rng.word());
                let rows = c.query(&self.list, &[&true, &pattern, &LIST_TAKE]).await?;
                let posts = rows.iter().map(tpg_post).collect::<Result<Vec<_>, _>>()?;
                std::hint::black_box(posts).len()
            }
            Op::InsertOne => {
                let p = NewPost::random(rng);
                let now = Utc::now().naive_utc();
                let rows = c
                    .query(&self.insert, &[&p.title, &Some(&p.content), &p.published, &p.author_id, &now])
                    .await?;
                let post = rows.first().map(tpg_post).transpose()?.ok_or("insert returned no row")?;
                std::hint::black_box(post).id as usize
            }
            Op::UpdateOne => {
                let id = rng.id(POSTS);
                let rows = c.query(&self.update, &[&1i32, &id]).await?;
                rows.first().map(tpg_post).transpose()?.map_or(0, |p| std::hint::black_box(p).views as usize)
            }
            Op::Include => {
                let start = rng.id(USERS - 10);
                let rows = c.query(&self.parents, &[&start, &INCLUDE_PARENTS]).await?;
                let users = rows.iter().map(tpg_user).collect::<Result<Vec<_>, _>>()?;
                let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
                let rows = c.query(&self.children, &[&ids]).await?;
                let posts = rows.iter().map(tpg_post).collect::<Result<Vec<_>, _>>()?;
                let grouped = group(users, posts);
                std::hint::black_box(grouped).len()
            }
        })
    }
}

fn tpg_user(r: &tokio_postgres::Row) -> Result<RawUser, tokio_postgres::Error> {
    Ok(RawUser {
        id: r.try_get(0)?,
        email: r.try_get(1)?,
        name: r.try_get(2)?,
        created_at: r.try_get::<_, NaiveDateTime>(3)?.and_utc(),
    })
}

fn tpg_post(r: &tokio_postgres::Row) -> Result<RawPost, tokio_postgres::Error> {
    Ok(RawPost {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        content: r.try_get(2)?,
        published: r.try_get(3)?,
        views: r.try_get(4)?,
        author_id: r.try_get(5)?,
        created_at: r.try_get::<_, NaiveDateTime>(6)?.and_utc(),
    })
}

/// Raw sqlx on one dedicated `PgConnection` (sqlx's statement cache; statement logging off).
pub struct SqlxPgWorker {
    conn: sqlx::PgConnection,
}

impl SqlxPgWorker {
    /// Connects.
    ///
    /// # Errors
    /// Connection errors.
    pub async fn connect(url: &str) -> Result<SqlxPgWorker, BoxError> {
        let options = sqlx::postgres::PgConnectOptions::from_str(url)?.disable_statement_logging();
        Ok(SqlxPgWorker { conn: sqlx::PgConnection::connect_with(&options).await? })
    }

    /// Runs `op` once; returns the number of records read.
    ///
    /// # Errors
    /// Database and decoding errors.
    pub async fn run(&mut self, op: Op, rng: &mut Rng) -> Result<usize, BoxError> {
        let c = &mut self.conn;
        Ok(match op {
            Op::FindByPk => {
                let row = sqlx::query(FIND_PK).bind(rng.id(USERS)).fetch_optional(&mut *c).await?;
                row.as_ref().map(sqlx_user).transpose()?.map_or(0, |u| std::hint::black_box(u).id as usize)
            }
            Op::FilteredList => {
                let pattern = format!("%{}%", rng.word());
                let rows =
                    sqlx::query(LIST).bind(true).bind(pattern).bind(LIST_TAKE).fetch_all(&mut *c).await?;
                let posts = rows.iter().map(sqlx_post).collect::<Result<Vec<_>, _>>()?;
                std::hint::black_box(posts).len()
            }
            Op::InsertOne => {
                let p = NewPost::random(rng);
                let row = sqlx::query(INSERT)
                    .bind(p.title)
                    .bind(Some(p.content))
                    .bind(p.published)
                    .bind(p.author_id)
                    .bind(Utc::now().naive_utc())
                    .fetch_one(&mut *c)
                    .await?;
                std::hint::black_box(sqlx_post(&row)?).id as usize
            }
            Op::UpdateOne => {
                let row = sqlx::query(UPDATE).bind(1i32).bind(rng.id(POSTS)).fetch_optional(&mut *c).await?;
                row.as_ref().map(sqlx_post).transpose()?.map_or(0, |p| std::hint::black_box(p).views as usize)
            }
            Op::Include => {
                let start = rng.id(USERS - 10);
                let rows = sqlx::query(PARENTS).bind(start).bind(INCLUDE_PARENTS).fetch_all(&mut *c).await?;
                let users = rows.iter().map(sqlx_user).collect::<Result<Vec<_>, _>>()?;
                let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
                let rows = sqlx::query(CHILDREN).bind(ids).fetch_all(&mut *c).await?;
                let posts = rows.iter().map(sqlx_post).collect::<Result<Vec<_>, _>>()?;
                std::hint::black_box(group(users, posts)).len()
            }
        })
    }
}

fn sqlx_user(r: &sqlx::postgres::PgRow) -> Result<RawUser, sqlx::Error> {
    Ok(RawUser {
        id: r.try_get(0)?,
        email: r.try_get(1)?,
        name: r.try_get(2)?,
        created_at: r.try_get::<NaiveDateTime, _>(3)?.and_utc(),
    })
}

fn sqlx_post(r: &sqlx::postgres::PgRow) -> Result<RawPost, sqlx::Error> {
    Ok(RawPost {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        content: r.try_get(2)?,
        published: r.try_get(3)?,
        views: r.try_get(4)?,
        author_id: r.try_get(5)?,
        created_at: r.try_get::<NaiveDateTime, _>(6)?.and_utc(),
    })
}
