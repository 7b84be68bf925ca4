//! `Client` (a cheap, cloneable handle on a connection pool) and the query builders generated
//! clients hand out: `client.actions::<User>().find_many().filter(…).take(20).await`.
//!
//! Every builder has `exec(self)`, implements `IntoFuture` (so `.await` runs it) and
//! `statement(&self)` (the SQL it runs, for debugging). Round trips are documented per builder;
//! "one" means one network round trip once the statement is prepared on the connection (the
//! first use of a statement text on a PostgreSQL connection adds one `Parse` round trip).

use std::collections::HashMap;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Arc;

use chrono::Utc;
use sqlx::ConnectOptions as _;

use crate::dialect::{Dialect, render};
use crate::error::{Error, Result, redact_url};
use crate::executor::{Backend, Conn, ConnPool, Rows};
use crate::meta::{ColumnDefault, ModelMeta, RelationMeta};
use crate::query::{self as q, ColumnIdx, CompareOp, FilterNode, Order, Query, SetOp, Statement};
use crate::row::{RowReader, key_value, key_values};
use crate::typed::{
    CreateInput, Filter, Include, Included, IntoInclude, Model, OrderBy, RelationCardinality, Set,
    UniqueFilter,
};
use crate::value::Value;

/// A boxed, `Send` future: what the builders' `IntoFuture` returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A connection pool to one database. Cloning is cheap (an `Arc`); share one per process.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Backend,
    dialect: Dialect,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("dialect", &self.inner.dialect).finish_non_exhaustive()
    }
}

/// Connections per pool for server databases.
const POOL_SIZE: usize = 16;

impl Client {
    /// Connects to the database named by `url`, choosing the connector by scheme:
    ///
    /// - `postgres://`, `postgresql://`: PostgreSQL (tokio-postgres URL syntax, e.g.
    ///   `?options=-csearch_path%3Dmy_schema`; <https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING>).
    /// - `mysql://`, `mariadb://`: MySQL / MariaDB (MariaDB ≥ 10.5 for `RETURNING`).
    /// - `sqlite:`/`sqlite://path`, `sqlite::memory:`, `file:path` (Prisma style): SQLite; the
    ///   file is created if missing and every connection runs with `foreign_keys = ON`,
    ///   `journal_mode = WAL`, `synchronous = NORMAL` (<https://www.sqlite.org/pragma.html>).
    /// - `mongodb://`, `mongodb+srv://`: recognised, but there is no MongoDB connector yet:
    ///   [`Error::ConnectorNotAvailable`], without any network access.
    ///
    /// Opens one connection to check the URL and credentials.
    ///
    /// # Errors
    /// [`Error::ConnectorNotAvailable`] for MongoDB URLs, [`Error::UnsupportedUrl`] for other
    /// schemes, [`Error::Connect`] when the first connection fails.
    pub async fn connect(url: &str) -> Result<Client> {
        let lower = url.to_ascii_lowercase();
        let (backend, dialect) = if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            (connect_postgres(url).await?, Dialect::Postgres)
        } else if lower.starts_with("mysql://") || lower.starts_with("mariadb://") {
            (connect_mysql(url).await?, Dialect::MySql)
        } else if lower.starts_with("sqlite:") || lower.starts_with("file:") {
            (connect_sqlite(url).await?, Dialect::Sqlite)
        } else if lower.starts_with("mongodb://") || lower.starts_with("mongodb+srv://") {
            return Err(Error::ConnectorNotAvailable { database: "MongoDB", url: redact_url(url) });
        } else {
            return Err(Error::UnsupportedUrl { url: redact_url(url) });
        };
        Ok(Client { inner: Arc::new(Inner { backend, dialect }) })
    }

    /// Connects to the URL in the environment variable `DATABASE_URL` (see [`Client::connect`]).
    ///
    /// # Errors
    /// [`Error::EnvVarMissing`] when it is unset, else as [`Client::connect`].
    pub async fn from_env() -> Result<Client> {
        let url = std::env::var("DATABASE_URL").map_err(|_| Error::EnvVarMissing { name: "DATABASE_URL" })?;
        Client::connect(&url).await
    }

    /// The SQL dialect of the connected database.
    pub fn dialect(&self) -> Dialect {
        self.inner.dialect
    }

    /// Runs SQL text without parameters (may hold several `;`-separated statements) and returns
    /// the rows affected. For migrations and tests; one round trip.
    ///
    /// # Errors
    /// [`Error::Database`] when the database rejects it.
    pub async fn execute_raw(&self, sql: &str) -> Result<u64> {
        self.inner.backend.conn().await?.execute_raw(sql).await
    }

    /// The query builders of model `M`. Generated clients wrap this as `client.user()`.
    pub fn actions<M: Model>(&self) -> Actions<'_, M> {
        Actions { target: Target::Pool(self), _model: PhantomData }
    }

    /// Starts a transaction on one connection of the pool (`BEGIN`, one round trip; SQLite
    /// takes the write lock at once with `BEGIN IMMEDIATE`). Run statements through
    /// [`Transaction::actions`], then [`Transaction::commit`] (one round trip). Dropping it
    /// without commit or rollback closes the connection, which rolls the transaction back.
    ///
    /// # Errors
    /// Connection errors, [`Error::Database`] when `BEGIN` fails.
    pub async fn begin(&self) -> Result<Transaction> {
        let mut conn = self.inner.backend.conn().await?;
        let begin = match self.inner.dialect {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres | Dialect::MySql => "BEGIN",
        };
        if let Err(e) = conn.execute_raw(begin).await {
            conn.discard();
            return Err(e);
        }
        Ok(Transaction { client: self.clone(), conn: tokio::sync::Mutex::new(Some(conn)) })
    }
}

/// An open transaction: statements run on its one connection until [`Transaction::commit`] or
/// [`Transaction::rollback`].
pub struct Transaction {
    client: Client,
    conn: tokio::sync::Mutex<Option<Conn>>,
}

impl std::fmt::Debug for Transaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction").field("dialect", &self.client.inner.dialect).finish_non_exhaustive()
    }
}

