//! `RowReader`: decodes one result row, column by column in select order, into Rust values.
//!
//! Each supported Rust type implements [`Decode`] for every backend, tolerating how the backend
//! stores it:
//! - PostgreSQL (binary protocol): `int2/int4/int8` into any integer type that fits, `timestamp`
//!   and `timestamptz` into `DateTime<Utc>`, `text/varchar/uuid/citext/enum` into `String`, arrays
//!   into `Vec<T>` (<https://www.postgresql.org/docs/current/datatype.html>).
//! - SQLite is dynamically typed (<https://www.sqlite.org/datatype3.html>): booleans are integers,
//!   decimals are REAL/INTEGER/TEXT, date-times are TEXT (ISO-8601) or INTEGER (Unix milliseconds,
//!   as Prisma stores them), JSON is TEXT.
//! - MySQL/MariaDB: `Boolean` is `TINYINT(1)`, `Json` is `JSON` (a `LONGTEXT` alias on MariaDB,
//!   <https://mariadb.com/kb/en/json-data-type/>), `DateTime` is `DATETIME(3)`.

use chrono::{DateTime, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use sqlx::mysql::MySqlRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row as _, ValueRef as _};
use tokio_postgres::types::{FromSql, Kind, Type};

use crate::error::{Error, Result};
use crate::meta::{ColumnMeta, ColumnType, ModelMeta};
use crate::typed::CustomType;
use crate::value::Value;

type BoxError = Box<dyn std::error::Error + Sync + Send>;

#[derive(Clone, Copy)]
pub(crate) enum RowRef<'r> {
    Postgres(&'r tokio_postgres::Row),
    Sqlite(&'r SqliteRow),
    MySql(&'r MySqlRow),
}

/// One column of one row, handed to [`Decode::decode`].
#[derive(Clone, Copy)]
pub struct Column<'r> {
    row: RowRef<'r>,
    idx: usize,
}

/// Reads a row's columns in order: each [`RowReader::next`] decodes the next column.
///
/// Generated `Model::from_row` calls `row.next()?` once per field, in `ModelMeta::columns` order.
pub struct RowReader<'r> {
    row: RowRef<'r>,
    next: usize,
    model: &'static str,
}

impl<'r> RowReader<'r> {
    pub(crate) fn new(row: RowRef<'r>, model: &'static str) -> Self {
        RowReader { row, next: 0, model }
    }

    /// A reader over a tokio-postgres row; `model` names the model in decode errors.
    pub fn postgres(row: &'r tokio_postgres::Row, model: &'static str) -> Self {
        Self::new(RowRef::Postgres(row), model)
    }

    /// A reader over an sqlx SQLite row.
    pub fn sqlite(row: &'r SqliteRow, model: &'static str) -> Self {
        Self::new(RowRef::Sqlite(row), model)
    }

    /// A reader over an sqlx MySQL row.
    pub fn mysql(row: &'r MySqlRow, model: &'static str) -> Self {
        Self::new(RowRef::MySql(row), model)
    }

    /// Decodes the next column as `T` and advances.
    ///
    /// # Errors
    /// [`Error::Decode`] naming the model and column when the row has no more columns or the
    /// value does not fit `T`.
    #[allow(clippy::should_implement_trait)] // the generated-client contract names it `next`
    pub fn next<T: Decode>(&mut self) -> Result<T> {
        let idx = self.next;
        self.next += 1;
        self.get(idx)
    }

    /// Decodes column `idx` (0-based, select order) without moving the cursor.
    ///
    /// # Errors
    /// [`Error::Decode`] as for [`RowReader::next`].
    pub fn get<T: Decode>(&self, idx: usize) -> Result<T> {
        if idx >= self.len() {
            return Err(self.error(idx, format!("the row has only {} columns", self.len())));
        }
        T::decode(Column { row: self.row, idx }).map_err(|message| self.error(idx, message))
    }

    /// Number of columns in the row.
    pub fn len(&self) -> usize {
        match self.row {
            RowRef::Postgres(r) => r.len(),
            RowRef::Sqlite(r) => r.len(),
            RowRef::MySql(r) => r.len(),
        }
    }

