//! The migrations directory (`migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql` plus
//! `migrations/migration_lock.toml`) and the history table `_orm_migrations`.
//!
//! Layout and lock file as Prisma Migrate:
//! <https://www.prisma.io/docs/orm/prisma-migrate/understanding-prisma-migrate/migration-histories>.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::{Error, Result, SqlDialect};

/// One migration on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationFile {
    /// The directory name, e.g. `20240101120000_init`; also the `migration_name` in the history table.
    pub name: String,
    /// Path of its `migration.sql`.
    pub path: PathBuf,
    /// The script text.
    pub script: String,
    /// SHA-256 of the file bytes, lowercase hex (64 characters).
    pub checksum: String,
}

impl MigrationFile {
    /// A migration from memory (for tests and the shadow database); `path` is only used in messages.
    pub fn new(
        name: impl Into<String>,
        path: impl Into<PathBuf>,
        script: impl Into<String>,
    ) -> MigrationFile {
        let script = script.into();
        MigrationFile { name: name.into(), path: path.into(), checksum: checksum(script.as_bytes()), script }
    }
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn checksum(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The migrations directory.
#[derive(Debug)]
pub struct MigrationsDir;

/// The lock file name inside the migrations directory.
pub const LOCK_FILE: &str = "migration_lock.toml";

impl MigrationsDir {
    /// Loads every `<dir>/<YYYYMMDDHHMMSS>_<name>/migration.sql`, sorted by directory name (so by
    /// timestamp). A missing directory is an empty history. Plain files (such as the lock file)
    /// are ignored.
    ///
    /// # Errors
    /// [`Error::Io`] naming the unreadable path; [`Error::InvalidMigrationDir`] for a directory
    /// whose name does not start with 14 digits and `_`, or that has no `migration.sql`.
    pub fn load(dir: &Path) -> Result<Vec<MigrationFile>> {
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| Error::Io { path, source }
        };
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let entry = entry.map_err(io(dir))?;
            let path = entry.path();
            if !path.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let valid = name.len() > 15
                && name.as_bytes()[..14].iter().all(u8::is_ascii_digit)
                && name.as_bytes()[14] == b'_';
            if !valid {
                return Err(Error::InvalidMigrationDir {
                    path,
                    reason: "expected a name like `20240101120000_init` (14-digit UTC timestamp, `_`, name)"
                        .to_owned(),
                });
            }
            let file = path.join("migration.sql");
            if !file.is_file() {
                return Err(Error::InvalidMigrationDir {
                    path,
                    reason: "it has no `migration.sql`".to_owned(),
                });
            }
            let bytes = std::fs::read(&file).map_err(io(&file))?;
            let script = String::from_utf8_lossy(&bytes).into_owned();
            out.push(MigrationFile { name, checksum: checksum(&bytes), path: file, script });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Writes `<dir>/<timestamp>_<name>/migration.sql` with `script` and returns it as loaded.
    /// `timestamp` is `YYYYMMDDHHMMSS` in UTC (see [`timestamp_now`]). Also writes the lock file.
    ///
    /// # Errors
    /// [`Error::Io`] naming the path that could not be written.
    pub fn write_migration(
        dir: &Path,
        timestamp: &str,
        name: &str,
        script: &str,
        dialect: SqlDialect,
    ) -> Result<MigrationFile> {
        let dir_name = format!("{timestamp}_{name}");
        let mig_dir = dir.join(&dir_name);
        std::fs::create_dir_all(&mig_dir).map_err(|source| Error::Io { path: mig_dir.clone(), source })?;
        let file = mig_dir.join("migration.sql");
        std::fs::write(&file, script).map_err(|source| Error::Io { path: file.clone(), source })?;
        Self::write_lock(dir, dialect)?;
        Ok(MigrationFile::new(dir_name, file, script))
    }

    /// The provider recorded in `<dir>/migration_lock.toml`, or `None` when there is no lock file.
    /// Callers compare it with the schema's provider: migrations written for one provider do not
    /// apply to another.
    ///
    /// # Errors
    /// [`Error::Io`] when the file exists but cannot be read; [`Error::InvalidMigrationDir`] when
    /// it has no `provider = "…"` line.
    pub fn read_lock(dir: &Path) -> Result<Option<String>> {
        let path = dir.join(LOCK_FILE);
        if !path.exists() {
            return Ok(None);
        }
        let text =
            std::fs::read_to_string(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
        let provider = text.lines().find_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim() == "provider").then(|| value.trim().trim_matches('"').to_owned())
        });
        match provider {
            Some(p) => Ok(Some(p)),
            None => Err(Error::InvalidMigrationDir {
                path,
                reason: "it has no `provider = \"…\"` line".to_owned(),
            }),
        }
    }

    /// Writes `migration_lock.toml` with the provider, as Prisma does.
    ///
    /// # Errors
    /// [`Error::Io`] naming the lock file.
    pub fn write_lock(dir: &Path, dialect: SqlDialect) -> Result<()> {
        let path = dir.join(LOCK_FILE);
        let text = format!(
            "# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = \"{}\"\n",
            dialect.provider_name()
        );
        std::fs::write(&path, text).map_err(|source| Error::Io { path, source })
    }
}

/// The current UTC time as `YYYYMMDDHHMMSS`, the migration directory prefix.
pub fn timestamp_now() -> String {
    chrono::Utc::now().format("%Y%m%d%H%M%S").to_string()
}

/// `CREATE TABLE IF NOT EXISTS` for the history table in `dialect`. Columns as Prisma's
/// `_prisma_migrations`: <https://github.com/prisma/prisma-engines/blob/main/schema-engine/ARCHITECTURE.md>.
pub fn history_table_ddl(dialect: SqlDialect) -> &'static str {
    match dialect {
        SqlDialect::Postgres => {
            "CREATE TABLE IF NOT EXISTS \"_orm_migrations\" (\n    \"id\" VARCHAR(36) PRIMARY KEY NOT NULL,\n    \"checksum\" VARCHAR(64) NOT NULL,\n    \"finished_at\" TIMESTAMPTZ,\n    \"migration_name\" VARCHAR(255) NOT NULL,\n    \"logs\" TEXT,\n    \"rolled_back_at\" TIMESTAMPTZ,\n    \"started_at\" TIMESTAMPTZ NOT NULL DEFAULT now(),\n    \"applied_steps_count\" INTEGER NOT NULL DEFAULT 0\n)"
        }
        SqlDialect::Sqlite => {
            "CREATE TABLE IF NOT EXISTS \"_orm_migrations\" (\n    \"id\" TEXT PRIMARY KEY NOT NULL,\n    \"checksum\" TEXT NOT NULL,\n    \"finished_at\" DATETIME,\n    \"migration_name\" TEXT NOT NULL,\n    \"logs\" TEXT,\n    \"rolled_back_at\" DATETIME,\n    \"started_at\" DATETIME NOT NULL DEFAULT current_timestamp,\n    \"applied_steps_count\" INTEGER UNSIGNED NOT NULL DEFAULT 0\n)"
        }
        SqlDialect::Mysql => {
            "CREATE TABLE IF NOT EXISTS `_orm_migrations` (\n    `id` VARCHAR(36) PRIMARY KEY NOT NULL,\n    `checksum` VARCHAR(64) NOT NULL,\n    `finished_at` DATETIME(3),\n    `migration_name` VARCHAR(255) NOT NULL,\n    `logs` TEXT,\n    `rolled_back_at` DATETIME(3),\n    `started_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),\n    `applied_steps_count` INTEGER UNSIGNED NOT NULL DEFAULT 0\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        }
    }
}
