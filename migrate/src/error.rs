//! The error type of `orm-migrate`.

use std::path::PathBuf;

/// `Result` with [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while migrating. `Display` is a lowercase fragment.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the migrations directory or a migration file failed.
    #[error("cannot read `{}`", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A directory in `migrations/` does not follow `<YYYYMMDDHHMMSS>_<name>/migration.sql`.
    #[error("invalid migration directory `{}`: {reason}", path.display())]
    InvalidMigrationDir {
        /// The directory.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The database URL could not be used.
    #[error("cannot connect to `{url}` (password redacted)")]
    Connect {
        /// The URL with its password replaced by `****`.
        url: String,
        /// The driver error.
        #[source]
        source: sqlx::Error,
    },
    /// The URL scheme is not one of `sqlite:`, `postgres(ql)://`, `mysql://`, `mariadb://`.
    #[error("unsupported database url `{url}`: expected sqlite:, postgresql:// or mysql://")]
    UnsupportedUrl {
        /// The URL with its password replaced by `****`.
        url: String,
    },
    /// A migration script failed; its transaction was rolled back (PostgreSQL, SQLite) and the
    /// migration was recorded as failed in the history table.
    #[error("migration `{migration}` failed: {message}")]
    MigrationFailed {
        /// The migration name (directory name).
        migration: String,
        /// The database's error message.
        message: String,
    },
    /// A failed migration is recorded in the history table; nothing else is applied until it is
    /// resolved.
    #[error(
        "migration `{migration}` failed earlier and is recorded as failed in `_orm_migrations`: fix the database by hand, then mark it rolled back (`mark_rolled_back`, or set `rolled_back_at` / delete its row from `_orm_migrations`) and run again"
    )]
    FailedMigrationRecorded {
        /// The migration name.
        migration: String,
    },
    /// An applied migration's file was edited after it was applied.
    #[error(
        "migration `{migration}` was modified after it was applied: the checksum of `{}` differs from the one in `_orm_migrations`; restore the file or reset the database", path.display()
    )]
    EditedMigration {
        /// The migration name.
        migration: String,
        /// Its `migration.sql`.
        path: PathBuf,
    },
    /// The schema uses something this crate cannot migrate (e.g. a provider without SQL).
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// A database query failed outside a migration script (introspection, history table).
    #[error("database error while {context}")]
    Database {
        /// What we were doing.
        context: String,
        /// The driver error.
        #[source]
        source: sqlx::Error,
    },
    /// A migration could not be applied to the shadow database while calculating a diff.
    #[error("migration `{migration}` failed to apply to the shadow database: {message}")]
    ShadowDatabase {
        /// The migration name.
        migration: String,
        /// The database's error message.
        message: String,
    },
}

impl Error {
    pub(crate) fn db(context: impl Into<String>) -> impl FnOnce(sqlx::Error) -> Error {
        let context = context.into();
        move |source| Error::Database { context, source }
    }
}
