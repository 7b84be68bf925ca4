//! Command dispatch: one function per `orm` command. Data goes to stdout, progress and errors to stderr.

mod db;
mod generate;
mod init;
mod migrate;
mod schema_cmds;

use std::future::Future;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::args::{Cli, Command, DbCommand, MigrateCommand};
use crate::env::{EnvVars, redact_url};
use crate::schema_files::{self, LoadedSchema};

/// Runs the parsed command line; `Ok(code)` for success or a non-error non-zero outcome.
///
/// # Errors
/// Any failure; `main` maps it to exit code 1 (or 101 for a [`crate::report::Bug`]).
pub fn run(cli: Cli) -> Result<ExitCode> {
    let schema = cli.schema.as_deref();
    match cli.command {
        Command::Init(args) => init::run(schema, &args),
        Command::Validate => schema_cmds::validate(schema),
        Command::Format(args) => schema_cmds::format(schema, &args),
        Command::Generate => generate::run(schema),
        Command::Migrate(MigrateCommand::Dev(args)) => migrate::dev(schema, &args),
        Command::Migrate(MigrateCommand::Deploy) => migrate::deploy(schema),
        Command::Migrate(MigrateCommand::Status) => migrate::status(schema),
        Command::Migrate(MigrateCommand::Reset(args)) => migrate::reset(schema, &args),
        Command::Migrate(MigrateCommand::Diff) => migrate::diff(schema),
        Command::Db(DbCommand::Push) => db::push(schema),
        Command::Db(DbCommand::Pull(args)) => db::pull(schema, &args),
    }
}

/// Everything a database command needs: the valid schema, its database URL and migrations folder.
pub(crate) struct DbContext {
    pub loaded: LoadedSchema,
    pub url: String,
}

impl DbContext {
    /// Loads and validates the schema (printing diagnostics) and resolves the database URL.
    pub fn load(schema: Option<&std::path::Path>) -> Result<DbContext> {
        let loaded = schema_files::load(schema)?;
        loaded.require_valid()?;
        let env = EnvVars::load(&loaded.base_dir())?;
        let url = crate::env::database_url(&loaded, &env)?;
        Ok(DbContext { loaded, url })
    }

    /// The URL with its password hidden, for messages.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

/// Runs a future on a fresh single-threaded tokio runtime.
pub(crate) fn block_on<F: Future>(future: F) -> Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    Ok(runtime.block_on(future))
}

/// Rewrites a database error so that it names the redacted URL and never shows the password,
/// even when a driver message echoes it.
pub(crate) fn database_error(err: anyhow::Error, url: &str) -> anyhow::Error {
    if err.chain().any(|c| c.downcast_ref::<crate::report::Bug>().is_some()) {
        return err;
    }
    let mut text = format!("{err:#}");
    if let Some(password) = password_of(url) {
        text = text.replace(url, &redact_url(url)).replace(&password, "****");
    }
    let redacted = redact_url(url);
    if text.contains(&redacted) {
        anyhow::anyhow!("{text}")
    } else {
        anyhow::anyhow!("database at `{redacted}`: {text}")
    }
}

fn password_of(url: &str) -> Option<String> {
    let rest = &url[url.find("://")? + 3..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let userinfo = &authority[..authority.rfind('@')?];
    let password = &userinfo[userinfo.find(':')? + 1..];
    (!password.is_empty()).then(|| password.to_owned())
}
