//! `orm db push` and `orm db pull`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{DbContext, block_on, database_error};
use crate::args::PullArgs;
use crate::{backend, fsutil};

/// Makes the database match the schema without writing a migration.
///
/// # Errors
/// Invalid schema, database unreachable, SQL errors.
pub fn push(schema: Option<&Path>) -> Result<ExitCode> {
    let ctx = DbContext::load(schema)?;
    eprintln!("Database: {}", ctx.redacted_url());
    let sql =
        block_on(backend::push(&ctx.url, &ctx.loaded.schema))?.map_err(|e| database_error(e, &ctx.url))?;
    if sql.trim().is_empty() {
        eprintln!("The database is already in sync with the schema.");
    } else {
        eprintln!("The database is now in sync with the schema.");
    }
    Ok(ExitCode::SUCCESS)
}

/// Introspects the database; prints the schema or overwrites the schema file.
///
/// # Errors
/// Invalid schema, database unreachable, introspection not available.
pub fn pull(schema: Option<&Path>, args: &PullArgs) -> Result<ExitCode> {
    let ctx = DbContext::load(schema)?;
    let text = block_on(backend::pull(&ctx.url))?.map_err(|e| database_error(e, &ctx.url))?;
    if args.print || ctx.loaded.root.is_dir() {
        print!("{text}");
    } else {
        fsutil::write_atomic(&ctx.loaded.root, &text)?;
        eprintln!("Introspected the database into {}", ctx.loaded.root.display());
    }
    Ok(ExitCode::SUCCESS)
}
