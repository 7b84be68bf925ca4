//! The one place where `orm` calls the library crates (parser, formatter, codegen, migrate).
//!
//! Commands talk to these small functions only, so a library API change touches this file alone.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use orm_migrate::{MigrationsDir, SqlDialect};
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

/// Canonical formatting of all files of one schema (Prisma's `prisma format` layout; relations are
/// completed across files). Returns the new texts in the order of `files`.
///
/// # Errors
/// A file with syntax errors: the diagnostics are printed and [`Reported`] is returned.
pub fn format_files(files: &[SourceFile]) -> Result<Vec<String>> {
    let texts: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
    match orm_schema_parser::format::format_schema_files(&texts) {
        Ok(formatted) => Ok(formatted),
        Err(orm_schema_parser::format::FormatError::Syntax(diagnostics)) => {
            crate::report::print_diagnostics(&diagnostics, files);
            crate::report::print_error(&anyhow!("the schema has syntax errors and cannot be formatted"));
            Err(Reported.into())
        }
        Err(other) => Err(anyhow!("cannot format the schema: {other}")),
    }
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
pub use orm_migrate::Status;

/// Result of `migrate dev`.
#[derive(Debug, Default)]
pub struct DevOutcome {
    /// The folder of the new migration, when the schema differed from the migrations.
    pub created: Option<PathBuf>,
    /// Migrations applied by this run, in order.
    pub applied: Vec<String>,
}

fn dialect_of(schema: &Schema) -> Result<SqlDialect> {
    let provider = schema.provider().ok_or_else(|| anyhow!("the schema has no `datasource` block"))?;
    SqlDialect::from_provider(provider)
        .ok_or_else(|| anyhow!("migrations are not supported for the `{}` provider", provider.as_str()))
}

/// A migration folder name part from a user-given name: lowercase, runs of other characters
/// than ASCII letters and digits become `_` (Prisma does the same).
pub fn sanitize_migration_name(name: &str) -> String {
    let mut res = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            res.push(c.to_ascii_lowercase());
        } else if !res.ends_with('_') {
            res.push('_');
        }
    }
    let trimmed = res.trim_matches('_');
    if trimmed.is_empty() { "migration".to_owned() } else { trimmed.to_owned() }
}

/// `now` (`YYYYMMDDHHMMSS`), or one more than the newest existing migration's timestamp when that is
/// not older, so a new migration always sorts last even when two are created within one second.
fn next_timestamp(now: &str, files: &[orm_migrate::MigrationFile]) -> String {
    let last = files.iter().filter_map(|f| f.name.get(..14)).filter_map(|t| t.parse::<u64>().ok()).max();
    match (now.parse::<u64>(), last) {
        (Ok(now_n), Some(last)) if now_n <= last => format!("{:014}", last + 1),
        _ => now.to_owned(),
    }
}

/// Applies pending migrations of `dir` to `url`; returns the names applied.
///
/// # Errors
/// Connection, edited or failed migrations, SQL errors.
pub async fn deploy(url: &str, dir: &Path) -> Result<Vec<String>> {
    let files = MigrationsDir::load(dir)?;
    let mut conn = orm_migrate::connect(url).await?;
    let report = orm_migrate::apply_pending(&mut conn, &files).await;
    conn.close().await;
    Ok(report?.applied)
}

/// Compares the migrations folder with the history table.
///
/// # Errors
/// Connection errors, unreadable migrations folder.
pub async fn status(url: &str, dir: &Path) -> Result<Status> {
    let files = MigrationsDir::load(dir)?;
    let mut conn = orm_migrate::connect(url).await?;
    let status = orm_migrate::status(&mut conn, &files).await;
    conn.close().await;
    Ok(status?)
}

/// Creates a migration for the difference between the migrations (replayed on a shadow
/// database) and `schema`, then applies pending ones unless `create_only`.
///
/// # Errors
/// Connection, shadow database, edited or failed migrations, SQL errors.
pub async fn dev(
    url: &str,
    dir: &Path,
    schema: &Schema,
    name: &str,
    create_only: bool,
) -> Result<DevOutcome> {
    let dialect = dialect_of(schema)?;
    let mut files = MigrationsDir::load(dir)?;
    let mut conn = orm_migrate::connect(url).await?;
    let result = async {
        let mut outcome = DevOutcome::default();
        if let Some(script) = orm_migrate::apply::dev_diff_on(&mut conn, schema, &files).await? {
            let timestamp = next_timestamp(&orm_migrate::history::timestamp_now(), &files);
            let file = MigrationsDir::write_migration(
                dir,
                &timestamp,
                &sanitize_migration_name(name),
                &script,
                dialect,
            )?;
            outcome.created = file.path.parent().map(Path::to_path_buf);
            files.push(file);
        }
        if !create_only {
            outcome.applied = orm_migrate::apply_pending(&mut conn, &files).await?.applied;
        }
        Ok::<_, anyhow::Error>(outcome)
    }
    .await;
    conn.close().await;
    result
}

/// Drops everything in the database and applies every migration; returns the names applied.
///
/// # Errors
/// Connection or SQL errors.
pub async fn reset(url: &str, dir: &Path) -> Result<Vec<String>> {
    let files = MigrationsDir::load(dir)?;
    let mut conn = orm_migrate::connect(url).await?;
    let result = async {
        orm_migrate::reset(&mut conn).await?;
        Ok::<_, anyhow::Error>(orm_migrate::apply_pending(&mut conn, &files).await?.applied)
    }
    .await;
    conn.close().await;
    result
}

/// The SQL script from the migrations folder's end state to `schema` (empty when in sync).
/// SQLite replays the migrations in memory; other dialects need `url` to host a shadow schema.
///
/// # Errors
/// Unreadable migrations folder, a migration failing on the shadow database, connection errors.
pub async fn diff(url: Option<&str>, dir: &Path, schema: &Schema) -> Result<String> {
    let dialect = dialect_of(schema)?;
    let files = MigrationsDir::load(dir)?;
    let script = if dialect == SqlDialect::Sqlite {
        orm_migrate::dev_diff(schema, dialect, &files).await?
    } else {
        let url =
            url.ok_or_else(|| anyhow!("`migrate diff` needs the database URL to host a shadow schema"))?;
        let mut conn = orm_migrate::connect(url).await?;
        let script = orm_migrate::apply::dev_diff_on(&mut conn, schema, &files).await;
        conn.close().await;
        script?
    };
    Ok(script.unwrap_or_default())
}

/// Makes the database match `schema` without a migration; returns the SQL run (empty when in sync).
///
/// # Errors
/// Connection or SQL errors.
pub async fn push(url: &str, schema: &Schema) -> Result<String> {
    let mut conn = orm_migrate::connect(url).await?;
    let script = orm_migrate::push(&mut conn, schema).await;
    conn.close().await;
    Ok(script?.unwrap_or_default())
}

/// Introspects the database into schema text.
///
/// # Errors
/// Always, until `orm-migrate` renders a described database as PSL.
pub async fn pull(_url: &str) -> Result<String> {
    Err(not_available("`orm db pull` (rendering an introspected database as a schema)", "orm-migrate"))
}