impl Transaction {
    /// The query builders of model `M`, running inside this transaction.
    pub fn actions<M: Model>(&self) -> Actions<'_, M> {
        Actions { target: Target::Tx(self), _model: PhantomData }
    }

    /// The SQL dialect.
    pub fn dialect(&self) -> Dialect {
        self.client.inner.dialect
    }

    /// Runs SQL text without parameters inside the transaction; returns the rows affected.
    ///
    /// # Errors
    /// [`Error::Database`] when the database rejects it.
    pub async fn execute_raw(&self, sql: &str) -> Result<u64> {
        let mut guard = Target::Tx(self).conn().await?;
        guard.get()?.execute_raw(sql).await
    }

    async fn finish(mut self, sql: &str) -> Result<()> {
        let Some(mut conn) = self.conn.get_mut().take() else {
            return Err(Error::Driver("the transaction has no connection".into()));
        };
        match conn.execute_raw(sql).await {
            Ok(_) => Ok(()),
            Err(e) => {
                conn.discard();
                Err(e)
            }
        }
    }

    /// Commits (`COMMIT`, one round trip) and returns the connection to the pool.
    ///
    /// # Errors
    /// [`Error::Database`] when the commit fails (the transaction is then rolled back).
    pub async fn commit(self) -> Result<()> {
        self.finish("COMMIT").await
    }

    /// Rolls back (`ROLLBACK`, one round trip) and returns the connection to the pool.
    ///
    /// # Errors
    /// Connection errors.
    pub async fn rollback(self) -> Result<()> {
        self.finish("ROLLBACK").await
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.get_mut().take() {
            conn.discard();
        }
    }
}

/// Where builders run statements: any pooled connection, or a transaction's connection.
#[derive(Clone, Copy)]
enum Target<'c> {
    Pool(&'c Client),
    Tx(&'c Transaction),
}

/// A connection for one or more statements: checked out, or the locked transaction connection.
#[allow(clippy::large_enum_variant)] // lives on the stack for one statement; boxing would allocate
enum ConnGuard<'c> {
    Owned(Conn),
    Locked(tokio::sync::MutexGuard<'c, Option<Conn>>),
}

impl ConnGuard<'_> {
    fn get(&mut self) -> Result<&mut Conn> {
        match self {
            ConnGuard::Owned(conn) => Ok(conn),
            ConnGuard::Locked(guard) => {
                guard.as_mut().ok_or_else(|| Error::Driver("the transaction is already finished".into()))
            }
        }
    }
}

impl<'c> Target<'c> {
    fn client(self) -> &'c Client {
        match self {
            Target::Pool(client) => client,
            Target::Tx(tx) => &tx.client,
        }
    }

    fn dialect(self) -> Dialect {
        self.client().inner.dialect
    }

    fn render(self, query: &Query) -> Statement {
        render(self.dialect(), query)
    }

    async fn conn(self) -> Result<ConnGuard<'c>> {
        match self {
            Target::Pool(client) => Ok(ConnGuard::Owned(client.inner.backend.conn().await?)),
            Target::Tx(tx) => Ok(ConnGuard::Locked(tx.conn.lock().await)),
        }
    }

    async fn fetch(self, stmt: Statement, model: &'static ModelMeta) -> Result<Rows> {
        let mut guard = self.conn().await?;
        guard.get()?.fetch(stmt, Some(model)).await
    }

    async fn execute(self, stmt: Statement, model: &'static ModelMeta) -> Result<u64> {
        let mut guard = self.conn().await?;
        guard.get()?.execute(stmt, Some(model)).await
    }
}

/// Entry point of the builders for one model: `client.actions::<User>()`.
pub struct Actions<'c, M> {
    target: Target<'c>,
    _model: PhantomData<fn() -> M>,
}

impl<M> Clone for Actions<'_, M> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M> Copy for Actions<'_, M> {}

fn select_of(model: &'static ModelMeta, filter: Option<FilterNode>) -> q::Select {
    q::Select { model, filter, order_by: Vec::new(), skip: None, take: None }
}

/// ANDs `next` into `filter` (repeated `.filter()` calls).
fn and_into(filter: &mut Option<FilterNode>, next: FilterNode) {
    *filter = Some(match filter.take() {
        None => next,
        Some(FilterNode::And(mut nodes)) => {
            nodes.push(next);
            FilterNode::And(nodes)
        }
        Some(prev) => FilterNode::And(vec![prev, next]),
    });
}

/// Adds `@updatedAt` columns not already assigned: they are set to now.
fn with_updated_at(model: &'static ModelMeta, mut sets: Vec<(ColumnIdx, SetOp)>) -> Vec<(ColumnIdx, SetOp)> {
    for (idx, col) in model.columns.iter().enumerate() {
        let Ok(idx) = ColumnIdx::try_from(idx) else { break };
        if col.updated_at && !sets.iter().any(|(c, _)| *c == idx) {
            sets.push((idx, SetOp::Set(Value::DateTime(Utc::now()))));
        }
    }
    sets
}

/// Fills client-side defaults (`now()`, `uuid()`, `cuid()`, `nanoid()`, `ulid()`, `@updatedAt`)
/// for columns the input left out, then sorts by column.
fn with_defaults(model: &'static ModelMeta, mut values: Vec<(ColumnIdx, Value)>) -> Vec<(ColumnIdx, Value)> {
    for (idx, col) in model.columns.iter().enumerate() {
        let Ok(idx) = ColumnIdx::try_from(idx) else { break };
        if values.iter().any(|(c, _)| *c == idx) {
            continue;
        }
        let value = match col.default {
            ColumnDefault::Now => Some(Value::DateTime(Utc::now())),
            ColumnDefault::Uuid4 => Some(Value::String(crate::ids::uuid_v4())),
            ColumnDefault::Uuid7 => Some(Value::String(crate::ids::uuid_v7())),
            ColumnDefault::Cuid => Some(Value::String(crate::ids::cuid())),
            ColumnDefault::Nanoid(n) => Some(Value::String(crate::ids::nanoid(n))),
            ColumnDefault::Ulid => Some(Value::String(crate::ids::ulid())),
            ColumnDefault::None | ColumnDefault::Database => {
                col.updated_at.then(|| Value::DateTime(Utc::now()))
            }
        };
        if let Some(value) = value {
            values.push((idx, value));
        }
    }
    values.sort_by_key(|(c, _)| *c);
    values
}

