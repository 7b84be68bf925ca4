//! The typed surface generated clients are built from: fields, filters, updates, orderings, relations.
//!
//! Generated code writes one tiny function per field (`user::email()`), returning a [`Field`];
//! every operator is implemented once here, generically. This keeps generated code small while the
//! type checker still rejects unknown fields, wrong value types and non-unique `find_unique` inputs.

use std::marker::PhantomData;

use crate::meta::{ModelMeta, RelationMeta};
use crate::query::{ColumnIdx, CompareOp, FilterNode, LikeKind, Order, SetOp};
use crate::value::{ToValue, Value};

/// A model struct generated from a `model` block.
#[diagnostic::on_unimplemented(message = "`{Self}` is not a model of the generated client")]
pub trait Model: Sized + Send + Sync + Unpin + 'static {
    /// Table and column metadata.
    const META: &'static ModelMeta;
    /// The generated create input (`user::Create`).
    type Create: CreateInput<Self>;
    /// Decodes one row whose columns are `META.columns` in order.
    ///
    /// # Errors
    /// `Error::Decode` when a column has an unexpected type.
    fn from_row(row: &mut crate::row::RowReader<'_>) -> crate::Result<Self>;
}

/// A generated create input: the values it sets explicitly.
pub trait CreateInput<M>: Send {
    /// Pushes `(column, value)` for every field that was given; unset fields get their default.
    fn into_values(self, out: &mut Vec<(ColumnIdx, Value)>);
}

/// Marks a field that is not unique on its own.
#[derive(Debug, Clone, Copy)]
pub struct Plain;
/// Marks a field that is `@id` or `@unique` on its own, so `equals` yields a [`UniqueFilter`].
#[derive(Debug, Clone, Copy)]
pub struct Unique;

/// The Rust type of a field as it appears in the model struct: a scalar or `Option` of one.
pub trait FieldType: Send + 'static {
    /// The non-null scalar type.
    type Inner: ToValue + Send;
}

macro_rules! field_type {
    ($($ty:ty),*) => {$(
        impl FieldType for $ty { type Inner = $ty; }
        impl FieldType for Option<$ty> { type Inner = $ty; }
    )*};
}
field_type!(
    bool,
    i32,
    i64,
    f64,
    rust_decimal::Decimal,
    String,
    chrono::DateTime<chrono::Utc>,
    serde_json::Value,
    Vec<u8>
);

/// Scalar lists (`String[]` → `Vec<String>`, PostgreSQL arrays): bound as one array parameter.
macro_rules! list_field_type {
    ($($ty:ty),*) => {$(
        impl ToValue for Vec<$ty> {
            fn to_value(self) -> Value {
                Value::List(self.into_iter().map(ToValue::to_value).collect())
            }
        }
        impl FieldType for Vec<$ty> { type Inner = Vec<$ty>; }
    )*};
}
list_field_type!(
    bool,
    i32,
    i64,
    f64,
    rust_decimal::Decimal,
    String,
    chrono::DateTime<chrono::Utc>,
    serde_json::Value,
    Vec<u8>
);

/// Scalar types with an order (`lt`, `gt`, `order_by`).
pub trait Ordered {}
impl Ordered for i32 {}
impl Ordered for i64 {}
impl Ordered for f64 {}
impl Ordered for rust_decimal::Decimal {}
impl Ordered for String {}
impl Ordered for chrono::DateTime<chrono::Utc> {}

/// Numeric scalar types (`increment`, `decrement`).
pub trait Numeric {}
impl Numeric for i32 {}
impl Numeric for i64 {}
impl Numeric for f64 {}
impl Numeric for rust_decimal::Decimal {}

/// A scalar field of model `M` whose struct type is `T`; `K` is [`Plain`] or [`Unique`].
pub struct Field<M, T, K = Plain> {
    index: ColumnIdx,
    #[allow(clippy::type_complexity)]
    _marker: PhantomData<fn() -> (M, T, K)>,
}

impl<M, T, K> Clone for Field<M, T, K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M, T, K> Copy for Field<M, T, K> {}