    /// Whether the row has no columns.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn column_name(&self, idx: usize) -> String {
        match self.row {
            RowRef::Postgres(r) => r.columns().get(idx).map(|c| c.name().to_owned()),
            RowRef::Sqlite(r) => r.columns().get(idx).map(|c| sqlx::Column::name(c).to_owned()),
            RowRef::MySql(r) => r.columns().get(idx).map(|c| sqlx::Column::name(c).to_owned()),
        }
        .unwrap_or_else(|| format!("#{idx}"))
    }

    fn error(&self, idx: usize, message: String) -> Error {
        Error::Decode { model: self.model, column: self.column_name(idx), message }
    }

    /// Reads column `idx` as the [`Value`] variant of `meta`'s type (used for relation keys).
    pub(crate) fn value(&self, idx: usize, meta: &ColumnMeta) -> Result<Value> {
        let v = match meta.ty {
            ColumnType::Boolean => self.get::<Option<bool>>(idx)?.map(Value::Bool),
            ColumnType::Int => self.get::<Option<i32>>(idx)?.map(Value::Int),
            ColumnType::BigInt => self.get::<Option<i64>>(idx)?.map(Value::BigInt),
            ColumnType::Float => self.get::<Option<f64>>(idx)?.map(Value::Float),
            ColumnType::Decimal => self.get::<Option<Decimal>>(idx)?.map(Value::Decimal),
            ColumnType::String | ColumnType::Enum(_) => self.get::<Option<String>>(idx)?.map(Value::String),
            ColumnType::DateTime => self.get::<Option<DateTime<Utc>>>(idx)?.map(Value::DateTime),
            ColumnType::Json => self.get::<Option<serde_json::Value>>(idx)?.map(Value::Json),
            ColumnType::Bytes => self.get::<Option<Vec<u8>>>(idx)?.map(Value::Bytes),
            ColumnType::Composite(c) => {
                return Err(self.error(
                    idx,
                    format!(
                        "composite type `{}` is an embedded MongoDB document; no SQL column holds one",
                        c.name
                    ),
                ));
            }
        };
        Ok(v.unwrap_or(Value::Null))
    }
}

impl Column<'_> {
    /// Whether the value is SQL `NULL`.
    ///
    /// # Errors
    /// A message when the column index is out of range.
    pub fn is_null(self) -> Result<bool, String> {
        match self.row {
            RowRef::Postgres(r) => Ok(r.try_get::<_, Option<PgAny>>(self.idx).map_err(pg_err)?.is_none()),
            RowRef::Sqlite(r) => Ok(r.try_get_raw(self.idx).map_err(|e| e.to_string())?.is_null()),
            RowRef::MySql(r) => Ok(r.try_get_raw(self.idx).map_err(|e| e.to_string())?.is_null()),
        }
    }

    fn pg<'a, T: FromSql<'a>>(row: &'a tokio_postgres::Row, idx: usize) -> Result<T, String> {
        row.try_get::<_, T>(idx).map_err(pg_err)
    }

    fn sqlite<'a, T: sqlx::Decode<'a, sqlx::Sqlite>>(row: &'a SqliteRow, idx: usize) -> Result<T, String> {
        let raw = row.try_get_raw(idx).map_err(|e| e.to_string())?;
        if raw.is_null() {
            return Err("unexpected NULL".to_owned());
        }
        T::decode(raw).map_err(|e| e.to_string())
    }

    fn mysql<'a, T: sqlx::Decode<'a, sqlx::MySql>>(row: &'a MySqlRow, idx: usize) -> Result<T, String> {
        let raw = row.try_get_raw(idx).map_err(|e| e.to_string())?;
        if raw.is_null() {
            return Err("unexpected NULL".to_owned());
        }
        T::decode(raw).map_err(|e| e.to_string())
    }

    /// The storage class of an SQLite value (`INTEGER`, `REAL`, `TEXT`, `BLOB`, `NULL`).
    fn sqlite_storage(row: &SqliteRow, idx: usize) -> Result<String, String> {
        let raw = row.try_get_raw(idx).map_err(|e| e.to_string())?;
        Ok(sqlx::TypeInfo::name(&*raw.type_info()).to_owned())
    }
}

