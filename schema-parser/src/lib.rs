//! Parses Prisma Schema Language (PSL) text into an AST and validates it into the [`Schema`] IR.
//!
//! # Scope
//! Text in, values out: no IO, no async, no database. Parsing and validation never fail; they
//! return a value plus every [`Diagnostic`] found, in source order. A schema is usable only when
//! [`Diagnostics::has_errors`] is false.
//!
//! # Pipeline
//! [`parse_schema`] (pest grammar `src/grammar.pest`) turns one file into an [`ast::SchemaAst`]
//! whose nodes all carry a [`Span`] and which keeps `//` and `///` comments for the formatter.
//! [`validate`] turns the ASTs of all files of a schema into the [`Schema`] IR in passes:
//! configuration → names → enums → fields and attributes → relations → model-level checks.
//! [`parse_and_validate`] does both for a list of [`SourceFile`]s (`FileId(i)` is `files[i]`).
//! Diagnostic codes are `schema::<snake_case>` and never change meaning.
//!
//! # Terminology
//! As in PSL: a **name** is what the schema calls a thing, the **mapped name** is the
//! `@map`/`@@map` argument, and the **database name** is the mapped name if present, else the name.
//!
//! # Who depends on this crate
//! `orm-codegen`, `orm-migrate` and `orm-cli`. Never the query engine or a generated client:
//! user binaries do not link pest.

#![deny(missing_docs)]

pub mod ast;
pub mod diagnostics;
pub mod format;
mod parser;
pub mod schema;
mod validate;

pub use diagnostics::{Diagnostic, Diagnostics, FileId, Severity, Span};
pub use format::{FormatError, format_schema};
pub use parser::{parse_schema, unescape};
pub use schema::*;
pub use validate::validate;

/// One input file: its path (for messages) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user gave it; used in rendered diagnostics only.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// Parses every file and validates them together as one schema. `FileId(i)` is `files[i]`;
/// a multi-file schema (a folder loaded as one) is just several files. Never fails: the
/// returned [`Diagnostics`] say whether the [`Schema`] is usable.
pub fn parse_and_validate(files: &[SourceFile]) -> (Schema, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let asts: Vec<ast::SchemaAst> = files
        .iter()
        .enumerate()
        .map(|(i, f)| parse_schema(&f.text, FileId(i as u32), &mut diagnostics))
        .collect();
    let schema = validate(&asts, &mut diagnostics);
    (schema, diagnostics)
}
