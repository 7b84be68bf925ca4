//! Connections and statement execution per backend, with exactly one round trip per statement.
//!
//! - PostgreSQL: deadpool-postgres with `RecyclingMethod::Fast` (checkout and return talk to no
//!   server) and tokio-postgres `prepare_cached` for every statement: the first use on a
//!   connection prepares (one extra round trip, once), later uses only bind and execute.
//! - SQLite and MySQL/MariaDB: sqlx connections with sqlx's per-connection statement cache, held
//!   in [`ConnPool`], a small pool of our own. sqlx's `Pool` pings every connection when it is
//!   returned (`PoolConnection::return_to_pool`), a round trip per statement; ours does not. A
//!   connection whose statement failed with anything but a database error, or whose future was
//!   dropped mid-statement, is discarded instead of returned.

use std::sync::{Arc, Mutex};

use sqlx::AssertSqlSafe;
use sqlx::mysql::{MySqlArguments, MySqlConnectOptions, MySqlConnection, MySqlRow};
use sqlx::sqlite::{SqliteArguments, SqliteConnectOptions, SqliteConnection, SqliteRow};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_postgres::types::{IsNull, ToSql, Type, to_sql_checked};

use crate::error::{Error, Result, from_postgres, from_sqlx};
use crate::meta::ModelMeta;
use crate::query::Statement;
use crate::row::{RowReader, RowRef, format_sqlite_datetime};
use crate::value::Value;

/// Rows of one statement, owned, in result order.
pub(crate) enum Rows {
    Postgres(Vec<tokio_postgres::Row>),
    Sqlite(Vec<SqliteRow>),
    MySql(Vec<MySqlRow>),
}

impl Rows {
    pub(crate) fn len(&self) -> usize {
        match self {
            Rows::Postgres(r) => r.len(),
            Rows::Sqlite(r) => r.len(),
            Rows::MySql(r) => r.len(),
        }
    }

    /// A reader over row `i`, or `None` past the end.
    pub(crate) fn reader(&self, i: usize, model: &'static str) -> Option<RowReader<'_>> {
        let row = match self {
            Rows::Postgres(r) => RowRef::Postgres(r.get(i)?),
            Rows::Sqlite(r) => RowRef::Sqlite(r.get(i)?),
            Rows::MySql(r) => RowRef::MySql(r.get(i)?),
        };
        Some(RowReader::new(row, model))
    }
}

/// A connection pool that never talks to the server on checkout or return.
pub(crate) struct ConnPool<C, O> {
    idle: Mutex<Vec<C>>,
    permits: Arc<Semaphore>,
    options: O,
}

/// A checked-out connection; returned to the pool on drop only if marked healthy.
pub(crate) struct PooledConn<C, O> {
    conn: Option<C>,
    healthy: bool,
    pool: Arc<ConnPool<C, O>>,
    _permit: OwnedSemaphorePermit,
}

impl<C: sqlx::Connection, O: sqlx::ConnectOptions<Connection = C>> ConnPool<C, O> {
    pub(crate) fn new(options: O, max: usize) -> Self {
        ConnPool { idle: Mutex::new(Vec::new()), permits: Arc::new(Semaphore::new(max.max(1))), options }
    }

    /// Takes an idle connection, or opens one (the only round trips: the connection handshake).
    pub(crate) async fn get(self: &Arc<Self>) -> Result<PooledConn<C, O>> {
        let permit =
            Arc::clone(&self.permits).acquire_owned().await.map_err(|e| Error::Driver(Box::new(e)))?;
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let conn = match idle {
            Some(conn) => conn,
            None => self.options.connect().await.map_err(|e| from_sqlx(e, None))?,
        };
        Ok(PooledConn { conn: Some(conn), healthy: false, pool: Arc::clone(self), _permit: permit })
    }
}

impl<C, O> PooledConn<C, O> {
    fn conn(&mut self) -> Result<&mut C> {
        self.conn.as_mut().ok_or_else(|| Error::Driver("connection already released".into()))
    }