fn decode_all<M: Model>(rows: &Rows) -> Result<Vec<M>> {
    (0..rows.len())
        .filter_map(|i| rows.reader(i, M::META.name))
        .map(|mut reader| M::from_row(&mut reader))
        .collect()
}

fn decode_first<M: Model>(rows: &Rows) -> Result<Option<M>> {
    rows.reader(0, M::META.name).map(|mut reader| M::from_row(&mut reader)).transpose()
}

impl<'c, M: Model> Actions<'c, M> {
    /// The record matching a unique filter (`user::email().equals(…)`), if any.
    pub fn find_unique(self, filter: impl Into<UniqueFilter<M>>) -> FindUnique<'c, M> {
        FindUnique {
            target: self.target,
            select: select_of(M::META, Some(filter.into().node)),
            _model: PhantomData,
        }
    }

    /// The first record matching `.filter(…)` in `.order_by(…)` order, if any.
    pub fn find_first(self) -> FindFirst<'c, M> {
        let mut select = select_of(M::META, None);
        select.take = Some(1);
        FindFirst { target: self.target, select, _model: PhantomData }
    }

    /// All records matching `.filter(…)`, ordered, skipped and taken as asked.
    pub fn find_many(self) -> FindMany<'c, M> {
        FindMany { target: self.target, select: select_of(M::META, None), _model: PhantomData }
    }

    /// Inserts a record; unset fields get their default (client-side ones are generated here).
    pub fn create(self, input: M::Create) -> Create<'c, M> {
        let mut values = Vec::new();
        input.into_values(&mut values);
        let insert = q::Insert { model: M::META, values: with_defaults(M::META, values) };
        Create { target: self.target, insert, _model: PhantomData }
    }

    /// Inserts many records; returns how many. Each input gets its defaults as in
    /// [`Actions::create`]. Inputs that set the same fields share multi-row `INSERT … VALUES`
    /// statements (as many rows per statement as the dialect's parameter limit allows).
    pub fn create_many(self, inputs: impl IntoIterator<Item = M::Create>) -> CreateMany<'c, M> {
        let mut groups: Vec<(Vec<ColumnIdx>, Vec<Vec<Value>>)> = Vec::new();
        for input in inputs {
            let mut values = Vec::new();
            input.into_values(&mut values);
            let values = with_defaults(M::META, values);
            let columns: Vec<ColumnIdx> = values.iter().map(|(c, _)| *c).collect();
            let row: Vec<Value> = values.into_iter().map(|(_, v)| v).collect();
            match groups.iter_mut().find(|(c, _)| *c == columns) {
                Some((_, rows)) => rows.push(row),
                None => groups.push((columns, vec![row])),
            }
        }
        CreateMany { target: self.target, groups, _model: PhantomData }
    }

    /// Updates the record matching a unique filter and returns it; `@updatedAt` fields are set to now.
    pub fn update(
        self,
        filter: impl Into<UniqueFilter<M>>,
        sets: impl IntoIterator<Item = Set<M>>,
    ) -> Update<'c, M> {
        let sets = with_updated_at(M::META, sets.into_iter().map(|s| (s.column, s.op)).collect());
        let update = q::Update { model: M::META, filter: Some(filter.into().node), sets, returning: true };
        Update { target: self.target, update, _model: PhantomData }
    }

    /// Updates every record matching `filter`; returns how many matched.
    pub fn update_many(
        self,
        filter: impl Into<Filter<M>>,
        sets: impl IntoIterator<Item = Set<M>>,
    ) -> UpdateMany<'c, M> {
        let sets = with_updated_at(M::META, sets.into_iter().map(|s| (s.column, s.op)).collect());
        let update = q::Update { model: M::META, filter: Some(filter.into().node), sets, returning: false };
        UpdateMany { target: self.target, update, _model: PhantomData }
    }

    /// Deletes the record matching a unique filter and returns it.
    pub fn delete(self, filter: impl Into<UniqueFilter<M>>) -> Delete<'c, M> {
        let delete = q::Delete { model: M::META, filter: Some(filter.into().node), returning: true };
        Delete { target: self.target, delete, _model: PhantomData }
    }

    /// Deletes every record matching `filter`; returns how many.
    pub fn delete_many(self, filter: impl Into<Filter<M>>) -> DeleteMany<'c, M> {
        let delete = q::Delete { model: M::META, filter: Some(filter.into().node), returning: false };
        DeleteMany { target: self.target, delete, _model: PhantomData }
    }

    /// Counts the records matching `.filter(…)` (`SELECT COUNT(*)`).
    pub fn count(self) -> Count<'c, M> {
        Count { target: self.target, count: q::Count { model: M::META, filter: None }, _model: PhantomData }
    }
}

macro_rules! into_future {
    ($builder:ident, $output:ty) => {
        impl<'c, M: Model> IntoFuture for $builder<'c, M> {
            type Output = Result<$output>;
            type IntoFuture = BoxFuture<'c, Result<$output>>;
            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.exec())
            }
        }
    };
}

/// Filter, order, skip and take setters shared by the read builders.
macro_rules! read_setters {
    () => {
        /// Adds a filter; repeated calls are ANDed.
        pub fn filter(mut self, filter: impl Into<Filter<M>>) -> Self {
            and_into(&mut self.select.filter, filter.into().node);
            self
        }
        /// Adds an ordering term (`post::created_at().desc()`); terms apply in call order.
        pub fn order_by(mut self, order: OrderBy<M>) -> Self {
            self.select.order_by.push((order.column, order.order));
            self
        }
    };
}

/// `find_unique`: at most one record. One round trip.
pub struct FindUnique<'c, M> {
    target: Target<'c>,
    select: q::Select,
    _model: PhantomData<fn() -> M>,
}

impl<'c, M: Model> FindUnique<'c, M> {
    /// Also loads relation `relation` of the record (one more round trip if found).
    pub fn include<I: IntoInclude<M>>(self, include: I) -> FindUniqueWith<'c, M, I::Related, I::Cardinality> {
        FindUniqueWith {
            target: self.target,
            select: self.select,
            include: IncludeSpec::from(include.into_include()),
            _model: PhantomData,
        }
    }

    /// The SQL this runs.
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Select(self.select.clone()))
    }

    /// Runs the query.
    ///
    /// # Errors
    /// [`Error::Database`], [`Error::Decode`], connection errors.
    pub async fn exec(self) -> Result<Option<M>> {
        let rows = self.target.fetch(self.target.render(&Query::Select(self.select)), M::META).await?;
        decode_first(&rows)
    }
}
into_future!(FindUnique, Option<M>);