fn pg_err(e: tokio_postgres::Error) -> String {
    match std::error::Error::source(&e) {
        Some(source) => format!("{e}: {source}"),
        None => e.to_string(),
    }
}

/// A Rust type that a column can be decoded into, on every backend.
pub trait Decode: Sized {
    /// Decodes `column`.
    ///
    /// # Errors
    /// A message saying what was found instead (the caller adds model and column names).
    fn decode(column: Column<'_>) -> Result<Self, String>;
}

impl<T: Decode> Decode for Option<T> {
    fn decode(column: Column<'_>) -> Result<Self, String> {
        if column.is_null()? { Ok(None) } else { T::decode(column).map(Some) }
    }
}

fn out_of_range<T>(v: impl std::fmt::Display) -> Result<T, String> {
    Err(format!("integer {v} is out of range"))
}

impl Decode for bool {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        match c.row {
            RowRef::Postgres(r) => Column::pg(r, c.idx),
            // https://www.sqlite.org/datatype3.html#boolean_datatype: 0 and 1.
            RowRef::Sqlite(r) => Ok(Column::sqlite::<i64>(r, c.idx)? != 0),
            // https://dev.mysql.com/doc/refman/8.0/en/numeric-type-syntax.html: BOOL is TINYINT(1).
            RowRef::MySql(r) => Ok(Column::mysql::<i64>(r, c.idx)? != 0),
        }
    }
}

fn decode_i64(c: Column<'_>) -> Result<i64, String> {
    match c.row {
        RowRef::Postgres(r) => Column::pg::<PgInt>(r, c.idx).map(|v| v.0),
        RowRef::Sqlite(r) => Column::sqlite::<i64>(r, c.idx),
        RowRef::MySql(r) => Column::mysql::<i64>(r, c.idx),
    }
}

impl Decode for i32 {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        let v = decode_i64(c)?;
        i32::try_from(v).or_else(|_| out_of_range(v))
    }
}

impl Decode for i64 {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        decode_i64(c)
    }
}

impl Decode for f64 {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        match c.row {
            RowRef::Postgres(r) => Column::pg::<PgFloat>(r, c.idx).map(|v| v.0),
            RowRef::Sqlite(r) => Column::sqlite::<f64>(r, c.idx),
            RowRef::MySql(r) => Column::mysql::<f64>(r, c.idx),
        }
    }
}

/// Parses `1.5`, `2`, `1e-3` (SQLite's text rendering of REAL values).
fn parse_decimal(s: &str) -> Result<Decimal, String> {
    let s = s.trim();
    Decimal::from_str_exact(s)
        .or_else(|_| Decimal::from_scientific(s))
        .map_err(|e| format!("`{s}` is not a decimal: {e}"))
}

impl Decode for Decimal {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        match c.row {
            RowRef::Postgres(r) => Column::pg(r, c.idx),
            // SQLite converts INTEGER and REAL to their text form (`%!.15g`) on request.
            RowRef::Sqlite(r) => parse_decimal(&Column::sqlite::<String>(r, c.idx)?),
            RowRef::MySql(r) => Column::mysql(r, c.idx),
        }
    }
}

impl Decode for String {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        match c.row {
            RowRef::Postgres(r) => Column::pg::<PgText>(r, c.idx).map(|v| v.0),
            RowRef::Sqlite(r) => Column::sqlite(r, c.idx),
            RowRef::MySql(r) => Column::mysql(r, c.idx),
        }
    }
}

