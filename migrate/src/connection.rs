//! `Connection`: one sqlx connection to SQLite, PostgreSQL or MySQL/MariaDB, chosen by URL scheme.

use std::str::FromStr;

use sqlx::ConnectOptions as _;
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

use crate::{Error, Result, SqlDialect};

/// A live database connection used for introspection and applying migrations.
#[derive(Debug)]
#[non_exhaustive]
pub enum Connection {
    /// SQLite, opened with foreign key enforcement off so table redefinitions do not cascade
    /// (<https://www.sqlite.org/lang_altertable.html#otheralter>).
    Sqlite(SqliteConnection),
    /// PostgreSQL; introspection and migrations use `current_schema()`.
    Postgres(PgConnection),
    /// MySQL or MariaDB; introspection uses `DATABASE()`.
    Mysql(MySqlConnection),
}

/// Runs `$body` with `$c` bound to the inner sqlx connection, whatever the variant.
macro_rules! with_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::connection::Connection::Sqlite($c) => $body,
            $crate::connection::Connection::Postgres($c) => $body,
            $crate::connection::Connection::Mysql($c) => $body,
        }
    };
}
pub(crate) use with_conn;

impl Connection {
    /// The SQL dialect of this connection.
    pub fn dialect(&self) -> SqlDialect {
        match self {
            Connection::Sqlite(_) => SqlDialect::Sqlite,
            Connection::Postgres(_) => SqlDialect::Postgres,
            Connection::Mysql(_) => SqlDialect::Mysql,
        }
    }

    /// Runs a multi-statement SQL script outside any explicit transaction.
    ///
    /// # Errors
    /// The driver error of the first failing statement.
    pub async fn execute_script(&mut self, script: &str) -> std::result::Result<(), sqlx::Error> {
        let script = script.to_owned();
        with_conn!(self, c => sqlx::raw_sql(sqlx::AssertSqlSafe(script)).execute(&mut *c).await.map(|_| ()))
    }

    /// Closes the connection.
    pub async fn close(self) {
        use sqlx::Connection as _;
        let _ = with_conn!(self, c => c.close().await);
    }
}

/// `url` with the password (if any) replaced by `****`, for error messages.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else { return url.to_owned() };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else { return url.to_owned() };
    let userinfo = &authority[..at];
    match userinfo.find(':') {
        Some(colon) => format!("{}{}:****{}", &url[..scheme_end + 3], &userinfo[..colon], &rest[at..]),
        None => url.to_owned(),
    }
}

/// Opens a connection. Schemes: `sqlite:` / `file:` (created if missing), `postgres://` /
/// `postgresql://`, `mysql://` / `mariadb://`.
///
/// # Errors
/// [`Error::UnsupportedUrl`] for other schemes, [`Error::Connect`] when the driver fails; both
/// carry the URL with its password redacted.
pub async fn connect(url: &str) -> Result<Connection> {
    let redacted = redact_url(url);
    let connect_err = |source| Error::Connect { url: redacted.clone(), source };
    if url.starts_with("sqlite:") || url.starts_with("file:") {
        let sqlite_url = match url.strip_prefix("file:") {
            Some(path) => format!("sqlite:{path}"),
            None => url.to_owned(),
        };
        let options = SqliteConnectOptions::from_str(&sqlite_url)
            .map_err(connect_err)?
            .create_if_missing(true)
            .foreign_keys(false);
        return Ok(Connection::Sqlite(options.connect().await.map_err(connect_err)?));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let options = PgConnectOptions::from_str(url).map_err(connect_err)?;
        return Ok(Connection::Postgres(options.connect().await.map_err(connect_err)?));
    }
    if url.starts_with("mysql://") || url.starts_with("mariadb://") {
        let mysql_url = match url.strip_prefix("mariadb://") {
            Some(rest) => format!("mysql://{rest}"),
            None => url.to_owned(),
        };
        let options = MySqlConnectOptions::from_str(&mysql_url).map_err(connect_err)?;
        return Ok(Connection::Mysql(options.connect().await.map_err(connect_err)?));
    }
    Err(Error::UnsupportedUrl { url: redacted })
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_password() {
        assert_eq!(super::redact_url("postgres://u:secret@h:5432/db?x=1"), "postgres://u:****@h:5432/db?x=1");
        assert_eq!(super::redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact_url("sqlite::memory:"), "sqlite::memory:");
    }
}