/// `find_first`: the first matching record. One round trip.
pub struct FindFirst<'c, M> {
    target: Target<'c>,
    select: q::Select,
    _model: PhantomData<fn() -> M>,
}

impl<'c, M: Model> FindFirst<'c, M> {
    read_setters!();

    /// Skips `n` records first.
    pub fn skip(mut self, n: u64) -> Self {
        self.select.skip = Some(n);
        self
    }

    /// Also loads relation `relation` of the record (one more round trip if found).
    pub fn include<I: IntoInclude<M>>(self, include: I) -> FindFirstWith<'c, M, I::Related, I::Cardinality> {
        FindFirstWith {
            target: self.target,
            select: self.select,
            include: IncludeSpec::from(include.into_include()),
            _model: PhantomData,
        }
    }

    /// The SQL this runs.
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Select(self.select.clone()))
    }

    /// Runs the query.
    ///
    /// # Errors
    /// [`Error::Database`], [`Error::Decode`], connection errors.
    pub async fn exec(self) -> Result<Option<M>> {
        let rows = self.target.fetch(self.target.render(&Query::Select(self.select)), M::META).await?;
        decode_first(&rows)
    }
}
into_future!(FindFirst, Option<M>);

/// `find_many`: every matching record. One round trip.
pub struct FindMany<'c, M> {
    target: Target<'c>,
    select: q::Select,
    _model: PhantomData<fn() -> M>,
}

impl<'c, M: Model> FindMany<'c, M> {
    read_setters!();

    /// Skips the first `n` records (`OFFSET`).
    pub fn skip(mut self, n: u64) -> Self {
        self.select.skip = Some(n);
        self
    }

    /// Returns at most `n` records (`LIMIT`).
    pub fn take(mut self, n: u64) -> Self {
        self.select.take = Some(n);
        self
    }

    /// Also loads relation `relation` of every record: one more round trip in total (not per
    /// record), skipped when no record was found.
    pub fn include<I: IntoInclude<M>>(self, include: I) -> FindManyWith<'c, M, I::Related, I::Cardinality> {
        FindManyWith {
            target: self.target,
            select: self.select,
            include: IncludeSpec::from(include.into_include()),
            _model: PhantomData,
        }
    }

    /// The SQL this runs.
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Select(self.select.clone()))
    }

    /// Runs the query.
    ///
    /// # Errors
    /// [`Error::Database`], [`Error::Decode`], connection errors.
    pub async fn exec(self) -> Result<Vec<M>> {
        let rows = self.target.fetch(self.target.render(&Query::Select(self.select)), M::META).await?;
        decode_all(&rows)
    }
}
into_future!(FindMany, Vec<M>);

/// Hashable form of a relation key value (`Int` and `BigInt` compare equal).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum KeyPart {
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
    Bool(bool),
}

fn key_part(value: &Value) -> Option<KeyPart> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => KeyPart::Bool(*b),
        Value::Int(i) => KeyPart::Int(i64::from(*i)),
        Value::BigInt(i) => KeyPart::Int(*i),
        Value::Float(f) => KeyPart::Text(format!("f{}", f.to_bits())),
        Value::Decimal(d) => KeyPart::Text(d.normalize().to_string()),
        Value::String(s) => KeyPart::Text(s.clone()),
        Value::Enum(s) => KeyPart::Text((*s).to_owned()),
        Value::DateTime(dt) => KeyPart::Int(dt.timestamp_micros()),
        Value::Json(j) => KeyPart::Text(j.to_string()),
        Value::Bytes(b) => KeyPart::Bytes(b.clone()),
        Value::List(_) | Value::Document(_) => return None,
    })
}

/// [`key_part`] of an owned value: text and bytes move into the key instead of being copied.
fn key_part_owned(value: Value) -> Option<KeyPart> {
    match value {
        Value::String(s) => Some(KeyPart::Text(s)),
        Value::Bytes(b) => Some(KeyPart::Bytes(b)),
        other => key_part(&other),
    }
}

/// Hashable key of one row's relation columns. A single-column relation (the common case: one
/// foreign key column, one primary key column) is keyed by its one part, so grouping allocates no
/// vector per row; a compound relation is keyed by all its parts in column order.
#[derive(Debug, PartialEq, Eq, Hash)]
enum RowKey {
    Single(KeyPart),
    Compound(Vec<KeyPart>),
}

/// The relation-column values of one row as read: the value of a single-column relation, or all
/// values of a compound one (in the relation's column order).
enum KeyValues {
    Single(Value),
    Compound(Vec<Value>),
}

impl KeyValues {
    /// Reads `columns` (indexes into `model.columns`) from `reader`'s row.
    ///
    /// # Errors
    /// [`Error::Decode`] for an out-of-range index or a value that does not decode.
    fn read(reader: &RowReader<'_>, model: &ModelMeta, columns: &[u16]) -> Result<Self> {
        Ok(match columns {
            [column] => KeyValues::Single(key_value(reader, model, *column)?),
            columns => KeyValues::Compound(key_values(reader, model, columns)?),
        })
    }

    /// The hashable key, or `None` when a part is NULL (such a row joins no row).
    fn key(&self) -> Option<RowKey> {
        match self {
            KeyValues::Single(value) => key_part(value).map(RowKey::Single),
            KeyValues::Compound(values) => {
                values.iter().map(key_part).collect::<Option<_>>().map(RowKey::Compound)
            }
        }
    }

    /// [`KeyValues::key`], consuming the values (no copy of text or bytes keys).
    fn into_key(self) -> Option<RowKey> {
        match self {
            KeyValues::Single(value) => key_part_owned(value).map(RowKey::Single),
            KeyValues::Compound(values) => {
                values.into_iter().map(key_part_owned).collect::<Option<_>>().map(RowKey::Compound)
            }
        }
    }

    /// The value of a single-column relation (the last value of a compound one, `None` if empty).
    fn into_last(self) -> Option<Value> {
        match self {
            KeyValues::Single(value) => Some(value),
            KeyValues::Compound(mut values) => values.pop(),
        }
    }

