//! Shared fixtures: models written by hand exactly as `orm-codegen` generates them, the DDL for
//! each database, per-test databases, and the scenarios every backend runs.
//!
//! Schema these models stand for:
//! ```prisma
//! enum Role { USER ADMIN }
//! model User {
//!   id        Int      @id @default(autoincrement())
//!   email     String   @unique
//!   name      String?
//!   role      Role     @default(USER)
//!   score     Float?
//!   balance   Decimal?
//!   data      Json?
//!   avatar    Bytes?
//!   createdAt DateTime @default(now()) @map("created_at")
//!   updatedAt DateTime @updatedAt
//!   posts     Post[]   @relation("author")
//!   edited    Post[]   @relation("editor")
//! }
//! model Post {
//!   id        String  @id @default(cuid())
//!   title     String
//!   published Boolean @default(false)
//!   views     BigInt  @default(0)
//!   authorId  Int
//!   editorId  Int?
//!   author    User    @relation("author", fields: [authorId], references: [id])
//!   editor    User?   @relation("editor", fields: [editorId], references: [id])
//! }
//! ```

#![allow(dead_code)]

use orm_query_engine::dialect::Dialect;
use orm_query_engine::meta::{Cardinality, ColumnDefault, ColumnMeta, ColumnType, ModelMeta, RelationMeta};
use orm_query_engine::query::ColumnIdx;
use orm_query_engine::row::RowReader;
use orm_query_engine::typed::{
    CreateInput, DbEnum, Field, Many, Model, One, OptionalOne, Plain, Relation, Unique,
};
use orm_query_engine::types::{DateTime, Decimal, Json, Utc};
use orm_query_engine::value::{ToValue, Value};
use orm_query_engine::{Client, DbErrorKind, Error};

pub mod scenarios;

/// `enum Role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Admin,
}