/// A filter on model `M`.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter<M> {
    /// The untyped tree.
    pub node: FilterNode,
    _marker: PhantomData<fn() -> M>,
}

/// A filter that selects at most one record of `M`: equality on the id or a unique criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueFilter<M> {
    /// The untyped tree (an `And` of equalities).
    pub node: FilterNode,
    _marker: PhantomData<fn() -> M>,
}

/// One assignment of an update on model `M`.
#[derive(Debug, Clone, PartialEq)]
pub struct Set<M> {
    /// The column.
    pub column: ColumnIdx,
    /// What to assign.
    pub op: SetOp,
    _marker: PhantomData<fn() -> M>,
}

/// One `ORDER BY` term on model `M`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrderBy<M> {
    /// The column.
    pub column: ColumnIdx,
    /// The direction.
    pub order: Order,
    _marker: PhantomData<fn() -> M>,
}

/// A relation field of `M` pointing at `R`; `C` is [`Many`], [`One`] or [`OptionalOne`].
pub struct Relation<M, R, C> {
    /// Join columns and cardinality.
    pub meta: &'static RelationMeta,
    #[allow(clippy::type_complexity)]
    _marker: PhantomData<fn() -> (M, R, C)>,
}

impl<M, R, C> Clone for Relation<M, R, C> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M, R, C> Copy for Relation<M, R, C> {}

/// To-many relation marker: an include yields `Vec<R>`.
#[derive(Debug, Clone, Copy)]
pub struct Many;
/// Required to-one relation marker: an include yields `R`.
#[derive(Debug, Clone, Copy)]
pub struct One;
/// Optional to-one relation marker: an include yields `Option<R>`.
#[derive(Debug, Clone, Copy)]
pub struct OptionalOne;

/// What an include of cardinality `Self` yields for related model `R`.
pub trait RelationCardinality<R>: Send + 'static {
    /// `Vec<R>`, `R` or `Option<R>`.
    type Output: Send;
    /// Builds the output from the related records found for one parent.
    ///
    /// # Errors
    /// `Error::RelatedNotFound` when a required to-one relation found nothing.
    fn collect(model: &'static str, relation: &'static str, found: Vec<R>) -> crate::Result<Self::Output>;
}

impl<R: Send + 'static> RelationCardinality<R> for Many {
    type Output = Vec<R>;
    fn collect(_: &'static str, _: &'static str, found: Vec<R>) -> crate::Result<Vec<R>> {
        Ok(found)
    }
}

impl<R: Send + 'static> RelationCardinality<R> for One {
    type Output = R;
    fn collect(model: &'static str, relation: &'static str, found: Vec<R>) -> crate::Result<R> {
        found.into_iter().next().ok_or(crate::Error::RelatedNotFound { model, relation })
    }
}

impl<R: Send + 'static> RelationCardinality<R> for OptionalOne {
    type Output = Option<R>;
    fn collect(_: &'static str, _: &'static str, found: Vec<R>) -> crate::Result<Option<R>> {
        Ok(found.into_iter().next())
    }
}

/// A record with one included relation: `record.related` holds what the include loaded.
/// Derefs to the record, so `with.email` works as on the plain struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Included<M, T> {
    /// The record itself.
    pub record: M,
    /// The related record(s): `Vec<R>`, `R` or `Option<R>`.
    pub related: T,
}

impl<M, T> std::ops::Deref for Included<M, T> {
    type Target = M;
    fn deref(&self) -> &M {
        &self.record
    }
}

impl<M, R, C> Relation<M, R, C> {
    /// Used by generated code: `pub fn posts() -> Relation<User, Post, Many> { Relation::new(&POSTS) }`.
    pub const fn new(meta: &'static RelationMeta) -> Self {
        Relation { meta, _marker: PhantomData }
    }
}

impl<M, T, K> Field<M, T, K> {
    /// Used by generated code: `pub const fn email() -> Field<User, String, Unique> { Field::new(2) }`.
    pub const fn new(index: ColumnIdx) -> Self {
        Field { index, _marker: PhantomData }
    }