    /// The values in the relation's column order.
    fn into_vec(self) -> Vec<Value> {
        match self {
            KeyValues::Single(value) => vec![value],
            KeyValues::Compound(values) => values,
        }
    }
}

/// An include without its type parameters.
struct IncludeSpec {
    relation: &'static RelationMeta,
    filter: Option<FilterNode>,
    order_by: Vec<(ColumnIdx, Order)>,
    skip: Option<u64>,
    take: Option<u64>,
}

impl<M, R, C> From<Include<M, R, C>> for IncludeSpec {
    fn from(include: Include<M, R, C>) -> Self {
        IncludeSpec {
            relation: include.relation.meta,
            filter: include.filter,
            order_by: include.order_by,
            skip: include.skip,
            take: include.take,
        }
    }
}

/// Loads `relation` for the parents in `parent_rows`: one query for all parents (`= ANY($1)` on
/// PostgreSQL, `IN (…)` elsewhere), children ordered by their primary key, grouped in memory.
async fn load_included<M: Model, R: Model, C: RelationCardinality<R>>(
    target: Target<'_>,
    include: &IncludeSpec,
    parent_rows: Rows,
) -> Result<Vec<Included<M, C::Output>>> {
    let relation = include.relation;
    // Each distinct parent key gets a group number: its position in `distinct` (the key values,
    // for the filter) and in `groups` (the child rows found for it). Parents keep the number, so
    // no key is stored twice and children are grouped with one hash lookup each.
    let mut parents = Vec::with_capacity(parent_rows.len());
    let mut distinct: Vec<KeyValues> = Vec::with_capacity(parent_rows.len());
    let mut group_of: HashMap<RowKey, usize> = HashMap::with_capacity(parent_rows.len());
    for i in 0..parent_rows.len() {
        let Some(mut reader) = parent_rows.reader(i, M::META.name) else { break };
        let values = KeyValues::read(&reader, M::META, relation.from_columns)?;
        let record = M::from_row(&mut reader)?;
        let group = match values.key() {
            Some(key) => {
                let next = distinct.len();
                let group = *group_of.entry(key).or_insert(next);
                if group == next {
                    distinct.push(values);
                }
                Some(group)
            }
            None => None,
        };
        parents.push((record, group));
    }
    drop(parent_rows);

    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
    let child_rows = if distinct.is_empty() {
        None
    } else {
        let filter = match relation.to_columns {
            [column] => FilterNode::In {
                column: *column,
                values: distinct.into_iter().filter_map(KeyValues::into_last).collect(),
                negated: false,
            },
            columns => FilterNode::Or(
                distinct
                    .into_iter()
                    .map(|key| {
                        FilterNode::And(
                            columns
                                .iter()
                                .zip(key.into_vec())
                                .map(|(&column, value)| FilterNode::Compare {
                                    column,
                                    op: CompareOp::Equals,
                                    value,
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            ),
        };
        let filter = match &include.filter {
            Some(extra) => FilterNode::And(vec![filter, extra.clone()]),
            None => filter,
        };
        let mut select = select_of(R::META, Some(filter));
        select.order_by = if include.order_by.is_empty() {
            R::META.primary_key.iter().map(|&c| (c, Order::Asc)).collect()
        } else {
            include.order_by.clone()
        };
        let related = q::RelatedSelect {
            select,
            partition_by: relation.to_columns.to_vec(),
            skip: include.skip.unwrap_or(0),
            take: include.take,
        };
        let rows = target.fetch(crate::dialect::render_related(target.dialect(), &related), R::META).await?;
        for i in 0..rows.len() {
            let Some(reader) = rows.reader(i, R::META.name) else { break };
            if let Some(key) = KeyValues::read(&reader, R::META, relation.to_columns)?.into_key()
                && let Some(&group) = group_of.get(&key)
                && let Some(rows_of_group) = groups.get_mut(group)
            {
                rows_of_group.push(i);
            }
        }
        Some(rows)
    };

    parents
        .into_iter()
        .map(|(record, group)| {
            let indexes: &[usize] = match (group, &child_rows) {
                (Some(group), Some(_)) => groups.get(group).map_or(&[], Vec::as_slice),
                _ => &[],
            };
            let mut found = Vec::with_capacity(indexes.len());
            if let Some(rows) = &child_rows {
                for &i in indexes {
                    if let Some(mut reader) = rows.reader(i, R::META.name) {
                        found.push(R::from_row(&mut reader)?);
                    }
                }
            }
            let related = C::collect(M::META.name, relation.name, found)?;
            Ok(Included { record, related })
        })
        .collect()
}

macro_rules! include_builder {
    ($name:ident, $doc:literal, $output:ty, |$v:ident| $finish:expr) => {
        #[doc = $doc]
        pub struct $name<'c, M, R, C> {
            target: Target<'c>,
            select: q::Select,
            include: IncludeSpec,
            #[allow(clippy::type_complexity)]
            _model: PhantomData<fn() -> (M, R, C)>,
        }

        impl<'c, M: Model, R: Model, C: RelationCardinality<R>> $name<'c, M, R, C> {
            /// The SQL of the first query (the parents); the related query depends on its result.
            pub fn statement(&self) -> Statement {
                self.target.render(&Query::Select(self.select.clone()))
            }

            /// Runs the parent query, then one query for the related records of all parents.
            ///
            /// # Errors
            /// [`Error::RelatedNotFound`] for a required to-one relation without record,
            /// [`Error::Database`], [`Error::Decode`], connection errors.
            pub async fn exec(self) -> Result<$output> {
                let rows =
                    self.target.fetch(self.target.render(&Query::Select(self.select)), M::META).await?;
                let $v = load_included::<M, R, C>(self.target, &self.include, rows).await?;
                $finish
            }
        }

        impl<'c, M: Model, R: Model, C: RelationCardinality<R>> IntoFuture for $name<'c, M, R, C> {
            type Output = Result<$output>;
            type IntoFuture = BoxFuture<'c, Result<$output>>;
            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.exec())
            }
        }
    };
}

include_builder!(
    FindManyWith,
    "`find_many().include(…)`: records with one relation loaded. Two round trips (one when nothing matched).",
    Vec<Included<M, C::Output>>,
    |v| Ok(v)
);
include_builder!(
    FindFirstWith,
    "`find_first().include(…)`: the first record with one relation loaded. Two round trips (one when nothing matched).",
    Option<Included<M, C::Output>>,
    |v| Ok(v.into_iter().next())
);
include_builder!(
    FindUniqueWith,
    "`find_unique(…).include(…)`: the record with one relation loaded. Two round trips (one when nothing matched).",
    Option<Included<M, C::Output>>,
    |v| Ok(v.into_iter().next())
);

impl<M: Model, R: Model, C: RelationCardinality<R>> FindManyWith<'_, M, R, C> {
    read_setters!();

    /// Skips the first `n` parent records.
    pub fn skip(mut self, n: u64) -> Self {
        self.select.skip = Some(n);
        self
    }

    /// Returns at most `n` parent records.
    pub fn take(mut self, n: u64) -> Self {
        self.select.take = Some(n);
        self
    }
}

impl<M: Model, R: Model, C: RelationCardinality<R>> FindFirstWith<'_, M, R, C> {
    read_setters!();
}