    /// Marks the connection healthy after a statement that completed (or failed with a database
    /// error, which leaves the connection usable).
    fn settle<T>(
        &mut self,
        result: std::result::Result<T, sqlx::Error>,
        model: Option<&'static ModelMeta>,
    ) -> Result<T> {
        self.healthy = matches!(result, Ok(_) | Err(sqlx::Error::Database(_)));
        result.map_err(|e| from_sqlx(e, model))
    }
}

impl<C, O> Drop for PooledConn<C, O> {
    fn drop(&mut self) {
        if self.healthy
            && let Some(conn) = self.conn.take()
            && let Ok(mut idle) = self.pool.idle.lock()
        {
            idle.push(conn);
        }
    }
}

/// The connected database.
pub(crate) enum Backend {
    Postgres(deadpool_postgres::Pool),
    Sqlite(Arc<ConnPool<SqliteConnection, SqliteConnectOptions>>),
    MySql(Arc<ConnPool<MySqlConnection, MySqlConnectOptions>>),
}

/// A checked-out connection of any backend, for statement sequences on one connection.
pub(crate) enum Conn {
    Postgres(deadpool_postgres::Object),
    Sqlite(PooledConn<SqliteConnection, SqliteConnectOptions>),
    MySql(PooledConn<MySqlConnection, MySqlConnectOptions>),
}

impl Backend {
    /// Checks out a connection: no round trip (deadpool `Fast` recycling; our own pool).
    pub(crate) async fn conn(&self) -> Result<Conn> {
        match self {
            Backend::Postgres(pool) => Ok(Conn::Postgres(pool.get().await.map_err(pool_error)?)),
            Backend::Sqlite(pool) => Ok(Conn::Sqlite(pool.get().await?)),
            Backend::MySql(pool) => Ok(Conn::MySql(pool.get().await?)),
        }
    }
}

/// A cached prepared statement the server can no longer run as prepared: its result columns
/// changed under it (`ALTER TABLE` after preparing: SQLSTATE 0A000 "cached plan must not change
/// result type") or it is gone (26000 `invalid_sql_statement_name`, e.g. behind a pooler). The
/// statement is prepared again and run once more; other errors are returned as they are.
fn is_stale_plan(e: &tokio_postgres::Error) -> bool {
    use tokio_postgres::error::SqlState;
    match e.code() {
        Some(code) if *code == SqlState::INVALID_SQL_STATEMENT_NAME => true,
        Some(code) if *code == SqlState::FEATURE_NOT_SUPPORTED => {
            e.as_db_error().is_some_and(|db| db.message().contains("cached plan"))
        }
        _ => false,
    }
}

fn pool_error(e: deadpool_postgres::PoolError) -> Error {
    match e {
        deadpool_postgres::PoolError::Backend(e) => from_postgres(e, None),
        other => Error::Driver(Box::new(other)),
    }
}

impl Conn {
    /// Closes the connection instead of returning it to the pool (e.g. an unfinished transaction).
    pub(crate) fn discard(self) {
        match self {
            Conn::Postgres(object) => drop(deadpool_postgres::Object::take(object)),
            Conn::Sqlite(mut pooled) => pooled.healthy = false,
            Conn::MySql(mut pooled) => pooled.healthy = false,
        }
    }

    /// Refuses models this connection's dialect cannot store (composite-typed columns), before
    /// anything is sent ([`crate::dialect::check_model`]).
    fn check_model(&self, model: Option<&'static ModelMeta>) -> Result<()> {
        let Some(model) = model else { return Ok(()) };
        let dialect = match self {
            Conn::Postgres(_) => crate::dialect::Dialect::Postgres,
            Conn::Sqlite(_) => crate::dialect::Dialect::Sqlite,
            Conn::MySql(_) => crate::dialect::Dialect::MySql,
        };
        crate::dialect::check_model(dialect, model)
    }

    /// Runs `stmt` on this connection and returns its rows.
    pub(crate) async fn fetch(&mut self, stmt: Statement, model: Option<&'static ModelMeta>) -> Result<Rows> {
        self.check_model(model)?;
        match self {
            Conn::Postgres(client) => {
                let params: Vec<PgParam<'_>> = stmt.params.iter().map(PgParam).collect();
                let refs: Vec<&(dyn ToSql + Sync)> =
                    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
                let prepared = client.prepare_cached(&stmt.sql).await.map_err(|e| from_postgres(e, model))?;
                let rows = match client.query(&prepared, &refs).await {
                    Err(e) if is_stale_plan(&e) => {
                        client.statement_cache.remove(&stmt.sql, &[]);
                        let prepared =
                            client.prepare_cached(&stmt.sql).await.map_err(|e| from_postgres(e, model))?;
                        client.query(&prepared, &refs).await
                    }
                    other => other,
                };
                Ok(Rows::Postgres(rows.map_err(|e| from_postgres(e, model))?))
            }
            Conn::Sqlite(pooled) => {
                let args = sqlite_args(stmt.params)?;
                let query = sqlx::query_with(AssertSqlSafe(stmt.sql), args);
                let result = query.fetch_all(&mut *pooled.conn()?).await;
                pooled.settle(result, model).map(Rows::Sqlite)
            }
            Conn::MySql(pooled) => {
                let args = mysql_args(stmt.params)?;
                let query = sqlx::query_with(AssertSqlSafe(stmt.sql), args);
                let result = query.fetch_all(&mut *pooled.conn()?).await;
                pooled.settle(result, model).map(Rows::MySql)
            }
        }
    }

