//! Errors of the query engine: connection, typed database constraint errors, missing records, decoding.
//!
//! Database errors are classified from the driver's error fields, never by guessing from the SQL:
//! - PostgreSQL: SQLSTATE `23505` unique, `23503` foreign key, `23502` not null, `23514` check
//!   (<https://www.postgresql.org/docs/current/errcodes-appendix.html>), with the column names taken
//!   from the `column` field or the `Key (a, b)=(…)` detail.
//! - SQLite: extended result codes 2067/1555 (unique / primary key), 787 (foreign key), 1299
//!   (not null), 275 (check) (<https://www.sqlite.org/rescode.html>) and the message
//!   `UNIQUE constraint failed: Table.column, …`.
//! - MySQL/MariaDB: error numbers 1062 duplicate entry, 1451/1452 foreign key, 1048/1364 not null,
//!   3819/4025 check (<https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html>).

use std::fmt;

use crate::meta::ModelMeta;

/// `Result` with the query engine's [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A boxed driver error kept as the source of an [`Error`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong when connecting, running a query or decoding its rows.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Connecting failed. `url` has its password replaced by `***`.
    #[error("could not connect to {url}")]
    Connect {
        /// The connection URL, password redacted.
        url: String,
        /// The driver's error.
        #[source]
        source: BoxError,
    },
    /// The URL scheme names no supported database (`postgres://`, `postgresql://`, `mysql://`,
    /// `mariadb://`, `sqlite:`, `file:`).
    #[error(
        "unsupported connection URL `{url}`: expected postgres://, postgresql://, mysql://, mariadb://, sqlite: or file:"
    )]
    UnsupportedUrl {
        /// The URL, password redacted.
        url: String,
    },
    /// The URL names a database this build has no connector for yet (MongoDB: a client can be
    /// generated from a `mongodb` schema, but queries cannot run until the connector exists).
    #[error("the {database} connector is not available yet: cannot connect to {url}")]
    ConnectorNotAvailable {
        /// The database, e.g. `MongoDB`.
        database: &'static str,
        /// The URL, password redacted.
        url: String,
    },
    /// An environment variable the client needs (`DATABASE_URL`) is not set.
    #[error("the environment variable {name} is not set")]
    EnvVarMissing {
        /// The variable.
        name: &'static str,
    },
    /// The database rejected a statement (constraint violations are classified in [`DbError::kind`]).
    #[error(transparent)]
    Database(DbError),
    /// An update or delete by a unique filter matched no record.
    #[error("no {model} record matched the unique filter")]
    RecordNotFound {
        /// Model name in the schema.
        model: &'static str,
    },
    /// A required to-one relation loaded by an include found no related record.
    #[error("the required relation {model}.{relation} found no related record")]
    RelatedNotFound {
        /// Model that owns the relation field.
        model: &'static str,
        /// Relation field name.
        relation: &'static str,
    },
    /// A column value could not be decoded into the field's Rust type.
    #[error("could not decode column `{column}` of {model}: {message}")]
    Decode {
        /// Model name in the schema (empty for raw statements).
        model: &'static str,
        /// Column name in the database.
        column: String,
        /// What went wrong.
        message: String,
    },
    /// The operation is not available on this database (e.g. scalar lists outside PostgreSQL).
    #[error("unsupported on {dialect}: {message}")]
    Unsupported {
        /// Dialect name.
        dialect: &'static str,
        /// What is unsupported.
        message: String,
    },
    /// The driver failed without a database error (I/O, protocol, pool).
    #[error("database driver error")]
    Driver(#[source] BoxError),
}

/// Which constraint a database error violated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DbErrorKind {
    /// A unique constraint, unique index or primary key.
    UniqueViolation,
    /// A foreign key: the referenced record is missing, or the record is still referenced.
    ForeignKeyViolation,
    /// A `NOT NULL` column got NULL (or no value and no default).
    NotNullViolation,
    /// A `CHECK` constraint.
    CheckViolation,
    /// Anything else (syntax, permissions, serialization failures…).
    Other,
}

/// An error reported by the database server, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbError {
    /// The constraint kind.
    pub kind: DbErrorKind,
    /// The model the statement ran on, when known.
    pub model: Option<&'static str>,
    /// Fields (schema names when the column belongs to `model`, else database column names)
    /// involved, in the order the database reported them; empty when not reported.
    pub fields: Vec<String>,
    /// Constraint or index name, when reported.
    pub constraint: Option<String>,
    /// The database's own code: SQLSTATE (PostgreSQL), extended result code (SQLite), error
    /// number (MySQL).
    pub code: String,
    /// The database's own message.
    pub message: String,
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DbErrorKind::UniqueViolation => "unique constraint violated",
            DbErrorKind::ForeignKeyViolation => "foreign key constraint violated",
            DbErrorKind::NotNullViolation => "null value in a required field",
            DbErrorKind::CheckViolation => "check constraint violated",
            DbErrorKind::Other => "error returned from database",
        };
        f.write_str(what)?;
        if let Some(model) = self.model {
            write!(f, " on {model}")?;
            if !self.fields.is_empty() {
                write!(f, "({})", self.fields.join(", "))?;
            }
        }
        write!(f, ": {} (code {})", self.message, self.code)
    }
}

