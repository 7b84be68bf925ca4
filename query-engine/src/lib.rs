//! Runtime of generated clients: typed query values, SQL rendering per dialect, execution, row mapping.
//!
//! # Scope
//! Generated clients build [`typed`] values (fields, filters, sets), which become untyped [`query`]
//! values, which a [`dialect::Dialect`] renders to a [`query::Statement`]: SQL text plus bound
//! parameters. Values are never spliced into SQL. The executor runs statements (PostgreSQL through
//! tokio-postgres with cached prepared statements, SQLite and MySQL through sqlx) and rows decode
//! into generated structs through [`row::RowReader`].
//!
//! # Invariants
//! - This crate never depends on `orm-schema-parser`: user binaries do not link pest.
//!   Everything it knows about a schema comes from [`meta`] constants written by codegen.
//! - Rendering is pure string building; only the executor talks to databases.

#![deny(missing_docs)]

pub mod meta;
pub mod query;
pub mod typed;
pub mod value;
