//! Untyped query values: what the typed client builds and what `render` turns into SQL.

use crate::meta::ModelMeta;
use crate::value::Value;

/// A column of the query's model: index into [`ModelMeta::columns`].
pub type ColumnIdx = u16;

/// Comparison operators of scalar filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    /// `=`.
    Equals,
    /// `<>` (NULL-safe: a NULL column matches `not` of a non-null value, as in Prisma).
    NotEquals,
    /// `<`.
    Lt,
    /// `<=`.
    Lte,
    /// `>`.
    Gt,
    /// `>=`.
    Gte,
}

/// Which part of a string a `LIKE` filter matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikeKind {
    /// `%value%`.
    Contains,
    /// `value%`.
    StartsWith,
    /// `%value`.
    EndsWith,
}

/// A filter tree over one model's columns. Empty `And` is true; empty `Or` is false.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterNode {
    /// `column <op> value`.
    Compare {
        /// The column.
        column: ColumnIdx,
        /// The operator.
        op: CompareOp,
        /// The bound value (never `Value::Null`; use `IsNull`).
        value: Value,
    },
    /// `column IN (values)`, or `NOT IN` when `negated`.
    In {
        /// The column.
        column: ColumnIdx,
        /// The values; the SQL text must not depend on their number on PostgreSQL (`= ANY($1)`).
        values: Vec<Value>,
        /// `NOT IN`.
        negated: bool,
    },
    /// `column IS NULL`, or `IS NOT NULL` when `negated`.
    IsNull {
        /// The column.
        column: ColumnIdx,
        /// `IS NOT NULL`.
        negated: bool,
    },
    /// `column LIKE pattern` with `%`, `_` and the escape character escaped in the bound value.
    Like {
        /// The column.
        column: ColumnIdx,
        /// Contains, starts with or ends with.
        kind: LikeKind,
        /// The raw (unescaped) text to look for.
        value: String,
    },
    /// All must hold.
    And(Vec<FilterNode>),
    /// At least one must hold.
    Or(Vec<FilterNode>),
    /// Negation.
    Not(Box<FilterNode>),
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// An assignment in an update.
#[derive(Debug, Clone, PartialEq)]
pub enum SetOp {
    /// `column = value`.
    Set(Value),
    /// `column = column + value`.
    Increment(Value),
    /// `column = column - value`.
    Decrement(Value),
    /// `column = column * value`.
    Multiply(Value),
    /// `column = column / value`.
    Divide(Value),
}

/// `SELECT <all columns> FROM table WHERE … ORDER BY … LIMIT take OFFSET skip`.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    /// The model queried.
    pub model: &'static ModelMeta,
    /// `WHERE`, if any.
    pub filter: Option<FilterNode>,
    /// `ORDER BY`, in order.
    pub order_by: Vec<(ColumnIdx, Order)>,
    /// `OFFSET`.
    pub skip: Option<u64>,
    /// `LIMIT`.
    pub take: Option<u64>,
}

/// The related-records query of an include: a [`Select`] (its `filter` holds the parent keys,
/// its `order_by` the order within each parent) cut to a window of records per parent.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedSelect {
    /// The query over the related model; its own `skip`/`take` are ignored.
    pub select: Select,
    /// The join columns: records with equal values here belong to the same parent.
    pub partition_by: Vec<ColumnIdx>,
    /// Records skipped per parent.
    pub skip: u64,
    /// Records kept per parent; `None` keeps all.
    pub take: Option<u64>,
}

/// `INSERT INTO table (columns) VALUES (…) RETURNING <all columns>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Insert {
    /// The model.
    pub model: &'static ModelMeta,
    /// Columns set explicitly and their values, in column order.
    pub values: Vec<(ColumnIdx, Value)>,
}

/// `INSERT INTO table (columns) VALUES (…), (…), …` without `RETURNING`: a batch of rows that
/// all set the same columns (rendered by [`crate::dialect::render_insert_many`]).
#[derive(Debug, Clone, PartialEq)]
pub struct InsertMany {
    /// The model.
    pub model: &'static ModelMeta,
    /// The columns every row sets, in column order.
    pub columns: Vec<ColumnIdx>,
    /// One value per column per row.
    pub rows: Vec<Vec<Value>>,
}

/// `UPDATE table SET … WHERE …`.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The model.
    pub model: &'static ModelMeta,
    /// `WHERE`, if any.
    pub filter: Option<FilterNode>,
    /// Assignments, in order.
    pub sets: Vec<(ColumnIdx, SetOp)>,
    /// Whether to return the updated rows (`RETURNING` where the dialect has it).
    pub returning: bool,
}

/// `DELETE FROM table WHERE …`.
#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    /// The model.
    pub model: &'static ModelMeta,
    /// `WHERE`, if any.
    pub filter: Option<FilterNode>,
    /// Whether to return the deleted rows.
    pub returning: bool,
}

/// `SELECT COUNT(*) FROM table WHERE …`.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// The model.
    pub model: &'static ModelMeta,
    /// `WHERE`, if any.
    pub filter: Option<FilterNode>,
}

/// Any query the client can run.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// A read.
    Select(Select),
    /// A create.
    Insert(Insert),
    /// An update.
    Update(Update),
    /// A delete.
    Delete(Delete),
    /// A count.
    Count(Count),
}

/// Rendered SQL with its parameters in placeholder order.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// SQL text with placeholders (`$1` or `?`).
    pub sql: String,
    /// Bound values, placeholder order.
    pub params: Vec<Value>,
}
