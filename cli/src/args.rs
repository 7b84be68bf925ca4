//! Command-line arguments of `orm` (clap derive). Every command and flag has `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Database toolkit for Rust: Prisma schemas in, typed clients and migrations out.
#[derive(Debug, Parser)]
#[command(name = "orm", version, propagate_version = true)]
pub struct Cli {
    /// Schema file, or a folder of `.prisma` files (loaded recursively, sorted by path).
    /// Default: `./prisma/schema.prisma`, then `./schema.prisma`, then the folder `./prisma/schema`.
    #[arg(long, global = true, value_name = "PATH")]
    pub schema: Option<PathBuf>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create `prisma/schema.prisma` (SQLite datasource, Rust client generator) and `.env`.
    Init(InitArgs),
    /// Parse and validate the schema; print every problem found.
    Validate,
    /// Rewrite the schema in canonical formatting.
    Format(FormatArgs),
    /// Generate the typed Rust client into each `orm-client-rust` generator's `output`.
    Generate,
    /// Create, apply and inspect migrations (the `migrations` folder next to the schema).
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// Work on the database directly, without migration files.
    #[command(subcommand)]
    Db(DbCommand),
}

/// Options of `orm init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// SQLite database file the generated `.env` points at (relative to the schema folder).
    #[arg(long, default_value = "dev.db", value_name = "FILE")]
    pub database_file: String,
}

/// Options of `orm format`.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Do not write; exit 1 when a file is not formatted.
    #[arg(long)]
    pub check: bool,
}

/// `orm migrate …`.
#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Create a migration from the schema changes, apply it and pending ones to the development database.
    Dev(MigrateDevArgs),
    /// Apply pending migrations (for production and CI); never creates migrations.
    Deploy,
    /// Show applied, pending, failed and edited migrations; exit 1 when the database is not up to date.
    Status,
    /// Drop everything in the database, then apply every migration.
    Reset(ResetArgs),
    /// Print the SQL that turns the state of the migrations folder into the schema.
    Diff,
}

/// Options of `orm migrate dev`.
#[derive(Debug, Args)]
pub struct MigrateDevArgs {
    /// Name of the new migration, e.g. `add_user_email` (folder `<timestamp>_<name>`).
    #[arg(long, short = 'n')]
    pub name: String,
    /// Write the migration file without applying it.
    #[arg(long)]
    pub create_only: bool,
}

/// Options of `orm migrate reset`.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask for confirmation (required when standard input is not a terminal).
    #[arg(long, short = 'f')]
    pub force: bool,
}

/// `orm db …`.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Make the database match the schema without creating a migration (prototyping; may drop data).
    Push,
    /// Introspect the database and print (or write) a schema describing it.
    Pull(PullArgs),
}

/// Options of `orm db pull`.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// Print the introspected schema instead of overwriting the schema file.
    #[arg(long)]
    pub print: bool,
}