    /// The column index in the model's metadata.
    pub const fn index(self) -> ColumnIdx {
        self.index
    }
}

impl<M> Filter<M> {
    /// Wraps an untyped node. Generated code and the engine only.
    pub fn from_node(node: FilterNode) -> Self {
        Filter { node, _marker: PhantomData }
    }

    /// Both filters hold (`AND`). Chained calls build one flat `AND`: `a.and(b).and(c)`.
    pub fn and(self, other: impl Into<Filter<M>>) -> Filter<M> {
        match self.node {
            FilterNode::And(mut nodes) => {
                nodes.push(other.into().node);
                Filter::from_node(FilterNode::And(nodes))
            }
            node => Filter::from_node(FilterNode::And(vec![node, other.into().node])),
        }
    }

    /// Either filter holds (`OR`). Chained calls build one flat `OR`: `a.or(b).or(c)`.
    pub fn or(self, other: impl Into<Filter<M>>) -> Filter<M> {
        match self.node {
            FilterNode::Or(mut nodes) => {
                nodes.push(other.into().node);
                Filter::from_node(FilterNode::Or(nodes))
            }
            node => Filter::from_node(FilterNode::Or(vec![node, other.into().node])),
        }
    }

    /// Every filter holds (`AND`); true when empty.
    pub fn all(filters: impl IntoIterator<Item = Filter<M>>) -> Filter<M> {
        Filter::from_node(FilterNode::And(filters.into_iter().map(|f| f.node).collect()))
    }

    /// At least one filter holds (`OR`); false when empty.
    pub fn any(filters: impl IntoIterator<Item = Filter<M>>) -> Filter<M> {
        Filter::from_node(FilterNode::Or(filters.into_iter().map(|f| f.node).collect()))
    }
}

impl<M> std::ops::Not for Filter<M> {
    type Output = Filter<M>;
    fn not(self) -> Filter<M> {
        Filter::from_node(FilterNode::Not(Box::new(self.node)))
    }
}

impl<M> UniqueFilter<M> {
    /// Wraps an untyped node. Generated code only: it must be equality on a unique criterion.
    pub fn from_node(node: FilterNode) -> Self {
        UniqueFilter { node, _marker: PhantomData }
    }
}

impl<M> From<UniqueFilter<M>> for Filter<M> {
    fn from(u: UniqueFilter<M>) -> Filter<M> {
        Filter::from_node(u.node)
    }
}

fn compare(column: ColumnIdx, op: CompareOp, value: Value) -> FilterNode {
    FilterNode::Compare { column, op, value }
}

impl<M, T: FieldType> Field<M, T, Plain> {
    /// `field = value`.
    pub fn equals(self, value: impl Into<T::Inner>) -> Filter<M> {
        Filter::from_node(compare(self.index, CompareOp::Equals, value.into().to_value()))
    }
}

impl<M, T: FieldType> Field<M, T, Unique> {
    /// `field = value`; selects at most one record, so it is accepted by `find_unique`.
    pub fn equals(self, value: impl Into<T::Inner>) -> UniqueFilter<M> {
        UniqueFilter::from_node(compare(self.index, CompareOp::Equals, value.into().to_value()))
    }
}

impl<M, T: FieldType, K> Field<M, T, K> {
    /// `field <> value` (records where the field is NULL match too, as in Prisma's `not`).
    pub fn not(self, value: impl Into<T::Inner>) -> Filter<M> {
        Filter::from_node(compare(self.index, CompareOp::NotEquals, value.into().to_value()))
    }

    /// `field IN (values)`; an empty list matches nothing.
    pub fn in_<V: Into<T::Inner>>(self, values: impl IntoIterator<Item = V>) -> Filter<M> {
        let values = values.into_iter().map(|v| v.into().to_value()).collect();
        Filter::from_node(FilterNode::In { column: self.index, values, negated: false })
    }

    /// `field NOT IN (values)`; an empty list matches everything.
    pub fn not_in<V: Into<T::Inner>>(self, values: impl IntoIterator<Item = V>) -> Filter<M> {
        let values = values.into_iter().map(|v| v.into().to_value()).collect();
        Filter::from_node(FilterNode::In { column: self.index, values, negated: true })
    }