/// `create`: inserts one record and returns it. One round trip (`INSERT … RETURNING`).
pub struct Create<'c, M> {
    target: Target<'c>,
    insert: q::Insert,
    _model: PhantomData<fn() -> M>,
}

impl<M: Model> Create<'_, M> {
    /// The SQL this runs (with the client-side defaults already generated).
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Insert(self.insert.clone()))
    }

    /// Runs the insert.
    ///
    /// # Errors
    /// [`Error::Database`] with [`crate::DbErrorKind::UniqueViolation`],
    /// `ForeignKeyViolation` or `NotNullViolation` naming the model and fields.
    pub async fn exec(self) -> Result<M> {
        let rows = self.target.fetch(self.target.render(&Query::Insert(self.insert)), M::META).await?;
        decode_first(&rows)?.ok_or_else(|| Error::Driver("the insert returned no row".into()))
    }
}
into_future!(Create, M);

/// `create_many`: inserts many records, returns how many.
///
/// Round trips: one per statement; inputs setting the same fields share statements of up to
/// 65,535 parameters (32,766 on SQLite). When that takes more than one statement outside a
/// transaction, they run inside `BEGIN`/`COMMIT` on one connection (two more round trips).
pub struct CreateMany<'c, M> {
    target: Target<'c>,
    groups: Vec<(Vec<ColumnIdx>, Vec<Vec<Value>>)>,
    _model: PhantomData<fn() -> M>,
}

impl<M: Model> CreateMany<'_, M> {
    fn statements(&self, groups: Vec<(Vec<ColumnIdx>, Vec<Vec<Value>>)>) -> Vec<Statement> {
        let dialect = self.target.dialect();
        let mut statements = Vec::new();
        for (columns, rows) in groups {
            if columns.is_empty() {
                // Nothing set: every column takes its database default.
                let insert = q::Insert { model: M::META, values: Vec::new() };
                for _ in &rows {
                    let mut stmt = render(dialect, &Query::Insert(insert.clone()));
                    if let Some(at) = stmt.sql.find(" RETURNING ") {
                        stmt.sql.truncate(at);
                    }
                    statements.push(stmt);
                }
                continue;
            }
            let per_statement = (crate::dialect::max_params(dialect) / columns.len()).max(1);
            let mut rows = rows.into_iter().peekable();
            while rows.peek().is_some() {
                let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
                let insert = q::InsertMany { model: M::META, columns: columns.clone(), rows: chunk };
                statements.push(crate::dialect::render_insert_many(dialect, insert));
            }
        }
        statements
    }

    /// The first statement this runs (`None` for no inputs).
    pub fn statement(&self) -> Option<Statement> {
        let first = self.groups.first().map(|(c, rows)| (c.clone(), rows.iter().take(1).cloned().collect()));
        self.statements(first.into_iter().collect()).into_iter().next()
    }

    /// Runs the inserts.
    ///
    /// # Errors
    /// [`Error::Database`] on constraint errors (nothing is inserted when the batch needed a
    /// transaction, or ran inside one).
    pub async fn exec(mut self) -> Result<u64> {
        // Refused before `BEGIN` too (each statement is also checked by the connection).
        crate::dialect::check_model(self.target.dialect(), M::META)?;
        let groups = std::mem::take(&mut self.groups);
        let statements = self.statements(groups);
        let wrap = statements.len() > 1 && matches!(self.target, Target::Pool(_));
        let mut guard = self.target.conn().await?;
        let conn = guard.get()?;
        if wrap {
            let begin = if self.target.dialect() == Dialect::Sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" };
            conn.execute_raw(begin).await?;
        }
        let mut total = 0;
        for stmt in statements {
            match conn.execute(stmt, Some(M::META)).await {
                Ok(n) => total += n,
                Err(e) => {
                    if wrap
                        && conn.execute_raw("ROLLBACK").await.is_err()
                        && let ConnGuard::Owned(conn) = guard
                    {
                        conn.discard();
                    }
                    return Err(e);
                }
            }
        }
        if wrap {
            conn.execute_raw("COMMIT").await?;
        }
        Ok(total)
    }
}
into_future!(CreateMany, u64);

fn filter_columns(node: &FilterNode, out: &mut Vec<ColumnIdx>) {
    match node {
        FilterNode::Compare { column, .. }
        | FilterNode::In { column, .. }
        | FilterNode::IsNull { column, .. }
        | FilterNode::Like { column, .. } => out.push(*column),
        FilterNode::And(nodes) | FilterNode::Or(nodes) => nodes.iter().for_each(|n| filter_columns(n, out)),
        FilterNode::Not(inner) => filter_columns(inner, out),
    }
}

/// `update`: updates one record by a unique filter and returns it.
///
/// Round trips: one on PostgreSQL and SQLite (`UPDATE … RETURNING`). MySQL/MariaDB have no
/// `UPDATE … RETURNING`: two (`UPDATE`, then `SELECT` by the same filter, on one connection), or
/// three when the update assigns a column of the filter (`SELECT` the primary key first).
pub struct Update<'c, M> {
    target: Target<'c>,
    update: q::Update,
    _model: PhantomData<fn() -> M>,
}

