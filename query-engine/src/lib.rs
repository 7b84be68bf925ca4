//! Runtime of generated clients: typed query values, SQL rendering per dialect, execution, row mapping.
//!
//! # Scope
//! Generated clients build [`typed`] values (fields, filters, sets), which become untyped [`query`]
//! values, which [`dialect::render`] turns into a [`query::Statement`]: SQL text plus bound
//! parameters. Values are never spliced into SQL. The executor runs statements (PostgreSQL through
//! tokio-postgres with cached prepared statements, SQLite and MySQL through sqlx) and rows decode
//! into generated structs through [`row::RowReader`].
//!
//! ```no_run
//! # async fn demo() -> orm_query_engine::Result<()> {
//! let client = orm_query_engine::Client::connect("sqlite::memory:").await?;
//! client.execute_raw("CREATE TABLE t (id INTEGER PRIMARY KEY)").await?;
//! # Ok(()) }
//! ```
//!
//! # Round trips
//! One network round trip per statement once it is prepared on the connection (tested on the
//! wire by `tests/round_trips.rs`): connection checkout and return talk to no server, and every
//! statement text is prepared once per connection and cached.
//!
//! | operation | PostgreSQL, SQLite | MySQL / MariaDB |
//! |---|---|---|
//! | `find_unique`, `find_first`, `find_many`, `count` | 1 | 1 |
//! | `… .include(relation)` (one level) | 2 (1 when no parent matched) | 2 |
//! | `create` (`INSERT … RETURNING`) | 1 | 1 (MariaDB ≥ 10.5) |
//! | `create_many` | 1 per 65,535 parameters (SQLite: 32,766), +2 (`BEGIN`/`COMMIT`) when split | same |
//! | `update` (`UPDATE … RETURNING`) | 1 | 2 (`UPDATE` + `SELECT`), 3 when it assigns a filtered column |
//! | `update_many`, `delete_many` | 1 | 1 |
//! | `delete` (`DELETE … RETURNING`) | 1 | 1 (MariaDB) |
//! | `begin`, `commit`, `rollback` | 1 each | 1 each |
//!
//! # Invariants
//! - This crate never depends on `orm-schema-parser`: user binaries do not link pest.
//!   Everything it knows about a schema comes from [`meta`] constants written by codegen.
//! - Rendering is pure string building; only the executor talks to databases.
//! - One round trip per statement: no pool pings, no re-preparing, no read-back after `INSERT`.

#![deny(missing_docs)]

pub mod client;
pub mod dialect;
pub mod error;
mod executor;
pub mod ids;
pub mod meta;
pub mod query;
pub mod row;
pub mod typed;
pub mod value;

pub use client::{Actions, Client, Transaction};
pub use error::{DbError, DbErrorKind, Error, Result};

/// Re-exported crates, so generated code and users need only `orm-query-engine` as a dependency.
pub use chrono;
pub use rust_decimal;
pub use serde_json;

/// The Rust types of schema scalar types: `DateTime` → `DateTime<Utc>`, `Decimal`, `Json`.
pub mod types {
    pub use chrono::{DateTime, Utc};
    pub use rust_decimal::Decimal;
    pub use serde_json::Value as Json;
}