    /// Assigns `value` in an update (`set(None)` on an optional field writes NULL).
    pub fn set(self, value: impl Into<T>) -> Set<M>
    where
        T: ToValue,
    {
        Set { column: self.index, op: SetOp::Set(value.into().to_value()), _marker: PhantomData }
    }
}

impl<M, T: FieldType, K> Field<M, T, K>
where
    T::Inner: Ordered,
{
    /// `field < value`.
    pub fn lt(self, value: impl Into<T::Inner>) -> Filter<M> {
        Filter::from_node(compare(self.index, CompareOp::Lt, value.into().to_value()))
    }
    /// `field <= value`.
    pub fn lte(self, value: impl Into<T::Inner>) -> Filter<M> {
        Filter::from_node(compare(self.index, CompareOp::Lte, value.into().to_value()))
    }
    /// `field > value`.
    pub fn gt(self, value: impl Into<T::Inner>) -> Filter<M> {
        Filter::from_node(compare(self.index, CompareOp::Gt, value.into().to_value()))
    }
    /// `field >= value`.
    pub fn gte(self, value: impl Into<T::Inner>) -> Filter<M> {
        Filter::from_node(compare(self.index, CompareOp::Gte, value.into().to_value()))
    }
    /// `ORDER BY field ASC`.
    pub fn asc(self) -> OrderBy<M> {
        OrderBy { column: self.index, order: Order::Asc, _marker: PhantomData }
    }
    /// `ORDER BY field DESC`.
    pub fn desc(self) -> OrderBy<M> {
        OrderBy { column: self.index, order: Order::Desc, _marker: PhantomData }
    }
}

impl<M, T: FieldType<Inner = String>, K> Field<M, T, K> {
    /// The field contains `value` (case-sensitive; `%` and `_` in `value` match literally).
    pub fn contains(self, value: impl Into<String>) -> Filter<M> {
        self.like(LikeKind::Contains, value.into())
    }
    /// The field starts with `value`.
    pub fn starts_with(self, value: impl Into<String>) -> Filter<M> {
        self.like(LikeKind::StartsWith, value.into())
    }
    /// The field ends with `value`.
    pub fn ends_with(self, value: impl Into<String>) -> Filter<M> {
        self.like(LikeKind::EndsWith, value.into())
    }
    fn like(self, kind: LikeKind, value: String) -> Filter<M> {
        Filter::from_node(FilterNode::Like { column: self.index, kind, value })
    }
}

impl<M, T: FieldType, K> Field<M, T, K>
where
    T::Inner: Numeric,
{
    /// `field = field + value` in an update.
    pub fn increment(self, value: impl Into<T::Inner>) -> Set<M> {
        Set { column: self.index, op: SetOp::Increment(value.into().to_value()), _marker: PhantomData }
    }
    /// `field = field - value` in an update.
    pub fn decrement(self, value: impl Into<T::Inner>) -> Set<M> {
        Set { column: self.index, op: SetOp::Decrement(value.into().to_value()), _marker: PhantomData }
    }
}

impl<M, T: FieldType, K> Field<M, Option<T>, K>
where
    Option<T>: FieldType,
{
    /// `field IS NULL`.
    pub fn is_null(self) -> Filter<M> {
        Filter::from_node(FilterNode::IsNull { column: self.index, negated: false })
    }
    /// `field IS NOT NULL`.
    pub fn is_not_null(self) -> Filter<M> {
        Filter::from_node(FilterNode::IsNull { column: self.index, negated: true })
    }
}

/// Equality on one column, for generated compound-unique constructors: `(column, value)` pairs
/// become an `And` of equalities.
pub fn unique_from_pairs<M>(pairs: Vec<(ColumnIdx, Value)>) -> UniqueFilter<M> {
    let nodes = pairs.into_iter().map(|(column, value)| compare(column, CompareOp::Equals, value)).collect();
    UniqueFilter::from_node(FilterNode::And(nodes))
}