impl<M: Model> Update<'_, M> {
    /// The `UPDATE` this runs.
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Update(self.update.clone()))
    }

    /// Runs the update.
    ///
    /// # Errors
    /// [`Error::RecordNotFound`] when no record matched; [`Error::Database`] on constraint errors.
    pub async fn exec(self) -> Result<M> {
        let not_found = || Error::RecordNotFound { model: M::META.name };
        if self.target.dialect().update_returning() {
            let rows = self.target.fetch(self.target.render(&Query::Update(self.update)), M::META).await?;
            return decode_first(&rows)?.ok_or_else(not_found);
        }
        let mut guard = self.target.conn().await?;
        let conn = guard.get()?;
        let mut update = self.update;
        let mut used = Vec::new();
        if let Some(filter) = &update.filter {
            filter_columns(filter, &mut used);
        }
        let touches_filter = update.sets.iter().any(|(c, _)| used.contains(c));
        let read_filter = if touches_filter {
            // Find the primary key first: the filter may not match after the update.
            let select = select_of(M::META, update.filter.clone());
            let rows = conn.fetch(self.target.render(&Query::Select(select)), Some(M::META)).await?;
            let reader = rows.reader(0, M::META.name).ok_or_else(not_found)?;
            let pk = key_values(&reader, M::META, M::META.primary_key)?;
            let pk_filter = FilterNode::And(
                M::META
                    .primary_key
                    .iter()
                    .zip(pk)
                    .map(|(&column, value)| FilterNode::Compare { column, op: CompareOp::Equals, value })
                    .collect(),
            );
            update.filter = Some(pk_filter.clone());
            pk_filter
        } else {
            update.filter.clone().unwrap_or(FilterNode::And(Vec::new()))
        };
        conn.execute(self.target.render(&Query::Update(update)), Some(M::META)).await?;
        let select = select_of(M::META, Some(read_filter));
        let rows = conn.fetch(self.target.render(&Query::Select(select)), Some(M::META)).await?;
        decode_first(&rows)?.ok_or_else(not_found)
    }
}
into_future!(Update, M);

/// `update_many`: updates every matching record, returns how many matched. One round trip.
pub struct UpdateMany<'c, M> {
    target: Target<'c>,
    update: q::Update,
    _model: PhantomData<fn() -> M>,
}

impl<M: Model> UpdateMany<'_, M> {
    /// The SQL this runs.
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Update(self.update.clone()))
    }

    /// Runs the update.
    ///
    /// # Errors
    /// [`Error::Database`] on constraint errors.
    pub async fn exec(self) -> Result<u64> {
        self.target.execute(self.target.render(&Query::Update(self.update)), M::META).await
    }
}
into_future!(UpdateMany, u64);

/// `delete`: deletes one record by a unique filter and returns it. One round trip
/// (`DELETE … RETURNING`; MariaDB ≥ 10.0 has it, MySQL does not).
pub struct Delete<'c, M> {
    target: Target<'c>,
    delete: q::Delete,
    _model: PhantomData<fn() -> M>,
}

impl<M: Model> Delete<'_, M> {
    /// The SQL this runs.
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Delete(self.delete.clone()))
    }

    /// Runs the delete.
    ///
    /// # Errors
    /// [`Error::RecordNotFound`] when no record matched; [`Error::Database`] with
    /// `ForeignKeyViolation` when other records still reference it.
    pub async fn exec(self) -> Result<M> {
        let rows = self.target.fetch(self.target.render(&Query::Delete(self.delete)), M::META).await?;
        decode_first(&rows)?.ok_or(Error::RecordNotFound { model: M::META.name })
    }
}
into_future!(Delete, M);

/// `delete_many`: deletes every matching record, returns how many. One round trip.
pub struct DeleteMany<'c, M> {
    target: Target<'c>,
    delete: q::Delete,
    _model: PhantomData<fn() -> M>,
}

impl<M: Model> DeleteMany<'_, M> {
    /// The SQL this runs.
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Delete(self.delete.clone()))
    }

    /// Runs the delete.
    ///
    /// # Errors
    /// [`Error::Database`] on foreign key errors.
    pub async fn exec(self) -> Result<u64> {
        self.target.execute(self.target.render(&Query::Delete(self.delete)), M::META).await
    }
}
into_future!(DeleteMany, u64);

/// `count`: `SELECT COUNT(*)` of the matching records. One round trip.
pub struct Count<'c, M> {
    target: Target<'c>,
    count: q::Count,
    _model: PhantomData<fn() -> M>,
}

impl<M: Model> Count<'_, M> {
    /// Adds a filter; repeated calls are ANDed.
    pub fn filter(mut self, filter: impl Into<Filter<M>>) -> Self {
        and_into(&mut self.count.filter, filter.into().node);
        self
    }

    /// The SQL this runs.
    pub fn statement(&self) -> Statement {
        self.target.render(&Query::Count(self.count.clone()))
    }

    /// Runs the count.
    ///
    /// # Errors
    /// [`Error::Database`], connection errors.
    pub async fn exec(self) -> Result<i64> {
        let rows = self.target.fetch(self.target.render(&Query::Count(self.count)), M::META).await?;
        match rows.reader(0, M::META.name) {
            Some(mut reader) => reader.next::<i64>(),
            None => Err(Error::Driver("COUNT(*) returned no row".into())),
        }
    }
}
into_future!(Count, i64);

fn connect_error(url: &str) -> impl Fn(Box<dyn std::error::Error + Send + Sync>) -> Error + '_ {
    move |source| Error::Connect { url: redact_url(url), source }
}