impl DbEnum for Role {
    const DB_TYPE: &'static str = "Role";
    fn as_db_str(self) -> &'static str {
        match self {
            Role::User => "USER",
            Role::Admin => "ADMIN",
        }
    }
    fn from_db_str(s: &str) -> Option<Self> {
        match s {
            "USER" => Some(Role::User),
            "ADMIN" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// `model User`.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: i32,
    pub email: String,
    pub name: Option<String>,
    pub role: Role,
    pub score: Option<f64>,
    pub balance: Option<Decimal>,
    pub data: Option<Json>,
    pub avatar: Option<Vec<u8>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Model for User {
    const META: &'static ModelMeta = &user::META;
    type Create = user::Create;
    fn from_row(row: &mut RowReader<'_>) -> orm_query_engine::Result<Self> {
        Ok(User {
            id: row.next()?,
            email: row.next()?,
            name: row.next()?,
            role: row.next()?,
            score: row.next()?,
            balance: row.next()?,
            data: row.next()?,
            avatar: row.next()?,
            created_at: row.next()?,
            updated_at: row.next()?,
        })
    }
}

const fn col(
    name: &'static str,
    column: &'static str,
    ty: ColumnType,
    default: ColumnDefault,
    nullable: bool,
) -> ColumnMeta {
    ColumnMeta { name, column, ty, nullable, list: false, default, updated_at: false }
}

pub mod user {
    use super::*;

    pub type F<T, K = Plain> = Field<User, T, K>;

    pub const META: ModelMeta = ModelMeta {
        name: "User",
        table: "User",
        schema: None,
        columns: &[
            col("id", "id", ColumnType::Int, ColumnDefault::Database, false),
            col("email", "email", ColumnType::String, ColumnDefault::None, false),
            col("name", "name", ColumnType::String, ColumnDefault::None, true),
            col("role", "role", ColumnType::Enum("Role"), ColumnDefault::Database, false),
            col("score", "score", ColumnType::Float, ColumnDefault::None, true),
            col("balance", "balance", ColumnType::Decimal, ColumnDefault::None, true),
            col("data", "data", ColumnType::Json, ColumnDefault::None, true),
            col("avatar", "avatar", ColumnType::Bytes, ColumnDefault::None, true),
            col("createdAt", "created_at", ColumnType::DateTime, ColumnDefault::Now, false),
            ColumnMeta {
                name: "updatedAt",
                column: "updatedAt",
                ty: ColumnType::DateTime,
                nullable: false,
                list: false,
                default: ColumnDefault::None,
                updated_at: true,
            },
        ],
        primary_key: &[0],
        unique_criteria: &[&[0], &[1]],
    };

    pub const fn id() -> F<i32, Unique> {
        F::new(0)
    }
    pub const fn email() -> F<String, Unique> {
        F::new(1)
    }
    pub const fn name() -> F<Option<String>> {
        F::new(2)
    }
    pub const fn role() -> F<Role> {
        F::new(3)
    }
    pub const fn score() -> F<Option<f64>> {
        F::new(4)
    }
    pub const fn balance() -> F<Option<Decimal>> {
        F::new(5)
    }
    pub const fn data() -> F<Option<Json>> {
        F::new(6)
    }
    pub const fn avatar() -> F<Option<Vec<u8>>> {
        F::new(7)
    }
    pub const fn created_at() -> F<DateTime<Utc>> {
        F::new(8)
    }
    pub const fn updated_at() -> F<DateTime<Utc>> {
        F::new(9)
    }

    pub const POSTS: RelationMeta =
        RelationMeta { name: "posts", from_columns: &[0], to_columns: &[4], cardinality: Cardinality::Many };
    pub const fn posts() -> Relation<User, Post, Many> {
        Relation::new(&POSTS)
    }
    pub const EDITED: RelationMeta =
        RelationMeta { name: "edited", from_columns: &[0], to_columns: &[5], cardinality: Cardinality::Many };
    pub const fn edited() -> Relation<User, Post, Many> {
        Relation::new(&EDITED)
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Create {
        pub email: String,
        pub id: Option<i32>,
        pub name: Option<String>,
        pub role: Option<Role>,
        pub score: Option<f64>,
        pub balance: Option<Decimal>,
        pub data: Option<Json>,
        pub avatar: Option<Vec<u8>>,
        pub created_at: Option<DateTime<Utc>>,
        pub updated_at: Option<DateTime<Utc>>,
    }

    pub fn create(email: impl Into<String>) -> Create {
        Create {
            email: email.into(),
            id: None,
            name: None,
            role: None,
            score: None,
            balance: None,
            data: None,
            avatar: None,
            created_at: None,
            updated_at: None,
        }
    }

    fn opt<V: ToValue>(out: &mut Vec<(ColumnIdx, Value)>, column: ColumnIdx, v: Option<V>) {
        if let Some(v) = v {
            out.push((column, v.to_value()));
        }
    }

    impl CreateInput<User> for Create {
        fn into_values(self, out: &mut Vec<(ColumnIdx, Value)>) {
            opt(out, 0, self.id);
            out.push((1, self.email.to_value()));
            opt(out, 2, self.name);
            opt(out, 3, self.role);
            opt(out, 4, self.score);
            opt(out, 5, self.balance);
            opt(out, 6, self.data);
            opt(out, 7, self.avatar);
            opt(out, 8, self.created_at);
            opt(out, 9, self.updated_at);
        }
    }
}

/// `model Post`.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub id: String,
    pub title: String,
    pub published: bool,
    pub views: i64,
    pub author_id: i32,
    pub editor_id: Option<i32>,
}

impl Model for Post {
    const META: &'static ModelMeta = &post::META;
    type Create = post::Create;
    fn from_row(row: &mut RowReader<'_>) -> orm_query_engine::Result<Self> {
        Ok(Post {
            id: row.next()?,
            title: row.next()?,
            published: row.next()?,
            views: row.next()?,
            author_id: row.next()?,
            editor_id: row.next()?,
        })
    }
}

pub mod post {
    use super::*;

    pub type F<T, K = Plain> = Field<Post, T, K>;

    pub const META: ModelMeta = ModelMeta {
        name: "Post",
        table: "Post",
        schema: None,
        columns: &[
            col("id", "id", ColumnType::String, ColumnDefault::Cuid, false),
            col("title", "title", ColumnType::String, ColumnDefault::None, false),
            col("published", "published", ColumnType::Boolean, ColumnDefault::Database, false),
            col("views", "views", ColumnType::BigInt, ColumnDefault::Database, false),
            col("authorId", "authorId", ColumnType::Int, ColumnDefault::None, false),
            col("editorId", "editorId", ColumnType::Int, ColumnDefault::None, true),
        ],
        primary_key: &[0],
        unique_criteria: &[&[0]],
    };

    pub const fn id() -> F<String, Unique> {
        F::new(0)
    }
    pub const fn title() -> F<String> {
        F::new(1)
    }
    pub const fn published() -> F<bool> {
        F::new(2)
    }
    pub const fn views() -> F<i64> {
        F::new(3)
    }
    pub const fn author_id() -> F<i32> {
        F::new(4)
    }
    pub const fn editor_id() -> F<Option<i32>> {
        F::new(5)
    }

    pub const AUTHOR: RelationMeta =
        RelationMeta { name: "author", from_columns: &[4], to_columns: &[0], cardinality: Cardinality::One };
    pub const fn author() -> Relation<Post, User, One> {
        Relation::new(&AUTHOR)
    }
    pub const EDITOR: RelationMeta = RelationMeta {
        name: "editor",
        from_columns: &[5],
        to_columns: &[0],
        cardinality: Cardinality::OptionalOne,
    };
    pub const fn editor() -> Relation<Post, User, OptionalOne> {
        Relation::new(&EDITOR)
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Create {
        pub title: String,
        pub author_id: i32,
        pub id: Option<String>,
        pub published: Option<bool>,
        pub views: Option<i64>,
        pub editor_id: Option<i32>,
    }

    pub fn create(title: impl Into<String>, author_id: impl Into<i32>) -> Create {
        Create {
            title: title.into(),
            author_id: author_id.into(),
            id: None,
            published: None,
            views: None,
            editor_id: None,
        }
    }

    impl CreateInput<Post> for Create {
        fn into_values(self, out: &mut Vec<(ColumnIdx, Value)>) {
            if let Some(v) = self.id {
                out.push((0, v.to_value()));
            }
            out.push((1, self.title.to_value()));
            if let Some(v) = self.published {
                out.push((2, v.to_value()));
            }
            if let Some(v) = self.views {
                out.push((3, v.to_value()));
            }
            out.push((4, self.author_id.to_value()));
            if let Some(v) = self.editor_id {
                out.push((5, v.to_value()));
            }
        }
    }
}

/// The tables above, hand-written per dialect (what `orm migrate` would create).
pub fn ddl(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => {
            r#"
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'USER',
    "score" REAL,
    "balance" DECIMAL,
    "data" TEXT,
    "avatar" BLOB,
    "created_at" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE TABLE "Post" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "views" BIGINT NOT NULL DEFAULT 0,
    "authorId" INTEGER NOT NULL,
    "editorId" INTEGER,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Post_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
"#
        }
        Dialect::Postgres => {
            r#"
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "score" DOUBLE PRECISION,
    "balance" DECIMAL(20,4),
    "data" JSONB,
    "avatar" BYTEA,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE TABLE "Post" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "views" BIGINT NOT NULL DEFAULT 0,
    "authorId" INTEGER NOT NULL,
    "editorId" INTEGER,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Post" ADD CONSTRAINT "Post_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
"#
        }
        Dialect::MySql => {
            r#"
CREATE TABLE `User` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(191) NOT NULL,
    `name` VARCHAR(191) NULL,
    `role` ENUM('USER', 'ADMIN') NOT NULL DEFAULT 'USER',
    `score` DOUBLE NULL,
    `balance` DECIMAL(20,4) NULL,
    `data` JSON NULL,
    `avatar` LONGBLOB NULL,
    `created_at` DATETIME(3) NOT NULL,
    `updatedAt` DATETIME(3) NOT NULL,
    UNIQUE INDEX `User_email_key`(`email`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE TABLE `Post` (
    `id` VARCHAR(191) NOT NULL,
    `title` VARCHAR(191) NOT NULL,
    `published` BOOLEAN NOT NULL DEFAULT false,
    `views` BIGINT NOT NULL DEFAULT 0,
    `authorId` INTEGER NOT NULL,
    `editorId` INTEGER NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT `Post_editorId_fkey` FOREIGN KEY (`editorId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
"#
        }
    }
}

/// Reads an optional backend URL; `None` (with a printed message) skips the test, unless
/// `ORM_REQUIRE_ALL_BACKENDS=1`, which makes a missing URL a failure.
pub fn backend_url(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            let required = std::env::var("ORM_REQUIRE_ALL_BACKENDS").is_ok_and(|v| v == "1");
            assert!(!required, "{var} is not set and ORM_REQUIRE_ALL_BACKENDS=1");
            eprintln!("skipping: {var} is not set");
            None
        }
    }
}

/// A fresh SQLite database file for test `name`, with the tables created.
pub async fn sqlite(name: &str) -> Client {
    let path = std::env::temp_dir().join(format!("orm-qe-{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let client = Client::connect(&format!("sqlite://{}", path.display())).await.expect("connect sqlite");
    client.execute_raw(ddl(Dialect::Sqlite)).await.expect("create tables");
    client
}

/// [`sqlite`] for `backend_tests!` (SQLite never skips).
pub async fn sqlite_some(name: &str) -> Option<Client> {
    Some(sqlite(name).await)
}

/// The per-test schema / database name: `qe_<name>_<process id>`, so that parallel test
/// processes never share one.
pub fn unique_name(name: &str) -> String {
    format!("qe_{name}_{}", std::process::id())
}

/// A fresh PostgreSQL schema [`unique_name`] (dropped first) as the connection's `search_path`.
pub async fn postgres(name: &str) -> Option<Client> {
    let url = backend_url("ORM_TEST_POSTGRES_URL")?;
    let schema = unique_name(name);
    let admin = Client::connect(&url).await.expect("connect postgres");
    admin
        .execute_raw(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; CREATE SCHEMA \"{schema}\";"))
        .await
        .expect("create schema");
    let sep = if url.contains('?') { '&' } else { '?' };
    let client = Client::connect(&format!("{url}{sep}options=-csearch_path%3D{schema}"))
        .await
        .expect("connect schema");
    client.execute_raw(ddl(Dialect::Postgres)).await.expect("create tables");
    Some(client)
}

/// A fresh MySQL/MariaDB database [`unique_name`] (dropped first).
pub async fn mysql(name: &str) -> Option<Client> {
    let url = backend_url("ORM_TEST_MYSQL_URL")?;
    let database = unique_name(name);
    let admin = Client::connect(&url).await.expect("connect mysql");
    admin
        .execute_raw(&format!("DROP DATABASE IF EXISTS `{database}`; CREATE DATABASE `{database}`;"))
        .await
        .expect("create database");
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url.as_str(), String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let prefix = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    let client = Client::connect(&format!("{prefix}/{database}{query}")).await.expect("connect database");
    client.execute_raw(ddl(Dialect::MySql)).await.expect("create tables");
    Some(client)
}

/// Asserts a typed database error of `kind` on `model` that names `field` (when `field` is given).
#[track_caller]
pub fn assert_db_error(err: Error, kind: DbErrorKind, model: &str, field: Option<&str>) {
    match err {
        Error::Database(db) => {
            assert_eq!(db.kind, kind, "{db}");
            assert_eq!(db.model, Some(model), "{db}");
            if let Some(field) = field {
                assert!(
                    db.fields.iter().any(|f| f == field),
                    "expected field {field} in {db}: {:?}",
                    db.fields
                );
            }
        }
        other => panic!("expected a database error, got {other:?}"),
    }
}
