//! `Value`: one bound parameter or one decoded column, independent of the database driver.
//! Embedded documents (MongoDB composite types) are [`Value::Document`].

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

/// A value bound to a placeholder. Values are never spliced into SQL text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// `Boolean`.
    Bool(bool),
    /// `Int` (32-bit).
    Int(i32),
    /// `BigInt` (64-bit).
    BigInt(i64),
    /// `Float` (f64).
    Float(f64),
    /// `Decimal`.
    Decimal(Decimal),
    /// `String`.
    String(String),
    /// `DateTime` (UTC).
    DateTime(DateTime<Utc>),
    /// `Json`.
    Json(serde_json::Value),
    /// `Bytes`.
    Bytes(Vec<u8>),
    /// An enum value, as stored in the database (its mapped name).
    Enum(&'static str),
    /// A scalar list (PostgreSQL arrays) or a list of embedded documents (MongoDB `Type[]`);
    /// every element has the same variant.
    List(Vec<Value>),
    /// An embedded document: a value of a composite type (MongoDB `type` block,
    /// <https://www.prisma.io/docs/orm/prisma-schema/data-model/models#defining-composite-types>).
    /// Pairs of (field name in the database, i.e. the `@map` name if any; value), in the type's
    /// field order. No SQL dialect binds it: executing a statement with one fails with
    /// `Error::Unsupported`.
    Document(Vec<(&'static str, Value)>),
}

/// A Rust type that can be bound as a [`Value`]: the scalar types of generated structs.
pub trait ToValue {
    /// Converts into a bound value.
    fn to_value(self) -> Value;
}

macro_rules! to_value {
    ($($ty:ty => $variant:ident),* $(,)?) => {$(
        impl ToValue for $ty {
            fn to_value(self) -> Value { Value::$variant(self) }
        }
    )*};
}

to_value! {
    bool => Bool,
    i32 => Int,
    i64 => BigInt,
    f64 => Float,
    Decimal => Decimal,
    String => String,
    DateTime<Utc> => DateTime,
    serde_json::Value => Json,
    Vec<u8> => Bytes,
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(self) -> Value {
        match self {
            Some(v) => v.to_value(),
            None => Value::Null,
        }
    }
}