/// A generated Rust enum for a schema `enum`.
pub trait DbEnum: Sized + Copy + Send + Sync + Unpin + 'static {
    /// The database type name (PostgreSQL enum type), e.g. `Role`.
    const DB_TYPE: &'static str;
    /// The stored value of this variant (its mapped name).
    fn as_db_str(self) -> &'static str;
    /// The variant stored as `s`, if any.
    fn from_db_str(s: &str) -> Option<Self>;
}

/// A type the generated client defines and binds as one value: an enum (every [`DbEnum`] is one,
/// through a blanket impl) or a composite type (codegen writes `impl CustomType` with the
/// [`composite_value`] / [`composite_unreadable`] helpers). The generic impls of [`ToValue`],
/// [`FieldType`] and [`crate::row::Decode`] for `T`, `Option<T>` and `Vec<T>` go through it, so
/// the generated code needs no per-type copies of them.
pub trait CustomType: Sized + Send + Sync + Unpin + 'static {
    /// The bound value: [`Value::Enum`] or [`Value::Document`].
    fn to_value(self) -> Value;
    /// Decodes one column of a SQL row.
    ///
    /// # Errors
    /// A message saying what was found instead (composite types: always, no SQL database
    /// stores them).
    fn decode(column: crate::row::Column<'_>) -> Result<Self, String>;
    /// Decodes a list column (PostgreSQL array) of a SQL row.
    ///
    /// # Errors
    /// As [`CustomType::decode`].
    fn decode_list(column: crate::row::Column<'_>) -> Result<Vec<Self>, String>;
}

impl<E: DbEnum> CustomType for E {
    fn to_value(self) -> Value {
        Value::Enum(self.as_db_str())
    }
    fn decode(column: crate::row::Column<'_>) -> Result<Self, String> {
        let s = <String as crate::row::Decode>::decode(column)?;
        E::from_db_str(&s).ok_or_else(|| format!("`{s}` is not a value of enum {}", E::DB_TYPE))
    }
    fn decode_list(column: crate::row::Column<'_>) -> Result<Vec<Self>, String> {
        let raw = <Vec<String> as crate::row::Decode>::decode(column)?;
        raw.iter()
            .map(|s| E::from_db_str(s).ok_or_else(|| format!("`{s}` is not a value of enum {}", E::DB_TYPE)))
            .collect()
    }
}

impl<C: CustomType> ToValue for C {
    fn to_value(self) -> Value {
        CustomType::to_value(self)
    }
}

impl<C: CustomType> FieldType for C {
    type Inner = C;
}

impl<C: CustomType> FieldType for Option<C> {
    type Inner = C;
}

impl<C: CustomType> ToValue for Vec<C> {
    fn to_value(self) -> Value {
        Value::List(self.into_iter().map(ToValue::to_value).collect())
    }
}

impl<C: CustomType> FieldType for Vec<C> {
    type Inner = Vec<C>;
}

/// A generated struct for a composite type (MongoDB `type Address { street String … }`,
/// <https://www.prisma.io/docs/orm/prisma-schema/data-model/models#defining-composite-types>).
///
/// Composite-typed model fields get the operators that make sense for a whole embedded document:
/// `equals` / `not` / `in_` / `not_in` (Prisma's `equals`), `set` in updates, and for optional
/// fields `is_null` / `is_not_null`. Ordering, `contains` and arithmetic do not apply. Only MongoDB
/// stores composite types; the SQL dialects refuse models that have them
/// ([`crate::dialect::check_model`]).
pub trait Composite: CustomType + Clone {
    /// The type name and its fields (keys, types, arity), in struct field order.
    const META: &'static crate::meta::CompositeMeta;
    /// Pushes every field's value, in `META.fields` order.
    fn into_values(self, out: &mut Vec<Value>);
}

/// `CustomType::to_value` of a composite type: a [`Value::Document`] keyed by the fields'
/// database names (`@map`), in declaration order.
pub fn composite_value<C: Composite>(value: C) -> Value {
    let mut values = Vec::with_capacity(C::META.fields.len());
    value.into_values(&mut values);
    Value::Document(C::META.fields.iter().map(|f| f.column).zip(values).collect())
}

/// `CustomType::decode` of a composite type: the message that no SQL row holds one.
pub fn composite_unreadable<C: Composite>() -> String {
    format!("composite type `{}` is an embedded MongoDB document; no SQL column holds one", C::META.name)
}

/// An include with options: which related records, in which order, how many per parent.
/// Built from a relation: `user::posts().filter(post::published().equals(true))
/// .order_by(post::created_at().desc()).take(10)`.
pub struct Include<M, R, C> {
    /// The relation.
    pub relation: Relation<M, R, C>,
    /// Extra filter on the related records.
    pub filter: Option<FilterNode>,
    /// Order of the related records of each parent (primary key when empty).
    pub order_by: Vec<(ColumnIdx, Order)>,
    /// Related records skipped per parent.
    pub skip: Option<u64>,
    /// Related records kept per parent (`ROW_NUMBER() OVER (PARTITION BY …)` in SQL).
    pub take: Option<u64>,
}

impl<M, R, C> Include<M, R, C> {
    /// Keeps only related records matching `filter` (repeated calls AND together).
    pub fn filter(mut self, filter: impl Into<Filter<R>>) -> Self {
        let node = filter.into().node;
        self.filter = Some(match self.filter.take() {
            None => node,
            Some(FilterNode::And(mut nodes)) => {
                nodes.push(node);
                FilterNode::And(nodes)
            }
            Some(prev) => FilterNode::And(vec![prev, node]),
        });
        self
    }
    /// Orders each parent's related records (terms apply in call order).
    pub fn order_by(mut self, order: OrderBy<R>) -> Self {
        self.order_by.push((order.column, order.order));
        self
    }
    /// Skips the first `n` related records of each parent.
    pub fn skip(mut self, n: u64) -> Self {
        self.skip = Some(n);
        self
    }
    /// Keeps at most `n` related records per parent.
    pub fn take(mut self, n: u64) -> Self {
        self.take = Some(n);
        self
    }
}

impl<M, R, C> From<Relation<M, R, C>> for Include<M, R, C> {
    fn from(relation: Relation<M, R, C>) -> Self {
        Include { relation, filter: None, order_by: Vec::new(), skip: None, take: None }
    }
}

impl<M, R, C> Relation<M, R, C> {
    /// An include of this relation keeping only related records matching `filter`.
    pub fn filter(self, filter: impl Into<Filter<R>>) -> Include<M, R, C> {
        Include::from(self).filter(filter)
    }
    /// An include of this relation with each parent's related records ordered.
    pub fn order_by(self, order: OrderBy<R>) -> Include<M, R, C> {
        Include::from(self).order_by(order)
    }
    /// An include of this relation skipping the first `n` related records per parent.
    pub fn skip(self, n: u64) -> Include<M, R, C> {
        Include::from(self).skip(n)
    }
    /// An include of this relation keeping at most `n` related records per parent.
    pub fn take(self, n: u64) -> Include<M, R, C> {
        Include::from(self).take(n)
    }
}

/// What `.include(…)` accepts for parents of model `M`: a [`Relation`] of `M` or an
/// [`Include`] built from one.
#[diagnostic::on_unimplemented(message = "`{Self}` is not a relation of `{M}`")]
pub trait IntoInclude<M> {
    /// The related model.
    type Related: Model;
    /// [`Many`], [`One`] or [`OptionalOne`].
    type Cardinality: RelationCardinality<Self::Related>;
    /// The include with its options.
    fn into_include(self) -> Include<M, Self::Related, Self::Cardinality>;
}

impl<M, R: Model, C: RelationCardinality<R>> IntoInclude<M> for Relation<M, R, C> {
    type Related = R;
    type Cardinality = C;
    fn into_include(self) -> Include<M, R, C> {
        Include::from(self)
    }
}

impl<M, R: Model, C: RelationCardinality<R>> IntoInclude<M> for Include<M, R, C> {
    type Related = R;
    type Cardinality = C;
    fn into_include(self) -> Include<M, R, C> {
        self
    }
}