impl std::error::Error for DbError {}

impl From<DbError> for Error {
    fn from(e: DbError) -> Self {
        Error::Database(e)
    }
}

/// Replaces the password of `scheme://user:password@host/…` by `***`; other URLs are unchanged.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else { return url.to_owned() };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else { return url.to_owned() };
    let user_info = &authority[..at];
    let Some(colon) = user_info.find(':') else { return url.to_owned() };
    format!("{}{}:***{}", &url[..scheme_end + 3], &user_info[..colon], &rest[at..])
}

/// Maps database column names to field names of `model` (unknown names stay as they are).
fn to_fields(model: Option<&'static ModelMeta>, columns: impl IntoIterator<Item = String>) -> Vec<String> {
    columns
        .into_iter()
        .map(|c| {
            model
                .and_then(|m| m.columns.iter().find(|col| col.column == c))
                .map_or(c, |col| col.name.to_owned())
        })
        .collect()
}

/// Splits `a, "b", c` into names, trimming quotes and backticks.
fn split_names(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| s.trim().trim_matches(|c| c == '"' || c == '`').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Classifies a PostgreSQL error. The detail `Key (a, b)=(…)` names the key columns.
pub(crate) fn from_postgres(err: tokio_postgres::Error, model: Option<&'static ModelMeta>) -> Error {
    let Some(db) = err.as_db_error() else { return Error::Driver(Box::new(err)) };
    let code = db.code().code().to_owned();
    let kind = match code.as_str() {
        "23505" => DbErrorKind::UniqueViolation,
        "23503" => DbErrorKind::ForeignKeyViolation,
        "23502" => DbErrorKind::NotNullViolation,
        "23514" => DbErrorKind::CheckViolation,
        _ => DbErrorKind::Other,
    };
    let mut columns = Vec::new();
    if let Some(column) = db.column() {
        columns.push(column.to_owned());
    } else if let Some(detail) = db.detail()
        && let Some(start) = detail.find("Key (")
        && let Some(len) = detail[start + 5..].find(")=(")
    {
        columns = split_names(&detail[start + 5..start + 5 + len]);
    }
    let mut message = db.message().to_owned();
    if let Some(detail) = db.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    Error::Database(DbError {
        kind,
        model: model.map(|m| m.name),
        fields: to_fields(model, columns),
        constraint: db.constraint().map(str::to_owned),
        code,
        message,
    })
}

/// Classifies an sqlx (SQLite or MySQL) error.
pub(crate) fn from_sqlx(err: sqlx::Error, model: Option<&'static ModelMeta>) -> Error {
    let sqlx::Error::Database(db) = err else { return Error::Driver(Box::new(err)) };
    let message = db.message().to_owned();
    let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
    let mut constraint = db.constraint().map(str::to_owned);
    let (kind, columns) = if let Some(my) = db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
        classify_mysql(my.number(), &message, model, &mut constraint)
    } else {
        classify_sqlite(&message)
    };
    let code = if let Some(my) = db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
        my.number().to_string()
    } else {
        code
    };
    Error::Database(DbError {
        kind,
        model: model.map(|m| m.name),
        fields: to_fields(model, columns),
        constraint,
        code,
        message,
    })
}