    /// Runs `stmt` on this connection and returns the number of rows affected.
    pub(crate) async fn execute(
        &mut self,
        stmt: Statement,
        model: Option<&'static ModelMeta>,
    ) -> Result<u64> {
        self.check_model(model)?;
        match self {
            Conn::Postgres(client) => {
                // `execute_raw` takes the parameters as an iterator: no parameter vectors.
                let params = || stmt.params.iter().map(PgParam);
                let prepared = client.prepare_cached(&stmt.sql).await.map_err(|e| from_postgres(e, model))?;
                let affected = match client.execute_raw(&prepared, params()).await {
                    Err(e) if is_stale_plan(&e) => {
                        client.statement_cache.remove(&stmt.sql, &[]);
                        let prepared =
                            client.prepare_cached(&stmt.sql).await.map_err(|e| from_postgres(e, model))?;
                        client.execute_raw(&prepared, params()).await
                    }
                    other => other,
                };
                affected.map_err(|e| from_postgres(e, model))
            }
            Conn::Sqlite(pooled) => {
                let args = sqlite_args(stmt.params)?;
                let query = sqlx::query_with(AssertSqlSafe(stmt.sql), args);
                let result = query.execute(&mut *pooled.conn()?).await;
                pooled.settle(result, model).map(|r| r.rows_affected())
            }
            Conn::MySql(pooled) => {
                let args = mysql_args(stmt.params)?;
                let query = sqlx::query_with(AssertSqlSafe(stmt.sql), args);
                let result = query.execute(&mut *pooled.conn()?).await;
                pooled.settle(result, model).map(|r| r.rows_affected())
            }
        }
    }