/// Parses the date-time text forms SQLite holds: RFC 3339 (`T` or space separator), and
/// `YYYY-MM-DD HH:MM:SS[.fff]` as written by `CURRENT_TIMESTAMP` (UTC)
/// (<https://www.sqlite.org/lang_datefunc.html#time_values>).
pub(crate) fn parse_datetime_text(s: &str) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(dt.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%dT%H:%M:%S%.f%:z", "%Y-%m-%d %H:%M:%S%.f%#z"] {
        if let Ok(dt) = DateTime::parse_from_str(s, format) {
            return Ok(dt.with_timezone(&Utc));
        }
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, format) {
            return Ok(dt.and_utc());
        }
    }
    if let Ok(date) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(date.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    Err(format!("`{s}` is not a date-time"))
}

/// The text form written for `DateTime` parameters on SQLite: fixed width, so text order is
/// time order, and readable by SQLite's date functions.
pub(crate) fn format_sqlite_datetime(dt: &DateTime<Utc>) -> String {
    dt.format("%Y-%m-%d %H:%M:%S%.3f+00:00").to_string()
}

impl Decode for DateTime<Utc> {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        match c.row {
            RowRef::Postgres(r) => Column::pg::<PgTimestamp>(r, c.idx).map(|v| v.0),
            RowRef::Sqlite(r) => match Column::sqlite_storage(r, c.idx)?.as_str() {
                // Prisma stores SQLite date-times as Unix milliseconds.
                "INTEGER" | "REAL" => {
                    let ms = Column::sqlite::<i64>(r, c.idx)?;
                    DateTime::from_timestamp_millis(ms).ok_or_else(|| format!("{ms} ms is out of range"))
                }
                _ => parse_datetime_text(&Column::sqlite::<String>(r, c.idx)?),
            },
            RowRef::MySql(r) => Column::mysql::<NaiveDateTime>(r, c.idx).map(|dt| dt.and_utc()),
        }
    }
}

impl Decode for serde_json::Value {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        match c.row {
            RowRef::Postgres(r) => Column::pg(r, c.idx),
            RowRef::Sqlite(r) => serde_json::from_str(&Column::sqlite::<String>(r, c.idx)?)
                .map_err(|e| format!("invalid JSON: {e}")),
            RowRef::MySql(r) => serde_json::from_str(&Column::mysql::<String>(r, c.idx)?)
                .map_err(|e| format!("invalid JSON: {e}")),
        }
    }
}

impl Decode for Vec<u8> {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        match c.row {
            RowRef::Postgres(r) => Column::pg(r, c.idx),
            RowRef::Sqlite(r) => Column::sqlite(r, c.idx),
            RowRef::MySql(r) => Column::mysql(r, c.idx),
        }
    }
}

impl<C: CustomType> Decode for C {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        <C as CustomType>::decode(c)
    }
}

fn lists_postgres_only<T>() -> Result<T, String> {
    Err("scalar lists are stored as arrays, which only PostgreSQL has".to_owned())
}

/// Scalar lists (PostgreSQL arrays, <https://www.postgresql.org/docs/current/arrays.html>).
macro_rules! decode_list {
    ($($ty:ty => $raw:ty, $map:expr);* $(;)?) => {$(
        impl Decode for Vec<$ty> {
            fn decode(c: Column<'_>) -> Result<Self, String> {
                match c.row {
                    RowRef::Postgres(r) => {
                        let raw: Vec<$raw> = Column::pg(r, c.idx)?;
                        raw.into_iter().map($map).collect()
                    }
                    RowRef::Sqlite(_) | RowRef::MySql(_) => lists_postgres_only(),
                }
            }
        }
    )*};
}

decode_list! {
    bool => bool, Ok;
    i32 => PgInt, |v: PgInt| i32::try_from(v.0).or_else(|_| out_of_range(v.0));
    i64 => PgInt, |v: PgInt| Ok(v.0);
    f64 => PgFloat, |v: PgFloat| Ok(v.0);
    Decimal => Decimal, Ok;
    String => PgText, |v: PgText| Ok(v.0);
    DateTime<Utc> => PgTimestamp, |v: PgTimestamp| Ok(v.0);
    serde_json::Value => serde_json::Value, Ok;
    Vec<u8> => Vec<u8>, Ok;
}