/// SQLite messages: `UNIQUE constraint failed: T.a, T.b`, `NOT NULL constraint failed: T.c`,
/// `FOREIGN KEY constraint failed`, `CHECK constraint failed: name`
/// (<https://www.sqlite.org/rescode.html#constraint_unique>).
fn classify_sqlite(message: &str) -> (DbErrorKind, Vec<String>) {
    let columns_after = |prefix: &str| -> Vec<String> {
        message
            .strip_prefix(prefix)
            .map(|rest| {
                rest.split(',')
                    .map(|qualified| {
                        let qualified = qualified.trim();
                        qualified.rsplit_once('.').map_or(qualified, |(_, c)| c).to_owned()
                    })
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    if message.starts_with("UNIQUE constraint failed:") {
        (DbErrorKind::UniqueViolation, columns_after("UNIQUE constraint failed:"))
    } else if message.starts_with("NOT NULL constraint failed:") {
        (DbErrorKind::NotNullViolation, columns_after("NOT NULL constraint failed:"))
    } else if message.starts_with("FOREIGN KEY constraint failed") {
        (DbErrorKind::ForeignKeyViolation, Vec::new())
    } else if message.starts_with("CHECK constraint failed") {
        (DbErrorKind::CheckViolation, Vec::new())
    } else {
        (DbErrorKind::Other, Vec::new())
    }
}

/// MySQL/MariaDB error numbers
/// (<https://mariadb.com/kb/en/mariadb-error-code-reference/>): 1062 `Duplicate entry 'x' for key
/// 'User_email_key'` (columns found through the model's unique criteria and Prisma's default index
/// names `{table}_{columns}_key`, `PRIMARY`), 1451/1452 `… FOREIGN KEY (`a`) REFERENCES …`,
/// 1048 `Column 'c' cannot be null`, 1364 `Field 'c' doesn't have a default value`.
fn classify_mysql(
    number: u16,
    message: &str,
    model: Option<&'static ModelMeta>,
    constraint: &mut Option<String>,
) -> (DbErrorKind, Vec<String>) {
    let quoted_after = |marker: &str, open: char, close: char| -> Option<String> {
        let start = message.find(marker)? + marker.len();
        let rest = &message[start..];
        let open_at = rest.find(open)? + open.len_utf8();
        let close_at = rest[open_at..].find(close)? + open_at;
        Some(rest[open_at..close_at].to_owned())
    };
    match number {
        1062 | 1586 => {
            let key = message.rfind("for key '").and_then(|i| {
                let rest = &message[i + 9..];
                rest.rfind('\'').map(|end| rest[..end].to_owned())
            });
            // MySQL 8 reports `Table.index`; MariaDB reports the index name alone.
            let key = key.map(|k| k.rsplit_once('.').map_or(k.clone(), |(_, i)| i.to_owned()));
            let mut columns = Vec::new();
            if let (Some(key), Some(model)) = (key.as_deref(), model) {
                for criterion in model.unique_criteria.iter().chain(std::iter::once(&model.primary_key)) {
                    let names: Vec<&str> = criterion
                        .iter()
                        .filter_map(|&i| model.columns.get(usize::from(i)).map(|c| c.column))
                        .collect();
                    let default_name = format!("{}_{}_key", model.table, names.join("_"));
                    let is_pk = key == "PRIMARY" && criterion == &model.primary_key;
                    if is_pk || default_name == key {
                        columns = names.iter().map(|s| (*s).to_owned()).collect();
                        break;
                    }
                }
            }
            if constraint.is_none() {
                *constraint = key;
            }
            (DbErrorKind::UniqueViolation, columns)
        }
        1451 | 1452 | 1216 | 1217 => {
            if constraint.is_none() {
                *constraint = quoted_after("CONSTRAINT", '`', '`');
            }
            let columns = quoted_after("FOREIGN KEY", '(', ')').map(|l| split_names(&l)).unwrap_or_default();
            (DbErrorKind::ForeignKeyViolation, columns)
        }
        1048 => (DbErrorKind::NotNullViolation, quoted_after("Column", '\'', '\'').into_iter().collect()),
        1364 => (DbErrorKind::NotNullViolation, quoted_after("Field", '\'', '\'').into_iter().collect()),
        3819 | 4025 => (DbErrorKind::CheckViolation, Vec::new()),
        _ => (DbErrorKind::Other, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_password() {
        assert_eq!(redact_url("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact_url("mysql://root@h/db"), "mysql://root@h/db");
        assert_eq!(redact_url("sqlite://dev.db"), "sqlite://dev.db");
    }

    #[test]
    fn sqlite_messages() {
        assert_eq!(
            classify_sqlite("UNIQUE constraint failed: User.email, User.name"),
            (DbErrorKind::UniqueViolation, vec!["email".to_owned(), "name".to_owned()])
        );
        assert_eq!(
            classify_sqlite("NOT NULL constraint failed: Post.title"),
            (DbErrorKind::NotNullViolation, vec!["title".to_owned()])
        );
        assert_eq!(classify_sqlite("FOREIGN KEY constraint failed").0, DbErrorKind::ForeignKeyViolation);
    }

    #[test]
    fn mysql_messages() {
        let mut constraint = None;
        let (kind, cols) = classify_mysql(
            1452,
            "Cannot add or update a child row: a foreign key constraint fails (`t`.`Post`, CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User` (`id`))",
            None,
            &mut constraint,
        );
        assert_eq!(kind, DbErrorKind::ForeignKeyViolation);
        assert_eq!(cols, vec!["authorId".to_owned()]);
        assert_eq!(constraint.as_deref(), Some("Post_authorId_fkey"));
        let (kind, cols) = classify_mysql(1048, "Column 'title' cannot be null", None, &mut None);
        assert_eq!((kind, cols), (DbErrorKind::NotNullViolation, vec!["title".to_owned()]));
    }
}
