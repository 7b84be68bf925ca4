//! Static model metadata that generated code writes as `const`s: tables, columns, keys, relations.
//!
//! The query engine reads only this; it never sees the schema parser's `Schema`.

/// The database type family of a column, enough to bind and decode its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// `Boolean`.
    Boolean,
    /// `Int`.
    Int,
    /// `BigInt`.
    BigInt,
    /// `Float`.
    Float,
    /// `Decimal`.
    Decimal,
    /// `String`.
    String,
    /// `DateTime`.
    DateTime,
    /// `Json`.
    Json,
    /// `Bytes`.
    Bytes,
    /// An enum; the payload is the database type name (PostgreSQL `CREATE TYPE` name).
    Enum(&'static str),
    /// A composite type (MongoDB embedded document, `type Address { … }` in PSL). Only MongoDB
    /// stores these; every SQL dialect refuses a model with such a column
    /// ([`crate::dialect::check_model`]).
    Composite(&'static CompositeMeta),
}

/// A composite type (MongoDB `type` block): its name and fields. Written by codegen as the
/// `META` of `impl Composite for <Type>`. Fields reuse [`ColumnMeta`]: `column` is the key in the
/// embedded document (the `@map` name), `list` / `nullable` as for model fields, and `ty` may be
/// [`ColumnType::Composite`] again for nested types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompositeMeta {
    /// Type name in the schema, e.g. `Address`.
    pub name: &'static str,
    /// Fields in declaration order; the generated struct has them in this order.
    pub fields: &'static [ColumnMeta],
}

impl ColumnType {
    /// The composite type of a column, if it is one.
    pub fn composite(self) -> Option<&'static CompositeMeta> {
        match self {
            ColumnType::Composite(meta) => Some(meta),
            _ => None,
        }
    }
}

/// Where a column's value comes from when a create does not set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnDefault {
    /// No default: a create must set it (or it is nullable and becomes `NULL`).
    None,
    /// The database fills it (autoincrement, literal, `dbgenerated`): omit the column.
    Database,
    /// `now()`: the client sends the current UTC time.
    Now,
    /// `uuid()` / `uuid(4)`: the client sends a random v4 UUID string.
    Uuid4,
    /// `uuid(7)`: the client sends a time-ordered v7 UUID string.
    Uuid7,
    /// `cuid()`: the client sends a new cuid string.
    Cuid,
    /// `nanoid(n)`: the client sends a nanoid of `n` characters (21 when unspecified).
    Nanoid(u8),
    /// `ulid()`: the client sends a new ULID string.
    Ulid,
}

/// One column of a model's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnMeta {
    /// Field name in the schema, e.g. `createdAt`.
    pub name: &'static str,
    /// Column name in the database, e.g. `created_at`.
    pub column: &'static str,
    /// Type family.
    pub ty: ColumnType,
    /// True for optional (`?`) fields.
    pub nullable: bool,
    /// True for scalar lists (`[]`, PostgreSQL arrays).
    pub list: bool,
    /// Default applied on create when the value is not given.
    pub default: ColumnDefault,
    /// `@updatedAt`: set to now on every create and update.
    pub updated_at: bool,
}

/// A model's table and columns. `columns` are in field order; ids (`u16`) index into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelMeta {
    /// Model name in the schema, e.g. `User` (used in error messages).
    pub name: &'static str,
    /// Table name in the database.
    pub table: &'static str,
    /// Database schema (namespace) from `@@schema`, if any.
    pub schema: Option<&'static str>,
    /// Every readable column, in field order. Generated structs decode in this order.
    pub columns: &'static [ColumnMeta],
    /// Column indexes of the primary key (or the first unique criterion when there is no id).
    pub primary_key: &'static [u16],
    /// Unique criteria (primary key first), each a list of column indexes; for error messages.
    pub unique_criteria: &'static [&'static [u16]],
}

/// How many related records an include yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// To-many: `Vec<R>`.
    Many,
    /// Required to-one: `R`.
    One,
    /// Optional to-one: `Option<R>`.
    OptionalOne,
}

/// A relation as seen from one model: `M.from_columns[i]` equals `R.to_columns[i]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationMeta {
    /// Relation field name, e.g. `posts`.
    pub name: &'static str,
    /// Column indexes on the model that owns the field.
    pub from_columns: &'static [u16],
    /// Column indexes on the related model.
    pub to_columns: &'static [u16],
    /// To-many, to-one or optional to-one.
    pub cardinality: Cardinality,
}
