//! `orm migrate dev|deploy|status|reset|diff`.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{DbContext, block_on, database_error};
use crate::args::{MigrateDevArgs, ResetArgs};
use crate::backend;

/// Creates a migration from the schema changes and applies pending migrations.
///
/// # Errors
/// Invalid schema, database unreachable, drift or SQL errors.
pub fn dev(schema: Option<&Path>, args: &MigrateDevArgs) -> Result<ExitCode> {
    let ctx = DbContext::load(schema)?;
    let dir = ctx.loaded.migrations_dir();
    eprintln!("Database: {}", ctx.redacted_url());
    let outcome = block_on(backend::dev(&ctx.url, &dir, &ctx.loaded.schema, &args.name, args.create_only))?
        .map_err(|e| database_error(e, &ctx.url))?;
    match &outcome.created {
        Some(path) => eprintln!("Created migration {}", path.display()),
        None => eprintln!("The schema matches the migrations; no new migration was created."),
    }
    if args.create_only {
        eprintln!("Not applied (--create-only); run `orm migrate dev` or `orm migrate deploy` to apply.");
    } else {
        print_applied(&outcome.applied);
    }
    Ok(ExitCode::SUCCESS)
}

/// Applies pending migrations.
///
/// # Errors
/// Database unreachable, edited or failed migrations, SQL errors.
pub fn deploy(schema: Option<&Path>) -> Result<ExitCode> {
    let ctx = DbContext::load(schema)?;
    let dir = ctx.loaded.migrations_dir();
    eprintln!("Database: {}", ctx.redacted_url());
    let applied = block_on(backend::deploy(&ctx.url, &dir))?.map_err(|e| database_error(e, &ctx.url))?;
    print_applied(&applied);
    Ok(ExitCode::SUCCESS)
}

/// Prints the migration status; exit 1 when the database is not up to date.
///
/// # Errors
/// Database unreachable or migrations folder unreadable.
pub fn status(schema: Option<&Path>) -> Result<ExitCode> {
    let ctx = DbContext::load(schema)?;
    let dir = ctx.loaded.migrations_dir();
    let status = block_on(backend::status(&ctx.url, &dir))?.map_err(|e| database_error(e, &ctx.url))?;
    println!(
        "{} migration(s) in {}, {} applied",
        status.applied.len() + status.pending.len(),
        dir.display(),
        status.applied.len()
    );
    let sections = [
        ("Not yet applied", &status.pending),
        ("Failed", &status.failed),
        ("Edited after they were applied (checksum mismatch)", &status.edited),
        ("Applied but missing from the migrations folder", &status.missing_locally),
    ];
    for (title, names) in sections {
        if !names.is_empty() {
            println!("{title}:");
            for name in names {
                println!("  {name}");
            }
        }
    }
    let up_to_date = status.pending.is_empty()
        && status.failed.is_empty()
        && status.edited.is_empty()
        && status.missing_locally.is_empty();
    if up_to_date {
        println!("Database schema is up to date.");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("Database schema is not up to date; run `orm migrate deploy` (or `orm migrate dev`).");
        Ok(ExitCode::from(1))
    }
}

/// Drops everything and re-applies every migration.
///
/// # Errors
/// Not confirmed, database unreachable, SQL errors.
pub fn reset(schema: Option<&Path>, args: &ResetArgs) -> Result<ExitCode> {
    let ctx = DbContext::load(schema)?;
    if !args.force {
        if !std::io::stdin().is_terminal() {
            bail!("`orm migrate reset` deletes all data; pass --force to run it without a terminal");
        }
        eprint!("Drop all data in {}? [y/N] ", ctx.redacted_url());
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            eprintln!("Reset cancelled.");
            return Ok(ExitCode::from(1));
        }
    }
    let dir = ctx.loaded.migrations_dir();
    let applied = block_on(backend::reset(&ctx.url, &dir))?.map_err(|e| database_error(e, &ctx.url))?;
    eprintln!("Database reset.");
    print_applied(&applied);
    Ok(ExitCode::SUCCESS)
}

/// Prints the SQL from the migrations folder's state to the schema.
///
/// # Errors
/// Invalid schema, migrations folder unreadable.
pub fn diff(schema: Option<&Path>) -> Result<ExitCode> {
    let loaded = crate::schema_files::load(schema)?;
    loaded.require_valid()?;
    let dir = loaded.migrations_dir();
    // Only non-SQLite dialects need a database (to host the shadow schema).
    let env = crate::env::EnvVars::load(&loaded.base_dir())?;
    let url = crate::env::database_url(&loaded, &env).ok();
    let sql = block_on(backend::diff(url.as_deref(), &dir, &loaded.schema))?.map_err(|e| match &url {
        Some(url) => database_error(e, url),
        None => e,
    })?;
    if sql.trim().is_empty() {
        eprintln!("No difference between {} and the schema.", dir.display());
    } else {
        print!("{sql}");
        if !sql.ends_with('\n') {
            println!();
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_applied(applied: &[String]) {
    if applied.is_empty() {
        eprintln!("No pending migrations to apply.");
    } else {
        eprintln!("Applied {} migration(s):", applied.len());
        for name in applied {
            eprintln!("  {name}");
        }
    }
}
