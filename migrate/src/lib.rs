//! Prisma-migrate-style schema migrations for SQLite, PostgreSQL and MySQL/MariaDB.
//!
//! # Data flow
//! `calculate(&Schema, dialect)` → [`DatabaseSchema`] (next); [`describe`] (live database) →
//! `DatabaseSchema` (previous); [`diff`] → sorted `Vec<MigrationStep>`; [`render_script`] →
//! `migration.sql`. [`apply_pending`] runs `migrations/<timestamp>_<name>/migration.sql` files and
//! records them in the history table `_orm_migrations`.
//!
//! # Invariants
//! `calculate`, `diff` and `render` are pure (no IO). Only `describe`, `apply` and `connection`
//! touch sqlx. This crate does not depend on the query engine. No function panics on user input.
//! Round trip: for every schema, applying `render_script(diff(empty, calculate(s)))` to an empty
//! database and describing it gives a schema whose `diff` against `calculate(s)` is empty
//! (tested on the real-world corpus).
//!
//! # Dialect support
//!
//! | | SQLite | PostgreSQL | MySQL / MariaDB |
//! | --- | --- | --- | --- |
//! | create / drop table, add / drop column | yes | yes | yes |
//! | alter column (type, null, default) | table redefinition | in place (`USING` cast) | `MODIFY` |
//! | indexes, unique constraints | yes | yes (`USING` method) | yes (prefix length, full-text) |
//! | foreign keys | inline; changes redefine the table | yes | yes |
//! | enums | `TEXT` | `CREATE TYPE`, add values, remove values (type swap) | inline `ENUM(...)` |
//! | scalar lists | no | `TYPE[]` | no |
//! | extensions | - | `CREATE EXTENSION IF NOT EXISTS` | - |
//! | migration in one transaction | yes | yes | no (DDL auto-commits) |
//! | shadow database | in memory | temporary schema | temporary database |
//!
//! Not supported: multi-schema (`@@schema`), views (skipped), renames (seen as drop + add),
//! data-loss warnings, dropping extensions, check constraints.
//!
//! # Who depends on this crate
//! `orm-cli` (the `migrate` and `db` commands) and the end-to-end tests.

#![deny(missing_docs)]

pub mod apply;
pub mod calculate;
pub mod connection;
pub mod database_schema;
pub mod describe;
pub mod diff;
pub mod error;
pub mod history;
pub mod render;

pub use apply::{
    ApplyReport, PushPlan, Status, apply_pending, detect_drift, dev_diff, dev_diff_on, mark_applied,
    mark_rolled_back, push, push_plan, reset, shadow_describe, status,
};
pub use calculate::calculate;
pub use connection::{Connection, connect};
pub use database_schema::DatabaseSchema;
pub use describe::describe;
pub use diff::{MigrationPair, MigrationStep, TableChange, destructive_changes, diff};
pub use error::{Error, Result};
pub use history::{MigrationFile, MigrationsDir};

pub use render::render_script;

/// The SQL dialect DDL is calculated, rendered and described for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SqlDialect {
    /// SQLite 3.35+.
    Sqlite,
    /// PostgreSQL 12+.
    Postgres,
    /// MySQL 8 / MariaDB 10.5+.
    Mysql,
}

impl SqlDialect {
    /// The dialect for a PSL provider; `None` for MongoDB and SQL Server (not supported here).
    /// CockroachDB is treated as PostgreSQL.
    pub fn from_provider(provider: orm_schema_parser::Provider) -> Option<SqlDialect> {
        use orm_schema_parser::Provider;
        match provider {
            Provider::Sqlite => Some(SqlDialect::Sqlite),
            Provider::Postgresql | Provider::Cockroachdb => Some(SqlDialect::Postgres),
            Provider::Mysql => Some(SqlDialect::Mysql),
            Provider::Mongodb | Provider::Sqlserver => None,
        }
    }

    /// The provider name written to `migration_lock.toml` (`sqlite`, `postgresql`, `mysql`).
    pub fn provider_name(self) -> &'static str {
        match self {
            SqlDialect::Sqlite => "sqlite",
            SqlDialect::Postgres => "postgresql",
            SqlDialect::Mysql => "mysql",
        }
    }
}