/// PostgreSQL: deadpool-postgres pool, `RecyclingMethod::Fast`, Prisma's `?schema=` as search path.
async fn connect_postgres(url: &str) -> Result<Backend> {
    let err = connect_error(url);
    let (stripped, prisma) = split_prisma_params(url);
    let mut config = tokio_postgres::Config::from_str(&stripped).map_err(|e| err(Box::new(e)))?;
    if let Some(schema) = &prisma.schema {
        // The session's search_path, as a quoted identifier; in `options`, spaces and
        // backslashes are escaped with a backslash:
        // https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-OPTIONS
        let quoted = format!("\"{}\"", schema.replace('"', "\"\""));
        let option = format!("-csearch_path={}", quoted.replace('\\', "\\\\").replace(' ', "\\ "));
        let options = match config.get_options() {
            Some(existing) if !existing.is_empty() => format!("{existing} {option}"),
            _ => option,
        };
        config.options(options);
    }
    let manager = deadpool_postgres::Manager::from_config(
        config,
        tokio_postgres::NoTls,
        deadpool_postgres::ManagerConfig { recycling_method: deadpool_postgres::RecyclingMethod::Fast },
    );
    let pool = deadpool_postgres::Pool::builder(manager)
        .max_size(prisma.connection_limit.unwrap_or(POOL_SIZE))
        .build()
        .map_err(|e| err(Box::new(e)))?;
    drop(pool.get().await.map_err(|e| err(Box::new(e)))?);
    Ok(Backend::Postgres(pool))
}

/// MySQL/MariaDB: sqlx connections in our ping-free pool.
async fn connect_mysql(url: &str) -> Result<Backend> {
    let err = connect_error(url);
    let (stripped, prisma) = split_prisma_params(url);
    let stripped = match stripped.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("mariadb") => format!("mysql://{rest}"),
        _ => stripped,
    };
    let options = sqlx::mysql::MySqlConnectOptions::from_str(&stripped).map_err(|e| err(Box::new(e)))?;
    let pool = Arc::new(ConnPool::new(options, prisma.connection_limit.unwrap_or(POOL_SIZE)));
    drop(pool.get().await.map_err(|e| err(Box::new(e)))?);
    Ok(Backend::MySql(pool))
}

/// SQLite: file created if missing, `foreign_keys = ON`, WAL, `synchronous = NORMAL`.
async fn connect_sqlite(url: &str) -> Result<Backend> {
    let err = connect_error(url);
    let lower = url.to_ascii_lowercase();
    let (stripped, prisma) = split_prisma_params(url);
    let options = match stripped.strip_prefix("file:") {
        Some(path) => {
            sqlx::sqlite::SqliteConnectOptions::new().filename(path.split('?').next().unwrap_or(path))
        }
        None => sqlx::sqlite::SqliteConnectOptions::from_str(&stripped).map_err(|e| err(Box::new(e)))?,
    };
    let in_memory = lower.contains(":memory:") || lower.contains("mode=memory");
    let options = options
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
        .statement_cache_capacity(512)
        .disable_statement_logging();
    // An in-memory database lives as long as its connection: keep exactly one.
    let size = if in_memory { 1 } else { prisma.connection_limit.unwrap_or(8) };
    let pool = Arc::new(ConnPool::new(options, size));
    drop(pool.get().await.map_err(|e| err(Box::new(e)))?);
    Ok(Backend::Sqlite(pool))
}

/// Prisma connection-URL parameters the drivers do not know
/// (<https://www.prisma.io/docs/orm/overview/databases/postgresql#arguments>).
#[derive(Debug, Default, PartialEq)]
struct PrismaParams {
    /// `schema`: the PostgreSQL schema (search path).
    schema: Option<String>,
    /// `connection_limit`: the pool size.
    connection_limit: Option<usize>,
}

/// Removes Prisma-only parameters (`schema`, `connection_limit`, `pool_timeout`,
/// `socket_timeout`, `pgbouncer`, `statement_cache_size`) from `url`'s query string.
fn split_prisma_params(url: &str) -> (String, PrismaParams) {
    let mut params = PrismaParams::default();
    let Some((base, query)) = url.split_once('?') else { return (url.to_owned(), params) };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "schema" => params.schema = Some(percent_decode(value)),
            "connection_limit" => params.connection_limit = value.parse().ok().filter(|n| *n > 0),
            "pool_timeout" | "socket_timeout" | "pgbouncer" | "statement_cache_size" => {}
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) };
    (url, params)
}

/// Decodes `%XX` escapes (invalid escapes are kept as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) =
                (bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b)))
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prisma_params_are_split_off() {
        let (url, p) = split_prisma_params(
            "postgresql://u:p@h:5432/db?schema=my%20app&connection_limit=5&sslmode=disable",
        );
        assert_eq!(url, "postgresql://u:p@h:5432/db?sslmode=disable");
        assert_eq!(p, PrismaParams { schema: Some("my app".to_owned()), connection_limit: Some(5) });
        let (url, p) = split_prisma_params("mysql://root@h/db");
        assert_eq!((url.as_str(), p), ("mysql://root@h/db", PrismaParams::default()));
        let (url, _) = split_prisma_params("postgres://h/db?pool_timeout=10");
        assert_eq!(url, "postgres://h/db");
    }

    /// Parent keys are built from borrowed values, child keys from owned ones: both must hash and
    /// compare alike, `Int` and `BigInt` must meet, and a NULL part must join nothing.
    #[test]
    fn borrowed_and_owned_relation_keys_agree() {
        let cases = [
            (KeyValues::Single(Value::Int(7)), KeyValues::Single(Value::BigInt(7))),
            (KeyValues::Single(Value::String("a".into())), KeyValues::Single(Value::String("a".into()))),
            (KeyValues::Single(Value::Bytes(vec![1, 2])), KeyValues::Single(Value::Bytes(vec![1, 2]))),
            (
                KeyValues::Compound(vec![Value::BigInt(1), Value::String("x".into())]),
                KeyValues::Compound(vec![Value::Int(1), Value::String("x".into())]),
            ),
        ];
        for (parent, child) in cases {
            let parent_key = parent.key();
            assert!(parent_key.is_some());
            assert_eq!(parent_key, child.into_key());
        }
        let differ = KeyValues::Compound(vec![Value::Int(1), Value::String("y".into())]);
        let other = KeyValues::Compound(vec![Value::Int(1), Value::String("x".into())]);
        assert_ne!(differ.key(), other.into_key());
        assert_ne!(
            KeyValues::Single(Value::String("1".into())).key(),
            KeyValues::Single(Value::Int(1)).into_key()
        );
        assert_eq!(KeyValues::Single(Value::Null).key(), None);
        assert_eq!(KeyValues::Compound(vec![Value::Int(1), Value::Null]).into_key(), None);
        assert_eq!(KeyValues::Compound(vec![Value::Int(1), Value::Int(2)]).into_last(), Some(Value::Int(2)));
    }
}