impl<C: CustomType> Decode for Vec<C> {
    fn decode(c: Column<'_>) -> Result<Self, String> {
        <C as CustomType>::decode_list(c)
    }
}

/// Accepts any PostgreSQL value; used to test for NULL.
struct PgAny;

impl<'a> FromSql<'a> for PgAny {
    fn from_sql(_: &Type, _: &'a [u8]) -> Result<Self, BoxError> {
        Ok(PgAny)
    }
    fn accepts(_: &Type) -> bool {
        true
    }
}

/// `int2`, `int4` or `int8` widened to `i64`.
struct PgInt(i64);

impl<'a> FromSql<'a> for PgInt {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(PgInt(match *ty {
            Type::INT2 => i64::from(i16::from_sql(ty, raw)?),
            Type::INT4 => i64::from(i32::from_sql(ty, raw)?),
            Type::OID => i64::from(u32::from_sql(ty, raw)?),
            _ => i64::from_sql(ty, raw)?,
        }))
    }
    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::INT2 | Type::INT4 | Type::INT8 | Type::OID)
    }
}

/// `float4` or `float8` as `f64`.
struct PgFloat(f64);

impl<'a> FromSql<'a> for PgFloat {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(PgFloat(match *ty {
            Type::FLOAT4 => f64::from(f32::from_sql(ty, raw)?),
            _ => f64::from_sql(ty, raw)?,
        }))
    }
    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::FLOAT4 | Type::FLOAT8)
    }
}

/// Text-like values as `String`: `text`, `varchar`, `bpchar`, `name`, `citext`, enums (binary
/// form is the label), and `uuid` (binary form is 16 bytes, rendered hyphenated).
struct PgText(String);

impl<'a> FromSql<'a> for PgText {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        if *ty == Type::UUID {
            return Ok(PgText(uuid::Uuid::from_slice(raw)?.hyphenated().to_string()));
        }
        Ok(PgText(std::str::from_utf8(raw)?.to_owned()))
    }
    fn accepts(ty: &Type) -> bool {
        *ty == Type::UUID
            || <&str as FromSql>::accepts(ty)
            || matches!(ty.kind(), Kind::Enum(_))
            || ty.name() == "citext"
            || *ty == Type::XML
    }
}

/// `timestamptz`, `timestamp` (read as UTC) or `date` (midnight UTC).
struct PgTimestamp(DateTime<Utc>);

impl<'a> FromSql<'a> for PgTimestamp {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(PgTimestamp(match *ty {
            Type::TIMESTAMP => NaiveDateTime::from_sql(ty, raw)?.and_utc(),
            Type::DATE => chrono::NaiveDate::from_sql(ty, raw)?.and_time(chrono::NaiveTime::MIN).and_utc(),
            _ => DateTime::<Utc>::from_sql(ty, raw)?,
        }))
    }
    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::TIMESTAMP | Type::TIMESTAMPTZ | Type::DATE)
    }
}

/// The values of `columns` (indexes into `model.columns`, which are also positions in the select
/// list) in `reader`'s row, in `columns` order.
///
/// # Errors
/// [`Error::Decode`] for an index outside the model or a value that does not decode.
pub(crate) fn key_values(reader: &RowReader<'_>, model: &ModelMeta, columns: &[u16]) -> Result<Vec<Value>> {
    columns.iter().map(|&c| key_value(reader, model, c)).collect()
}

/// The value of column `column` (an index into `model.columns` and the select list) in
/// `reader`'s row; the single-column form of [`key_values`], without a vector.
///
/// # Errors
/// [`Error::Decode`] for an index outside the model or a value that does not decode.
pub(crate) fn key_value(reader: &RowReader<'_>, model: &ModelMeta, column: u16) -> Result<Value> {
    let idx = usize::from(column);
    match model.columns.get(idx) {
        Some(meta) => reader.value(idx, meta),
        None => Err(Error::Decode {
            model: model.name,
            column: format!("#{idx}"),
            message: "relation column index out of range".to_owned(),
        }),
    }
}
