//! The one place where `orm` calls the library crates (parser, formatter, codegen, migrate).
//!
//! Commands talk to these small functions only, so a library API change touches this file alone.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use orm_schema_parser::{Diagnostic, Diagnostics, Schema, SourceFile};

use crate::report::{Bug, Reported};
use crate::schema_files::LoadedSchema;

/// Parses and validates all files as one schema.
pub fn parse_and_validate(files: &[SourceFile]) -> (Schema, Diagnostics) {
    orm_schema_parser::parse_and_validate(files)
}

fn not_available(what: &str, owner: &str) -> anyhow::Error {
    anyhow!("{what} is not yet available in this build (it lands with `{owner}`)")
}

/// Canonical formatting of one schema file's text.
///
/// # Errors
/// The formatter is not available yet.
pub fn format_file(_text: &str) -> Result<String> {
    Err(not_available("`orm format`", "orm-schema-parser"))
}

/// Generates the client source; `schema_path` is written into the file's header only.
///
/// # Errors
/// A codegen refusal with a schema location is printed as a diagnostic and returned as
/// [`crate::report::Reported`]; an invalid-output error is a [`crate::report::Bug`].
pub fn generate_client(loaded: &LoadedSchema, schema_path: &str) -> Result<String> {
    let options = orm_codegen::GenerateOptions { schema_path: schema_path.to_owned() };
    match orm_codegen::generate(&loaded.schema, &options) {
        Ok(client) => {
            for note in &client.notes {
                crate::report::print_warning(note);
            }
            Ok(client.source)
        }
        Err(err) => match err.span() {
            Some(span) => {
                let mut diagnostics = Diagnostics::new();
                let code = match &err {
                    orm_codegen::CodegenError::UnsupportedProvider { .. } => "codegen::unsupported_provider",
                    orm_codegen::CodegenError::NameCollision { .. } => "codegen::name_collision",
                    _ => "codegen::unsupported",
                };
                diagnostics.push(Diagnostic::error(code, format!("{err}."), span));
                crate::report::print_diagnostics(&diagnostics, &loaded.files);
                crate::report::print_error(&anyhow!("client generation failed; nothing was written"));
                Err(Reported.into())
            }
            None => Err(Bug(err.to_string()).into()),
        },
    }
}

/// What `migrate status` found.
#[derive(Debug, Default)]
pub struct Status {
    /// Applied migration names, in order.
    pub applied: Vec<String>,
    /// Migrations in the folder not applied yet.
    pub pending: Vec<String>,
    /// Migrations whose last attempt failed.
    pub failed: Vec<String>,
    /// Applied migrations whose file changed since (checksum mismatch).
    pub edited: Vec<String>,
    /// Applied migrations missing from the folder.
    pub missing_locally: Vec<String>,
}

impl Status {
    /// True when nothing is pending, failed, edited or missing.
    pub fn is_up_to_date(&self) -> bool {
        self.pending.is_empty()
            && self.failed.is_empty()
            && self.edited.is_empty()
            && self.missing_locally.is_empty()
    }
}

/// Result of `migrate dev`.
#[derive(Debug, Default)]
pub struct DevOutcome {
    /// The folder of the new migration, when the schema differed from the migrations.
    pub created: Option<PathBuf>,
    /// Migrations applied by this run, in order.
    pub applied: Vec<String>,
}

/// Applies pending migrations of `dir` to `url`; returns the names applied.
///
/// # Errors
/// Connection, edited or failed migrations, SQL errors.
pub async fn deploy(_url: &str, _dir: &Path) -> Result<Vec<String>> {
    Err(not_available("`orm migrate deploy`", "orm-migrate"))
}

/// Compares the migrations folder with the history table.
///
/// # Errors
/// Connection errors, unreadable migrations folder.
pub async fn status(_url: &str, _dir: &Path) -> Result<Status> {
    Err(not_available("`orm migrate status`", "orm-migrate"))
}

/// Creates a migration for the difference between the migrations and `schema`, then applies pending ones.
///
/// # Errors
/// Connection, drift, SQL errors.
pub async fn dev(
    _url: &str,
    _dir: &Path,
    _schema: &Schema,
    _name: &str,
    _create_only: bool,
) -> Result<DevOutcome> {
    Err(not_available("`orm migrate dev`", "orm-migrate"))
}

/// Drops everything in the database and applies every migration; returns the names applied.
///
/// # Errors
/// Connection or SQL errors.
pub async fn reset(_url: &str, _dir: &Path) -> Result<Vec<String>> {
    Err(not_available("`orm migrate reset`", "orm-migrate"))
}

/// The SQL script from the migrations folder's end state to `schema`.
///
/// # Errors
/// Unreadable migrations folder.
pub async fn diff(_dir: &Path, _schema: &Schema) -> Result<String> {
    Err(not_available("`orm migrate diff`", "orm-migrate"))
}

/// Makes the database match `schema` without a migration; returns the SQL run.
///
/// # Errors
/// Connection or SQL errors, data loss without `accept_data_loss`.
pub async fn push(_url: &str, _schema: &Schema, _accept_data_loss: bool) -> Result<String> {
    Err(not_available("`orm db push`", "orm-migrate"))
}

/// Introspects the database into schema text.
///
/// # Errors
/// Connection errors.
pub async fn pull(_url: &str) -> Result<String> {
    Err(not_available("`orm db pull` (introspection to a schema)", "orm-migrate"))
}