    /// Runs `sql` (possibly several statements, no parameters) with the simple-query protocol.
    pub(crate) async fn execute_raw(&mut self, sql: &str) -> Result<u64> {
        match self {
            Conn::Postgres(client) => {
                let messages = client.simple_query(sql).await.map_err(|e| from_postgres(e, None))?;
                Ok(messages
                    .iter()
                    .map(|m| match m {
                        tokio_postgres::SimpleQueryMessage::CommandComplete(n) => *n,
                        _ => 0,
                    })
                    .sum())
            }
            Conn::Sqlite(pooled) => {
                let result = sqlx::raw_sql(AssertSqlSafe(sql.to_owned())).execute(&mut *pooled.conn()?).await;
                pooled.settle(result, None).map(|r| r.rows_affected())
            }
            Conn::MySql(pooled) => {
                let result = sqlx::raw_sql(AssertSqlSafe(sql.to_owned())).execute(&mut *pooled.conn()?).await;
                pooled.settle(result, None).map(|r| r.rows_affected())
            }
        }
    }
}

fn add<A: sqlx::Arguments, T>(args: &mut A, value: T) -> Result<()>
where
    T: for<'t> sqlx::Encode<'t, A::Database> + sqlx::Type<A::Database>,
{
    args.add(value).map_err(Error::Driver)
}

/// Binds values for SQLite: decimals as text (numeric affinity converts them on storage and
/// comparison, <https://www.sqlite.org/datatype3.html#type_affinity>), date-times as fixed-width
/// text, JSON as text, enums as their mapped names.
fn sqlite_args(params: Vec<Value>) -> Result<SqliteArguments> {
    let mut args = SqliteArguments::default();
    for value in params {
        match value {
            Value::Null => add(&mut args, Option::<i64>::None)?,
            Value::Bool(b) => add(&mut args, b)?,
            Value::Int(i) => add(&mut args, i)?,
            Value::BigInt(i) => add(&mut args, i)?,
            Value::Float(f) => add(&mut args, f)?,
            Value::Decimal(d) => add(&mut args, d.to_string())?,
            Value::String(s) => add(&mut args, s)?,
            Value::DateTime(dt) => add(&mut args, format_sqlite_datetime(&dt))?,
            Value::Json(j) => add(&mut args, j.to_string())?,
            Value::Bytes(b) => add(&mut args, b)?,
            Value::Enum(e) => add(&mut args, e)?,
            Value::List(_) => {
                return Err(Error::Unsupported {
                    dialect: "sqlite",
                    message: "scalar list parameters".to_owned(),
                });
            }
            Value::Document(_) => return Err(document_param("sqlite")),
        }
    }
    Ok(args)
}

/// Binds values for MySQL/MariaDB: date-times as `DATETIME` in UTC, JSON as text.
fn mysql_args(params: Vec<Value>) -> Result<MySqlArguments> {
    let mut args = MySqlArguments::default();
    for value in params {
        match value {
            Value::Null => add(&mut args, Option::<i64>::None)?,
            Value::Bool(b) => add(&mut args, b)?,
            Value::Int(i) => add(&mut args, i)?,
            Value::BigInt(i) => add(&mut args, i)?,
            Value::Float(f) => add(&mut args, f)?,
            Value::Decimal(d) => add(&mut args, d)?,
            Value::String(s) => add(&mut args, s)?,
            Value::DateTime(dt) => add(&mut args, dt.naive_utc())?,
            Value::Json(j) => add(&mut args, j.to_string())?,
            Value::Bytes(b) => add(&mut args, b)?,
            Value::Enum(e) => add(&mut args, e)?,
            Value::List(_) => {
                return Err(Error::Unsupported {
                    dialect: "mysql",
                    message: "scalar list parameters".to_owned(),
                });
            }
            Value::Document(_) => return Err(document_param("mysql")),
        }
    }
    Ok(args)
}

/// The error for binding an embedded document ([`Value::Document`], a MongoDB composite type):
/// no SQL dialect stores one.
fn document_param(dialect: &'static str) -> Error {
    Error::Unsupported {
        dialect,
        message: "composite type values (embedded documents) are stored only by MongoDB".to_owned(),
    }
}

/// A [`Value`] bound to a tokio-postgres parameter, encoded for the type the server inferred for
/// the placeholder (binary formats: <https://www.postgresql.org/docs/current/protocol-overview.html>).
#[derive(Debug)]
struct PgParam<'a>(&'a Value);

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for PgParam<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Bool(b) => b.to_sql(ty, out),
            Value::Int(i) => int_to_sql(i64::from(*i), ty, out),
            Value::BigInt(i) => int_to_sql(*i, ty, out),
            Value::Float(f) => match *ty {
                #[allow(clippy::cast_possible_truncation)]
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::NUMERIC => rust_decimal::Decimal::try_from(*f)?.to_sql(ty, out),
                _ => f.to_sql(ty, out),
            },
            Value::Decimal(d) => match *ty {
                Type::FLOAT8 => f64::try_from(*d)?.to_sql(ty, out),
                _ => d.to_sql(ty, out),
            },
            Value::String(s) => text_to_sql(s, ty, out),
            Value::Enum(s) => text_to_sql(s, ty, out),
            Value::DateTime(dt) => match *ty {
                Type::TIMESTAMP => dt.naive_utc().to_sql(ty, out),
                Type::DATE => dt.date_naive().to_sql(ty, out),
                _ => dt.to_sql(ty, out),
            },
            Value::Json(j) => match *ty {
                Type::JSON | Type::JSONB => j.to_sql(ty, out),
                _ => text_to_sql(&j.to_string(), ty, out),
            },
            Value::Bytes(b) => b.as_slice().to_sql(ty, out),
            Value::List(items) => {
                let items: Vec<PgParam<'_>> = items.iter().map(PgParam).collect();
                items.to_sql(ty, out)
            }
            Value::Document(_) => Err(Box::new(document_param("postgresql"))),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn int_to_sql(i: i64, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, BoxError> {
    match *ty {
        Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
        Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
        #[allow(clippy::cast_precision_loss)]
        Type::FLOAT8 => (i as f64).to_sql(ty, out),
        Type::NUMERIC => rust_decimal::Decimal::from(i).to_sql(ty, out),
        _ => i.to_sql(ty, out),
    }
}

/// Text, varchar, enum labels and other text-like types are sent as UTF-8 bytes; `uuid` as its
/// 16 bytes.
fn text_to_sql(s: &str, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, BoxError> {
    if *ty == Type::UUID {
        out.extend_from_slice(uuid::Uuid::parse_str(s)?.as_bytes());
    } else {
        out.extend_from_slice(s.as_bytes());
    }
    Ok(IsNull::No)
}
