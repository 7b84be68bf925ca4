//! Parses Prisma Schema Language (PSL) text into an AST and validates it into the [`Schema`] IR.
//!
//! # Scope
//! Text in, values out: no IO, no async, no database. Parsing and validation never fail; they
//! return a value plus every [`Diagnostic`] found, in source order. A schema is usable only when
//! [`Diagnostics::has_errors`] is false.
//!
//! # Who depends on this crate
//! `orm-codegen`, `orm-migrate` and `orm-cli`. Never the query engine or a generated client:
//! user binaries do not link pest.

#![deny(missing_docs)]

pub mod diagnostics;
pub mod schema;

pub use diagnostics::{Diagnostic, Diagnostics, FileId, Severity, Span};
pub use schema::*;

/// One input file: its path (for messages) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user gave it; used in rendered diagnostics only.
    pub path: String,
    /// The file's text.
    pub text: String,
}
